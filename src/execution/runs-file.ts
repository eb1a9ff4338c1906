import { closeSync, fdatasyncSync, openSync, readSync, writeSync } from 'node:fs';
import { InputError } from '../errors.ts';
import { formatCell } from '../results/csv.ts';
import type { SweepManifest } from './sweep-manifest.ts';

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
export class LineReader {
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
export function checkRow(
  line: string,
  width: number,
  run: number,
  file: string,
  lineNumber: number,
) {
  const first = line.slice(0, line.indexOf(','));
  if (first !== String(run) || line.split(',').length !== width) {
    throw new InputError(file, `line ${lineNumber}`, `expected the row of run ${run}`, line);
  }
}

// ------------------------------------------------------------------------ writing and resuming

/** Writes all of `text`, however many write calls it takes. */
export function writeAll(fd: number, text: string): void {
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
