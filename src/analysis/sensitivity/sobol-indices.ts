/**
 * Variance-based (Sobol') sensitivity indices from the model outputs of a Saltelli design: how
 * much of the output's variance each input explains alone (first order) and together with
 * everything it interacts with (total order). A first-order index near the total says the input
 * acts additively; a total near 0 says the input can be fixed anywhere in its range.
 *
 * Estimators (Saltelli et al. 2010, table 2), with V the variance of f over A and B together:
 *   first order  S_i  = mean(f(B) (f(AB_i) - f(A))) / V          (Saltelli 2010)
 *   total order  ST_i = mean((f(A) - f(AB_i))^2) / (2 V)          (Jansen 1999)
 * Intervals are bootstrap percentile intervals over resampled base rows, as in SALib.
 *
 * @example
 * const design = saltelliDesign(4096, 3);
 * const outputs = saltelliRuns(design).map((point) => model(point));
 * const { first, total } = sobolIndices(outputs, 3);
 * first[0].estimate // share of the output's variance due to input 0 alone
 */
import seedrandom from 'seedrandom';
import { saltelliRunIndex } from '../../design/sample/sobol.ts';
import { integerBetween, type Uniform } from '../../math/random.ts';
import type { IntervalEstimate } from '../../results/table.ts';
import { percentileInterval } from '../statistics.ts';

export type { IntervalEstimate };

export interface SobolIndices {
  readonly baseRuns: number;
  /** Variance of the output over the A and B runs; the indices are shares of it. */
  readonly variance: number;
  /** First-order index S_i per input (NaN throughout when the output does not vary). */
  readonly first: readonly IntervalEstimate[];
  /** Total-order index ST_i per input. */
  readonly total: readonly IntervalEstimate[];
}

export interface SobolIndicesOptions {
  /** Bootstrap resamples of the base rows. Default 1000. */
  readonly resamples?: number;
  /** Coverage of the percentile intervals. Default 0.95. */
  readonly confidence?: number;
  /** Draws for the bootstrap; a fixed stream by default, so results are reproducible. */
  readonly uniform?: Uniform;
}

/**
 * Indices from `outputs`, the model's output for each run of a Saltelli design of `dimensions`
 * inputs, in the order of `saltelliRuns` (see `saltelliRunIndex`).
 */
export function sobolIndices(
  outputs: ArrayLike<number>,
  dimensions: number,
  options: SobolIndicesOptions = {},
): SobolIndices {
  const baseRuns = outputs.length / (dimensions + 2);
  if (!Number.isInteger(dimensions) || dimensions < 1 || !Number.isInteger(baseRuns)) {
    throw new RangeError(
      `expected baseRuns * (dimensions + 2) outputs for ${dimensions} inputs, got ${outputs.length}`,
    );
  }
  if (baseRuns < 2) throw new RangeError('Sobol indices need at least 2 base runs');
  const matrices = splitOutputs(outputs, dimensions, baseRuns);
  const point = estimateIndices(matrices, identityRows(baseRuns));

  const resamples = options.resamples ?? 1000;
  const confidence = options.confidence ?? 0.95;
  const uniform = options.uniform ?? seedrandom.alea('ai-market-sim/sobol-indices/bootstrap');
  const firstResamples = Array.from({ length: dimensions }, () => new Float64Array(resamples));
  const totalResamples = Array.from({ length: dimensions }, () => new Float64Array(resamples));
  const rows = new Int32Array(baseRuns);
  for (let resample = 0; resample < resamples; resample++) {
    for (let j = 0; j < baseRuns; j++) rows[j] = integerBetween(uniform, 0, baseRuns - 1);
    const { first, total } = estimateIndices(matrices, rows);
    for (let input = 0; input < dimensions; input++) {
      firstResamples[input]![resample] = first[input]!;
      totalResamples[input]![resample] = total[input]!;
    }
  }
  const withInterval = (estimates: Float64Array, draws: Float64Array[]): IntervalEstimate[] =>
    Array.from(estimates, (estimate, input) => ({
      estimate,
      ...percentileInterval(draws[input]!, confidence),
    }));
  return {
    baseRuns,
    variance: point.variance,
    first: withInterval(point.first, firstResamples),
    total: withInterval(point.total, totalResamples),
  };
}

/** Outputs by matrix, centred on their A-and-B mean. */
interface SaltelliOutputs {
  readonly baseRuns: number;
  readonly dimensions: number;
  readonly a: Float64Array;
  readonly b: Float64Array;
  /** f(AB_i) for base row j at i * baseRuns + j. */
  readonly ab: Float64Array;
}

/**
 * Centring leaves every index unchanged in expectation but removes the term mean(f) *
 * mean(f(AB_i) - f(A)) from the first-order sum, pure noise that is large when the output sits
 * far from zero (SALib standardises the outputs for the same reason).
 */
function splitOutputs(
  outputs: ArrayLike<number>,
  dimensions: number,
  baseRuns: number,
): SaltelliOutputs {
  const at = (index: number): number => {
    const value = outputs[index]!;
    if (!Number.isFinite(value)) throw new RangeError(`output ${index} is not finite: ${value}`);
    return value;
  };
  const a = new Float64Array(baseRuns);
  const b = new Float64Array(baseRuns);
  const ab = new Float64Array(baseRuns * dimensions);
  for (let j = 0; j < baseRuns; j++) {
    a[j] = at(saltelliRunIndex(dimensions, j, 'a'));
    b[j] = at(saltelliRunIndex(dimensions, j, 'b'));
    for (let input = 0; input < dimensions; input++) {
      ab[input * baseRuns + j] = at(saltelliRunIndex(dimensions, j, { ab: input }));
    }
  }
  let sum = 0;
  for (let j = 0; j < baseRuns; j++) sum += a[j]! + b[j]!;
  const mean = sum / (2 * baseRuns);
  for (const matrix of [a, b, ab]) {
    for (let index = 0; index < matrix.length; index++) matrix[index]! -= mean;
  }
  return { baseRuns, dimensions, a, b, ab };
}

function identityRows(baseRuns: number): Int32Array {
  return Int32Array.from({ length: baseRuns }, (_, j) => j);
}

/** The estimators over the base rows `rows` (repeats allowed: that is the bootstrap). */
function estimateIndices(
  { baseRuns, dimensions, a, b, ab }: SaltelliOutputs,
  rows: Int32Array,
): { variance: number; first: Float64Array; total: Float64Array } {
  let sum = 0;
  let sumOfSquares = 0;
  const firstSums = new Float64Array(dimensions);
  const totalSums = new Float64Array(dimensions);
  for (const j of rows) {
    const fA = a[j]!;
    const fB = b[j]!;
    sum += fA + fB;
    sumOfSquares += fA * fA + fB * fB;
    for (let input = 0; input < dimensions; input++) {
      const fAB = ab[input * baseRuns + j]!;
      firstSums[input]! += fB * (fAB - fA);
      totalSums[input]! += (fA - fAB) * (fA - fAB);
    }
  }
  const n = rows.length;
  const mean = sum / (2 * n);
  const variance = sumOfSquares / (2 * n) - mean * mean;
  const first = new Float64Array(dimensions);
  const total = new Float64Array(dimensions);
  for (let input = 0; input < dimensions; input++) {
    first[input] = firstSums[input]! / n / variance;
    total[input] = totalSums[input]! / n / (2 * variance);
  }
  return { variance, first, total };
}
