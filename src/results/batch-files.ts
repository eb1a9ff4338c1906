/**
 * A batch's folder, `<out>/batch/`: its file names and what batch.json records (the writer is
 * output/write-batch.ts, the reader analysis/folders/batch-folder.ts).
 */

/** The months a batch's measures cover. */
export interface Window {
  /** First month, YYYY-MM, inclusive (default: the run's start). */
  readonly from?: string;
  /** Last month, YYYY-MM, inclusive (default: the run's end). */
  readonly to?: string;
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
  }[];
  readonly seeds: readonly number[];
  readonly window: Window;
  readonly customers?: number;
  readonly months?: number;
  readonly settings: readonly string[];
}
