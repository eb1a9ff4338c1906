/**
 * A batch as the library and `aisim batch` run it: several scenario files, each over seeds 1..N
 * (execution), summarised by kind with the paired aggregator-minus-lab difference (analysis),
 * written to `<outDir>/batch/` (output). A window outside a scenario's horizon, or a folder that
 * holds a batch of other inputs (unless `overwrite`), is refused before anything runs.
 *
 * @example
 * const batch = await runBatch({
 *   paths: ['scenarios'], seeds: 5, window: { from: '2025-01', to: '2030-12' }, outDir: 'results',
 * });
 * batch.folder // results/batch: batch.csv (batch.rows), batch-runs.csv (batch.outcomes), batch.json
 */
import { differenceRow, RECORDED_PAIR, seedOutcomes, summarizeSeeds } from '../analysis/batch.ts';
import { loadScenarioFiles } from '../execution/scenario-files.ts';
import { type RunObserver, runSeeds, seedList } from '../execution/seeds.ts';
import { writeBatch } from '../output/write-batch.ts';
import { lineageFields } from '../results/assumptions.ts';
import { childPath } from '../results/atomic.ts';
import {
  BATCH_FOLDER,
  type BatchMetadata,
  type BatchRow,
  checkWindow,
  type SeedOutcome,
  type Window,
} from '../results/batch-files.ts';
import { batchInputs, refuseOtherInputs } from '../results/recorded-inputs.ts';
import { lineageOf } from '../scenario/files.ts';
import type { RunOverrides } from '../scenario/overrides.ts';

export interface BatchRequest {
  /** Scenario files, and folders of them (every `.ts` file inside). */
  readonly paths: readonly string[];
  /** Seeds per scenario: each runs over seeds 1..N, so that run k is `aisim run --seed k`. */
  readonly seeds: number;
  /** The months the figures cover, within every scenario's horizon; default: the whole run. */
  readonly window?: Window;
  /** `--set`, `--customers`, `--months`, applied to every scenario. */
  readonly overrides?: RunOverrides;
  /** The parent folder: the batch writes `<outDir>/batch/`. */
  readonly outDir: string;
  /** Replace a batch folder of other inputs (default: refuse). */
  readonly overwrite?: boolean;
  /** Told the number of runs once every file is loaded and checked, then of each run done. */
  readonly observer?: RunObserver;
  /** How batch.json records each scenario file and messages show paths (the CLI: relative). */
  readonly show?: (path: string) => string;
}

export interface BatchReport {
  /** `<outDir>/batch`. */
  readonly folder: string;
  /** batch.csv: each holder's means and 95 % intervals over seeds, and the paired difference. */
  readonly rows: readonly BatchRow[];
  /** batch-runs.csv: each holder's outcome seed by seed. */
  readonly outcomes: readonly SeedOutcome[];
  readonly seeds: readonly number[];
  readonly window: Window;
  /** What batch.json records besides the results: the scenarios, seeds, window and options. */
  readonly metadata: BatchMetadata;
}

/** Runs every scenario over its seeds and writes the batch's folder; a bad file stops it first. */
export async function runBatch(request: BatchRequest): Promise<BatchReport> {
  const { observer, overrides = {}, show = (path: string) => path, window = {} } = request;
  const seeds = seedList(request.seeds);
  const scenarios = await loadScenarioFiles(request.paths, overrides);
  for (const { file, scenario } of scenarios) {
    checkWindow(window, scenario.start, scenario.end, show(file));
  }
  const metadata: BatchMetadata = {
    scenarios: scenarios.map(({ file, scenario }) => ({
      name: scenario.name,
      file: show(file),
      ...(scenario.question ? { question: scenario.question } : {}),
      ...lineageFields(lineageOf(scenario)),
    })),
    seeds,
    window,
    ...(overrides.customers ? { customers: overrides.customers } : {}),
    ...(overrides.months ? { months: overrides.months } : {}),
    settings: overrides.settings ?? [],
  };
  const target = childPath(request.outDir, BATCH_FOLDER);
  refuseOtherInputs(
    target,
    show(target),
    'batch',
    batchInputs(metadata),
    batchInputs,
    request.overwrite === true,
  );
  observer?.start(scenarios.length * seeds.length);
  const outcomes: SeedOutcome[] = [];
  const rows = scenarios.flatMap(({ scenario }) => {
    // Each scenario's runs are summarised and dropped before the next scenario runs.
    const results = runSeeds(scenario, seeds, () => observer?.run());
    const scenarioOutcomes = seedOutcomes(scenario.name, results, window);
    outcomes.push(...scenarioOutcomes);
    return [
      ...summarizeSeeds(scenarioOutcomes),
      differenceRow(scenario.name, scenarioOutcomes, RECORDED_PAIR),
    ];
  });
  const folder = await writeBatch(request.outDir, rows, outcomes, metadata);
  return { folder, rows, outcomes, seeds, window, metadata };
}
