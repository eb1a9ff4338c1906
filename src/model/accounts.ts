/**
 * The month's payments (docs/MODEL.md, phase 6), booked in a ledger (`ledger.ts`): what
 * customers pay sellers, what products cost per customer, what aggregators pay their upstream
 * sellers, and every agent's fixed costs. The compute that serves the tokens and the revenue
 * shares are booked by `serving.ts`, the hyperscalers' datacenters by `capacity.ts`.
 */

import type { AgentSpec } from '../scenario/schema.ts';
import type { Product } from './agent-kinds.ts';
import type { ChoiceMarket } from './choice.ts';
import { buysWholesale, inMarket, type RunContext } from './context.ts';
import { CUSTOMERS, type Ledger, OUTSIDE } from './ledger.ts';
import type { MonthVolumes } from './volumes.ts';
import type { Model, World } from './world.ts';

/**
 * Retail spend, and the tokens aggregators buy upstream for their products: books the payments
 * and adds each offer's tokens, retail and wholesale, to `served` (by world offer index).
 */
export function payRetail(
  ledger: Ledger,
  served: Float64Array,
  world: World,
  context: RunContext,
  market: ChoiceMarket,
  volumes: MonthVolumes,
): void {
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
}

/**
 * Fixed costs: opex, product opex, and training runs (with the research compute behind them)
 * amortised from their release. An agent that has exited pays none: its unamortised runs are
 * written off.
 */
export function payFixedCosts(ledger: Ledger, world: World, context: RunContext): void {
  const years = world.technology.years;
  context.agentSpecs.forEach((spec, index) => {
    if (!inMarket(world, index)) return;
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
    const amortisation = amortisationUsd(model, world.tick);
    if (amortisation > 0 && inMarket(world, model.developer)) {
      ledger.pay(model.developer, OUTSIDE, amortisation, 'fixed');
    }
  }
}

/** An agent's opex and its product's, USD a month, `years` after the start. */
export function opexUsdPerMonth(spec: AgentSpec, product: Product | null, years: number): number {
  let opex = spec.opexUsdPerMonth * (1 + spec.opexGrowthPerYear) ** years;
  if (product) {
    opex += product.spec.opexUsdPerMonth * (1 + product.spec.opexGrowthPerYear) ** years;
  }
  return opex;
}

/** The share of a model's development cost booked as a cost this month, USD. */
export function amortisationUsd(model: Model, tick: number): number {
  const age = tick - model.releasedTick;
  return model.trainingCostUsd > 0 && age >= 0 && age < model.amortisationMonths
    ? model.trainingCostUsd / model.amortisationMonths
    : 0;
}
