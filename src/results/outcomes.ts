/**
 * What a sweep measures in each run: the outcome columns of runs.csv, each declared once with
 * its name, its unit and how it is read off a run's result over the sweep's window of months.
 * The names, the values, and the unit by which the terminal and the report show an outcome all
 * come from OUTCOMES.
 *
 * @example
 * const names = outcomeNames(scenario);       // ['profit_lab', ..., 'final_open_gap_pct']
 * const values = outcomeValues(scenario, runScenario(scenario, { seed }));
 * outcomeUnit('final_price_gpt4');            // 'usd_per_mtok'
 */
import { InputError } from '../errors.ts';
import { AGENT_KINDS, type AgentKind, type Scenario } from '../scenario/schema.ts';
import type { Window } from './batch-files.ts';
import type { MarketRow, SummaryRow, SurplusHolder } from './columns.ts';
import type { RunResult } from './run-result.ts';
import type { Unit } from './table.ts';
import {
  agentAccounts,
  inWindow,
  isWholeRun,
  kindAccounts,
  leadingLab,
  surplusOver,
  type WindowAccounts,
} from './window-accounts.ts';

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

/** A holder's measures over the window: its profit, operating margin and share of the surplus. */
type HolderMeasures = Readonly<Record<KindMeasure, number>>;

/**
 * What an outcome is read from: each kind's, each agent's and the leading lab's measures over
 * the window, consumers' surplus and share, and the window's last month.
 */
interface RunOver {
  readonly kinds: ReadonlyMap<string, HolderMeasures>;
  readonly agents: ReadonlyMap<string, HolderMeasures>;
  readonly leadingLab: HolderMeasures | undefined;
  readonly consumers: { readonly surplus: number; readonly surplus_share: number } | undefined;
  readonly last: MarketRow | undefined;
}

/** Who a family's columns are of: a kind, consumers, the leading lab, or each agent. */
type OutcomeHolder = 'kind' | 'consumers' | 'leading_lab' | 'agent';

/**
 * A family of outcome columns: one column, or one for each kind present (`<kind>` in its name),
 * each agent (`<agent>`) or each reference level (`<level>`).
 */
interface OutcomeFamily {
  readonly name: string;
  readonly unit: Unit;
  /** The measure it is of a holder, for a holder's outcome (`profit_<kind>`, `consumer_surplus`). */
  readonly measure?: KindMeasure;
  readonly holder?: OutcomeHolder;
  /** The value in a run, for the kind, agent or level in the name; NaN where undefined. */
  readonly value: (run: RunOver, part: string) => number;
}

/** The name the leading lab's columns end in, in place of an agent's id. */
export const LEADING_LAB = 'leading_lab';

/**
 * runs.csv's outcomes, in order: each measure of each kind present, cumulated over the window;
 * consumers' surplus (USD, where a kind has its profit: consumers have no profit, nor a margin)
 * and their share; the cheapest offer reaching each reference level in the window's last month;
 * the open gap then; each measure of the leading lab; each measure of each agent. (The last two
 * came later: added at the end, so that the earlier columns keep their places.)
 */
