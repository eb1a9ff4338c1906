/**
 * Quotes: the prices sellers set this month (docs/MODEL.md, phase 3). Each token offer's seller
 * prices it by its strategy (`pricing.ts`) against its marginal cost, all at once against last
 * month's observations (Bertrand moves are simultaneous); a partner's resale of a lab's model
 * carries the lab's price; a product then takes its upstream offer by its owner's kind
 * (`offers.ts`) at the new prices and is priced against that cost. A `price-cut` event scales
 * its seller's prices that month. What sellers observe of last month is updated in phase 6
 * (`observedShare`).
 */

import { showValue } from '../errors.ts';
import { FRESH_ARRAYS, type TypedArrays } from '../math/arena.ts';
import type { Uniform } from '../math/random.ts';
import { PricingError } from '../scenario/pricing-error.ts';
import type { PricingStrategy, PricingView } from '../scenario/pricing-strategy.ts';
import type { ChoiceMarket, ChoiceTally } from './choice.ts';
import type { RunContext } from './context.ts';
import { eventsAt } from './events.ts';
import { productUpstream } from './offers.ts';
import { PRICE_FLOOR_USD_PER_MTOK } from './pricing.ts';
import { computeSources, marginalCostUsdPerMTok } from './serving.ts';
import type { MonthVolumes } from './volumes.ts';
import { activeTokenOffers, copyOfOffers, type Offer, offerWith, type World } from './world.ts';

/** A new price, and the unit cost it was set against. */
export interface Quote {
  readonly priceUsdPerMTok: number;
  readonly unitCostUsdPerMTok: number;
}

/** A product's supplier this month and its quote (none without a supplier on sale). */
export interface ProductPlan {
  readonly agent: number;
  readonly upstream: Offer | undefined;
  readonly quote: Quote | undefined;
}

export interface MonthQuotes {
  /** World offer index -> its new quote, for every token offer on sale. */
  readonly quotes: Map<number, Quote>;
  /** One per agent with a product offer. */
  readonly products: ProductPlan[];
}

/** Every seller's prices this month: token offers, resales, then products. */
export function monthQuotes(
  world: World,
  context: RunContext,
  uniform: Uniform,
  arrays: TypedArrays = FRESH_ARRAYS,
): MonthQuotes {
  const tokenOffers = activeTokenOffers(world);
  const capability = (offer: Offer) => world.models[offer.model]!.capability;
  const frontier = tokenOffers.reduce((best, o) => Math.max(best, capability(o)), -Infinity);
  const quotes = new Map<number, Quote>();
  const sources = computeSources(context, world);
  // A scheduled price cut scales the seller's prices this month; its strategy goes on from there.
  const cut = arrays.float64(world.agents.length).fill(1);
  for (const event of eventsAt(context.events, world.tick, 'price-cut')) {
    const agent = context.indexOf.get(event.agent)!;
    cut[agent] = cut[agent]! * event.factor;
  }

  for (const offer of tokenOffers) {
    if (offer.resale) continue;
    const cost = marginalCostUsdPerMTok(context, sources, world, offer);
    const quoted = quote(world, context, tokenOffers, offer, cost, frontier, uniform);
    quotes.set(offer.index, {
      priceUsdPerMTok: quoted.priceUsdPerMTok * cut[offer.seller]!,
      unitCostUsdPerMTok: quoted.unitCostUsdPerMTok,
    });
  }
  // A closed model has one direct offer, its developer's API; resales carry its price.
  const directOffer = new Map(tokenOffers.filter((o) => !o.resale).map((o) => [o.model, o.index]));
  for (const offer of tokenOffers) {
    if (offer.resale) quotes.set(offer.index, quotes.get(directOffer.get(offer.model)!)!);
  }
  const newPrice = (offer: Offer) => quotes.get(offer.index)!.priceUsdPerMTok;

  const products: ProductPlan[] = [];
  for (let a = 0; a < world.agents.length; a++) {
    const agent = world.agents[a]!;
    if (agent.productOffer < 0) continue;
    const supply = context.products[agent.index]!.supply;
    const product = world.offers[agent.productOffer]!;
    const upstream = productUpstream(
      supply,
      agent.index,
      tokenOffers,
      frontier,
      capability,
      newPrice,
    );
    // The product as it would run on `upstream`'s model (built by offerWith, so that it has
    // an offer's hidden class: a spread copy of a frozen offer would not).
    const priced = upstream && offerWith(product, { model: upstream.model });
    // Its unit cost: the wholesale price it pays, or its own cost of serving that model.
    let cost = 0;
    if (upstream) {
      cost =
        supply.from === 'wholesale'
          ? newPrice(upstream)
          : marginalCostUsdPerMTok(context, sources, world, priced!);
    }
    const quoted = priced && quote(world, context, tokenOffers, priced, cost, frontier, uniform);
    products.push({
      agent: agent.index,
      upstream,
      quote: quoted && {
        priceUsdPerMTok: quoted.priceUsdPerMTok * cut[agent.index]!,
        unitCostUsdPerMTok: quoted.unitCostUsdPerMTok,
      },
    });
  }
  return { quotes, products };
}

