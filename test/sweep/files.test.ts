import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { mergeSweeps } from '../../src/api/sweep.ts';
import { randomPermutation } from '../../src/design/sample/random.ts';
import { InputError } from '../../src/errors.ts';
import { RunsWriter, runsHeaderLine } from '../../src/execution/runs-file.ts';
import { prepareSweepFolder } from '../../src/execution/sweep-folder.ts';
import { manifestText } from '../../src/execution/sweep-manifest.ts';
import { snapshot } from './helpers.ts';
import { TOY_MANIFEST, toyRow, toyShards } from './toy-sweep.ts';

function temporary(): string {
  return mkdtempSync(join(tmpdir(), 'aisim-sweep-files-'));
}

describe('runs.csv while a sweep runs', () => {
  it('is written in run order whatever order the runs finish in', () => {
    const folder = temporary();
    const path = join(folder, 'runs.csv.partial');
    writeFileSync(path, runsHeaderLine(TOY_MANIFEST));
    const writer = new RunsWriter(path, 0);
    const order = randomPermutation(10, seedrandom.alea('arrivals'));
    for (const position of order) writer.add(position, toyRow(position));
    expect(writer.buffered).toBe(0);
    writer.close();
    const expected =
      runsHeaderLine(TOY_MANIFEST) + Array.from({ length: 10 }, (_, r) => toyRow(r)).join('');
    expect(readFileSync(path, 'utf8')).toBe(expected);
    expect(toyRow(3)).toBe('3,1003,0.3,6,\n');
  });

  it('resumes after the last complete row and drops a torn one', async () => {
    const parent = temporary();
    const folder = join(parent, 'toy-sweep');
    expect(await prepareSweepFolder(folder, folder, TOY_MANIFEST, false)).toEqual({
      done: 0,
      complete: false,
    });
    const partial = join(folder, 'runs.csv.partial');
    appendFileSync(partial, `${toyRow(0)}${toyRow(1)}${toyRow(2)}3,100`);
    expect(await prepareSweepFolder(folder, folder, TOY_MANIFEST, true)).toEqual({
      done: 3,
      complete: false,
    });
    expect(readFileSync(partial, 'utf8')).toBe(
      runsHeaderLine(TOY_MANIFEST) + toyRow(0) + toyRow(1) + toyRow(2),
    );
  });

  it("refuses another sweep's folder, or a sweep's folder without --resume, and leaves it as it was", async () => {
    const parent = temporary();
    const folder = join(parent, 'toy-sweep');
    await prepareSweepFolder(folder, folder, TOY_MANIFEST, false);
    appendFileSync(join(folder, 'runs.csv.partial'), toyRow(0));
    const before = snapshot(folder);
    await expect(prepareSweepFolder(folder, folder, TOY_MANIFEST, false)).rejects.toThrow(
      /holds a sweep already/,
    );
    await expect(
      prepareSweepFolder(folder, folder, { ...TOY_MANIFEST, seed: 2 }, true),
    ).rejects.toThrow(/another sweep \(its seed differs\)/);
    expect(snapshot(folder)).toEqual(before);
  });

  it('refuses a partial file whose rows are not the runs expected', async () => {
    const folder = join(temporary(), 'toy-sweep');
    await prepareSweepFolder(folder, folder, TOY_MANIFEST, false);
    appendFileSync(join(folder, 'runs.csv.partial'), toyRow(0) + toyRow(2));
    await expect(prepareSweepFolder(folder, folder, TOY_MANIFEST, true)).rejects.toThrow(
      /expected the row of run 1/,
    );
  });
});

describe('aisim merge', () => {
  it("interleaves the shards back into run order, with the whole sweep's sweep.json", async () => {
    const out = temporary();
    const { folder } = await mergeSweeps(toyShards(3).reverse(), out);
    expect(folder).toBe(join(out, 'toy-sweep'));
    expect(readFileSync(join(folder, 'runs.csv'), 'utf8')).toBe(
      runsHeaderLine(TOY_MANIFEST) + Array.from({ length: 10 }, (_, r) => toyRow(r)).join(''),
    );
    expect(readFileSync(join(folder, 'sweep.json'), 'utf8')).toBe(manifestText(TOY_MANIFEST));
    const summary = readFileSync(join(folder, 'summary.csv'), 'utf8').split('\n');
    expect(summary[0]).toBe('outcome,runs,q50,q05,q25,q75,q95,mean,mean_low,mean_high,sd');
    expect(summary[1]).toMatch(/^y,10,9,/);
    expect(summary[2]).toMatch(/^z,0,,/);
  });

  it('refuses a shard given twice, or one of another sweep', async () => {
    const out = temporary();
    const [first, second] = toyShards(2);
    await expect(mergeSweeps([first!, second!, first!], out)).rejects.toThrow(/again/);
    const other = toyShards(2);
    const sweepJson = join(other[1]!, 'sweep.json');
    writeFileSync(sweepJson, readFileSync(sweepJson, 'utf8').replace('"seed": 1', '"seed": 2'));
    await expect(mergeSweeps(other, out)).rejects.toThrow(/another sweep .*seed differs/);
    await expect(mergeSweeps(other, out)).rejects.toBeInstanceOf(InputError);
    expect(existsSync(join(out, 'toy-sweep'))).toBe(false);
  });

  it('names every shard missing or not complete, in one line, and writes nothing', async () => {
    const refusal = async (folders: string[]) => {
      const out = join(temporary(), 'merged');
      const error = await mergeSweeps(folders, out).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(InputError);
      expect(existsSync(out)).toBe(false);
      return (error as InputError).message;
    };
    expect(await refusal(toyShards(3, [0, 2]))).toBe(
      'merge: shard 1 of 3 is missing (1 of 3): run it (--shard i/3), then merge again',
    );
    expect(await refusal(toyShards(10, [3, 4, 8]))).toBe(
      'merge: shards 0-2, 5-7, 9 of 10 are missing (7 of 10): run them (--shard i/10), then merge again',
    );
    expect(await refusal(toyShards(4, [0, 1, 2, 3], [3, 1]))).toBe(
      'merge: shards 1, 3 of 4 are not complete (no runs.csv): finish them with the same aisim sweep command and --resume',
    );
    expect(await refusal(toyShards(5, [4, 1, 2], [2]))).toBe(
      'merge: shards 0, 3 of 5 are missing (2 of 5): run them (--shard i/5), then merge again; ' +
        'shard 2 of 5 is not complete (no runs.csv): finish it with the same aisim sweep command and --resume',
    );
  });
});
