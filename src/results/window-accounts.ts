/**
 * Accounts over a window of months, read off a run's rows: what an agent or a kind earned
 * between two dates, its operating margin then, the surplus of the window, and which lab leads.
 * The batch's measures and a sweep's outcomes are both these, so both come from here.
 */
import { InputError } from '../errors.ts';
import { AGENT_KINDS, type AgentKind } from '../scenario/schema.ts';
import type { Window } from './batch-files.ts';
import type { AgentRow, MarketRow } from './columns.ts';

export interface WindowAccounts {
  readonly revenueUsd: number;
  readonly variableCostUsd: number;
  readonly fixedCostUsd: number;
  readonly profitUsd: number;
  /** Cumulative profit over cumulative revenue (NaN without revenue). */
  readonly operatingMargin: number;
}

/** Whether a month (YYYY-MM) lies in the window, both ends included. */
export function inWindow(date: string, window: Window): boolean {
  return (
    (window.from === undefined || date >= window.from) &&
    (window.to === undefined || date <= window.to)
  );
}

/** Whether the window is the whole run (no end set). */
export function isWholeRun(window: Window): boolean {
  return window.from === undefined && window.to === undefined;
}

function total(rows: readonly AgentRow[]): WindowAccounts {
  let revenueUsd = 0;
  let variableCostUsd = 0;
  let fixedCostUsd = 0;
  for (const row of rows) {
    revenueUsd += row.revenue;
    variableCostUsd += row.variable_cost;
    fixedCostUsd += row.fixed_cost;
  }
  const profitUsd = revenueUsd - variableCostUsd - fixedCostUsd;
  return {
    revenueUsd,
    variableCostUsd,
    fixedCostUsd,
    profitUsd,
    operatingMargin: revenueUsd > 0 ? profitUsd / revenueUsd : Number.NaN,
  };
}

/** Cumulative accounts of one agent over the window. */
export function agentAccounts(rows: readonly AgentRow[], agent: string, window: Window = {}) {
  return total(rows.filter((row) => row.agent === agent && inWindow(row.date, window)));
}

/** Cumulative accounts of every agent of a kind over the window. */
export function kindAccounts(rows: readonly AgentRow[], kind: AgentKind, window: Window = {}) {
  return total(rows.filter((row) => row.kind === kind && inWindow(row.date, window)));
}

/**
 * The leading lab: the lab with the largest share of customers' tokens in the first month (the
 * incumbent the essay's "pure-play lab" stands for). Undefined when no lab sells anything then.
 */
export function leadingLab(rows: readonly AgentRow[]): string | undefined {
  const first = rows.length > 0 ? rows[0]!.tick : 0;
  let best: AgentRow | undefined;
  for (const row of rows) {
    if (row.tick !== first || row.kind !== 'lab' || !(row.token_share > 0)) continue;
    if (best === undefined || row.token_share > best.token_share) best = row;
  }
  return best?.agent;
}

/** Consumers' surplus over the window, and the total: theirs plus every kind's profit. */
export function surplusOver(
  market: readonly MarketRow[],
  window: Window,
): { readonly consumers: number; readonly total: number } {
  const rows = market.filter((row) => inWindow(row.date, window));
  const consumers = rows.reduce((sum, row) => sum + row.consumer_surplus, 0);
  const producers = rows.reduce(
    (sum, row) => sum + AGENT_KINDS.reduce((kinds, kind) => kinds + row.surplus[kind], 0),
    0,
  );
  return { consumers, total: consumers + producers };
}

/**
 * Checks a window against a run's months, start to end: its first month not after its last,
 * and some month of the run inside it; an InputError naming `--from` or `--to` otherwise.
 */
export function checkWindow(window: Window, start: string, end: string): void {
  const { from, to } = window;
  if (from !== undefined && to !== undefined && from > to)
    throw new InputError('--from', '', `is after --to (${to})`, from);
  if (from !== undefined && from > end)
    throw new InputError('--from', '', `is after the scenario's last month (${end})`, from);
  if (to !== undefined && to < start)
    throw new InputError('--to', '', `is before the scenario's first month (${start})`, to);
}
