/**
 * Exit and acquisition (docs/MODEL.md, "Exit and acquisition"): a model developer that leaves the
 * market this month, and whether a hyperscaler buys it. A developer on cash leaves when its cash
 * is below zero after the month's round, or when it will have no model on the market next month
 * and cannot afford a run. A buyer takes it over when its live models are worth more than its
 * debts: its partner hyperscaler, else the hyperscaler with the most cash. The buyer takes its
 * cash (or pays its debts), pays its investors the rest of the models' worth, and sells the
 * models from then on; the price is a transfer, outside the ledger.
 */
import { inMarket, type RunContext } from './context.ts';
import { budgetInputs, trainingBudgetUsd } from './finance.ts';
import type { Ledger } from './ledger.ts';
import type { AgentStatus, Model, Offer, World } from './world.ts';
import { offerWith } from './world.ts';

/** A developer taken over this month. */
export interface Acquisition {
  readonly target: number;
  readonly buyer: number;
  /** What the buyer pays the target's investors, USD (beyond taking its cash or debts). */
  readonly priceUsd: number;
}

/**
 * What a developer's live models are worth to a buyer, USD: the month's gross profit (revenue
 * less variable cost) for the months its newest model has left on the market after this one.
 *
 * @example
 * modelsWorthUsd(1e8, 6); // 6e8
 */
export function modelsWorthUsd(grossProfitUsdPerMonth: number, monthsLeft: number): number {
  return Math.max(0, grossProfitUsdPerMonth) * Math.max(0, monthsLeft);
}

/**
 * Whether a buyer takes a leaving developer over, and at what price: when its models are worth
 * more than its debts (`worth + cash > 0`), the buyer pays `worth` in all, taking the cash (or
 * paying the debts) and paying the investors `worth + cash`; null when nobody would buy.
 *
 * @example
 * salePriceUsd(6e8, -2e8); // 4e8: the investors get what is left after the debts
 * salePriceUsd(1e8, -2e8); // null: the debts are larger than the models' worth
 */
export function salePriceUsd(worthUsd: number, cashUsd: number): number | null {
  if (!(worthUsd > 0) || worthUsd + cashUsd <= 0) return null;
  return worthUsd + cashUsd;
}

/** Months the developer's newest live model has left after this month (-1 for none next month). */
function monthsLeftOnMarket(world: World, developer: number): number {
  let left = -1;
  for (const model of world.models) {
    if (model.developer !== developer || model.releasedTick > world.tick) continue;
    left = Math.max(left, model.retiresTick - world.tick - 1);
  }
  return left;
}

/**
 * Whether a developer on cash with no model on the market can afford a run with `cashUsd` (with
 * none on the market, any run is worth training: `runWorthTraining`): by the budget rule, on the
 * month's gross profit. A parent-funded developer counts the cash its parent will bring it up to.
 */
function affordsRun(
  world: World,
  context: RunContext,
  developer: number,
  cashUsd: number,
  grossProfitUsdPerMonth: number,
): boolean {
  const spec = context.developers[developer]!;
  const cash = spec.parentFunding
    ? Math.max(cashUsd, spec.parentFunding.lossToleranceUsdPerYear)
    : cashUsd;
  const inputs = budgetInputs(world, context, developer, cash, grossProfitUsdPerMonth);
  return trainingBudgetUsd(spec, inputs) > 0;
}

/**
 * Whether a developer on cash leaves the market at the end of this month: its cash (after the
 * month's round) is below zero, or it will have no model on the market next month and cannot
 * afford a run. A developer funded by neither rounds nor a parent never leaves.
 */
export function leavesMarket(
  world: World,
  context: RunContext,
  developer: number,
  cashUsd: number,
  ledger: Ledger,
): boolean {
  const spec = context.developers[developer];
  if (!spec || !inMarket(world, developer)) return false;
  if (spec.finance && cashUsd < 0) return true;
  if (!spec.finance && !spec.parentFunding) return false;
  if (monthsLeftOnMarket(world, developer) >= 1) return false;
  const grossProfit = ledger.revenueUsd[developer]! - ledger.variableCostUsd[developer]!;
  return !affordsRun(world, context, developer, cashUsd, grossProfit);
}

/**
 * Who buys a leaving developer: its partner hyperscaler when it has one in the market, else the
 * hyperscaler in the market with the most cash (hyperscalers' parents can pay; their cash here
 * is only their cloud's). -1 for none.
 */
export function buyerOf(world: World, context: RunContext, developer: number): number {
  const partner = context.revenueShares[developer]?.partner;
  if (partner !== undefined && partner >= 0 && inMarket(world, partner)) return partner;
  let buyer = -1;
  for (const h of context.hyperscalers) {
    if (!inMarket(world, h)) continue;
    if (buyer < 0 || world.agents[h]!.cashUsd > world.agents[buyer]!.cashUsd) buyer = h;
  }
  return buyer;
}

/** The sale of a leaving developer, or null when it exits. */
export function acquisitionOf(
  world: World,
  context: RunContext,
  developer: number,
  cashUsd: number,
  ledger: Ledger,
): Acquisition | null {
  const grossProfit = ledger.revenueUsd[developer]! - ledger.variableCostUsd[developer]!;
  const worth = modelsWorthUsd(grossProfit, monthsLeftOnMarket(world, developer));
  const priceUsd = salePriceUsd(worth, cashUsd);
  if (priceUsd === null) return null;
  const buyer = buyerOf(world, context, developer);
  return buyer < 0 ? null : { target: developer, buyer, priceUsd };
}

/**
 * The models and offers after `deal`: the target's models become the buyer's, and so do its
 * direct token offers; the buyer's resales of them become its own direct offers (it no longer
 * pays anyone for them). Its product closes with it.
 */
export function transferOwnership(
  models: readonly Model[],
  offers: readonly Offer[],
  deal: Acquisition,
): { models: Model[]; offers: Offer[] } {
  const { target, buyer } = deal;
  const owned = new Set<number>();
  const nextModels = models.map((model) => {
    if (model.developer !== target) return model;
    owned.add(model.index);
    return Object.freeze({ ...model, developer: buyer });
  });
  const nextOffers = offers.map((offer) => {
    if (offer.channel === 'product' || !owned.has(offer.model)) return offer;
    if (offer.seller === target) return offerWith(offer, { seller: buyer });
    if (offer.seller === buyer && offer.resale) return offerWith(offer, { resale: false });
    return offer;
  });
  return { models: nextModels, offers: nextOffers };
}

/** The month's departures: who leaves, and how. */
export interface Departures {
  /** Each leaving developer's status from next month. */
  readonly status: Map<number, AgentStatus>;
  /** The month's sales, in agent order of their targets. */
  readonly sales: Acquisition[];
}

/**
 * The developers that leave the market at the end of this month, given each agent's cash after
 * the month's cash flow and round: each is sold (`acquired`) when a buyer takes it, else exits.
 */
export function departures(
  world: World,
  context: RunContext,
  ledger: Ledger,
  cashUsd: readonly number[],
): Departures {
  const status = new Map<number, AgentStatus>();
  const sales: Acquisition[] = [];
  for (let a = 0; a < world.agents.length; a++) {
    if (!leavesMarket(world, context, a, cashUsd[a]!, ledger)) continue;
    const sale = acquisitionOf(world, context, a, cashUsd[a]!, ledger);
    status.set(a, sale ? 'acquired' : 'exited');
    if (sale) sales.push(sale);
  }
  return { status, sales };
}
