import { describe, expect, it } from 'vitest';
import {
  buildDesign,
  checkInputRanges,
  type DesignName,
  planSweep,
  runInputs,
  sampledScenario,
} from '../../src/design/plan.ts';
import { contentHash, runSeed } from '../../src/design/seeds.ts';
import { InputError } from '../../src/errors.ts';
import { logNormal, normal, triangular, uniform } from '../../src/math/distributions.ts';
import { getParameter, withParameter } from '../../src/scenario/parameters.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { loadBaseline } from '../helpers.ts';

async function withUncertain(uncertain: Scenario['uncertain']): Promise<Scenario> {
  return validateScenario(withParameter(await loadBaseline(), 'uncertain', uncertain), 'test');
}

const THREE = {
  'technology.hardwareCostDeclinePerYear': uniform(0.2, 0.4),
  'demand.priceElasticity': triangular(0.6, 1.1, 1.6),
  'demand.segments.enterprise.switchingCostPerSpendMonth.median': logNormal(1.75, 0.5),
};

function plan(scenario: Scenario, design: DesignName, size: number, masterSeed = 1) {
  return planSweep(scenario, { design, size, masterSeed, contentHash: contentHash(scenario) });
}

describe('a sweep plan', () => {
  it('counts runs as each design needs them', async () => {
    const scenario = await withUncertain(THREE);
    expect(plan(scenario, 'random', 10).runs).toBe(10);
    expect(plan(scenario, 'lhs', 10).runs).toBe(10);
    expect(plan(scenario, 'sobol', 16).runs).toBe(16 * (3 + 2));
    expect(plan(scenario, 'morris', 5).runs).toBe(5 * (3 + 1));
    expect(plan(scenario, 'grid', 4).runs).toBe(4 ** 3);
    for (const design of ['random', 'lhs', 'sobol', 'morris', 'grid'] as const) {
      const built = buildDesign(plan(scenario, design, 4));
      expect(built.points).toHaveLength(plan(scenario, design, 4).runs);
    }
  });

  it('orders inputs by path, so the design follows from the content alone', async () => {
    const scenario = await withUncertain(THREE);
    expect(plan(scenario, 'lhs', 4).inputs.map((input) => input.path)).toEqual([
      'demand.priceElasticity',
      'demand.segments.enterprise.switchingCostPerSpendMonth.median',
      'technology.hardwareCostDeclinePerYear',
    ]);
  });

  it('regenerates the same design from the same plan, and another from another seed', async () => {
    const scenario = await withUncertain(THREE);
    for (const design of ['random', 'lhs', 'morris'] as const) {
      const points = buildDesign(plan(scenario, design, 6)).points;
      expect(buildDesign(plan(scenario, design, 6)).points).toEqual(points);
      expect(buildDesign(plan(scenario, design, 6, 2)).points).not.toEqual(points);
    }
  });

  it("gives each run its seed and its inputs' values from the design", async () => {
    const scenario = await withUncertain(THREE);
    const sweep = plan(scenario, 'lhs', 20, 9);
    const design = buildDesign(sweep);
    const run = runInputs(sweep, design, 13);
    expect(run.seed).toBe(runSeed(9, contentHash(scenario), 13));
    expect(run.values[0]).toBeGreaterThan(0.6);
    expect(run.values[0]).toBeLessThan(1.6);
    expect(run.values[2]).toBeGreaterThan(0.2);
    expect(run.values[2]).toBeLessThan(0.4);
    const sampled = sampledScenario(scenario, sweep.inputs, run.values, 'run 13');
    expect(getParameter(sampled, 'demand.priceElasticity')).toBe(run.values[0]);
    expect(getParameter(sampled, 'technology.hardwareCostDeclinePerYear')).toBe(run.values[2]);
    expect(getParameter(scenario, 'technology.hardwareCostDeclinePerYear')).toBe(0.3);
  });

  it('without uncertain inputs is a Monte Carlo over seeds, and sensitivity designs refuse', async () => {
    const baseline = await loadBaseline();
    expect(buildDesign(plan(baseline, 'random', 3)).points).toHaveLength(3);
    for (const design of ['sobol', 'morris', 'grid'] as const) {
      expect(() => plan(baseline, design, 4)).toThrow(InputError);
    }
  });

  it('refuses sizes a design cannot use', async () => {
    const scenario = await withUncertain(THREE);
    expect(() => plan(scenario, 'sobol', 1)).toThrow(/at least 2 base rows/);
    expect(() => plan(scenario, 'random', 0)).toThrow(InputError);
    expect(() => plan(scenario, 'grid', 1000)).toThrow(/more than/);
  });

  it("refuses, before any run, a distribution that leaves its parameter's range", async () => {
    const scenario = await withUncertain({ 'demand.priceElasticity': normal(1.1, 0.5) });
    const sweep = plan(scenario, 'lhs', 200);
    expect(() => checkInputRanges(scenario, sweep, buildDesign(sweep), 'x.ts')).toThrow(
      /x\.ts: uncertain input: demand\.priceElasticity: must be above 0/,
    );
    const fine = await withUncertain(THREE);
    const fineSweep = plan(fine, 'lhs', 200);
    expect(() => checkInputRanges(fine, fineSweep, buildDesign(fineSweep), 'x.ts')).not.toThrow();
  });
});
