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
import type { Scenario } from '../scenario/schema.ts';
import type { ChoiceMarket, ChoiceTally } from './choice.ts';
import type { RunContext } from './context.ts';
import { eventsAt } from './events.ts';
import { productUpstream } from './offers.ts';
import type { Population } from './population.ts';
import { PRICE_FLOOR_USD_PER_MTOK } from './pricing.ts';
import { type PricedOffer, sellersDemand } from './pricing-demand.ts';
import { type GameSolution, type PricingGame, solvePricingGame } from './pricing-game.ts';
import {
  type ComputeSource,
  computeSources,
  marginalCostUsdPerMTok,
  revenueShareOf,
  servingCostUsdPerMTok,
} from './serving.ts';
import type { MonthVolumes } from './volumes.ts';
import { activeTokenOffers, copyOfOffers, type Offer, offerWith, type World } from './world.ts';

export interface SolvedGame {
  readonly game: PricingGame;
  readonly solution: GameSolution;
  /** Per decision, the highest price it may take (`MARKUP_CEILING` x marginal cost). */
  readonly ceilingUsdPerMTok: readonly number[];
  /** Per decision, the lowest (its marginal cost). */
  readonly floorUsdPerMTok: readonly number[];
}

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
  /** The pricing games solved this month (token offers, then products), and their solutions. */
  readonly games: readonly SolvedGame[];
  /** One per agent with a product offer. */
  readonly products: ProductPlan[];
}

/** Every seller's prices this month: token offers, resales, then products. */
export function monthQuotes(
  world: World,
  context: RunContext,
  population: Population,
  uniform: Uniform,
  arrays: TypedArrays = FRESH_ARRAYS,
): MonthQuotes {
  const tokenOffers = activeTokenOffers(world);
  const capability = (offer: Offer) => world.models[offer.model]!.capability;
  const frontier = tokenOffers.reduce((best, o) => Math.max(best, capability(o)), -Infinity);
  const quotes = new Map<number, Quote>();
  const games: SolvedGame[] = [];
  const sources = computeSources(context, world);
  // A scheduled price cut scales the seller's prices this month; its strategy goes on from there.
  const cut = arrays.float64(world.agents.length).fill(1);
  for (const event of eventsAt(context.events, world.tick, 'price-cut')) {
    const agent = context.indexOf.get(event.agent)!;
    cut[agent] = cut[agent]! * event.factor;
  }

  // Token offers: by the seller's own strategy, or jointly in the month's equilibrium.
  const joint: Offer[] = [];
  for (const offer of tokenOffers) {
    if (offer.resale) continue;
    if (context.pricing[offer.seller] === null) {
      joint.push(offer);
      continue;
    }
    const cost = marginalCostUsdPerMTok(context, sources, world, offer);
    quotes.set(offer.index, quote(world, context, tokenOffers, offer, cost, frontier, uniform));
  }
  const onSaleProducts = world.offers.filter(
    (o) =>
      o.channel === 'product' &&
      o.active &&
      Number.isFinite(o.priceUsdPerMTok) &&
      world.models[o.model] !== undefined,
  );
  if (joint.length > 0) {
    const jointModels = new Set(joint.map((offer) => offer.model));
    const market = [
      ...tokenOffers.map((offer) =>
        tokenEntry(context, sources, world, offer, jointModels.has(offer.model), quotes),
      ),
      ...onSaleProducts.map((offer) =>
        heldEntry(offer, offer.priceUsdPerMTok, offer.unitCostUsdPerMTok),
      ),
    ];
    for (const [index, quoted] of jointQuotes(
      games,
      world,
      context,
      population,
      market,
      uniform,
      arrays,
    )) {
      quotes.set(index, quoted);
    }
  }
  for (const offer of tokenOffers) {
    if (offer.resale) continue;
    const quoted = quotes.get(offer.index)!;
    quotes.set(offer.index, {
      ...quoted,
      priceUsdPerMTok: quoted.priceUsdPerMTok * cut[offer.seller]!,
    });
  }
  // A closed model has one direct offer, its developer's API; resales carry its price.
  const directOffer = new Map(tokenOffers.filter((o) => !o.resale).map((o) => [o.model, o.index]));
  for (const offer of tokenOffers) {
    if (offer.resale) quotes.set(offer.index, quotes.get(directOffer.get(offer.model)!)!);
  }
  const newPrice = (offer: Offer) => quotes.get(offer.index)!.priceUsdPerMTok;

  // Products: each takes its supplier at the new prices, then is priced against that cost.
  const plans: {
    agent: number;
    upstream: Offer | undefined;
    priced: Offer | undefined;
    cost: number;
  }[] = [];
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
    plans.push({ agent: agent.index, upstream, priced, cost });
  }
  const productQuotes = new Map<number, Quote>();
  const jointProducts: Offer[] = [];
  for (const { agent, priced, cost } of plans) {
    if (!priced) continue;
    if (context.productPricing[agent] === null) {
      jointProducts.push(priced);
      continue;
    }
    productQuotes.set(agent, quote(world, context, tokenOffers, priced, cost, frontier, uniform));
  }
  if (jointProducts.length > 0) {
    const market = [
      ...tokenOffers.map((offer) => tokenEntry(context, sources, world, offer, false, quotes)),
      ...plans.flatMap(({ agent, priced, cost }) => {
        if (!priced) return [];
        const held = productQuotes.get(agent);
        return [
          held
            ? heldEntry(priced, held.priceUsdPerMTok, cost)
            : {
                offer: priced,
                free: true,
                costUsdPerMTok: cost,
                take: 1,
                owner: agent,
                partner: -1,
                partnerTake: 0,
                // Its list price so far (NaN before its first): revised like any other.
                priceUsdPerMTok: priced.priceUsdPerMTok,
              },
        ];
      }),
    ];
    for (const [index, quoted] of jointQuotes(
      games,
      world,
      context,
      population,
      market,
      uniform,
      arrays,
    )) {
      productQuotes.set(world.offers[index]!.seller, quoted);
    }
  }
  const products: ProductPlan[] = plans.map(({ agent, upstream }) => {
    const quoted = productQuotes.get(agent);
    return {
      agent,
      upstream,
      quote: quoted && {
        priceUsdPerMTok: quoted.priceUsdPerMTok * cut[agent]!,
        unitCostUsdPerMTok: quoted.unitCostUsdPerMTok,
      },
    };
  });
  return { quotes, products, games };
}

