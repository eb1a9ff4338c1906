/**
 * Phase 6: accounting. Every flow is a payment in the month's ledger: retail spend, aggregators'
 * wholesale purchases, partners' revenue shares, compute rent, and what agents pay the outside
 * economy (energy, spot compute, depreciation of datacenters, amortised training runs, opex).
 * Hyperscalers then size next month's capacity. Equations: docs/MODEL.md, "Accounting".
 */

import { FRESH_ARRAYS, type TypedArrays } from '../../math/arena.ts';
import type { ChoiceMarket, ChoiceTally } from '../../model/choice.ts';
import { buysWholesale, isActive, type RunContext } from '../../model/context.ts';
import { CUSTOMERS, Ledger, OUTSIDE } from '../../model/ledger.ts';
import { computeSources, revenueShareOf, servingAgent } from '../../model/serving.ts';
import { computeUnitCost, installedBaseFactor } from '../../model/technology.ts';
import type { MonthVolumes } from '../../model/volumes.ts';
import {
  type AgentState,
  copyOfOffers,
  type Offer,
  offerWith,
  type World,
} from '../../model/world.ts';
import type { HyperscalerSpec } from '../../scenario/schema.ts';
import { produce } from '../immer.ts';

export interface MonthAccounts {
  readonly ledger: Ledger;
  /** Tokens each world offer served this month, retail and wholesale, million tokens. */
  readonly servedMTok: Float64Array;
}

export function settleAccounts(
  world: World,
  context: RunContext,
  market: ChoiceMarket,
  tally: ChoiceTally,
  volumes: MonthVolumes,
  arrays: TypedArrays = FRESH_ARRAYS,
): { world: World; accounts: MonthAccounts } {
  const ledger = new Ledger(world.agents.length, arrays);
  const served = arrays.float64(world.offers.length);
  const computeUnitsUsed = arrays.float64(world.agents.length);

  // Retail spend, and the tokens aggregators buy upstream for their products.
  for (let k = 0; k < market.slots; k++) {
    const offer = world.offers[market.offerOf[k]!]!;
    const tokens = volumes.tokensMTok[k]!;
    ledger.pay(CUSTOMERS, offer.seller, tokens * offer.priceUsdPerMTok);
    if (offer.channel === 'product') {
      const product = context.products[offer.seller];
      ledger.pay(
        offer.seller,
        OUTSIDE,
        volumes.customers[k]! * (product?.spec.opexUsdPerCustomerMonth ?? 0),
      );
    }
    served[offer.index] = served[offer.index]! + tokens;
    const buyer = world.agents[offer.seller]!;
    if (offer.channel === 'product' && buysWholesale(context, offer.seller)) {
      const upstream = world.offers[buyer.upstreamOffer]!;
      served[upstream.index] = served[upstream.index]! + tokens;
      ledger.pay(buyer.index, upstream.seller, tokens * upstream.priceUsdPerMTok);
    }
  }

  // Revenue shares, and the compute that serves each offer's tokens.
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
      ledger.pay(server, OUTSIDE, units * source.usdPerUnit);
    } else {
      if (source.landlord !== server)
        ledger.pay(server, source.landlord, units * source.usdPerUnit);
      computeUnitsUsed[source.landlord] = computeUnitsUsed[source.landlord]! + units;
    }
  }

  // Hyperscalers run their datacenters: energy within capacity, spot compute beyond it,
  // depreciation of every vintage still in service.
  const capacity = context.clouds.map((cloud, index) =>
    cloud
      ? operateDatacenters(
          world,
          context,
          ledger,
          world.agents[index]!,
          cloud,
          computeUnitsUsed[index]!,
        )
      : undefined,
  );

  // Fixed costs: opex, product opex, and training runs amortised from their release.
  context.agentSpecs.forEach((spec, index) => {
    if (!isActive(context, index, world.tick)) return;
    const years = world.technology.years;
    ledger.pay(
      index,
      OUTSIDE,
      spec.opexUsdPerMonth * (1 + spec.opexGrowthPerYear) ** years,
      'fixed',
    );
    const product = context.products[index];
    if (product) {
      const { opexUsdPerMonth, opexGrowthPerYear } = product.spec;
      ledger.pay(index, OUTSIDE, opexUsdPerMonth * (1 + opexGrowthPerYear) ** years, 'fixed');
    }
  });
  for (let m = 0; m < world.models.length; m++) {
    const model = world.models[m]!;
    const age = world.tick - model.releasedTick;
    if (model.trainingCostUsd > 0 && age >= 0 && age < model.amortisationMonths) {
      ledger.pay(
        model.developer,
        OUTSIDE,
        model.trainingCostUsd / model.amortisationMonths,
        'fixed',
      );
    }
  }

  // The month's books, capacity plans and what sellers observe change in one immer update: a
  // new list of agents and one of offers, each record rebuilt (see immer.ts for why).
  const next = produce(world, (draft) => {
    const agents = new Array<AgentState>(world.agents.length);
    for (let a = 0; a < world.agents.length; a++) {
      const agent = world.agents[a]!;
      agents[a] = Object.freeze({
        ...agent,
        month: {
          revenueUsd: ledger.revenueUsd[a]!,
          variableCostUsd: ledger.variableCostUsd[a]!,
          fixedCostUsd: ledger.fixedCostUsd[a]!,
        },
        cumulative: {
          revenueUsd: agent.cumulative.revenueUsd + ledger.revenueUsd[a]!,
          variableCostUsd: agent.cumulative.variableCostUsd + ledger.variableCostUsd[a]!,
          fixedCostUsd: agent.cumulative.fixedCostUsd + ledger.fixedCostUsd[a]!,
        },
        computeUnitsUsed: computeUnitsUsed[a]!,
        ...(capacity[a] ?? {}),
      });
    }
    draft.agents = Object.freeze(agents) as AgentState[];
    draft.offers = Object.freeze(observeOffers(world, market, tally, volumes, served)) as Offer[];
  });
  return { world: next, accounts: { ledger, servedMTok: served } };
}

