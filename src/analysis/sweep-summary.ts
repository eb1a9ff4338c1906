/**
 * What a sweep measures in each run (the outcome columns of runs.csv) and how the runs are
 * summarised: summary.csv (per outcome: mean, sd, quantiles, 95 % interval of the mean) and
 * comparisons.csv (paired differences within runs, e.g. the aggregator's operating margin less
 * the labs': both come from the same run, the same seed and the same inputs, so the difference
 * is measured on common random numbers and its interval is far narrower than the two apart).
 *
 * @example
 * const names = outcomeNames(scenario);       // ['profit_lab', ..., 'final_open_gap_pct']
 * const values = outcomeValues(scenario, runScenario(scenario, { seed }));
 * summaryRows(names, columns);                // one row per outcome
 */
import type { Cell } from '../results/columns.ts';
import { KIND_MEASURES, type KindMeasure } from '../results/outcomes.ts';
import type { AgentKind } from '../scenario/schema.ts';
import {
  type IntervalEstimate,
  meanInterval95,
  quantileOfSorted,
  sortedCopy,
  standardDeviation,
} from './statistics.ts';

// ------------------------------------------------------------------------------- summary.csv

export const SUMMARY_QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

export const SWEEP_SUMMARY_COLUMNS = [
  'outcome',
  'runs',
  'mean',
  'sd',
  'q05',
  'q25',
  'q50',
  'q75',
  'q95',
  'mean_low',
  'mean_high',
] as const;

export interface OutcomeSummary {
  readonly outcome: string;
  /** Runs in which the outcome is defined (not NaN): the statistics are over those. */
  readonly runs: number;
  readonly sd: number;
  readonly quantiles: readonly number[];
  /** The mean with its 95 % confidence interval (Student's t). */
  readonly mean: IntervalEstimate;
}

/** The defined (non-NaN) values of a column. */
function defined(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values as ArrayLike<number>).filter((value) => !Number.isNaN(value));
}

export function summarizeOutcome(outcome: string, values: ArrayLike<number>): OutcomeSummary {
  const kept = defined(values);
  const sorted = sortedCopy(kept);
  return {
    outcome,
    runs: kept.length,
    sd: standardDeviation(kept),
    quantiles: SUMMARY_QUANTILES.map((p) => quantileOfSorted(sorted, p)),
    mean: meanInterval95(kept),
  };
}

export function summaryCells(row: OutcomeSummary): Cell[] {
  return [
    row.outcome,
    row.runs,
    row.mean.estimate,
    row.sd,
    ...row.quantiles,
    row.mean.low,
    row.mean.high,
  ];
}

// --------------------------------------------------------------------------- comparisons.csv

/** Each kind compared with the labs, on each measure: "does owning X beat being a lab?". */
const COMPARED_WITH_LABS: readonly AgentKind[] = [
  'aggregator',
  'hyperscaler',
  'open_weight',
  'host',
];

export interface Comparison {
  readonly measure: KindMeasure;
  readonly minuend: AgentKind;
  readonly subtrahend: AgentKind;
  /** The two outcome columns: minuend's, subtrahend's. */
  readonly columns: readonly [string, string];
}

/** The paired comparisons a sweep reports, for the kinds the outcomes have. */
export function comparisons(outcomes: readonly string[]): Comparison[] {
  const list: Comparison[] = [];
  for (const measure of KIND_MEASURES) {
    for (const minuend of COMPARED_WITH_LABS) {
      const columns = [`${measure}_${minuend}`, `${measure}_lab`] as const;
      if (outcomes.includes(columns[0]) && outcomes.includes(columns[1])) {
        list.push({ measure, minuend, subtrahend: 'lab', columns });
      }
    }
  }
  return list;
}

/** The numeric columns of comparisons.csv, after its three that name the comparison. */
export const COMPARISON_NUMBER_COLUMNS = [
  'runs',
  'mean',
  'mean_low',
  'mean_high',
  'share_above_zero',
  'q05',
  'q50',
  'q95',
] as const;

export const COMPARISON_COLUMNS = [
  'measure',
  'minuend',
  'subtrahend',
  ...COMPARISON_NUMBER_COLUMNS,
] as const;

export interface ComparisonSummary {
  readonly comparison: Comparison;
  /** Runs in which both sides are defined. */
  readonly runs: number;
  readonly mean: IntervalEstimate;
  /** Share of those runs in which the difference is above zero. */
  readonly shareAboveZero: number;
  readonly quantiles: readonly [number, number, number];
}

/** The run-by-run differences minuend - subtrahend, summarised. */
export function summarizeComparison(
  comparison: Comparison,
  minuend: ArrayLike<number>,
  subtrahend: ArrayLike<number>,
): ComparisonSummary {
  const differences: number[] = [];
  for (let run = 0; run < minuend.length; run++) {
    const difference = minuend[run]! - subtrahend[run]!;
    if (!Number.isNaN(difference)) differences.push(difference);
  }
  const sorted = sortedCopy(differences);
  const above = differences.filter((difference) => difference > 0).length;
  return {
    comparison,
    runs: differences.length,
    mean: meanInterval95(differences),
    shareAboveZero: differences.length > 0 ? above / differences.length : Number.NaN,
    quantiles: [
      quantileOfSorted(sorted, 0.05),
      quantileOfSorted(sorted, 0.5),
      quantileOfSorted(sorted, 0.95),
    ],
  };
}

export function comparisonCells(row: ComparisonSummary): Cell[] {
  const { measure, minuend, subtrahend } = row.comparison;
  return [
    measure,
    minuend,
    subtrahend,
    row.runs,
    row.mean.estimate,
    row.mean.low,
    row.mean.high,
    row.shareAboveZero,
    ...row.quantiles,
  ];
}
