/**
 * Nested-logit demand against what it claims to be: plain logit at rho = 0, share derivatives
 * that finite differences confirm, the red bus and the blue bus, and choice probabilities and an
 * inclusive value that match the choices of simulated customers drawing correlated
 * (generalised-extreme-value) taste shocks, built here from first principles, not from the
 * closed form.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStreams } from '../../src/math/random.ts';
import {
  createNesting,
  EULER_GAMMA,
  menuPriceIndexUsdPerMTok,
  menuSurplusUsdPerMTok,
  nestedLogitChoice,
  type PriceForm,
  plainLogitNesting,
  priceUtility,
  priceUtilityDerivative,
  shareJacobian,
} from '../../src/model/nested-logit.ts';
import { expectJacobian, priceDerivative } from './finite-differences.ts';
import { FIVE_OFFERS, positiveStable, simulateChoices } from './gev-draws.ts';

/** A small market: utilities before price, prices, nests, one rho per nest. */
const market = fc
  .record({
    offers: fc.integer({ min: 1, max: 7 }),
    nests: fc.integer({ min: 1, max: 3 }),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    alpha: fc.double({ min: 0.5, max: 4, noNaN: true }),
    outside: fc.double({ min: -2, max: 2, noNaN: true }),
  })
  .map(({ offers, nests, seed, alpha, outside }) => {
    const u = createStreams(seed).choice;
    const between = (low: number, high: number) => low + (high - low) * u();
    return {
      alpha,
      outside,
      quality: Array.from({ length: offers }, () => between(-2, 2)),
      prices: Array.from({ length: offers }, () => between(0.2, 5)),
      nestOf: Array.from({ length: offers }, () => Math.floor(u() * nests)),
      rho: Array.from({ length: nests }, () => between(0, 0.9)),
    };
  });

function utilities(
  quality: readonly number[],
  prices: readonly number[],
  alpha: number,
  form: PriceForm,
): number[] {
  return quality.map((q, j) => q + priceUtility(alpha, prices[j]!, form));
}

/** Plain logit straight from its textbook formula. */
function plainLogit(utility: readonly number[], outside: number) {
  const denominator = Math.exp(outside) + utility.reduce((sum, v) => sum + Math.exp(v), 0);
  return {
    shares: utility.map((v) => Math.exp(v) / denominator),
    outsideShare: Math.exp(outside) / denominator,
    inclusiveValue: Math.log(denominator),
  };
}

