import { describe, expect, it } from 'vitest';
import { operateDatacenters } from '../../src/model/capacity.ts';
import { Ledger } from '../../src/model/ledger.ts';
import { computeUnitCost, installedBaseFactor } from '../../src/model/technology.ts';
import type { AgentState } from '../../src/model/world.ts';
import type { HyperscalerSpec } from '../../src/scenario/schema.ts';
import { baselineContext, worldAt } from './fixture.ts';

async function azure() {
  const context = await baselineContext();
  const index = context.indexOf.get('azure')!;
  // Sized to its first month's use (the baseline starts with none at all).
  const baseline = context.clouds[index]!;
  const spec = { ...baseline, capacity: { ...baseline.capacity, initialUnitsPerMonth: null } };
  const agent = (state: Partial<AgentState>): AgentState => ({
    ...worldAt(context, 0).agents[index]!,
    ...state,
  });
  return { context, index, spec, agent };
}

/** One datacenter month at `tick` with `units` of use: its plan and what it paid. */
function month(
  context: Awaited<ReturnType<typeof azure>>['context'],
  spec: HyperscalerSpec,
  agent: AgentState,
  tick: number,
  units: number,
) {
  const ledger = new Ledger(context.agentIds.length);
  const plan = operateDatacenters(
    worldAt(context, tick),
    context.scenario,
    ledger,
    agent,
    spec,
    units,
  );
  return {
    plan,
    variable: ledger.variableCostUsd[agent.index]!,
    fixed: ledger.fixedCostUsd[agent.index]!,
  };
}

describe("a hyperscaler's datacenters", () => {
  it('start sized to the first month, bought at the installed base price, with headroom', async () => {
    const { context, spec, agent } = await azure();
    const { headroom, depreciationMonths } = spec.capacity;
    const cost = computeUnitCost(context.scenario, worldAt(context, 0).technology, spec.costFactor);
    const { plan, variable, fixed } = month(context, spec, agent({}), 0, 1000);
    expect(plan.capacityUnits).toBeCloseTo(1000 * (1 + headroom), 9);
    expect(plan.forecastUnits).toBe(1000);
    // Within capacity it pays energy only; its vintage is depreciated straight-line.
    expect(variable).toBeCloseTo(1000 * cost.energyUsd, 9);
    const { hardwareCostDeclinePerYear, hardwareLifeMonths } = context.scenario.technology;
    const capex =
      1000 *
      (1 + headroom) *
      cost.capitalUsd *
      depreciationMonths *
      installedBaseFactor(hardwareCostDeclinePerYear, hardwareLifeMonths);
    expect(fixed).toBeCloseTo(capex / depreciationMonths, 6);
  });

  it('buy compute beyond capacity at spot, and plan next month on smoothed use', async () => {
    const { context, spec, agent } = await azure();
    const { headroom, shortagePremium, planningSmoothing } = spec.capacity;
    const cost = computeUnitCost(context.scenario, worldAt(context, 5).technology, spec.costFactor);
    const before = agent({
      capacityUnits: 1000,
      forecastUnits: 900,
      vintages: [{ tick: 0, units: 1000, capexUsd: 0 }],
    });
    const { plan, variable } = month(context, spec, before, 5, 1500);
    expect(variable).toBeCloseTo(
      1000 * cost.energyUsd + 500 * cost.totalUsd * (1 + shortagePremium),
      9,
    );
    const forecast = 900 + planningSmoothing * (1500 - 900);
    expect(plan.forecastUnits).toBeCloseTo(forecast, 12);
    expect(plan.capacityUnits).toBeCloseTo(forecast * (1 + headroom), 9);
    expect(plan.vintages.at(-1)).toMatchObject({ tick: 6 });
    // Use well below the forecast builds nothing.
    const idle = month(context, spec, before, 5, 0).plan;
    expect(idle.capacityUnits).toBe(1000);
    expect(idle.vintages).toEqual(before.vintages);
  });

  it('write each vintage off exactly over its depreciation months, then retire it', async () => {
    const { context, spec, agent } = await azure();
    const { depreciationMonths } = spec.capacity;
    // Steady use: the first vintage serves alone until it retires.
    let state = agent({});
    let written = 0;
    for (let tick = 0; tick < depreciationMonths; tick++) {
      const { plan, fixed } = month(context, spec, state, tick, 1000);
      written += fixed;
      state = { ...state, ...plan };
    }
    const first = month(context, spec, agent({}), 0, 1000).plan.vintages[0]!;
    expect(first.capexUsd).toBeGreaterThan(0);
    expect(written).toBeCloseTo(first.capexUsd, 6);
    expect(state.vintages.map((v) => v.tick)).toEqual([depreciationMonths]);
  });
});
