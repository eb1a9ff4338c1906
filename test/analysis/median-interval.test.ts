import { describe, expect, it } from 'vitest';
import { medianInterval95 } from '../../src/analysis/statistics.ts';

/** 1, 2, ..., n in a shuffled order: the k-th order statistic is k itself. */
function ranks(n: number): number[] {
  return Array.from({ length: n }, (_, index) => ((index * 7) % n) + 1);
}

describe("the median's 95 % interval from order statistics", () => {
  it('takes the ranks of the published tables (Conover 1999, table A3; Hahn and Meeker 1991)', () => {
    // n: the ranks of the lower and upper bound.
    const table: [number, number, number][] = [
      [6, 1, 6],
      [9, 2, 8],
      [10, 2, 9],
      [20, 6, 15],
      [50, 18, 33],
      [100, 40, 61],
    ];
    for (const [n, low, high] of table) {
      const interval = medianInterval95(ranks(n));
      expect([interval.low, interval.high], `n = ${n}`).toEqual([low, high]);
      expect(interval.estimate).toBe((n + 1) / 2);
    }
  });

  it('gives no interval below six values, and leaves NaN values out', () => {
    const five = medianInterval95([5, 1, 4, 2, 3]);
    expect(five.estimate).toBe(3);
    expect(five.low).toBeNaN();
    expect(five.high).toBeNaN();
    expect(medianInterval95([...ranks(10), Number.NaN, Number.NaN])).toEqual({
      estimate: 5.5,
      low: 2,
      high: 9,
    });
  });

  it('stays finite for tens of thousands of values, where 2^-n underflows', () => {
    const interval = medianInterval95(ranks(40_001));
    expect(interval.estimate).toBe(20_001);
    // Normal approximation: n/2 -+ 1.96 sqrt(n)/2, about 196 ranks either side.
    expect(20_001 - interval.low).toBeGreaterThan(190);
    expect(20_001 - interval.low).toBeLessThan(200);
    expect(interval.high - 20_001).toBe(20_001 - interval.low);
  });
});
