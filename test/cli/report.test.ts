import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers.ts';
import { writeSmallRun } from '../report/fixture.ts';

let folder: string;

beforeAll(async () => {
  ({ folder } = await writeSmallRun());
});

/** Each case: a folder that holds no result, made fresh. */
const NOT_RESULTS: { name: string; make: () => string }[] = [
  { name: 'a missing folder', make: () => join(mkdtempSync(join(tmpdir(), 'aisim-')), 'absent') },
  { name: 'an empty folder', make: () => mkdtempSync(join(tmpdir(), 'aisim-empty-')) },
  {
    name: 'a folder whose run.json has no seed',
    make: () => {
      const dir = mkdtempSync(join(tmpdir(), 'aisim-noseed-'));
      writeFileSync(join(dir, 'run.json'), '{ "scenario": "baseline" }\n');
      return dir;
    },
  },
];

describe.concurrent('aisim report', () => {
  it('writes report.html into the run folder and prints its path', async () => {
    const { code, stdout, stderr } = await runCli(['report', folder]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const written = join(folder, 'report.html');
    expect(stdout.trim()).toBe(written);
    expect(readFileSync(written, 'utf8')).toMatch(/^<!doctype html>[\s\S]*<svg[\s\S]*<\/html>\n$/);
  });

  it('--out writes the report where it is told, and nothing into the run folder', async () => {
    const { folder: other } = await writeSmallRun();
    const out = join(mkdtempSync(join(tmpdir(), 'aisim-out-')), 'nested', 'baseline.html');
    const { code, stdout } = await runCli(['report', other, '--out', out]);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(out);
    expect(readFileSync(out, 'utf8')).toContain('<figcaption>');
    expect(readdirSync(other).sort()).toEqual([
      'agents.csv',
      'market.csv',
      'run.json',
      'summary.csv',
    ]);
  });

  for (const { name, make } of NOT_RESULTS) {
    it(`${name}: exit 2, one line naming the folder, nothing written`, async () => {
      const bad = make();
      const before = existsSync(bad) ? readdirSync(bad) : undefined;
      const out = join(mkdtempSync(join(tmpdir(), 'aisim-out-')), 'report.html');
      for (const args of [
        ['report', bad],
        ['report', bad, '--out', out],
      ]) {
        const { code, stdout, stderr } = await runCli(args);
        expect(code).toBe(2);
        expect(stdout).toBe('');
        expect(stderr).toMatch(/^aisim: [^\n]+\n$/);
        expect(stderr).toContain(bad);
        expect(existsSync(bad) ? readdirSync(bad) : undefined).toEqual(before);
        expect(existsSync(out)).toBe(false);
      }
    });
  }
});
