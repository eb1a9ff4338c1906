/**
 * Parameter paths: `technology.hardwareCostDeclinePerYear`, `agents.openai.trainingCostUsd`.
 * The same dotted paths serve `--set` on the command line and a sweep's uncertain inputs.
 */
import { InputError } from '../errors.ts';
import { isScenarioParameter } from './parameter-list.ts';
import { getParameter, isPlainObject } from './paths.ts';

export { getParameter };

import type { Scenario } from './schema.ts';
import { closest, validateScenario } from './validate.ts';

/** Whether a path names a parameter of the scenario (a value, possibly null, that exists). */
export function hasParameter(scenario: unknown, path: string): boolean {
  const keys = path.split('.');
  const parent = keys.length === 1 ? scenario : getParameter(scenario, keys.slice(0, -1).join('.'));
  return isPlainObject(parent) && Object.hasOwn(parent, keys.at(-1)!);
}

/** Every path to a number in the scenario, in order: what a sweep may vary. */
export function numericParameters(scenario: unknown, prefix = ''): string[] {
  if (!isPlainObject(scenario)) return [];
  return Object.entries(scenario).flatMap(([key, value]) => {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    return typeof value === 'number' ? [path] : numericParameters(value, path);
  });
}

/** A copy of the scenario with the parameter at `path` set; the path must exist. */
export function withParameter<T>(scenario: T, path: string, value: unknown): T {
  return withParameters(scenario, [[path, value]]);
}

/** A copy of the scenario (one copy, however many) with each parameter set, in order. */
export function withParameters<T>(
  scenario: T,
  settings: readonly (readonly [path: string, value: unknown])[],
): T {
  const copy = cloneData(scenario);
  for (const [path, value] of settings) {
    const keys = path.split('.');
    let node: unknown = copy;
    for (const key of keys.slice(0, -1)) node = (node as Record<string, unknown>)[key];
    (node as Record<string, unknown>)[keys.at(-1)!] = value;
  }
  return copy;
}

/** Copies plain objects and arrays, keeps everything else (functions) by reference. */
export function cloneData<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneData) as T;
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cloneData(v)])) as T;
}

/** Parses `path=value`: the value as JSON when it is JSON (numbers, true, null), else as text. */
export function parseSetting(setting: string, source = '--set'): { path: string; value: unknown } {
  const equals = setting.indexOf('=');
  if (equals <= 0) {
    throw new InputError(source, setting, 'expected path=value');
  }
  const path = setting.slice(0, equals).trim();
  const text = setting.slice(equals + 1).trim();
  let value: unknown = text;
  try {
    value = JSON.parse(text);
  } catch {
    // not JSON: keep the text, e.g. a date or a strategy name
  }
  return { path, value };
}

/**
 * Applies `path=value` settings to a validated scenario and validates the result. An unknown
 * path or an invalid value is an `InputError` naming the setting; `source` says where the
 * settings came from (`scenarios/baseline.ts: --set`).
 */
export function applySettings(
  scenario: Scenario,
  settings: readonly string[],
  source = '--set',
): Scenario {
  let result = scenario;
  for (const setting of settings) {
    const { path, value } = parseSetting(setting, source);
    // A parameter the scenario leaves out (an optional title, a first release) may be set too.
    if (!hasParameter(result, path) && !isScenarioParameter(result, path)) {
      throw new InputError(source, path, unknownPathProblem(result, path), value);
    }
    result = validateScenario(withParameter(result, path, value), source);
  }
  return result;
}

/** "unknown parameter", with the nearest existing path when a key looks misspelt. */
export function unknownPathProblem(scenario: unknown, path: string): string {
  const keys = path.split('.');
  let node: unknown = scenario;
  for (let depth = 0; depth < keys.length; depth++) {
    if (!isPlainObject(node)) break;
    const key = keys[depth]!;
    if (!Object.hasOwn(node, key)) {
      const guess = closest(key, Object.keys(node));
      const known = guess ? [...keys.slice(0, depth), guess].join('.') : undefined;
      return `unknown parameter${known ? ` (did you mean ${known}?)` : ''}`;
    }
    node = node[key];
  }
  return 'unknown parameter';
}
