/**
 * A batch: several scenarios, each over several seeds, summarised by kind. For every scenario
 * and kind (and consumers, and the scenario's leading lab): cumulative profit, operating margin
 * and share of total surplus over a window of months, each as the mean over seeds with its 95 %
 * confidence interval.
 */
import type { RunResult } from '../engine/simulation.ts';
import { AGENT_KINDS, type AgentKind } from '../scenario/schema.ts';
import {
  agentAccounts,
  kindAccounts,
  leadingLab,
  type Window,
  type WindowAccounts,
} from './accounts.ts';
import { type IntervalEstimate, meanInterval95 } from './statistics.ts';

export type BatchScope = 'kind' | 'leading_lab' | 'consumers' | 'difference';

export interface BatchRow {
  readonly scenario: string;
  readonly scope: BatchScope;
  /** The kind, the leading lab's id, or "consumers". */
  readonly name: string;
  readonly kind: AgentKind | 'consumers';
  readonly seeds: number;
  readonly profitUsd: IntervalEstimate;
  readonly operatingMargin: IntervalEstimate;
  readonly surplusShare: IntervalEstimate;
}

/** Consumers' surplus and each kind's profit over a window, from one run's market rows. */
function surplusOver(result: RunResult, window: Window) {
  const rows = result.market.filter(
    (row) =>
      (window.from === undefined || row.date >= window.from) &&
      (window.to === undefined || row.date <= window.to),
  );
  const consumers = rows.reduce((sum, row) => sum + row.consumer_surplus, 0);
  const producers = rows.reduce(
    (sum, row) => sum + AGENT_KINDS.reduce((kinds, kind) => kinds + row.surplus[kind], 0),
    0,
  );
  return { consumers, total: consumers + producers };
}

export function batchRows(
  scenario: string,
  results: readonly RunResult[],
  window: Window,
): BatchRow[] {
  const present = AGENT_KINDS.filter((kind) => results[0]?.agents.some((row) => row.kind === kind));
  const surplus = results.map((result) => surplusOver(result, window));
  const row = (
    scope: BatchScope,
    name: string,
    kind: AgentKind | 'consumers',
    accounts: (result: RunResult) => WindowAccounts | undefined,
    share: (result: RunResult, index: number) => number,
  ): BatchRow => {
    const books = results.map(accounts);
    return {
      scenario,
      scope,
      name,
      kind,
      seeds: results.length,
      profitUsd: meanInterval95(books.map((b) => b?.profitUsd ?? Number.NaN)),
      operatingMargin: meanInterval95(books.map((b) => b?.operatingMargin ?? Number.NaN)),
      surplusShare: meanInterval95(results.map(share)),
    };
  };
  const rows = present.map((kind) =>
    row(
      'kind',
      kind,
      kind,
      (result) => kindAccounts(result.agents, kind, window),
      (result, index) =>
        kindAccounts(result.agents, kind, window).profitUsd / surplus[index]!.total,
    ),
  );
  const lead = results[0] ? leadingLab(results[0].agents) : undefined;
  if (lead) {
    rows.push(
      row(
        'leading_lab',
        lead,
        'lab',
        (result) => agentAccounts(result.agents, lead, window),
        (result, index) =>
          agentAccounts(result.agents, lead, window).profitUsd / surplus[index]!.total,
      ),
    );
  }
  rows.push(
    row(
      'consumers',
      'consumers',
      'consumers',
      () => undefined,
      (_, index) => surplus[index]!.consumers / surplus[index]!.total,
    ),
  );
  return rows;
}

export const BATCH_COLUMNS = [
  'scenario',
  'scope',
  'name',
  'kind',
  'seeds',
  'profit_mean',
  'profit_low',
  'profit_high',
  'operating_margin_mean',
  'operating_margin_low',
  'operating_margin_high',
  'surplus_share_mean',
  'surplus_share_low',
  'surplus_share_high',
] as const;

export function batchCells(row: BatchRow): (string | number)[] {
  const interval = (value: IntervalEstimate) => [value.estimate, value.low, value.high];
  return [
    row.scenario,
    row.scope,
    row.name,
    row.kind,
    row.seeds,
    ...interval(row.profitUsd),
    ...interval(row.operatingMargin),
    ...interval(row.surplusShare),
  ];
}

/**
 * The paired difference of two kinds' operating margins, seed by seed (common random numbers:
 * both come from the same runs), with its 95 % interval: e.g. aggregator minus lab.
 */
export function marginDifferenceRow(
  scenario: string,
  results: readonly RunResult[],
  minuend: AgentKind,
  subtrahend: AgentKind,
  window: Window,
): BatchRow {
  const surplus = results.map((result) => surplusOver(result, window));
  const difference = (result: RunResult, value: (accounts: WindowAccounts) => number) =>
    value(kindAccounts(result.agents, minuend, window)) -
    value(kindAccounts(result.agents, subtrahend, window));
  return {
    scenario,
    scope: 'difference',
    name: `${minuend}-${subtrahend}`,
    kind: minuend,
    seeds: results.length,
    profitUsd: meanInterval95(results.map((r) => difference(r, (a) => a.profitUsd))),
    operatingMargin: meanInterval95(results.map((r) => difference(r, (a) => a.operatingMargin))),
    surplusShare: meanInterval95(
      results.map((r, i) => difference(r, (a) => a.profitUsd) / surplus[i]!.total),
    ),
  };
}
