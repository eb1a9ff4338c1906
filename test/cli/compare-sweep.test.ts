/**
 * `aisim compare` and `aisim report` on sweep folders through the real command line: a sweep's
 * means and intervals are summary.csv's, its differences are paired run by run, and a sweep that
 * is not whole and finished is refused before anything is written.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { studentT975 } from '../../src/analysis/statistics.ts';
import { formatMargin } from '../../src/output/batch-summary.ts';
import { formatUsdInterval } from '../../src/output/compare-output.ts';
import { formatPercent, formatUsd } from '../../src/output/terminal.ts';
import { COMPARISON_COLUMNS } from '../../src/results/compare-file.ts';
import smallSweep from '../fixtures/small-sweep.ts';
import { linesBelow, linesOf, runCli } from '../helpers.ts';
import {
  cellNumber,
  csvRecords,
  readRecords,
  writeSmallBatch,
  writeSmallRun,
  writeSmallSweep,
} from '../report/fixture.ts';
import { aisim, snapshot, UNCERTAIN_FILE } from '../sweep/helpers.ts';

const KINDS = ['lab', 'open_weight', 'hyperscaler', 'aggregator', 'host', 'chip'];
const MEASURES = ['profit', 'operating_margin', 'surplus_share'] as const;
/** writeSmallSweep's Sobol design: 2 base rows, N (d + 2) runs for d uncertain inputs. */
const SWEEP_RUNS = 2 * (Object.keys(smallSweep.uncertain ?? {}).length + 2);
/** Student's t at 0.975 with SWEEP_RUNS - 1 degrees of freedom. */
const T975 = studentT975(SWEEP_RUNS - 1);

let sweepFolder: string;
let runFolder: string;
let batchFolder: string;
let shardFolder: string;

beforeAll(async () => {
  const shardOut = mkdtempSync(join(tmpdir(), 'aisim-shard-'));
  let shard: Awaited<ReturnType<typeof aisim>>;
  [sweepFolder, { folder: runFolder }, { folder: batchFolder }, shard] = await Promise.all([
    writeSmallSweep(),
    writeSmallRun(),
    writeSmallBatch(),
    aisim([
      'sweep',
      UNCERTAIN_FILE,
      '--runs',
      '2',
      '--shard',
      '0/2',
      '--customers',
      '300',
      '--months',
      '12',
      '--workers',
      '1',
      '--out',
      shardOut,
    ]),
  ]);
  expect(shard.code).toBe(0);
  shardFolder = join(shardOut, 'uncertain-baseline-sweep-shard-0-of-2');
  expect(existsSync(join(shardFolder, 'summary.csv'))).toBe(true);
});

/** summary.csv's quantile (q25, q50, q75) of one outcome. */
function summaryQuantile(outcome: string, column: string): number {
  const row = readRecords(sweepFolder, 'summary.csv').find((record) => record.outcome === outcome);
  return cellNumber(row?.[column]);
}

/** summary.csv's mean and its interval for one outcome. */
function summaryInterval(outcome: string) {
  const row = readRecords(sweepFolder, 'summary.csv').find((record) => record.outcome === outcome);
  return {
    estimate: cellNumber(row?.mean),
    low: cellNumber(row?.mean_low),
    high: cellNumber(row?.mean_high),
  };
}

interface JsonComparison {
  sources: Record<string, unknown>[];
  rows: Record<string, string | number | null>[];
}

async function compareJson(args: readonly string[]): Promise<JsonComparison> {
  const { code, stdout, stderr } = await runCli(['compare', ...args, '--json']);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as JsonComparison;
}

