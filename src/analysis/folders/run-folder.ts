/**
 * A run folder as `aisim run` writes it (src/output/write-run.ts): run.json says what was run,
 * market.csv, agents.csv and summary.csv what happened. A folder is a run folder when its
 * run.json carries a seed; everything else is read only once that is known.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../errors.ts';
import {
  type RunOptionsRecord,
  readLineage,
  readRunOptions,
  readSweepRun,
  type SweepRunRecord,
} from '../../results/assumptions.ts';
import {
  AGENT_TABLE,
  type AgentRow,
  type MarketRow,
  marketTable,
  pricedLevel,
  SUMMARY_TABLE,
  type SummaryRow,
} from '../../results/columns.ts';
import { readCsv, readTable, tableRows } from '../../results/csv.ts';
import type { ScenarioLineage } from '../../scenario/differences.ts';

/** What run.json says about the run, as the report's header shows it. */
export interface RunInfo {
  readonly scenario: string;
  readonly title: string;
  readonly question: string;
  readonly seed: number;
  readonly start: string;
  readonly end: string;
  readonly months: number;
  readonly customers: number;
  /**
   * run.json's scenario parameters as JSON text: two runs with the same text ran the same
   * scenario with the same settings, whatever their seeds.
   */
  readonly parametersJson: string;
  /** The run options given; undefined in a run.json written before they were recorded. */
  readonly options?: RunOptionsRecord;
  /** For a sweep's run run again alone: its index and sampled inputs. */
  readonly sweepRun?: SweepRunRecord;
  /** The scenario the run's scenario extends, and how it differs from it. */
  readonly lineage?: ScenarioLineage;
}

export interface RunFolder {
  readonly folder: string;
  readonly info: RunInfo;
  readonly referenceLevels: readonly string[];
  readonly market: readonly MarketRow[];
  readonly agents: readonly AgentRow[];
  readonly summary: readonly SummaryRow[];
  /** Each agent's name as readers know it ("OpenAI"), by id, from run.json's parameters. */
  readonly displayNames: Readonly<Record<string, string>>;
}

/** An agent's name as readers know it: its displayName in run.json, or its id. */
export function agentName(run: RunFolder, agent: string): string {
  return Object.hasOwn(run.displayNames, agent) ? run.displayNames[agent]! : agent;
}

/** True when `folder` holds a run.json with a numeric seed. */
export async function isRunFolder(folder: string): Promise<boolean> {
  return (await readRunJson(folder)) !== undefined;
}

export async function readRunFolder(folder: string): Promise<RunFolder> {
  const document = await readRunJson(folder);
  if (document === undefined)
    throw new InputError(folder, '', 'not a run folder (no run.json with a seed)');
  const [market, agents, summary] = await Promise.all([
    readMarketCsv(join(folder, 'market.csv')),
    readTable(join(folder, 'agents.csv'), AGENT_TABLE),
    readTable(join(folder, 'summary.csv'), SUMMARY_TABLE),
  ]);
  const text = (key: string) => (typeof document[key] === 'string' ? document[key] : '');
  const count = (key: string) => (typeof document[key] === 'number' ? document[key] : Number.NaN);
  return {
    folder,
    info: {
      scenario: text('scenario'),
      title: text('title'),
      question: text('question'),
      seed: count('seed'),
      start: text('start'),
      end: text('end'),
      months: count('months'),
      customers: count('customers'),
      parametersJson: JSON.stringify(document.parameters ?? null),
      ...optional('options', readRunOptions(document.options)),
      ...optional('sweepRun', readSweepRun(document.sweepRun)),
      ...optional('lineage', readLineage(document)),
    },
    referenceLevels: market.referenceLevels,
    market: market.rows,
    agents,
    summary,
    displayNames: displayNames(document.parameters),
  };
}

/** `{ [key]: value }`, or nothing when the value is undefined. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** market.csv's rows, and the reference levels its `price_<level>` columns name. */
async function readMarketCsv(file: string) {
  const csv = await readCsv(file);
  const referenceLevels = csv.headers.flatMap((header) => {
    const level = pricedLevel(header);
    return level === undefined ? [] : [level];
  });
  // Without a reference level no column makes the prices' record: it is empty.
  const rows = tableRows(csv, marketTable(referenceLevels)).map(
    (row): MarketRow => (row.prices === undefined ? { ...row, prices: {} } : row),
  );
  return { referenceLevels, rows };
}

/** `parameters.agents[id].displayName` for each agent that has one. */
function displayNames(parameters: unknown): Record<string, string> {
  const agents = (parameters as { agents?: unknown } | null | undefined)?.agents;
  if (typeof agents !== 'object' || agents === null) return {};
  return Object.fromEntries(
    Object.entries(agents).flatMap(([id, agent]) => {
      const name = (agent as { displayName?: unknown } | null)?.displayName;
      return typeof name === 'string' && name !== '' ? [[id, name]] : [];
    }),
  );
}

/** run.json's fields, or undefined when there is no run.json, it is not JSON, or has no seed. */
async function readRunJson(folder: string): Promise<Record<string, unknown> | undefined> {
  try {
    const document: unknown = JSON.parse(await readFile(join(folder, 'run.json'), 'utf8'));
    if (typeof document !== 'object' || document === null) return undefined;
    const fields = document as Record<string, unknown>;
    return typeof fields.seed === 'number' ? fields : undefined;
  } catch {
    return undefined;
  }
}
