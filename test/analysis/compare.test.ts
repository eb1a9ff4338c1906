import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  batchComparison,
  type Comparison,
  compareResults,
  poolRuns,
  runComparison,
  runsComparison,
} from '../../src/analysis/compare.ts';
import { readBatchFolder } from '../../src/analysis/folders/batch-folder.ts';
import { readRunFolder } from '../../src/analysis/folders/run-folder.ts';
import { comparisonCsv, comparisonJson } from '../../src/output/compare-output.ts';
import { BATCH_COLUMNS } from '../../src/results/batch-files.ts';
import { COMPARISON_COLUMNS, type ComparisonRow } from '../../src/results/compare-file.ts';
import {
  cellNumber,
  csvRecords,
  SMALL_BATCH_WINDOW,
  writeSmallBatch,
  writeSmallRun,
} from '../report/fixture.ts';

type CsvRecord = Record<string, string>;

let runFolder: string;
let batchFolder: string;
let summaryCsv: CsvRecord[];
let agentsCsv: CsvRecord[];
let batchCsv: CsvRecord[];
let run: Comparison;
let batch: Comparison;
let batchRunsCsv: CsvRecord[];
/** The small baseline over seeds 2 and 3, beside seed 1's runFolder, for pooling. */
let moreSeeds: string[];

beforeAll(async () => {
  let seed2: { folder: string };
  let seed3: { folder: string };
  [{ folder: runFolder }, { folder: batchFolder }, seed2, seed3] = await Promise.all([
    writeSmallRun(),
    writeSmallBatch(),
    writeSmallRun(2),
    writeSmallRun(3),
  ]);
  moreSeeds = [seed2.folder, seed3.folder];
  const read = (folder: string, file: string) =>
    csvRecords(readFileSync(join(folder, file), 'utf8'));
  summaryCsv = read(runFolder, 'summary.csv');
  agentsCsv = read(runFolder, 'agents.csv');
  batchCsv = read(batchFolder, 'batch.csv');
  batchRunsCsv = read(batchFolder, 'batch-runs.csv');
  run = runComparison(await readRunFolder(runFolder), pairs);
  batch = batchComparison(await readBatchFolder(batchFolder), pairs);
});

const pairs = [
  { minuend: 'aggregator', subtrahend: 'lab' },
  { minuend: 'lab', subtrahend: 'aggregator' },
  { minuend: 'lab', subtrahend: 'hyperscaler' },
  { minuend: 'consumers', subtrahend: 'lab' },
] as const;

/** Student's t at 0.975 for 1 and 2 degrees of freedom, from standard tables. */
const T975: Record<number, number> = { 1: 12.706, 2: 4.303 };

/** The mean of per-seed values and its 95 % interval, computed here from first principles. */
function tInterval(values: readonly number[]): [number, number, number] {
  const n = values.length;
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  const sd = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1));
  const half = (T975[n - 1]! * sd) / Math.sqrt(n);
  return [mean, mean - half, mean + half];
}

/** Each of `actual` within a relative 1e-12 of `expected` (NaN where NaN is expected). */
function expectCloseAll(actual: readonly number[], expected: readonly number[], what: string) {
  expect(actual, what).toHaveLength(expected.length);
  for (const [index, value] of expected.entries()) {
    if (Number.isNaN(value)) expect(actual[index], `${what} [${index}]`).toBeNaN();
    else
      expect(Math.abs(actual[index]! - value), `${what} [${index}]`).toBeLessThanOrEqual(
        1e-12 * Math.max(1, Math.abs(value)),
      );
  }
}

/** The three measures of a row as [mean, low, high] each. */
function measures(row: ComparisonRow): number[] {
  return [row.profitUsd, row.operatingMargin, row.surplusShare].flatMap((value) => [
    value.estimate,
    value.low,
    value.high,
  ]);
}

/** The same, from a batch.csv-shaped record. */
function recordMeasures(record: CsvRecord | undefined): number[] {
  return ['profit', 'operating_margin', 'surplus_share'].flatMap((measure) =>
    ['mean', 'low', 'high'].map((end) => cellNumber(record?.[`${measure}_${end}`])),
  );
}

/** Measures of B - A from those of A - B: each mean negated, each interval's ends swapped. */
function reversed([pm, pl, ph, mm, ml, mh, sm, sl, sh]: readonly number[]): number[] {
  return [-pm!, -ph!, -pl!, -mm!, -mh!, -ml!, -sm!, -sh!, -sl!];
}

