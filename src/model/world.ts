/**
 * The world: the small state of a run (models, offers, agents and their accounts) that changes
 * through immer, one phase at a time. The customer population lives apart, in typed arrays.
 */
import type { YearMonth } from '../math/calendar.ts';
import type { Channel } from '../scenario/pricing-strategy.ts';
import type { AgentKind } from '../scenario/schema.ts';
import type { TechnologyIndices } from './technology.ts';

export interface Model {
  readonly index: number;
  readonly name: string;
  /** Agent index of the lab or open-weight provider that trained it. */
  readonly developer: number;
  readonly open: boolean;
  readonly tier: 'flagship' | 'small';
  readonly capability: number;
  /** Negative for models already on the market at the start. */
  readonly releasedTick: number;
  readonly retiresTick: number;
  readonly computeUnitsPerMTok: number;
  /** Training cost still to amortise from the release, USD (0 for models released before). */
  readonly trainingCostUsd: number;
  readonly amortisationMonths: number;
  readonly listPriceUsdPerMTok: number | undefined;
}

export interface Offer {
  readonly index: number;
  /** `seller/model/channel`, or `seller/product`. */
  readonly key: string;
  readonly seller: number;
  readonly channel: Channel;
  /** The model behind it; a product's changes with its upstream supplier. */
  model: number;
  /** A resale of a partner lab's model, priced at the lab's own list price. */
  readonly resale: boolean;
  active: boolean;
  readonly launchedTick: number;
  priceUsdPerMTok: number;
  unitCostUsdPerMTok: number;
  readonly brandUtility: number;
  /** Multiplier on the switching cost of leaving this offer. */
  readonly lockIn: number;
  /** What the seller observed last month. */
  share: number;
  tokensMTok: number;
  lockInUsdPerMTok: number;
  priceSensitivity: number;
}

export interface Accounts {
  revenueUsd: number;
  variableCostUsd: number;
  fixedCostUsd: number;
}

export interface Vintage {
  /** The month it starts serving (ordered `compute.leadMonths` before). */
  readonly tick: number;
  readonly units: number;
  readonly capexUsd: number;
}

export interface AgentState {
  readonly id: string;
  readonly kind: AgentKind;
  readonly index: number;
  /** Model developers: month of the next release, and releases so far. */
  nextReleaseTick: number;
  releases: number;
  /** Hyperscalers: compute units per month in service, the vintages that built them, use. */
  capacityUnits: number;
  vintages: Vintage[];
  computeUnitsUsed: number;
  /** Smoothed compute use (its own and its share of renters') the hyperscaler orders on. */
  forecastUnits: number;
  /** Aggregators and labs with a product: the product offer, and the offer it buys from. */
  productOffer: number;
  upstreamOffer: number;
  month: Accounts;
  cumulative: Accounts;
  /** Cash, USD: the start's, plus every month's cash flow and funding rounds (docs/MODEL.md). */
  cashUsd: number;
  /** Smoothed net cash flow, USD a month; its outflow is the burn that investors look at. */
  cashFlowUsd: number;
  /** Capital raised from outside investors, or paid in by its parent, so far, USD: a transfer, not revenue. */
  raisedUsd: number;
  /** The month it enters the market: as scheduled, or the month after entry paid (Infinity before). */
  entryTick: number;
  /** Month of its last funding round or parent's top-up (-Infinity before any). */
  lastRoundTick: number;
  /**
   * Cash moved in by acquisitions so far, USD: a buyer's the targets' cash less the prices it
   * paid; a sold developer's minus the cash it handed over (docs/MODEL.md, "Exit and acquisition").
   */
  transfersUsd: number;
  /**
   * `exited` when it left the market (its cash ran out with no round, or it had nothing to sell
   * and could not afford a run): its models have left with it; `acquired` when a buyer took it
   * over: its models are the buyer's.
   */
  status: AgentStatus;
}

