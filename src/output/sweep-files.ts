/**
 * A sweep's folder, `<out>/<scenario name>-sweep/` (a shard's: `...-sweep-shard-<i>-of-<n>/`):
 *
 *   sweep.json         what was run: scenario, content hash, master seed, design, inputs and
 *                      their distributions, run options, outcomes, package version, the shard
 *   runs.csv.partial   runs.csv while the sweep runs: rows appended in run order, fsynced in
 *                      batches; a crash leaves at most a torn last line, which resume drops
 *   runs.csv           the complete rows, renamed from the partial file in one step
 *   summary.csv        per outcome: runs, mean, sd, quantiles, 95 % interval of the mean
 *   comparisons.csv    paired differences within runs (aggregator - lab, ...)
 *   sweep.lock         while a sweep runs in the folder: which process (execution/sweep-lock.ts)
 *   sensitivity-<outcome>.csv   written by `aisim sensitivity`: inputs ranked by their effect
 *
 * runs.csv holds only numbers (inputs are numeric parameters, outcomes are numbers), written by
 * `formatCell` in shortest round-trip form, so the same sweep gives the same bytes however it
 * was run: with any number of workers, in shards merged afterwards, or interrupted and resumed.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fdatasyncSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type SensitivityReport, sensitivityTable } from '../analysis/sensitivity-report.ts';
import {
  COMPARISON_COLUMNS,
  type ComparisonSummary,
  comparisonCells,
  comparisons,
  type OutcomeSummary,
  SWEEP_SUMMARY_COLUMNS,
  summarizeComparison,
  summarizeOutcome,
  summaryCells,
} from '../analysis/sweep-summary.ts';
import type { DesignSpec, SweepPlan, UncertainInput } from '../design/plan.ts';
import { InputError } from '../errors.ts';
import { type Shard, shardRun, shardSuffix } from '../execution/shards.ts';
import { SWEEP_LOCK } from '../execution/sweep-lock.ts';
import { childPath, writeFileAtomically } from './atomic.ts';
import { csvText, formatCell } from './csv.ts';

export const SWEEP_JSON = 'sweep.json';
export const RUNS_CSV = 'runs.csv';
export const PARTIAL_RUNS_CSV = 'runs.csv.partial';
export const SUMMARY_CSV = 'summary.csv';
export const COMPARISONS_CSV = 'comparisons.csv';

/** sweep.json. Everything a run's inputs and seed depend on is here; workers are not. */
export interface SweepManifest {
  readonly kind: 'sweep';
  readonly package: string;
  readonly version: string;
  readonly scenario: string;
  /** The scenario file as the user named it (informative: the content hash identifies it). */
  readonly file: string;
  readonly contentHash: string;
  /** The master seed. */
  readonly seed: number;
  readonly seedDerivation: string;
  readonly design: DesignSpec;
  /** Runs in the whole sweep (all shards). */
  readonly runs: number;
  readonly inputs: readonly UncertainInput[];
  readonly options: {
    readonly settings: readonly string[];
    readonly customers?: number;
    readonly months?: number;
  };
  readonly outcomes: readonly string[];
  /** Present in a shard's folder only. */
  readonly shard?: Shard & { readonly runs: number };
}

export function sweepFolderName(scenarioName: string, shard: Shard | undefined): string {
  return `${scenarioName}-sweep${shardSuffix(shard)}`;
}

export function manifestText(manifest: SweepManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export function planOfManifest(manifest: SweepManifest): SweepPlan {
  return {
    masterSeed: manifest.seed,
    contentHash: manifest.contentHash,
    design: manifest.design,
    inputs: manifest.inputs,
    runs: manifest.runs,
  };
}

/** The manifest of a sweep folder; anything else is an InputError naming the folder. */
export function readManifest(folder: string, shown = folder): SweepManifest {
  const path = join(folder, SWEEP_JSON);
  if (!existsSync(folder)) throw new InputError(shown, '', 'no such folder');
  if (!existsSync(path)) throw new InputError(shown, '', 'not a sweep folder (no sweep.json)');
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new InputError(shown, SWEEP_JSON, 'is not valid JSON');
  }
  const candidate = manifest as Partial<SweepManifest> | null;
  if (
    candidate?.kind !== 'sweep' ||
    !Array.isArray(candidate.inputs) ||
    !Array.isArray(candidate.outcomes) ||
    typeof candidate.runs !== 'number'
  ) {
    throw new InputError(shown, SWEEP_JSON, 'does not describe a sweep');
  }
  return candidate as SweepManifest;
}