/**
 * A hyperscaler's datacenter month. Capacity is what its vintages built (on the first month,
 * unless the scenario sets it, sized to that month's use); use beyond it is bought at spot.
 * It then builds for next month to its demand forecast, an exponentially smoothed average of
 * its use: capacity = forecast x (1 + headroom). Vintages retire after their depreciation life.
 */
function operateDatacenters(
  world: World,
  context: RunContext,
  ledger: Ledger,
  agent: AgentState,
  spec: HyperscalerSpec,
  units: number,
): { capacityUnits: number; vintages: AgentState['vintages']; forecastUnits: number } {
  const { headroom, depreciationMonths, shortagePremium, initialUnitsPerMonth } = spec.capacity;
  const forecastUnits =
    world.tick === 0
      ? units
      : agent.forecastUnits + spec.capacity.planningSmoothing * (units - agent.forecastUnits);
  const cost = computeUnitCost(
    context.scenario,
    world.technology,
    spec.costFactor,
    world.computeCostMultiplier,
  );
  const capexPerUnit = cost.capitalUsd * depreciationMonths;
  let vintages = agent.vintages;
  let capacityUnits = agent.capacityUnits;
  if (world.tick === 0) {
    // The capacity in service at the start was bought over the years before it, at their prices.
    const { hardwareCostDeclinePerYear, hardwareLifeMonths } = context.scenario.technology;
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

/**
 * What sellers will observe next month (volumes, logit shares, lock-in, price sensitivity): the
 * list of offers with each offer on sale rebuilt by `offerWith`.
 */
function observeOffers(
  world: World,
  market: ChoiceMarket,
  tally: ChoiceTally,
  volumes: MonthVolumes,
  served: Float64Array,
): Offer[] {
  const offers = copyOfOffers(world);
  for (let k = 0; k < market.slots; k++) {
    const index = market.offerOf[k]!;
    const offer = world.offers[index]!;
    const alpha = volumes.priceSensitivity[k]!;
    offers[index] = offerWith(offer, {
      tokensMTok: served[index]!,
      share: observedShare(offer.share, tally.choiceTokens[k]!, tally.choiceProbabilityTokens[k]!),
      lockInUsdPerMTok: volumes.lockInUsdPerMTok[k]!,
      priceSensitivity: Number.isNaN(alpha) ? offer.priceSensitivity : alpha,
    });
  }
  return offers;
}

/** How much of a new month's estimate of the share enters the observed share. */
const SHARE_SMOOTHING = 0.5;

/**
 * The share in the Lerner index is the token-weighted mean choice probability of the offer's
 * buyers, sum t P^2 / sum t P; this month's choosers estimate it. Smoothed over months.
 */
function observedShare(previous: number, tokens: number, probabilityTokens: number): number {
  if (tokens <= 0) return previous;
  const estimate = probabilityTokens / tokens;
  return previous === 0 ? estimate : previous + SHARE_SMOOTHING * (estimate - previous);
}
