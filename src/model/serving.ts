/**
 * Who serves the tokens of an offer, what its compute costs, and who shares its revenue.
 * One place for the cost side of every offer, used by pricing and by accounting alike.
 * Equations: docs/MODEL.md, "Offers" and "Accounting".
 */

import type { ChoiceMarket } from './choice.ts';
import { buysWholesale, type RunContext } from './context.ts';
import type { Ledger } from './ledger.ts';
import { marketRentalUsd } from './technology.ts';
import type { Offer, World } from './world.ts';

/** The agent that runs the model behind an offer: the developer of a closed model, else the seller. */
export function servingAgent(world: World, offer: Offer): number {
  const model = world.models[offer.model]!;
  return model.open ? offer.seller : model.developer;
}

/**
 * What renting a compute unit on the market costs this month, for a given cost factor, USD: the
 * full-cost formula times the ratio of the month's cleared rental to full cost (docs/MODEL.md,
 * "Compute market").
 */
export function rentalUnitCostUsd(context: RunContext, world: World, costFactor: number): number {
  return (
    marketRentalUsd(context.scenario, world.technology, costFactor, world.computeCostMultiplier) *
    world.compute.rentalRatio
  );
}

export interface ComputeSource {
  /** The hyperscaler whose datacenters run the compute (the server itself for a hyperscaler). */
  readonly landlord: number | null;
  /** What the server pays per compute unit, USD. */
  readonly usdPerUnit: number;
}

/**
 * The cost a hyperscaler prices its compute on: the month's market rental of a compute unit
 * times its cost factor (its advantage of scale), what a unit could earn rented out. Its actual
 * costs, the depreciation of what it built plus energy, are booked in phase 6 (`capacity.ts`);
 * idle capacity is its loss, not its customers' bill.
 */
export function hyperscalerUnitCostUsd(context: RunContext, world: World, hyperscaler: number) {
  const cloud = context.clouds[hyperscaler];
  if (!cloud) throw new Error(`${context.agentIds[hyperscaler]} is not a hyperscaler`);
  return rentalUnitCostUsd(context, world, cloud.costFactor);
}

/** Where an agent's compute comes from and what a unit costs it. */
export function computeSource(context: RunContext, world: World, server: number): ComputeSource {
  const supply = context.computeSupplies[server]!;
  switch (supply.from) {
    case 'own-datacenters':
      return { landlord: server, usdPerUnit: hyperscalerUnitCostUsd(context, world, server) };
    case 'market':
      return {
        landlord: null,
        usdPerUnit: rentalUnitCostUsd(context, world, supply.costFactor),
      };
    case 'hyperscaler': {
      const landlord = context.indexOf.get(supply.hyperscaler)!;
      const cloud = context.clouds[landlord];
      if (!cloud) throw new Error('compute.from is not a hyperscaler');
      const markup = supply.partner ? 0 : cloud.rentalMarkup;
      return {
        landlord,
        usdPerUnit: hyperscalerUnitCostUsd(context, world, landlord) * (1 + markup),
      };
    }
  }
}

/** Every agent's compute source this month, by agent index (compute costs change monthly). */
export function computeSources(context: RunContext, world: World): ComputeSource[] {
  return context.agentSpecs.map((_, agent) => computeSource(context, world, agent));
}

export interface RevenueShare {
  readonly partner: number;
  readonly share: number;
}

/** The hyperscaler partner that takes a share of all revenue on a lab's models, if any. */
export function revenueShareOf(context: RunContext, developer: number): RevenueShare | null {
  return context.revenueShares[developer] ?? null;
}

/** Serving cost of a million tokens of an offer's model on its server's compute, USD. */
export function servingCostUsdPerMTok(
  sources: readonly ComputeSource[],
  world: World,
  offer: Offer,
): number {
  const model = world.models[offer.model]!;
  return model.computeUnitsPerMTok * sources[servingAgent(world, offer)]!.usdPerUnit;
}

/**
 * The marginal cost a seller that serves an offer prices against, USD per million tokens: its
 * serving cost grossed up by the partner's revenue share. (An aggregator's marginal cost is the
 * wholesale price it pays: see `monthQuotes`.)
 */
export function marginalCostUsdPerMTok(
  context: RunContext,
  sources: readonly ComputeSource[],
  world: World,
  offer: Offer,
): number {
  const model = world.models[offer.model]!;
  const shared = model.open ? null : revenueShareOf(context, model.developer);
  return servingCostUsdPerMTok(sources, world, offer) / (1 - (shared?.share ?? 0));
}

/** What the month's compute users asked for, by agent, filled by `payServing`. */
export interface ComputeUse {
  /** A hyperscaler's own offers' and its tenants' compute units. */
  readonly ownUnits: Float64Array;
  /** Compute units an agent rented on the market, and what it owes for them, USD. */
  readonly rentedUnits: Float64Array;
  readonly rentedUsd: Float64Array;
}

/**
 * Revenue shares, and the compute that serves each offer's tokens (`served`, by world offer
 * index): a partner's share of the revenue on its lab's models; compute paid to the landlord
 * hyperscaler. Adds each landlord's compute units to `use.ownUnits` (by agent), which its
 * datacenters then serve, and what renters on the market use and owe to `use.rentedUnits` and
 * `use.rentedUsd`, which `settleCompute` pays to the owners of capacity.
 */
export function payServing(
  ledger: Ledger,
  use: ComputeUse,
  served: Float64Array,
  world: World,
  context: RunContext,
  market: ChoiceMarket,
): void {
  const sources = computeSources(context, world);
  for (let k = 0; k < market.slots; k++) {
    const offer = world.offers[market.offerOf[k]!]!;
    const tokens = served[offer.index]!;
    if (tokens === 0) continue;
    if (offer.channel === 'product' && buysWholesale(context, offer.seller)) continue;
    const model = world.models[offer.model]!;
    const revenue = tokens * offer.priceUsdPerMTok;
    const shared = model.open ? null : revenueShareOf(context, model.developer);
    if (offer.resale) {
      ledger.pay(offer.seller, model.developer, revenue * (1 - (shared?.share ?? 0)));
    } else if (shared) {
      ledger.pay(offer.seller, shared.partner, revenue * shared.share);
    }
    const server = servingAgent(world, offer);
    const units = tokens * model.computeUnitsPerMTok;
    const source = sources[server]!;
    if (source.landlord === null) {
      use.rentedUnits[server] = use.rentedUnits[server]! + units;
      use.rentedUsd[server] = use.rentedUsd[server]! + units * source.usdPerUnit;
    } else {
      if (source.landlord !== server)
        ledger.pay(server, source.landlord, units * source.usdPerUnit);
      use.ownUnits[source.landlord] = use.ownUnits[source.landlord]! + units;
    }
  }
}