/** Asks the seller's strategy for a price, from what the seller observes. */
export function quote(
  world: World,
  context: RunContext,
  tokenOffers: readonly Offer[],
  offer: Offer,
  unitCost: number,
  frontier: number,
  uniform: Uniform,
): Quote {
  const capability = world.models[offer.model]!.capability;
  const isLaunch = Number.isNaN(offer.priceUsdPerMTok);
  const strategy: PricingStrategy =
    offer.channel === 'product'
      ? context.productPricing[offer.seller]!
      : context.pricing[offer.seller]!;
  const seller = context.agentIds[offer.seller]!;
  const view: PricingView = {
    tick: world.tick,
    date: world.date,
    seller: { id: seller, kind: context.agentSpecs[offer.seller]!.kind },
    offer: {
      id: offer.key,
      channel: offer.channel,
      capability,
      priceUsdPerMTok: isLaunch ? launchPriceUsdPerMTok(unitCost) : offer.priceUsdPerMTok,
      unitCostUsdPerMTok: unitCost,
      ageMonths: world.tick - offer.launchedTick,
      isLaunch,
      share: isLaunch ? launchShare(tokenOffers, offer) : offer.share,
      tokensMTok: offer.tokensMTok,
      lockInUsdPerMTok: offer.lockInUsdPerMTok,
    },
    market: new MarketView(
      Number.isNaN(offer.priceSensitivity) ? context.meanPriceSensitivity : offer.priceSensitivity,
      context.scenario.demand.priceElasticity,
      frontier,
      () => rivalPrices(world, tokenOffers, offer, capability),
    ),
    random: uniform,
  };
  let price: number;
  try {
    price = strategy(view);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const firstLine = message.split('\n').find((line) => line.trim() !== '') ?? message;
    throw strategyFailure(context, offer, `threw for ${offer.key} in ${world.date}: ${firstLine}`, {
      cause: error,
    });
  }
  if (typeof price !== 'number' || !Number.isFinite(price) || price < 0) {
    throw strategyFailure(
      context,
      offer,
      `expected a price of 0 or more USD per million tokens for ${offer.key} in ${world.date}`,
      { value: price },
    );
  }
  return {
    priceUsdPerMTok: Math.max(PRICE_FLOOR_USD_PER_MTOK, price),
    unitCostUsdPerMTok: unitCost,
  };
}

/**
 * What a seller sees of its market. Rival prices are listed only if a strategy asks (the
 * built-in ones do not), through a getter on the class: an object literal with a getter would
 * be built on V8's slow path for every quote.
 */
class MarketView {
  private rivals: readonly number[] | undefined;

  constructor(
    readonly priceSensitivity: number,
    readonly priceElasticity: number,
    readonly frontierCapability: number,
    private readonly listRivals: () => readonly number[],
  ) {}

  get rivalPricesUsdPerMTok(): readonly number[] {
    this.rivals ??= this.listRivals();
    return this.rivals;
  }
}

/** Last month's prices of other sellers' offers at least as capable as this one. */
export function rivalPrices(
  world: World,
  tokenOffers: readonly Offer[],
  offer: Offer,
  capability: number,
) {
  const prices: number[] = [];
  for (const other of tokenOffers) {
    if (other.seller !== offer.seller && world.models[other.model]!.capability >= capability) {
      prices.push(other.priceUsdPerMTok);
    }
  }
  return prices;
}

/**
 * The price a new offer's strategy starts from, before it has one: twice its unit cost. (A
 * launch jumps to the strategy's target, so only a strategy that reads the current price sees it.)
 */
export function launchPriceUsdPerMTok(unitCostUsdPerMTok: number): number {
  return 2 * unitCostUsdPerMTok;
}

/** A new offer expects the share its seller's other offers in the channel hold. */
export function launchShare(tokenOffers: readonly Offer[], offer: Offer): number {
  let share = 0;
  for (const other of tokenOffers) {
    if (other.seller === offer.seller && other.channel === offer.channel) {
      share = Math.max(share, other.share);
    }
  }
  return share;
}

/**
 * The error for a strategy that failed on `offer`: a PricingError when the strategy is the
 * scenario's own function; a built-in strategy that fails is a bug, and keeps its stack.
 */
function strategyFailure(
  context: RunContext,
  offer: Offer,
  problem: string,
  detail: { value?: unknown; cause?: unknown },
): Error {
  const ofProduct = offer.channel === 'product';
  const product = context.products[offer.seller];
  const pricing =
    ofProduct && product ? product.spec.pricing : context.agentSpecs[offer.seller]!.pricing;
  const field = `agents.${context.agentIds[offer.seller]}.${ofProduct ? 'product.pricing' : 'pricing'}`;
  if (typeof pricing !== 'function') {
    const got = 'value' in detail ? ` (got ${showValue(detail.value)})` : '';
    return new Error(`${field}: the ${pricing.strategy} strategy ${problem}${got}`, {
      cause: detail.cause,
    });
  }
  return new PricingError(context.scenario, field, problem, detail.value, { cause: detail.cause });
}

/**
 * What sellers will observe next month (volumes, logit shares, lock-in, price sensitivity): the
 * list of offers with each offer on sale rebuilt by `offerWith`.
 */
export function observedOffers(
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
export function observedShare(previous: number, tokens: number, probabilityTokens: number): number {
  if (tokens <= 0) return previous;
  const estimate = probabilityTokens / tokens;
  return previous === 0 ? estimate : previous + SHARE_SMOOTHING * (estimate - previous);
}
