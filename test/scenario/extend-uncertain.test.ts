/**
 * A scenario that extends another inherits its uncertain inputs, and replaces or drops them one
 * whole distribution at a time: a normal over an inherited uniform keeps nothing of the uniform.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { normal, uniform } from '../../src/math/distributions.ts';
import { defineScenario } from '../../src/scenario/define.ts';
import { importScenario, loadScenario } from '../../src/scenario/load.ts';
import type { ScenarioInput } from '../../src/scenario/schema.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { UNCERTAIN_FILE } from '../sweep/helpers.ts';

const ELASTICITY = 'demand.priceElasticity';

let base: ScenarioInput;
let inherited: string[];

beforeAll(async () => {
  base = (await importScenario(UNCERTAIN_FILE)) as ScenarioInput;
  inherited = Object.keys(base.uncertain ?? {});
  // The cases below replace an inherited uniform, and keep at least one other input.
  expect(base.uncertain?.[ELASTICITY]).toMatchObject({ dist: 'uniform' });
  expect(inherited.length).toBeGreaterThan(1);
});

describe('extending the uncertain inputs of a scenario', () => {
  it('a normal in place of an inherited uniform replaces it whole, and the rest are kept', () => {
    const extended = validateScenario(
      defineScenario({ extends: base, name: 'x', uncertain: { [ELASTICITY]: normal(1.1, 0.1) } }),
      'x.ts',
    );
    expect(extended.uncertain[ELASTICITY]).toEqual({ dist: 'normal', mean: 1.1, sd: 0.1 });
    expect(Object.keys(extended.uncertain).sort()).toEqual([...inherited].sort());
    for (const path of inherited.filter((path) => path !== ELASTICITY)) {
      expect(extended.uncertain[path], path).toEqual(base.uncertain?.[path]);
    }
  });

  it('a new path is added beside the inherited ones', () => {
    const extended = defineScenario({
      extends: base,
      name: 'x',
      uncertain: { 'technology.hardwareCostDeclinePerYear': uniform(0.2, 0.4) },
    });
    expect(Object.keys(extended.uncertain ?? {}).sort()).toEqual(
      [...inherited, 'technology.hardwareCostDeclinePerYear'].sort(),
    );
  });

  it('null drops an inherited input, as it removes an agent', () => {
    const extended = validateScenario(
      defineScenario({ extends: base, name: 'x', uncertain: { [ELASTICITY]: null } }),
      'x.ts',
    );
    expect(Object.keys(extended.uncertain).sort()).toEqual(
      inherited.filter((path) => path !== ELASTICITY).sort(),
    );
    const none = defineScenario({ extends: base, name: 'x', uncertain: null });
    expect(validateScenario(none, 'x.ts').uncertain).toEqual({});
  });

  it('leaves the scenario it extends as it was', () => {
    const before = JSON.stringify(base.uncertain);
    defineScenario({ extends: base, name: 'x', uncertain: { [ELASTICITY]: null } });
    defineScenario({ extends: base, name: 'y', uncertain: { [ELASTICITY]: normal(1, 0.1) } });
    expect(JSON.stringify(base.uncertain)).toBe(before);
  });

  it('an sd below 0 on an inherited path is refused as such, naming the path', () => {
    const extended = defineScenario({
      extends: base,
      name: 'x',
      uncertain: { [ELASTICITY]: normal(1.1, -0.1) },
    });
    expect(() => validateScenario(extended, 'x.ts')).toThrow(
      /^x\.ts: uncertain\.demand\.priceElasticity: sd must be at least 0 \(got /,
    );
  });

  it('a scenario file that extends the uncertain baseline with a normal loads', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'aisim-extend-')), 'narrow-elasticity.ts');
    writeFileSync(
      file,
      // The package's entry, not ai-market-sim/scenario: it exports what a scenario needs too.
      `import { defineScenario, normal } from 'ai-market-sim';
import base from ${JSON.stringify(UNCERTAIN_FILE)};
export default defineScenario({
  extends: base,
  name: 'narrow-elasticity',
  uncertain: { '${ELASTICITY}': normal(1.1, 0.1) },
});
`,
    );
    const scenario = await loadScenario(file);
    expect(scenario.uncertain[ELASTICITY]).toEqual(normal(1.1, 0.1));
  });
});
