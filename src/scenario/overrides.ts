/**
 * Run options that change a scenario: `--set path=value`, `--customers N`, `--months N`. The
 * result is validated again, so an out-of-range value is an error naming the scenario's file
 * and the option.
 */
import { addMonths } from '../math/calendar.ts';
import { fileOf, fromFile } from './files.ts';
import { applySettings, withParameter } from './parameters.ts';
import type { Scenario } from './schema.ts';
import { validateScenario } from './validate.ts';

export interface RunOverrides {
  /** `path=value` settings, applied in order. */
  readonly settings?: readonly string[];
  /** Simulated customers. */
  readonly customers?: number;
  /** Months to run from the start (the horizon becomes start + months - 1). */
  readonly months?: number;
}

export function applyOverrides(scenario: Scenario, overrides: RunOverrides): Scenario {
  const file = fileOf(scenario);
  const source = (option: string) => (file === undefined ? option : `${file}: ${option}`);
  let result = applySettings(scenario, overrides.settings ?? [], source('--set'));
  if (overrides.customers !== undefined) {
    result = validateScenario(
      withParameter(result, 'customers', overrides.customers),
      source('--customers'),
    );
  }
  if (overrides.months !== undefined) {
    const end = addMonths(result.start, overrides.months - 1);
    result = validateScenario(withParameter(result, 'end', end), source('--months'));
  }
  return fromFile(result, file);
}
