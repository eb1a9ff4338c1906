/**
 * Rank-based sensitivity for any design (random, LHS, grid, ...): per input, Spearman's rank
 * correlation with the outcome and the partial rank correlation coefficient (PRCC; Saltelli et
 * al. 2004, ch. 1; Marino et al. 2008, J. Theor. Biol. 254). Both read a monotone relation, of
 * whatever shape; PRCC removes the linear effect of the other inputs' ranks first, so it
 * separates inputs that a correlated design, or a dominant input, would blur.
 *
 * Ties get average ranks. Runs whose outcome is not finite are dropped (`dropped` says how
 * many). PRCC_j is the correlation of the residuals of rank(x_j) and rank(y), each regressed by
 * least squares on the other inputs' ranks; it is computed here by the equivalent formula
 * -P_jy / sqrt(P_jj P_yy), with P the inverse of the correlation matrix of all the ranks
 * (Whittaker 1990, 5.7). Intervals are 95 % bootstrap percentile intervals over runs (the
 * resampled runs ranked afresh), as the Sobol and Morris intervals are bootstrapped: Fisher's z
 * would assume the ranks bivariate normal, which a grid's many ties are not.
 *
 * @example
 * const columns = [x1, x2]; // one Float64Array per input, one value per run
 * const result = rankCorrelations(columns, outcomes);
 * result.prcc[0].estimate // near 1 for y = 3 x1 + 0.1 x2
 */
import seedrandom from 'seedrandom';
import { integerBetween, type Uniform } from '../../math/random.ts';
import type { IntervalEstimate } from '../../results/table.ts';
import { percentileInterval } from '../statistics.ts';

export interface RankCorrelations {
  /** Spearman's rank correlation of each input with the outcome. */
  readonly spearman: readonly IntervalEstimate[];
  /** Partial rank correlation of each input with the outcome, the others' ranks removed. */
  readonly prcc: readonly IntervalEstimate[];
  /** Runs used (those with a finite outcome). */
  readonly runs: number;
  /** Runs dropped because their outcome was not finite. */
  readonly dropped: number;
}

export interface RankCorrelationsOptions {
  /** Bootstrap resamples of the runs. Default 1000. */
  readonly resamples?: number;
  /** Coverage of the percentile interval. Default 0.95. */
  readonly confidence?: number;
  /** Draws for the bootstrap; a fixed stream by default, so results are reproducible. */
  readonly uniform?: Uniform;
}

/** Ranks from 1, ties given the mean of the ranks they share. */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, index) => index).sort(
    (a, b) => values[a]! - values[b]!,
  );
  const ranks = new Float64Array(n);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && values[order[end]!]! === values[order[start]!]!) end++;
    const shared = (start + 1 + end) / 2;
    for (let place = start; place < end; place++) ranks[order[place]!] = shared;
    start = end;
  }
  return ranks;
}

/** Pearson's correlation; NaN when either has no spread. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let meanX = 0;
  let meanY = 0;
  for (let k = 0; k < n; k++) {
    meanX += x[k]!;
    meanY += y[k]!;
  }
  meanX /= n;
  meanY /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let k = 0; k < n; k++) {
    const dx = x[k]! - meanX;
    const dy = y[k]! - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
}

/** Spearman's rank correlation of each input with the outcome (all values finite). */
export function spearman(
  inputs: readonly ArrayLike<number>[],
  outcome: ArrayLike<number>,
): number[] {
  const outcomeRanks = averageRanks(outcome);
  return inputs.map((input) => pearson(averageRanks(input), outcomeRanks));
}

/**
 * PRCC of each input with the outcome (all values finite). NaN for every input when the ranks'
 * correlation matrix is singular: an input without spread, or no more runs than inputs.
 */
export function partialRankCorrelations(
  inputs: readonly ArrayLike<number>[],
  outcome: ArrayLike<number>,
): number[] {
  const ranks = [...inputs.map(averageRanks), averageRanks(outcome)];
  const size = ranks.length;
  const correlation = ranks.map((a) => ranks.map((b) => pearson(a, b)));
  const precision = inverse(correlation);
  const y = size - 1;
  return inputs.map((_, j) => {
    if (!precision) return Number.NaN;
    const value = -precision[j]![y]! / Math.sqrt(precision[j]![j]! * precision[y]![y]!);
    return Math.max(-1, Math.min(1, value));
  });
}

