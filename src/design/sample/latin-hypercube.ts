/**
 * Latin hypercube design (McKay, Beckman & Conover 1979): every input's range is cut into `runs`
 * equally likely strata and each stratum holds exactly one point, so even a small batch covers
 * the whole range of every input. Positions inside strata are random and the strata are paired
 * across inputs by independent random permutations.
 *
 * @example
 * latinHypercubeDesign(10, 2, seedrandom.alea('experiment-1'))
 * // 10 rows; in each column one value in [0, 0.1), one in [0.1, 0.2), ..., one in [0.9, 1)
 */
import type { Uniform } from '../../math/random.ts';
import { checkDesignSize, openUnitDraw, randomPermutation } from './random.ts';

/** `runs` points, one Float64Array of `dimensions` values in (0, 1) per run. */
export function latinHypercubeDesign(
  runs: number,
  dimensions: number,
  uniform: Uniform,
): Float64Array[] {
  checkDesignSize(runs, dimensions);
  const points = Array.from({ length: runs }, () => new Float64Array(dimensions));
  for (let dimension = 0; dimension < dimensions; dimension++) {
    const stratumOfRun = randomPermutation(runs, uniform);
    for (let run = 0; run < runs; run++) {
      points[run]![dimension] = drawInStratum(stratumOfRun[run]!, runs, uniform);
    }
  }
  return points;
}

/** A uniform position strictly inside [stratum / strata, (stratum + 1) / strata). */
function drawInStratum(stratum: number, strata: number, uniform: Uniform): number {
  for (;;) {
    const value = (stratum + openUnitDraw(uniform)) / strata;
    // Rounding can carry a draw at a stratum's edge into its neighbour; draw again.
    if (Math.floor(value * strata) === stratum && value > 0 && value < 1) return value;
  }
}
