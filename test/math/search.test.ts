import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { countAtLeast, DescendingIndex } from '../../src/math/search.ts';

/** A descending list of `count` values, some of them tied, from `uniform`. */
function descending(uniform: () => number, count: number): Float64Array {
  const values = Float64Array.from({ length: count }, () => Math.round(uniform() * 40) / 4);
  return values.sort().reverse();
}

describe('countAtLeast and DescendingIndex', () => {
  it('counts the values at least a limit, by bisection and by the table alike', () => {
    const values = Float64Array.from([9, 7, 7, 3, 1]);
    const index = new DescendingIndex(values, 5);
    const cases: [number, number][] = [
      [10, 0],
      [9, 1],
      [8, 1],
      [7, 3],
      [2, 4],
      [1, 5],
      [-5, 5],
    ];
    for (const [limit, count] of cases) {
      expect(countAtLeast(values, 5, limit), `limit ${limit}`).toBe(count);
      expect(index.countAtLeast(limit), `limit ${limit}`).toBe(count);
    }
  });

  it('gives the table the answer of the bisection for every limit: ties, edges, ulps, infinities and NaN', () => {
    const uniform = seedrandom('descending-index');
    for (let list = 0; list < 200; list++) {
      const count = Math.floor(uniform() * 12);
      const values = descending(uniform, count);
      const index = new DescendingIndex(values, count);
      const limits = [Number.NaN, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
      for (const value of values) {
        limits.push(value, value * (1 + Number.EPSILON), value - 1e-12, value + 1e-12);
      }
      for (let k = 0; k < 50; k++) limits.push(uniform() * 14 - 2);
      for (const limit of limits) {
        expect(index.countAtLeast(limit), `list ${list}, limit ${limit}`).toBe(
          countAtLeast(values, count, limit),
        );
      }
    }
  });
});
