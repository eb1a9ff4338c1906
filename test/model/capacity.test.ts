import { describe, expect, it } from 'vitest';
import {
  fleetUtilisation,
  settleCompute,
  spotShare,
  unitsInService,
} from '../../src/model/capacity.ts';
import type { RunContext } from '../../src/model/context.ts';
import { Ledger, OUTSIDE } from '../../src/model/ledger.ts';
import { rentalUnitCostUsd } from '../../src/model/serving.ts';
import { computeUnitCost, installedBaseFactor } from '../../src/model/technology.ts';
import type { ComputeMonth, Vintage, World } from '../../src/model/world.ts';
import { baselineContext, worldAt } from './fixture.ts';

/** What each agent used this month: own compute by hyperscaler, rented units and USD by renter. */
function useOf(context: RunContext, own: Record<string, number>, rented: Record<string, number>) {
  const n = context.agentIds.length;
  const use = {
    ownUnits: new Float64Array(n),
    rentedUnits: new Float64Array(n),
    rentedUsd: new Float64Array(n),
  };
  for (const [id, units] of Object.entries(own)) use.ownUnits[context.indexOf.get(id)!] = units;
  for (const [id, units] of Object.entries(rented)) {
    const a = context.indexOf.get(id)!;
    use.rentedUnits[a] = units;
    use.rentedUsd[a] = units * 10;
  }
  return use;
}

/** A world at `tick` whose hyperscalers hold the given vintages. */
function withFleets(context: RunContext, tick: number, fleets: Record<string, Vintage[]>): World {
  const world = worldAt(context, tick);
  const agents = world.agents.map((agent) =>
    fleets[agent.id] ? { ...agent, vintages: fleets[agent.id]!, forecastUnits: 1000 } : agent,
  );
  return { ...world, agents, compute: { ...world.compute, smoothedUnits: 1000, unitsUsed: 1000 } };
}

