/**
 * Phase 7: recording. One market row and one row per agent each month, and the cumulated
 * summary at the end: where the surplus went. `checkLastMonth` holds the month just recorded to
 * the physical bounds (model/physical-bounds.ts).
 */

import { FRESH_ARRAYS, type TypedArrays } from '../../math/arena.ts';
import { fleetUtilisation, spotShare } from '../../model/capacity.ts';
import type { ChoiceMarket } from '../../model/choice.ts';
import { inMarket, type RunContext } from '../../model/context.ts';
import { checkPhysicalBounds, type RecordedQuantity } from '../../model/physical-bounds.ts';
import type { MonthVolumes } from '../../model/volumes.ts';
import { type Accounts, activeTokenOffers, type Offer, type World } from '../../model/world.ts';
import type { AgentRow, MarketRow, SummaryRow } from '../../results/columns.ts';
import {
  AGENT_KINDS,
  type AgentKind,
  type Scenario,
  SEGMENTS,
  type Segment,
} from '../../scenario/schema.ts';
import type { MonthAccounts } from './settle-accounts.ts';

export interface Recording {
  readonly market: MarketRow[];
  readonly agents: AgentRow[];
  /** Cumulative consumer surplus net of switching costs, USD, and tokens per agent, MTok. */
  consumerSurplusUsd: number;
  readonly agentTokensMTok: Float64Array;
}

export function createRecording(agents: number): Recording {
  return {
    market: [],
    agents: [],
    consumerSurplusUsd: 0,
    agentTokensMTok: new Float64Array(agents),
  };
}

