/**
 * Phase 3: sellers set prices. The model quotes every offer on sale and picks each product's
 * supplier (`model/quotes.ts`); the phase puts the new prices in the world.
 */

import { FRESH_ARRAYS, type TypedArrays } from '../../math/arena.ts';
import type { Uniform } from '../../math/random.ts';
import type { RunContext } from '../../model/context.ts';
import type { Population } from '../../model/population.ts';
import { monthQuotes } from '../../model/quotes.ts';
import { copyOfOffers, NO_UPSTREAM, type Offer, offerWith, type World } from '../../model/world.ts';
import { produce } from '../immer.ts';

export function setPrices(
  world: World,
  context: RunContext,
  population: Population,
  uniform: Uniform,
  arrays: TypedArrays = FRESH_ARRAYS,
): World {
  const { quotes, products } = monthQuotes(world, context, population, uniform, arrays);
  // The month's prices, and the products' suppliers, change in one immer update: a new list of
  // offers, each repriced one built by `offerWith` (see immer.ts for why not a draft of each).
  return produce(world, (draft) => {
    const offers = copyOfOffers(world);
    for (const [index, quoted] of quotes) offers[index] = offerWith(world.offers[index]!, quoted);
    for (const { agent, upstream, quote } of products) {
      const index = world.agents[agent]!.productOffer;
      const product = world.offers[index]!;
      if (upstream && quote) {
        offers[index] = offerWith(product, {
          priceUsdPerMTok: quote.priceUsdPerMTok,
          unitCostUsdPerMTok: quote.unitCostUsdPerMTok,
          model: upstream.model,
          active: true,
        });
      } else if (product.active) {
        offers[index] = offerWith(product, { active: false });
      }
      const upstreamOffer = upstream?.index ?? NO_UPSTREAM;
      if (world.agents[agent]!.upstreamOffer !== upstreamOffer) {
        draft.agents[agent]!.upstreamOffer = upstreamOffer;
      }
    }
    draft.offers = Object.freeze(offers) as Offer[];
  });
}
