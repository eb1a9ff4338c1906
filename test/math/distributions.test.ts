import { describe, expect, it } from 'vitest';
import {
  type Distribution,
  discrete,
  logNormal,
  normal,
  quantile,
  triangular,
  uniform,
  validateDistribution,
} from '../../src/math/distributions.ts';

describe('quantile transforms', () => {
  it('a uniform input runs linearly from min to max', () => {
    expect(quantile(uniform(2, 6), 0.5)).toBe(4);
    expect(quantile(uniform(2, 6), 0.25)).toBe(3);
    expect(quantile(uniform(2, 6), 0)).toBe(2);
  });

  it('a normal input is mean + 1.96 sd at the 97.5th percentile', () => {
    expect(quantile(normal(10, 2), 0.975)).toBeCloseTo(10 + 1.959963984540054 * 2, 10);
    expect(quantile(normal(10, 2), 0.5)).toBeCloseTo(10, 12);
    expect(quantile(normal(10, 2), 0.025)).toBeCloseTo(10 - 1.959963984540054 * 2, 10);
  });

  it('a degenerate normal input is its mean everywhere, even at the ends', () => {
    expect(quantile(normal(5, 0), 0)).toBe(5);
    expect(quantile(normal(5, 0), 0.3)).toBe(5);
  });

  it('a log-normal input has its median at 0.5 and exp(sigma z) spread', () => {
    expect(quantile(logNormal(3, 0.5), 0.5)).toBeCloseTo(3, 12);
    expect(quantile(logNormal(3, 0.5), 0.975)).toBeCloseTo(
      3 * Math.exp(0.5 * 1.959963984540054),
      9,
    );
    expect(quantile(logNormal(3, 0.5), 1e-12)).toBeGreaterThan(0);
  });

  it('a triangular input follows the inverse of its piecewise-quadratic CDF', () => {
    const [min, mode, max] = [1, 2, 5];
    const belowMode = (mode - min) / (max - min); // 0.25
    expect(quantile(triangular(min, mode, max), belowMode)).toBeCloseTo(mode, 12);
    for (const u of [0.05, 0.1, 0.2]) {
      expect(quantile(triangular(min, mode, max), u)).toBeCloseTo(
        min + Math.sqrt(u * (max - min) * (mode - min)),
        12,
      );
    }
    for (const u of [0.3, 0.6, 0.95]) {
      expect(quantile(triangular(min, mode, max), u)).toBeCloseTo(
        max - Math.sqrt((1 - u) * (max - min) * (max - mode)),
        12,
      );
    }
    expect(quantile(triangular(3, 3, 3), 0.4)).toBe(3);
    expect(quantile(triangular(0, 0, 1), 0.75)).toBeCloseTo(0.5, 12);
  });

  it('a discrete input picks values in ascending order by cumulative weight', () => {
    const choice = discrete([30, 10, 20], [0.5, 0.2, 0.3]); // sorted: 10 (0.2), 20 (0.3), 30 (0.5)
    expect(quantile(choice, 0.1)).toBe(10);
    expect(quantile(choice, 0.19)).toBe(10);
    expect(quantile(choice, 0.21)).toBe(20);
    expect(quantile(choice, 0.49)).toBe(20);
    expect(quantile(choice, 0.51)).toBe(30);
    expect(quantile(choice, 0.999999)).toBe(30);
    expect(quantile(choice, 1)).toBe(30);
  });

  it('a discrete input without weights gives each value equal probability', () => {
    const choice = discrete([1, 2, 3, 4]);
    expect([0.1, 0.3, 0.6, 0.9].map((u) => quantile(choice, u))).toEqual([1, 2, 3, 4]);
  });

  it('a value of zero weight is never chosen', () => {
    const choice = discrete([1, 2, 3], [1, 0, 1]);
    const chosen = new Set(Array.from({ length: 99 }, (_, k) => quantile(choice, (k + 0.5) / 99)));
    expect([...chosen].sort()).toEqual([1, 3]);
  });

  it('a probability outside [0, 1] is an error', () => {
    expect(() => quantile(uniform(0, 1), 1.5)).toThrow(RangeError);
    expect(() => quantile(uniform(0, 1), Number.NaN)).toThrow(RangeError);
  });
});

describe('validateDistribution', () => {
  it('accepts valid and degenerate distributions', () => {
    const valid: Distribution[] = [
      uniform(0, 1),
      uniform(2, 2),
      normal(0, 0),
      normal(-3, 2),
      logNormal(1, 0),
      triangular(0, 0, 1),
      triangular(1, 1, 1),
      discrete([1]),
      discrete([1, 2], [0, 3]),
    ];
    for (const distribution of valid) expect(validateDistribution(distribution)).toBeUndefined();
  });

  it.each([
    [normal(0, -1), 'sd must be at least 0'],
    [uniform(2, 1), 'min must not be above max'],
    [triangular(2, 1.5, 1), 'min must not be above max'],
    [triangular(0, 2, 1), 'mode must lie between min and max'],
    [triangular(0, -0.1, 1), 'mode must lie between min and max'],
    [logNormal(0, 1), 'median must be positive and finite'],
    [logNormal(1, -0.5), 'sigma must be at least 0'],
    [discrete([]), 'values must not be empty'],
    [discrete([1, 2], [0, 0]), 'weights must be non-negative and not all zero'],
    [discrete([1, 2], [-1, 2]), 'weights must be non-negative and not all zero'],
    [discrete([1, 2], [1]), 'weights must match values in length'],
    [uniform(0, Number.POSITIVE_INFINITY), 'min and max must be finite'],
    [normal(Number.NaN, 1), 'mean must be finite'],
  ] as const)('%o is rejected: %s', (distribution, problem) => {
    expect(validateDistribution(distribution)).toBe(problem);
  });
});
