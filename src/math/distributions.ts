/**
 * Uncertain inputs of an experiment: distributions as plain data (so scenarios can declare them
 * in JSON) and their inverse CDFs, which turn a design point in the unit hypercube into input
 * values. Every sampler in `sample/` produces unit-interval values; this file is the one place
 * they become model inputs.
 *
 * @example
 * quantile(normal(10, 2), 0.975)    // 13.919927969080108
 * quantile(logNormal(3, 0.5), 0.5)  // 3
 * validateDistribution(uniform(2, 1)) // 'min must not be above max'
 */
import { normalQuantile } from './normal.ts';

export interface UniformDistribution {
  readonly dist: 'uniform';
  readonly min: number;
  readonly max: number;
}

export interface NormalDistribution {
  readonly dist: 'normal';
  readonly mean: number;
  readonly sd: number;
}

/** exp(N(log median, sigma^2)): `sigma` is the standard deviation of the logarithm. */
export interface LogNormalDistribution {
  readonly dist: 'lognormal';
  readonly median: number;
  readonly sigma: number;
}

export interface TriangularDistribution {
  readonly dist: 'triangular';
  readonly min: number;
  readonly mode: number;
  readonly max: number;
}

/** A categorical choice among numeric values; equal weights when `weights` is absent. */
export interface DiscreteDistribution {
  readonly dist: 'discrete';
  readonly values: readonly number[];
  readonly weights?: readonly number[];
}

export type Distribution =
  | UniformDistribution
  | NormalDistribution
  | LogNormalDistribution
  | TriangularDistribution
  | DiscreteDistribution;

export function uniform(min: number, max: number): UniformDistribution {
  return { dist: 'uniform', min, max };
}

export function normal(mean: number, sd: number): NormalDistribution {
  return { dist: 'normal', mean, sd };
}

export function logNormal(median: number, sigma: number): LogNormalDistribution {
  return { dist: 'lognormal', median, sigma };
}

export function triangular(min: number, mode: number, max: number): TriangularDistribution {
  return { dist: 'triangular', min, mode, max };
}

export function discrete(
  values: readonly number[],
  weights?: readonly number[],
): DiscreteDistribution {
  return weights === undefined
    ? { dist: 'discrete', values }
    : { dist: 'discrete', values, weights };
}

/**
 * The input value at cumulative probability `u`. Samplers hand out u strictly inside (0, 1), so
 * unbounded distributions stay finite; u = 0 or 1 gives the (possibly infinite) bound.
 * Assumes a valid distribution: check scenarios once with `validateDistribution` at load time
 * rather than on every draw.
 */
export function quantile(distribution: Distribution, u: number): number {
  if (!(u >= 0 && u <= 1)) throw new RangeError(`probability out of [0, 1]: ${u}`);
  switch (distribution.dist) {
    case 'uniform':
      return distribution.min + u * (distribution.max - distribution.min);
    case 'normal':
      // A degenerate (sd = 0) input must not turn into NaN through 0 * Infinity at u = 0 or 1.
      if (distribution.sd === 0) return distribution.mean;
      return distribution.mean + distribution.sd * normalQuantile(u);
    case 'lognormal':
      if (distribution.sigma === 0) return distribution.median;
      return distribution.median * Math.exp(distribution.sigma * normalQuantile(u));
    case 'triangular':
      return triangularQuantile(distribution, u);
    case 'discrete':
      return discreteQuantile(distribution, u);
  }
}

function triangularQuantile({ min, mode, max }: TriangularDistribution, u: number): number {
  const width = max - min;
  if (width === 0) return min;
  // The CDF is quadratic on either side of the mode; invert the side u falls on.
  const probabilityBelowMode = (mode - min) / width;
  if (u <= probabilityBelowMode) return min + Math.sqrt(u * width * (mode - min));
  return max - Math.sqrt((1 - u) * width * (max - mode));
}

/** Values sorted ascending with their cumulative probabilities, built once per distribution. */
interface DiscreteTable {
  readonly values: Float64Array;
  readonly cumulative: Float64Array;
}

