import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readdirSync,
  renameSync,
  statSync,
} from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.ts';
import { writeFileAtomically } from '../results/atomic.ts';
import { checkRow, LineReader, runsColumns, runsHeaderLine, writeAll } from './runs-file.ts';
import { type Shard, shardRun } from './shards.ts';
import { SWEEP_LOCK } from './sweep-lock.ts';
import {
  itsDiffers,
  manifestDifference,
  manifestText,
  PARTIAL_RUNS_CSV,
  RUNS_CSV,
  readManifest,
  SWEEP_JSON,
  type SweepManifest,
} from './sweep-manifest.ts';

export interface SweepFolderState {
  /** Shard positions already complete (a prefix of the shard's runs). */
  readonly done: number;
  /** runs.csv is complete (renamed from the partial file). */
  readonly complete: boolean;
}

/**
 * Refuses a folder that cannot take the sweep `manifest`, writing nothing: a file in its place,
 * a folder that holds something else, a sweep already there without `resume`, or another
 * sweep's folder. Returns whether the folder holds this sweep already. The lock (sweep.lock) and
 * a stale one set aside by a crash do not count as contents.
 */
export function checkSweepFolder(
  folder: string,
  shown: string,
  manifest: SweepManifest,
  resume: boolean,
): boolean {
  const exists = existsSync(folder);
  if (exists && !statSync(folder).isDirectory()) {
    throw new InputError(shown, '', 'exists and is not a folder');
  }
  const entries = exists
    ? readdirSync(folder).filter((entry) => !entry.startsWith(SWEEP_LOCK))
    : [];
  if (entries.length === 0) return false;
  if (!entries.includes(SWEEP_JSON)) {
    throw new InputError(shown, '', 'exists and is not a sweep folder: choose another --out');
  }
  if (!resume) {
    throw new InputError(
      shown,
      '',
      'holds a sweep already: add --resume to finish it, or remove the folder to start again',
    );
  }
  const existing = readManifest(folder, shown);
  const difference = manifestDifference(existing, manifest, ['file']);
  if (difference === undefined) return true;
  // The content hash covers the run options too: only with the same options is it the file.
  const sameOptions = JSON.stringify(existing.options) === JSON.stringify(manifest.options);
  if (existing.contentHash !== manifest.contentHash && sameOptions) {
    throw new InputError(
      shown,
      '',
      `the scenario file changed since the sweep started (content hash ${manifest.contentHash.slice(0, 12)}, sweep has ${existing.contentHash.slice(0, 12)}): resume with the scenario as it was, or choose another --out`,
    );
  }
  throw new InputError(
    shown,
    SWEEP_JSON,
    `belongs to another sweep (${itsDiffers(sameOptions ? difference : 'options')}): resume with the same scenario and options, or choose another --out`,
  );
}

/**
 * Makes the folder ready to run `manifest`: a new folder with sweep.json and an empty partial
 * file, or, with `resume`, the folder of the same sweep with its complete rows counted and a
 * torn last line dropped. Everything that could refuse (`checkSweepFolder`) is checked before
 * anything is written. Call it holding the folder's lock (execution/sweep-lock.ts).
 */
export async function prepareSweepFolder(
  folder: string,
  shown: string,
  manifest: SweepManifest,
  resume: boolean,
): Promise<SweepFolderState> {
  if (checkSweepFolder(folder, shown, manifest, resume)) return resumeRuns(folder, manifest);
  await mkdir(folder, { recursive: true });
  await writeFileAtomically(join(folder, SWEEP_JSON), manifestText(manifest));
  startPartial(join(folder, PARTIAL_RUNS_CSV), manifest);
  return { done: 0, complete: false };
}

function startPartial(path: string, manifest: SweepManifest): void {
  const fd = openSync(path, 'w');
  try {
    writeAll(fd, runsHeaderLine(manifest));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Counts the complete rows of the partial file, dropping a torn last line. */
function resumeRuns(folder: string, manifest: SweepManifest): SweepFolderState {
  const complete = join(folder, RUNS_CSV);
  const partial = join(folder, PARTIAL_RUNS_CSV);
  if (existsSync(complete)) return { done: manifest.shard?.runs ?? manifest.runs, complete: true };
  const counted = existsSync(partial) ? countRows(partial, manifest) : undefined;
  if (counted === undefined) {
    // Killed before the header reached the disk: start the file again.
    startPartial(partial, manifest);
    return { done: 0, complete: false };
  }
  const fd = openSync(partial, 'r+');
  try {
    ftruncateSync(fd, counted.bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { done: counted.rows, complete: false };
}

/** The complete rows of a partial file and their length in bytes; undefined without a header. */
function countRows(
  partial: string,
  manifest: SweepManifest,
): { rows: number; bytes: number } | undefined {
  const header = runsHeaderLine(manifest);
  const width = runsColumns(manifest).length;
  const shard = shardOf(manifest);
  const reader = new LineReader(partial);
  try {
    const first = reader.next();
    if (first === undefined) return undefined;
    if (`${first}\n` !== header) {
      throw new InputError(partial, 'line 1', 'is not the header this sweep writes');
    }
    let rows = 0;
    let bytes = Buffer.byteLength(header);
    for (let line = reader.next(); line !== undefined; line = reader.next()) {
      checkRow(line, width, shardRun(shard, rows), partial, rows + 2);
      bytes += Buffer.byteLength(line) + 1;
      rows++;
    }
    return { rows, bytes };
  } finally {
    reader.close();
  }
}

function shardOf(manifest: SweepManifest): Shard | undefined {
  return manifest.shard ? { index: manifest.shard.index, count: manifest.shard.count } : undefined;
}

/** Renames the complete partial file to runs.csv, in one step. */
export function completeRuns(folder: string): void {
  renameSync(join(folder, PARTIAL_RUNS_CSV), join(folder, RUNS_CSV));
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } catch {
    // Some file systems cannot fsync a folder; the rename is still atomic.
  } finally {
    closeSync(fd);
  }
}
