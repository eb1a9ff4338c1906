/**
 * A sweep as the library and `aisim sweep` / `aisim merge` run it: the runs (execution), then
 * the summaries of a complete folder (analysis, written by output).
 *
 * @example
 * const report = await runSweep({
 *   file: 'scenarios/sweeps/uncertain-baseline.ts', overrides: {}, design: 'sobol', size: 256,
 *   seed: 1, workers: 2, resume: false, outDir: 'results',
 * });
 * report.folder // results/uncertain-baseline-sweep
 */
import { type MergeResult, mergeShards } from '../execution/merge-shards.ts';
import { executeSweep, type SweepReport, type SweepRequest } from '../execution/sweep.ts';
import { type SweepSummaries, writeSweepSummaries } from '../output/sweep-summaries.ts';

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
