import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { latinHypercubeDesign } from '../../src/design/sample/latin-hypercube.ts';
import { randomDesign } from '../../src/design/sample/random.ts';

/** How many points of `points` fall in each of `strata` equal strata of one dimension. */
function stratumCounts(points: Float64Array[], dimension: number, strata: number): number[] {
  const counts = new Array<number>(strata).fill(0);
  for (const point of points) counts[Math.floor(point[dimension]! * strata)]!++;
  return counts;
}

describe('Latin hypercube design', () => {
  it('puts exactly one point in each stratum of every input', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 12 }),
        fc.string(),
        (runs, dimensions, seed) => {
          const points = latinHypercubeDesign(runs, dimensions, seedrandom.alea(seed));
          expect(points).toHaveLength(runs);
          for (let dimension = 0; dimension < dimensions; dimension++) {
            expect(stratumCounts(points, dimension, runs)).toEqual(new Array(runs).fill(1));
          }
        },
      ),
    );
  });

  it('stays strictly inside (0, 1) even when the generator returns 0', () => {
    const zeroesFirst = [0, 0, 0, 0.5, 0.999999999999, 0.25];
    let draw = 0;
    const stubbed = () => zeroesFirst[draw++ % zeroesFirst.length]!;
    for (const point of latinHypercubeDesign(5, 3, stubbed)) {
      for (const value of point) {
        expect(value).toBeGreaterThan(0);
        expect(value).toBeLessThan(1);
      }
    }
  });

  it('pairs strata differently across inputs and seeds, and repeats itself for one seed', () => {
    const first = latinHypercubeDesign(50, 2, seedrandom.alea('a'));
    const again = latinHypercubeDesign(50, 2, seedrandom.alea('a'));
    const other = latinHypercubeDesign(50, 2, seedrandom.alea('b'));
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    const strataOf = (dimension: number) => first.map((p) => Math.floor(p[dimension]! * 50));
    expect(strataOf(0)).not.toEqual(strataOf(1));
  });
});

describe('random design', () => {
  it('gives runs x dimensions values strictly inside (0, 1), same seed same points', () => {
    const points = randomDesign(1000, 4, seedrandom.alea('mc'));
    expect(points).toHaveLength(1000);
    for (const point of points) {
      expect(point).toHaveLength(4);
      for (const value of point) expect(value > 0 && value < 1).toBe(true);
    }
    expect(randomDesign(1000, 4, seedrandom.alea('mc'))).toEqual(points);
  });

  it('redraws an exact 0 instead of handing it to a quantile', () => {
    const draws = [0, 0.3, 0, 0.7];
    let draw = 0;
    expect(Array.from(randomDesign(1, 2, () => draws[draw++]!)[0]!)).toEqual([0.3, 0.7]);
  });
});