/** The leading lab, read from agents.csv: the lab with the largest token share in the first month. */
function leadingLabOf(agents: readonly CsvRecord[]): string {
  const first = Math.min(...agents.map((row) => Number(row.tick)));
  const labs = agents.filter((row) => Number(row.tick) === first && row.kind === 'lab');
  labs.sort((a, b) => Number(b.token_share) - Number(a.token_share));
  return labs[0]!.agent!;
}

describe('compare, for a run folder', () => {
  it('reports each kind, the leading lab and consumers with the numbers of summary.csv', () => {
    const lead = leadingLabOf(agentsCsv);
    const expected = summaryCsv
      .filter((record) => record.scope !== 'agent' || record.name === lead)
      .sort((a, b) => rank(a.scope) - rank(b.scope));
    const rows = run.rows.filter((row) => row.scope !== 'difference');
    expect(rows.map((row) => [row.scope, row.name])).toEqual(
      expected.map((record) => [
        record.scope === 'agent' ? 'leading_lab' : record.scope,
        record.name,
      ]),
    );
    expect(rows.map((row) => row.name)).toEqual([
      'lab',
      'open_weight',
      'hyperscaler',
      'aggregator',
      'host',
      'chip',
      lead,
      'consumers',
    ]);
    for (const [index, row] of rows.entries()) {
      const record = expected[index]!;
      // One run: a value, no interval. Consumers' surplus stands where a kind has its profit.
      expect(measures(row), row.name).toEqual([
        cellNumber(record.scope === 'consumers' ? record.surplus : record.profit),
        Number.NaN,
        Number.NaN,
        cellNumber(record.operating_margin),
        Number.NaN,
        Number.NaN,
        cellNumber(record.surplus_share),
        Number.NaN,
        Number.NaN,
      ]);
      expect(row.seeds).toBe(1);
    }
    const info = JSON.parse(readFileSync(join(runFolder, 'run.json'), 'utf8'));
    // The leading lab goes by its id in the machine columns, by its displayName for readers.
    const leading = rows.find((row) => row.scope === 'leading_lab')!;
    expect(leading.displayName).toBe(info.parameters.agents[lead].displayName);
    expect(leading.displayName).not.toBe(lead);
    expect(run.source).toEqual({
      folder: runFolder,
      result: 'run',
      seeds: [info.seed],
      window: { from: info.start, to: info.end },
    });
  });

  it('takes a difference of two kinds within the run, as summary.csv gives them', () => {
    const margin = (kind: string) =>
      cellNumber(summaryCsv.find((r) => r.scope === 'kind' && r.name === kind)?.operating_margin);
    const differences = run.rows.filter((row) => row.scope === 'difference');
    expect(differences.map((row) => [row.name, row.difference])).toEqual([
      ['aggregator-lab', 'paired'],
      ['lab-aggregator', 'paired'],
      ['lab-hyperscaler', 'paired'],
      ['consumers-lab', 'paired'],
    ]);
    expect(differences.slice(0, 3).map((row) => row.operatingMargin.estimate)).toEqual([
      margin('aggregator') - margin('lab'),
      margin('lab') - margin('aggregator'),
      margin('lab') - margin('hyperscaler'),
    ]);
  });

  it('a difference with consumers sets their surplus against a kind’s profit, and shares; no margin', () => {
    const record = (name: string) =>
      summaryCsv.find((r) => r.scope !== 'agent' && r.name === name)!;
    const [consumers, lab] = [record('consumers'), record('lab')];
    const row = run.rows.find((r) => r.name === 'consumers-lab')!;
    expect(row.kind).toBe('consumers');
    expect(measures(row)).toEqual([
      cellNumber(consumers.surplus) - cellNumber(lab.profit),
      Number.NaN,
      Number.NaN,
      Number.NaN,
      Number.NaN,
      Number.NaN,
      cellNumber(consumers.surplus_share) - cellNumber(lab.surplus_share),
      Number.NaN,
      Number.NaN,
    ]);
  });
});

