import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { sobolIndices } from '../../src/analysis/sensitivity/sobol-indices.ts';
import { saltelliDesign, saltelliRuns } from '../../src/design/sample/sobol.ts';
import { quantile, uniform } from '../../src/math/distributions.ts';

/** Ishigami & Homma (1990): strongly non-linear and non-additive, with known indices. */
const A = 7;
const B = 0.1;
const onMinusPiToPi = uniform(-Math.PI, Math.PI);

function ishigami(point: Float64Array): number {
  const [x1, x2, x3] = Array.from(point, (u) => quantile(onMinusPiToPi, u)) as [
    number,
    number,
    number,
  ];
  return Math.sin(x1) + A * Math.sin(x2) ** 2 + B * x3 ** 4 * Math.sin(x1);
}

/** Analytic partial variances (Sobol' & Levitan 1999). */
function ishigamiIndices(): { first: number[]; total: number[] } {
  const pi4 = Math.PI ** 4;
  const pi8 = Math.PI ** 8;
  const v1 = 0.5 * (1 + (B * pi4) / 5) ** 2;
  const v2 = A ** 2 / 8;
  const v13 = (B ** 2 * pi8) / 18 - (B ** 2 * pi8) / 50;
  const variance = v1 + v2 + v13;
  return {
    first: [v1 / variance, v2 / variance, 0],
    total: [(v1 + v13) / variance, v2 / variance, v13 / variance],
  };
}

describe("Sobol' indices", () => {
  // Base N = 2^13 Sobol' rows, 8192 * (3 + 2) = 40,960 model runs: the largest error is about
  // 0.002 here, ten times inside the 0.02 tolerance. Roughly 0.4 s with 1000 bootstrap resamples.
  const design = saltelliDesign(2 ** 13, 3);
  const outputs = saltelliRuns(design).map(ishigami);
  const indices = sobolIndices(outputs, 3, { uniform: seedrandom.alea('ishigami') });
  const analytic = ishigamiIndices();

  it('analytic Ishigami values are the published ones', () => {
    expect(analytic.first[0]).toBeCloseTo(0.3139, 4);
    expect(analytic.first[1]).toBeCloseTo(0.4424, 4);
    expect(analytic.total[0]).toBeCloseTo(0.5576, 4);
    expect(analytic.total[2]).toBeCloseTo(0.2437, 4);
  });

  it('recover the Ishigami first- and total-order indices within 0.02', () => {
    for (let input = 0; input < 3; input++) {
      expect(Math.abs(indices.first[input]!.estimate - analytic.first[input]!)).toBeLessThan(0.02);
      expect(Math.abs(indices.total[input]!.estimate - analytic.total[input]!)).toBeLessThan(0.02);
    }
    const pi = Math.PI;
    const outputVariance = A ** 2 / 8 + (B * pi ** 4) / 5 + (B ** 2 * pi ** 8) / 18 + 0.5;
    expect(indices.variance / outputVariance).toBeCloseTo(1, 2);
  });

  it('give bootstrap intervals that contain the estimate and cover the analytic value', () => {
    for (const [estimates, truths] of [
      [indices.first, analytic.first],
      [indices.total, analytic.total],
    ] as const) {
      estimates.forEach(({ estimate, low, high }, input) => {
        expect(low).toBeLessThanOrEqual(estimate);
        expect(high).toBeGreaterThanOrEqual(estimate);
        expect(high - low).toBeLessThan(0.1);
        expect(truths[input]!).toBeGreaterThan(low);
        expect(truths[input]!).toBeLessThan(high);
      });
    }
  });

  it('give the same intervals for the same bootstrap seed, other ones for another', () => {
    const small = saltelliRuns(saltelliDesign(256, 3)).map(ishigami);
    const once = sobolIndices(small, 3, { resamples: 200, uniform: seedrandom.alea('s') });
    const again = sobolIndices(small, 3, { resamples: 200, uniform: seedrandom.alea('s') });
    const other = sobolIndices(small, 3, { resamples: 200, uniform: seedrandom.alea('t') });
    expect(again).toEqual(once);
    expect(other.first.map((e) => e.estimate)).toEqual(once.first.map((e) => e.estimate));
    expect(other.first.map((e) => e.low)).not.toEqual(once.first.map((e) => e.low));
  });

  it('split an additive model by its squared coefficients, whatever its offset', () => {
    // f = 1000 + u0 + 2 u1 with u uniform: variances 1/12 and 4/12, so S = ST = [0.2, 0.8, 0].
    const runs = saltelliRuns(saltelliDesign(2 ** 12, 3));
    const { first, total } = sobolIndices(
      runs.map(([u0 = 0, u1 = 0]) => 1000 + u0 + 2 * u1),
      3,
      { resamples: 10 },
    );
    expect(first.map((e) => e.estimate)).toEqual([
      expect.closeTo(0.2, 3),
      expect.closeTo(0.8, 3),
      expect.closeTo(0, 3),
    ]);
    expect(total.map((e) => e.estimate)).toEqual([
      expect.closeTo(0.2, 3),
      expect.closeTo(0.8, 3),
      expect.closeTo(0, 3),
    ]);
  });

  it('reject outputs that do not fit a Saltelli design', () => {
    expect(() => sobolIndices(new Float64Array(11), 3)).toThrow(RangeError);
    expect(() => sobolIndices([1, 2, 3, 4, 5, Number.NaN, 7, 8, 9, 10], 3)).toThrow(RangeError);
  });
});
