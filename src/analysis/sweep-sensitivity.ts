/**
 * The sensitivity of one outcome of a finished sweep, from its folder: sweep.json gives the
 * design (regenerated, not stored), runs.csv the outcome in every run. What `aisim sensitivity`
 * computes, for a script or a notebook.
 *
 * @example
 * const report = sweepSensitivity('results/uncertain-baseline-sweep', 'operating_margin_lab');
 * console.log(formatSensitivityTable(report));
 * await writeSensitivityCsv('results/uncertain-baseline-sweep', report);
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildDesign } from '../design/plan.ts';
import { InputError } from '../errors.ts';
import { readRunColumns } from '../execution/runs-file.ts';
import { planOfManifest, RUNS_CSV, readManifest } from '../execution/sweep-manifest.ts';
import {
  type SensitivityOptions,
  type SensitivityReport,
  sensitivityReport,
} from './sensitivity-report.ts';

export interface SweepSensitivityOptions extends SensitivityOptions {
  /** How error messages show the folder (default: as given). */
  readonly shown?: string;
}

/**
 * Sobol indices (a sobol sweep), Morris effects (a morris sweep) or rank correlations (any other
 * design) of `outcome`. A shard, an unfinished sweep or an unknown outcome is an InputError.
 */
export function sweepSensitivity(
  folder: string,
  outcome: string,
  options: SweepSensitivityOptions = {},
): SensitivityReport {
  const shown = options.shown ?? folder;
  const manifest = readManifest(folder, shown);
  if (manifest.shard) {
    throw new InputError(
      shown,
      '',
      `is shard ${manifest.shard.index} of ${manifest.shard.count}: merge the shards first (aisim merge)`,
    );
  }
  if (!manifest.outcomes.includes(outcome)) {
    throw new InputError(
      '--outcome',
      '',
      `not an outcome of this sweep (outcomes: ${manifest.outcomes.join(', ')})`,
      outcome,
    );
  }
  if (!existsSync(join(folder, RUNS_CSV))) {
    throw new InputError(
      shown,
      '',
      'is not complete (no runs.csv): finish the sweep with its aisim sweep command and --resume',
    );
  }
  const plan = planOfManifest(manifest);
  const { columns } = readRunColumns(join(folder, RUNS_CSV), [outcome]);
  return sensitivityReport(plan, buildDesign(plan), outcome, columns[0]!, options);
}
