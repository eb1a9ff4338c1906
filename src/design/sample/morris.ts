/**
 * Morris (1991) elementary-effects screening design: `trajectories` random one-at-a-time walks
 * of d + 1 points on a p-level grid, each step moving a single input by delta. Cheap
 * (trajectories * (d + 1) runs) and good at telling inputs that matter from those that do not.
 *
 * Morris' grid has levels 0, 1/(p-1), ..., 1 and step delta = p / (2 (p - 1)), i.e. p/2 levels.
 * Levels 0 and 1 would be infinite under a normal quantile, so the points handed out use the
 * centred levels (k + 1/2) / p instead (the midpoints of p equally likely strata, as in a Latin
 * hypercube). A step of p/2 levels is then a change of exactly 1/2 in unit-hypercube
 * coordinates: `stepSize`, which `morrisEffects` divides by.
 *
 * @example
 * const design = morrisDesign(10, 3, seedrandom.alea('screening')); // 40 runs
 * design.points[0]          // e.g. [0.375, 0.875, 0.125]
 * design.changedInput[0]    // the input that differs between points 0 and 1
 */
import { integerBetween, type Uniform } from '../../math/random.ts';
import { checkDesignSize, randomPermutation } from './random.ts';

export interface MorrisDesign {
  readonly trajectories: number;
  readonly dimensions: number;
  /** Grid levels p per input. */
  readonly levels: number;
  /** Morris' step on the 0..1 grid, p / (2 (p - 1)). */
  readonly delta: number;
  /** The same step in the coordinates of `points` (centred levels): always 1/2. */
  readonly stepSize: number;
  /**
   * trajectories * (dimensions + 1) points in (0, 1); trajectory t is rows
   * t (d + 1) .. t (d + 1) + d, and consecutive rows in it differ in one input.
   */
  readonly points: readonly Float64Array[];
  /** For trajectory t and step s (index t d + s): the input changed from row s to row s + 1. */
  readonly changedInput: Int32Array;
  /** +1 where that input went up by `stepSize`, -1 where it went down. */
  readonly stepSign: Int8Array;
}

export interface MorrisOptions {
  /** Grid levels p, even and at least 2 so a step of p/2 levels stays on the grid. Default 4. */
  readonly levels?: number;
}

export function morrisDesign(
  trajectories: number,
  dimensions: number,
  uniform: Uniform,
  options: MorrisOptions = {},
): MorrisDesign {
  checkDesignSize(trajectories, dimensions);
  const levels = options.levels ?? 4;
  if (!Number.isInteger(levels) || levels < 2 || levels % 2 !== 0) {
    throw new RangeError(`levels must be an even integer of at least 2: ${levels}`);
  }
  const stepLevels = levels / 2;
  const points: Float64Array[] = [];
  const changedInput = new Int32Array(trajectories * dimensions);
  const stepSign = new Int8Array(trajectories * dimensions);
  for (let trajectory = 0; trajectory < trajectories; trajectory++) {
    // Each input starts on a level from which its step, up or down, stays on the grid.
    const level = new Int32Array(dimensions);
    const sign = new Int8Array(dimensions);
    for (let input = 0; input < dimensions; input++) {
      const lower = integerBetween(uniform, 0, levels - stepLevels - 1);
      const up = uniform() < 0.5;
      level[input] = up ? lower : lower + stepLevels;
      sign[input] = up ? 1 : -1;
    }
    points.push(centredPoint(level, levels));
    const order = randomPermutation(dimensions, uniform);
    for (let step = 0; step < dimensions; step++) {
      const input = order[step]!;
      level[input]! += sign[input]! * stepLevels;
      changedInput[trajectory * dimensions + step] = input;
      stepSign[trajectory * dimensions + step] = sign[input]!;
      points.push(centredPoint(level, levels));
    }
  }
  return {
    trajectories,
    dimensions,
    levels,
    delta: levels / (2 * (levels - 1)),
    stepSize: stepLevels / levels,
    points,
    changedInput,
    stepSign,
  };
}

function centredPoint(level: Int32Array, levels: number): Float64Array {
  const point = new Float64Array(level.length);
  for (let input = 0; input < level.length; input++) point[input] = (level[input]! + 0.5) / levels;
  return point;
}
