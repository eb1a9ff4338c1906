/**
 * The calibration check as the library and `aisim validate` run it: a scenario over seeds 1..N
 * (execution), each fact of the calibration table measured on every run (analysis), and the
 * table written to `<outDir>/validation/<scenario name>.csv` (output).
 *
 * @example
 * const validation = await runValidation({
 *   scenario: await loadScenario(BASELINE_FILE), seeds: 20, outDir: 'results',
 * });
 * validation.failed // 0 when every median is within its band
 */
import { mkdir } from 'node:fs/promises';
import { checkCalibration, type FactCheck } from '../analysis/calibration.ts';
import { type RunObserver, runSeeds, seedList } from '../execution/seeds.ts';
import { validationCsv } from '../output/validation.ts';
import { childPath, writeFileAtomically } from '../results/atomic.ts';
import type { Scenario } from '../scenario/schema.ts';

export interface ValidationRequest {
  /** The scenario, loaded and with its run options applied. */
  readonly scenario: Scenario;
  /** Seeds to run: 1..N. */
  readonly seeds: number;
  /** The parent folder: the check writes `<outDir>/validation/<scenario name>.csv`. */
  readonly outDir: string;
  /** Told the number of runs, then of each run done. */
  readonly observer?: RunObserver;
}

export interface ValidationReport {
  readonly seeds: readonly number[];
  /** One check per fact of the calibration table, in its order. */
  readonly checks: readonly FactCheck[];
  /** How many facts have their median outside the band. */
  readonly failed: number;
  /** The CSV written. */
  readonly file: string;
}

/** Runs the scenario over its seeds, checks every fact and writes the table. */
export async function runValidation(request: ValidationRequest): Promise<ValidationReport> {
  const { scenario, observer } = request;
  const seeds = seedList(request.seeds);
  observer?.start(seeds.length);
  const checks = checkCalibration(runSeeds(scenario, seeds, () => observer?.run()));
  const folder = childPath(request.outDir, 'validation');
  await mkdir(folder, { recursive: true });
  const file = childPath(folder, `${scenario.name}.csv`);
  await writeFileAtomically(file, await validationCsv(checks));
  return { seeds, checks, failed: checks.filter((check) => !check.pass).length, file };
}
