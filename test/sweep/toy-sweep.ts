/**
 * A toy sweep of 10 runs with hand-made rows, for tests of its files (runs.csv, resume, merge)
 * that need no simulation: run r has seed 1000 + r, input r / 10 and outcomes y = 2r, z = NaN.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLine, runsHeaderLine } from '../../src/execution/runs-file.ts';
import { manifestText, type SweepManifest } from '../../src/execution/sweep-manifest.ts';
import { uniform } from '../../src/math/distributions.ts';

export const TOY_MANIFEST: SweepManifest = {
  kind: 'sweep',
  package: 'ai-market-sim',
  version: '0',
  scenario: 'toy',
  file: 'toy.ts',
  contentHash: 'c0ffee',
  seed: 1,
  seedDerivation: '',
  design: { name: 'random', runs: 10 },
  runs: 10,
  inputs: [{ path: 'technology.x', distribution: uniform(0, 1) }],
  options: { settings: [] },
  outcomes: ['y', 'z'],
};

/** Run r's row of runs.csv. */
export const toyRow = (run: number) => runLine(run, 1000 + run, [run / 10], [run * 2, Number.NaN]);

/**
 * The folders of shards `which` (default: all) of `count` of the toy sweep, in a new temporary
 * folder; each complete (runs.csv), or, when listed in `unfinished`, stopped after its first row
 * (runs.csv.partial).
 */
export function toyShards(
  count: number,
  which: readonly number[] = [...Array(count).keys()],
  unfinished: readonly number[] = [],
): string[] {
  const parent = mkdtempSync(join(tmpdir(), 'aisim-toy-shards-'));
  return which.map((index) => {
    const folder = join(parent, `toy-sweep-shard-${index}-of-${count}`);
    mkdirSync(folder);
    const runs = Array.from({ length: TOY_MANIFEST.runs }, (_, r) => r).filter(
      (r) => r % count === index,
    );
    const manifest = { ...TOY_MANIFEST, shard: { index, count, runs: runs.length } };
    writeFileSync(join(folder, 'sweep.json'), manifestText(manifest));
    const stopped = unfinished.includes(index);
    writeFileSync(
      join(folder, stopped ? 'runs.csv.partial' : 'runs.csv'),
      runsHeaderLine(manifest) + (stopped ? runs.slice(0, 1) : runs).map(toyRow).join(''),
    );
    return folder;
  });
}
