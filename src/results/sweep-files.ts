/**
 * A sweep's summaries, beside its runs.csv: summary.csv (each outcome over the runs) and
 * comparisons.csv (paired differences within runs), their rows and columns. Computed by
 * analysis/sweep-summary.ts, written by output/sweep-summaries.ts, read by
 * analysis/folders/sweep-folder.ts. Column names are stable API: add columns, rename none.
 */
import { AGENT_KINDS, type AgentKind } from '../scenario/schema.ts';
import { KIND_MEASURES, type KindMeasure } from './outcomes.ts';
import {
  allRequired,
  type Column,
  column,
  columnNames,
  field,
  type IntervalEstimate,
  intervalColumns,
  type Table,
} from './table.ts';

/**
 * The probabilities of summary.csv's quantile columns, in their order: the median (q50) first,
 * as the figure a long-tailed outcome is best read by, then q05, q25, q75, q95.
 */
export const SUMMARY_QUANTILES = [0.5, 0.05, 0.25, 0.75, 0.95] as const;
export type SummaryProbability = (typeof SUMMARY_QUANTILES)[number];

/** The probabilities of comparisons.csv's quantile columns: q05, q50, q95. */
export const DIFFERENCE_QUANTILES = [0.05, 0.5, 0.95] as const;

/** A quantile's column name: q05 for 0.05. */
function quantileName(probability: number): string {
  return `q${String(Math.round(probability * 100)).padStart(2, '0')}`;
}

/** One row of a sweep's summary.csv: an outcome over the runs. */
export interface OutcomeSummary {
  readonly outcome: string;
  /** Runs in which the outcome is defined (not NaN): the statistics are over those. */
  readonly runs: number;
  readonly sd: number;
  /** At SUMMARY_QUANTILES. */
  readonly quantiles: readonly number[];
  /** The mean with its 95 % confidence interval (Student's t). */
  readonly mean: IntervalEstimate;
}

/** A summary row's quantile at one of SUMMARY_QUANTILES' probabilities. */
export function summaryQuantile(row: OutcomeSummary, probability: SummaryProbability): number {
  return row.quantiles[SUMMARY_QUANTILES.indexOf(probability)]!;
}

/**
 * summary.csv: statistics in the unit of the row's outcome. The median and the quantiles lead;
 * the mean, its interval and the sd follow (a few extreme runs move a mean of ratios far from
 * where most runs lie).
 */
export const SWEEP_SUMMARY_TABLE: Table<OutcomeSummary> = allRequired<OutcomeSummary>([
  field('outcome', 'text'),
  field('runs', 'count'),
  ...SUMMARY_QUANTILES.map(
    (probability, index): Column<OutcomeSummary> =>
      column(quantileName(probability), 'outcome', ['quantiles', index]),
  ),
  column('mean', 'outcome', ['mean', 'estimate']),
  column('mean_low', 'outcome', ['mean', 'low']),
  column('mean_high', 'outcome', ['mean', 'high']),
  field('sd', 'outcome'),
]);

/** summary.csv's header. */
export const SWEEP_SUMMARY_COLUMNS = columnNames(SWEEP_SUMMARY_TABLE);

/** Two kinds compared on one measure, run by run: the minuend's outcome less the subtrahend's. */
export interface MeasurePair {
  readonly measure: KindMeasure;
  readonly minuend: AgentKind;
  readonly subtrahend: AgentKind;
}

/** One row of comparisons.csv: a measure pair's differences within runs, summarised. */
export interface PairedDifference {
  readonly pair: MeasurePair;
  /** Runs in which both sides are defined. */
  readonly runs: number;
  readonly mean: IntervalEstimate;
  /** Share of those runs in which the difference is above zero. */
  readonly shareAboveZero: number;
  /** At DIFFERENCE_QUANTILES. */
  readonly quantiles: readonly [number, number, number];
}

/** comparisons.csv: differences in the unit of the row's measure. */
export const PAIRED_DIFFERENCE_TABLE: Table<PairedDifference> = allRequired<PairedDifference>([
  column('measure', 'text', ['pair', 'measure'], { values: KIND_MEASURES }),
  column('minuend', 'text', ['pair', 'minuend'], { values: AGENT_KINDS }),
  column('subtrahend', 'text', ['pair', 'subtrahend'], { values: AGENT_KINDS }),
  field('runs', 'count'),
  ...intervalColumns<PairedDifference>(['mean', 'mean_low', 'mean_high'], 'outcome', 'mean'),
  column('share_above_zero', 'share', ['shareAboveZero']),
  ...DIFFERENCE_QUANTILES.map(
    (probability, index): Column<PairedDifference> =>
      column(quantileName(probability), 'outcome', ['quantiles', index]),
  ),
]);

/** comparisons.csv's header. */
export const PAIRED_DIFFERENCE_COLUMNS = columnNames(PAIRED_DIFFERENCE_TABLE);
