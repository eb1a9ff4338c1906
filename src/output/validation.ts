/** The calibration check as a table and a CSV: fact, observed, band, simulated median and range. */
import type { FactCheck } from '../analysis/calibration.ts';
import { csvText } from '../results/csv.ts';
import { formatTable } from './terminal.ts';

export const VALIDATION_COLUMNS = [
  'fact',
  'description',
  'observed',
  'band_low',
  'band_high',
  'unit',
  'median',
  'p5',
  'p95',
  'runs',
  'pass',
  'source',
] as const;

export function validationCsv(checks: readonly FactCheck[]): Promise<string> {
  return csvText(
    VALIDATION_COLUMNS,
    checks.map((check) => [
      check.fact.id,
      check.fact.description,
      check.fact.observed,
      check.fact.band[0],
      check.fact.band[1],
      check.fact.unit,
      check.median,
      check.p5,
      check.p95,
      check.values.length,
      check.pass ? 'pass' : 'fail',
      check.fact.source,
    ]),
  );
}

export function formatValidation(checks: readonly FactCheck[]): string {
  const number = (value: number) => (Number.isFinite(value) ? value.toPrecision(3) : '-');
  return formatTable(
    ['fact', 'observed', 'band', 'simulated median', '5-95 % range', 'result'],
    checks.map((check) => [
      check.fact.description,
      check.fact.observed,
      `${number(check.fact.band[0])} - ${number(check.fact.band[1])} ${check.fact.unit}`,
      number(check.median),
      `${number(check.p5)} - ${number(check.p95)}`,
      check.pass ? 'pass' : 'FAIL',
    ]),
    ['left', 'left', 'left', 'right', 'right', 'left'],
  );
}
