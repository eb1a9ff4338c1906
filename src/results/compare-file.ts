/**
 * What `aisim compare` writes for a script (`--format csv` or `json`): batch.csv's columns with
 * the source in front, so that a notebook reading batch.csv reads these too, one row per
 * source, scenario and holder. Computed by analysis/compare.ts, written by
 * output/compare-output.ts. Column names are stable API: add columns, rename none.
 */
import { BATCH_TABLE, type BatchRow, type Window } from './batch-files.ts';
import { column, columnNames, extendedTable, field, type Table } from './table.ts';

/** The kinds of result folder: what `aisim run`, `aisim batch` and `aisim sweep` write. */
export const RESULT_KINDS = ['run', 'batch', 'sweep'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

/** What a source holds: a result folder's kind, or `runs`, several run folders pooled. */
export type ComparedResult = ResultKind | 'runs';

/**
 * How a difference was taken. `paired`: seed by seed within the same runs (common random
 * numbers), so its interval is that of the differences; with one seed, the run's own difference.
 * `of_means`: the difference of the two holders' means over seeds, without an interval, for a
 * batch folder written without batch-runs.csv, which keeps no per-seed values to pair.
 */
export type DifferenceMethod = 'paired' | 'of_means';

/** What a sweep source adds to its description. */
export interface SweptRuns {
  readonly runs: number;
  readonly design: string;
  readonly masterSeed: number;
  /** Months in each run, when the sweep set them (`--months`). */
  readonly months?: number;
}

/** One result source, as the comparison's header describes it. */
export interface ComparedSource {
  /** The folder as the user named it; pooled runs' folders joined by " + ". */
  readonly folder: string;
  /** Pooled runs' folders, in the order given; only for `runs`. */
  readonly folders?: readonly string[];
  readonly result: ComparedResult;
  /** The runs' seeds; empty for a sweep, whose runs' seeds derive from its master seed. */
  readonly seeds: readonly number[];
  /**
   * The months the figures cover: the whole run for run folders, the batch's window for a
   * batch; a sweep's runs are cumulated over their whole horizon, given as no bounds.
   */
  readonly window: Window;
  /** A sweep's size, design and master seed (sweep.json); only for a sweep. */
  readonly sweep?: SweptRuns;
}

/** A row of batch.csv's shape, from one source; a difference row says how it was taken. */
export interface ComparisonRow extends BatchRow {
  readonly source: ComparedSource;
  readonly difference?: DifferenceMethod;
  /** The leading lab's name as readers know it ("OpenAI"), where the source names it. */
  readonly displayName?: string;
}

export const COMPARISON_TABLE: Table<ComparisonRow> = [
  column('source', 'text', ['source', 'folder']),
  column('result', 'text', ['source', 'result'], { values: [...RESULT_KINDS, 'runs'] }),
  column('window_from', 'month', ['source', 'window', 'from'], { optional: true }),
  column('window_to', 'month', ['source', 'window', 'to'], { optional: true }),
  ...extendedTable<ComparisonRow, BatchRow>(BATCH_TABLE),
  field('difference', 'text', { optional: true, values: ['paired', 'of_means'] }),
];

/** The header of compare's CSV, and the keys of each row of its JSON. */
export const COMPARISON_COLUMNS = columnNames(COMPARISON_TABLE);
