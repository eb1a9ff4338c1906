/**
 * A batch's output folder, `<out>/batch/`: batch.csv (one row per scenario and kind, means and
 * 95 % intervals over seeds) and batch.json (what was run), written atomically.
 */

import type { Window } from '../analysis/accounts.ts';
import { BATCH_COLUMNS, type BatchRow, batchCells } from '../analysis/batch.ts';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.ts';
import { writeFolderAtomically } from './atomic.ts';
import { csvText } from './csv.ts';

export const BATCH_FOLDER = 'batch';

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

export async function batchFiles(rows: readonly BatchRow[], metadata: BatchMetadata) {
  return {
    'batch.csv': await csvText(BATCH_COLUMNS, rows.map(batchCells)),
    'batch.json': `${JSON.stringify(
      { kind: 'batch', package: PACKAGE_NAME, version: PACKAGE_VERSION, ...metadata },
      null,
      2,
    )}\n`,
  };
}

export async function writeBatch(
  outDir: string,
  rows: readonly BatchRow[],
  metadata: BatchMetadata,
) {
  return writeFolderAtomically(outDir, BATCH_FOLDER, await batchFiles(rows, metadata));
}