export function record(
  recording: Recording,
  world: World,
  context: RunContext,
  market: ChoiceMarket,
  volumes: MonthVolumes,
  accounts: MonthAccounts,
  arrays: TypedArrays = FRESH_ARRAYS,
): void {
  const { ledger, servedMTok } = accounts;
  const agentCount = world.agents.length;
  const retailBySeller = arrays.float64(agentCount);
  const customersBySeller = arrays.float64(agentCount);
  let tokens = 0;
  let openTokens = 0;
  // Enterprises' spend on API and cloud offers by model developer (Menlo Ventures' market share).
  const enterprise = SEGMENTS.indexOf('enterprise');
  const enterpriseByDeveloper = arrays.float64(agentCount);
  let enterpriseApiSpend = 0;
  // Model-API spend (Menlo Ventures' measure, businesses' spend on model APIs): the developer
  // and enterprise segments' tokens from API and cloud offers, and the tokens apps buy upstream
  // to serve their users, at the offer's price; consumers' purchases are not a business's.
  const developer = SEGMENTS.indexOf('developer');
  let apiSpend = 0;
  for (let k = 0; k < market.slots; k++) {
    const offer = world.offers[market.offerOf[k]!]!;
    const volume = volumes.tokensMTok[k]!;
    if (offer.channel !== 'product') {
      const enterpriseTokens = volumes.segmentTokensMTok[enterprise * market.slots + k]!;
      const upstream = servedMTok[offer.index]! - volume;
      const business = volumes.segmentTokensMTok[developer * market.slots + k]! + enterpriseTokens;
      apiSpend += (business + upstream) * offer.priceUsdPerMTok;
      const family = world.models[offer.model]!.developer;
      const enterpriseSpend = enterpriseTokens * offer.priceUsdPerMTok;
      enterpriseByDeveloper[family] = enterpriseByDeveloper[family]! + enterpriseSpend;
      enterpriseApiSpend += enterpriseSpend;
    }
    tokens += volume;
    retailBySeller[offer.seller] = retailBySeller[offer.seller]! + volume;
    customersBySeller[offer.seller] = customersBySeller[offer.seller]! + volumes.customers[k]!;
    if (world.models[offer.model]!.open) openTokens += volume;
  }

  let closedBest = Number.NEGATIVE_INFINITY;
  let openBest = Number.NEGATIVE_INFINITY;
  for (let m = 0; m < world.models.length; m++) {
    const model = world.models[m]!;
    if (model.releasedTick > world.tick || model.retiresTick <= world.tick) continue;
    if (model.open) openBest = Math.max(openBest, model.capability);
    else closedBest = Math.max(closedBest, model.capability);
  }
  const frontier = Math.max(closedBest, openBest);
  const tokenOffers = activeTokenOffers(world);
  const cheapestAt = (level: number) =>
    tokenOffers.reduce(
      (best, offer) =>
        world.models[offer.model]!.capability >= level
          ? Math.min(best, offer.priceUsdPerMTok)
          : best,
      Number.POSITIVE_INFINITY,
    );
  const levels = context.scenario.capability.referenceLevels;

  const surplus = Object.fromEntries(AGENT_KINDS.map((kind) => [kind, 0])) as Record<
    AgentKind,
    number
  >;
  for (let a = 0; a < agentCount; a++) surplus[world.agents[a]!.kind] += ledger.profitUsd(a);
  const consumerSurplus = volumes.grossConsumerSurplusUsd - volumes.switchingCostsUsd;
  recording.consumerSurplusUsd += consumerSurplus;

  recording.market.push({
    tick: world.tick,
    date: world.date,
    frontier_capability: finiteOrNaN(frontier),
    open_capability: finiteOrNaN(openBest),
    open_gap_pct: finiteOrNaN(((closedBest - openBest) / closedBest) * 100),
    prices: Object.fromEntries(
      Object.entries(levels).map(([name, level]) => [name, finiteOrNaN(cheapestAt(level))]),
    ),
    frontier_price: finiteOrNaN(cheapestAt(frontier)),
    tokens,
    spend: ledger.spendUsd,
    hhi:
      tokens > 0
        ? retailBySeller.reduce((sum, t) => sum + (t / tokens) ** 2, 0) * 10_000
        : Number.NaN,
    open_weight_token_share: tokens > 0 ? openTokens / tokens : Number.NaN,
    consumer_surplus: consumerSurplus,
    menu_price_index: Object.fromEntries(
      SEGMENTS.map((segment, s) => [segment, volumes.segmentPriceIndexUsdPerMTok[s]!]),
    ) as Record<Segment, number>,
    surplus,
    switches: volumes.switches,
    buyers: volumes.buyers,
    resource_cost: ledger.resourceCostUsd,
    api_spend: apiSpend,
    enterprise_buyers: volumes.enterpriseVendors.buyers,
    enterprise_three_families: volumes.enterpriseVendors.threeFamilies,
    enterprise_vendor_stayed_12m: volumes.enterpriseVendors.stayed,
    enterprise_vendor_switched_12m: volumes.enterpriseVendors.switched,
    active_labs: activeLabs(world),
    compute_price: world.compute.rentalUsd / context.scenario.compute.acceleratorHoursPerUnit,
    utilisation: fleetUtilisation(world.compute),
    spot_share: spotShare(world.compute),
  });

  const servedBySeller = arrays.float64(agentCount);
  for (let o = 0; o < world.offers.length; o++) {
    const offer = world.offers[o]!;
    servedBySeller[offer.seller] = servedBySeller[offer.seller]! + servedMTok[offer.index]!;
  }
  const headlines = headlineOffers(world, agentCount);
  const bestCapabilities = bestOwnCapabilities(world, arrays.float64(agentCount));
  for (let a = 0; a < agentCount; a++) {
    const agent = world.agents[a]!;
    const headline = headlines[a];
    const served = servedBySeller[a]!;
    recording.agentTokensMTok[a] = recording.agentTokensMTok[a]! + served;
    recording.agents.push({
      tick: world.tick,
      date: world.date,
      agent: agent.id,
      kind: agent.kind,
      price: headline?.priceUsdPerMTok ?? Number.NaN,
      capability: headline
        ? world.models[headline.model]!.capability
        : finiteOrNaN(bestCapabilities[a]!),
      tokens: served,
      ...accountColumns(agent.month),
      token_share: tokens > 0 ? retailBySeller[a]! / tokens : Number.NaN,
      customers: customersBySeller[a]!,
      enterprise_api_share:
        enterpriseApiSpend > 0 ? enterpriseByDeveloper[a]! / enterpriseApiSpend : Number.NaN,
      cash_usd: agent.cashUsd,
      status: agent.status,
    });
  }
}

/** Labs that have entered and are still in the market at the month's end. */
function activeLabs(world: World): number {
  let count = 0;
  for (let a = 0; a < world.agents.length; a++) {
    if (world.agents[a]!.kind === 'lab' && inMarket(world, a)) count += 1;
  }
  return count;
}

/**
 * Throws a PhysicalBoundsError when the month just recorded holds money that is not finite or
 * beyond the physical bounds: its numbers, and those of every month after, would mean nothing.
 */
export function checkLastMonth(recording: Recording, scenario: Scenario): void {
  const market = recording.market.at(-1);
  if (market === undefined) return;
  const agents = recording.agentTokensMTok.length;
  const rows = recording.agents.slice(recording.agents.length - agents);
  checkPhysicalBounds(scenario, market.date, recordedQuantities(market, rows));
}

/**
 * The quantities of one month's rows that physical bounds apply to: every flow of money, and
 * tokens, which need only be finite. (Prices, capabilities and shares are NaN by design when
 * there is nothing to measure.)
 */
