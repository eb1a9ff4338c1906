import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkCalibration } from '../../src/analysis/calibration.ts';
import { compareFolders } from '../../src/analysis/folders/result-folder.ts';
import { sensitivityReport, sensitivityRows } from '../../src/analysis/sensitivity-report.ts';
import type { DesignSpec } from '../../src/design/plan.ts';
import { runLine, runsHeaderLine } from '../../src/execution/runs-file.ts';
import {
  COMPARISONS_CSV,
  RUNS_CSV,
  SUMMARY_CSV,
  type SweepManifest,
} from '../../src/execution/sweep-manifest.ts';
import { comparisonCsv, comparisonJson } from '../../src/output/compare-output.ts';
import { writeSensitivityCsv, writeSweepSummaries } from '../../src/output/sweep-summaries.ts';
import { validationCsv } from '../../src/output/validation.ts';
import { batchFiles } from '../../src/output/write-batch.ts';
import { runFiles } from '../../src/output/write-run.ts';
import {
  BATCH_CSV,
  BATCH_RUNS_CSV,
  BATCH_RUNS_TABLE,
  BATCH_TABLE,
} from '../../src/results/batch-files.ts';
import { AGENT_TABLE, marketTable, SUMMARY_TABLE } from '../../src/results/columns.ts';
import { COMPARISON_TABLE, type ComparisonRow } from '../../src/results/compare-file.ts';
import { parseCsv, readTable, tableCsv, tableRows } from '../../src/results/csv.ts';
import { BOX_TABLE, TRAJECTORY_TABLE } from '../../src/results/discovery-files.ts';
import { PARAMETER_TABLE } from '../../src/results/parameter-file.ts';
import { MORRIS_TABLE, RANK_TABLE, SOBOL_TABLE } from '../../src/results/sensitivity-files.ts';
import { PAIRED_DIFFERENCE_TABLE, SWEEP_SUMMARY_TABLE } from '../../src/results/sweep-files.ts';
import {
  type Column,
  columnNames,
  isNumeric,
  placeValue,
  type Table,
} from '../../src/results/table.ts';
import { VALIDATION_TABLE } from '../../src/results/validation-file.ts';
import {
  type BatchFixture,
  cellNumber,
  csvRecords,
  type RunFixture,
  writeSmallBatch,
  writeSmallRun,
} from '../report/fixture.ts';
import { toySensitivity } from '../sweep/toy-sensitivity.ts';
import { TOY_MANIFEST } from '../sweep/toy-sweep.ts';

/** Every file's table, by the file's name; the checks below see each row as a plain record. */
const TABLES: readonly (readonly [string, Table<never>])[] = [
  ['market.csv', marketTable(['gpt35', 'gpt4'])],
  ['agents.csv', AGENT_TABLE],
  ['summary.csv', SUMMARY_TABLE],
  ['batch.csv', BATCH_TABLE],
  ['batch-runs.csv', BATCH_RUNS_TABLE],
  ['a sweep summary.csv', SWEEP_SUMMARY_TABLE],
  ['comparisons.csv', PAIRED_DIFFERENCE_TABLE],
  ['a Sobol sensitivity file', SOBOL_TABLE],
  ['a Morris sensitivity file', MORRIS_TABLE],
  ['a rank sensitivity file', RANK_TABLE],
  ['validation.csv', VALIDATION_TABLE],
  ["compare's CSV", COMPARISON_TABLE],
  ['discovery.csv', TRAJECTORY_TABLE],
  ['discovery-box.csv', BOX_TABLE],
  ["params' CSV", PARAMETER_TABLE],
] as unknown as (readonly [string, Table<never>])[];

/** The first line of a CSV document: its header. */
function header(text: string): string {
  return text.slice(0, text.indexOf('\n'));
}

/** A document written from `table` and read back by it. */
async function readBack<Row>(table: Table<Row>, text: string): Promise<Row[]> {
  return tableRows(await parseCsv(text, 'test.csv'), table);
}

/** Text a cell may hold: what CSV quotes, what a spreadsheet runs, words and accents. */
const TEXT = fc
  .string({
    unit: fc.constantFrom('a', 'Z', '7', ' ', ',', '"', '\n', '=', '+', '-', '@', '\t', "'", 'é'),
    maxLength: 12,
  })
  // A leading apostrophe reads as the escape of a formula: the writer never makes one of text.
  // The CSV parser reads a line's first cell of blanks alone as empty: names are never blank.
  .filter((text) => !text.startsWith("'") && (text === '' || text.trim() !== ''));

