/**
 * Phase 6: accounting. Every flow is a payment in the month's ledger (`model/ledger.ts`): retail
 * spend, aggregators' wholesale purchases and fixed costs (`model/accounts.ts`), revenue shares
 * and compute (`model/serving.ts`), the compute market's settlement: the owners' datacenters,
 * rent, depreciation paid to the chip vendor and capacity orders (`model/capacity.ts`). Cash,
 * funding rounds follow from the books (`model/finance.ts`), then exits and acquisitions
 * (`model/acquisition.ts`), and potential entrants decide whether to enter (`model/entry.ts`). The phase puts the month's books, cash, the
 * capacity plans and what sellers observe (`model/quotes.ts`) in the world.
 */

import { FRESH_ARRAYS, type TypedArrays } from '../../math/arena.ts';
import { payFixedCosts, payRetail } from '../../model/accounts.ts';
import { departures, transferOwnership } from '../../model/acquisition.ts';
import { settleCompute } from '../../model/capacity.ts';
import type { ChoiceMarket, ChoiceTally } from '../../model/choice.ts';
import type { RunContext } from '../../model/context.ts';
import { entrantsThisMonth } from '../../model/entry.ts';
import { settleFinance } from '../../model/finance.ts';
import { Ledger } from '../../model/ledger.ts';
import { observedOffers } from '../../model/quotes.ts';
import { payServing } from '../../model/serving.ts';
import type { MonthVolumes } from '../../model/volumes.ts';
import type { AgentState, Model, Offer, World } from '../../model/world.ts';
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
  const use = {
    ownUnits: arrays.float64(world.agents.length),
    rentedUnits: arrays.float64(world.agents.length),
    rentedUsd: arrays.float64(world.agents.length),
  };
  payRetail(ledger, served, world, context, market, volumes);
  payServing(ledger, use, served, world, context, market);
  const { plans, compute } = settleCompute(ledger, world, context, use);
  payFixedCosts(ledger, world, context);
  const finance = settleFinance(world, context, ledger);
  const leaving = departures(
    world,
    context,
    ledger,
    finance.map((update) => update.cashUsd),
  );
  const entering = entrantsThisMonth(world, context, ledger);

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
        computeUnitsUsed: use.ownUnits[a]!,
        ...(plans[a] ?? {}),
        cashUsd: finance[a]!.cashUsd,
        cashFlowUsd: finance[a]!.cashFlowUsd,
        raisedUsd: finance[a]!.raisedUsd,
        lastRoundTick: finance[a]!.lastRoundTick,
        status: leaving.status.get(a) ?? agent.status,
      });
    }
    // A sold developer's cash (or debts) goes to its buyer, which also pays its investors the
    // price: transfers, outside the ledger.
    for (const sale of leaving.sales) {
      const target = agents[sale.target]!;
      const buyer = agents[sale.buyer]!;
      agents[sale.buyer] = Object.freeze({
        ...buyer,
        cashUsd: buyer.cashUsd + target.cashUsd - sale.priceUsd,
        transfersUsd: buyer.transfersUsd + target.cashUsd - sale.priceUsd,
      });
      agents[sale.target] = Object.freeze({
        ...target,
        cashUsd: 0,
        transfersUsd: target.transfersUsd - target.cashUsd,
      });
    }
    // An entrant enters next month, with a flagship trained on the capital it raised.
    for (const a of entering) {
      agents[a] = Object.freeze({
        ...agents[a]!,
        entryTick: world.tick + 1,
        nextReleaseTick: world.tick + 1,
      });
    }
    draft.agents = Object.freeze(agents) as AgentState[];
    draft.compute = compute;
    let offers = observedOffers(world, market, tally, volumes, served);
    let models: readonly Model[] = world.models;
    for (const sale of leaving.sales) {
      ({ models, offers } = transferOwnership(models, offers, sale));
    }
    if (models !== world.models) draft.models = Object.freeze(models) as Model[];
    draft.offers = Object.freeze(offers) as Offer[];
  });
  return { world: next, accounts: { ledger, servedMTok: served } };
}
