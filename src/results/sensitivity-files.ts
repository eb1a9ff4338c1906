/**
 * `aisim sensitivity`'s file in a sweep's folder, sensitivity-<outcome>.csv: each uncertain
 * input's Sobol indices, Morris effects or (any other design) rank correlations with the
 * outcome, most influential first, with 95 % bootstrap intervals. Computed by analysis/sensitivity-report.ts, written by
 * output/sweep-summaries.ts, read by analysis/folders/sweep-folder.ts.
 */
import { field, type IntervalEstimate, intervalColumns, type Table } from './table.ts';

/** The file `aisim sensitivity` writes into a sweep's folder for an outcome. */
export function sensitivityFileName(outcome: string): string {
  return `sensitivity-${outcome}.csv`;
}

/** The outcome a sensitivity file ranks the inputs on; undefined for another file. */
export function sensitivityFileOutcome(file: string): string | undefined {
  return /^sensitivity-(.+)\.csv$/.exec(file)?.[1];
}

/** One input's row of a Sobol file: its indices (shares of the outcome's variance). */
export interface SobolRow {
  /** 1 for the input with the largest total index. */
  readonly rank: number;
  readonly input: string;
  readonly total: IntervalEstimate;
  readonly first: IntervalEstimate;
}

export const SOBOL_TABLE: Table<SobolRow> = [
  field('rank', 'ordinal'),
  field('input', 'text'),
  ...intervalColumns<SobolRow>(['total', 'total_low', 'total_high'], 'share', 'total'),
  ...intervalColumns<SobolRow>(['first', 'first_low', 'first_high'], 'share', 'first'),
];

/** One input's row of a Morris file: its elementary effects, in the outcome's unit. */
export interface MorrisRow {
  /** 1 for the input with the largest mu*. */
  readonly rank: number;
  readonly input: string;
  readonly muStar: IntervalEstimate;
  readonly mu: number;
  readonly sigma: number;
}

export const MORRIS_TABLE: Table<MorrisRow> = [
  field('rank', 'ordinal'),
  field('input', 'text'),
  ...intervalColumns<MorrisRow>(['mu_star', 'mu_star_low', 'mu_star_high'], 'outcome', 'muStar'),
  field('mu', 'outcome'),
  field('sigma', 'outcome'),
];

/** One input's row of a rank file: its partial and plain rank correlations with the outcome. */
export interface RankRow {
  /** 1 for the input with the largest |PRCC|. */
  readonly rank: number;
  readonly input: string;
  readonly prcc: IntervalEstimate;
  readonly spearman: IntervalEstimate;
}

export const RANK_TABLE: Table<RankRow> = [
  field('rank', 'ordinal'),
  field('input', 'text'),
  ...intervalColumns<RankRow>(['prcc', 'prcc_low', 'prcc_high'], 'correlation', 'prcc'),
  ...intervalColumns<RankRow>(
    ['spearman', 'spearman_low', 'spearman_high'],
    'correlation',
    'spearman',
  ),
];

/** A sensitivity file's rows, by the method that computed them. */
export type SensitivityRows =
  | { readonly method: 'sobol'; readonly rows: readonly SobolRow[] }
  | { readonly method: 'morris'; readonly rows: readonly MorrisRow[] }
  | { readonly method: 'rank'; readonly rows: readonly RankRow[] };
