/**
 * A batch's folder, `<out>/batch/`: its file names, what batch.json records, and the rows and
 * columns of batch.csv and batch-runs.csv (the writer is output/write-batch.ts, the reader
 * analysis/folders/batch-folder.ts). Column names are stable API: add columns, rename none.
 */
import { InputError } from '../errors.ts';
import type { ParameterDifference } from '../scenario/differences.ts';
import { SUMMARY_KINDS, type SurplusHolder } from './columns.ts';
import {
  column,
  columnNames,
  field,
  type IntervalEstimate,
  intervalColumns,
  type Table,
} from './table.ts';

/** The months a batch's measures cover. */
export interface Window {
  /** First month, YYYY-MM, inclusive (default: the run's start). */
  readonly from?: string;
  /** Last month, YYYY-MM, inclusive (default: the run's end). */
  readonly to?: string;
}

/**
 * Refuses, as bad input, a window that ends before it begins or reaches outside the horizon
 * `start`..`end` of the scenario in `source`: its figures would cover months that were never
 * run, or none at all.
 */
export function checkWindow(window: Window, start: string, end: string, source: string): void {
  const { from, to } = window;
  if (from !== undefined && to !== undefined && to < from) {
    throw new InputError('--to', '', `is before --from (${from})`, to);
  }
  for (const [option, month] of [
    ['--from', from],
    ['--to', to],
  ] as const) {
    if (month === undefined) continue;
    if (month < start) {
      throw new InputError(source, option, `is before the scenario starts (${start})`, month);
    }
    if (month > end) {
      throw new InputError(source, option, `is after the scenario ends (${end})`, month);
    }
  }
}

export const BATCH_FOLDER = 'batch';
export const BATCH_CSV = 'batch.csv';
export const BATCH_RUNS_CSV = 'batch-runs.csv';
export const BATCH_JSON = 'batch.json';

export interface BatchMetadata {
  readonly scenarios: readonly {
    readonly name: string;
    readonly file: string;
    readonly question?: string;
    /** The scenario it extends, by name, when it extends one. */
    readonly extends?: string;
    /** How it differs from the scenario it extends (scenario/differences.ts). */
    readonly differences?: readonly ParameterDifference[];
  }[];
  readonly seeds: readonly number[];
  readonly window: Window;
  readonly customers?: number;
  readonly months?: number;
  readonly settings: readonly string[];
}

export type BatchScope = 'kind' | 'leading_lab' | 'consumers' | 'difference';

export const BATCH_SCOPES: readonly BatchScope[] = [
  'kind',
  'leading_lab',
  'consumers',
  'difference',
];

/**
 * One row of batch.csv: a holder's measures in one scenario, each the mean over seeds with its
 * 95 % interval; or the paired difference of two holders' (`difference`, named `minuend-subtrahend`).
 */
export interface BatchRow {
  readonly scenario: string;
  readonly scope: BatchScope;
  /** The kind, the leading lab's id, "consumers", or the pair a difference is of. */
  readonly name: string;
  readonly kind: SurplusHolder;
  readonly seeds: number;
  readonly profitUsd: IntervalEstimate;
  readonly operatingMargin: IntervalEstimate;
  readonly surplusShare: IntervalEstimate;
}

export const BATCH_TABLE: Table<BatchRow> = [
  field('scenario', 'text', { required: true }),
  field('scope', 'text', { required: true, values: BATCH_SCOPES }),
  field('name', 'text', { required: true }),
  field('kind', 'text', { required: true, values: SUMMARY_KINDS }),
  field('seeds', 'count'),
  ...intervalColumns<BatchRow>(['profit_mean', 'profit_low', 'profit_high'], 'usd', 'profitUsd'),
  ...intervalColumns<BatchRow>(
    ['operating_margin_mean', 'operating_margin_low', 'operating_margin_high'],
    'share',
    'operatingMargin',
  ),
  ...intervalColumns<BatchRow>(
    ['surplus_share_mean', 'surplus_share_low', 'surplus_share_high'],
    'share',
    'surplusShare',
  ),
];

/** batch.csv's header. */
export const BATCH_COLUMNS = columnNames(BATCH_TABLE);

/**
 * One holder's outcome in one run (one seed) over the window: a row of batch-runs.csv. Consumers
 * have no revenue, profit or margin (NaN), only a surplus.
 */
export interface SeedOutcome {
  readonly scenario: string;
  readonly seed: number;
  readonly scope: Exclude<BatchScope, 'difference'>;
  readonly name: string;
  readonly kind: SurplusHolder;
  readonly revenueUsd: number;
  readonly profitUsd: number;
  readonly operatingMargin: number;
  /** What the holder keeps, USD: its profit for a producer, consumer surplus for consumers. */
  readonly surplusUsd: number;
  /** `surplusUsd` over the total surplus (consumer surplus plus every kind's profit). */
  readonly surplusShare: number;
}

/**
 * batch-runs.csv: one row per scenario, seed and holder, tidy (a notebook groups and pivots it
 * as it likes). USD amounts and fractions, as summary.csv's.
 */
export const BATCH_RUNS_TABLE: Table<SeedOutcome> = [
  field('scenario', 'text', { required: true }),
  field('seed', 'seed', { required: true }),
  field('scope', 'text', {
    required: true,
    values: BATCH_SCOPES.filter((scope) => scope !== 'difference'),
  }),
  field('name', 'text', { required: true }),
  field('kind', 'text', { required: true, values: SUMMARY_KINDS }),
  column('revenue', 'usd', ['revenueUsd']),
  column('profit', 'usd', ['profitUsd']),
  column('operating_margin', 'share', ['operatingMargin']),
  column('surplus', 'usd', ['surplusUsd']),
  column('surplus_share', 'share', ['surplusShare']),
];

/** batch-runs.csv's header. */
export const BATCH_RUN_COLUMNS = columnNames(BATCH_RUNS_TABLE);
