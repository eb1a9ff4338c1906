import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseKindPair } from '../../src/cli/commands/compare.ts';
import { InputError } from '../../src/errors.ts';
import { formatMargin } from '../../src/output/batch-summary.ts';
import { formatPercent, formatUsd } from '../../src/output/terminal.ts';
import { COMPARISON_COLUMNS } from '../../src/results/compare-file.ts';
import { linesBelow, linesOf, runCli } from '../helpers.ts';
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
      const consumers = record.scope === 'consumers';
      const name = consumers ? 'consumers (surplus)' : record.name!;
      const [line] = linesOf(stdout, name);
      expect(line, record.name).toBeDefined();
      const cells = line!.trim().split(/\s{2,}/);
      // Consumers' surplus stands in the profit column, and their label says so.
      expect(cells).toEqual([
        name,
        formatUsd(cellNumber(consumers ? record.surplus : record.profit)),
        formatMargin(point(cellNumber(record.operating_margin))),
        formatMargin(point(cellNumber(record.surplus_share))),
      ]);
    }
    expect(stdout).toContain(
      'consumers (surplus): the cumulative profit column holds consumers\u2019 surplus',
    );
    // The leading lab by its displayName from run.json, not its id.
    const agents: Record<string, { displayName: string }> = JSON.parse(
      readFileSync(join(runFolder, 'run.json'), 'utf8'),
    ).parameters.agents;
    const leading = stdout.split('\n').find((line) => line.startsWith('leading lab ('));
    const shown = /^leading lab \((.+?)\)/.exec(leading ?? '')?.[1];
    const lead = Object.keys(agents).find((id) => agents[id]!.displayName === shown);
    expect(lead, shown).toBeDefined();
    expect(shown).not.toBe(lead);
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
    // The batch's seeds: the median first, then the quartiles, then the mean and its interval.
    expect(baseline.split('\n')[lab + 1]).toMatch(/^\s+#2\s+median\s/);
    expect(baseline.split('\n')[lab + 2]).toMatch(/^\s+25-75 %\s/);
    expect(baseline.split('\n')[lab + 3]).toMatch(/^\s+mean\s.*±/);
    // The batch's other scenario has only the batch's lines.
    const priceWar = stdout.split('\n\n').find((block) => block.startsWith('price-war '))!;
    expect(priceWar).not.toContain('#1');
  });

  it('--diff pairs any two kinds, or consumers, seed by seed: batch.csv\u2019s row for aggregator-lab, batch-runs.csv for every pair', async () => {
    const { code, stdout, stderr } = await runCli([
      'compare',
      batchFolder,
      '--diff',
      'aggregator-lab',
      '--diff',
      'lab-hyperscaler',
      '--diff',
      'consumers-lab',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const batch = csvRecords(readFileSync(join(batchFolder, 'batch.csv'), 'utf8'));
    const runs = csvRecords(readFileSync(join(batchFolder, 'batch-runs.csv'), 'utf8'));
    // Each difference leads with its median; its mean and interval are two lines below.
    const paired = linesBelow(stdout, 'aggregator - lab (paired)', 2);
    const other = linesBelow(stdout, 'lab - hyperscaler (paired)', 2);
    const consumers = linesBelow(stdout, 'consumers - lab (paired)', 2);
    const otherMedians = linesOf(stdout, 'lab - hyperscaler (paired)');
    expect([paired, other, consumers].map((lines) => lines.length)).toEqual([2, 2, 2]);
    for (const line of [...paired, ...other, ...consumers]) expect(line).toMatch(/^\s+mean\s/);
    for (const [index, scenario] of ['baseline', 'price-war'].entries()) {
      const find = (scope: string, name: string) =>
        batch.find((r) => r.scenario === scenario && r.scope === scope && r.name === name);
      const margin = formatMargin(
        interval(find('difference', 'aggregator-lab'), 'operating_margin'),
      );
      expect(margin).toContain('±');
      expect(paired[index]).toContain(margin);
      // lab - hyperscaler: the mean of the two seeds' differences, with an interval.
      const seeds = (name: string) =>
        runs.filter((r) => r.scenario === scenario && r.scope === 'kind' && r.name === name);
      const differences = seeds('lab').map(
        (r, seed) =>
          cellNumber(r.operating_margin) - cellNumber(seeds('hyperscaler')[seed]!.operating_margin),
      );
      expect(differences).toHaveLength(2);
      const mean = (differences[0]! + differences[1]!) / 2;
      expect(other[index]).toContain(formatMargin(point(mean)).replace(' %', ''));
      expect(other[index]).toContain('±');
      // The median of two seeds' differences is their mean.
      expect(otherMedians[index]!.trim().split(/\s{2,}/)[3]).toBe(formatPercent(mean));
      expect(consumers[index]!.trim().split(/\s{2,}/)[2]).toBe('-'); // consumers have no margin
    }
    expect(stdout).not.toContain('(of means)');
    expect(stdout).toContain('consumers (surplus): the cumulative profit column holds');
    expect(stdout).toContain('(paired): the difference within each run, seed by seed;');
  });

  it('pools run folders of one scenario over different seeds into one source with intervals', async () => {
    const [second, third] = await Promise.all([writeSmallRun(2), writeSmallRun(3)]);
    const { code, stdout, stderr } = await runCli([
      'compare',
      runFolder,
      second.folder,
      third.folder,
      '--diff',
      'aggregator-lab',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(
      `${runFolder} + ${second.folder} + ${third.folder}: 3 runs pooled, seeds 1, 2 and 3, 2022-11 to 2025-10`,
    );
    const lab = linesOf(stdout, 'lab');
    expect(lab).toHaveLength(1); // one source, not three
    expect(lab[0]).toMatch(/^lab\s+median\s/);
    expect(linesBelow(stdout, 'lab', 2)[0]).toMatch(/^\s+mean\s.*±.*±.*±/);
    expect(linesBelow(stdout, 'aggregator - lab (paired)', 2)[0]).toContain('±');
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
    // The run: six kinds, the leading lab, consumers and the difference.
    expect(records.filter((r) => r.source === runFolder)).toHaveLength(9);
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

  it('--help says what a difference holds: profit (consumers: surplus), margin and share, paired', async () => {
    const { code, stdout } = await runCli(['compare', '--help']);
    expect(code).toBe(0);
    const help = stdout.replace(/\s+/g, ' ');
    expect(help).toContain('consumers');
    expect(help).toContain('cumulative profit (consumers: their surplus), operating margin');
    expect(help).toContain('surplus share');
    expect(help).toContain('pooled');
    expect(help).not.toContain('difference of two kinds\u2019 operating margins');
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
  it('reads two different producer kinds or consumers; anything else is an InputError naming --diff and the value', () => {
    expect(parseKindPair('aggregator-lab')).toEqual({ minuend: 'aggregator', subtrahend: 'lab' });
    expect(parseKindPair('open_weight-hyperscaler')).toEqual({
      minuend: 'open_weight',
      subtrahend: 'hyperscaler',
    });
    expect(parseKindPair('consumers-lab')).toEqual({ minuend: 'consumers', subtrahend: 'lab' });
    for (const bad of ['aggregator', 'lab-lab', 'lab-buyers', 'lab-host-aggregator', '']) {
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

/** One run's value as an interval of width zero, as compare shows it. */
function point(value: number) {
  return { estimate: value, low: value, high: value };
}
