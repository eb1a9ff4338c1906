/**
 * `aisim compare A B --diff 2-1`: one source less another, paired seed by seed (batches) or run
 * by run (sweeps run with --pair-with). Every number is checked against a plain computation from
 * the two sources' own per-seed files (batch-runs.csv, runs.csv), read here directly.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, REPO, runCli } from '../helpers.ts';
import { cellNumber, csvRecords } from '../report/fixture.ts';

type CsvRecord = Record<string, string>;

const SMALL = ['--customers', '600', '--months', '18'];
const SWEEP = ['--runs', '9', '--customers', '300', '--months', '12', '--workers', '1'];
const MEASURES = ['profit', 'operating_margin', 'surplus_share'] as const;

let out: string;
let batchA: string;
let batchB: string;
let sweepA: string;
let sweepB: string;
/** The cheap-switching sweep run without --pair-with: other seeds, other inputs. */
let sweepAlone: string;

/** Each `aisim` call of the set-up: exit 0, nothing on stderr. */
async function ok(args: readonly string[]): Promise<CliResult> {
  const result = await runCli(args);
  expect(result.stderr, args.join(' ')).toBe('');
  expect(result.code, args.join(' ')).toBe(0);
  return result;
}

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'aisim-pair-'));
  // The uncertain baseline with cheaper switching for developers: the same uncertain inputs.
  const cheap = join(out, 'cheap-switching.ts');
  writeFileSync(
    cheap,
    `import { defineScenario } from 'ai-market-sim/scenario';
import uncertain from 'ai-market-sim/scenarios/sweeps/uncertain-baseline.ts';

export default defineScenario({
  extends: uncertain,
  name: 'cheap-switching',
  demand: { segments: { developer: { switchingCostPerSpendMonth: { median: 0.005 } } } },
});
`,
  );
  const uncertain = join(REPO, 'scenarios', 'sweeps', 'uncertain-baseline.ts');
  await Promise.all([
    ok(['batch', 'scenarios/baseline.ts', '--seeds', '6', '--out', join(out, 'a'), ...SMALL]),
    ok([
      'batch',
      'scenarios/no-switching-costs.ts',
      '--seeds',
      '6',
      '--out',
      join(out, 'b'),
      ...SMALL,
    ]),
    ok(['sweep', uncertain, '--out', join(out, 'sa'), ...SWEEP]),
  ]);
  batchA = join(out, 'a', 'batch');
  batchB = join(out, 'b', 'batch');
  sweepA = join(out, 'sa', 'uncertain-baseline-sweep');
  await Promise.all([
    ok(['sweep', cheap, '--out', join(out, 'sb'), '--pair-with', sweepA, ...SWEEP]),
    ok(['sweep', cheap, '--out', join(out, 'alone'), ...SWEEP]),
  ]);
  sweepB = join(out, 'sb', 'cheap-switching-sweep');
  sweepAlone = join(out, 'alone', 'cheap-switching-sweep');
});

// ------------------------------------------------------------ the plain computation, by hand

/** Student's t at 0.975 for 1 to 8 degrees of freedom, from standard tables. */
const T975 = [Number.NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306];

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** The mean's 95 % interval, mean ± t sd / sqrt(n); with one value, the point itself. */
function tInterval(values: readonly number[]): [number, number, number] {
  const centre = mean(values);
  if (values.length === 1) return [centre, centre, centre];
  const sd = Math.sqrt(
    values.reduce((sum, value) => sum + (value - centre) ** 2, 0) / (values.length - 1),
  );
  const half = (T975[values.length - 1]! * sd) / Math.sqrt(values.length);
  return [centre, centre - half, centre + half];
}

/** C(n, i) / 2^n summed to j: P(Binomial(n, 1/2) <= j), from exact whole-number counts. */
function binomialCdf(n: number, j: number): number {
  let choose = 1;
  let sum = 0;
  for (let i = 0; i <= j; i++) {
    sum += choose;
    choose = (choose * (n - i)) / (i + 1);
  }
  return sum / 2 ** n;
}

/** The median and [x(k), x(n-k+1)] for the largest k with P(B <= k - 1) <= 0.025. */
function medianInterval(values: readonly number[]): [number, number, number] {
  const sorted = [...values].sort((x, y) => x - y);
  const n = sorted.length;
  const median = n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  let k = 0;
  while (k + 1 <= n && binomialCdf(n, k) <= 0.025) k++;
  return k === 0 ? [median, Number.NaN, Number.NaN] : [median, sorted[k - 1]!, sorted[n - k]!];
}

/** A compare CSV row's mean and median columns for a measure, as [mean, low, high] twice. */
function shown(record: CsvRecord, measure: string): number[] {
  return ['mean', 'low', 'high', 'median', 'median_low', 'median_high'].map((end) =>
    cellNumber(record[`${measure}_${end}`]),
  );
}

/** Close to 1e-9 relative; where nothing is defined (a kind that sold nothing), empty too. */
function expectClose(actual: readonly number[], expected: readonly number[], what: string) {
  for (const [index, value] of expected.entries()) {
    if (Number.isNaN(value)) expect(actual[index], `${what} [${index}]`).toBeNaN();
    else
      expect(Math.abs(actual[index]! - value), `${what} [${index}]`).toBeLessThanOrEqual(
        1e-9 * Math.max(1, Math.abs(value)),
      );
  }
}

async function compareCsv(args: readonly string[]): Promise<CsvRecord[]> {
  const { stdout } = await ok(['compare', ...args, '--csv']);
  return csvRecords(stdout);
}

// ----------------------------------------------------------------------------------- the tests