const discreteTables = new WeakMap<DiscreteDistribution, DiscreteTable>();

/**
 * Values are taken in ascending order, so the transform is monotone like every other inverse
 * CDF here: a Latin hypercube stratum or a Morris step upwards never moves the input down.
 */
function discreteQuantile(distribution: DiscreteDistribution, u: number): number {
  let table = discreteTables.get(distribution);
  if (table === undefined) {
    table = discreteTable(distribution);
    discreteTables.set(distribution, table);
  }
  const { values, cumulative } = table;
  let low = 0;
  let high = values.length - 1;
  // The first value whose cumulative probability exceeds u (binary search).
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (u < cumulative[middle]!) high = middle;
    else low = middle + 1;
  }
  return values[low]!;
}

function discreteTable({ values, weights }: DiscreteDistribution): DiscreteTable {
  const order = values
    .map((value, index) => ({ value, weight: weights?.[index] ?? 1 }))
    .filter(({ weight }) => weight > 0)
    .sort((a, b) => a.value - b.value);
  const total = order.reduce((sum, { weight }) => sum + weight, 0);
  const sortedValues = new Float64Array(order.length);
  const cumulative = new Float64Array(order.length);
  let running = 0;
  order.forEach(({ value, weight }, index) => {
    running += weight;
    sortedValues[index] = value;
    cumulative[index] = running / total;
  });
  // Rounding must not leave u just below 1 without a value.
  cumulative[order.length - 1] = Number.POSITIVE_INFINITY;
  return { values: sortedValues, cumulative };
}

/** A human-readable problem with the distribution, or undefined when it can be sampled. */
export function validateDistribution(distribution: Distribution): string | undefined {
  switch (distribution.dist) {
    case 'uniform': {
      const { min, max } = distribution;
      if (!Number.isFinite(min) || !Number.isFinite(max)) return 'min and max must be finite';
      if (min > max) return 'min must not be above max';
      return undefined;
    }
    case 'normal': {
      const { mean, sd } = distribution;
      if (!Number.isFinite(mean)) return 'mean must be finite';
      if (!Number.isFinite(sd)) return 'sd must be finite';
      if (sd < 0) return 'sd must be at least 0';
      return undefined;
    }
    case 'lognormal': {
      const { median, sigma } = distribution;
      if (!Number.isFinite(median) || !(median > 0)) return 'median must be positive and finite';
      if (!Number.isFinite(sigma)) return 'sigma must be finite';
      if (sigma < 0) return 'sigma must be at least 0';
      return undefined;
    }
    case 'triangular': {
      const { min, mode, max } = distribution;
      if (![min, mode, max].every(Number.isFinite)) return 'min, mode and max must be finite';
      if (min > max) return 'min must not be above max';
      if (mode < min || mode > max) return 'mode must lie between min and max';
      return undefined;
    }
    case 'discrete': {
      const { values, weights } = distribution;
      if (values.length === 0) return 'values must not be empty';
      if (!values.every(Number.isFinite)) return 'values must be finite';
      if (weights === undefined) return undefined;
      if (weights.length !== values.length) return 'weights must match values in length';
      const valid = weights.every((weight) => Number.isFinite(weight) && weight >= 0);
      if (!valid || !weights.some((weight) => weight > 0)) {
        return 'weights must be non-negative and not all zero';
      }
      return undefined;
    }
  }
}

/** "triangular(1, 4, 6)": a distribution as a scenario file writes it. */
export function distributionText(distribution: Distribution): string {
  switch (distribution.dist) {
    case 'uniform':
      return `uniform(${distribution.min}, ${distribution.max})`;
    case 'normal':
      return `normal(${distribution.mean}, ${distribution.sd})`;
    case 'lognormal':
      return `logNormal(${distribution.median}, ${distribution.sigma})`;
    case 'triangular':
      return `triangular(${distribution.min}, ${distribution.mode}, ${distribution.max})`;
    case 'discrete':
      return `discrete([${distribution.values.join(', ')}]${distribution.weights === undefined ? '' : `, [${distribution.weights.join(', ')}]`})`;
  }
}
