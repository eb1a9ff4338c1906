/**
 * The compute fleet (docs/MODEL.md, "Compute market" and phase 6): the hyperscalers' capacity,
 * ordered a lead time before it serves and rented in one market whose rental clears at the start
 * of each month (`clearComputeMarket`); then the month's settlement of what was used: energy,
 * spot compute beyond capacity, rent between renters and owners, depreciation paid to the chip
 * vendor, and the orders that will serve `compute.leadMonths` from now.
 */

import type { HyperscalerSpec, Scenario } from '../scenario/schema.ts';
import { capacityOrderUnits, clearComputeMarket } from './compute-market.ts';
import type { RunContext } from './context.ts';
import { type Ledger, OUTSIDE } from './ledger.ts';
import { type ComputeUse, rentalUnitCostUsd } from './serving.ts';
import {
  computeUnitCost,
  installedBaseFactor,
  marketRentalUsd,
  type TechnologyIndices,
} from './technology.ts';
import type { AgentState, ComputeMonth, Vintage, World } from './world.ts';

/** A hyperscaler's capacity after its month: units in service, their vintages, its forecast. */
export interface CapacityPlan {
  readonly capacityUnits: number;
  readonly vintages: AgentState['vintages'];
  readonly forecastUnits: number;
}

/** CU a month that `vintages` serve at `tick`: arrived, and not yet written off. */
export function unitsInService(
  vintages: readonly Vintage[],
  tick: number,
  lifeMonths: number,
): number {
  let units = 0;
  for (const vintage of vintages) {
    if (vintage.tick <= tick && tick - vintage.tick < lifeMonths) units += vintage.units;
  }
  return units;
}

/** c_full and c_en of market-rate compute (cost factor 1) this month, USD per CU. */
function marketCosts(scenario: Scenario, technology: TechnologyIndices, multiplier: number) {
  return {
    fullCostUsd: marketRentalUsd(scenario, technology, 1, multiplier),
    energyUsd: computeUnitCost(scenario, technology, 1, multiplier).energyUsd,
  };
}

/** The compute market before the first month: no use yet, owners expecting the opening growth. */
export function openingComputeMonth(
  scenario: Scenario,
  technology: TechnologyIndices,
): ComputeMonth {
  const { fullCostUsd } = marketCosts(scenario, technology, 1);
  return {
    rentalUsd: fullCostUsd,
    fullCostUsd,
    rentalRatio: 1,
    capacityUnits: 0,
    unitsUsed: 0,
    smoothedUnits: 0,
    growthPerMonth: Math.log1p(scenario.compute.openingGrowthPerYear) / 12,
  };
}

/** K: the hyperscalers' capacity in service at `tick`, CU a month. */
function fleetUnits(world: World, context: RunContext, tick: number): number {
  let units = 0;
  for (const owner of context.hyperscalers) {
    const spec = context.clouds[owner]!;
    units += unitsInService(world.agents[owner]!.vintages, tick, spec.capacity.depreciationMonths);
  }
  return units;
}

/**
 * The month's rental, cleared at its start on the demand expected for it: last month's use,
 * grown by the smoothed growth, taken as the demand at full cost. (Use hardly moves with the
 * month's rental, list prices being sticky: inferring the demand at full cost from last month's
 * rental through epsilon would read a high rental as a higher demand, and feed it back.) The first
 * month, and any month without capacity in service, rents at full cost.
 */
export function clearMonthCompute(world: World, context: RunContext): ComputeMonth {
  const { scenario } = context;
  const { fullCostUsd, energyUsd } = marketCosts(
    scenario,
    world.technology,
    world.computeCostMultiplier,
  );
  const previous = world.compute;
  const capacityUnits = fleetUnits(world, context, world.tick);
  const month = { ...previous, fullCostUsd, capacityUnits };
  if (world.tick === 0 || capacityUnits <= 0 || !(previous.unitsUsed > 0)) {
    return { ...month, rentalUsd: fullCostUsd, rentalRatio: 1 };
  }
  const { targetUtilisation, demandElasticity } = scenario.compute;
  const clearing = clearComputeMarket(
    { capacityUnits, energyUsd, fullCostUsd, targetUtilisation },
    {
      unitsAtFullCost: previous.unitsUsed * Math.exp(previous.growthPerMonth),
      elasticity: demandElasticity,
    },
  );
  const rentalUsd = Math.min(clearing.rentalUsd, scenario.compute.maxRentalRatio * fullCostUsd);
  return { ...month, rentalUsd, rentalRatio: rentalUsd / fullCostUsd };
}

export interface ComputeSettlement {
  /** Per agent: a hyperscaler's capacity plan, else undefined. */
  readonly plans: readonly (CapacityPlan | undefined)[];
  readonly compute: ComputeMonth;
}

/**
 * Settles the month's compute. The owners' capacity is one pool: each owner runs the same share
 * of its fleet, and buys its share of any use beyond the pool (the month's surprise over the
 * expected demand the rental cleared on) at spot. Renters on the market pay their rental into
 * the pool, an owner whose own compute exceeds what its fleet runs pays the rental on the
 * difference, and the owners with units to spare share the takings in proportion to them.
 * Without capacity in service, renters pay the outside economy and owners buy at spot.
 */
