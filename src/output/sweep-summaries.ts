import { join } from 'node:path';
import { type SensitivityReport, sensitivityTable } from '../analysis/sensitivity-report.ts';
import {
  COMPARISON_COLUMNS,
  type ComparisonSummary,
  comparisonCells,
  comparisons,
  type OutcomeSummary,
  SWEEP_SUMMARY_COLUMNS,
  summarizeComparison,
  summarizeOutcome,
  summaryCells,
} from '../analysis/sweep-summary.ts';
import { readRunColumns } from '../execution/runs-file.ts';
import {
  COMPARISONS_CSV,
  RUNS_CSV,
  SUMMARY_CSV,
  type SweepManifest,
} from '../execution/sweep-manifest.ts';
import { childPath, writeFileAtomically } from '../results/atomic.ts';
import { csvText } from '../results/csv.ts';

export interface SweepSummaries {
  readonly outcomes: readonly OutcomeSummary[];
  readonly comparisons: readonly ComparisonSummary[];
}

/** Computes summary.csv and comparisons.csv from runs.csv and writes them (atomically). */
export async function writeSweepSummaries(
  folder: string,
  manifest: SweepManifest,
): Promise<SweepSummaries> {
  const { columns } = readRunColumns(join(folder, RUNS_CSV), manifest.outcomes);
  const column = (name: string) => columns[manifest.outcomes.indexOf(name)]!;
  const outcomes = manifest.outcomes.map((name, index) => summarizeOutcome(name, columns[index]!));
  const paired = comparisons(manifest.outcomes).map((comparison) =>
    summarizeComparison(comparison, column(comparison.columns[0]), column(comparison.columns[1])),
  );
  await writeFileAtomically(
    join(folder, SUMMARY_CSV),
    await csvText(SWEEP_SUMMARY_COLUMNS, outcomes.map(summaryCells)),
  );
  await writeFileAtomically(
    join(folder, COMPARISONS_CSV),
    await csvText(COMPARISON_COLUMNS, paired.map(comparisonCells)),
  );
  return { outcomes, comparisons: paired };
}

/** The file `aisim sensitivity` writes into a sweep's folder for an outcome. */
export function sensitivityFileName(outcome: string): string {
  return `sensitivity-${outcome}.csv`;
}

/** Writes the report's ranked table as sensitivity-<outcome>.csv in `folder`; returns its path. */
export async function writeSensitivityCsv(
  folder: string,
  report: SensitivityReport,
): Promise<string> {
  const path = childPath(folder, sensitivityFileName(report.outcome));
  const table = sensitivityTable(report);
  await writeFileAtomically(path, await csvText(table.columns, table.rows));
  return path;
}
