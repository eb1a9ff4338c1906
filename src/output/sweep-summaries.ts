/**
 * The files a sweep's summaries are written to, beside its runs.csv: summary.csv and
 * comparisons.csv when the runs are done, sensitivity-<outcome>.csv when `aisim sensitivity`
 * ranks the inputs (their columns in results/sweep-files.ts and results/sensitivity-files.ts).
 */
import { join } from 'node:path';
import { type SensitivityReport, sensitivityRows } from '../analysis/sensitivity-report.ts';
import {
  measurePairs,
  pairOutcomes,
  summarizeOutcome,
  summarizePairedDifference,
} from '../analysis/sweep-summary.ts';
import { readRunColumns } from '../execution/runs-file.ts';
import {
  COMPARISONS_CSV,
  RUNS_CSV,
  SUMMARY_CSV,
  type SweepManifest,
} from '../execution/sweep-manifest.ts';
import { childPath, writeFileAtomically } from '../results/atomic.ts';
import { tableCsv } from '../results/csv.ts';
import {
  MORRIS_TABLE,
  RANK_TABLE,
  SOBOL_TABLE,
  sensitivityFileName,
} from '../results/sensitivity-files.ts';
import {
  type OutcomeSummary,
  PAIRED_DIFFERENCE_TABLE,
  type PairedDifference,
  SWEEP_SUMMARY_TABLE,
} from '../results/sweep-files.ts';

export interface SweepSummaries {
  readonly outcomes: readonly OutcomeSummary[];
  readonly comparisons: readonly PairedDifference[];
}

/** Computes summary.csv and comparisons.csv from runs.csv and writes them (atomically). */
export async function writeSweepSummaries(
  folder: string,
  manifest: SweepManifest,
): Promise<SweepSummaries> {
  const { columns } = readRunColumns(join(folder, RUNS_CSV), manifest.outcomes);
  const column = (name: string) => columns[manifest.outcomes.indexOf(name)]!;
  const outcomes = manifest.outcomes.map((name, index) => summarizeOutcome(name, columns[index]!));
  const paired = measurePairs(manifest.outcomes).map((pair) => {
    const [minuend, subtrahend] = pairOutcomes(pair);
    return summarizePairedDifference(pair, column(minuend), column(subtrahend));
  });
  await writeFileAtomically(
    join(folder, SUMMARY_CSV),
    await tableCsv(SWEEP_SUMMARY_TABLE, outcomes),
  );
  await writeFileAtomically(
    join(folder, COMPARISONS_CSV),
    await tableCsv(PAIRED_DIFFERENCE_TABLE, paired),
  );
  return { outcomes, comparisons: paired };
}

/** Writes the report's ranked table as sensitivity-<outcome>.csv in `folder`; returns its path. */
export async function writeSensitivityCsv(
  folder: string,
  report: SensitivityReport,
): Promise<string> {
  const path = childPath(folder, sensitivityFileName(report.outcome));
  const file = sensitivityRows(report);
  const text =
    file.method === 'sobol'
      ? await tableCsv(SOBOL_TABLE, file.rows)
      : file.method === 'morris'
        ? await tableCsv(MORRIS_TABLE, file.rows)
        : await tableCsv(RANK_TABLE, file.rows);
  await writeFileAtomically(path, text);
  return path;
}