export function settleCompute(
  ledger: Ledger,
  world: World,
  context: RunContext,
  use: ComputeUse,
): ComputeSettlement {
  const { scenario, hyperscalers } = context;
  const { tick, technology, computeCostMultiplier, compute } = world;
  const owners = hyperscalers.length;
  let rentedUnits = 0;
  for (let a = 0; a < use.rentedUnits.length; a++) rentedUnits += use.rentedUnits[a]!;
  let ownUnits = 0;
  for (const owner of hyperscalers) ownUnits += use.ownUnits[owner]!;
  const unitsUsed = ownUnits + rentedUnits;

  const vintagesOf = hyperscalers.map((owner) =>
    tick === 0
      ? openingFleet(context, world, owner, openingBusiness(use, hyperscalers, owner, ownUnits))
      : world.agents[owner]!.vintages,
  );
  const fleets = hyperscalers.map((owner, h) =>
    unitsInService(vintagesOf[h]!, tick, context.clouds[owner]!.capacity.depreciationMonths),
  );
  const capacityUnits = fleets.reduce((sum, units) => sum + units, 0);
  const costs = hyperscalers.map((owner) =>
    computeUnitCost(scenario, technology, context.clouds[owner]!.costFactor, computeCostMultiplier),
  );

  // What each owner's business is: its own compute and its share of the renters'.
  const business = new Float64Array(owners);
  if (capacityUnits > 0) {
    const served = Math.min(unitsUsed, capacityUnits);
    const lent = new Float64Array(owners);
    let lentTotal = 0;
    for (let h = 0; h < owners; h++) {
      const owner = hyperscalers[h]!;
      const spec = context.clouds[owner]!;
      const share = fleets[h]! / capacityUnits;
      ledger.pay(owner, OUTSIDE, served * share * costs[h]!.energyUsd);
      const spot = (unitsUsed - served) * share;
      ledger.pay(owner, OUTSIDE, spot * costs[h]!.totalUsd * (1 + spec.capacity.shortagePremium));
      business[h] = use.ownUnits[owner]! + rentedUnits * share;
      lent[h] = unitsUsed * share - use.ownUnits[owner]!;
      if (lent[h]! > 0) lentTotal += lent[h]!;
    }
    const payIntoPool = (payer: number, usd: number) => {
      if (!(usd > 0) || !(lentTotal > 0)) return;
      for (let h = 0; h < owners; h++) {
        if (lent[h]! > 0) ledger.pay(payer, hyperscalers[h]!, (usd * lent[h]!) / lentTotal);
      }
    };
    for (let a = 0; a < use.rentedUsd.length; a++) payIntoPool(a, use.rentedUsd[a]!);
    for (let h = 0; h < owners; h++) {
      const owner = hyperscalers[h]!;
      const rental = rentalUnitCostUsd(context, world, context.clouds[owner]!.costFactor);
      if (lent[h]! < 0) payIntoPool(owner, -lent[h]! * rental);
    }
  } else {
    for (let a = 0; a < use.rentedUsd.length; a++) ledger.pay(a, OUTSIDE, use.rentedUsd[a]!);
    for (let h = 0; h < owners; h++) {
      const owner = hyperscalers[h]!;
      const spec = context.clouds[owner]!;
      const units = use.ownUnits[owner]!;
      ledger.pay(owner, OUTSIDE, units * costs[h]!.totalUsd * (1 + spec.capacity.shortagePremium));
      business[h] =
        units + (ownUnits > 0 ? (rentedUnits * units) / ownUnits : rentedUnits / owners);
    }
  }

  payDepreciation(ledger, context, vintagesOf, tick);

  const { growthSmoothing, leadMonths, targetUtilisation } = scenario.compute;
  const forecasts = hyperscalers.map((owner, h) => {
    const demand = business[h]!;
    const { forecastUnits } = world.agents[owner]!;
    const { planningSmoothing } = context.clouds[owner]!.capacity;
    return tick === 0 ? demand : forecastUnits + planningSmoothing * (demand - forecastUnits);
  });
  // The growth owners expect is that of their smoothed use, itself smoothed: a release that
  // moves a month's use by half moves the growth they order for by a few per cent a year.
  const smoothedUnits = forecasts.reduce((sum, units) => sum + units, 0);
  const growthPerMonth =
    tick > 0 && compute.smoothedUnits > 0 && smoothedUnits > 0
      ? compute.growthPerMonth +
        growthSmoothing * (Math.log(smoothedUnits / compute.smoothedUnits) - compute.growthPerMonth)
      : compute.growthPerMonth;

  const plans: (CapacityPlan | undefined)[] = new Array(context.agentSpecs.length);
  for (let h = 0; h < owners; h++) {
    const owner = hyperscalers[h]!;
    const spec = context.clouds[owner]!;
    const { depreciationMonths } = spec.capacity;
    const forecastUnits = forecasts[h]!;
    const arrival = tick + leadMonths;
    const order = capacityOrderUnits({
      smoothedUnits: forecastUnits,
      growthPerYear: Math.expm1(12 * growthPerMonth),
      leadMonths,
      pipelineUnits: unitsInService(vintagesOf[h]!, arrival, depreciationMonths),
      targetUtilisation,
    });
    const vintages = vintagesOf[h]!.filter((v) => v.tick + depreciationMonths > tick + 1);
    if (order > 0) {
      vintages.push({
        tick: arrival,
        units: order,
        capexUsd: order * capexPerUnitUsd(costs[h]!.capitalUsd, spec),
      });
    }
    plans[owner] = { capacityUnits: fleets[h]!, vintages, forecastUnits };
  }
  return {
    plans,
    compute: {
      ...compute,
      capacityUnits,
      unitsUsed,
      smoothedUnits,
      growthPerMonth,
    },
  };
}

