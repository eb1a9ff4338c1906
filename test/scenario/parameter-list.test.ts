/**
 * `aisim params`'s list, read off the schema, against the scenarios themselves: it names every
 * leaf each bundled scenario holds, every path it names is one `--set` takes, and the ranges it
 * states are the schema's own checks.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/design/seeds.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { scenarioParameters } from '../../src/scenario/parameter-list.ts';
import { applySettings } from '../../src/scenario/parameters.ts';
import { isPlainObject } from '../../src/scenario/paths.ts';
import { REPO } from '../helpers.ts';

const SCENARIOS = readdirSync(join(REPO, 'scenarios'))
  .filter((name) => name.endsWith('.ts'))
  .map((name) => join(REPO, 'scenarios', name));

/**
 * Every leaf of the scenario as data, found without the schema: a path to anything that is not
 * a plain object (a number, text, a list, null, a function); `uncertain` declares a sweep.
 */
function dataLeaves(value: unknown, prefix = ''): string[] {
  if (!isPlainObject(value)) return [prefix];
  return Object.entries(value).flatMap(([key, item]) =>
    prefix === '' && key === 'uncertain'
      ? []
      : dataLeaves(item, prefix === '' ? key : `${prefix}.${key}`),
  );
}

describe.each(SCENARIOS)('the parameters of %s', (file) => {
  it('are every leaf the scenario holds, and the optional ones it leaves out', async () => {
    const scenario = await loadScenario(file);
    const listed = scenarioParameters(scenario);
    expect(
      listed
        .filter((p) => p.value !== undefined)
        .map((p) => p.path)
        .sort(),
    ).toEqual(dataLeaves(scenario).sort());
    expect(new Set(listed.map((p) => p.path)).size).toBe(listed.length);
    for (const parameter of listed)
      if (parameter.type === 'number') expect(parameter.unit, parameter.path).toBeDefined();
  });

  it('each one is accepted by --set: its own value gives the same scenario back', async () => {
    const scenario = await loadScenario(file);
    const same = canonicalJson(scenario);
    for (const { path, value, type } of scenarioParameters(scenario)) {
      if (type === 'function') continue;
      if (value === undefined) {
        // Left out by the scenario: --set knows the path, so only the value can be wrong.
        expect(() => applySettings(scenario, [`${path}=[]`])).toThrow(/^(?!.*unknown parameter)/);
        continue;
      }
      const again = applySettings(scenario, [`${path}=${JSON.stringify(value)}`]);
      expect(canonicalJson(again), path).toBe(same);
    }
  });

  it("states each number's bounds as the schema checks them", async () => {
    const scenario = await loadScenario(file);
    for (const { path, type, range } of scenarioParameters(scenario)) {
      if (type !== 'number') continue;
      const set = (value: number) => () => applySettings(scenario, [`${path}=${value}`]);
      if (range.min !== undefined && !range.minInclusive) expect(set(range.min), path).toThrow();
      if (range.max !== undefined && !range.maxInclusive) expect(set(range.max), path).toThrow();
      if (range.min !== undefined) expect(set(range.min - 1), path).toThrow();
      if (range.max !== undefined) expect(set(range.max + 1), path).toThrow();
      if (range.integer) expect(set((range.min ?? 0) + 1.5), path).toThrow();
    }
  });
});

describe('a scenario with agents of every kind', () => {
  it("lists each agent's fields under its own id, and a choice's every alternative", async () => {
    const scenario = await loadScenario(join(REPO, 'scenarios', 'baseline.ts'));
    const listed = scenarioParameters(scenario);
    for (const id of Object.keys(scenario.agents))
      expect(listed.some((p) => p.path === `agents.${id}.kind`)).toBe(true);
    const kind = listed.find((p) => p.path === 'agents.openai.kind');
    expect(kind?.range.values).toEqual([
      'lab',
      'open_weight',
      'hyperscaler',
      'aggregator',
      'host',
      'chip',
    ]);
    const elasticity = listed.find((p) => p.path === 'demand.priceElasticity');
    expect(elasticity).toMatchObject({
      unit: 'elasticity',
      value: scenario.demand.priceElasticity,
    });
    expect(elasticity?.range).toEqual({ min: 0, minInclusive: false });
  });
});
