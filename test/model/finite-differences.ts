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
