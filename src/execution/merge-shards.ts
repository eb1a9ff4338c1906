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
