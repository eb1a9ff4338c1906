/**
 * A scenario's differences from the scenario it extends, computed from the two definitions:
 * each resolved parameter that differs, with the base's value and its own; an agent or an
 * uncertain input added or removed is one difference; names and titles are not assumptions.
 */
import { describe, expect, it } from 'vitest';
import { normal, uniform } from '../../src/math/distributions.ts';
import { defineScenario } from '../../src/scenario/define.ts';
import {
  extendedScenario,
  resolveLineage,
  scenarioDifferences,
} from '../../src/scenario/differences.ts';
import { lineageOf } from '../../src/scenario/files.ts';
import { importScenario, loadScenario } from '../../src/scenario/load.ts';
import { getParameter, withParameter } from '../../src/scenario/parameters.ts';
import type { Scenario, ScenarioInput } from '../../src/scenario/schema.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { BASELINE_FILE, REPO } from '../helpers.ts';

const SWITCHING = 'demand.segments.enterprise.switchingCostPerSpendMonth.median';

async function baselineInput(): Promise<ScenarioInput> {
  return (await importScenario(BASELINE_FILE)) as ScenarioInput;
}

describe('scenarioDifferences', () => {
  it('lists each parameter that differs, with the base value and the new one', async () => {
    const base = validateScenario(await baselineInput(), 'base');
    const before = getParameter(base, SWITCHING) as number;
    const changed = withParameter(
      withParameter(base, SWITCHING, before / 10),
      'technology.hardwareCostDeclinePerYear',
      0.2,
    );
    expect(scenarioDifferences(base, changed)).toEqual([
      {
        path: 'technology.hardwareCostDeclinePerYear',
        base: base.technology.hardwareCostDeclinePerYear,
        value: 0.2,
      },
      { path: SWITCHING, base: before, value: before / 10 },
    ]);
    expect(scenarioDifferences(base, base)).toEqual([]);
  });

  it('does not count the name, the title or the question as assumptions', async () => {
    const base = validateScenario(await baselineInput(), 'base');
    const renamed: Scenario = { ...base, name: 'other', title: 'Other', question: 'Why?' };
    expect(scenarioDifferences(base, renamed)).toEqual([]);
  });

  it('counts an agent added or removed as one difference, and names a function', async () => {
    const input = await baselineInput();
    const base = validateScenario(input, 'base');
    const [first, second] = Object.keys(base.agents);
    function priceAtOne() {
      return 1;
    }
    const entrant = { ...input.agents[first!]!, pricing: priceAtOne };
    const changed = validateScenario(
      defineScenario({
        extends: input,
        name: 'changed',
        agents: { entrant: entrant as never, [second!]: null },
      }),
      'changed',
    );
    const differences = scenarioDifferences(base, changed);
    expect(differences.map(({ path }) => path)).toEqual(['agents.entrant', `agents.${second}`]);
    expect(differences[0]).not.toHaveProperty('base');
    expect(differences[0]!.value).toMatchObject({
      kind: base.agents[first!]!.kind,
      pricing: '[function priceAtOne]',
    });
    expect(differences[1]).not.toHaveProperty('value');
    expect(differences[1]!.base).toMatchObject({ kind: base.agents[second!]!.kind });
  });

  it('counts an uncertain input added, replaced or removed as one difference each', async () => {
    const input = await baselineInput();
    const base = validateScenario(
      defineScenario({
        extends: input,
        name: 'uncertain',
        uncertain: {
          'demand.priceElasticity': uniform(0.6, 1.6),
          'technology.hardwareCostDeclinePerYear': uniform(0.2, 0.4),
        },
      }),
      'base',
    );
    const changed = validateScenario(
      {
        ...base,
        uncertain: {
          'demand.priceElasticity': normal(1.1, 0.1),
          [SWITCHING]: uniform(0.5, 5),
        },
      },
      'changed',
    );
    expect(scenarioDifferences(base, changed)).toEqual([
      {
        path: 'uncertain.demand.priceElasticity',
        base: uniform(0.6, 1.6),
        value: normal(1.1, 0.1),
      },
      { path: `uncertain.${SWITCHING}`, value: uniform(0.5, 5) },
      { path: 'uncertain.technology.hardwareCostDeclinePerYear', base: uniform(0.2, 0.4) },
    ]);
  });
});

describe("a scenario's lineage", () => {
  it('an extension carries its base out of sight of validation and JSON', async () => {
    const input = await baselineInput();
    const extension = defineScenario({ extends: input, name: 'x', demand: { priceElasticity: 2 } });
    expect(extendedScenario(extension)).toBe(input);
    expect(Object.keys(extension)).not.toContain('extends');
    expect(extendedScenario(input)).toBeUndefined();
    // A copy, its validated form and its JSON are plain scenario data.
    expect(extendedScenario({ ...extension })).toBeUndefined();
    expect(extendedScenario(validateScenario(extension, 'x'))).toBeUndefined();
    expect(extendedScenario(JSON.parse(JSON.stringify(extension)))).toBeUndefined();
  });

  it("names the scenario extended and lists what the extension's definition changes", async () => {
    const input = await baselineInput();
    const extension = defineScenario({
      extends: input,
      name: 'x',
      demand: {
        priceElasticity: 2,
        segments: { enterprise: { switchingCostPerSpendMonth: { median: 5 } } },
      },
    });
    const lineage = resolveLineage(extension, validateScenario(extension, 'x'));
    const base = validateScenario(input, 'base');
    expect(lineage).toEqual({
      extends: 'baseline',
      differences: [
        { path: 'demand.priceElasticity', base: base.demand.priceElasticity, value: 2 },
        { path: SWITCHING, base: getParameter(base, SWITCHING), value: 5 },
      ],
    });
  });

  it('a bundled scenario file loads with the differences from the file it extends', async () => {
    // capex-arms-race changes one parameter of the baseline, the growth of training costs.
    const path = 'technology.trainingCostGrowthPerYear';
    const scenario = await loadScenario(`${REPO}scenarios/capex-arms-race.ts`);
    const base = await loadScenario(BASELINE_FILE);
    expect(getParameter(scenario, path)).not.toBe(getParameter(base, path));
    expect(lineageOf(scenario)).toEqual({
      extends: 'baseline',
      differences: [{ path, base: getParameter(base, path), value: getParameter(scenario, path) }],
    });
    expect(lineageOf(base)).toBeUndefined();
  });
});
