/**
 * Run options that change a scenario: `--set path=value`, `--customers N`, `--months N`. The
 * result is validated again, so an out-of-range value is an error naming the scenario's file
 * and the option.
 */
import { addMonths } from '../math/calendar.ts';
import { fileOf, sameOrigin, withOptions } from './files.ts';
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
  return withOptions(sameOrigin(result, scenario), overrideWords(overrides).join(' '));
}

/** The run options as typed, one option each: `--set a=1`, `--customers 300`, `--months 48`. */
export function overrideWords(overrides: RunOverrides): string[] {
  return [
    ...(overrides.settings ?? []).map((setting) => `--set ${setting}`),
    ...(overrides.customers === undefined ? [] : [`--customers ${overrides.customers}`]),
    ...(overrides.months === undefined ? [] : [`--months ${overrides.months}`]),
  ];
}

/** A date range at the end of a title, "Baseline, 2022-11 to 2030-12": the default horizon. */
const TITLE_HORIZON = /,?\s*\d{4}-\d{2}\s+to\s+\d{4}-\d{2}\s*$/;

/** The title without the date range it ends with, if any: "Baseline". */
export function titleWithoutHorizon(title: string): string {
  return title.replace(TITLE_HORIZON, '');
}

/**
 * The title with the date range it ends with, if any, replaced by the months run: a `--months
 * 48` run of "Baseline, 2022-11 to 2030-12" is "Baseline, 2022-11 to 2026-10".
 */
export function titleOverHorizon(title: string, start: string, end: string): string {
  return TITLE_HORIZON.test(title) ? `${titleWithoutHorizon(title)}, ${start} to ${end}` : title;
}
