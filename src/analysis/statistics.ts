/**
 * Summary statistics used across the analyses: means, standard deviations, quantiles and
 * intervals. Quantiles interpolate linearly between order statistics (type 7, the default of R
 * and numpy), so the numbers match what a user's notebook computes from the same CSV.
 */

import type { IntervalEstimate } from '../results/table.ts';

export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

/** Sample standard deviation (n - 1 in the denominator); NaN below two values. */
export function standardDeviation(values: ArrayLike<number>): number {
  if (values.length < 2) return Number.NaN;
  const centre = mean(values);
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i]! - centre) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}

/** The `probability` quantile of values sorted ascending (linear interpolation, type 7). */
export function quantileOfSorted(sorted: ArrayLike<number>, probability: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = probability * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (position - below) * (sorted[above]! - sorted[below]!);
}

export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values as ArrayLike<number>).sort();
}

/** The quantile of a sample (a distribution's is math/distributions.ts's `quantile`). */
export function sampleQuantile(values: ArrayLike<number>, probability: number): number {
  return quantileOfSorted(sortedCopy(values), probability);
}

export function median(values: ArrayLike<number>): number {
  return sampleQuantile(values, 0.5);
}

/** The central `confidence` interval of bootstrap draws (percentile method). */
export function percentileInterval(
  draws: ArrayLike<number>,
  confidence: number,
): { low: number; high: number } {
  const sorted = sortedCopy(draws);
  return {
    low: quantileOfSorted(sorted, (1 - confidence) / 2),
    high: quantileOfSorted(sorted, (1 + confidence) / 2),
  };
}

/**
 * The 95 % confidence interval of the mean: mean +- t(0.975, n - 1) sd / sqrt(n). With one value
 * the interval is the point itself; with none, NaN.
 */
export function meanInterval95(values: ArrayLike<number>): IntervalEstimate {
  const estimate = mean(values);
  if (values.length < 2) return { estimate, low: estimate, high: estimate };
  const half =
    (studentT975(values.length - 1) * standardDeviation(values)) / Math.sqrt(values.length);
  return { estimate, low: estimate - half, high: estimate + half };
}

/** Student's t 0.975 quantiles for 1 to 30 degrees of freedom (standard tables). */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
  2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048,
  2.045, 2.042,
];

/**
 * Student's t 0.975 quantile: tabulated to 30 degrees of freedom, beyond that interpolated in
 * 1/df between 30 (2.042), 60 (2.000), 120 (1.980) and infinity (1.960), within 0.002.
 */
export function studentT975(degreesOfFreedom: number): number {
  if (degreesOfFreedom < 1) return Number.NaN;
  if (degreesOfFreedom <= 30) return T975[Math.round(degreesOfFreedom) - 1]!;
  const knots: [number, number][] = [
    [1 / 30, 2.042],
    [1 / 60, 2.0],
    [1 / 120, 1.98],
    [0, 1.96],
  ];
  const x = 1 / degreesOfFreedom;
  for (let i = 0; i < knots.length - 1; i++) {
    const [x0, y0] = knots[i]!;
    const [x1, y1] = knots[i + 1]!;
    if (x <= x0 && x >= x1) return y1 + ((x - x1) / (x0 - x1)) * (y0 - y1);
  }
  return 1.96;
}

/** The standard normal 0.975 quantile, for 95 % intervals. */
const Z975 = 1.959963984540054;

/**
 * The Wilson score interval of a proportion, 95 %: for k successes in n trials, p = k / n,
 * centre (p + z^2 / 2n) / (1 + z^2 / n), half-width z / (1 + z^2 / n) * sqrt(p (1 - p) / n +
 * z^2 / 4n^2), z = 1.96 (Wilson 1927; Brown, Cai and DasGupta 2001 recommend it over p +- z
 * sqrt(p (1 - p) / n), which collapses to a point at 0 or n successes). The estimate is p itself.
 * NaN without trials.
 */
export function wilsonInterval95(successes: number, trials: number): IntervalEstimate {
  if (trials <= 0) return { estimate: Number.NaN, low: Number.NaN, high: Number.NaN };
  const p = successes / trials;
  const z2 = Z975 * Z975;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half =
    (Z975 / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return {
    estimate: p,
    low: Math.max(0, centre - half),
    high: Math.min(1, centre + half),
  };
}

/**
 * P(X >= k) for X ~ Binomial(n, p): the one-sided ("greater") binomial test's p-value, summed
 * term by term in logarithms so that no factorial overflows.
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  // log C(n, k) + k log p + (n - k) log(1 - p), then each next term by the ratio of terms.
  let logChoose = 0;
  for (let i = 1; i <= k; i++) logChoose += Math.log((n - k + i) / i);
  const logRatio = Math.log(p) - Math.log1p(-p);
  const logTerms: number[] = [logChoose + k * Math.log(p) + (n - k) * Math.log1p(-p)];
  for (let i = k; i < n; i++)
    logTerms.push(logTerms.at(-1)! + Math.log((n - i) / (i + 1)) + logRatio);
  let top = Number.NEGATIVE_INFINITY;
  for (const term of logTerms) top = Math.max(top, term);
  let sum = 0;
  for (const term of logTerms) sum += Math.exp(term - top);
  return Math.min(1, Math.exp(top) * sum);
}

/**
 * The median with its distribution-free 95 % confidence interval from order statistics
 * (Conover 1999, Practical Nonparametric Statistics, 3rd ed., section 3.2): with the values
 * sorted x(1) <= ... <= x(n), the interval [x(k), x(n-k+1)] for the largest k with
 * P(Binomial(n, 1/2) <= k - 1) <= 0.025 covers the median with probability at least 95 %,
 * whatever the distribution. Below six values no such k exists: the bounds are NaN. NaN values
 * are left out.
 */
export function medianInterval95(values: ArrayLike<number>): IntervalEstimate {
  const sorted = sortedCopy(Array.from(values).filter((value) => !Number.isNaN(value)));
  const estimate = quantileOfSorted(sorted, 0.5);
  const k = medianRank95(sorted.length);
  if (k < 1) return { estimate, low: Number.NaN, high: Number.NaN };
  return { estimate, low: sorted[k - 1]!, high: sorted[sorted.length - k]! };
}

const MEDIAN_RANKS = new Map<number, number>();

/**
 * The k of `medianInterval95` for n values, 0 when there is none: the number of j with
 * P(Binomial(n, 1/2) <= j) <= 0.025. The probabilities are summed from logarithms, so that
 * 2^-n does not underflow for large n.
 */
export function medianRank95(n: number): number {
  const known = MEDIAN_RANKS.get(n);
  if (known !== undefined) return known;
  let logProbability = -n * Math.LN2;
  let cumulative = 0;
  let k = 0;
  for (let j = 0; j <= n; j++) {
    cumulative += Math.exp(logProbability);
    if (cumulative > 0.025) break;
    k = j + 1;
    logProbability += Math.log(n - j) - Math.log(j + 1);
  }
  MEDIAN_RANKS.set(n, k);
  return k;
}
