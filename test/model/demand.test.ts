import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  demandScale,
  monthlyGainUsd,
  qualityAdjustedPriceRatio,
  surplusFactor,
  volumeFactor,
} from '../../src/model/demand.ts';

/** The area under q(x) = D x^-eta between p and w, by Simpson's rule in log x. */
function areaUnderDemand(scale: number, p: number, w: number, eta: number): number {
  const steps = 2000;
  const [a, b] = [Math.log(p), Math.log(w)];
  const h = (b - a) / steps;
  // In u = ln x, q dx = D e^{u (1 - eta)} du.
  const f = (u: number) => scale * Math.exp(u * (1 - eta));
  let sum = f(a) + f(b);
  for (let j = 1; j < steps; j++) sum += (j % 2 === 1 ? 4 : 2) * f(a + j * h);
  return (sum * h) / 3;
}

describe('demand', () => {
  it('a customer buys v at its willingness to pay, and more at lower prices', () => {
    const scale = demandScale(20, 10, 1.1);
    expect(scale * volumeFactor(10, 1.1)).toBeCloseTo(20, 12);
    expect(scale * volumeFactor(5, 1.1)).toBeCloseTo(20 * 2 ** 1.1, 12);
  });

  it('consumer surplus is the area under the demand curve between the price and w', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: 1.01, max: 1000, noNaN: true }),
        fc.double({ min: 0.3, max: 3, noNaN: true }),
        fc.double({ min: 0.1, max: 1e4, noNaN: true }),
        (p, ratio, eta, scale) => {
          const w = p * ratio;
          const area = areaUnderDemand(scale, p, w, eta);
          const surplus = scale * (surplusFactor(p, eta) - surplusFactor(w, eta));
          expect(surplus).toBeCloseTo(area, 6 - Math.log10(area + 1));
        },
      ),
    );
  });

  it('with unit elasticity the surplus is D ln(w / p)', () => {
    expect(3 * (surplusFactor(2, 1) - surplusFactor(8, 1))).toBeCloseTo(3 * Math.log(4), 12);
    expect(surplusFactor(5, 1)).toBe(-Math.log(5));
  });

  it("a move's gain is the current spend times the fall in quality-adjusted price", () => {
    const alpha = 2;
    // An offer worth alpha ln 2 more utility is as good as the current one at half the price.
    const ratio = qualityAdjustedPriceRatio(0, alpha * Math.log(2), 1 / alpha);
    expect(ratio).toBeCloseTo(0.5, 14);
    expect(monthlyGainUsd(100, 3, ratio)).toBeCloseTo(150, 10);
    expect(monthlyGainUsd(100, 3, qualityAdjustedPriceRatio(1.5, 1.5, 1 / alpha))).toBe(0);
    // A worse offer is a loss.
    expect(monthlyGainUsd(100, 3, qualityAdjustedPriceRatio(1, 0, 1 / alpha))).toBeLessThan(0);
  });
});
