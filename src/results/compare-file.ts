/**
 * What `aisim compare` writes for a script (`--format csv` or `json`): batch.csv's columns with
 * the source in front, so that a notebook reading batch.csv reads these too, one row per
 * source, scenario and holder. Computed by analysis/compare.ts, written by
 * output/compare-output.ts. Column names are stable API: add columns, rename none.
 */
import { BATCH_TABLE, type BatchRow, type Window } from './batch-files.ts';
import {
  type Column,
  column,
  columnNames,
  extendedTable,
  field,
  type IntervalEstimate,
  type Path,
  type Table,
  type Unit,
} from './table.ts';

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

/**
 * A measure's median over seeds or runs: its 95 % interval (order statistics, NaN below six
 * values) and the quartiles around it, the middle half of the values (NaN below two values).
 */
export interface MedianEstimate extends IntervalEstimate {
  readonly q25: number;
  readonly q75: number;
}

/** The three measures' medians of a row. */
export interface RowMedians {
  readonly profitUsd: MedianEstimate;
  readonly operatingMargin: MedianEstimate;
  readonly surplusShare: MedianEstimate;
}

/**
 * A row of batch.csv's shape, from one source; a difference row says how it was taken. A row of
 * the difference of two sources (`--diff 2-1`) is the source's holder less the same holder in
 * `minus`, seed by seed or run by run.
 */
export interface ComparisonRow extends BatchRow {
  readonly source: ComparedSource;
  readonly difference?: DifferenceMethod;
  /** The leading lab's name as readers know it ("OpenAI"), where the source names it. */
  readonly displayName?: string;
  /** For a difference of two sources: the source subtracted, and its scenario. */
  readonly minus?: ComparedSource;
  readonly minusScenario?: string;
  /** The medians, where the source keeps each seed's or run's values. */
  readonly medians?: RowMedians;
}

export const COMPARISON_TABLE: Table<ComparisonRow> = [
  column('source', 'text', ['source', 'folder']),
  column('result', 'text', ['source', 'result'], { values: [...RESULT_KINDS, 'runs'] }),
  column('window_from', 'month', ['source', 'window', 'from'], { optional: true }),
  column('window_to', 'month', ['source', 'window', 'to'], { optional: true }),
  ...extendedTable<ComparisonRow, BatchRow>(BATCH_TABLE),
  field('difference', 'text', { optional: true, values: ['paired', 'of_means'] }),
  column('minus_source', 'text', ['minus', 'folder'], { optional: true }),
  column('minus_scenario', 'text', ['minusScenario'], { optional: true }),
  ...medianColumns('profit', 'usd', 'profitUsd'),
  ...medianColumns('operating_margin', 'share', 'operatingMargin'),
  ...medianColumns('surplus_share', 'share', 'surplusShare'),
];

/** A measure's median columns: `<measure>_median`, its `_low` and `_high`, `_q25`, `_q75`. */
function medianColumns(
  measure: string,
  unit: Unit,
  field: keyof RowMedians,
): Column<ComparisonRow>[] {
  const at = (end: keyof MedianEstimate): Path<ComparisonRow> => ['medians', field, end];
  return [
    column(`${measure}_median`, unit, at('estimate')),
    column(`${measure}_median_low`, unit, at('low')),
    column(`${measure}_median_high`, unit, at('high')),
    column(`${measure}_q25`, unit, at('q25')),
    column(`${measure}_q75`, unit, at('q75')),
  ];
}

/** The header of compare's CSV, and the keys of each row of its JSON. */
export const COMPARISON_COLUMNS = columnNames(COMPARISON_TABLE);
