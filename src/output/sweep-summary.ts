/** A sweep's summaries as the terminal shows them. */
import { MEASURE_UNITS, outcomeUnit } from '../results/outcomes.ts';
import type { OutcomeSummary, PairedDifference } from '../results/sweep-files.ts';
import { formatInUnit, formatPercent, formatTable } from './terminal.ts';

/** An outcome's value in its unit: money, a percentage, a price. */
export function formatOutcome(outcome: string, value: number): string {
  return formatInUnit(outcomeUnit(outcome), value);
}

/** The summary for the terminal: each outcome's mean and 5-95 % range, then the comparisons. */
export function formatSweepSummary(
  outcomes: readonly OutcomeSummary[],
  paired: readonly PairedDifference[],
): string {
  const runs = Math.max(0, ...outcomes.map((row) => row.runs));
  const outcomeRows = outcomes.map((row) => [
    row.outcome,
    formatOutcome(row.outcome, row.mean.estimate),
    formatOutcome(row.outcome, row.quantiles[0]!),
    formatOutcome(row.outcome, row.quantiles[4]!),
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
    `Outcomes over ${runs} runs: mean and the range of the middle 90 % of runs`,
    '',
    formatTable(['outcome', 'mean', '5 %', '95 %'], outcomeRows),
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