/** The first top-level field in which two manifests differ, leaving out `ignore`. */
export function manifestDifference(
  a: SweepManifest,
  b: SweepManifest,
  ignore: readonly (keyof SweepManifest)[],
): string | undefined {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (ignore.includes(key as keyof SweepManifest)) continue;
    const left = JSON.stringify((a as unknown as Record<string, unknown>)[key]);
    const right = JSON.stringify((b as unknown as Record<string, unknown>)[key]);
    if (left !== right) return key;
  }
  return undefined;
}

/** `its seed differs`, `its options differ`. */
function itsDiffers(key: string): string {
  return `its ${key} ${key.endsWith('s') ? 'differ' : 'differs'}`;
}

// ------------------------------------------------------------------------------ runs.csv rows

/** runs.csv's columns: run, seed, each input's path, each outcome. */
export function runsColumns(manifest: SweepManifest): string[] {
  return ['run', 'seed', ...manifest.inputs.map((input) => input.path), ...manifest.outcomes];
}

const PLAIN_NAME = /^[A-Za-z0-9_.-]+$/;

/** The header line. Names are parameter paths and outcome names: never quoted. */
export function runsHeaderLine(manifest: SweepManifest): string {
  const columns = runsColumns(manifest);
  for (const column of columns) {
    if (!PLAIN_NAME.test(column)) throw new Error(`runs.csv column needs quoting: ${column}`);
  }
  return `${columns.join(',')}\n`;
}

/** One row: numbers only, so no cell is ever quoted; NaN is an empty cell. */
export function runLine(
  run: number,
  seed: number,
  values: readonly number[],
  outcomes: readonly number[],
): string {
  let line = `${run},${seed}`;
  for (const value of values) line += `,${formatCell(value)}`;
  for (const value of outcomes) line += `,${formatCell(value)}`;
  return `${line}\n`;
}

function parseCell(cell: string): number {
  return cell === '' ? Number.NaN : Number(cell);
}

/** Reads a file line by line (synchronously, 1 MB at a time); a last line without '\n' is the tail. */
class LineReader {
  private readonly fd: number;
  private readonly chunk = Buffer.alloc(1 << 20);
  private carry: Buffer = Buffer.alloc(0);
  private lines: string[] = [];
  private at = 0;
  private ended = false;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'r');
  }

  /** The next complete line (without its '\n'), or undefined at the end. */
  next(): string | undefined {
    while (this.at >= this.lines.length) {
      if (this.ended) return undefined;
      this.fill();
    }
    return this.lines[this.at++];
  }

  /** Bytes after the last '\n' (a torn line), once `next` has returned undefined. */
  get tailBytes(): number {
    return this.carry.length;
  }

  close(): void {
    closeSync(this.fd);
  }

  private fill(): void {
    const read = readSync(this.fd, this.chunk, 0, this.chunk.length, null);
    this.lines = [];
    this.at = 0;
    if (read === 0) {
      this.ended = true;
      return;
    }
    const data =
      this.carry.length > 0
        ? Buffer.concat([this.carry, this.chunk.subarray(0, read)])
        : this.chunk.subarray(0, read);
    let start = 0;
    for (let end = data.indexOf(10, start); end !== -1; end = data.indexOf(10, start)) {
      this.lines.push(data.toString('utf8', start, end));
      start = end + 1;
    }
    this.carry = Buffer.from(data.subarray(start));
  }
}

/** Checks a row: the right number of cells and the run index expected at its place. */
function checkRow(line: string, width: number, run: number, file: string, lineNumber: number) {
  const first = line.slice(0, line.indexOf(','));
  if (first !== String(run) || line.split(',').length !== width) {
    throw new InputError(file, `line ${lineNumber}`, `expected the row of run ${run}`, line);
  }
}

// ------------------------------------------------------------------------ writing and resuming

/** Writes all of `text`, however many write calls it takes. */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let offset = 0; offset < bytes.length; ) {
    offset += writeSync(fd, bytes, offset, bytes.length - offset);
  }
}

/** How often rows that are ready go to disk (and are fsynced), in milliseconds. */
const FLUSH_INTERVAL_MS = 250;

/**
 * Appends rows to runs.csv.partial in the shard's run order, whatever order they arrive in: a
 * small reorder buffer holds rows that came early until the ones before them are in. Rows go to
 * disk in batches, each one write and one fdatasync, so a crash loses at most the last batch
 * and can tear at most the last line.
 */
export class RunsWriter {
  private readonly fd: number;
  private readonly early = new Map<number, string>();
  private ready = '';
  private next: number;
  private lastFlush = performance.now();

  /** `position`: the shard position of the first row still to come (0 for a new sweep). */
  constructor(path: string, position: number) {
    this.fd = openSync(path, 'a');
    this.next = position;
  }

