/**
 * Capacity (docs/MODEL.md, phase 6): a hyperscaler's datacenters. It pays energy for the compute
 * it serves within capacity, spot prices beyond it, and the depreciation of every vintage in
 * service, then builds for next month to its smoothed use plus headroom.
 */

import type { HyperscalerSpec, Scenario } from '../scenario/schema.ts';
import { type Ledger, OUTSIDE } from './ledger.ts';
import { computeUnitCost, installedBaseFactor } from './technology.ts';
import type { AgentState, World } from './world.ts';

/** A hyperscaler's capacity after its month: units in service, their vintages, its forecast. */
export interface CapacityPlan {
  readonly capacityUnits: number;
  readonly vintages: AgentState['vintages'];
  readonly forecastUnits: number;
}

/**
 * A hyperscaler's datacenter month. Capacity is what its vintages built (on the first month,
 * unless the scenario sets it, sized to that month's use); use beyond it is bought at spot.
 * It then builds for next month to its demand forecast, an exponentially smoothed average of
 * its use: capacity = forecast x (1 + headroom). Vintages retire after their depreciation life.
 */
export function operateDatacenters(
  world: World,
  scenario: Scenario,
  ledger: Ledger,
  agent: AgentState,
  spec: HyperscalerSpec,
  units: number,
): CapacityPlan {
  const { headroom, depreciationMonths, shortagePremium, initialUnitsPerMonth } = spec.capacity;
  const forecastUnits =
    world.tick === 0
      ? units
      : agent.forecastUnits + spec.capacity.planningSmoothing * (units - agent.forecastUnits);
  const cost = computeUnitCost(
    scenario,
    world.technology,
    spec.costFactor,
    world.computeCostMultiplier,
  );
  const capexPerUnit = cost.capitalUsd * depreciationMonths;
  let vintages = agent.vintages;
  let capacityUnits = agent.capacityUnits;
  if (world.tick === 0) {
    // The capacity in service at the start was bought over the years before it, at their prices.
    const { hardwareCostDeclinePerYear, hardwareLifeMonths } = scenario.technology;
    const history = installedBaseFactor(hardwareCostDeclinePerYear, hardwareLifeMonths);
    const initial = initialUnitsPerMonth ?? units * (1 + headroom);
    vintages = [{ tick: 0, units: initial, capexUsd: initial * capexPerUnit * history }];
    capacityUnits = initial;
  }
  const within = Math.min(units, capacityUnits);
  ledger.pay(agent.index, OUTSIDE, within * cost.energyUsd);
  ledger.pay(agent.index, OUTSIDE, (units - within) * cost.totalUsd * (1 + shortagePremium));
  for (const vintage of vintages) {
    ledger.pay(agent.index, OUTSIDE, vintage.capexUsd / depreciationMonths, 'fixed');
  }

  const retiring = vintages.filter((v) => world.tick + 1 - v.tick >= depreciationMonths);
  vintages = vintages.filter((v) => world.tick + 1 - v.tick < depreciationMonths);
  capacityUnits -= retiring.reduce((sum, v) => sum + v.units, 0);
  const build = forecastUnits * (1 + headroom) - capacityUnits;
  if (build > 0) {
    vintages = [
      ...vintages,
      { tick: world.tick + 1, units: build, capexUsd: build * capexPerUnit },
    ];
    capacityUnits += build;
  }
  return { capacityUnits, vintages, forecastUnits };
}
