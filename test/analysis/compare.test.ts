import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BATCH_COLUMNS } from '../../src/analysis/batch.ts';
import {
  batchComparison,
  type Comparison,
  type ComparisonRow,
  runComparison,
} from '../../src/analysis/compare.ts';
import {
  COMPARISON_COLUMNS,
  comparisonCsv,
  comparisonJson,
} from '../../src/output/compare-output.ts';
import { readBatchFolder } from '../../src/report/batch-folder.ts';
import { readRunFolder } from '../../src/report/run-folder.ts';
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

beforeAll(async () => {
  [{ folder: runFolder }, { folder: batchFolder }] = await Promise.all([
    writeSmallRun(),
    writeSmallBatch(),
  ]);
  const read = (folder: string, file: string) =>
    csvRecords(readFileSync(join(folder, file), 'utf8'));
  summaryCsv = read(runFolder, 'summary.csv');
  agentsCsv = read(runFolder, 'agents.csv');
  batchCsv = read(batchFolder, 'batch.csv');
  const pairs = [
    { minuend: 'aggregator', subtrahend: 'lab' },
    { minuend: 'lab', subtrahend: 'aggregator' },
    { minuend: 'lab', subtrahend: 'hyperscaler' },
  ] as const;
  run = runComparison(await readRunFolder(runFolder), pairs);
  batch = batchComparison(await readBatchFolder(batchFolder), pairs);
});

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
      lead,
      'consumers',
    ]);
    for (const [index, row] of rows.entries()) {
      const record = expected[index]!;
      // One run: a value, no interval.
      expect(measures(row), row.name).toEqual([
        cellNumber(record.profit),
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
    ]);
    expect(differences.map((row) => row.operatingMargin.estimate)).toEqual([
      margin('aggregator') - margin('lab'),
      margin('lab') - margin('aggregator'),
      margin('lab') - margin('hyperscaler'),
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
    for (const [index, row] of rows.entries())
      expect(measures(row), `${row.scenario} ${row.name}`).toEqual(recordMeasures(expected[index]));
    expect(batch.source).toEqual({
      folder: batchFolder,
      result: 'batch',
      seeds: [1, 2],
      window: SMALL_BATCH_WINDOW,
    });
  });

  it('uses the paired difference batch.csv holds, negates it for the reverse pair, and subtracts means otherwise', () => {
    for (const scenario of ['baseline', 'price-war']) {
      const find = (scope: string, name: string) =>
        batchCsv.find((r) => r.scenario === scenario && r.scope === scope && r.name === name);
      const shown = (name: string) =>
        batch.rows.find(
          (row) => row.scenario === scenario && row.scope === 'difference' && row.name === name,
        )!;
      const paired = recordMeasures(find('difference', 'aggregator-lab'));
      expect(shown('aggregator-lab').difference).toBe('paired');
      expect(measures(shown('aggregator-lab'))).toEqual(paired);

      expect(shown('lab-aggregator').difference).toBe('paired');
      const [pm, pl, ph, mm, ml, mh, sm, sl, sh] = paired;
      expect(measures(shown('lab-aggregator'))).toEqual([
        -pm!,
        -ph!,
        -pl!,
        -mm!,
        -mh!,
        -ml!,
        -sm!,
        -sh!,
        -sl!,
      ]);

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

describe('compare --csv and --json', () => {
  it('--csv gives back the cells of summary.csv and batch.csv, text for text', async () => {
    const records = csvRecords(await comparisonCsv([run, batch]));
    expect(Object.keys(records[0]!)).toEqual([...COMPARISON_COLUMNS]);
    expect(records).toHaveLength(run.rows.length + batch.rows.length);

    const fromRun = records.filter((r) => r.source === runFolder && r.scope !== 'difference');
    const lead = leadingLabOf(agentsCsv);
    for (const record of fromRun) {
      const summary = summaryCsv.find(
        (r) => r.name === record.name && (r.scope !== 'agent' || r.name === lead),
      )!;
      expect(record.result).toBe('run');
      for (const measure of ['profit', 'operating_margin', 'surplus_share']) {
        expect(record[`${measure}_mean`], `${record.name} ${measure}`).toBe(summary[measure]);
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
      for (const column of BATCH_COLUMNS) expect(shown![column], column).toBe(record[column]);
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
        const numeric = column === 'seeds' || /_(mean|low|high)$/.test(column);
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