const OUTCOMES: readonly OutcomeFamily[] = [
  ...KIND_MEASURES.map(
    (measure): OutcomeFamily => ({
      name: `${measure}_<kind>`,
      unit: MEASURE_UNITS[measure],
      measure,
      holder: 'kind',
      value: (run, kind) => run.kinds.get(kind)?.[measure] ?? Number.NaN,
    }),
  ),
  {
    name: 'consumer_surplus',
    unit: MEASURE_UNITS.profit,
    measure: 'profit',
    holder: 'consumers',
    value: (run) => run.consumers?.surplus ?? Number.NaN,
  },
  {
    name: 'surplus_share_consumers',
    unit: MEASURE_UNITS.surplus_share,
    measure: 'surplus_share',
    holder: 'consumers',
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
  ...KIND_MEASURES.map(
    (measure): OutcomeFamily => ({
      name: `${measure}_${LEADING_LAB}`,
      unit: MEASURE_UNITS[measure],
      measure,
      holder: 'leading_lab',
      value: (run) => run.leadingLab?.[measure] ?? Number.NaN,
    }),
  ),
  ...KIND_MEASURES.map(
    (measure): OutcomeFamily => ({
      name: `${measure}_<agent>`,
      unit: MEASURE_UNITS[measure],
      measure,
      holder: 'agent',
      value: (run, agent) => run.agents.get(agent)?.[measure] ?? Number.NaN,
    }),
  ),
];

const KIND = '<kind>';
const AGENT = '<agent>';
const LEVEL = '<level>';

/**
 * Names an agent's columns cannot end in, for a kind's, consumers' and the leading lab's end so:
 * an agent with such an id has `agent_` before it (`profit_agent_host`).
 */
const RESERVED_ENDINGS: readonly string[] = [...AGENT_KINDS, 'consumers', LEADING_LAB];

/** The part of an agent's column names that stands for the agent: its id, unless taken. */
function agentPart(id: string): string {
  return RESERVED_ENDINGS.includes(id) ? `agent_${id}` : id;
}

/** One outcome column of a scenario's sweep: its name, its unit and its value in a run. */
export interface Outcome {
  readonly name: string;
  readonly unit: Unit;
  readonly value: (result: RunResult) => number;
}

/** The scenario's outcome columns, in runs.csv's order, over `window` (default: the whole run). */
export function outcomeColumns(scenario: Scenario, window: Window = {}): Outcome[] {
  return columnsOf(scenario).map(({ name, family, part }) => ({
    name,
    unit: family.unit,
    value: (result) => family.value(runOver(result, window), part),
  }));
}

export function outcomeNames(scenario: Scenario): string[] {
  return columnsOf(scenario).map(({ name }) => name);
}

/**
 * One run's outcomes over `window` (default: the whole run), in the order of
 * `outcomeNames(scenario)`; NaN where undefined.
 */
export function outcomeValues(
  scenario: Scenario,
  result: RunResult,
  window: Window = {},
): number[] {
  const run = runOver(result, window);
  return columnsOf(scenario).map(({ family, part }) => family.value(run, part));
}

/**
 * Each family's columns in a scenario: one per kind present, per agent (its id), per reference
 * level, or one.
 */
function columnsOf(scenario: Scenario) {
  const kinds = presentKinds(scenario);
  const agents = Object.keys(scenario.agents);
  const levels = Object.keys(scenario.capability.referenceLevels);
  const columns = OUTCOMES.flatMap((family) => {
    const [placeholder, parts, shown] = family.name.includes(KIND)
      ? [KIND, kinds, kinds]
      : family.name.includes(AGENT)
        ? [AGENT, agents, agents.map(agentPart)]
        : family.name.includes(LEVEL)
          ? [LEVEL, levels, levels]
          : ['', [''], ['']];
    return parts.map((part, index) => ({
      name: placeholder === '' ? family.name : family.name.replace(placeholder, shown[index]!),
      family,
      part,
    }));
  });
  const seen = new Set<string>();
  for (const { name, family, part } of columns) {
    if (seen.has(name))
      throw new InputError(
        `agents.${part}`,
        '',
        `its ${family.measure ?? 'outcome'} column ${name} would repeat another agent's: rename the agent`,
      );
    seen.add(name);
  }
  return columns;
}

/**
 * A run's measures over the window. Over the whole run they are the run's own cumulated
 * accounts (summary.csv); over a window, its months' agent and market rows summed as a batch
 * sums them (window-accounts.ts).
 */
function runOver(result: RunResult, window: Window): RunOver {
  const lead = leadingLab(result.agents);
  if (isWholeRun(window)) {
    const rows = (scope: SummaryRow['scope']) =>
      new Map(
        result.summary
          .filter((row) => row.scope === scope)
          .map((row): [string, HolderMeasures] => [row.name, row]),
      );
    const agents = rows('agent');
    return {
      kinds: rows('kind'),
      agents,
      leadingLab: lead === undefined ? undefined : agents.get(lead),
      consumers: result.summary.find((row) => row.scope === 'consumers'),
      last: result.market.at(-1),
    };
  }
  const surplus = surplusOver(result.market, window);
  const share = (value: number) => (surplus.total !== 0 ? value / surplus.total : Number.NaN);
  const measures = (accounts: WindowAccounts): HolderMeasures => ({
    profit: accounts.profitUsd,
    operating_margin: accounts.operatingMargin,
    surplus_share: share(accounts.profitUsd),
  });
  const agents = new Map(
    [...new Set(result.agents.map((row) => row.agent))].map((agent) => [
      agent,
      measures(agentAccounts(result.agents, agent, window)),
    ]),
  );
  const months = result.market.filter((row) => inWindow(row.date, window));
  return {
    kinds: new Map(
      AGENT_KINDS.filter((kind) => result.agents.some((row) => row.kind === kind)).map((kind) => [
        kind,
        measures(kindAccounts(result.agents, kind, window)),
      ]),
    ),
    agents,
    leadingLab: lead === undefined ? undefined : agents.get(lead),
    consumers:
      months.length === 0
        ? undefined
        : { surplus: surplus.consumers, surplus_share: share(surplus.consumers) },
    last: months.at(-1),
  };
}

/** Each family's name as a pattern: a kind, or any level, where the name has one. */
const PATTERNS = OUTCOMES.map((family) => ({
  family,
  pattern: new RegExp(
    `^${family.name
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(KIND, `(?:${AGENT_KINDS.join('|')})`)
      .replace(AGENT, `(?!(?:${RESERVED_ENDINGS.join('|')})$)[a-z0-9][a-z0-9_-]*`)
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
      candidate.measure === measure &&
      candidate.holder === (holder === 'consumers' ? 'consumers' : 'kind'),
  );
  return family?.name.replace(KIND, holder);
}
