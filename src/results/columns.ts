/**
 * The output contract: the columns of market.csv, agents.csv and summary.csv, in order. Column
 * names are stable API (users' notebooks read them): add columns, rename none. Units are in
 * README's "Output columns".
 */
import { AGENT_KINDS, type AgentKind } from '../scenario/schema.ts';

/** One row of market.csv: the market in one month. NaN is written as an empty cell. */
export interface MarketRow {
  tick: number;
  date: string;
  frontier_capability: number;
  open_capability: number;
  open_gap_pct: number;
  /** `price_<level>`: cheapest offer reaching each reference level, USD per million tokens. */
  prices: Record<string, number>;
  frontier_price: number;
  tokens: number;
  spend: number;
  hhi: number;
  open_weight_token_share: number;
  consumer_surplus: number;
  /** `surplus_<kind>`: total profit of each producer kind this month, USD. */
  surplus: Record<AgentKind, number>;
  switches: number;
  buyers: number;
  resource_cost: number;
}

export function marketColumns(referenceLevels: readonly string[]): string[] {
  return [
    'tick',
    'date',
    'frontier_capability',
    'open_capability',
    'open_gap_pct',
    ...referenceLevels.map((level) => `price_${level}`),
    'frontier_price',
    'tokens',
    'spend',
    'hhi',
    'open_weight_token_share',
    'consumer_surplus',
    ...AGENT_KINDS.map((kind) => `surplus_${kind}`),
    'switches',
    'buyers',
    'resource_cost',
  ];
}

export function marketCells(row: MarketRow, referenceLevels: readonly string[]): Cell[] {
  return [
    row.tick,
    row.date,
    row.frontier_capability,
    row.open_capability,
    row.open_gap_pct,
    ...referenceLevels.map((level) => row.prices[level]!),
    row.frontier_price,
    row.tokens,
    row.spend,
    row.hhi,
    row.open_weight_token_share,
    row.consumer_surplus,
    ...AGENT_KINDS.map((kind) => row.surplus[kind]),
    row.switches,
    row.buyers,
    row.resource_cost,
  ];
}

/** One row of agents.csv: one agent in one month. */
export interface AgentRow {
  tick: number;
  date: string;
  agent: string;
  kind: AgentKind;
  price: number;
  capability: number;
  tokens: number;
  revenue: number;
  variable_cost: number;
  fixed_cost: number;
  profit: number;
  gross_margin: number;
  operating_margin: number;
  token_share: number;
  customers: number;
  /** Share of enterprises' spend on API and cloud offers that goes to this agent's models. */
  enterprise_api_share: number;
}

export const AGENT_COLUMNS = [
  'tick',
  'date',
  'agent',
  'kind',
  'price',
  'capability',
  'tokens',
  'revenue',
  'variable_cost',
  'fixed_cost',
  'profit',
  'gross_margin',
  'operating_margin',
  'token_share',
  'customers',
  'enterprise_api_share',
] as const satisfies readonly (keyof AgentRow)[];

/** One row of summary.csv: an agent, a kind, or consumers, cumulated over the horizon. */
export interface SummaryRow {
  scope: 'agent' | 'kind' | 'consumers';
  name: string;
  kind: AgentKind | 'consumers';
  revenue: number;
  variable_cost: number;
  fixed_cost: number;
  profit: number;
  gross_margin: number;
  operating_margin: number;
  surplus_share: number;
  /** Profit for producers, consumer surplus for consumers, USD. */
  surplus: number;
  tokens: number;
}

export const SUMMARY_COLUMNS = [
  'scope',
  'name',
  'kind',
  'revenue',
  'variable_cost',
  'fixed_cost',
  'profit',
  'gross_margin',
  'operating_margin',
  'surplus_share',
  'surplus',
  'tokens',
] as const satisfies readonly (keyof SummaryRow)[];

export type Cell = number | string;
