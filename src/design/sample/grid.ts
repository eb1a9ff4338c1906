/**
 * Full-factorial grid: every combination of `levels` values per input, at the centres
 * (k + 1/2) / levels of equally likely strata so quantile transforms stay finite. Exhaustive and
 * easy to read off, but the run count levels^d grows fast: for two or three inputs.
 *
 * @example
 * gridDesign(2, 2) // [0.25, 0.25], [0.25, 0.75], [0.75, 0.25], [0.75, 0.75]
 */
import { checkDesignSize } from './random.ts';

export function gridRunCount(levels: number, dimensions: number): number {
  return levels ** dimensions;
}

/** All levels^dimensions points in odometer order: the last input varies fastest. */
export function gridDesign(levels: number, dimensions: number): Float64Array[] {
  if (!Number.isInteger(levels) || levels < 1) {
    throw new RangeError(`levels must be a positive integer: ${levels}`);
  }
  const runs = gridRunCount(levels, dimensions);
  checkDesignSize(runs, dimensions);
  const points: Float64Array[] = [];
  for (let run = 0; run < runs; run++) {
    const point = new Float64Array(dimensions);
    let rest = run;
    for (let input = dimensions - 1; input >= 0; input--) {
      point[input] = ((rest % levels) + 0.5) / levels;
      rest = Math.floor(rest / levels);
    }
    points.push(point);
  }
  return points;
}