describe('the compute fleet', () => {
  it('opens sized to the first month at the opening utilisation, with the orders placed before the start in its pipeline', async () => {
    const context = await baselineContext();
    const azure = context.indexOf.get('azure')!;
    const ledger = new Ledger(context.agentIds.length);
    const use = useOf(context, { azure: 900 }, { together: 100 });
    const { plans, compute } = settleCompute(ledger, worldAt(context, 0), context, use);
    const { openingUtilisation, openingGrowthPerYear, leadMonths } = context.scenario.compute;
    const plan = plans[azure]!;
    // Azure's own 900 and all the renters' 100 (it is the only owner with use): 1000 at 0.9.
    expect(plan.capacityUnits).toBeCloseTo(1000 / openingUtilisation, 9);
    expect(compute.capacityUnits).toBeCloseTo(1000 / openingUtilisation, 9);
    expect(compute.unitsUsed).toBe(1000);
    // Orders placed before the start grow the fleet at the opening growth until month L.
    const grown = unitsInService(plan.vintages, leadMonths - 1, 48);
    expect(grown).toBeCloseTo(
      (1000 / openingUtilisation) * (1 + openingGrowthPerYear) ** ((leadMonths - 1) / 12),
      6,
    );
    // The fleet at the start was bought over the years before, at their prices.
    const cost = computeUnitCost(context.scenario, worldAt(context, 0).technology, 0.7);
    const { hardwareCostDeclinePerYear, hardwareLifeMonths } = context.scenario.technology;
    const history = installedBaseFactor(hardwareCostDeclinePerYear, hardwareLifeMonths);
    expect(plan.vintages[0]!.capexUsd).toBeCloseTo(
      (1000 / openingUtilisation) * cost.capitalUsd * 48 * history,
      3,
    );
    // It runs the 1000 units used: energy on them, no spot.
    expect(ledger.variableCostUsd[azure]).toBeCloseTo(1000 * cost.energyUsd, 6);
  });

  it("pays renters' rent to the owners with units to spare, and an owner short of its own compute pays the rental on what it lacks", async () => {
    const context = await baselineContext();
    const [azure, aws, together] = ['azure', 'aws', 'together'].map(
      (id) => context.indexOf.get(id)!,
    ) as [number, number, number];
    const world = withFleets(context, 5, {
      azure: [{ tick: 0, units: 1000, capexUsd: 0 }],
      aws: [{ tick: 0, units: 1000, capexUsd: 0 }],
    });
    const ledger = new Ledger(context.agentIds.length);
    const use = useOf(context, { azure: 1200, aws: 300 }, { together: 500 });
    settleCompute(ledger, world, context, use);
    // 2000 used on 2000: each fleet runs 1000; Azure lacks 200, AWS lends 700 (500 + 200).
    const rental = rentalUnitCostUsd(context, world, context.clouds[azure]!.costFactor);
    expect(ledger.variableCostUsd[together]).toBeCloseTo(5000, 9);
    expect(ledger.revenueUsd[aws]).toBeCloseTo(5000 + 200 * rental, 9);
    const energy = computeUnitCost(context.scenario, world.technology, 0.7).energyUsd;
    expect(ledger.variableCostUsd[azure]).toBeCloseTo(1000 * energy + 200 * rental, 9);
    expect(ledger.variableCostUsd[aws]).toBeCloseTo(1000 * energy, 9);
  });

  it('buys use beyond capacity at spot, pro rata to capacity', async () => {
    const context = await baselineContext();
    const azure = context.indexOf.get('azure')!;
    const world = withFleets(context, 5, { azure: [{ tick: 0, units: 1000, capexUsd: 0 }] });
    const ledger = new Ledger(context.agentIds.length);
    settleCompute(ledger, world, context, useOf(context, { azure: 1500 }, {}));
    const cost = computeUnitCost(context.scenario, world.technology, 0.7);
    const { shortagePremium } = context.clouds[azure]!.capacity;
    expect(ledger.variableCostUsd[azure]).toBeCloseTo(
      1000 * cost.energyUsd + 500 * cost.totalUsd * (1 + shortagePremium),
      9,
    );
  });

  it('depreciates each vintage once it serves, paid to the chip vendor, who keeps its margin and pays its unit cost outside', async () => {
    const context = await baselineContext();
    const [azure, chip] = ['azure', 'nvidia'].map((id) => context.indexOf.get(id)!) as [
      number,
      number,
    ];
    const world = withFleets(context, 5, {
      azure: [
        { tick: 0, units: 1000, capexUsd: 48_000 },
        { tick: 6, units: 500, capexUsd: 96_000 }, // not yet serving
      ],
    });
    const ledger = new Ledger(context.agentIds.length);
    settleCompute(ledger, world, context, useOf(context, { azure: 800 }, {}));
    expect(ledger.fixedCostUsd[azure]).toBeCloseTo(1000, 9);
    expect(ledger.revenueUsd[chip]).toBeCloseTo(1000, 9);
    const margin = context.chipVendor!.grossMargin;
    expect(margin).toBeGreaterThan(0.6);
    expect(ledger.variableCostUsd[chip]).toBeCloseTo(1000 * (1 - margin), 9);
    expect(ledger.profitUsd(chip) / ledger.revenueUsd[chip]!).toBeCloseTo(margin, 12);
    expect(OUTSIDE).toBeLessThan(0);
  });

  it('orders a lead time ahead for the expected use at the target utilisation, and nothing when the pipeline covers it', async () => {
    const context = await baselineContext();
    const azure = context.indexOf.get('azure')!;
    const { leadMonths } = context.scenario.compute;
    const short = withFleets(context, 5, { azure: [{ tick: 0, units: 1000, capexUsd: 0 }] });
    const ample = withFleets(context, 5, { azure: [{ tick: 0, units: 1e9, capexUsd: 0 }] });
    const plan = (world: World) =>
      settleCompute(
        new Ledger(context.agentIds.length),
        world,
        context,
        useOf(context, { azure: 1000 }, {}),
      ).plans[azure]!;
    const ordered = plan(short).vintages.filter((v) => v.tick === 5 + leadMonths);
    expect(ordered).toHaveLength(1);
    expect(ordered[0]!.units).toBeGreaterThan(
      1000 / context.scenario.compute.targetUtilisation - 1000,
    );
    expect(plan(ample).vintages.filter((v) => v.tick > 5)).toHaveLength(0);
  });
});

describe('what market.csv records of the fleet', () => {
  const month = (capacityUnits: number, unitsUsed: number) =>
    ({ capacityUnits, unitsUsed }) as ComputeMonth;

  it('utilisation is the capacity in use over the capacity in service, at most 1', () => {
    expect(fleetUtilisation(month(100, 80))).toBeCloseTo(0.8, 12);
    expect(fleetUtilisation(month(100, 150))).toBe(1);
    expect(fleetUtilisation(month(0, 10))).toBeNaN();
  });

  it('the spot share is the use beyond the fleet over all use', () => {
    expect(spotShare(month(100, 80))).toBe(0);
    expect(spotShare(month(100, 150))).toBeCloseTo(1 / 3, 12);
    expect(spotShare(month(0, 10))).toBe(1);
    expect(spotShare(month(100, 0))).toBeNaN();
  });
});