  /** Positions complete so far: written, or ready to write. */
  get contiguous(): number {
    return this.next;
  }

  /** Rows held back until their predecessors arrive. */
  get buffered(): number {
    return this.early.size;
  }

  add(position: number, line: string): void {
    this.early.set(position, line);
    for (let row = this.early.get(this.next); row !== undefined; row = this.early.get(this.next)) {
      this.ready += row;
      this.early.delete(this.next);
      this.next++;
    }
    if (performance.now() - this.lastFlush >= FLUSH_INTERVAL_MS) this.flush();
  }

  flush(): void {
    if (this.ready !== '') {
      writeAll(this.fd, this.ready);
      this.ready = '';
      fdatasyncSync(this.fd);
    }
    this.lastFlush = performance.now();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

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

// ------------------------------------------------------------------------------ reading back

/** Columns of runs.csv as numbers, in run order (NaN for empty cells). */
export function readRunColumns(
  file: string,
  names: readonly string[],
): { runs: number[]; columns: Float64Array[] } {
  const reader = new LineReader(file);
  try {
    const header = (reader.next() ?? '').split(',');
    const at = names.map((name) => {
      const index = header.indexOf(name);
      if (index < 0) throw new InputError(file, '', `has no column ${name}`);
      return index;
    });
    const runs: number[] = [];
    let columns = names.map(() => new Float64Array(1024));
    for (let line = reader.next(); line !== undefined; line = reader.next()) {
      const cells = line.split(',');
      if (runs.length === columns[0]?.length) {
        columns = columns.map((column) => {
          const grown = new Float64Array(column.length * 2);
          grown.set(column);
          return grown;
        });
      }
      at.forEach((index, column) => {
        columns[column]![runs.length] = parseCell(cells[index] ?? '');
      });
      runs.push(Number(cells[0]));
    }
    return { runs, columns: columns.map((column) => column.subarray(0, runs.length)) };
  } finally {
    reader.close();
  }
}

export interface SweepSummaries {
  readonly outcomes: readonly OutcomeSummary[];
  readonly comparisons: readonly ComparisonSummary[];
}

/** Computes summary.csv and comparisons.csv from runs.csv and writes them (atomically). */
export async function writeSweepSummaries(
  folder: string,
  manifest: SweepManifest,
): Promise<SweepSummaries> {
  const { columns } = readRunColumns(join(folder, RUNS_CSV), manifest.outcomes);
  const column = (name: string) => columns[manifest.outcomes.indexOf(name)]!;
  const outcomes = manifest.outcomes.map((name, index) => summarizeOutcome(name, columns[index]!));
  const paired = comparisons(manifest.outcomes).map((comparison) =>
    summarizeComparison(comparison, column(comparison.columns[0]), column(comparison.columns[1])),
  );
  await writeFileAtomically(
    join(folder, SUMMARY_CSV),
    await csvText(SWEEP_SUMMARY_COLUMNS, outcomes.map(summaryCells)),
  );
  await writeFileAtomically(
    join(folder, COMPARISONS_CSV),
    await csvText(COMPARISON_COLUMNS, paired.map(comparisonCells)),
  );
  return { outcomes, comparisons: paired };
}

/** The file `aisim sensitivity` writes into a sweep's folder for an outcome. */
export function sensitivityFileName(outcome: string): string {
  return `sensitivity-${outcome}.csv`;
}

/** Writes the report's ranked table as sensitivity-<outcome>.csv in `folder`; returns its path. */
export async function writeSensitivityCsv(
  folder: string,
  report: SensitivityReport,
): Promise<string> {
  const path = childPath(folder, sensitivityFileName(report.outcome));
  const table = sensitivityTable(report);
  await writeFileAtomically(path, await csvText(table.columns, table.rows));
  return path;
}

// ------------------------------------------------------------------------------------ merge

export interface MergeResult {
  readonly folder: string;
  readonly manifest: SweepManifest;
  readonly summaries: SweepSummaries;
}

/**
 * Merges the n complete shards of one sweep into `<out>/<scenario name>-sweep/`: the same
 * sweep.json (without the shard), runs.csv, summary.csv and comparisons.csv as the sweep run
 * whole. The shards must share sweep.json apart from `shard` and `file`, have the same count
 * and cover every index once. The merged folder is built under a temporary name and renamed
 * into place, replacing an earlier merge of the same sweep, never another sweep's folder.
 */
export async function mergeSweeps(
  folders: readonly string[],
  outDir: string,
  show: (path: string) => string = (path) => path,
): Promise<MergeResult> {
  const manifests = folders.map((folder) => readManifest(folder, show(folder)));
  const reference = manifests[0]!;
  const count = reference.shard?.count;
  const byIndex = new Map<number, string>();
  manifests.forEach((manifest, at) => {
    const shown = show(folders[at]!);
    if (manifest.shard === undefined) {
      throw new InputError(shown, SWEEP_JSON, 'is a whole sweep, not a shard: nothing to merge');
    }
    const difference = manifestDifference(reference, manifest, ['file', 'shard']);
    if (difference !== undefined) {
      throw new InputError(
        shown,
        SWEEP_JSON,
        `belongs to another sweep than ${show(folders[0]!)} (${itsDiffers(difference)})`,
      );
    }
    if (manifest.shard.count !== count) {
      throw new InputError(
        shown,
        SWEEP_JSON,
        `is shard ${manifest.shard.index} of ${manifest.shard.count}, not of ${count}`,
      );
    }
    const other = byIndex.get(manifest.shard.index);
    if (other !== undefined) {
      throw new InputError(shown, '', `is shard ${manifest.shard.index} again (also ${other})`);
    }
    byIndex.set(manifest.shard.index, shown);
    if (!existsSync(join(folders[at]!, RUNS_CSV))) {
      throw new InputError(
        shown,
        '',
        'is not complete (no runs.csv): finish it with the same aisim sweep command and --resume',
      );
    }
  });
  const missing = Array.from({ length: count! }, (_, index) => index).filter(
    (index) => !byIndex.has(index),
  );
  if (missing.length > 0) {
    const list =
      missing.length > 10 ? `${missing.slice(0, 10).join(', ')}, ...` : missing.join(', ');
    throw new InputError(
      'merge',
      '',
      `shards ${list} of ${count} are missing (${missing.length} of ${count})`,
    );
  }

  const { shard: _shard, ...whole } = reference;
  const manifest: SweepManifest = whole;
  const name = sweepFolderName(manifest.scenario, undefined);
  const target = resolve(outDir, name);
  if (existsSync(target)) {
    const existing = existsSync(join(target, SWEEP_JSON))
      ? readManifest(target, show(target))
      : undefined;
    if (
      existing === undefined ||
      existing.shard !== undefined ||
      manifestDifference(existing, manifest, ['file']) !== undefined
    ) {
      throw new InputError(
        show(target),
        '',
        'holds something else than this sweep: remove it or choose another --out',
      );
    }
  }

  await mkdir(resolve(outDir), { recursive: true });
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staging = resolve(outDir, `.${name}.tmp-${tag}`);
  const retired = resolve(outDir, `.${name}.old-${tag}`);
  try {
    await mkdir(staging);
    await writeFileAtomically(join(staging, SWEEP_JSON), manifestText(manifest));
    mergeRuns(
      [...byIndex.keys()]
        .sort((a, b) => a - b)
        .map((index) => folders[manifests.findIndex((m) => m.shard?.index === index)]!),
      join(staging, RUNS_CSV),
      manifest,
      show,
    );
    const summaries = await writeSweepSummaries(staging, manifest);
    const replacing = existsSync(target);
    if (replacing) await rename(target, retired);
    await rename(staging, target);
    if (replacing) await rm(retired, { recursive: true, force: true });
    return { folder: target, manifest, summaries };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Interleaves the shards' rows back into run order: run k is the next row of shard k % n. */
function mergeRuns(
  shardFolders: readonly string[],
  target: string,
  manifest: SweepManifest,
  show: (path: string) => string,
): void {
  const header = runsHeaderLine(manifest);
  const width = runsColumns(manifest).length;
  const readers = shardFolders.map((folder) => new LineReader(join(folder, RUNS_CSV)));
  const fd = openSync(target, 'w');
  try {
    readers.forEach((reader) => {
      if (`${reader.next()}\n` !== header) {
        throw new InputError(show(reader.path), 'line 1', 'is not the header of this sweep');
      }
    });
    let batch = header;
    const rowsRead = new Array<number>(readers.length).fill(0);
    for (let run = 0; run < manifest.runs; run++) {
      const shard = run % readers.length;
      const reader = readers[shard]!;
      const line = reader.next();
      if (line === undefined) {
        throw new InputError(show(reader.path), '', `ends before run ${run}`);
      }
      rowsRead[shard]!++;
      checkRow(line, width, run, show(reader.path), rowsRead[shard]! + 1);
      batch += `${line}\n`;
      if (batch.length >= 1 << 20) {
        writeAll(fd, batch);
        batch = '';
      }
    }
    writeAll(fd, batch);
    for (const reader of readers) {
      if (reader.next() !== undefined || reader.tailBytes > 0) {
        throw new InputError(show(reader.path), '', 'has rows beyond the sweep');
      }
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
    for (const reader of readers) reader.close();
  }
}