describe.concurrent('aisim compare A B --diff 2-1', () => {
  it("two batches: each holder's differences seed by seed, as batch-runs.csv gives them", async () => {
    const records = await compareCsv([batchA, batchB, '--diff', '2-1']);
    const differences = records.filter((record) => record.minus_source === batchA);
    const runsA = csvRecords(readFileSync(join(batchA, 'batch-runs.csv'), 'utf8'));
    const runsB = csvRecords(readFileSync(join(batchB, 'batch-runs.csv'), 'utf8'));
    const holders = [...new Set(runsB.map((row) => `${row.scope}/${row.name}`))];
    // Every holder of B: the kinds, the leading lab, consumers.
    expect(differences.map((record) => `${record.scope}/${record.name}`)).toEqual(holders);
    for (const record of differences) {
      expect(record).toMatchObject({
        source: batchB,
        scenario: 'no-switching-costs',
        minus_scenario: 'baseline',
        difference: 'paired',
        seeds: '6',
      });
      const seedValues = (rows: CsvRecord[]) =>
        rows.filter((row) => row.scope === record.scope && row.name === record.name);
      const [a, b] = [seedValues(runsA), seedValues(runsB)];
      expect(a.map((row) => row.seed)).toEqual(['1', '2', '3', '4', '5', '6']);
      expect(b.map((row) => row.seed)).toEqual(a.map((row) => row.seed));
      for (const measure of MEASURES) {
        // Consumers' profit column holds their surplus.
        const column = measure === 'profit' && record.scope === 'consumers' ? 'surplus' : measure;
        const values = b
          .map((row, index) => cellNumber(row[column]) - cellNumber(a[index]![column]))
          .filter((value) => !Number.isNaN(value));
        if (values.length === 0) {
          expect(record[`${measure}_mean`], `${record.name} ${measure}`).toBe('');
          continue;
        }
        expectClose(
          shown(record, measure),
          [...tInterval(values), ...medianInterval(values)],
          `${record.scope} ${record.name} ${measure}`,
        );
      }
    }
  });

  it('two sweeps, the second run with --pair-with the first: the same seeds and inputs, differences run by run from runs.csv', async () => {
    const [runsA, runsB] = [sweepA, sweepB].map((folder) =>
      csvRecords(readFileSync(join(folder, 'runs.csv'), 'utf8')),
    ) as [CsvRecord[], CsvRecord[]];
    expect(runsB.map((row) => row.seed)).toEqual(runsA.map((row) => row.seed));
    expect(runsB.map((row) => row['demand.priceElasticity'])).toEqual(
      runsA.map((row) => row['demand.priceElasticity']),
    );
    const records = await compareCsv([sweepA, sweepB, '--diff', '2-1']);
    const differences = records.filter((record) => record.minus_source === sweepA);
    expect(differences.map((record) => record.name)).toEqual([
      'lab',
      'open_weight',
      'hyperscaler',
      'aggregator',
      'host',
      'chip',
      'consumers',
    ]);
    for (const record of differences) {
      expect(record.seeds, record.name).toBe('9');
      const columns: Record<(typeof MEASURES)[number], string | undefined> =
        record.name === 'consumers'
          ? {
              profit: 'consumer_surplus',
              operating_margin: undefined,
              surplus_share: 'surplus_share_consumers',
            }
          : {
              profit: `profit_${record.name}`,
              operating_margin: `operating_margin_${record.name}`,
              surplus_share: `surplus_share_${record.name}`,
            };
      for (const measure of MEASURES) {
        const column = columns[measure];
        if (column === undefined) {
          expect(record[`${measure}_median`]).toBe('');
          continue;
        }
        // Over the runs in which both sides are defined (a kind without revenue has no margin).
        const values = runsB
          .map((row, run) => cellNumber(row[column]) - cellNumber(runsA[run]![column]))
          .filter((value) => !Number.isNaN(value));
        expectClose(
          shown(record, measure),
          [...tInterval(values), ...medianInterval(values)],
          `${record.name} ${measure}`,
        );
      }
    }
    // The terminal leads with the median, then its interval, then the mean.
    const { stdout } = await ok(['compare', sweepA, sweepB, '--diff', '2-1']);
    expect(stdout).toContain('Paired run by run, 9 pairs:');
    expect(stdout).toMatch(/^lab +median +\S.*\n +95 % CI +\S.*\n +mean +\S/m);
  });

  it('refuses, in one line and exit 2, sources whose runs cannot be paired', async () => {
    const other = join(out, 'c');
    await ok([
      'batch',
      'scenarios/no-switching-costs.ts',
      '--seeds',
      '4',
      '--out',
      other,
      ...SMALL,
    ]);
    const cases: [string[], string][] = [
      [[sweepA, sweepAlone, '--diff', '2-1'], 'run 0 has seed'],
      [[batchA, join(other, 'batch'), '--diff', '2-1'], 'different seeds'],
      [[batchA, sweepA, '--diff', '2-1'], 'pair only with another sweep'],
      [[batchA, batchB, '--diff', '3-1'], 'no source #3'],
    ];
    for (const [args, says] of cases) {
      const { code, stdout, stderr } = await runCli(['compare', ...args]);
      expect(code, says).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^aisim: --diff: [^\n]+\n$/);
      expect(stderr).toContain(says);
    }
    // A sweep cannot run another's seeds on other inputs, or with another size: nothing written.
    const refused = join(out, 'refused');
    const { code, stderr } = await runCli([
      'sweep',
      join(REPO, 'scenarios', 'sweeps', 'uncertain-baseline.ts'),
      '--pair-with',
      sweepA,
      '--out',
      refused,
      ...SWEEP.map((word) => (word === '9' ? '10' : word)),
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^aisim: --pair-with: [^\n]+give the same --design and --runs\n$/);
    expect(existsSync(refused)).toBe(false);
  });
});