/** A value the column may hold, as its row holds it; undefined leaves an optional field out. */
function cellValue(column: Column<never>): fc.Arbitrary<unknown> {
  const value: fc.Arbitrary<unknown> = isNumeric(column.unit)
    ? fc.oneof(
        // Any finite number but -0, which is written as 0; NaN is an empty cell.
        fc.double({ noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
        fc.integer(),
      )
    : column.unit === 'verdict'
      ? fc.boolean()
      : column.unit === 'month'
        ? fc
            .tuple(fc.integer({ min: 1900, max: 2300 }), fc.integer({ min: 1, max: 12 }))
            .map(([year, month]) => `${year}-${String(month).padStart(2, '0')}`)
        : column.values !== undefined
          ? fc.constantFrom(...column.values)
          : TEXT;
  return column.optional
    ? fc.option(
        value.filter((cell) => cell !== ''),
        { nil: undefined },
      )
    : value;
}

/** Rows whose every column holds a value of its unit. */
function rowsOf(table: Table<never>): fc.Arbitrary<Record<string, unknown>[]> {
  const row = fc.tuple(...table.map(cellValue)).map((values) => {
    const built: Record<string, unknown> = {};
    table.forEach((column, index) => {
      if (values[index] !== undefined)
        placeValue(built, column.path as readonly (string | number)[], values[index]);
    });
    return built;
  });
  return fc.array(row, { maxLength: 4 });
}

describe('every result file is declared by one table', () => {
  it.each(TABLES)('%s: one column per name', (_, table) => {
    const names = columnNames(table);
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names).size).toBe(names.length);
    const paths = table.map((column) => JSON.stringify(column.path));
    expect(new Set(paths).size).toBe(paths.length);
  });

  it.each(TABLES)(
    '%s: any rows written by the table are read back as they were',
    async (_, table) => {
      await fc.assert(
        fc.asyncProperty(rowsOf(table), async (rows) => {
          const text = await tableCsv(table, rows as never[]);
          expect(header(text)).toBe(columnNames(table).join(','));
          expect(await readBack(table, text)).toEqual(rows);
        }),
        { numRuns: 60 },
      );
    },
  );
});

describe('column names are stable API: added to, never renamed or reordered', () => {
  it('each file keeps the header notebooks read', () => {
    const headers = Object.fromEntries(
      TABLES.map(([file, table]) => [file, columnNames(table).join(',')]),
    );
    expect(headers).toEqual({
      'market.csv':
        'tick,date,frontier_capability,open_capability,open_gap_pct,price_gpt35,price_gpt4,frontier_price,tokens,spend,hhi,open_weight_token_share,consumer_surplus,surplus_lab,surplus_open_weight,surplus_hyperscaler,surplus_aggregator,surplus_host,surplus_chip,switches,buyers,resource_cost,menu_price_index_consumer,menu_price_index_developer,menu_price_index_enterprise,api_spend,enterprise_buyers,enterprise_three_families,enterprise_vendor_stayed_12m,enterprise_vendor_switched_12m,active_labs,compute_price,utilisation,spot_share',
      'agents.csv':
        'tick,date,agent,kind,price,capability,tokens,revenue,variable_cost,fixed_cost,profit,gross_margin,operating_margin,token_share,customers,enterprise_api_share,cash_usd,status',
      'summary.csv':
        'scope,name,kind,revenue,variable_cost,fixed_cost,profit,gross_margin,operating_margin,surplus_share,surplus,tokens',
      'batch.csv':
        'scenario,scope,name,kind,seeds,profit_mean,profit_low,profit_high,operating_margin_mean,operating_margin_low,operating_margin_high,surplus_share_mean,surplus_share_low,surplus_share_high',
      'batch-runs.csv':
        'scenario,seed,scope,name,kind,revenue,profit,operating_margin,surplus,surplus_share',
      // Reordered once, on purpose (issue 15): the median and the quantiles lead, the mean follows.
      'a sweep summary.csv': 'outcome,runs,q50,q05,q25,q75,q95,mean,mean_low,mean_high,sd',
      'comparisons.csv':
        'measure,minuend,subtrahend,runs,mean,mean_low,mean_high,share_above_zero,q05,q50,q95',
      'a Sobol sensitivity file':
        'rank,input,total,total_low,total_high,first,first_low,first_high',
      'a Morris sensitivity file': 'rank,input,mu_star,mu_star_low,mu_star_high,mu,sigma',
      'a rank sensitivity file':
        'rank,input,prcc,prcc_low,prcc_high,spearman,spearman_low,spearman_high',
      'validation.csv':
        'fact,description,observed,band_low,band_high,unit,median,p5,p95,runs,pass,source',
      "compare's CSV":
        'source,result,window_from,window_to,scenario,scope,name,kind,seeds,profit_mean,profit_low,profit_high,operating_margin_mean,operating_margin_low,operating_margin_high,surplus_share_mean,surplus_share_low,surplus_share_high,difference,minus_source,minus_scenario,profit_median,profit_median_low,profit_median_high,profit_q25,profit_q75,operating_margin_median,operating_margin_median_low,operating_margin_median_high,operating_margin_q25,operating_margin_q75,surplus_share_median,surplus_share_median_low,surplus_share_median_high,surplus_share_q25,surplus_share_q75',
      "params' CSV": 'path,type,unit,value,value_text,range,min,max',
      'discovery.csv': 'step,phase,runs,holding,coverage,density,mass,restricted,chosen',
      'discovery-box.csv': 'input,low,high,range_low,range_high,quasi_p_low,quasi_p_high',
    });
  });
});

