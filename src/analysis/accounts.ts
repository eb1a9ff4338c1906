/**
 * Accounts over a window of months, from a run's rows: what an agent or a kind earned between
 * two dates, its operating margin then, and the surplus shares year by year. These are the
 * measures the thesis is stated in ("the aggregator's margin over 2025-2030 exceeds the lab's").
 */
import type { Window } from '../results/batch-files.ts';
import type { AgentRow, MarketRow, SurplusHolder } from '../results/columns.ts';
import { AGENT_KINDS, type AgentKind } from '../scenario/schema.ts';

export interface WindowAccounts {
  readonly revenueUsd: number;
  readonly variableCostUsd: number;
  readonly fixedCostUsd: number;
  readonly profitUsd: number;
  /** Cumulative profit over cumulative revenue (NaN without revenue). */
  readonly operatingMargin: number;
}

function inWindow(date: string, window: Window): boolean {
  return (
    (window.from === undefined || date >= window.from) &&
    (window.to === undefined || date <= window.to)
  );
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

/**
 * Each kind's and consumers' share of the total surplus of each calendar year: the year's
 * profits (consumer surplus) over the year's total. Years the run covers only partly count the
 * months it covers.
 */
export function surplusSharesByYear(
  market: readonly MarketRow[],
): Map<string, Record<SurplusHolder, number>> {
  const sums = new Map<string, Record<SurplusHolder, number>>();
  for (const row of market) {
    const year = row.date.slice(0, 4);
    const entry =
      sums.get(year) ??
      (Object.fromEntries([...AGENT_KINDS, 'consumers'].map((k) => [k, 0])) as Record<
        SurplusHolder,
        number
      >);
    for (const kind of AGENT_KINDS) entry[kind] += row.surplus[kind];
    entry.consumers += row.consumer_surplus;
    sums.set(year, entry);
  }
  const shares = new Map<string, Record<SurplusHolder, number>>();
  for (const [year, entry] of sums) {
    const all = Object.values(entry).reduce((a, b) => a + b, 0);
    shares.set(
      year,
      Object.fromEntries(
        Object.entries(entry).map(([k, v]) => [k, all !== 0 ? v / all : Number.NaN]),
      ) as Record<SurplusHolder, number>,
    );
  }
  return shares;
}
