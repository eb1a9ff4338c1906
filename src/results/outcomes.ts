/**
 * What a sweep measures in each run: the outcome columns of runs.csv, each declared once with
 * its name, its unit and how it is read off a run's result. The names, the values, and the unit
 * by which the terminal and the report show an outcome all come from OUTCOMES.
 *
 * @example
 * const names = outcomeNames(scenario);       // ['profit_lab', ..., 'final_open_gap_pct']
 * const values = outcomeValues(scenario, runScenario(scenario, { seed }));
 * outcomeUnit('final_price_gpt4');            // 'usd_per_mtok'
 */
import { AGENT_KINDS, type AgentKind, type Scenario } from '../scenario/schema.ts';
import type { MarketRow, SummaryRow, SurplusHolder } from './columns.ts';
import type { RunResult } from './run-result.ts';
import type { Unit } from './table.ts';

/** The per-kind measures, cumulated over the run (summary.csv's kind rows). */
export const KIND_MEASURES = ['profit', 'operating_margin', 'surplus_share'] as const;
export type KindMeasure = (typeof KIND_MEASURES)[number];

/** Each measure's unit: profit in USD, a margin and a share as fractions. */
export const MEASURE_UNITS: Readonly<Record<KindMeasure, Unit>> = {
  profit: 'usd',
  operating_margin: 'share',
  surplus_share: 'share',
};

/** The kinds that have agents in the scenario, in AGENT_KINDS order. */
export function presentKinds(scenario: Scenario): AgentKind[] {
  const kinds = new Set(Object.values(scenario.agents).map((spec) => spec.kind));
  return AGENT_KINDS.filter((kind) => kinds.has(kind));
}

/** What an outcome is read from: the run's kind and consumers rows of summary.csv, its last month. */
interface RunEnd {
  readonly kinds: ReadonlyMap<string, SummaryRow>;
  readonly consumers: SummaryRow | undefined;
  readonly last: MarketRow | undefined;
}

/**
 * A family of outcome columns: one column, or one for each kind present (`<kind>` in its name)
 * or each reference level (`<level>`).
 */
interface OutcomeFamily {
  readonly name: string;
  readonly unit: Unit;
  /** The measure it is of a holder, for a holder's outcome (`profit_<kind>`, `consumer_surplus`). */
  readonly measure?: KindMeasure;
  /** The value in a run, for the kind or level in the name; NaN where undefined. */
  readonly value: (run: RunEnd, part: string) => number;
}

/**
 * runs.csv's outcomes, in order: each measure of each kind present, cumulated over the run;
 * consumers' surplus (USD, where a kind has its profit: consumers have no profit, nor a margin)
 * and their share; the cheapest offer reaching each reference level in the last month; the open
 * gap in the last month.
 */
const OUTCOMES: readonly OutcomeFamily[] = [
  ...KIND_MEASURES.map(
    (measure): OutcomeFamily => ({
      name: `${measure}_<kind>`,
      unit: MEASURE_UNITS[measure],
      measure,
      value: (run, kind) => run.kinds.get(kind)?.[measure] ?? Number.NaN,
    }),
  ),
  {
    name: 'consumer_surplus',
    unit: MEASURE_UNITS.profit,
    measure: 'profit',
    value: (run) => run.consumers?.surplus ?? Number.NaN,
  },
  {
    name: 'surplus_share_consumers',
    unit: MEASURE_UNITS.surplus_share,
    measure: 'surplus_share',
    value: (run) => run.consumers?.surplus_share ?? Number.NaN,
  },
  {
    name: 'final_price_<level>',
    unit: 'usd_per_mtok',
    value: (run, level) => run.last?.prices[level] ?? Number.NaN,
  },
  {
    name: 'final_open_gap_pct',
    unit: 'percent',
    value: (run) => run.last?.open_gap_pct ?? Number.NaN,
  },
];

const KIND = '<kind>';
const LEVEL = '<level>';

/** One outcome column of a scenario's sweep: its name, its unit and its value in a run. */
export interface Outcome {
  readonly name: string;
  readonly unit: Unit;
  readonly value: (result: RunResult) => number;
}

/** The scenario's outcome columns, in runs.csv's order. */
export function outcomeColumns(scenario: Scenario): Outcome[] {
  return columnsOf(scenario).map(({ name, family, part }) => ({
    name,
    unit: family.unit,
    value: (result) => family.value(runEnd(result), part),
  }));
}

export function outcomeNames(scenario: Scenario): string[] {
  return columnsOf(scenario).map(({ name }) => name);
}

/** One run's outcomes, in the order of `outcomeNames(scenario)`; NaN where undefined. */
export function outcomeValues(scenario: Scenario, result: RunResult): number[] {
  const run = runEnd(result);
  return columnsOf(scenario).map(({ family, part }) => family.value(run, part));
}

/** Each family's columns in a scenario: one per kind present, or per reference level, or one. */
function columnsOf(scenario: Scenario) {
  const kinds = presentKinds(scenario);
  const levels = Object.keys(scenario.capability.referenceLevels);
  return OUTCOMES.flatMap((family) => {
    const [placeholder, parts] = family.name.includes(KIND)
      ? [KIND, kinds]
      : family.name.includes(LEVEL)
        ? [LEVEL, levels]
        : ['', ['']];
    return parts.map((part) => ({
      name: placeholder === '' ? family.name : family.name.replace(placeholder, part),
      family,
      part,
    }));
  });
}

function runEnd(result: RunResult): RunEnd {
  return {
    kinds: new Map(
      result.summary.filter((row) => row.scope === 'kind').map((row) => [row.name, row]),
    ),
    consumers: result.summary.find((row) => row.scope === 'consumers'),
    last: result.market.at(-1),
  };
}

/** Each family's name as a pattern: a kind, or any level, where the name has one. */
const PATTERNS = OUTCOMES.map((family) => ({
  family,
  pattern: new RegExp(
    `^${family.name
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(KIND, `(?:${AGENT_KINDS.join('|')})`)
      .replace(LEVEL, '.+')}$`,
  ),
}));

/** An outcome's unit, from the family that names it; undefined for a name no family gives. */
export function outcomeUnit(name: string): Unit | undefined {
  return PATTERNS.find(({ pattern }) => pattern.test(name))?.family.unit;
}

/**
 * The outcome that holds a holder's measure: `<measure>_<kind>` for a kind; for consumers their
 * surplus where a kind has its profit, and their share; undefined for consumers' margin, which
 * they have none of.
 */
export function holderOutcome(measure: KindMeasure, holder: SurplusHolder): string | undefined {
  const family = OUTCOMES.find(
    (candidate) =>
      candidate.measure === measure && candidate.name.includes(KIND) === (holder !== 'consumers'),
  );
  return family?.name.replace(KIND, holder);
}
