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
import type { SensitivityReport } from '../analysis/sensitivity-report.ts';
import { type SweepSensitivityOptions, sweepSensitivity } from '../analysis/sweep-sensitivity.ts';
import { type MergeResult, mergeShards } from '../execution/merge-shards.ts';
import { executeSweep, type SweepReport, type SweepRequest } from '../execution/sweep.ts';
import {
  type SweepSummaries,
  writeSensitivityCsv,
  writeSweepSummaries,
} from '../output/sweep-summaries.ts';

/** Runs a sweep (or its shard) into its folder; a complete folder gets its summaries. */
export function runSweep(request: SweepRequest): Promise<SweepReport<SweepSummaries>> {
  return executeSweep(request, writeSweepSummaries);
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