describe('compare, for a batch folder', () => {
  it('reports every row of batch.csv but its differences, with the same intervals', () => {
    const rows = batch.rows.filter((row) => row.scope !== 'difference');
    const expected = batchCsv.filter((record) => record.scope !== 'difference');
    expect(expected.length).toBeGreaterThan(10);
    expect(rows.map((row) => [row.scenario, row.scope, row.name, row.kind, row.seeds])).toEqual(
      expected.map((r) => [r.scenario, r.scope, r.name, r.kind, Number(r.seeds)]),
    );
    for (const [index, row] of rows.entries()) {
      const recorded = recordMeasures(expected[index]);
      if (row.scope !== 'consumers') {
        expect(measures(row), `${row.scenario} ${row.name}`).toEqual(recorded);
        continue;
      }
      // Consumers' surplus over the seeds of batch-runs.csv, where batch.csv has no profit.
      const surplus = batchRunsCsv
        .filter((r) => r.scenario === row.scenario && r.scope === 'consumers')
        .map((r) => cellNumber(r.surplus));
      expect(surplus).toHaveLength(2);
      expectCloseAll(measures(row), [...tInterval(surplus), ...recorded.slice(3)], row.scenario);
    }
    expect(batch.source).toEqual({
      folder: batchFolder,
      result: 'batch',
      seeds: [1, 2],
      window: SMALL_BATCH_WINDOW,
    });
  });

  it('pairs any two holders seed by seed from batch-runs.csv, as batch.csv pairs aggregators and labs', () => {
    for (const scenario of ['baseline', 'price-war']) {
      const shown = (name: string) =>
        batch.rows.find(
          (row) => row.scenario === scenario && row.scope === 'difference' && row.name === name,
        )!;
      // The pair batch.csv records comes out of batch-runs.csv exactly as batch.csv has it.
      const recorded = batchCsv.find(
        (r) => r.scenario === scenario && r.scope === 'difference' && r.name === 'aggregator-lab',
      );
      expect(shown('aggregator-lab').difference).toBe('paired');
      expect(measures(shown('aggregator-lab'))).toEqual(recordMeasures(recorded));
      // Its reverse is its negation, exactly.
      expect(measures(shown('lab-aggregator'))).toEqual(reversed(recordMeasures(recorded)));
      // Any other pair: the mean of the seeds' differences and its t interval.
      const seeds = (name: string) =>
        batchRunsCsv.filter(
          (r) =>
            r.scenario === scenario &&
            (r.scope === 'kind' || r.scope === 'consumers') &&
            r.name === name,
        );
      const paired = (minuend: string, subtrahend: string, columns: [string, string, string]) => {
        const [a, b] = [seeds(minuend), seeds(subtrahend)];
        expect(a.map((r) => r.seed)).toEqual(['1', '2']);
        expect(b.map((r) => r.seed)).toEqual(['1', '2']);
        return columns.flatMap((column, index) => {
          const other = index === 0 && subtrahend !== 'consumers' ? 'surplus' : column;
          const differences = a.map(
            (r, seed) => cellNumber(r[column]) - cellNumber(b[seed]![other]),
          );
          return differences.some(Number.isNaN)
            ? [Number.NaN, Number.NaN, Number.NaN]
            : tInterval(differences);
        });
      };
      const labHyperscaler = shown('lab-hyperscaler');
      expect(labHyperscaler.difference).toBe('paired');
      expect(labHyperscaler.seeds).toBe(2);
      expectCloseAll(
        measures(labHyperscaler),
        paired('lab', 'hyperscaler', ['profit', 'operating_margin', 'surplus_share']),
        `${scenario} lab-hyperscaler`,
      );
      // Consumers: their surplus against the labs' profit; no margin.
      const consumersLab = shown('consumers-lab');
      expectCloseAll(
        measures(consumersLab),
        paired('consumers', 'lab', ['surplus', 'operating_margin', 'surplus_share']),
        `${scenario} consumers-lab`,
      );
      expect(consumersLab.operatingMargin.estimate).toBeNaN();
      expect(consumersLab.profitUsd.low).toBeLessThan(consumersLab.profitUsd.high);
    }
  });

  it('a batch folder without batch-runs.csv uses the paired difference batch.csv holds, negates it for the reverse pair, and subtracts means otherwise', async () => {
    const old = join(mkdtempSync(join(tmpdir(), 'aisim-oldbatch-')), 'batch');
    cpSync(batchFolder, old, { recursive: true });
    rmSync(join(old, 'batch-runs.csv'));
    const folder = await readBatchFolder(old);
    expect(folder.runs).toBeUndefined();
    const legacy = batchComparison(folder, pairs);
    for (const scenario of ['baseline', 'price-war']) {
      const find = (scope: string, name: string) =>
        batchCsv.find((r) => r.scenario === scenario && r.scope === scope && r.name === name);
      const shown = (name: string) =>
        legacy.rows.find(
          (row) => row.scenario === scenario && row.scope === 'difference' && row.name === name,
        )!;
      const paired = recordMeasures(find('difference', 'aggregator-lab'));
      expect(shown('aggregator-lab').difference).toBe('paired');
      expect(measures(shown('aggregator-lab'))).toEqual(paired);

      expect(shown('lab-aggregator').difference).toBe('paired');
      expect(measures(shown('lab-aggregator'))).toEqual(reversed(paired));

      const lab = recordMeasures(find('kind', 'lab'));
      const hyperscaler = recordMeasures(find('kind', 'hyperscaler'));
      expect(shown('lab-hyperscaler').difference).toBe('of_means');
      expect(measures(shown('lab-hyperscaler'))).toEqual([
        lab[0]! - hyperscaler[0]!,
        Number.NaN,
        Number.NaN,
        lab[3]! - hyperscaler[3]!,
        Number.NaN,
        Number.NaN,
        lab[6]! - hyperscaler[6]!,
        Number.NaN,
        Number.NaN,
      ]);
    }
  });
});

