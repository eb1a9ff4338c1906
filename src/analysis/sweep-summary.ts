/**
 * How a sweep's runs are summarised: summary.csv (per outcome: mean, sd, quantiles, 95 %
 * interval of the mean) and comparisons.csv (paired differences within runs, e.g. the
 * aggregator's operating margin less the labs': both come from the same run, the same seed and
 * the same inputs, so the difference is measured on common random numbers and its interval is
 * far narrower than the two apart). The files' rows and columns are in results/sweep-files.ts.
 *
 * @example
 * summarizeOutcome('operating_margin_lab', column);   // summary.csv's row
 * measurePairs(manifest.outcomes);                    // the pairs comparisons.csv reports
 */
import { holderOutcome, KIND_MEASURES } from '../results/outcomes.ts';
import {
  DIFFERENCE_QUANTILES,
  type MeasurePair,
  type OutcomeSummary,
  type PairedDifference,
  SUMMARY_QUANTILES,
} from '../results/sweep-files.ts';
import type { AgentKind } from '../scenario/schema.ts';
import { meanInterval95, quantileOfSorted, sortedCopy, standardDeviation } from './statistics.ts';

// ------------------------------------------------------------------------------- summary.csv

/** The defined (non-NaN) values of a column. */
function defined(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values as ArrayLike<number>).filter((value) => !Number.isNaN(value));
}

export function summarizeOutcome(outcome: string, values: ArrayLike<number>): OutcomeSummary {
  const kept = defined(values);
  const sorted = sortedCopy(kept);
  return {
    outcome,
    runs: kept.length,
    sd: standardDeviation(kept),
    quantiles: SUMMARY_QUANTILES.map((p) => quantileOfSorted(sorted, p)),
    mean: meanInterval95(kept),
  };
}

// --------------------------------------------------------------------------- comparisons.csv

/** Each kind compared with the labs, on each measure: "does owning X beat being a lab?". */
const COMPARED_WITH_LABS: readonly AgentKind[] = [
  'aggregator',
  'hyperscaler',
  'open_weight',
  'host',
];

/** The two outcome columns a pair differences: the minuend's, then the subtrahend's. */
export function pairOutcomes(pair: MeasurePair): [string, string] {
  return [pair.minuend, pair.subtrahend].map((kind) => holderOutcome(pair.measure, kind)!) as [
    string,
    string,
  ];
}

/** The paired differences a sweep reports, for the kinds the outcomes have. */
export function measurePairs(outcomes: readonly string[]): MeasurePair[] {
  const list: MeasurePair[] = [];
  for (const measure of KIND_MEASURES) {
    for (const minuend of COMPARED_WITH_LABS) {
      const pair: MeasurePair = { measure, minuend, subtrahend: 'lab' };
      if (pairOutcomes(pair).every((outcome) => outcomes.includes(outcome))) list.push(pair);
    }
  }
  return list;
}

/** The run-by-run differences minuend - subtrahend, summarised. */
export function summarizePairedDifference(
  pair: MeasurePair,
  minuend: ArrayLike<number>,
  subtrahend: ArrayLike<number>,
): PairedDifference {
  const differences: number[] = [];
  for (let run = 0; run < minuend.length; run++) {
    const difference = minuend[run]! - subtrahend[run]!;
    if (!Number.isNaN(difference)) differences.push(difference);
  }
  const sorted = sortedCopy(differences);
  const above = differences.filter((difference) => difference > 0).length;
  const [low, middle, high] = DIFFERENCE_QUANTILES.map((p) => quantileOfSorted(sorted, p));
  return {
    pair,
    runs: differences.length,
    mean: meanInterval95(differences),
    shareAboveZero: differences.length > 0 ? above / differences.length : Number.NaN,
    quantiles: [low!, middle!, high!],
  };
}
