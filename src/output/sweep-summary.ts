/** A sweep's summaries as the terminal shows them. */

import type { Window } from '../results/batch-files.ts';
import { MEASURE_UNITS, outcomeUnit } from '../results/outcomes.ts';
import {
  type OutcomeSummary,
  type PairedDifference,
  summaryQuantile,
} from '../results/sweep-files.ts';
import { formatInUnit, formatPercent, formatTable } from './terminal.ts';

/** An outcome's value in its unit: money, a percentage, a price. */
export function formatOutcome(outcome: string, value: number): string {
  return formatInUnit(outcomeUnit(outcome), value);
}

/** "over 2025-01 to 2030-12": the months a sweep's outcomes cover; '' for the whole run. */
export function windowText(window: Window | undefined): string {
  if (window === undefined || (window.from === undefined && window.to === undefined)) return '';
  return `over ${window.from ?? 'the start'} to ${window.to ?? 'the end'}`;
}

/** The quantiles the terminal shows after the median, as their columns are headed. */
const SHOWN_QUANTILES = [0.05, 0.25, 0.75, 0.95] as const;

/**
 * The summary for the terminal: each outcome's median, its 5, 25, 75 and 95 % quantiles across
 * runs and its mean, then the comparisons.
 */
export function formatSweepSummary(
  outcomes: readonly OutcomeSummary[],
  paired: readonly PairedDifference[],
  window?: Window,
): string {
  const runs = Math.max(0, ...outcomes.map((row) => row.runs));
  const outcomeRows = outcomes.map((row) => [
    row.outcome,
    formatOutcome(row.outcome, summaryQuantile(row, 0.5)),
    ...SHOWN_QUANTILES.map((p) => formatOutcome(row.outcome, summaryQuantile(row, p))),
    formatOutcome(row.outcome, row.mean.estimate),
  ]);
  const comparisonRows = paired.map((row) => {
    const { measure, minuend, subtrahend } = row.pair;
    const show = (value: number) => formatInUnit(MEASURE_UNITS[measure], value);
    return [
      `${measure} ${minuend} - ${subtrahend}`,
      show(row.mean.estimate),
      `${show(row.mean.low)} to ${show(row.mean.high)}`,
      formatPercent(row.shareAboveZero),
    ];
  });
  return [
    `Outcomes of ${runs} runs${windowText(window) === '' ? '' : `, ${windowText(window)}`}: the median, the quantiles across runs (half the runs lie between 25 % and 75 %, nine in ten between 5 % and 95 %), then the mean`,
    '',
    formatTable(
      ['outcome', 'median', ...SHOWN_QUANTILES.map((p) => `${p * 100} %`), 'mean'],
      outcomeRows,
    ),
    ...(comparisonRows.length > 0
      ? [
          '',
          'Paired differences, run by run (same seed, same inputs): mean, its 95 % interval, and the share of runs above 0',
          '',
          formatTable(['difference', 'mean', '95 % interval', 'runs above 0'], comparisonRows),
        ]
      : []),
  ].join('\n');
}
