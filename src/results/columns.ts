/**
 * A run's files: the rows and columns of market.csv, agents.csv and summary.csv, in order.
 * Column names are stable API (users' notebooks read them): add columns, rename none. Units are
 * in README's "Output files".
 */
import { AGENT_STATUSES, type AgentStatus } from '../model/world.ts';
import { AGENT_KINDS, type AgentKind, SEGMENTS, type Segment } from '../scenario/schema.ts';
import {
  type Cell,
  type Column,
  column,
  columnNames,
  field,
  fieldNames,
  rowCells,
  type Table,
} from './table.ts';

// market.csv's cells as the engine's tests check them.
export type { Cell };

/** Who keeps a share of the surplus: a kind of producer, or consumers. */
export type SurplusHolder = AgentKind | 'consumers';

/** The kinds a summary row (summary.csv, batch.csv) is of: each kind of producer, then consumers. */
export const SUMMARY_KINDS: readonly SurplusHolder[] = [...AGENT_KINDS, 'consumers'];

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
  /** Over the outside option, net of switching costs paid, USD (docs/MODEL.md, phase 7). */
  consumer_surplus: number;
  /**
   * `menu_price_index_<segment>`: the price index P = exp(-IV / alpha) of the menus the
   * segment's buyers face, weighted by the composite tokens they buy, USD per million tokens.
   */
  menu_price_index: Record<Segment, number>;
  /** `surplus_<kind>`: total profit of each producer kind this month, USD. */
  surplus: Record<AgentKind, number>;
  switches: number;
  buyers: number;
  resource_cost: number;
  /**
   * Businesses' spend on model APIs, USD: the developer and enterprise segments' on API and cloud
   * offers, and apps' upstream purchases of tokens (not consumers', not products').
   */
  api_spend: number;
  /** Real enterprises that bought anything this month. */
  enterprise_buyers: number;
  /** Of those, the ones whose workloads bought from three or more model families. */
  enterprise_three_families: number;
  /**
   * Real enterprises with a primary vendor (the seller with the most of their spend over the
   * trailing 12 months) both this month and 12 months before: the same one, or another.
   */
  enterprise_vendor_stayed_12m: number;
  enterprise_vendor_switched_12m: number;
  /** Labs in the market at the end of the month: entered, not exited nor acquired. */
  active_labs: number;
  /** The month's compute rental, USD per H100-class accelerator-hour. */
  compute_price: number;
  /** Capacity in use over the hyperscalers' capacity in service, at most 1 (empty without capacity). */
  utilisation: number;
  /** Share of the month's compute use bought at spot beyond the capacity in service (empty when none used). */
  spot_share: number;
}

/** market.csv's columns for a scenario's reference levels, in the scenario's order. */
export function marketTable(referenceLevels: readonly string[]): Table<MarketRow> {
  return [
    field('tick', 'ordinal', { required: true }),
    field('date', 'month', { required: true }),
    field('frontier_capability', 'points'),
    field('open_capability', 'points'),
    field('open_gap_pct', 'percent'),
    ...referenceLevels.map(
      (level): Column<MarketRow> => column(`price_${level}`, 'usd_per_mtok', ['prices', level]),
    ),
    field('frontier_price', 'usd_per_mtok'),
    field('tokens', 'mtok'),
    field('spend', 'usd'),
    field('hhi', 'hhi'),
    field('open_weight_token_share', 'share'),
    field('consumer_surplus', 'usd'),
    ...AGENT_KINDS.map(
      (kind): Column<MarketRow> => column(`surplus_${kind}`, 'usd', ['surplus', kind]),
    ),
    field('switches', 'count'),
    field('buyers', 'count'),
    field('resource_cost', 'usd'),
    ...SEGMENTS.map(
      (segment): Column<MarketRow> =>
        column(`menu_price_index_${segment}`, 'usd_per_mtok', ['menu_price_index', segment]),
    ),
    field('api_spend', 'usd'),
    field('enterprise_buyers', 'count'),
    field('enterprise_three_families', 'count'),
    field('enterprise_vendor_stayed_12m', 'count'),
    field('enterprise_vendor_switched_12m', 'count'),
    field('active_labs', 'count'),
    field('compute_price', 'usd_per_accelerator_hour'),
    field('utilisation', 'share'),
    field('spot_share', 'share'),
  ];
}

/** The reference level a market.csv column prices, for a `price_<level>` column. */
export function pricedLevel(name: string): string | undefined {
  return /^price_(.+)$/.exec(name)?.[1];
}

/** market.csv's header for a scenario's reference levels. */
export function marketColumns(referenceLevels: readonly string[]): string[] {
  return columnNames(marketTable(referenceLevels));
}

/** A market.csv row's cells, in marketColumns' order. */
export function marketCells(
  row: MarketRow,
  referenceLevels: readonly string[],
): (Cell | undefined)[] {
  return rowCells(marketTable(referenceLevels), row);
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
  /** Cash at the end of the month, USD: cash flow and funding rounds so far (docs/MODEL.md). */
  cash_usd: number;
  /** `active`, or `exited` once its cash ran out with no round (`acquired`: taken over). */
  status: AgentStatus;
}

export const AGENT_TABLE: Table<AgentRow> = [
  field('tick', 'ordinal', { required: true }),
  field('date', 'month', { required: true }),
  field('agent', 'text', { required: true }),
  field('kind', 'text', { required: true, values: AGENT_KINDS }),
  field('price', 'usd_per_mtok'),
  field('capability', 'points'),
  field('tokens', 'mtok'),
  field('revenue', 'usd'),
  field('variable_cost', 'usd'),
  field('fixed_cost', 'usd'),
  field('profit', 'usd'),
  field('gross_margin', 'share'),
  field('operating_margin', 'share'),
  field('token_share', 'share'),
  field('customers', 'count'),
  field('enterprise_api_share', 'share'),
  field('cash_usd', 'usd'),
  field('status', 'text', { required: true, values: AGENT_STATUSES }),
];

/** agents.csv's header. */
export const AGENT_COLUMNS = fieldNames(AGENT_TABLE);

/** One row of summary.csv: an agent, a kind, or consumers, cumulated over the horizon. */
export interface SummaryRow {
  scope: 'agent' | 'kind' | 'consumers';
  name: string;
  kind: SurplusHolder;
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

export const SUMMARY_TABLE: Table<SummaryRow> = [
  field('scope', 'text', { required: true, values: ['agent', 'kind', 'consumers'] }),
  field('name', 'text', { required: true }),
  field('kind', 'text', { required: true, values: SUMMARY_KINDS }),
  field('revenue', 'usd'),
  field('variable_cost', 'usd'),
  field('fixed_cost', 'usd'),
  field('profit', 'usd'),
  field('gross_margin', 'share'),
  field('operating_margin', 'share'),
  field('surplus_share', 'share'),
  field('surplus', 'usd'),
  field('tokens', 'mtok'),
];

/** summary.csv's header. */
export const SUMMARY_COLUMNS = fieldNames(SUMMARY_TABLE);