describe('nested logit', () => {
  it('is plain logit when rho = 0, whatever the nests, to 1e-12', () => {
    fc.assert(
      fc.property(market, ({ quality, prices, nestOf, rho, alpha, outside }) => {
        const utility = utilities(quality, prices, alpha, 'log');
        const expected = plainLogit(utility, outside);
        for (const nesting of [
          createNesting(
            nestOf,
            rho.map(() => 0),
          ),
          plainLogitNesting(utility.length),
        ]) {
          const choice = nestedLogitChoice(utility, outside, nesting);
          for (let j = 0; j < utility.length; j++) {
            expect(Math.abs(choice.shares[j]! - expected.shares[j]!)).toBeLessThan(1e-12);
          }
          expect(Math.abs(choice.outsideShare - expected.outsideShare)).toBeLessThan(1e-12);
          expect(Math.abs(choice.inclusiveValue - expected.inclusiveValue)).toBeLessThan(1e-12);
        }
      }),
    );
  });

  it('shares, within-nest shares and nest shares add up', () => {
    fc.assert(
      fc.property(market, ({ quality, prices, nestOf, rho, alpha, outside }) => {
        const nesting = createNesting(nestOf, rho);
        const choice = nestedLogitChoice(
          utilities(quality, prices, alpha, 'log'),
          outside,
          nesting,
        );
        const total = choice.shares.reduce((sum, s) => sum + s, choice.outsideShare);
        expect(Math.abs(total - 1)).toBeLessThan(1e-12);
        for (let g = 0; g < nesting.nests; g++) {
          let inNest = 0;
          let within = 0;
          for (let j = 0; j < nesting.offers; j++) {
            if (nestOf[j] !== g) continue;
            inNest += choice.shares[j]!;
            within += choice.withinNestShares[j]!;
          }
          expect(Math.abs(inNest - choice.nestShares[g]!)).toBeLessThan(1e-12);
          if (nestOf.includes(g)) expect(Math.abs(within - 1)).toBeLessThan(1e-12);
        }
      }),
    );
  });

  it('an offer a customer cannot buy (utility -Infinity) takes no share, and its nest none', () => {
    const nesting = createNesting([0, 0, 1, 2], [0.5, 0.5, 0.3]);
    const choice = nestedLogitChoice([0.3, Number.NEGATIVE_INFINITY, 0.1, -Infinity], 0, nesting);
    expect(choice.shares[1]).toBe(0);
    expect(choice.shares[3]).toBe(0);
    expect(choice.nestShares[2]).toBe(0);
    expect(choice.withinNestShares[0]).toBe(1);
    expect(choice.nestInclusiveValues[2]).toBe(Number.NEGATIVE_INFINITY);
    const rest = createNesting([0, 1], [0.5, 0.3]);
    const without = nestedLogitChoice([0.3, 0.1], 0, rest);
    expect(choice.shares[0]).toBeCloseTo(without.shares[0]!, 14);
    expect(choice.inclusiveValue).toBeCloseTo(without.inclusiveValue, 14);
  });

  it('keeps its shares at utilities far beyond exp’s range', () => {
    const nesting = createNesting([0, 0, 1], [0.9, 0.2]);
    const near = nestedLogitChoice([1, 0.5, 0.8], 0, nesting);
    const far = nestedLogitChoice([801, 800.5, 800.8], 800, nesting);
    for (let j = 0; j < 3; j++) expect(far.shares[j]).toBeCloseTo(near.shares[j]!, 12);
    expect(far.inclusiveValue - 800).toBeCloseTo(near.inclusiveValue, 10);
  });

  it.each<PriceForm>(['log', 'linear'])(
    'its share Jacobian equals finite differences to 1e-6 (%s price)',
    (form) => {
      fc.assert(
        fc.property(market, ({ quality, prices, nestOf, rho, alpha, outside }) => {
          const nesting = createNesting(nestOf, rho);
          const offers = prices.length;
          const sharesAt = (p: readonly number[]) =>
            Float64Array.from(
              nestedLogitChoice(utilities(quality, p, alpha, form), outside, nesting).shares,
            );
          const choice = nestedLogitChoice(
            utilities(quality, prices, alpha, form),
            outside,
            nesting,
          );
          const derivative = prices.map((p) => priceUtilityDerivative(alpha, p, form));
          const analytic = shareJacobian(choice, nesting, derivative);
          // Every entry of row j is proportional to s_j, so the row's scale follows it.
          expectJacobian(analytic, offers, (k) =>
            priceDerivative(sharesAt, prices, k, Math.abs(derivative[k]!)),
          );
        }),
      );
    },
  );

  it('red bus, blue bus: a duplicate in its own nest barely moves its owner at rho = 0.95', () => {
    // Nests by family; the owner's family has one offer, then a copy of it. The copy multiplies
    // the nest's exp(I_g) by 2^(1 - rho), so the owner's odds rise by 2^0.05 = 3.5 %: at most
    // a quarter of that, 0.9 points of share, whatever the market. (At rho = 0.9 the bound is
    // 1.8 points, which an owner holding about half the market reaches.)
    fc.assert(
      fc.property(market, ({ quality, prices, alpha, outside }) => {
        const utility = utilities(quality, prices, alpha, 'log');
        const offers = utility.length;
        const families = Array.from({ length: offers }, (_, j) => j);
        const rho = 0.95;
        const before = nestedLogitChoice(utility, outside, createNesting(families, rho));
        const duplicated = nestedLogitChoice(
          [...utility, utility[0]!],
          outside,
          createNesting([...families, 0], rho),
        );
        const ownerAfter = duplicated.shares[0]! + duplicated.shares[offers]!;
        expect(Math.abs(ownerAfter - before.shares[0]!)).toBeLessThan(0.01);
      }),
    );
  });

  it('red bus, blue bus: in plain logit the same duplicate wins its owner many points', () => {
    const utility = [0, 0, 0];
    const outside = 0;
    const families = [0, 1, 2];
    for (const [rho, lower, upper] of [
      [0, 0.1, 1],
      [0.9, 0, 0.02],
    ] as const) {
      const before = nestedLogitChoice(utility, outside, createNesting(families, rho));
      const after = nestedLogitChoice(
        [...utility, 0],
        outside,
        createNesting([...families, 0], rho),
      );
      const moved = after.shares[0]! + after.shares[3]! - before.shares[0]!;
      // Plain logit: 1/4 -> 2/5, 15 points; rho = 0.9: 1.3 points at this (large) share.
      expect(moved).toBeGreaterThan(lower);
      expect(moved).toBeLessThan(upper);
    }
  });
});