describe('the files the commands write, read back by their tables', () => {
  let run: RunFixture;
  let batch: BatchFixture;

  beforeAll(async () => {
    [run, batch] = await Promise.all([writeSmallRun(), writeSmallBatch()]);
  });

  it("a run's market.csv, agents.csv and summary.csv give back the run's rows", async () => {
    const { result } = run;
    const files = await runFiles(result, { file: 'baseline.ts' });
    const market = marketTable(Object.keys(result.scenario.capability.referenceLevels));
    expect(header(files['market.csv']!)).toBe(columnNames(market).join(','));
    expect(header(files['agents.csv']!)).toBe(columnNames(AGENT_TABLE).join(','));
    expect(header(files['summary.csv']!)).toBe(columnNames(SUMMARY_TABLE).join(','));
    expect(await readBack(market, files['market.csv']!)).toEqual(result.market);
    expect(await readBack(AGENT_TABLE, files['agents.csv']!)).toEqual(result.agents);
    expect(await readBack(SUMMARY_TABLE, files['summary.csv']!)).toEqual(result.summary);
  });

  it("a batch's batch.csv and batch-runs.csv give back its rows and each seed's outcomes", async () => {
    expect(await readTable(join(batch.folder, BATCH_CSV), BATCH_TABLE)).toEqual(batch.rows);
    expect(await readTable(join(batch.folder, BATCH_RUNS_CSV), BATCH_RUNS_TABLE)).toEqual(
      batch.outcomes,
    );
    const files = await batchFiles(batch.rows, batch.outcomes, {
      scenarios: [],
      seeds: [1, 2],
      window: {},
      settings: [],
    });
    expect(header(files[BATCH_CSV])).toBe(columnNames(BATCH_TABLE).join(','));
    // Each column holds what its name says, read without the table: a mean within its interval.
    for (const record of csvRecords(files[BATCH_CSV])) {
      for (const measure of ['profit', 'operating_margin', 'surplus_share']) {
        const [low, mean, high] = ['low', 'mean', 'high'].map((end) =>
          cellNumber(record[`${measure}_${end}`]),
        );
        if (Number.isFinite(low)) expect(low! <= mean! && mean! <= high!).toBe(true);
      }
    }
    expect(header(files[BATCH_RUNS_CSV])).toBe(columnNames(BATCH_RUNS_TABLE).join(','));
  });

  it('validation.csv gives back each fact, its band, median, range, runs and verdict', async () => {
    const checks = checkCalibration([run.result]);
    const text = await validationCsv(checks);
    expect(header(text)).toBe(columnNames(VALIDATION_TABLE).join(','));
    // The file keeps the check, not how a fact is measured nor each run's value.
    const kept = checks.map(({ fact, values: _, ...check }) => {
      const { measure: __, ...stated } = fact;
      return { ...check, fact: stated };
    });
    expect(await readBack(VALIDATION_TABLE, text)).toEqual(kept);
    expect(checks.some((check) => Number.isNaN(check.p5) || check.pass)).toBe(true);
  });

  it("compare's CSV and JSON give back each row, its source by folder, result and months", async () => {
    const comparisons = await compareFolders(
      [run.folder, batch.folder],
      [
        { minuend: 'aggregator', subtrahend: 'lab' },
        { minuend: 'consumers', subtrahend: 'lab' },
      ],
    );
    const rows = comparisons.flatMap((comparison) => comparison.rows);
    const text = await comparisonCsv(comparisons);
    expect(header(text)).toBe(columnNames(COMPARISON_TABLE).join(','));
    const kept = rows.map(
      ({ displayName: _, source, ...row }): ComparisonRow => ({
        ...row,
        source: { folder: source.folder, result: source.result, seeds: [], window: source.window },
      }),
    );
    const read = (await readBack(COMPARISON_TABLE, text)).map((row) => ({
      ...row,
      source: { ...row.source, seeds: [], window: row.source.window ?? {} },
    }));
    expect(read).toEqual(kept);
    expect(rows.some((row) => row.difference === undefined)).toBe(true);
    expect(rows.some((row) => row.difference === 'paired')).toBe(true);
    const json = JSON.parse(comparisonJson(comparisons)) as { rows: Record<string, unknown>[] };
    for (const row of json.rows) expect(Object.keys(row)).toEqual(columnNames(COMPARISON_TABLE));
  });
});

