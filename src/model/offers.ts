/**
 * Offers: who sells what (docs/MODEL.md, "Offers"). A model opens its offers when it is
 * released: its developer's kind says who sells it (a lab through its API and its partner's
 * cloud; an open-weight provider through its API if it hosts), and an open model is sold by every
 * agent whose kind resells open models. An agent with a product opens its offer once. Offers
 * close when their model retires.
 */

import type { Channel } from '../scenario/pricing-strategy.ts';
import { openModelChannel, ownModelSellers, type ProductSupply } from './agent-kinds.ts';
import { inMarket, type RunContext } from './context.ts';
import type { Model, Offer, World } from './world.ts';
import { offerWith } from './world.ts';

/**
 * The offers on sale that close this month: those whose model has retired (products change
 * model instead), and every offer of a seller that has left the market or of a model whose
 * developer has (docs/MODEL.md, "Exit and acquisition").
 */
export function retiringOffers(world: World, models: readonly Model[]): number[] {
  const retiring: number[] = [];
  for (let o = 0; o < world.offers.length; o++) {
    const offer = world.offers[o]!;
    if (!offer.active) continue;
    if (offer.channel === 'product') {
      if (!inMarket(world, offer.seller)) retiring.push(o);
      continue;
    }
    const model = models[offer.model]!;
    if (
      model.retiresTick <= world.tick ||
      !inMarket(world, offer.seller) ||
      !inMarket(world, model.developer)
    ) {
      retiring.push(o);
    }
  }
  return retiring;
}

/** The offers the month opens, listed after the world's, and the product offers among them. */
export interface OpeningOffers {
  readonly opened: Offer[];
  /** Agent index -> index of its new product offer. */
  readonly productOffers: Map<number, number>;
}

/**
 * The offers that open this month: all models' on the first month, later only the released
 * models'; a seller that enters this month opens offers for every model on the market.
 */
export function openingOffers(
  world: World,
  context: RunContext,
  models: readonly Model[],
  released: readonly Model[],
): OpeningOffers {
  const { tick } = world;
  const opened: Offer[] = [];
  const productOffers = new Map<number, number>();
  const opening = tick === 0 ? models : released;
  const entering = context.agentIds.flatMap((_, index) =>
    tick > 0 && world.agents[index]!.entryTick === tick ? [index] : [],
  );
  listOffers(world, context, opening, opened, productOffers);
  if (entering.length > 0) {
    const onMarket = models.filter((m) => m.releasedTick <= tick && tick < m.retiresTick);
    for (const seller of entering) {
      listOffers(world, context, onMarket, opened, productOffers, seller);
    }
  }
  return { opened, productOffers };
}

/**
 * Lists in `opened` the offers of `models` (they follow the world's offers, in order): those
 * the developer's kind lists, then, for an open model, one by every agent whose kind resells
 * open models, in agent order. An agent with a product opens its offer once (`productOffers`
 * receives them).
 */
function listOffers(
  world: World,
  context: RunContext,
  models: readonly Model[],
  opened: Offer[],
  productOffers: Map<number, number>,
  onlySeller?: number,
): void {
  const nextOffer = () => world.offers.length + opened.length;
  const open = (seller: number, model: Model, channel: Channel, resale = false) => {
    if (!inMarket(world, seller)) return;
    if (onlySeller !== undefined && seller !== onlySeller) return;
    const key = `${context.agentIds[seller]}/${model.name}/${channel}`;
    const developerBrand = context.agentSpecs[model.developer]!.brandUtility;
    const sellerBrand = seller === model.developer ? 0 : context.agentSpecs[seller]!.brandUtility;
    opened.push(
      newOffer(nextOffer(), {
        key,
        seller,
        channel,
        model: model.index,
        resale,
        brandUtility: developerBrand + sellerBrand,
        lockIn: 1,
        launchedTick: model.releasedTick,
        priceUsdPerMTok: model.listPriceUsdPerMTok,
      }),
    );
  };
  for (const model of models) {
    if (model.retiresTick <= world.tick || model.releasedTick > world.tick) continue;
    const developer = context.agentSpecs[model.developer]!;
    for (const { seller, channel, resale } of ownModelSellers(
      developer,
      model.developer,
      context.indexOf,
    )) {
      open(seller, model, channel, resale);
    }
    if (!model.open) continue;
    context.agentSpecs.forEach((spec, seller) => {
      const channel = openModelChannel(spec);
      if (channel) open(seller, model, channel);
    });
  }
  context.products.forEach((product, seller) => {
    if (!product || world.agents[seller]!.productOffer >= 0 || productOffers.has(seller)) return;
    if (!inMarket(world, seller)) return;
    productOffers.set(seller, nextOffer());
    opened.push(
      newOffer(nextOffer(), {
        key: `${context.agentIds[seller]}/product`,
        seller,
        channel: 'product',
        model: -1,
        resale: false,
        brandUtility: product.spec.brandUtility,
        lockIn: product.spec.lockIn,
        launchedTick: world.tick,
        priceUsdPerMTok: product.spec.initialPriceUsdPerMTok,
      }),
    );
  });
}

function newOffer(
  index: number,
  offer: Pick<
    Offer,
    'key' | 'seller' | 'channel' | 'model' | 'resale' | 'brandUtility' | 'lockIn' | 'launchedTick'
  > & { priceUsdPerMTok: number | undefined },
): Offer {
  return offerWith({
    index,
    key: offer.key,
    seller: offer.seller,
    channel: offer.channel,
    model: offer.model,
    resale: offer.resale,
    active: true,
    launchedTick: offer.launchedTick,
    // NaN until the seller prices its launch, unless a list price carries over from the start.
    priceUsdPerMTok: offer.priceUsdPerMTok ?? Number.NaN,
    unitCostUsdPerMTok: 0,
    brandUtility: offer.brandUtility,
    lockIn: offer.lockIn,
    share: 0,
    tokensMTok: 0,
    lockInUsdPerMTok: 0,
    priceSensitivity: Number.NaN,
  });
}

/**
 * The offer a product runs on this month, by where its kind gets its tokens: bought wholesale,
 * the cheapest token offer (at this month's prices) within the tolerance of the most capable
 * one on sale; or its owner's own most capable model. None when no offer qualifies.
 */
export function productUpstream(
  supply: ProductSupply,
  owner: number,
  tokenOffers: readonly Offer[],
  frontier: number,
  capability: (offer: Offer) => number,
  price: (offer: Offer) => number,
): Offer | undefined {
  if (supply.from === 'wholesale') {
    const adequate = frontier - supply.toleranceBelowFrontierPoints;
    return cheapest(
      tokenOffers.filter((o) => capability(o) >= adequate),
      price,
    );
  }
  return mostCapable(
    tokenOffers.filter((o) => o.seller === owner && !o.resale),
    capability,
  );
}

function cheapest(offers: readonly Offer[], price: (offer: Offer) => number): Offer | undefined {
  let best: Offer | undefined;
  for (const offer of offers) if (best === undefined || price(offer) < price(best)) best = offer;
  return best;
}

function mostCapable(offers: readonly Offer[], capability: (offer: Offer) => number) {
  let best: Offer | undefined;
  for (const offer of offers)
    if (best === undefined || capability(offer) > capability(best)) best = offer;
  return best;
}
