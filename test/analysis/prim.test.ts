import { describe, expect, it } from 'vitest';
import { boxQuantile, prim } from '../../src/analysis/prim.ts';

/** A small deterministic generator (mulberry32), so the synthetic runs are the same each time. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('PRIM', () => {
  it('agrees with a hand-worked example: one input 1..10, the condition holding from 7 up', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const holds = x.map((value) => value >= 7);
    const found = prim([x], holds, { peelAlpha: 0.1, threshold: 0.8 });
    // By hand: at each step the lower peel cuts between the two smallest values left (position
    // 0.1 (n - 1) < 1) and raises the density, the upper peel (cutting 10 off) lowers it; so the
    // box loses its lowest run each step, 4 of 10, 4 of 9, ..., 4 of 4. From [6.5, 10] both
    // peels leave the density at 1: no gain, the peeling stops.
    expect(found.trajectory.map((step) => step.limits[0])).toEqual([
      [1, 10],
      [1.5, 10],
      [2.5, 10],
      [3.5, 10],
      [4.5, 10],
      [5.5, 10],
      [6.5, 10],
    ]);
    expect(found.trajectory.map((step) => step.runs)).toEqual([10, 9, 8, 7, 6, 5, 4]);
    expect(found.trajectory.map((step) => step.density)).toEqual([
      4 / 10,
      4 / 9,
      4 / 8,
      4 / 7,
      4 / 6,
      4 / 5,
      1,
    ]);
    expect(found.trajectory.every((step) => step.coverage === 1)).toBe(true);
    expect(found.trajectory.map((step) => step.mass)).toEqual([1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4]);
    expect(found.trajectory.map((step) => step.restricted)).toEqual([0, 1, 1, 1, 1, 1, 1]);
    // Density 0.8 and 1 both reach the threshold with all the coverage: the denser is chosen.
    expect(found.chosen).toBe(6);
    expect(found.reachesThreshold).toBe(true);
    // Quasi-p of x >= 6.5: without it the box is every run, density 4/10; all 4 runs of the
    // box holding has probability 0.4^4 = 0.0256.
    expect(found.restrictions).toHaveLength(1);
    const [restriction] = found.restrictions;
    expect(restriction).toMatchObject({ input: 0, low: 6.5, high: 10, rangeLow: 1, rangeHigh: 10 });
    expect(restriction!.quasiPLow).toBeCloseTo(0.4 ** 4, 12);
    expect(restriction!.quasiPHigh).toBeNaN();
  });

  it('a paste that lowers the density is not taken: the hand-worked box stays [6.5, 10]', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const found = prim(
      [x],
      x.map((value) => value >= 7),
      { peelAlpha: 0.1, pasteAlpha: 0.1, threshold: 0.8 },
    );
    // Pasting x's lower side would take back 6 (density 4/5 < 1): refused.
    expect(found.trajectory).toHaveLength(7);
    expect(found.trajectory.every((step) => step.phase !== 'paste')).toBe(true);
  });

  it('cuts between distinct values, past ties, as EMA Workbench does', () => {
    expect(boxQuantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.1)).toBe(1.5);
    expect(boxQuantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9.5);
    // Ties at the bottom: the cut moves up past them.
    expect(boxQuantile([0, 0, 0, 0, 1, 2, 3, 4, 5, 6], 0.1)).toBe(0.5);
    expect(boxQuantile([0, 0, 1, 1, 1, 1, 1, 1, 2, 2], 0.9)).toBe(1.5);
  });

  it('recovers a box planted in five inputs: coverage and density above 0.9, limits within 0.05', () => {
    const random = generator(7);
    const runs = 2000;
    const inputs = Array.from({ length: 5 }, () => Float64Array.from({ length: runs }, random));
    // The condition holds where x0 > 0.6 and x2 < 0.5 (a fifth of the runs), nowhere else.
    const holds = Array.from(
      { length: runs },
      (_, run) => inputs[0]![run]! > 0.6 && inputs[2]![run]! < 0.5,
    );
    const found = prim(inputs, holds, { threshold: 0.9 });
    const box = found.trajectory[found.chosen]!;
    expect(found.reachesThreshold).toBe(true);
    expect(box.coverage).toBeGreaterThanOrEqual(0.9);
    expect(box.density).toBeGreaterThanOrEqual(0.9);
    expect(found.restrictions.map((r) => r.input).sort()).toEqual([0, 2]);
    const x0 = found.restrictions.find((r) => r.input === 0)!;
    const x2 = found.restrictions.find((r) => r.input === 2)!;
    expect(Math.abs(x0.low - 0.6)).toBeLessThanOrEqual(0.05);
    expect(x0.quasiPHigh).toBeNaN();
    expect(Math.abs(x2.high - 0.5)).toBeLessThanOrEqual(0.05);
    expect(x2.quasiPLow).toBeNaN();
    // Both restrictions matter: dropping either would make the box's density very unlikely.
    expect(x0.quasiPLow).toBeLessThan(1e-6);
    expect(x2.quasiPHigh).toBeLessThan(1e-6);
  });

  it('recovers a planted box through noise: a tenth of the runs flipped', () => {
    const random = generator(11);
    const runs = 3000;
    const inputs = Array.from({ length: 4 }, () => Float64Array.from({ length: runs }, random));
    const inside = (run: number) =>
      inputs[1]![run]! > 0.3 && inputs[1]![run]! < 0.8 && inputs[3]![run]! > 0.5;
    const holds = Array.from({ length: runs }, (_, run) =>
      random() < 0.1 ? !inside(run) : inside(run),
    );
    const found = prim(inputs, holds, { threshold: 0.8 });
    const box = found.trajectory[found.chosen]!;
    // In the planted box 90 % of runs hold, outside 10 %: the chosen box reaches 0.8 and
    // catches nearly all the runs that hold inside the planted box: about 3 in 4 of the runs
    // that hold (the others are the flipped runs outside it).
    expect(found.reachesThreshold).toBe(true);
    expect(box.density).toBeGreaterThanOrEqual(0.8);
    expect(box.coverage).toBeGreaterThanOrEqual(0.7);
    expect(found.restrictions.map((r) => r.input).sort()).toEqual([1, 3]);
    const x1 = found.restrictions.find((r) => r.input === 1)!;
    const x3 = found.restrictions.find((r) => r.input === 3)!;
    expect(Math.abs(x1.low - 0.3)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(x1.high - 0.8)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(x3.low - 0.5)).toBeLessThanOrEqual(0.1);
  });

  it('coverage never rises and mass falls while peeling, and each box lies inside the one before', () => {
    const random = generator(3);
    const runs = 500;
    const inputs = Array.from({ length: 3 }, () => Float64Array.from({ length: runs }, random));
    const holds = Array.from(
      { length: runs },
      (_, run) => inputs[0]![run]! + inputs[1]![run]! > 1.2,
    );
    const { trajectory } = prim(inputs, holds);
    expect(trajectory.length).toBeGreaterThan(3);
    for (let i = 1; i < trajectory.length; i++) {
      const [before, after] = [trajectory[i - 1]!, trajectory[i]!];
      expect(after.coverage).toBeLessThanOrEqual(before.coverage);
      expect(after.mass).toBeLessThan(before.mass);
      expect(after.mass).toBeGreaterThanOrEqual(0.05);
      after.limits.forEach(([low, high], j) => {
        expect(low).toBeGreaterThanOrEqual(before.limits[j]![0]);
        expect(high).toBeLessThanOrEqual(before.limits[j]![1]);
      });
    }
  });
});
