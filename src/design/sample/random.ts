/**
 * Plain Monte Carlo design: independent uniform points in the unit hypercube. Also the random
 * building blocks the other samplers share (an open-interval draw, a random permutation).
 *
 * @example
 * randomDesign(100, 3, seedrandom.alea('experiment-1')) // 100 rows of 3 values in (0, 1)
 */
import { integerBetween, type Uniform } from '../../math/random.ts';

/** `runs` points, one Float64Array of `dimensions` values in (0, 1) per run. */
export function randomDesign(runs: number, dimensions: number, uniform: Uniform): Float64Array[] {
  checkDesignSize(runs, dimensions);
  const points: Float64Array[] = [];
  for (let run = 0; run < runs; run++) {
    const point = new Float64Array(dimensions);
    for (let dimension = 0; dimension < dimensions; dimension++) {
      point[dimension] = openUnitDraw(uniform);
    }
    points.push(point);
  }
  return points;
}

/**
 * A uniform draw strictly inside (0, 1). Generators return [0, 1), and an exact 0 would become
 * an infinite input under a normal or log-normal quantile; redrawing keeps the law uniform.
 */
export function openUnitDraw(uniform: Uniform): number {
  for (;;) {
    const u = uniform();
    if (u > 0 && u < 1) return u;
  }
}

/** A uniformly random permutation of 0 .. length - 1 (Fisher-Yates). */
export function randomPermutation(length: number, uniform: Uniform): Int32Array {
  const permutation = new Int32Array(length);
  for (let index = 0; index < length; index++) permutation[index] = index;
  for (let index = length - 1; index > 0; index--) {
    const other = integerBetween(uniform, 0, index);
    const held = permutation[index]!;
    permutation[index] = permutation[other]!;
    permutation[other] = held;
  }
  return permutation;
}

/** Rejects sizes that cannot describe a design, before any work is done. */
export function checkDesignSize(runs: number, dimensions: number): void {
  if (!Number.isInteger(runs) || runs < 0) {
    throw new RangeError(`runs must be a non-negative integer: ${runs}`);
  }
  if (!Number.isInteger(dimensions) || dimensions < 1) {
    throw new RangeError(`dimensions must be a positive integer: ${dimensions}`);
  }
}
