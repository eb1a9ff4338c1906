import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { mergeSweeps } from '../../src/api/sweep.ts';
import { randomPermutation } from '../../src/design/sample/random.ts';
import { InputError } from '../../src/errors.ts';
import { RunsWriter, runLine, runsHeaderLine } from '../../src/execution/runs-file.ts';
import { prepareSweepFolder } from '../../src/execution/sweep-folder.ts';
import { manifestText, type SweepManifest } from '../../src/execution/sweep-manifest.ts';
import { uniform } from '../../src/math/distributions.ts';
import { snapshot } from './helpers.ts';

const MANIFEST: SweepManifest = {
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

const row = (run: number) => runLine(run, 1000 + run, [run / 10], [run * 2, Number.NaN]);

function temporary(): string {
  return mkdtempSync(join(tmpdir(), 'aisim-sweep-files-'));
}

describe('runs.csv while a sweep runs', () => {
  it('is written in run order whatever order the runs finish in', () => {
    const folder = temporary();
    const path = join(folder, 'runs.csv.partial');
    writeFileSync(path, runsHeaderLine(MANIFEST));
    const writer = new RunsWriter(path, 0);
    const order = randomPermutation(10, seedrandom.alea('arrivals'));
    for (const position of order) writer.add(position, row(position));
    expect(writer.buffered).toBe(0);
    writer.close();
    const expected =
      runsHeaderLine(MANIFEST) + Array.from({ length: 10 }, (_, r) => row(r)).join('');
    expect(readFileSync(path, 'utf8')).toBe(expected);
    expect(row(3)).toBe('3,1003,0.3,6,\n');
  });

  it('resumes after the last complete row and drops a torn one', async () => {
    const parent = temporary();
    const folder = join(parent, 'toy-sweep');
    expect(await prepareSweepFolder(folder, folder, MANIFEST, false)).toEqual({
      done: 0,
      complete: false,
    });
    const partial = join(folder, 'runs.csv.partial');
    appendFileSync(partial, `${row(0)}${row(1)}${row(2)}3,100`);
    expect(await prepareSweepFolder(folder, folder, MANIFEST, true)).toEqual({
      done: 3,
      complete: false,
    });
    expect(readFileSync(partial, 'utf8')).toBe(runsHeaderLine(MANIFEST) + row(0) + row(1) + row(2));
  });

  it("refuses another sweep's folder, or a sweep's folder without --resume, and leaves it as it was", async () => {
    const parent = temporary();
    const folder = join(parent, 'toy-sweep');
    await prepareSweepFolder(folder, folder, MANIFEST, false);
    appendFileSync(join(folder, 'runs.csv.partial'), row(0));
    const before = snapshot(folder);
    await expect(prepareSweepFolder(folder, folder, MANIFEST, false)).rejects.toThrow(
      /holds a sweep already/,
    );
    await expect(
      prepareSweepFolder(folder, folder, { ...MANIFEST, seed: 2 }, true),
    ).rejects.toThrow(/another sweep \(its seed differs\)/);
    expect(snapshot(folder)).toEqual(before);
  });

  it('refuses a partial file whose rows are not the runs expected', async () => {
    const folder = join(temporary(), 'toy-sweep');
    await prepareSweepFolder(folder, folder, MANIFEST, false);
    appendFileSync(join(folder, 'runs.csv.partial'), row(0) + row(2));
    await expect(prepareSweepFolder(folder, folder, MANIFEST, true)).rejects.toThrow(
      /expected the row of run 1/,
    );
  });
});

describe('aisim merge', () => {
  /** Shard folders of MANIFEST's sweep, complete, with hand-made rows. */
  function shards(count: number, which: number[] = [...Array(count).keys()]): string[] {
    const parent = temporary();
    return which.map((index) => {
      const folder = join(parent, `toy-sweep-shard-${index}-of-${count}`);
      mkdirSync(folder);
      const runs = Array.from({ length: 10 }, (_, r) => r).filter((r) => r % count === index);
      const manifest = { ...MANIFEST, shard: { index, count, runs: runs.length } };
      writeFileSync(join(folder, 'sweep.json'), manifestText(manifest));
      writeFileSync(join(folder, 'runs.csv'), runsHeaderLine(manifest) + runs.map(row).join(''));
      return folder;
    });
  }

  it("interleaves the shards back into run order, with the whole sweep's sweep.json", async () => {
    const out = temporary();
    const { folder } = await mergeSweeps(shards(3).reverse(), out);
    expect(folder).toBe(join(out, 'toy-sweep'));
    expect(readFileSync(join(folder, 'runs.csv'), 'utf8')).toBe(
      runsHeaderLine(MANIFEST) + Array.from({ length: 10 }, (_, r) => row(r)).join(''),
    );
    expect(readFileSync(join(folder, 'sweep.json'), 'utf8')).toBe(manifestText(MANIFEST));
    const summary = readFileSync(join(folder, 'summary.csv'), 'utf8').split('\n');
    expect(summary[0]).toBe('outcome,runs,mean,sd,q05,q25,q50,q75,q95,mean_low,mean_high');
    expect(summary[1]).toMatch(/^y,10,9,/);
    expect(summary[2]).toMatch(/^z,0,,/);
  });

  it('refuses a missing shard, a shard given twice, or one of another sweep', async () => {
    const out = temporary();
    await expect(mergeSweeps(shards(3, [0, 2]), out)).rejects.toThrow(/shards 1 of 3 are missing/);
    const [first, second] = shards(2);
    await expect(mergeSweeps([first!, second!, first!], out)).rejects.toThrow(/again/);
    const other = shards(2);
    const sweepJson = join(other[1]!, 'sweep.json');
    writeFileSync(sweepJson, readFileSync(sweepJson, 'utf8').replace('"seed": 1', '"seed": 2'));
    await expect(mergeSweeps(other, out)).rejects.toThrow(/another sweep .*seed differs/);
    await expect(mergeSweeps(other, out)).rejects.toBeInstanceOf(InputError);
    expect(existsSync(join(out, 'toy-sweep'))).toBe(false);
  });
});