describe('compare, for several run folders of one scenario', () => {
  it('pools runs of the same scenario and parameters over different seeds into one source, with t intervals over the seeds', async () => {
    const folders = [runFolder, ...moreSeeds];
    const runs = await Promise.all(folders.map(readRunFolder));
    const pooled = runsComparison(runs, pairs);
    expect(pooled.source).toEqual({
      folder: folders.join(' + '),
      folders,
      result: 'runs',
      seeds: [1, 2, 3],
      window: { from: runs[0]!.info.start, to: runs[0]!.info.end },
    });
    const summaries = folders.map((folder) =>
      csvRecords(readFileSync(join(folder, 'summary.csv'), 'utf8')),
    );
    const lead = leadingLabOf(agentsCsv);
    for (const row of pooled.rows.filter((r) => r.scope !== 'difference')) {
      const records = summaries.map(
        (summary) =>
          summary.find((r) => r.name === row.name && (r.scope !== 'agent' || row.name === lead))!,
      );
      expect(row.seeds, row.name).toBe(3);
      const expected = (['profit', 'operating_margin', 'surplus_share'] as const).flatMap(
        (column) => {
          const consumers = column === 'profit' && row.scope === 'consumers';
          const values = records.map((record) =>
            cellNumber(record[consumers ? 'surplus' : column]),
          );
          return values.some(Number.isNaN)
            ? [Number.NaN, Number.NaN, Number.NaN]
            : tInterval(values);
        },
      );
      expectCloseAll(measures(row), expected, row.name);
    }
    // A difference is paired within each run, then summarised over the seeds.
    const kindOf = (summary: CsvRecord[], name: string) =>
      summary.find((r) => r.scope === 'kind' && r.name === name)!;
    const margins = summaries.map(
      (summary) =>
        cellNumber(kindOf(summary, 'aggregator').operating_margin) -
        cellNumber(kindOf(summary, 'lab').operating_margin),
    );
    const difference = pooled.rows.find((r) => r.name === 'aggregator-lab')!;
    expect(difference.difference).toBe('paired');
    expectCloseAll(
      [
        difference.operatingMargin.estimate,
        difference.operatingMargin.low,
        difference.operatingMargin.high,
      ],
      tInterval(margins),
      'aggregator-lab',
    );
  });

  it('pools only runs of one scenario with the same parameters and different seeds; the pool takes its first folder’s place', async () => {
    const [one, two, three] = await Promise.all([runFolder, ...moreSeeds].map(readRunFolder));
    const other = { ...two!, info: { ...two!.info, parametersJson: '{"customers":1}' } };
    const again = { ...one!, folder: `${one!.folder}-copy` };
    expect(poolRuns([one!, two!, three!]).map((group) => group.length)).toEqual([3]);
    // Other parameters: a source of its own. The same seed twice: not pooled.
    expect(
      poolRuns([one!, other, three!]).map((group) => group.map((run) => run.info.seed)),
    ).toEqual([[1, 3], [2]]);
    expect(poolRuns([one!, again]).map((group) => group.length)).toEqual([1, 1]);
    const batchFolderRead = await readBatchFolder(batchFolder);
    const sources = compareResults([
      { result: 'run', run: one! },
      { result: 'batch', batch: batchFolderRead },
      { result: 'run', run: two! },
    ]).map((comparison) => comparison.source.result);
    expect(sources).toEqual(['runs', 'batch']);
  });
});

