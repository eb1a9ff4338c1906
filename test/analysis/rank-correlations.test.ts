/**
 * Spearman and partial rank correlations: they agree with a plain recomputation (ranks by
 * counting, residuals by normal equations), give the textbook value on a worked example, and
 * rank the input that decides a synthetic outcome first.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import {
  partialRankCorrelations,
  rankCorrelations,
  spearman,
} from '../../src/analysis/sensitivity/rank-correlations.ts';
import { drawNormal } from '../../src/math/random.ts';

/** Rank by counting: 1 + (values below) + (ties, self included, less one) / 2. */
function plainRanks(values: readonly number[]): number[] {
  return values.map((value) => {
    let below = 0;
    let equal = 0;
    for (const other of values) {
      if (other < value) below++;
      else if (other === value) equal++;
    }
    return below + (equal + 1) / 2;
  });
}

function plainCorrelation(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let k = 0; k < n; k++) {
    sxy += (x[k]! - mx) * (y[k]! - my);
    sxx += (x[k]! - mx) ** 2;
    syy += (y[k]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Residuals of y regressed on [1, predictors], by solving the normal equations. */
function residuals(y: readonly number[], predictors: readonly (readonly number[])[]): number[] {
  const n = y.length;
  const design = Array.from({ length: n }, (_, k) => [1, ...predictors.map((p) => p[k]!)]);
  const p = design[0]!.length;
  const xtx = Array.from({ length: p }, (_, i) =>
    Array.from({ length: p }, (_, j) => design.reduce((s, row) => s + row[i]! * row[j]!, 0)),
  );
  const xty = Array.from({ length: p }, (_, i) =>
    design.reduce((s, row, k) => s + row[i]! * y[k]!, 0),
  );
  // Gaussian elimination without pivoting: X'X is positive definite here.
  for (let i = 0; i < p; i++) {
    for (let r = i + 1; r < p; r++) {
      const f = xtx[r]![i]! / xtx[i]![i]!;
      for (let c = i; c < p; c++) xtx[r]![c]! -= f * xtx[i]![c]!;
      xty[r]! -= f * xty[i]!;
    }
  }
  const beta = new Array<number>(p).fill(0);
  for (let i = p - 1; i >= 0; i--) {
    let s = xty[i]!;
    for (let c = i + 1; c < p; c++) s -= xtx[i]![c]! * beta[c]!;
    beta[i] = s / xtx[i]![i]!;
  }
  return design.map((row, k) => y[k]! - row.reduce((s, v, i) => s + v * beta[i]!, 0));
}

function plainPrcc(inputs: readonly (readonly number[])[], y: readonly number[]): number[] {
  const ranked = inputs.map(plainRanks);
  const ry = plainRanks(y);
  return ranked.map((rx, j) => {
    const others = ranked.filter((_, i) => i !== j);
    return plainCorrelation(residuals(rx, others), residuals(ry, others));
  });
}

describe('rank correlations', () => {
  it('agree with a plain recomputation to 1e-9, ties included', () => {
    const uniform = seedrandom.alea('rank-correlations-test');
    for (const n of [12, 40, 97]) {
      // Rounded values, so that ties occur in inputs and outcome alike.
      const inputs = Array.from({ length: 4 }, () =>
        Array.from({ length: n }, () => Math.round(uniform() * 10)),
      );
      const y = inputs[0]!.map((x0, k) =>
        Math.round(x0 - 2 * inputs[1]![k]! + 0.5 * inputs[2]![k]! ** 2 + 3 * uniform()),
      );
      const fast = spearman(inputs, y);
      const partial = partialRankCorrelations(inputs, y);
      const plainRy = plainRanks(y);
      const plainS = inputs.map((x) => plainCorrelation(plainRanks(x), plainRy));
      const plainP = plainPrcc(inputs, y);
      for (let j = 0; j < inputs.length; j++) {
        expect(Math.abs(fast[j]! - plainS[j]!)).toBeLessThan(1e-9);
        expect(Math.abs(partial[j]! - plainP[j]!)).toBeLessThan(1e-9);
      }
    }
  });

  it('give the worked example its Spearman value', () => {
    // Ranks x: 1 2 3 4 5; y = [2, 1, 4, 3, 5]: sum d^2 = 4, rho = 1 - 6 * 4 / (5 * 24) = 0.8.
    expect(spearman([[10, 20, 30, 40, 50]], [2, 1, 4, 3, 5])[0]).toBeCloseTo(0.8, 12);
    // With ties: y ranks 1.5 1.5 3 4 5 against 1..5: rho = 9.5 / sqrt(10 * 9.5).
    expect(spearman([[1, 2, 3, 4, 5]], [7, 7, 8, 9, 10])[0]).toBeCloseTo(9.5 / Math.sqrt(95), 12);
  });

  it('give a monotone non-linear outcome a Spearman correlation of 1', () => {
    const uniform = seedrandom.alea('monotone');
    const x = Array.from({ length: 50 }, () => uniform() * 4);
    expect(spearman([x], x.map(Math.exp))[0]).toBeCloseTo(1, 12);
    expect(
      spearman(
        [x],
        x.map((v) => -Math.exp(v)),
      )[0],
    ).toBeCloseTo(-1, 12);
  });

  it('rank the decisive input first, and a faint one near zero, with intervals around them', () => {
    const uniform = seedrandom.alea('synthetic');
    const n = 200;
    const x1 = Array.from({ length: n }, () => uniform());
    const x2 = Array.from({ length: n }, () => uniform());
    const x3 = Array.from({ length: n }, () => uniform());
    const y = x1.map((v, k) => 3 * v + 0.1 * x2[k]! + 0.3 * drawNormal(uniform));
    const result = rankCorrelations([x1, x2, x3], y, { resamples: 200 });
    const [p1, p2, p3] = result.prcc.map((p) => p.estimate);
    expect(p1).toBeGreaterThan(0.9);
    expect(Math.abs(p2!)).toBeLessThan(0.3);
    expect(Math.abs(p3!)).toBeLessThan(0.3);
    expect(Math.abs(p1!)).toBeGreaterThan(Math.abs(p2!));
    for (const estimate of [...result.prcc, ...result.spearman]) {
      expect(estimate.low).toBeLessThanOrEqual(estimate.estimate);
      expect(estimate.high).toBeGreaterThanOrEqual(estimate.estimate);
    }
    expect(result.prcc[0]!.low).toBeGreaterThan(0.8);
  });

  it('drop the runs whose outcome is not finite, and say how many', () => {
    const x = [1, 2, 3, 4, 5, 6];
    const y = [1, Number.NaN, 3, 4, Number.POSITIVE_INFINITY, 6];
    const result = rankCorrelations([x], y, { resamples: 10 });
    expect(result.dropped).toBe(2);
    expect(result.runs).toBe(4);
    expect(result.spearman[0]!.estimate).toBeCloseTo(1, 12);
  });
});