/**
 * An offer in the month's pricing game: whether its list price is the equilibrium's to set this
 * month (`free`) or held at `priceUsdPerMTok`, and the stakes in it: its owner's take of the
 * revenue and the cost per MTok the owner bears, and a partner's take (docs/MODEL.md, "Prices").
 */
interface GameEntry {
  readonly offer: Offer;
  readonly free: boolean;
  /** The held price, or the current list price a free one starts from (NaN at launch). */
  readonly priceUsdPerMTok: number;
  readonly owner: number;
  readonly take: number;
  readonly costUsdPerMTok: number;
  readonly partner: number;
  readonly partnerTake: number;
}

/** A product whose price is held, at `costUsdPerMTok` to its seller. */
function heldEntry(offer: Offer, priceUsdPerMTok: number, costUsdPerMTok: number): GameEntry {
  return {
    offer,
    free: false,
    priceUsdPerMTok,
    owner: offer.seller,
    take: 1,
    costUsdPerMTok,
    partner: -1,
    partnerTake: 0,
  };
}

/**
 * A token offer's stakes: the developer of a closed model earns (1 - r) p - c on every token of
 * it, sold directly or resold by its partner cloud, which keeps r p; c is its serving cost.
 */
function tokenEntry(
  context: RunContext,
  sources: readonly ComputeSource[],
  world: World,
  offer: Offer,
  free: boolean,
  quotes: ReadonlyMap<number, Quote>,
): GameEntry {
  const model = world.models[offer.model]!;
  const shared = model.open ? null : revenueShareOf(context, model.developer);
  const share = shared?.share ?? 0;
  const owner = offer.resale ? model.developer : offer.seller;
  const partner = offer.resale ? offer.seller : (shared?.partner ?? -1);
  const held = quotes.get(offer.index);
  return {
    offer,
    free,
    priceUsdPerMTok: held ? held.priceUsdPerMTok : offer.priceUsdPerMTok,
    owner,
    take: 1 - share,
    costUsdPerMTok: servingCostUsdPerMTok(sources, world, offer),
    partner: share > 0 ? partner : -1,
    partnerTake: share,
  };
}

/**
 * Where a new list price's search starts: the Lerner price of a single offer with no share,
 * mc (alpha + eta) / (alpha + eta - 1), at the customers' mean price sensitivity (2 mc where
 * that is not elastic enough).
 */
function launchGuessUsdPerMTok(cost: number, context: RunContext): number {
  const elasticity = context.meanPriceSensitivity + context.scenario.demand.priceElasticity;
  return elasticity > 2 ? (cost * elasticity) / (elasticity - 1) : launchPriceUsdPerMTok(cost);
}

/**
 * The highest list price as a multiple of marginal cost: where demand is too inelastic for an
 * interior optimum (alpha (1 - s) + eta <= 1 under logit), the monopoly price is unbounded.
 */
const MARKUP_CEILING = 100;

/**
 * Solves the pricing game over `entries` (docs/MODEL.md, "Prices"): each free offer's list price
 * is one decision of its owner, which a resale of the same model shares; a free decision is
 * revised this month with the scenario's probability (always at launch), else held. Returns the
 * new quote of every free direct offer, by world offer index (for a product being repriced, the
 * index of its offer).
 */