describe('compare --csv and --json', () => {
  it('--csv gives back the cells of summary.csv and batch.csv, text for text', async () => {
    const records = csvRecords(await comparisonCsv([run, batch]));
    expect(Object.keys(records[0]!)).toEqual([...COMPARISON_COLUMNS]);
    // The stable columns: batch.csv's, with the source in front and how a difference was taken.
    expect(COMPARISON_COLUMNS).toEqual([
      'source',
      'result',
      'window_from',
      'window_to',
      ...BATCH_COLUMNS,
      'difference',
      'minus_source',
      'minus_scenario',
      ...['profit', 'operating_margin', 'surplus_share'].flatMap((measure) =>
        ['median', 'median_low', 'median_high', 'q25', 'q75'].map((end) => `${measure}_${end}`),
      ),
    ]);
    expect(records).toHaveLength(run.rows.length + batch.rows.length);

    const fromRun = records.filter((r) => r.source === runFolder && r.scope !== 'difference');
    const lead = leadingLabOf(agentsCsv);
    for (const record of fromRun) {
      const summary = summaryCsv.find(
        (r) => r.name === record.name && (r.scope !== 'agent' || r.name === lead),
      )!;
      expect(record.result).toBe('run');
      for (const measure of ['profit', 'operating_margin', 'surplus_share']) {
        const column = measure === 'profit' && record.scope === 'consumers' ? 'surplus' : measure;
        expect(record[`${measure}_mean`], `${record.name} ${measure}`).toBe(summary[column]);
        expect(record[`${measure}_low`]).toBe('');
        expect(record[`${measure}_high`]).toBe('');
      }
    }

    const fromBatch = records.filter((r) => r.source === batchFolder);
    for (const record of batchCsv) {
      const shown = fromBatch.find(
        (r) => r.scenario === record.scenario && r.scope === record.scope && r.name === record.name,
      );
      expect(shown, `${record.scenario} ${record.name}`).toBeDefined();
      for (const column of BATCH_COLUMNS) {
        // Consumers' profit cells hold their surplus (batch-runs.csv's), which batch.csv has not.
        if (record.scope === 'consumers' && column.startsWith('profit_')) {
          expect(record[column]).toBe('');
          expect(Number(shown![column]), column).toBeGreaterThan(0);
        } else expect(shown![column], column).toBe(record[column]);
      }
      expect(shown!.window_from).toBe(SMALL_BATCH_WINDOW.from);
      expect(shown!.window_to).toBe(SMALL_BATCH_WINDOW.to);
      expect(shown!.difference).toBe(record.scope === 'difference' ? 'paired' : '');
    }
  });

  it('--json gives the same rows, numbers as numbers and empty cells as null', async () => {
    const records = csvRecords(await comparisonCsv([run, batch]));
    const json = JSON.parse(comparisonJson([run, batch])) as {
      sources: { folder: string; result: string }[];
      rows: Record<string, string | number | null>[];
    };
    expect(json.sources.map((source) => [source.folder, source.result])).toEqual([
      [runFolder, 'run'],
      [batchFolder, 'batch'],
    ]);
    expect(json.rows).toHaveLength(records.length);
    for (const [index, row] of json.rows.entries()) {
      expect(Object.keys(row)).toEqual([...COMPARISON_COLUMNS]);
      const record = records[index]!;
      for (const column of COMPARISON_COLUMNS) {
        const cell = record[column]!;
        const numeric = column === 'seeds' || /_(mean|low|high|median|q25|q75)$/.test(column);
        const expected = cell === '' ? null : numeric ? Number(cell) : cell;
        expect(row[column], `${index} ${column}`).toBe(expected);
      }
    }
    expect(json.rows.filter((row) => typeof row.operating_margin_mean === 'number').length).toBe(
      records.filter((record) => record.operating_margin_mean !== '').length,
    );
  });
});

function rank(scope: string | undefined): number {
  return ['kind', 'agent', 'consumers'].indexOf(scope ?? '');
}