describe('nested logit against simulated customers', () => {
  it('the positive stable draws have the Laplace transform exp(-t^a)', () => {
    const u = createStreams(7).choice;
    for (const a of [0.1, 0.5, 0.8]) {
      for (const t of [0.5, 1, 2]) {
        let sum = 0;
        const draws = 200_000;
        for (let n = 0; n < draws; n++) sum += Math.exp(-t * positiveStable(u, a));
        // exp(-t S) is in [0, 1]: its standard error is at most 0.5 / sqrt(draws) = 0.0011.
        expect(Math.abs(sum / draws - Math.exp(-(t ** a)))).toBeLessThan(0.005);
      }
    }
  });

  // Five offers in nests of different rho. 400,000 customers: a frequency's standard error is
  // at most 0.0008 and the mean maximum's (a Gumbel's sd, 1.28) 0.002, so the tolerances 0.004
  // and 0.01 are five standard errors. Dropping the (1 - rho) that scales a nest's log-sum moves
  // IV here by 1.0 (second case) and 6.2 (third), and shares by 0.18 and 0.63; scaling
  // utilities within a nest by 1 / rho instead of 1 / (1 - rho) moves IV by 0.035 and shares by
  // 0.07 in the second case: either fails.
  const { utility, outside, cases } = FIVE_OFFERS;

  it.each(cases)('%s: choice probabilities are the simulated frequencies', (_, nesting) => {
    const simulated = simulateChoices(utility, outside, nesting, 400_000, createStreams(11).choice);
    const choice = nestedLogitChoice(utility, outside, nesting);
    for (let j = 0; j < utility.length; j++) {
      expect(Math.abs(simulated.frequencies[j]! - choice.shares[j]!)).toBeLessThan(0.004);
    }
    expect(Math.abs(simulated.frequencies[utility.length]! - choice.outsideShare)).toBeLessThan(
      0.004,
    );
  });

  it.each(cases)('%s: IV + Euler’s constant is the expected maximum utility', (_, nesting) => {
    const simulated = simulateChoices(utility, outside, nesting, 400_000, createStreams(12).choice);
    const choice = nestedLogitChoice(utility, outside, nesting);
    expect(Math.abs(simulated.meanMaximum - (choice.inclusiveValue + EULER_GAMMA))).toBeLessThan(
      0.01,
    );
    // In USD (linear price, alpha per USD/MTok), the same to 0.01 / alpha.
    const alpha = 2;
    const simulatedUsd = (simulated.meanMaximum - EULER_GAMMA - outside) / alpha;
    expect(
      Math.abs(simulatedUsd - menuSurplusUsdPerMTok(choice.inclusiveValue, outside, alpha)),
    ).toBeLessThan(0.01 / alpha);
  });
});

