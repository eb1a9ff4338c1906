/**
 * What a sweep measures in each run: the outcome columns of runs.csv, each a number read off a
 * run's result.
 *
 * @example
 * const names = outcomeNames(scenario);       // ['profit_lab', ..., 'final_open_gap_pct']
 * const values = outcomeValues(scenario, runScenario(scenario, { seed }));
 */
import { AGENT_KINDS, type AgentKind, type Scenario } from '../scenario/schema.ts';
import type { RunResult } from './run-result.ts';

/** The per-kind measures, cumulated over the run (summary.csv's kind rows). */
export const KIND_MEASURES = ['profit', 'operating_margin', 'surplus_share'] as const;
export type KindMeasure = (typeof KIND_MEASURES)[number];

/** The kinds that have agents in the scenario, in AGENT_KINDS order. */
export function presentKinds(scenario: Scenario): AgentKind[] {
  const kinds = new Set(Object.values(scenario.agents).map((spec) => spec.kind));
  return AGENT_KINDS.filter((kind) => kinds.has(kind));
}

/**
 * The outcome columns, in order: `<measure>_<kind>` for each measure and kind present;
 * `consumer_surplus` (USD) and `surplus_share_consumers`; `final_price_<level>` (USD per MTok,
 * the cheapest offer reaching each reference level in the last month); `final_open_gap_pct`.
 */
export function outcomeNames(scenario: Scenario): string[] {
  const kinds = presentKinds(scenario);
  return [
    ...KIND_MEASURES.flatMap((measure) => kinds.map((kind) => `${measure}_${kind}`)),
    'consumer_surplus',
    'surplus_share_consumers',
    ...Object.keys(scenario.capability.referenceLevels).map((level) => `final_price_${level}`),
    'final_open_gap_pct',
  ];
}

/** One run's outcomes, in the order of `outcomeNames(scenario)`; NaN where undefined. */
export function outcomeValues(scenario: Scenario, result: RunResult): number[] {
  const kinds = presentKinds(scenario);
  const kindRow = new Map(
    result.summary.filter((row) => row.scope === 'kind').map((row) => [row.name, row]),
  );
  const consumers = result.summary.find((row) => row.scope === 'consumers');
  const last = result.market.at(-1);
  return [
    ...KIND_MEASURES.flatMap((measure) =>
      kinds.map((kind) => kindRow.get(kind)?.[measure] ?? Number.NaN),
    ),
    consumers?.surplus ?? Number.NaN,
    consumers?.surplus_share ?? Number.NaN,
    ...Object.keys(scenario.capability.referenceLevels).map(
      (level) => last?.prices[level] ?? Number.NaN,
    ),
    last?.open_gap_pct ?? Number.NaN,
  ];
}
