/**
 * A batch's output folder, `<out>/batch/`: batch.csv (one row per scenario and kind, means and
 * 95 % intervals over seeds), batch-runs.csv (the same measures seed by seed, from which any two
 * holders' paired difference is taken) and batch.json (what was run), written atomically.
 */

import { writeFolderAtomically } from '../results/atomic.ts';
import {
  BATCH_CSV,
  BATCH_FOLDER,
  BATCH_JSON,
  BATCH_RUNS_CSV,
  BATCH_RUNS_TABLE,
  BATCH_TABLE,
  type BatchMetadata,
  type BatchRow,
  type SeedOutcome,
} from '../results/batch-files.ts';
import { tableCsv } from '../results/csv.ts';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.ts';

export async function batchFiles(
  rows: readonly BatchRow[],
  outcomes: readonly SeedOutcome[],
  metadata: BatchMetadata,
) {
  return {
    [BATCH_CSV]: await tableCsv(BATCH_TABLE, rows),
    [BATCH_RUNS_CSV]: await tableCsv(BATCH_RUNS_TABLE, outcomes),
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
