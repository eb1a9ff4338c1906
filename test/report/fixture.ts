/**
 * A small run, a small batch and a small sweep written to temporary folders, as `aisim run`,
 * `aisim batch` and `aisim sweep` would write them, for report and compare tests.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import {
  differenceRow,
  RECORDED_PAIR,
  seedOutcomes,
  summarizeSeeds,
} from '../../src/analysis/batch.ts';
import { runScenario } from '../../src/engine/simulation.ts';
import { runSeeds, seedList } from '../../src/execution/seeds.ts';
import { writeBatch } from '../../src/output/write-batch.ts';
import { writeRun } from '../../src/output/write-run.ts';
import type { BatchRow, SeedOutcome, Window } from '../../src/results/batch-files.ts';
import type { RunResult } from '../../src/results/run-result.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { applyOverrides } from '../../src/scenario/overrides.ts';
import { REPO, smallBaseline } from '../helpers.ts';
import { aisim, SMALL_SWEEP_FILE, SMALL_SWEEP_FOLDER } from '../sweep/helpers.ts';

export interface RunFixture {
  readonly folder: string;
  readonly result: RunResult;
}

/** The small baseline (36 months, 2,000 customers), seed 1 unless told, in a fresh temporary folder. */
export async function writeSmallRun(seed = 1): Promise<RunFixture> {
  const result = runScenario(await smallBaseline(), { seed });
  const out = mkdtempSync(join(tmpdir(), 'aisim-report-'));
  const folder = await writeRun(out, result, { file: 'scenarios/baseline.ts' });
  return { folder, result };
}

export interface BatchFixture {
  /** `<out>/batch/`, as `aisim batch --out <out>` writes it. */
  readonly folder: string;
  readonly rows: readonly BatchRow[];
  /** batch-runs.csv's rows: each holder in each seed's run. */
  readonly outcomes: readonly SeedOutcome[];
}

/** The scenarios of the small batch: two, so that a table and a heatmap have rows to compare. */
export const SMALL_BATCH_SCENARIOS = ['scenarios/baseline.ts', 'scenarios/price-war.ts'] as const;

/** The small batch's window: inside the small runs' 36 months from 2022-11. */
export const SMALL_BATCH_WINDOW: Window = { from: '2023-01', to: '2025-06' };

/**
 * A batch of the small scenarios (36 months, 2,000 customers) over seeds 1 and 2, written with
 * the library functions `aisim batch` uses, which is faster than spawning the command.
 */
export async function writeSmallBatch(): Promise<BatchFixture> {
  const seeds = seedList(2);
  const overrides = { customers: 2_000, months: 36 };
  const scenarios = await Promise.all(
    SMALL_BATCH_SCENARIOS.map(async (file) =>
      applyOverrides(await loadScenario(join(REPO, file)), overrides),
    ),
  );
  const outcomes = scenarios.flatMap((scenario) =>
    seedOutcomes(scenario.name, runSeeds(scenario, seeds), SMALL_BATCH_WINDOW),
  );
  const rows = scenarios.flatMap((scenario) => {
    const scenarioOutcomes = outcomes.filter((outcome) => outcome.scenario === scenario.name);
    return [
      ...summarizeSeeds(scenarioOutcomes),
      differenceRow(scenario.name, scenarioOutcomes, RECORDED_PAIR),
    ];
  });
  const out = mkdtempSync(join(tmpdir(), 'aisim-batch-'));
  const folder = await writeBatch(out, rows, outcomes, {
    scenarios: scenarios.map((scenario, index) => ({
      name: scenario.name,
      file: SMALL_BATCH_SCENARIOS[index]!,
      ...(scenario.question ? { question: scenario.question } : {}),
    })),
    seeds,
    window: SMALL_BATCH_WINDOW,
    ...overrides,
    settings: [],
  });
  return { folder, rows, outcomes };
}

export interface SweepFixtureOptions {
  /** `sobol`: 2 base rows, 2 (k + 2) runs; `morris`: 2 trajectories, 2 (k + 1) runs; `lhs`: 26 runs. */
  readonly design?: 'sobol' | 'morris' | 'lhs';
  /** Outcomes to rank with `aisim sensitivity` once the sweep is done. */
  readonly sensitivity?: readonly string[];
  /** A condition for `aisim discover` once the sweep is done. */
  readonly discover?: string;
  /** `--from` and `--to` of the sweep. */
  readonly window?: { readonly from: string; readonly to: string };
}

/**
 * A sweep of the small sweep's five uncertain inputs (test/fixtures/small-sweep.ts; 500
 * customers, 24 months, master seed 1) by the real
 * `aisim sweep` and, for each outcome asked, `aisim sensitivity`, and for a condition asked,
 * `aisim discover`, in a fresh temporary folder;
 * the sweep's folder. Its runs are few, but a Sobol or Morris design over the k inputs needs
 * them all, and they take a few seconds.
 */
export async function writeSmallSweep(options: SweepFixtureOptions = {}): Promise<string> {
  const { design = 'sobol', sensitivity = [], discover, window } = options;
  const out = mkdtempSync(join(tmpdir(), 'aisim-sweep-'));
  const swept = await aisim([
    'sweep',
    SMALL_SWEEP_FILE,
    '--design',
    design,
    '--runs',
    design === 'lhs' ? '26' : '2',
    '--customers',
    '500',
    '--months',
    '24',
    '--workers',
    '2',
    '--out',
    out,
    ...(window === undefined ? [] : ['--from', window.from, '--to', window.to]),
  ]);
  expect(swept.stderr).toBe('');
  expect(swept.code).toBe(0);
  const folder = join(out, SMALL_SWEEP_FOLDER);
  for (const outcome of sensitivity) {
    const ranked = await aisim(['sensitivity', folder, '--outcome', outcome, '--resamples', '200']);
    expect(ranked.stderr).toBe('');
    expect(ranked.code).toBe(0);
  }
  if (discover !== undefined) {
    const found = await aisim(['discover', folder, '--where', discover]);
    expect(found.stderr).toBe('');
    expect(found.code).toBe(0);
  }
  return folder;
}

/**
 * A CSV document as records by column name, read independently of the code under test. It
 * handles only what these fixtures write: no quoted cells (checked), a header row, "\n" lines.
 */
export function csvRecords(text: string): Record<string, string>[] {
  if (text.includes('"')) throw new Error('csvRecords reads no quoted cells');
  const [header, ...lines] = text.trimEnd().split('\n');
  const columns = header!.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    expect(cells).toHaveLength(columns.length);
    return Object.fromEntries(columns.map((column, index) => [column, cells[index]!]));
  });
}

/** A CSV file of `folder` as records by column name (see `csvRecords`). */
export function readRecords(folder: string, file: string): Record<string, string>[] {
  return csvRecords(readFileSync(join(folder, file), 'utf8'));
}

/** A CSV cell as a number; an empty cell is NaN, as the output contract writes it. */
export function cellNumber(cell: string | undefined): number {
  return cell === undefined || cell === '' ? Number.NaN : Number(cell);
}
