/**
 * The units of a scenario's parameters, machine-readable: each numeric leaf of the schema carries
 * one (`.meta(unit('usd'))`), so `aisim params` can say what a number means without a list kept
 * beside the schema. The words each unit reads as are here, once.
 */

/** What a scenario parameter's number measures. */
export const PARAMETER_UNITS = {
  usd: 'USD',
  usd_per_month: 'USD a month',
  usd_per_year: 'USD a year',
  usd_per_customer_month: 'USD per customer a month',
  usd_per_mtok: 'USD per million tokens',
  usd_per_compute_unit_month: 'USD per compute unit a month',
  mtok_per_month: 'million tokens a month',
  compute_units_per_month: 'compute units a month',
  compute_units_per_mtok: 'compute units per million tokens',
  accelerator_hours_per_compute_unit: 'accelerator-hours per compute unit',
  points: 'capability points',
  points_per_year: 'capability points a year',
  months: 'months',
  months_per_year: 'months a year',
  fraction: 'fraction (1 = all)',
  ratio: 'ratio (0.1 = 10 %)',
  per_spend_month: 'USD per USD of monthly spend and month integrated',
  probability_per_month: 'probability a month',
  fraction_per_year: 'fraction a year',
  factor: 'multiplier',
  factor_per_year: 'multiplier a year',
  utility: 'logit utility',
  utility_per_point: 'logit utility per capability point',
  price_weight: 'logit weight on log price',
  log_sd: 'sd of the log',
  elasticity: 'elasticity',
  correlation: 'correlation (0 = independent, 1 = perfect substitutes)',
  customers: 'customers',
  count: 'count',
  month: 'YYYY-MM',
} as const;

export type ParameterUnit = keyof typeof PARAMETER_UNITS;

/** The metadata a schema leaf carries: `z.number().meta(unit('usd'))`. */
export function unit(name: ParameterUnit): { readonly unit: ParameterUnit } {
  return { unit: name };
}

export function isParameterUnit(value: unknown): value is ParameterUnit {
  return typeof value === 'string' && Object.hasOwn(PARAMETER_UNITS, value);
}
