import { expect } from 'vitest';

/**
 * Numerical derivatives for checking analytic ones: the five-point central difference in one
 * price. Its truncation error is about (h u)^4 / 30 relative, u the steepest slope of what is
 * differentiated (alpha / (1 - rho) per unit of utility, and 1 / p for a volume factor p^-eta),
 * and its rounding about 1e-16 f / h: a step of a thousandth of a unit of utility keeps both
 * below 1e-9 for rho up to 0.9.
 */
export function priceDerivative(
  f: (prices: number[]) => ArrayLike<number>,
  prices: readonly number[],
  k: number,
  utilitySlope: number,
): number[] {
  const h = 1e-3 * Math.min(prices[k]!, 1 / utilitySlope);
  const at = (steps: number) => f(prices.map((p, i) => (i === k ? p + steps * h : p)));
  const [back2, back1, ahead1, ahead2] = [at(-2), at(-1), at(1), at(2)];
  return Array.from(
    { length: back2.length },
    (_, j) => (back2[j]! - 8 * back1[j]! + 8 * ahead1[j]! - ahead2[j]!) / (12 * h),
  );
}

/**
 * Checks a Jacobian, `analytic[j * offers + k]` = d f_j / d p_k, against `numericColumn(k)`, the
 * finite differences of every f_j in price k: each entry to 1e-6 of its size; an entry under
 * 1e-4 of its row's largest, where rounding in the differences (about 1e-16 f_j / h) would
 * dominate, to 1e-10 of that.
 */
export function expectJacobian(
  analytic: ArrayLike<number>,
  offers: number,
  numericColumn: (k: number) => ArrayLike<number>,
): void {
  const rowLargest = Array.from({ length: offers }, (_, j) => {
    let largest = 0;
    for (let k = 0; k < offers; k++)
      largest = Math.max(largest, Math.abs(analytic[j * offers + k]!));
    return largest;
  });
  for (let k = 0; k < offers; k++) {
    const numeric = numericColumn(k);
    for (let j = 0; j < offers; j++) {
      const exact = analytic[j * offers + k]!;
      const scale = Math.max(Math.abs(exact), 1e-4 * rowLargest[j]!);
      expect(Math.abs(exact - numeric[j]!) / scale, `d f_${j} / d p_${k}`).toBeLessThan(1e-6);
    }
  }
}
