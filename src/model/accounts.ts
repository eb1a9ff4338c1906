/**
 * The month's payments (docs/MODEL.md, phase 6), booked in a ledger (`ledger.ts`): what
 * customers pay sellers, what products cost per customer, what aggregators pay their upstream
 * sellers, and every agent's fixed costs. The compute that serves the tokens and the revenue
 * shares are booked by `serving.ts`, the hyperscalers' datacenters by `capacity.ts`.
 */

import type { ChoiceMarket } from './choice.ts';
import { buysWholesale, isActive, type RunContext } from './context.ts';
import { CUSTOMERS, type Ledger, OUTSIDE } from './ledger.ts';
import type { MonthVolumes } from './volumes.ts';
import type { World } from './world.ts';

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

/** Fixed costs: opex, product opex, and training runs amortised from their release. */
export function payFixedCosts(ledger: Ledger, world: World, context: RunContext): void {
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
}
