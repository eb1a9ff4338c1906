import { describe, expect, it } from 'vitest';
import { gridDesign, gridRunCount } from '../../src/design/sample/grid.ts';

describe('grid design', () => {
  it.each([
    [1, 3],
    [2, 2],
    [3, 3],
    [5, 2],
    [4, 4],
  ])('with %i levels in %i dimensions has levels^d runs, each combination once', (levels, d) => {
    const points = gridDesign(levels, d);
    expect(points).toHaveLength(levels ** d);
    expect(gridRunCount(levels, d)).toBe(levels ** d);
    const centres = Array.from({ length: levels }, (_, k) => (k + 0.5) / levels);
    const combinations = new Set<string>();
    for (const point of points) {
      expect(point).toHaveLength(d);
      for (const value of point) expect(centres).toContain(value);
      combinations.add(Array.from(point).join(','));
    }
    expect(combinations.size).toBe(levels ** d);
  });

  it('varies the last input fastest', () => {
    expect(gridDesign(2, 2).map((p) => Array.from(p))).toEqual([
      [0.25, 0.25],
      [0.25, 0.75],
      [0.75, 0.25],
      [0.75, 0.75],
    ]);
    expect(Array.from(gridDesign(3, 3)[5]!)).toEqual([1 / 6, 0.5, 5 / 6]);
  });

  it('puts a single level at the centre', () => {
    expect(gridDesign(1, 2).map((p) => Array.from(p))).toEqual([[0.5, 0.5]]);
  });

  it('rejects zero levels', () => {
    expect(() => gridDesign(0, 2)).toThrow(RangeError);
  });
});