/** Both measures, with bootstrap intervals; runs with a non-finite outcome dropped. */
export function rankCorrelations(
  inputs: readonly ArrayLike<number>[],
  outcome: ArrayLike<number>,
  options: RankCorrelationsOptions = {},
): RankCorrelations {
  for (const input of inputs) {
    if (input.length !== outcome.length) {
      throw new RangeError(`expected ${outcome.length} input values, got ${input.length}`);
    }
  }
  const kept: number[] = [];
  for (let run = 0; run < outcome.length; run++) {
    if (Number.isFinite(outcome[run]!)) kept.push(run);
  }
  const pick = (values: ArrayLike<number>, runs: readonly number[]) =>
    Float64Array.from(runs, (run) => values[run]!);
  const xs = inputs.map((input) => pick(input, kept));
  const y = pick(outcome, kept);
  const spearmanEstimates = spearman(xs, y);
  const prccEstimates = partialRankCorrelations(xs, y);

  const resamples = options.resamples ?? 1000;
  const confidence = options.confidence ?? 0.95;
  const uniform = options.uniform ?? seedrandom.alea('ai-market-sim/rank-correlations/bootstrap');
  const d = inputs.length;
  const n = kept.length;
  const spearmanResamples = Array.from({ length: d }, () => new Float64Array(resamples));
  const prccResamples = Array.from({ length: d }, () => new Float64Array(resamples));
  const drawn = new Array<number>(n);
  for (let resample = 0; resample < resamples && n > 0; resample++) {
    for (let draw = 0; draw < n; draw++) drawn[draw] = integerBetween(uniform, 0, n - 1);
    const sampleInputs = xs.map((x) => pick(x, drawn));
    const sampleOutcome = pick(y, drawn);
    const s = spearman(sampleInputs, sampleOutcome);
    const p = partialRankCorrelations(sampleInputs, sampleOutcome);
    for (let input = 0; input < d; input++) {
      spearmanResamples[input]![resample] = s[input]!;
      prccResamples[input]![resample] = p[input]!;
    }
  }
  const interval = (estimate: number, draws: Float64Array): IntervalEstimate => {
    // A resample can lose an input's spread (a grid's few levels): drop those draws.
    const finite = draws.filter(Number.isFinite);
    if (finite.length === 0) return { estimate, low: Number.NaN, high: Number.NaN };
    return { estimate, ...percentileInterval(finite, confidence) };
  };
  return {
    spearman: spearmanEstimates.map((estimate, input) =>
      interval(estimate, spearmanResamples[input]!),
    ),
    prcc: prccEstimates.map((estimate, input) => interval(estimate, prccResamples[input]!)),
    runs: n,
    dropped: outcome.length - n,
  };
}

/** Gauss-Jordan inverse with partial pivoting; undefined when (numerically) singular. */
function inverse(matrix: readonly (readonly number[])[]): number[][] | undefined {
  const size = matrix.length;
  const a = matrix.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let column = 0; column < size; column++) {
    let pivot = column;
    for (let row = column + 1; row < size; row++) {
      if (Math.abs(a[row]![column]!) > Math.abs(a[pivot]![column]!)) pivot = row;
    }
    const value = a[pivot]![column]!;
    if (!Number.isFinite(value) || Math.abs(value) < 1e-12) return undefined;
    [a[column], a[pivot]] = [a[pivot]!, a[column]!];
    const lead = a[column]!;
    for (let k = 0; k < 2 * size; k++) lead[k]! /= value;
    for (let row = 0; row < size; row++) {
      if (row === column) continue;
      const factor = a[row]![column]!;
      if (factor === 0) continue;
      const target = a[row]!;
      for (let k = 0; k < 2 * size; k++) target[k]! -= factor * lead[k]!;
    }
  }
  return a.map((row) => row.slice(size));
}
