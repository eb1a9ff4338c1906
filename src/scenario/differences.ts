/**
 * A scenario's differences from the scenario it extends: each parameter whose resolved value
 * (defaults filled in) differs, with the base's value and its own; an agent, a reference level
 * or an uncertain input added or removed is one difference. Run, batch and sweep records store
 * them, and every summary and report shows them, so that a result says what it assumed.
 *
 * @example
 * scenarioDifferences(baseline, noSwitchingCosts)
 * // [{ path: 'demand.segments.enterprise.switchingCostPerSpendMonth.median', base: 1.75, value: 1 }, ...]
 */
import { isPlainObject } from './paths.ts';
import type { Scenario } from './schema.ts';
import { validateScenario } from './validate.ts';

/**
 * One parameter that differs: `base` absent means the scenario adds it (an agent, an uncertain
 * input), `value` absent that it removes it. Values are JSON data: a function (a pricing
 * strategy of the file's own) is named, `[function name]`.
 */
export interface ParameterDifference {
  readonly path: string;
  readonly base?: unknown;
  readonly value?: unknown;
}

/** The scenario a scenario extends, by name, and how it differs from it. */
export interface ScenarioLineage {
  readonly extends: string;
  readonly differences: readonly ParameterDifference[];
}

/** Fields that describe a scenario rather than assume anything: never a difference. */
const DESCRIPTIVE_FIELDS: ReadonlySet<string> = new Set(['name', 'title', 'question']);

/** Records whose entries are added or removed whole: each entry is one difference at most. */
const WHOLE_ENTRIES: ReadonlySet<string> = new Set(['uncertain']);

/**
 * Each parameter of `scenario` whose value differs from `base`'s, in the order of the scenario's
 * fields (then the fields only the base has). Both are validated scenarios, so defaults count.
 */
export function scenarioDifferences(base: Scenario, scenario: Scenario): ParameterDifference[] {
  const differences: ParameterDifference[] = [];
  compareNodes(base, scenario, '', differences);
  return differences;
}

function compareNodes(
  base: unknown,
  value: unknown,
  path: string,
  differences: ParameterDifference[],
): void {
  if (!isPlainObject(base) || !isPlainObject(value)) {
    if (!sameValue(base, value)) {
      differences.push({ path, base: jsonData(base), value: jsonData(value) });
    }
    return;
  }
  const keys = [...Object.keys(value), ...Object.keys(base).filter((key) => !(key in value))];
  for (const key of keys) {
    if (path === '' && DESCRIPTIVE_FIELDS.has(key)) continue;
    const child = path === '' ? key : `${path}.${key}`;
    const inBase = Object.hasOwn(base, key) && base[key] !== undefined;
    const inValue = Object.hasOwn(value, key) && value[key] !== undefined;
    if (!inBase && !inValue) continue;
    if (!inBase) differences.push({ path: child, value: jsonData(value[key]) });
    else if (!inValue) differences.push({ path: child, base: jsonData(base[key]) });
    else if (WHOLE_ENTRIES.has(child)) compareEntries(base[key], value[key], child, differences);
    else compareNodes(base[key], value[key], child, differences);
  }
}

/** An uncertain input is one distribution: added, removed or replaced whole. */
function compareEntries(
  base: unknown,
  value: unknown,
  path: string,
  differences: ParameterDifference[],
): void {
  const before = isPlainObject(base) ? base : {};
  const after = isPlainObject(value) ? value : {};
  const keys = [...Object.keys(after), ...Object.keys(before).filter((key) => !(key in after))];
  for (const key of keys) {
    const child = `${path}.${key}`;
    if (!Object.hasOwn(before, key)) differences.push({ path: child, value: jsonData(after[key]) });
    else if (!Object.hasOwn(after, key))
      differences.push({ path: child, base: jsonData(before[key]) });
    else if (!sameValue(before[key], after[key]))
      differences.push({ path: child, base: jsonData(before[key]), value: jsonData(after[key]) });
  }
}

/** Deep equality of scenario data; functions are the same only when they are one function. */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => Object.hasOwn(b, key) && sameValue(a[key], b[key]))
    );
  }
  return false;
}

/** How a record names a function: a custom pricing strategy is code, not data. */
export function functionLabel(value: { readonly name: string }): string {
  return `[function ${value.name || 'anonymous'}]`;
}

/** A copy that JSON keeps whole: functions become their label. */
function jsonData(value: unknown): unknown {
  if (typeof value === 'function') return functionLabel(value);
  if (Array.isArray(value)) return value.map(jsonData);
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, jsonData(item)]));
  }
  return value;
}

/**
 * What `defineScenario({ extends: base, ... })` returned carries `base` under this key, not
 * enumerable, so that validation, JSON and copies to worker threads never see it. A registered
 * symbol, because the scenario file may load its own copy of this package's modules.
 */
const EXTENDS = Symbol.for('ai-market-sim.extends');

/** Marks `scenario` as an extension of `base`; returns the scenario. */
export function markExtension<T extends object>(scenario: T, base: unknown): T {
  Object.defineProperty(scenario, EXTENDS, { value: base, enumerable: false });
  return scenario;
}

/** The scenario (as written) that `input` extends, or undefined when it extends none. */
export function extendedScenario(input: unknown): unknown {
  return typeof input === 'object' && input !== null
    ? (input as Record<symbol, unknown>)[EXTENDS]
    : undefined;
}

/**
 * The lineage of a scenario as written (a file's default export), validated as `scenario`: the
 * name of the scenario it extends and the differences. Undefined when it extends none, or when
 * its base is not a valid scenario on its own (it then has nothing to be compared with).
 */
export function resolveLineage(input: unknown, scenario: Scenario): ScenarioLineage | undefined {
  const base = extendedScenario(input);
  if (base === undefined) return undefined;
  let resolved: Scenario;
  try {
    resolved = validateScenario(base, 'extends');
  } catch {
    return undefined;
  }
  return { extends: resolved.name, differences: scenarioDifferences(resolved, scenario) };
}