describe.concurrent('aisim compare on a sweep', () => {
  it('prints each kind and consumers with summary.csv\u2019s median and quartiles, then its mean \u00b1 the half-width of its 95 % interval', async () => {
    const { code, stdout, stderr } = await runCli(['compare', sweepFolder]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(
      `${sweepFolder}: sweep, ${SWEEP_RUNS} runs (sobol design, master seed 1), each over its whole run (24 months)`,
    );
    expect(stdout).toContain('over seeds or runs');
    const percentRange = (outcome: string) =>
      `${(summaryQuantile(outcome, 'q25') * 100).toFixed(1)} to ${(summaryQuantile(outcome, 'q75') * 100).toFixed(1)} %`;
    for (const kind of KINDS) {
      const lines = linesOf(stdout, kind);
      expect(lines, kind).toHaveLength(1);
      // The median leads (summary.csv's q50), then the quartiles, then the mean.
      expect(lines[0]!.trim().split(/\s{2,}/)).toEqual([
        kind,
        'median',
        formatUsd(summaryQuantile(`profit_${kind}`, 'q50')),
        formatPercent(summaryQuantile(`operating_margin_${kind}`, 'q50')),
        formatPercent(summaryQuantile(`surplus_share_${kind}`, 'q50')),
      ]);
      expect(
        linesBelow(stdout, kind, 1)[0]!
          .trim()
          .split(/\s{2,}/),
      ).toEqual([
        '25-75 %',
        `${formatUsd(summaryQuantile(`profit_${kind}`, 'q25'))} to ${formatUsd(summaryQuantile(`profit_${kind}`, 'q75'))}`,
        percentRange(`operating_margin_${kind}`),
        percentRange(`surplus_share_${kind}`),
      ]);
      const mean = linesBelow(stdout, kind, 2)[0]!;
      expect(mean.trim().split(/\s{2,}/)).toEqual([
        'mean',
        formatUsdInterval(summaryInterval(`profit_${kind}`)),
        formatMargin(summaryInterval(`operating_margin_${kind}`)),
        formatMargin(summaryInterval(`surplus_share_${kind}`)),
      ]);
      expect(mean).toContain('±');
    }
    expect(
      linesBelow(stdout, 'consumers', 2)[0]!
        .trim()
        .split(/\s{2,}/),
    ).toEqual([
      'mean',
      formatUsdInterval(summaryInterval('consumer_surplus')),
      '-',
      formatMargin(summaryInterval('surplus_share_consumers')),
    ]);
    expect(stdout).toContain('consumers (surplus): the cumulative profit column holds');
  });

  it('says a sweep\u2019s differences are paired run by run, not seed by seed', async () => {
    const { code, stdout } = await runCli(['compare', sweepFolder, '--diff', 'aggregator-lab']);
    expect(code).toBe(0);
    expect(stdout).toContain('(paired): the difference within each run, run by run;');
    expect(stdout).not.toContain('seed by seed');
  });

  it('--json gives summary.csv\u2019s numbers exactly, and describes the sweep', async () => {
    const json = await compareJson([sweepFolder]);
    expect(json.sources).toEqual([
      {
        folder: sweepFolder,
        result: 'sweep',
        seeds: [],
        window: {},
        sweep: { runs: SWEEP_RUNS, design: 'sobol', masterSeed: 1, months: 24 },
      },
    ]);
    expect(json.rows.map((row) => row.name)).toEqual([...KINDS, 'consumers']);
    const summary = readRecords(sweepFolder, 'summary.csv');
    const cell = (outcome: string, column: string) => {
      const value = summary.find((record) => record.outcome === outcome)?.[column];
      return value === undefined || value === '' ? null : Number(value);
    };
    for (const row of json.rows) {
      const suffix = row.name === 'consumers' ? 'consumers' : String(row.name);
      for (const measure of MEASURES) {
        // Consumers' surplus stands in the profit column; they have no margin.
        const outcome =
          row.name === 'consumers' && measure === 'profit'
            ? 'consumer_surplus'
            : `${measure}_${suffix}`;
        const defined = row.name !== 'consumers' || measure !== 'operating_margin';
        expect(row[`${measure}_mean`], outcome).toBe(defined ? cell(outcome, 'mean') : null);
        expect(row[`${measure}_low`], outcome).toBe(defined ? cell(outcome, 'mean_low') : null);
        expect(row[`${measure}_high`], outcome).toBe(defined ? cell(outcome, 'mean_high') : null);
      }
      expect(row.seeds).toBe(
        cell(`${row.name === 'consumers' ? 'surplus_share' : 'profit'}_${suffix}`, 'runs'),
      );
      expect(row.result).toBe('sweep');
    }
  });

  it('--diff takes comparisons.csv\u2019s paired row, negates it for the reverse pair, and pairs any other two kinds run by run from runs.csv', async () => {
    const json = await compareJson([
      sweepFolder,
      '--diff',
      'aggregator-lab',
      '--diff',
      'lab-aggregator',
      '--diff',
      'hyperscaler-aggregator',
    ]);
    const differences = json.rows.filter((row) => row.scope === 'difference');
    expect(differences.map((row) => [row.name, row.difference])).toEqual([
      ['aggregator-lab', 'paired'],
      ['lab-aggregator', 'paired'],
      ['hyperscaler-aggregator', 'paired'],
    ]);
    const [forward, reverse, other] = differences as [
      (typeof differences)[number],
      (typeof differences)[number],
      (typeof differences)[number],
    ];
    const comparisons = readRecords(sweepFolder, 'comparisons.csv');
    const recorded = (measure: string, minuend: string) =>
      comparisons.find(
        (row) => row.measure === measure && row.minuend === minuend && row.subtrahend === 'lab',
      )!;
    const runs = readRecords(sweepFolder, 'runs.csv');
    for (const measure of MEASURES) {
      const row = recorded(measure, 'aggregator');
      expect(forward[`${measure}_mean`]).toBe(Number(row.mean));
      expect(forward[`${measure}_low`]).toBe(Number(row.mean_low));
      expect(forward[`${measure}_high`]).toBe(Number(row.mean_high));
      expect(reverse[`${measure}_mean`]).toBe(-Number(row.mean));
      expect(reverse[`${measure}_low`]).toBe(-Number(row.mean_high));
      expect(reverse[`${measure}_high`]).toBe(-Number(row.mean_low));
      // The median of the runs' differences, as comparisons.csv's q50; the reverse's, negated.
      expect(forward[`${measure}_median`]).toBe(Number(row.q50));
      expect(reverse[`${measure}_median`]).toBe(-Number(row.q50));

      // hyperscaler - aggregator, run by run: its mean is (hyperscaler - lab) - (aggregator -
      // lab) from comparisons.csv, and its interval the t interval of the runs' differences.
      const paired = runs
        .map(
          (run) =>
            cellNumber(run[`${measure}_hyperscaler`]) - cellNumber(run[`${measure}_aggregator`]),
        )
        .filter((difference) => !Number.isNaN(difference));
      expect(paired).toHaveLength(SWEEP_RUNS);
      const mean = paired.reduce((sum, value) => sum + value, 0) / paired.length;
      const sd = Math.sqrt(
        paired.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (paired.length - 1),
      );
      const scale = Math.max(Math.abs(mean), sd);
      const close = (actual: unknown, expected: number) =>
        expect(Math.abs(Number(actual) - expected) / scale).toBeLessThan(1e-9);
      close(other[`${measure}_mean`], mean);
      close(
        other[`${measure}_mean`],
        Number(recorded(measure, 'hyperscaler').mean) -
          Number(recorded(measure, 'aggregator').mean),
      );
      const half = (T975 * sd) / Math.sqrt(paired.length);
      close(other[`${measure}_low`], mean - half);
      close(other[`${measure}_high`], mean + half);
    }
    expect(other.seeds).toBe(SWEEP_RUNS);
  });

  it('--diff consumers-lab pairs consumers\u2019 surplus and share with the labs\u2019 profit and share, run by run from runs.csv; no margin', async () => {
    const json = await compareJson([sweepFolder, '--diff', 'consumers-lab']);
    const row = json.rows.find((r) => r.scope === 'difference')!;
    expect([row.name, row.kind, row.difference]).toEqual(['consumers-lab', 'consumers', 'paired']);
    expect([
      row.operating_margin_mean,
      row.operating_margin_low,
      row.operating_margin_high,
    ]).toEqual([null, null, null]);
    const runs = readRecords(sweepFolder, 'runs.csv');
    for (const [measure, consumers, lab] of [
      ['profit', 'consumer_surplus', 'profit_lab'],
      ['surplus_share', 'surplus_share_consumers', 'surplus_share_lab'],
    ] as const) {
      const paired = runs.map((run) => cellNumber(run[consumers]) - cellNumber(run[lab]));
      expect(paired.every(Number.isFinite)).toBe(true);
      const mean = paired.reduce((sum, value) => sum + value, 0) / paired.length;
      const sd = Math.sqrt(
        paired.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (paired.length - 1),
      );
      const half = (T975 * sd) / Math.sqrt(paired.length);
      const scale = Math.max(Math.abs(mean), sd);
      for (const [column, expected] of [
        ['mean', mean],
        ['low', mean - half],
        ['high', mean + half],
      ] as const)
        expect(
          Math.abs(Number(row[`${measure}_${column}`]) - expected) / scale,
          `${measure} ${column}`,
        ).toBeLessThan(1e-9);
    }
    expect(row.seeds).toBe(SWEEP_RUNS);
  });

  it('--csv prints the stable columns, summary.csv\u2019s cells as written', async () => {
    const { code, stdout, stderr } = await runCli([
      'compare',
      sweepFolder,
      '--csv',
      '--diff',
      'aggregator-lab',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(COMPARISON_COLUMNS.join(','));
    const rows = csvRecords(stdout);
    expect(rows.map((row) => [row.scope, row.name])).toEqual([
      ...KINDS.map((kind) => ['kind', kind]),
      ['consumers', 'consumers'],
      ['difference', 'aggregator-lab'],
    ]);
    const summary = readRecords(sweepFolder, 'summary.csv');
    for (const row of rows.filter((record) => record.scope === 'kind')) {
      const outcome = summary.find((record) => record.outcome === `operating_margin_${row.name}`)!;
      expect([
        row.operating_margin_mean,
        row.operating_margin_low,
        row.operating_margin_high,
      ]).toEqual([outcome.mean, outcome.mean_low, outcome.mean_high]);
      // The row's runs are its profit's: a run whose kind sells nothing has no margin, and
      // summary.csv's margin leaves it out.
      const profit = summary.find((record) => record.outcome === `profit_${row.name}`)!;
      expect(row.seeds).toBe(profit.runs);
      expect([row.source, row.result, row.window_from, row.window_to]).toEqual([
        sweepFolder,
        'sweep',
        '',
        '',
      ]);
    }
  });

  it('puts a run, a batch and a sweep side by side, each numbered, the sweep in its own scenario block', async () => {
    const { code, stdout, stderr } = await runCli([
      'compare',
      runFolder,
      batchFolder,
      sweepFolder,
      '--diff',
      'aggregator-lab',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`#1 ${runFolder}: run`);
    expect(stdout).toContain(`#2 ${batchFolder}: batch, 2 seeds`);
    expect(stdout).toContain(`#3 ${sweepFolder}: sweep, ${SWEEP_RUNS} runs`);
    const blocks = stdout.split('\n\n');
    const sweepBlock = blocks.find((block) => block.startsWith('small-sweep '))!;
    const baseline = blocks.find((block) => block.startsWith('baseline '))!;
    expect(sweepBlock).toMatch(/^lab\s+#3\s/m);
    expect(sweepBlock).not.toMatch(/#1|#2/);
    expect(baseline).not.toContain('#3');
    const paired = readRecords(sweepFolder, 'comparisons.csv').find(
      (row) => row.measure === 'operating_margin' && row.minuend === 'aggregator',
    )!;
    expect(linesBelow(sweepBlock, 'aggregator - lab (paired)', 2)[0]).toContain(
      formatMargin({
        estimate: Number(paired.mean),
        low: Number(paired.mean_low),
        high: Number(paired.mean_high),
      }),
    );
    const json = await compareJson([runFolder, batchFolder, sweepFolder]);
    expect(json.sources.map((source) => source.result)).toEqual(['run', 'batch', 'sweep']);
  });
});

/** Each case: a sweep folder that is not whole and finished, and what the message must say. */
const NOT_FINISHED: { name: string; make: () => string; says: string }[] = [
  { name: 'a shard', make: () => shardFolder, says: 'is shard 0 of 2 of a sweep' },
  {
    name: 'an unfinished sweep',
    make: () => {
      // As an interrupted sweep leaves it: sweep.json and the rows written so far.
      const folder = join(mkdtempSync(join(tmpdir(), 'aisim-unfinished-')), 'sweep');
      mkdirSync(folder);
      copyFileSync(join(sweepFolder, 'sweep.json'), join(folder, 'sweep.json'));
      const lines = readFileSync(join(sweepFolder, 'runs.csv'), 'utf8').split('\n');
      writeFileSync(join(folder, 'runs.csv.partial'), `${lines.slice(0, 6).join('\n')}\n`);
      return folder;
    },
    says: 'is an unfinished sweep (no runs.csv yet)',
  },
  {
    name: 'a sweep stopped before its summaries',
    make: () => {
      const folder = join(mkdtempSync(join(tmpdir(), 'aisim-nosummary-')), 'sweep');
      mkdirSync(folder);
      for (const file of ['sweep.json', 'runs.csv'])
        copyFileSync(join(sweepFolder, file), join(folder, file));
      return folder;
    },
    says: 'has no summary.csv',
  },
];

describe.concurrent('a sweep that is not whole and finished', () => {
  for (const { name, make, says } of NOT_FINISHED) {
    it(`${name}: report and compare exit 2 with one line saying what to do, and write nothing`, async () => {
      const folder = make();
      const before = snapshot(folder);
      const out = join(mkdtempSync(join(tmpdir(), 'aisim-out-')), 'report.html');
      for (const args of [
        ['report', folder, '--out', out],
        ['compare', runFolder, folder],
      ]) {
        const { code, stdout, stderr } = await runCli(args);
        expect(code, args.join(' ')).toBe(2);
        expect(stdout).toBe('');
        expect(stderr).toMatch(/^aisim: [^\n]+\n$/);
        expect(stderr).toContain(folder);
        expect(stderr).toContain(says);
        expect(snapshot(folder)).toEqual(before);
        expect(existsSync(out)).toBe(false);
      }
    });
  }
});
