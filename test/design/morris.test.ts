import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { morrisDesign } from '../../src/design/sample/morris.ts';

describe('Morris design', () => {
  it.each([2, 4, 6, 8])('with %i levels, each step moves one recorded input by 1/2', (levels) => {
    const dimensions = 5;
    const trajectories = 30;
    const design = morrisDesign(trajectories, dimensions, seedrandom.alea(`morris-${levels}`), {
      levels,
    });
    expect(design.points).toHaveLength(trajectories * (dimensions + 1));
    expect(design.delta).toBe(levels / (2 * (levels - 1)));
    expect(design.stepSize).toBe(0.5);
    for (let t = 0; t < trajectories; t++) {
      const changed = new Set<number>();
      for (let step = 0; step < dimensions; step++) {
        const before = design.points[t * (dimensions + 1) + step]!;
        const after = design.points[t * (dimensions + 1) + step + 1]!;
        const input = design.changedInput[t * dimensions + step]!;
        const sign = design.stepSign[t * dimensions + step]!;
        changed.add(input);
        for (let other = 0; other < dimensions; other++) {
          const expected =
            other === input ? before[other]! + sign * design.stepSize : before[other];
          expect(after[other]).toBeCloseTo(expected!, 14);
        }
      }
      expect(changed.size).toBe(dimensions);
    }
  });

  it('keeps every point on the centred levels (k + 1/2) / p, strictly inside (0, 1)', () => {
    const levels = 6;
    const design = morrisDesign(50, 3, seedrandom.alea('centred'), { levels });
    const centred = Array.from({ length: levels }, (_, k) => (k + 0.5) / levels);
    const visited = new Set<number>();
    for (const point of design.points) {
      for (const value of point) {
        expect(centred).toContain(value);
        visited.add(value);
      }
    }
    expect(visited.size).toBe(levels);
  });

  it('steps up and down, and repeats itself for one seed', () => {
    const design = morrisDesign(40, 3, seedrandom.alea('signs'));
    expect(new Set(design.stepSign)).toEqual(new Set([1, -1]));
    expect(morrisDesign(40, 3, seedrandom.alea('signs'))).toEqual(design);
  });

  it('rejects an odd number of levels, on which a step of p/2 levels is off the grid', () => {
    expect(() => morrisDesign(4, 2, seedrandom.alea('x'), { levels: 5 })).toThrow(RangeError);
    expect(() => morrisDesign(4, 2, seedrandom.alea('x'), { levels: 0 })).toThrow(RangeError);
  });
});