function jointQuotes(
  games: SolvedGame[],
  world: World,
  context: RunContext,
  population: Population,
  entries: readonly GameEntry[],
  uniform: Uniform,
  arrays: TypedArrays,
): Map<number, Quote> {
  const count = entries.length;
  const decisionOf = arrays.int32(count);
  const start: number[] = [];
  const ceiling: number[] = [];
  const floor: number[] = [];
  const setter: number[] = [];
  const heldDecision: number[] = [];
  const members: number[][] = [];
  const decisionOfModel = new Map<number, number>();
  const revision = context.scenario.listPrices.revisionPerMonth;
  // Direct offers (and products) first, so that a resale finds its model's decision.
  entries.forEach((entry, j) => {
    if (entry.offer.resale && entry.free) return;
    const d = start.length;
    decisionOf[j] = d;
    members.push([j]);
    setter.push(entry.owner);
    if (entry.free && entry.offer.channel !== 'product') decisionOfModel.set(entry.offer.model, d);
    const launch = Number.isNaN(entry.priceUsdPerMTok);
    const revised = entry.free && (launch || uniform() < revision);
    heldDecision.push(revised ? 0 : 1);
    const cost = entry.costUsdPerMTok / entry.take;
    ceiling.push(MARKUP_CEILING * Math.max(cost, PRICE_FLOOR_USD_PER_MTOK));
    // Below its marginal cost a price only loses money on every token it sells.
    floor.push(Math.max(cost, PRICE_FLOOR_USD_PER_MTOK));
    // A revised price starts from the markup it had: costs move more than markups.
    const lastCost = entry.offer.unitCostUsdPerMTok;
    start.push(
      launch
        ? launchGuessUsdPerMTok(cost, context)
        : revised && lastCost > 0 && cost > 0
          ? entry.priceUsdPerMTok * (cost / lastCost)
          : entry.priceUsdPerMTok,
    );
  });
  entries.forEach((entry, j) => {
    if (!(entry.offer.resale && entry.free)) return;
    const d = decisionOfModel.get(entry.offer.model)!;
    decisionOf[j] = d;
    members[d]!.push(j);
  });
  // No list price revised this month: every free offer keeps its price, and there is no game.
  if (!heldDecision.includes(0)) {
    const kept = new Map<number, Quote>();
    for (const entry of entries) {
      if (!entry.free || entry.offer.resale) continue;
      kept.set(entry.offer.index, {
        priceUsdPerMTok: entry.priceUsdPerMTok,
        unitCostUsdPerMTok: entry.costUsdPerMTok / entry.take,
      });
    }
    return kept;
  }
  const priced: PricedOffer[] = entries.map(({ offer }) => ({
    offer,
    capability: world.models[offer.model]!.capability,
  }));
  const { demand, volumeCurves } = sellersDemand(
    world,
    context.scenario,
    context.hyperscalers,
    population,
    priced,
    arrays,
  );
  // The stakes per offer (a loop: TypedArray.from with a map function is slow in V8).
  const ownerOf = arrays.int32(count);
  const ownerTake = arrays.float64(count);
  const ownerCostUsdPerMTok = arrays.float64(count);
  const partnerOf = arrays.int32(count);
  const partnerTake = arrays.float64(count);
  for (let j = 0; j < count; j++) {
    const entry = entries[j]!;
    ownerOf[j] = entry.owner;
    ownerTake[j] = entry.take;
    ownerCostUsdPerMTok[j] = entry.costUsdPerMTok;
    partnerOf[j] = entry.partner;
    partnerTake[j] = entry.partnerTake;
  }
  const game: PricingGame = {
    demand,
    volumeCurves,
    decisions: start.length,
    decisionOf,
    setterOf: Int32Array.from(setter),
    held: Uint8Array.from(heldDecision),
    ownerOf,
    ownerTake,
    ownerCostUsdPerMTok,
    partnerOf,
    partnerTake,
    firms: world.agents.length,
  };
  const solution = solvePricingGame(game, start, {
    arrays,
    volumes: false,
    ceilingUsdPerMTok: ceiling,
    floorUsdPerMTok: floor,
  });

  games.push({ game, solution, ceilingUsdPerMTok: ceiling, floorUsdPerMTok: floor });
  const result = new Map<number, Quote>();
  members.forEach(([j], d) => {
    const entry = entries[j!]!;
    if (!entry.free) return;
    result.set(entry.offer.index, {
      priceUsdPerMTok: Math.max(PRICE_FLOOR_USD_PER_MTOK, solution.decisionPricesUsdPerMTok[d]!),
      unitCostUsdPerMTok: entry.costUsdPerMTok / entry.take,
    });
  });
  return result;
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
      volumeElasticity(
        context.scenario.demand,
        isLaunch ? launchPriceUsdPerMTok(unitCost) : offer.priceUsdPerMTok,
      ),
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

/** The elasticity of a customer's volume at price p: eta p / (p + a), a the saturation price. */
export function volumeElasticity(demand: Scenario['demand'], priceUsdPerMTok: number): number {
  const { priceElasticity: eta, saturationPriceUsdPerMTok: a } = demand;
  return a === 0 ? eta : (eta * priceUsdPerMTok) / (priceUsdPerMTok + a);
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
