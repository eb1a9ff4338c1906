/**
 * One run's output folder, exactly as the output contract in docs/MODEL.md says: run.json,
 * market.csv, agents.csv and summary.csv, written atomically into `<out>/<scenario name>/`.
 */

import {
  lineageFields,
  type RunOptionsRecord,
  type SweepRunRecord,
} from '../results/assumptions.ts';
import { writeFolderAtomically } from '../results/atomic.ts';
import { AGENT_TABLE, marketTable, SUMMARY_TABLE } from '../results/columns.ts';
import { tableCsv } from '../results/csv.ts';
import type { RunResult } from '../results/run-result.ts';
import { functionLabel, type ScenarioLineage } from '../scenario/differences.ts';
import { titleOverHorizon } from '../scenario/overrides.ts';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.ts';

export interface RunMetadata {
  /** The scenario file as the user named it (relative to the working directory). */
  readonly file: string;
  /** The run options the user gave (default: none). */
  readonly options?: RunOptionsRecord;
  /** For a sweep's run run again alone: its index and sampled inputs. */
  readonly sweepRun?: SweepRunRecord;
  /** The scenario the run's scenario extends, and how it differs from it. */
  readonly lineage?: ScenarioLineage;
}

/** The run's files, by name. */
export async function runFiles(
  result: RunResult,
  metadata: RunMetadata,
): Promise<Record<string, string>> {
  const levels = Object.keys(result.scenario.capability.referenceLevels);
  return {
    'run.json': runJson(result, metadata),
    'market.csv': await tableCsv(marketTable(levels), result.market),
    'agents.csv': await tableCsv(AGENT_TABLE, result.agents),
    'summary.csv': await tableCsv(SUMMARY_TABLE, result.summary),
  };
}

/** Writes the run's folder atomically; returns its path. */
export async function writeRun(
  outDir: string,
  result: RunResult,
  metadata: RunMetadata,
): Promise<string> {
  return writeFolderAtomically(outDir, result.scenario.name, await runFiles(result, metadata));
}

/**
 * run.json: what was run, so that it can be run again, and what it assumed (the run options
 * given, the differences from the scenario extended). No clock, no machine paths. The title
 * names the months actually run.
 */
export function runJson(result: RunResult, metadata: RunMetadata): string {
  const { scenario } = result;
  const document = {
    scenario: scenario.name,
    title:
      scenario.title === undefined
        ? undefined
        : titleOverHorizon(scenario.title, scenario.start, scenario.end),
    question: scenario.question,
    file: metadata.file,
    seed: result.seed,
    package: PACKAGE_NAME,
    version: PACKAGE_VERSION,
    start: scenario.start,
    end: scenario.end,
    months: result.market.length,
    customers: scenario.customers,
    options: metadata.options ?? { settings: [] },
    ...(metadata.sweepRun === undefined ? {} : { sweepRun: metadata.sweepRun }),
    ...lineageFields(metadata.lineage),
    parameters: scenario,
  };
  return `${JSON.stringify(document, describeFunctions, 2)}\n`;
}

/** A custom pricing strategy is code: run.json names it. */
function describeFunctions(_key: string, value: unknown): unknown {
  return typeof value === 'function' ? functionLabel(value) : value;
}