describe("a sweep's summaries, read back by their tables", () => {
  const OUTCOMES = [
    'profit_lab',
    'profit_aggregator',
    'operating_margin_lab',
    'operating_margin_aggregator',
    'final_open_gap_pct',
  ];
  const MANIFEST: SweepManifest = {
    ...TOY_MANIFEST,
    design: { name: 'random', runs: 30 },
    runs: 30,
    outcomes: OUTCOMES,
  };

  it('summary.csv and comparisons.csv give back what writeSweepSummaries computed', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'aisim-tables-'));
    const lines = Array.from({ length: MANIFEST.runs }, (_, run) => {
      const x = (run * 7919) % 31;
      // A margin undefined in some runs: its statistics are over the others.
      const margin = run % 5 === 0 ? Number.NaN : x / 31 - 0.3;
      return runLine(run, 1000 + run, [x / 31], [x * 1e9, -x * 3e8, margin, 0.5 - margin, x / 3]);
    });
    writeFileSync(join(folder, RUNS_CSV), runsHeaderLine(MANIFEST) + lines.join(''));
    const { outcomes, comparisons } = await writeSweepSummaries(folder, MANIFEST);
    expect(outcomes.map((row) => row.outcome)).toEqual(OUTCOMES);
    expect(comparisons.map(({ pair }) => `${pair.measure} ${pair.minuend}`)).toEqual([
      'profit aggregator',
      'operating_margin aggregator',
    ]);
    const summary = readFileSync(join(folder, SUMMARY_CSV), 'utf8');
    const paired = readFileSync(join(folder, COMPARISONS_CSV), 'utf8');
    expect(header(summary)).toBe(columnNames(SWEEP_SUMMARY_TABLE).join(','));
    expect(header(paired)).toBe(columnNames(PAIRED_DIFFERENCE_TABLE).join(','));
    expect(await readBack(SWEEP_SUMMARY_TABLE, summary)).toEqual(outcomes);
    // Each column holds what its name says, read without the table: quantiles in order, the
    // mean within its interval.
    for (const record of csvRecords(summary)) {
      const numbers = ['q05', 'q25', 'q50', 'q75', 'q95'].map((name) => cellNumber(record[name]));
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      const mean = cellNumber(record.mean);
      expect(cellNumber(record.mean_low) <= mean && mean <= cellNumber(record.mean_high)).toBe(
        true,
      );
    }
    expect(await readBack(PAIRED_DIFFERENCE_TABLE, paired)).toEqual(comparisons);
  });

  /** The toy model's sensitivity report (y = 4 a + c^2; b does nothing). */
  function report(design: DesignSpec, runs: number) {
    const { plan, built, outputs } = toySensitivity(design, runs);
    return sensitivityReport(plan, built, 'y', outputs, { resamples: 50 });
  }

  /** The file `aisim sensitivity` writes for a design, read back by `table`. */
  async function rankedFile<Row>(design: DesignSpec, runs: number, table: Table<Row>) {
    const folder = mkdtempSync(join(tmpdir(), 'aisim-tables-'));
    const ranked = report(design, runs);
    const text = readFileSync(await writeSensitivityCsv(folder, ranked), 'utf8');
    expect(header(text)).toBe(columnNames(table).join(','));
    const { rows } = sensitivityRows(ranked);
    expect(rows.map((row) => row.input)).toEqual(['a', 'c', 'b']);
    return { rows, read: await readBack(table, text) };
  }

  it('a Sobol sensitivity file gives back its ranked rows', async () => {
    const { rows, read } = await rankedFile(
      { name: 'sobol', baseRows: 16, skip: 16 },
      16 * 5,
      SOBOL_TABLE,
    );
    expect(read).toEqual(rows);
  });

  it('a Morris sensitivity file gives back its ranked rows', async () => {
    const { rows, read } = await rankedFile(
      { name: 'morris', trajectories: 6, levels: 4 },
      24,
      MORRIS_TABLE,
    );
    expect(read).toEqual(rows);
  });

  it('a rank sensitivity file gives back its ranked rows', async () => {
    const { rows, read } = await rankedFile({ name: 'lhs', runs: 60 }, 60, RANK_TABLE);
    expect(read).toEqual(rows);
  });
});
