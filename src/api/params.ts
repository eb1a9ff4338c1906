/**
 * The parameters of a scenario as `aisim params` lists them: every path `--set` and a sweep's
 * `uncertain` inputs accept, with its unit, its value and its allowed range, read off the
 * schema (scenario/parameter-list.ts).
 *
 * @example
 * const { parameters } = await listParameters('scenarios/price-war.ts');
 * parameters.filter((p) => p.unit === 'usd_per_mtok').map((p) => p.path);
 */
import { fileOf } from '../scenario/files.ts';
import { BASELINE_FILE } from '../scenario/library-files.ts';
import { loadScenario } from '../scenario/load.ts';
import { applyOverrides, type RunOverrides } from '../scenario/overrides.ts';
import { type ScenarioParameter, scenarioParameters } from '../scenario/parameter-list.ts';
import type { Scenario } from '../scenario/schema.ts';

export interface ParameterList {
  readonly scenario: Scenario;
  /** The scenario file as given (the baseline's when none was). */
  readonly file: string;
  readonly parameters: readonly ScenarioParameter[];
}

/** The scenario's parameters (default: the baseline's), after any run options. */
export async function listParameters(
  file: string = BASELINE_FILE,
  overrides: RunOverrides = {},
): Promise<ParameterList> {
  const scenario = applyOverrides(await loadScenario(file), overrides);
  return { scenario, file: fileOf(scenario) ?? file, parameters: scenarioParameters(scenario) };
}
