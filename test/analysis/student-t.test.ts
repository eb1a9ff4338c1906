import { describe, expect, it } from 'vitest';
import { studentT975 } from '../../src/analysis/statistics.ts';

describe("Student's t 0.975 quantile", () => {
  it('matches the standard tables, tabulated and interpolated (within 0.002)', () => {
    // Degrees of freedom: the quantile to four decimals (e.g. NIST/SEMATECH e-Handbook, 1.3.6.7.2).
    const table: [number, number][] = [
      [1, 12.7062],
      [5, 2.5706],
      [29, 2.0452],
      [31, 2.0395],
      [45, 2.0141],
      [90, 1.9867],
      [500, 1.9647],
    ];
    for (const [df, quantile] of table)
      expect(Math.abs(studentT975(df) - quantile), `df = ${df}`).toBeLessThan(0.002);
  });

  it('has no value below one degree of freedom', () => {
    expect(studentT975(0)).toBeNaN();
  });
});
