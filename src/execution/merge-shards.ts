/** Merging the shards of one sweep into the folder of the sweep run whole. */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.ts';
import { writeFileAtomically } from '../results/atomic.ts';
import { checkRow, LineReader, runsColumns, runsHeaderLine, writeAll } from './runs-file.ts';
import type { SummarizeSweep } from './sweep.ts';
import {
  itsDiffers,
  manifestDifference,
  manifestText,
  RUNS_CSV,
  readManifest,
  SWEEP_JSON,
  type SweepManifest,
  sweepFolderName,
} from './sweep-manifest.ts';

// ------------------------------------------------------------------------------------ merge

export interface MergeResult<Summaries = unknown> {
  readonly folder: string;
  readonly manifest: SweepManifest;
  readonly summaries: Summaries;
}

/**
 * Merges the n complete shards of one sweep into `<out>/<scenario name>-sweep/`: the same
 * sweep.json (without the shard), runs.csv, summary.csv and comparisons.csv as the sweep run
 * whole. The shards must share sweep.json apart from `shard` and `file`, have the same count
 * and cover every index once. The merged folder is built under a temporary name and renamed
 * into place, replacing an earlier merge of the same sweep, never another sweep's folder.
 */
export async function mergeShards<Summaries>(
  folders: readonly string[],
  outDir: string,
  summarize: SummarizeSweep<Summaries>,
  show: (path: string) => string = (path) => path,
): Promise<MergeResult<Summaries>> {
  const manifests = folders.map((folder) => readManifest(folder, show(folder)));
  const reference = manifests[0]!;
  const count = reference.shard?.count;
  const byIndex = new Map<number, string>();
  const incomplete: number[] = [];
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
    if (!existsSync(join(folders[at]!, RUNS_CSV))) incomplete.push(manifest.shard.index);
  });
  const missing = Array.from({ length: count! }, (_, index) => index).filter(
    (index) => !byIndex.has(index),
  );
  if (missing.length > 0 || incomplete.length > 0) {
    throw new InputError('merge', '', notReady(missing, incomplete, count!));
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
    const summaries = await summarize(staging, manifest);
    const replacing = existsSync(target);
    if (replacing) await rename(target, retired);
    await rename(staging, target);
    if (replacing) await rm(retired, { recursive: true, force: true });
    return { folder: target, manifest, summaries };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Every shard that keeps a merge from starting, in one line: those missing (no folder given),
 * then those not complete (no runs.csv yet), each named, so that one look at a merge job's log
 * tells which shards to run or finish.
 *
 * @example
 * notReady([1, 5, 6, 7], [], 100)
 * // 'shards 1, 5-7 of 100 are missing (4 of 100): run them (--shard i/100), then merge again'
 */
function notReady(
  missing: readonly number[],
  incomplete: readonly number[],
  count: number,
): string {
  const problems: string[] = [];
  if (missing.length > 0) {
    problems.push(
      `${shardList(missing)} of ${count} ${missing.length === 1 ? 'is' : 'are'} missing (${missing.length} of ${count}): run ${missing.length === 1 ? 'it' : 'them'} (--shard i/${count}), then merge again`,
    );
  }
  if (incomplete.length > 0) {
    const sorted = [...incomplete].sort((a, b) => a - b);
    problems.push(
      `${shardList(sorted)} of ${count} ${sorted.length === 1 ? 'is' : 'are'} not complete (no runs.csv): finish ${sorted.length === 1 ? 'it' : 'them'} with the same aisim sweep command and --resume`,
    );
  }
  return problems.join('; ');
}

/** `shard 3`, `shards 0-2, 5, 7-9`: sorted indices, runs of three or more as ranges. */
function shardList(indices: readonly number[]): string {
  const parts: string[] = [];
  let start = 0;
  for (let at = 1; at <= indices.length; at++) {
    if (at < indices.length && indices[at] === indices[at - 1]! + 1) continue;
    const run = indices.slice(start, at);
    parts.push(...(run.length >= 3 ? [`${run[0]}-${run.at(-1)}`] : run.map(String)));
    start = at;
  }
  return `${indices.length === 1 ? 'shard' : 'shards'} ${parts.join(', ')}`;
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
