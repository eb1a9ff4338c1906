/**
 * A batch's output folder, `<out>/batch/`: batch.csv (one row per scenario and kind, means and
 * 95 % intervals over seeds), batch-runs.csv (the same measures seed by seed, from which any two
 * holders' paired difference is taken) and batch.json (what was run), written atomically.
 */

import {
  BATCH_COLUMNS,
  BATCH_RUN_COLUMNS,
  type BatchRow,
  batchCells,
  type SeedOutcome,
  seedOutcomeCells,
} from '../analysis/batch.ts';
import { writeFolderAtomically } from '../results/atomic.ts';
import {
  BATCH_CSV,
  BATCH_FOLDER,
  BATCH_JSON,
  BATCH_RUNS_CSV,
  type BatchMetadata,
} from '../results/batch-files.ts';
import { csvText } from '../results/csv.ts';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.ts';

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