export const AGENT_STATUSES = ['active', 'exited', 'acquired'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

export interface World {
  readonly tick: number;
  readonly date: YearMonth;
  readonly technology: TechnologyIndices;
  /** Multipliers that events may set (a compute shortage, a switching-cost regulation). */
  readonly computeCostMultiplier: number;
  readonly switchingCostMultiplier: number;
  /** The compute market's month (docs/MODEL.md, "Compute market"). */
  readonly compute: ComputeMonth;
  readonly models: Model[];
  readonly offers: Offer[];
  readonly agents: AgentState[];
}

/**
 * The compute market in a month: the rental that cleared at its start, and what was used. Every
 * compute cost of the month is today's full-cost formula times `rentalRatio`.
 */
export interface ComputeMonth {
  /** r: the rental of a market-rate compute unit (cost factor 1), USD per CU. */
  readonly rentalUsd: number;
  /** c_full: capital at the installed base's cost plus energy, USD per CU (`marketRentalUsd`). */
  readonly fullCostUsd: number;
  /** r / c_full. */
  readonly rentalRatio: number;
  /** K: the hyperscalers' capacity in service, CU a month. */
  readonly capacityUnits: number;
  /** U: compute used, CU a month (last month's until this month is settled). */
  readonly unitsUsed: number;
  /** The owners' smoothed use (the sum of their `forecastUnits`), CU a month. */
  readonly smoothedUnits: number;
  /** The smoothed growth of that, per month, in logs: the growth owners order for. */
  readonly growthPerMonth: number;
}

export const NO_UPSTREAM = -1;

/**
 * A frozen offer: `offer` with `changes` applied. Every offer is built by this one literal, in
 * one property order, so that all offers share one hidden class. (Spreading a frozen offer into
 * a new one left each copy with a slow dictionary shape, and every read of an offer, in every
 * phase, paid for it.)
 */
export function offerWith(offer: Offer, changes: Partial<Offer> = {}): Offer {
  return Object.freeze({
    index: changes.index ?? offer.index,
    key: changes.key ?? offer.key,
    seller: changes.seller ?? offer.seller,
    channel: changes.channel ?? offer.channel,
    model: changes.model ?? offer.model,
    resale: changes.resale ?? offer.resale,
    active: changes.active ?? offer.active,
    launchedTick: changes.launchedTick ?? offer.launchedTick,
    priceUsdPerMTok: changes.priceUsdPerMTok ?? offer.priceUsdPerMTok,
    unitCostUsdPerMTok: changes.unitCostUsdPerMTok ?? offer.unitCostUsdPerMTok,
    brandUtility: changes.brandUtility ?? offer.brandUtility,
    lockIn: changes.lockIn ?? offer.lockIn,
    share: changes.share ?? offer.share,
    tokensMTok: changes.tokensMTok ?? offer.tokensMTok,
    lockInUsdPerMTok: changes.lockInUsdPerMTok ?? offer.lockInUsdPerMTok,
    priceSensitivity: changes.priceSensitivity ?? offer.priceSensitivity,
  });
}

/** An agent before its first month: no releases yet, no capacity, no books. */
export function newAgentState(
  id: string,
  kind: AgentKind,
  index: number,
  nextReleaseTick: number,
  cashUsd = 0,
  entryTick = 0,
): AgentState {
  return {
    id,
    kind,
    index,
    nextReleaseTick,
    releases: 0,
    capacityUnits: 0,
    vintages: [],
    computeUnitsUsed: 0,
    forecastUnits: 0,
    productOffer: NO_UPSTREAM,
    upstreamOffer: NO_UPSTREAM,
    month: emptyAccounts(),
    cumulative: emptyAccounts(),
    cashUsd,
    cashFlowUsd: 0,
    raisedUsd: 0,
    entryTick,
    lastRoundTick: Number.NEGATIVE_INFINITY,
    transfersUsd: 0,
    status: 'active',
  };
}

export function emptyAccounts(): Accounts {
  return { revenueUsd: 0, variableCostUsd: 0, fixedCostUsd: 0 };
}

/*
 * The world's arrays are frozen, and V8 takes a slow path for a frozen array's `filter` and
 * `slice` (about 20 µs, not 2, for the few hundred offers of a late month) and allocates an
 * iterator result per element in `for...of` over one: the phases walk them with indexed loops.
 */

/**
 * A phase's working copy of the offers, to change and then put in the world, frozen, through
 * its draft (`draft.offers = Object.freeze(offers)`): immer's finalisation stops at a frozen
 * array, where it would otherwise visit every offer ever listed.
 */
export function copyOfOffers(world: World): Offer[] {
  const offers = new Array<Offer>(world.offers.length);
  for (let i = 0; i < world.offers.length; i++) offers[i] = world.offers[i]!;
  return offers;
}

/** The offers on sale. */
export function activeOffers(world: World): Offer[] {
  const active: Offer[] = [];
  for (let i = 0; i < world.offers.length; i++) {
    const offer = world.offers[i]!;
    if (offer.active) active.push(offer);
  }
  return active;
}

/** The token offers on sale (API and cloud; not products). */
export function activeTokenOffers(world: World): Offer[] {
  const active: Offer[] = [];
  for (let i = 0; i < world.offers.length; i++) {
    const offer = world.offers[i]!;
    if (offer.active && offer.channel !== 'product') active.push(offer);
  }
  return active;
}