describe('consumer surplus from the inclusive value', () => {
  /** Simpson's rule on [a, b] with an even number of steps. */
  function integral(f: (x: number) => number, a: number, b: number, steps = 2000): number {
    const h = (b - a) / steps;
    let sum = f(a) + f(b);
    for (let i = 1; i < steps; i++) sum += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
    return (sum * h) / 3;
  }

  it('linear price: a price rise costs the area under the offer’s share curve, (IV - IV′) / alpha', () => {
    // Small and Rosen: the change in surplus is the integral of demand over the price change.
    fc.assert(
      fc.property(market, fc.double({ min: 1.1, max: 3, noNaN: true }), (m, rise) => {
        const { quality, prices, nestOf, rho, alpha, outside } = m;
        const nesting = createNesting(nestOf, rho);
        const at = (p0: number) => {
          const p = prices.map((p, i) => (i === 0 ? p0 : p));
          return nestedLogitChoice(utilities(quality, p, alpha, 'linear'), outside, nesting);
        };
        const low = prices[0]!;
        const high = low * rise;
        const before = menuSurplusUsdPerMTok(at(low).inclusiveValue, outside, alpha);
        const after = menuSurplusUsdPerMTok(at(high).inclusiveValue, outside, alpha);
        const area = integral((p) => at(p).shares[0]!, low, high);
        expect(Math.abs(before - after - area)).toBeLessThan(1e-9 * Math.max(1, area));
      }),
    );
  });

  it('log price: the menu’s price index moves with each price in proportion to its share', () => {
    fc.assert(
      fc.property(market, ({ quality, prices, nestOf, rho, alpha, outside }) => {
        const nesting = createNesting(nestOf, rho);
        const index = (p: readonly number[]) =>
          menuPriceIndexUsdPerMTok(
            nestedLogitChoice(utilities(quality, p, alpha, 'log'), outside, nesting).inclusiveValue,
            alpha,
          );
        const shares = nestedLogitChoice(
          utilities(quality, prices, alpha, 'log'),
          outside,
          nesting,
        ).shares;
        for (let k = 0; k < prices.length; k++) {
          const h = 1e-4;
          const up = prices.map((p, i) => (i === k ? p * Math.exp(h) : p));
          const down = prices.map((p, i) => (i === k ? p * Math.exp(-h) : p));
          const elasticity = (Math.log(index(up)) - Math.log(index(down))) / (2 * h);
          expect(Math.abs(elasticity - shares[k]!)).toBeLessThan(1e-7);
        }
      }),
    );
  });

  it('log price: a plain offer at the price index is worth the whole menu', () => {
    const nesting = createNesting([0, 0, 1], [0.7, 0.2]);
    const alpha = 3;
    const outside = -alpha * Math.log(25);
    const utility = [1 - alpha * Math.log(10), 0.4 - alpha * Math.log(6), -alpha * Math.log(8)];
    const menu = nestedLogitChoice(utility, outside, nesting).inclusiveValue;
    const index = menuPriceIndexUsdPerMTok(menu, alpha);
    expect(-alpha * Math.log(index)).toBeCloseTo(menu, 12);
    expect(index).toBeLessThan(6); // better than the cheapest offer alone, and than doing without
  });
});

describe('nestings', () => {
  it('refuses a rho outside [0, 1) and a nest out of range', () => {
    expect(() => createNesting([0, 1], [0.2, 1])).toThrow(RangeError);
    expect(() => createNesting([0, 1], [0.2, -0.1])).toThrow(RangeError);
    expect(() => createNesting([0, 2], [0.2, 0.3])).toThrow(RangeError);
    expect(createNesting([0, 2, 1], 0.4).nests).toBe(3);
  });
});
