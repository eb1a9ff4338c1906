/**
 * `defineScenario`: the typed helper every scenario file uses. It gives authors type checking
 * and autocompletion, and lets a scenario extend another and override only what it changes.
 * Validation happens when the file is loaded (`loadScenario`), so errors name the file.
 *
 * @example
 * import { defineScenario } from 'ai-market-sim';
 * import baseline from './baseline.ts';
 *
 * export default defineScenario({
 *   extends: baseline,
 *   name: 'no-switching-costs',
 *   question: 'What if customers could change supplier for free?',
 *   demand: { segments: { enterprise: { switchingCostUsd: { median: 1 } } } },
 * });
 */
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

export type ScenarioExtension = Overrides<ScenarioInput> & {
  readonly extends: ScenarioInput;
  readonly name: string;
};

export function defineScenario(scenario: ScenarioInput): ScenarioInput;
export function defineScenario(scenario: ScenarioExtension): ScenarioInput;
export function defineScenario(scenario: ScenarioInput | ScenarioExtension): ScenarioInput {
  if (!('extends' in scenario)) return scenario;
  const { extends: base, ...overrides } = scenario;
  return extendScenario(base, overrides);
}

/** The base with the overrides merged in: objects merge key by key, anything else replaces. */
export function extendScenario(
  base: ScenarioInput,
  overrides: Overrides<ScenarioInput>,
): ScenarioInput {
  const merged = mergeDeep(base, overrides) as Record<string, unknown>;
  for (const recordField of ['agents']) dropNulls(merged[recordField]);
  const capability = merged.capability as Record<string, unknown> | undefined;
  dropNulls(capability?.referenceLevels);
  return merged as unknown as ScenarioInput;
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
