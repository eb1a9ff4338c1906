/**
 * A batch's output folder, `<out>/batch/`: batch.csv (one row per scenario and kind, means and
 * 95 % intervals over seeds), batch-runs.csv (the same measures seed by seed, from which any two
 * holders' paired difference is taken) and batch.json (what was run), written atomically.
 */

import type { Window } from '../analysis/accounts.ts';
import {
  BATCH_COLUMNS,
  BATCH_RUN_COLUMNS,
  type BatchRow,
  batchCells,
  type SeedOutcome,
  seedOutcomeCells,
} from '../analysis/batch.ts';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.ts';
import { writeFolderAtomically } from './atomic.ts';
import { csvText } from './csv.ts';

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

export async function batchFiles(
  rows: readonly BatchRow[],
  outcomes: readonly SeedOutcome[],
  metadata: BatchMetadata,
) {
  return {
    [BATCH_CSV]: await csvText(BATCH_COLUMNS, rows.map(batchCells)),
    [BATCH_RUNS_CSV]: await csvText(BATCH_RUN_COLUMNS, outcomes.map(seedOutcomeCells)),
    [BATCH_JSON]: `${JSON.stringify(
      { kind: 'batch', package: PACKAGE_NAME, version: PACKAGE_VERSION, ...metadata },
      null,
      2,
    )}\n`,
  };
}

export async function writeBatch(
  outDir: string,
  rows: readonly BatchRow[],
  outcomes: readonly SeedOutcome[],
  metadata: BatchMetadata,
) {
  return writeFolderAtomically(outDir, BATCH_FOLDER, await batchFiles(rows, outcomes, metadata));
}
