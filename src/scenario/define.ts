/**
 * `defineScenario`: the typed helper every scenario file uses. It gives authors type checking
 * and autocompletion, and lets a scenario extend another and override only what it changes.
 * Validation happens when the file is loaded (`loadScenario`), so errors name the file.
 *
 * Objects merge key by key, except `uncertain`: each of its entries is a whole distribution, so
 * an entry replaces the inherited one for that path, and `null` drops it (`uncertain: null`
 * drops them all), as `agents: { meta: null }` removes an agent.
 *
 * @example
 * import { defineScenario } from 'ai-market-sim/scenario';
 * import baseline from './baseline.ts';
 *
 * export default defineScenario({
 *   extends: baseline,
 *   name: 'no-switching-costs',
 *   question: 'What if customers could change supplier for free?',
 *   demand: { segments: { enterprise: { switchingCostPerSpendMonth: { median: 0.01 } } } },
 * });
 */
import type { Distribution } from '../math/distributions.ts';
import { markExtension } from './differences.ts';
import { isPlainObject } from './paths.ts';
import type { ScenarioInput } from './schema.ts';

/** Any part of a scenario, to override; `null` removes an agent or a reference level. */
export type Overrides<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly unknown[]
    ? T
    : T extends object
      ? { [K in keyof T]?: Overrides<T[K]> | null }
      : T;

/**
 * What an extension may change: any part of the scenario, key by key, except the uncertain
 * inputs, which are replaced (or dropped with `null`) one whole distribution at a time.
 */
export type ScenarioOverrides = Omit<Overrides<ScenarioInput>, 'uncertain'> & {
  readonly uncertain?: Readonly<Record<string, Distribution | null>> | null;
};

export type ScenarioExtension = ScenarioOverrides & {
  readonly extends: ScenarioInput;
  readonly name: string;
};

export function defineScenario(scenario: ScenarioInput): ScenarioInput;
export function defineScenario(scenario: ScenarioExtension): ScenarioInput;
export function defineScenario(scenario: ScenarioInput | ScenarioExtension): ScenarioInput {
  if (!('extends' in scenario)) return scenario;
  const { extends: base, ...overrides } = scenario;
  // The base goes along, out of sight, so that a result can say how the two differ.
  return markExtension(extendScenario(base, overrides), base);
}

/**
 * The base with the overrides merged in: objects merge key by key, anything else replaces; an
 * uncertain input replaces the base's for its path whole (a normal over a uniform must not keep
 * the uniform's min and max).
 */
export function extendScenario(base: ScenarioInput, overrides: ScenarioOverrides): ScenarioInput {
  const { uncertain, ...rest } = overrides;
  const merged = mergeDeep(base, rest) as Record<string, unknown>;
  for (const recordField of ['agents']) dropNulls(merged[recordField]);
  const capability = merged.capability as Record<string, unknown> | undefined;
  dropNulls(capability?.referenceLevels);
  if (uncertain !== undefined) merged.uncertain = replaceEntries(base.uncertain, uncertain);
  return merged as unknown as ScenarioInput;
}

/** `base` with each entry of `overrides` in place of its own; `null` drops an entry (or all). */
function replaceEntries(
  base: unknown,
  overrides: Readonly<Record<string, unknown>> | null,
): Record<string, unknown> {
  if (overrides === null) return {};
  const replaced: Record<string, unknown> = isPlainObject(base) ? { ...base } : {};
  for (const [key, value] of Object.entries(overrides)) {
    if (value === null) delete replaced[key];
    else if (value !== undefined) replaced[key] = value;
  }
  return replaced;
}

function mergeDeep(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value !== undefined) merged[key] = mergeDeep(base[key], value);
  }
  return merged;
}

function dropNulls(record: unknown): void {
  if (!isPlainObject(record)) return;
  for (const [key, value] of Object.entries(record)) if (value === null) delete record[key];
}