export function recordedQuantities(
  market: MarketRow,
  agents: readonly AgentRow[],
): RecordedQuantity[] {
  const usd = (name: string, value: number): RecordedQuantity => ({
    name,
    value,
    bound: 'usdPerMonth',
  });
  return [
    usd('market spend', market.spend),
    usd('consumer surplus', market.consumer_surplus),
    usd('resource cost', market.resource_cost),
    ...Object.entries(market.surplus).map(([kind, value]) => usd(`${kind} profit`, value)),
    { name: 'tokens', value: market.tokens },
    ...agents.flatMap((row) => [
      usd(`${row.agent}'s revenue`, row.revenue),
      usd(`${row.agent}'s variable cost`, row.variable_cost),
      usd(`${row.agent}'s fixed cost`, row.fixed_cost),
      usd(`${row.agent}'s profit`, row.profit),
      { name: `${row.agent}'s tokens`, value: row.tokens },
    ]),
  ];
}

/** The summary rows: each agent, each kind present, and consumers, cumulated. */
export function summarize(recording: Recording, world: World): SummaryRow[] {
  const producerSurplus = world.agents.reduce((sum, agent) => sum + profitOf(agent.cumulative), 0);
  const total = producerSurplus + recording.consumerSurplusUsd;
  const share = (value: number) => (total !== 0 ? value / total : Number.NaN);
  const rows: SummaryRow[] = world.agents.map((agent) => ({
    scope: 'agent',
    name: agent.id,
    kind: agent.kind,
    ...accountColumns(agent.cumulative),
    surplus_share: share(profitOf(agent.cumulative)),
    surplus: profitOf(agent.cumulative),
    tokens: recording.agentTokensMTok[agent.index]!,
  }));
  for (const kind of AGENT_KINDS) {
    const members = world.agents.filter((agent) => agent.kind === kind);
    if (members.length === 0) continue;
    const accounts = {
      revenueUsd: sumOf(members, (a) => a.cumulative.revenueUsd),
      variableCostUsd: sumOf(members, (a) => a.cumulative.variableCostUsd),
      fixedCostUsd: sumOf(members, (a) => a.cumulative.fixedCostUsd),
    };
    rows.push({
      scope: 'kind',
      name: kind,
      kind,
      ...accountColumns(accounts),
      surplus_share: share(profitOf(accounts)),
      surplus: profitOf(accounts),
      tokens: sumOf(members, (a) => recording.agentTokensMTok[a.index]!),
    });
  }
  rows.push({
    scope: 'consumers',
    name: 'consumers',
    kind: 'consumers',
    revenue: Number.NaN,
    variable_cost: Number.NaN,
    fixed_cost: Number.NaN,
    profit: Number.NaN,
    gross_margin: Number.NaN,
    operating_margin: Number.NaN,
    surplus_share: share(recording.consumerSurplusUsd),
    surplus: recording.consumerSurplusUsd,
    tokens: Number.NaN,
  });
  return rows;
}

function accountColumns(accounts: Accounts) {
  const { revenueUsd, variableCostUsd, fixedCostUsd } = accounts;
  const profit = profitOf(accounts);
  return {
    revenue: revenueUsd,
    variable_cost: variableCostUsd,
    fixed_cost: fixedCostUsd,
    profit,
    gross_margin: revenueUsd > 0 ? (revenueUsd - variableCostUsd) / revenueUsd : Number.NaN,
    operating_margin: revenueUsd > 0 ? profit / revenueUsd : Number.NaN,
  };
}

function profitOf(accounts: Accounts): number {
  return accounts.revenueUsd - accounts.variableCostUsd - accounts.fixedCostUsd;
}

function sumOf<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((sum, item) => sum + value(item), 0);
}

function finiteOrNaN(value: number): number {
  return Number.isFinite(value) ? value : Number.NaN;
}

/** Each agent's most capable token offer (cheapest among equals), else its product. */
function headlineOffers(world: World, agents: number): (Offer | undefined)[] {
  const best: (Offer | undefined)[] = new Array(agents).fill(undefined);
  const rank = (offer: Offer) => (offer.channel === 'product' ? 0 : 1);
  for (let o = 0; o < world.offers.length; o++) {
    const offer = world.offers[o]!;
    if (!offer.active) continue;
    const current = best[offer.seller];
    if (current === undefined || better(world, offer, current, rank)) best[offer.seller] = offer;
  }
  return best;
}

function better(world: World, offer: Offer, than: Offer, rank: (offer: Offer) => number): boolean {
  if (rank(offer) !== rank(than)) return rank(offer) > rank(than);
  const capability = world.models[offer.model]!.capability;
  const incumbent = world.models[than.model]!.capability;
  if (capability !== incumbent) return capability > incumbent;
  return offer.priceUsdPerMTok < than.priceUsdPerMTok;
}

/** Writes into `best` each developer's most capable model on the market (-Infinity for others). */
function bestOwnCapabilities(world: World, best: Float64Array): Float64Array {
  best.fill(Number.NEGATIVE_INFINITY);
  for (let m = 0; m < world.models.length; m++) {
    const model = world.models[m]!;
    if (model.releasedTick > world.tick || model.retiresTick <= world.tick) continue;
    best[model.developer] = Math.max(best[model.developer]!, model.capability);
  }
  return best;
}
