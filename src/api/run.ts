/**
 * One run as the library and `aisim run` do it: a scenario file loaded with its run options,
 * run (engine) and written to `<outDir>/<scenario name>/` (output); or one run of a sweep again,
 * alone, with the numbers of its row.
 *
 * @example
 * const { result, folder } = await runScenarioFile({
 *   file: 'scenarios/baseline.ts', seed: 7, overrides: { customers: 50_000 }, outDir: 'results',
 * });
 * folder // results/baseline: run.json, market.csv, agents.csv, summary.csv
 */
import { runScenario } from '../engine/simulation.ts';
import { loadSweepRun } from '../execution/sweep.ts';
import { writeRun } from '../output/write-run.ts';
import type { RunResult } from '../results/run-result.ts';
import { loadScenario } from '../scenario/load.ts';
import { applyOverrides, type RunOverrides } from '../scenario/overrides.ts';

export interface RunFileRequest {
  /** The scenario file. */
  readonly file: string;
  /** The file as run.json records it (default: `file`). */
  readonly shownFile?: string;
  readonly seed: number;
  /** `--set`, `--customers`, `--months`. */
  readonly overrides?: RunOverrides;
  /** The parent folder: the run writes `<outDir>/<scenario name>/`. */
  readonly outDir: string;
}

export interface WrittenRun {
  readonly result: RunResult;
  /** `<outDir>/<scenario name>`. */
  readonly folder: string;
}

/** Loads, runs and writes one scenario file. */
export async function runScenarioFile(request: RunFileRequest): Promise<WrittenRun> {
  const scenario = applyOverrides(await loadScenario(request.file), request.overrides ?? {});
  const result = runScenario(scenario, { seed: request.seed });
  const folder = await writeRun(request.outDir, result, {
    file: request.shownFile ?? request.file,
  });
  return { result, folder };
}

export interface SweepRunRequest {
  /** The sweep's folder. */
  readonly sweep: string;
  /** The sweep folder as error messages show it (default: `sweep`). */
  readonly shownSweep?: string;
  /** The run index K, 0 to the sweep's runs - 1. */
  readonly run: number;
  /** The scenario file (default: the one sweep.json names); it must be the one swept. */
  readonly file?: string;
  /** How run.json records the scenario file (default: as it is). */
  readonly showFile?: (file: string) => string;
  readonly outDir: string;
}

/** Runs run K of a sweep again, alone (its seed, inputs and run options), and writes it. */
export async function runSweepRun(request: SweepRunRequest): Promise<WrittenRun> {
  const { scenario, seed, file } = await loadSweepRun(
    request.sweep,
    request.run,
    request.file,
    request.shownSweep,
  );
  const result = runScenario(scenario, { seed });
  const folder = await writeRun(request.outDir, result, {
    file: request.showFile?.(file) ?? file,
  });
  return { result, folder };
}
