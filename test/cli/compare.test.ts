import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseKindPair } from '../../src/cli/commands/compare.ts';
import { InputError } from '../../src/errors.ts';
import { formatMargin } from '../../src/output/batch-summary.ts';
import { COMPARISON_COLUMNS } from '../../src/output/compare-output.ts';
import { formatPercent, formatUsd } from '../../src/output/terminal.ts';
import { linesOf, runCli } from '../helpers.ts';
import { cellNumber, csvRecords, writeSmallBatch, writeSmallRun } from '../report/fixture.ts';

let runFolder: string;
let batchFolder: string;

beforeAll(async () => {
  [{ folder: runFolder }, { folder: batchFolder }] = await Promise.all([
    writeSmallRun(),
    writeSmallBatch(),
  ]);
});

/** A batch.csv row's measure as an interval. */
function interval(record: Record<string, string> | undefined, measure: string) {
  return {
    estimate: cellNumber(record?.[`${measure}_mean`]),
    low: cellNumber(record?.[`${measure}_low`]),
    high: cellNumber(record?.[`${measure}_high`]),
  };
}

describe.concurrent('aisim compare', () => {
  it('prints a run folder\u2019s kinds with the numbers of its summary.csv', async () => {
    const { code, stdout, stderr } = await runCli(['compare', runFolder]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`${runFolder}: run, seed 1, 2022-11 to 2025-10`);
    const summary = csvRecords(readFileSync(join(runFolder, 'summary.csv'), 'utf8'));
    for (const record of summary.filter((r) => r.scope !== 'agent')) {
      const [line] = linesOf(stdout, record.name!);
      expect(line, record.name).toBeDefined();
      const cells = line!.trim().split(/\s{2,}/);
      expect(cells).toEqual([
        record.name,
        formatUsd(cellNumber(record.profit)),
        formatPercent(cellNumber(record.operating_margin)),
        formatPercent(cellNumber(record.surplus_share)),
      ]);
    }
  });

  it('puts a run beside a batch: a numbered line per source under each kind', async () => {
    const { code, stdout } = await runCli(['compare', runFolder, batchFolder]);
    expect(code).toBe(0);
    expect(stdout).toContain(`#1 ${runFolder}: run`);
    expect(stdout).toContain(`#2 ${batchFolder}: batch, 2 seeds, 2023-01 to 2025-06`);
    // The baseline block has the lab twice: the run's, then the batch's with its interval.
    const baseline = stdout.split('\n\n').find((block) => block.startsWith('baseline '))!;
    const lab = baseline.split('\n').findIndex((line) => line.startsWith('lab '));
    expect(baseline.split('\n')[lab]).toMatch(/^lab\s+#1\s/);
    expect(baseline.split('\n')[lab + 1]).toMatch(/^\s+#2\s.*±/);
    // The batch's other scenario has only the batch's lines.
    const priceWar = stdout.split('\n\n').find((block) => block.startsWith('price-war '))!;
    expect(priceWar).not.toContain('#1');
  });

  it('--diff aggregator-lab shows batch.csv\u2019s paired difference; another pair the difference of means', async () => {
    const { code, stdout, stderr } = await runCli([
      'compare',
      batchFolder,
      '--diff',
      'aggregator-lab',
      '--diff',
      'lab-hyperscaler',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const batch = csvRecords(readFileSync(join(batchFolder, 'batch.csv'), 'utf8'));
    const paired = linesOf(stdout, 'aggregator - lab (paired)');
    const ofMeans = linesOf(stdout, 'lab - hyperscaler (of means)');
    expect(paired).toHaveLength(2);
    expect(ofMeans).toHaveLength(2);
    for (const [index, scenario] of ['baseline', 'price-war'].entries()) {
      const find = (scope: string, name: string) =>
        batch.find((r) => r.scenario === scenario && r.scope === scope && r.name === name);
      const margin = formatMargin(
        interval(find('difference', 'aggregator-lab'), 'operating_margin'),
      );
      expect(margin).toContain('±');
      expect(paired[index]).toContain(margin);
      const lab = cellNumber(find('kind', 'lab')?.operating_margin_mean);
      const hyperscaler = cellNumber(find('kind', 'hyperscaler')?.operating_margin_mean);
      expect(ofMeans[index]).toContain(formatPercent(lab - hyperscaler));
      expect(ofMeans[index]).not.toContain('±');
    }
    expect(stdout).toContain('(of means): the difference of the two means; no interval');
  });

  it('--csv prints CSV with the stable columns, a row per kind, source and difference', async () => {
    const { code, stdout, stderr } = await runCli([
      'compare',
      runFolder,
      batchFolder,
      '--csv',
      '--diff',
      'aggregator-lab',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(COMPARISON_COLUMNS.join(','));
    const records = csvRecords(stdout);
    const batchRows = csvRecords(readFileSync(join(batchFolder, 'batch.csv'), 'utf8')).length;
    // The run: five kinds, the leading lab, consumers and the difference.
    expect(records.filter((r) => r.source === runFolder)).toHaveLength(8);
    expect(records.filter((r) => r.source === batchFolder)).toHaveLength(batchRows);
    expect(records.filter((r) => r.scope === 'difference').map((r) => r.difference)).toEqual([
      'paired',
      'paired',
      'paired',
    ]);
  });

  it('--json prints the sources and the rows', async () => {
    const { code, stdout } = await runCli(['compare', batchFolder, '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as {
      sources: { folder: string; seeds: number[] }[];
      rows: Record<string, unknown>[];
    };
    expect(json.sources).toEqual([
      {
        folder: batchFolder,
        result: 'batch',
        seeds: [1, 2],
        window: { from: '2023-01', to: '2025-06' },
      },
    ]);
    const csv = csvRecords(readFileSync(join(batchFolder, 'batch.csv'), 'utf8'));
    expect(json.rows).toHaveLength(csv.filter((r) => r.scope !== 'difference').length);
    expect(json.rows.map((row) => row.operating_margin_mean)).toEqual(
      csv
        .filter((r) => r.scope !== 'difference')
        .map((r) => (r.operating_margin_mean === '' ? null : Number(r.operating_margin_mean))),
    );
  });

  /** Each case: the arguments, and what the one line of stderr must name. */
  const BAD: { name: string; args: () => string[]; names: () => string[] }[] = [
    {
      name: 'a missing folder',
      args: () => ['compare', runFolder, join(mkdtempSync(join(tmpdir(), 'aisim-')), 'absent')],
      names: () => ['absent', 'no such folder'],
    },
    {
      name: 'a folder that holds no result',
      args: () => ['compare', mkdtempSync(join(tmpdir(), 'aisim-empty-'))],
      names: () => ['aisim-empty-', 'not a result folder'],
    },
    {
      name: 'an unknown kind in --diff',
      args: () => ['compare', batchFolder, '--diff', 'aggregator-opnai'],
      names: () => ['--diff', '"opnai"', '"aggregator-opnai"'],
    },
    {
      name: '--csv with --json',
      args: () => ['compare', batchFolder, '--csv', '--json'],
      names: () => ['csv', 'json'],
    },
  ];

  for (const { name, args, names } of BAD) {
    it(`${name}: exit 2, nothing on stdout, one line naming what is wrong`, async () => {
      const { code, stdout, stderr } = await runCli(args());
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^aisim: [^\n]+\n$/);
      for (const part of names()) expect(stderr).toContain(part);
    });
  }
});

describe('--diff A-B', () => {
  it('reads two different producer kinds; anything else is an InputError naming --diff and the value', () => {
    expect(parseKindPair('aggregator-lab')).toEqual({ minuend: 'aggregator', subtrahend: 'lab' });
    expect(parseKindPair('open_weight-hyperscaler')).toEqual({
      minuend: 'open_weight',
      subtrahend: 'hyperscaler',
    });
    for (const bad of ['aggregator', 'lab-lab', 'lab-consumers', 'lab-host-aggregator', '']) {
      const error = (() => {
        try {
          parseKindPair(bad);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error, bad).toBeInstanceOf(InputError);
      expect((error as InputError).message).toMatch(/^--diff: /);
      expect((error as InputError).message).toContain(JSON.stringify(bad));
      expect((error as InputError).message).not.toContain('\n');
    }
  });
});
