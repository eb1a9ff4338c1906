/** A sweep's summaries as the terminal shows them. */
import type { ComparisonSummary, OutcomeSummary } from '../analysis/sweep-summary.ts';
import { formatPercent, formatPrice, formatTable, formatUsd } from './terminal.ts';

/** An outcome's value as a reader wants it: money, a percentage, a price. */
export function formatOutcome(outcome: string, value: number): string {
  if (outcome.startsWith('profit') || outcome === 'consumer_surplus') return formatUsd(value);
  if (outcome.startsWith('operating_margin') || outcome.startsWith('surplus_share')) {
    return formatPercent(value);
  }
  if (outcome.startsWith('final_price')) return formatPrice(value);
  return Number.isFinite(value) ? value.toFixed(1) : '-';
}

/** The summary for the terminal: each outcome's mean and 5-95 % range, then the comparisons. */
export function formatSweepSummary(
  outcomes: readonly OutcomeSummary[],
  paired: readonly ComparisonSummary[],
): string {
  const runs = Math.max(0, ...outcomes.map((row) => row.runs));
  const outcomeRows = outcomes.map((row) => [
    row.outcome,
    formatOutcome(row.outcome, row.mean.estimate),
    formatOutcome(row.outcome, row.quantiles[0]!),
    formatOutcome(row.outcome, row.quantiles[4]!),
  ]);
  const comparisonRows = paired.map((row) => {
    const { measure, minuend, subtrahend } = row.comparison;
    const show = (value: number) => formatOutcome(measure, value);
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