/**
 * The fleet's utilisation in a month: the capacity in use over the capacity in service,
 * `min(U, K) / K` (at most 1: use beyond the fleet is bought at spot); NaN without capacity.
 */
export function fleetUtilisation(compute: ComputeMonth): number {
  const { capacityUnits, unitsUsed } = compute;
  return capacityUnits > 0 ? Math.min(unitsUsed, capacityUnits) / capacityUnits : Number.NaN;
}

/**
 * The share of a month's compute use bought at spot beyond the capacity in service,
 * `max(0, U - K) / U` (0 when the fleet sufficed); NaN when nothing was used.
 */
export function spotShare(compute: ComputeMonth): number {
  const { capacityUnits, unitsUsed } = compute;
  return unitsUsed > 0 ? Math.max(0, unitsUsed - capacityUnits) / unitsUsed : Number.NaN;
}

/** What a unit of capacity costs its owner when ordered: its capital cost over its life. */
function capexPerUnitUsd(capitalUsdPerMonth: number, spec: HyperscalerSpec): number {
  return capitalUsdPerMonth * spec.capacity.depreciationMonths;
}

/** An owner's first-month business when no fleet has yet been sized: renters shared by own use. */
function openingBusiness(
  use: ComputeUse,
  hyperscalers: readonly number[],
  owner: number,
  ownUnits: number,
): number {
  let rented = 0;
  for (let a = 0; a < use.rentedUnits.length; a++) rented += use.rentedUnits[a]!;
  const own = use.ownUnits[owner]!;
  return own + (ownUnits > 0 ? (rented * own) / ownUnits : rented / hyperscalers.length);
}

/**
 * The fleet at the start: what the scenario says, else sized so that the first month's business
 * runs at the opening utilisation, bought over the years before at their prices; and the orders
 * placed before the start, which grow it at the opening growth until the run's own orders arrive.
 */
function openingFleet(
  context: RunContext,
  world: World,
  owner: number,
  business: number,
): Vintage[] {
  const { scenario } = context;
  const spec = context.clouds[owner]!;
  const { openingUtilisation, openingGrowthPerYear, leadMonths } = scenario.compute;
  const cost = computeUnitCost(
    scenario,
    world.technology,
    spec.costFactor,
    world.computeCostMultiplier,
  );
  const capexPerUnit = capexPerUnitUsd(cost.capitalUsd, spec);
  const { hardwareCostDeclinePerYear, hardwareLifeMonths } = scenario.technology;
  const history = installedBaseFactor(hardwareCostDeclinePerYear, hardwareLifeMonths);
  const initial = spec.capacity.initialUnitsPerMonth ?? business / openingUtilisation;
  const vintages: Vintage[] = [
    { tick: 0, units: initial, capexUsd: initial * capexPerUnit * history },
  ];
  for (let month = 1; month < leadMonths; month++) {
    const units =
      initial *
      ((1 + openingGrowthPerYear) ** (month / 12) -
        (1 + openingGrowthPerYear) ** ((month - 1) / 12));
    if (units > 0) vintages.push({ tick: month, units, capexUsd: units * capexPerUnit });
  }
  return vintages;
}

/**
 * Each vintage in service is depreciated straight-line over its life: the owner pays that to the
 * chip vendor, which sold it the accelerators and pays its unit cost, 1 - m of the price, to the
 * outside economy; without a chip vendor, to the outside economy.
 */
function payDepreciation(
  ledger: Ledger,
  context: RunContext,
  vintagesOf: readonly (readonly Vintage[])[],
  tick: number,
): void {
  const vendor = context.chipVendor;
  let sold = 0;
  context.hyperscalers.forEach((owner, h) => {
    const { depreciationMonths } = context.clouds[owner]!.capacity;
    for (const vintage of vintagesOf[h]!) {
      if (vintage.tick > tick || tick - vintage.tick >= depreciationMonths) continue;
      const usd = vintage.capexUsd / depreciationMonths;
      ledger.pay(owner, vendor?.agent ?? OUTSIDE, usd, 'fixed');
      sold += usd;
    }
  });
  if (vendor) ledger.pay(vendor.agent, OUTSIDE, sold * (1 - vendor.grossMargin));
}
