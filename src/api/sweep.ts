/**
 * A sweep as the library and `aisim sweep` / `aisim merge` / `aisim sensitivity` run it: the
 * runs (execution), then the summaries of a complete folder and the ranking of its inputs
 * (analysis, written by output).
 *
 * @example
 * const report = await runSweep({
 *   file: 'scenarios/sweeps/uncertain-baseline.ts', overrides: {}, design: 'sobol', size: 256,
 *   seed: 1, workers: 2, resume: false, outDir: 'results',
 * });
 * report.folder // results/uncertain-baseline-sweep
 * const { file } = await rankSweepInputs(report.folder, 'operating_margin_lab');
 * file // results/uncertain-baseline-sweep/sensitivity-operating_margin_lab.csv
 */

import { join } from 'node:path';
import { type Condition, parseCondition } from '../analysis/condition.ts';
import {
  conditionNames,
  conditionShare,
  type Discovery,
  discoverBox,
} from '../analysis/discovery.ts';
import { readSweepFolder } from '../analysis/folders/sweep-folder.ts';
import type { PrimOptions } from '../analysis/prim.ts';
import type { SensitivityReport } from '../analysis/sensitivity-report.ts';
import { type SweepSensitivityOptions, sweepSensitivity } from '../analysis/sweep-sensitivity.ts';
import { InputError } from '../errors.ts';
import { type MergeResult, mergeShards } from '../execution/merge-shards.ts';
import { readRunColumns } from '../execution/runs-file.ts';
import { executeSweep, type SweepReport, type SweepRequest } from '../execution/sweep.ts';
import { RUNS_CSV } from '../execution/sweep-manifest.ts';
import {
  type SweepSummaries,
  writeSensitivityCsv,
  writeSweepSummaries,
} from '../output/sweep-summaries.ts';
import { writeDiscovery } from '../output/write-discovery.ts';
import type { ConditionShare } from '../results/discovery-files.ts';

/** A sweep's summaries, and the share of runs where each `where` condition holds. */
export type SweepOutcomes = SweepSummaries & { readonly conditions: readonly ConditionShare[] };

/**
 * Runs a sweep (or its shard) into its folder; a complete folder gets its summaries, and the
 * share of its runs in which each of `where`'s conditions holds (checked before the runs).
 */
export function runSweep(
  request: SweepRequest & { readonly where?: readonly string[] },
): Promise<SweepReport<SweepOutcomes>> {
  const where = request.where ?? [];
  let conditions: Condition[] = [];
  return executeSweep(
    request,
    async (folder, manifest) => ({
      ...(await writeSweepSummaries(folder, manifest)),
      conditions: shareInRuns(folder, conditions),
    }),
    (manifest) => {
      conditions = where.map((text) => parseCondition(text, conditionNames(manifest)));
    },
  );
}

/**
 * The share of a complete sweep's runs in which each condition holds (`aisim sweep --where` on
 * a finished folder), from its runs.csv.
 */
export async function conditionShares(
  folder: string,
  where: readonly string[],
): Promise<ConditionShare[]> {
  const { manifest } = await readSweepFolder(folder);
  const conditions = where.map((text) => parseCondition(text, conditionNames(manifest)));
  return shareInRuns(folder, conditions);
}

function shareInRuns(folder: string, conditions: readonly Condition[]): ConditionShare[] {
  if (conditions.length === 0) return [];
  const names = [...new Set(conditions.flatMap((condition) => condition.names))];
  const { runs, columns } = readRunColumns(join(folder, RUNS_CSV), names);
  const byName = new Map(names.map((name, index) => [name, columns[index]!]));
  return conditions.map((condition) => conditionShare(condition, byName, runs.length));
}

export interface DiscoverRequest {
  /** A complete, whole sweep's folder. */
  readonly folder: string;
  /** The condition, e.g. `operating_margin_openai > 0.2` (analysis/condition.ts). */
  readonly where: string;
  readonly prim?: PrimOptions;
  /** How messages name the folder (the CLI: relative to the working directory). */
  readonly shown?: string;
}

/**
 * Scenario discovery (docs/sweeps.md): the share of a sweep's runs in which `where` holds, and
 * PRIM's box of inputs in which it mostly does, written into the folder as discovery.json,
 * discovery.csv and discovery-box.csv (replacing the last discovery).
 */
export async function discoverScenarios(request: DiscoverRequest): Promise<Discovery> {
  const shown = request.shown ?? request.folder;
  const sweep = await readSweepFolder(request.folder);
  const { manifest } = sweep;
  const condition = parseCondition(request.where, conditionNames(manifest));
  if (manifest.inputs.length === 0)
    throw new InputError(shown, '', 'has no uncertain inputs to find a box in');
  const columns = new Map<string, ArrayLike<number>>([...sweep.outcomes, ...sweep.inputs]);
  const paths = manifest.inputs.map((input) => input.path);
  const discovery = discoverBox(condition, paths, columns, manifest.runs, request.prim);
  if (discovery.record.defined === 0)
    throw new InputError(
      '--where',
      '',
      `is undefined in every run of ${shown} (an outcome it reads has no value in any run)`,
      request.where,
    );
  await writeDiscovery(request.folder, discovery);
  return discovery;
}

/** Merges the complete shards of one sweep into the folder of the sweep run whole. */
export function mergeSweeps(
  folders: readonly string[],
  outDir: string,
  show: (path: string) => string = (path) => path,
): Promise<MergeResult<SweepSummaries>> {
  return mergeShards(folders, outDir, writeSweepSummaries, show);
}

export interface RankedInputs {
  readonly report: SensitivityReport;
  /** `<folder>/sensitivity-<outcome>.csv`. */
  readonly file: string;
}

/**
 * Which uncertain inputs of a complete sweep decide `outcome`: Sobol indices, Morris effects or
 * rank correlations, ranked, written beside the sweep's runs.
 */
export async function rankSweepInputs(
  folder: string,
  outcome: string,
  options: SweepSensitivityOptions = {},
): Promise<RankedInputs> {
  const report = sweepSensitivity(folder, outcome, options);
  return { report, file: await writeSensitivityCsv(folder, report) };
}
