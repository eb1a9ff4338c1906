import { describe, expect, it } from 'vitest';
import {
  SOBOL_MAX_DIMENSIONS,
  saltelliDesign,
  saltelliRunCount,
  saltelliRunIndex,
  saltelliRuns,
  sobolSequence,
} from '../../src/design/sample/sobol.ts';

const column = (points: Float64Array[], dimension: number) => points.map((p) => p[dimension]!);

/** Points of one dimension in each dyadic interval [j / 2^k, (j + 1) / 2^k). */
function dyadicCounts(values: number[], k: number): number[] {
  const counts = new Array<number>(2 ** k).fill(0);
  for (const value of values) counts[Math.floor(value * 2 ** k)]!++;
  return counts;
}

describe("Sobol' sequence", () => {
  it('starts, after the dropped zero point, with the known points of dimensions 1-3', () => {
    const points = sobolSequence(7, 3);
    expect(column(points, 0)).toEqual([0.5, 0.75, 0.25, 0.375, 0.875, 0.625, 0.125]);
    expect(column(points, 1)).toEqual([0.5, 0.25, 0.75, 0.375, 0.875, 0.125, 0.625]);
    expect(column(points, 2)).toEqual([0.5, 0.25, 0.75, 0.625, 0.125, 0.875, 0.375]);
  });

  it('begins at the all-zeros point when nothing is skipped', () => {
    expect(Array.from(sobolSequence(1, 5, 0)[0]!)).toEqual([0, 0, 0, 0, 0]);
  });

  it('matches the Joe-Kuo reference sequence in high dimensions (scipy, point 1000)', () => {
    const point = sobolSequence(1, SOBOL_MAX_DIMENSIONS, 1000)[0]!;
    const reference: [number, number][] = [
      [10, 297795584],
      [50, 2059403264],
      [100, 801112064],
      [255, 1866465280],
      [256, 1069547520],
    ];
    for (const [dimension, numerator] of reference) {
      expect(point[dimension - 1]).toBe(numerator / 2 ** 32);
    }
  });

  it('fills every dyadic interval of every dimension once per aligned block of 2^k points', () => {
    for (const k of [1, 2, 5, 8, 10]) {
      for (const skip of [0, 2 ** k, 3 * 2 ** k]) {
        const points = sobolSequence(2 ** k, 64, skip);
        for (let dimension = 0; dimension < 64; dimension++) {
          expect(dyadicCounts(column(points, dimension), k)).toEqual(new Array(2 ** k).fill(1));
        }
      }
    }
  });

  it('in dimensions 1-2 fills every dyadic box of area 2^-k once (a (0, k, 2)-net)', () => {
    const k = 8;
    const points = sobolSequence(2 ** k, 2, 0);
    for (let xBits = 0; xBits <= k; xBits++) {
      const yBits = k - xBits;
      const counts = new Map<number, number>();
      for (const [x = 0, y = 0] of points) {
        const box = Math.floor(x * 2 ** xBits) * 2 ** yBits + Math.floor(y * 2 ** yBits);
        counts.set(box, (counts.get(box) ?? 0) + 1);
      }
      expect(counts.size).toBe(2 ** k);
    }
  });

  it('without the zero point, the first 2^k - 1 points fill every interval but [0, 2^-k)', () => {
    for (const k of [3, 6, 9]) {
      const points = sobolSequence(2 ** k - 1, 20);
      for (let dimension = 0; dimension < 20; dimension++) {
        const counts = dyadicCounts(column(points, dimension), k);
        expect(counts[0]).toBe(0);
        expect(counts.slice(1)).toEqual(new Array(2 ** k - 1).fill(1));
      }
    }
  });

  it('stays strictly inside (0, 1) in all dimensions', () => {
    let outside = 0;
    for (const point of sobolSequence(4096, SOBOL_MAX_DIMENSIONS)) {
      for (const value of point) if (!(value > 0 && value < 1)) outside++;
    }
    expect(outside).toBe(0);
  });

  it('continues the same sequence whatever the starting point', () => {
    const whole = sobolSequence(300, 10, 0);
    expect(sobolSequence(100, 10, 200)).toEqual(whole.slice(200));
  });

  it('rejects dimensions beyond the embedded direction numbers', () => {
    expect(() => sobolSequence(4, SOBOL_MAX_DIMENSIONS + 1)).toThrow(RangeError);
    expect(() => sobolSequence(4, 0)).toThrow(RangeError);
  });
});

describe('Saltelli design', () => {
  const dimensions = 4;
  const baseRuns = 64;
  const design = saltelliDesign(baseRuns, dimensions);

  it('takes A and B from the two halves of one 2d-dimensional Sobol sequence', () => {
    const sequence = sobolSequence(baseRuns, 2 * dimensions, 64);
    expect(design.a).toEqual(sequence.map((p) => p.slice(0, dimensions)));
    expect(design.b).toEqual(sequence.map((p) => p.slice(dimensions)));
  });

  it('makes AB_i differ from A in input i alone, which comes from B', () => {
    for (let input = 0; input < dimensions; input++) {
      for (let j = 0; j < baseRuns; j++) {
        const expected = design.a[j]!.slice();
        expected[input] = design.b[j]![input]!;
        expect(design.ab[input]![j]).toEqual(expected);
      }
    }
  });

  it('orders runs A_j, AB_0j .. AB_(d-1)j, B_j per base row, as saltelliRunIndex says', () => {
    const runs = saltelliRuns(design);
    expect(runs).toHaveLength(saltelliRunCount(baseRuns, dimensions));
    expect(runs).toHaveLength(baseRuns * (dimensions + 2));
    expect(saltelliRunIndex(dimensions, 0, 'a')).toBe(0);
    expect(saltelliRunIndex(dimensions, 0, { ab: 0 })).toBe(1);
    expect(saltelliRunIndex(dimensions, 0, 'b')).toBe(dimensions + 1);
    expect(saltelliRunIndex(dimensions, 1, 'a')).toBe(dimensions + 2);
    const seen = new Set<number>();
    for (let j = 0; j < baseRuns; j++) {
      const a = saltelliRunIndex(dimensions, j, 'a');
      const b = saltelliRunIndex(dimensions, j, 'b');
      expect(runs[a]).toBe(design.a[j]);
      expect(runs[b]).toBe(design.b[j]);
      seen.add(a).add(b);
      for (let input = 0; input < dimensions; input++) {
        const ab = saltelliRunIndex(dimensions, j, { ab: input });
        expect(runs[ab]).toBe(design.ab[input]![j]);
        seen.add(ab);
      }
    }
    expect(seen.size).toBe(runs.length);
  });
});
