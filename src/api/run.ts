/**
 * One run as the library and `aisim run` do it: a scenario file loaded with its run options,
 * run (engine) and written to `<outDir>/<scenario name>/` (output); or one run of a sweep again,
 * alone, with the numbers of its row. A folder there that holds results of other inputs is
 * refused before the run unless `overwrite` (results/recorded-inputs.ts).
 *
 * @example
 * const { result, folder } = await runScenarioFile({
 *   file: 'scenarios/baseline.ts', seed: 7, overrides: { customers: 50_000 }, outDir: 'results',
 * });
 * folder // results/baseline: run.json, market.csv, agents.csv, summary.csv
 */
import { runScenario } from '../engine/simulation.ts';
import { loadSweepRun } from '../execution/sweep.ts';
import { type RunMetadata, writeRun } from '../output/write-run.ts';
import { runOptionsRecord } from '../results/assumptions.ts';
import { childPath } from '../results/atomic.ts';
import { refuseOtherInputs, runInputs } from '../results/recorded-inputs.ts';
import type { RunResult } from '../results/run-result.ts';
import { lineageOf } from '../scenario/files.ts';
import { loadScenario } from '../scenario/load.ts';
import { applyOverrides, type RunOverrides } from '../scenario/overrides.ts';
import type { Scenario } from '../scenario/schema.ts';

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
  /** Replace a folder that holds results of other inputs (default: refuse). */
  readonly overwrite?: boolean;
  /** How error messages show a path (the CLI: relative to the working directory). */
  readonly show?: (path: string) => string;
}

export interface WrittenRun {
  readonly result: RunResult;
  /** `<outDir>/<scenario name>`. */
  readonly folder: string;
  /** What run.json records besides the run itself: the options given, the lineage. */
  readonly metadata: RunMetadata;
}

/** Loads, runs and writes one scenario file. */
export async function runScenarioFile(request: RunFileRequest): Promise<WrittenRun> {
  const overrides = request.overrides ?? {};
  const scenario = applyOverrides(await loadScenario(request.file), overrides);
  const metadata: RunMetadata = {
    file: request.shownFile ?? request.file,
    options: runOptionsRecord(overrides),
    lineage: lineageOf(scenario),
  };
  return runAndWrite(scenario, request.seed, metadata, request);
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
  /** Replace a folder that holds results of other inputs (default: refuse). */
  readonly overwrite?: boolean;
  /** How error messages show a path (the CLI: relative to the working directory). */
  readonly show?: (path: string) => string;
}

/** Runs run K of a sweep again, alone (its seed, inputs and run options), and writes it. */
export async function runSweepRun(request: SweepRunRequest): Promise<WrittenRun> {
  const { scenario, seed, file, manifest, values } = await loadSweepRun(
    request.sweep,
    request.run,
    request.file,
    request.shownSweep,
  );
  const metadata: RunMetadata = {
    file: request.showFile?.(file) ?? file,
    options: manifest.options,
    sweepRun: {
      run: request.run,
      inputs: Object.fromEntries(manifest.inputs.map((input, i) => [input.path, values[i]!])),
    },
    lineage: lineageOf(scenario),
  };
  return runAndWrite(scenario, seed, metadata, request);
}

/** Refuses a folder of other inputs before the run, then runs and writes. */
async function runAndWrite(
  scenario: Scenario,
  seed: number,
  metadata: RunMetadata,
  request: { outDir: string; overwrite?: boolean; show?: (path: string) => string },
): Promise<WrittenRun> {
  const target = childPath(request.outDir, scenario.name);
  const wanted = runInputs({
    scenario: scenario.name,
    file: metadata.file,
    seed,
    options: metadata.options,
    sweepRun: metadata.sweepRun,
  });
  const shown = request.show?.(target) ?? target;
  refuseOtherInputs(target, shown, 'run', wanted, runInputs, request.overwrite === true);
  const result = runScenario(scenario, { seed });
  const folder = await writeRun(request.outDir, result, metadata);
  return { result, folder, metadata };
}
