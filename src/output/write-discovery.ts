/**
 * Writes a discovery into a sweep's folder (results/discovery-files.ts): discovery.csv and
 * discovery-box.csv, then discovery.json, each atomically, replacing the folder's last
 * discovery. discovery.json goes last: the reader checks the three agree.
 */
import { join } from 'node:path';
import type { Discovery } from '../analysis/discovery.ts';
import { writeFileAtomically } from '../results/atomic.ts';
import { tableCsv } from '../results/csv.ts';
import {
  BOX_TABLE,
  DISCOVERY_BOX_CSV,
  DISCOVERY_CSV,
  DISCOVERY_JSON,
  TRAJECTORY_TABLE,
} from '../results/discovery-files.ts';

/** The files written, in the folder. */
export const DISCOVERY_FILES = [DISCOVERY_JSON, DISCOVERY_CSV, DISCOVERY_BOX_CSV] as const;

export async function writeDiscovery(folder: string, discovery: Discovery): Promise<void> {
  await writeFileAtomically(
    join(folder, DISCOVERY_CSV),
    await tableCsv(TRAJECTORY_TABLE, discovery.trajectory),
  );
  await writeFileAtomically(
    join(folder, DISCOVERY_BOX_CSV),
    await tableCsv(BOX_TABLE, discovery.box),
  );
  await writeFileAtomically(
    join(folder, DISCOVERY_JSON),
    `${JSON.stringify(discovery.record, null, 2)}\n`,
  );
}
