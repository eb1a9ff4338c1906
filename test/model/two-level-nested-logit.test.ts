/**
 * Two-level nested logit (sub-nests inside nests) against what it claims to be: the closed form
 * of Train (2009, 4.2.3) written out by hand on a four-offer market, share derivatives that
 * finite differences confirm, the one-level model when rho_2 = rho_1, and a copy of an app in
 * its sub-nest winning little as rho_2 nears 1.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStreams } from '../../src/math/random.ts';
import {
  createNesting,
  nestedLogitChoice,
  priceUtility,
  priceUtilityDerivative,
  shareJacobian,
} from '../../src/model/nested-logit.ts';
import { expectJacobian, priceDerivative } from './finite-differences.ts';

/**
 * The hand-made market: a lab's own product (offer 0) and two apps built on its model (offers
 * 1 and 2, one sub-nest) in one nest; another family's product (offer 3) in a nest of its own.
 */
const NEST_OF = [0, 0, 0, 1];
const SUB_NEST_OF = [0, 1, 1, 2];

describe('two-level nested logit', () => {
  it('gives the closed form on a four-offer market, to 1e-12', () => {
    const [rho1, rho2] = [0.6, 0.85];
    const v = [0.4, 0.1, -0.3, 0.2];
    const v0 = -0.5;
    const nesting = createNesting(NEST_OF, rho1, { subNestOf: SUB_NEST_OF, rho: rho2 });
    const choice = nestedLogitChoice(v, v0, nesting);
    // I_h of the apps' sub-nest, then the nest's I_g over {offer 0, apps}, then the market.
    const apps = (1 - rho2) * Math.log(Math.exp(v[1]! / (1 - rho2)) + Math.exp(v[2]! / (1 - rho2)));
    const lab = (1 - rho1) * Math.log(Math.exp(v[0]! / (1 - rho1)) + Math.exp(apps / (1 - rho1)));
    const other = v[3]!;
    const iv = Math.log(Math.exp(v0) + Math.exp(lab) + Math.exp(other));
    const labNest = Math.exp(lab - iv);
    const appsInNest = Math.exp((apps - lab) / (1 - rho1));
    const expected = [
      Math.exp((v[0]! - lab) / (1 - rho1)) * labNest,
      Math.exp((v[1]! - apps) / (1 - rho2)) * appsInNest * labNest,
      Math.exp((v[2]! - apps) / (1 - rho2)) * appsInNest * labNest,
      Math.exp(other - iv),
    ];
    for (const [j, share] of expected.entries()) expect(choice.shares[j]).toBeCloseTo(share, 12);
    expect(choice.inclusiveValue).toBeCloseTo(iv, 12);
    expect(choice.outsideShare).toBeCloseTo(Math.exp(v0 - iv), 12);
    expect(choice.nestShares[0]).toBeCloseTo(labNest, 12);
    expect(choice.withinNestShares[1]! / choice.withinNestShares[2]!).toBeCloseTo(
      Math.exp((v[1]! - v[2]!) / (1 - rho2)),
      10,
    );
  });

  /** A small market with sub-nests: offers, nests, sub-nests inside them, rho_1 <= rho_2. */
  const market = fc
    .record({
      offers: fc.integer({ min: 2, max: 7 }),
      seed: fc.integer({ min: 1, max: 1_000_000 }),
      alpha: fc.double({ min: 0.5, max: 3, noNaN: true }),
      outside: fc.double({ min: -2, max: 2, noNaN: true }),
    })
    .map(({ offers, seed, alpha, outside }) => {
      const u = createStreams(seed).choice;
      const between = (low: number, high: number) => low + (high - low) * u();
      // Offers 0 and 1 share a sub-nest (so the second level is there); the others go to one
      // of two nests, alone or in a second sub-nest of nest 1.
      const nestOf = [0, 0];
      const subNestOf = [0, 0];
      for (let j = 2; j < offers; j++) {
        const n = Math.floor(u() * 2);
        nestOf.push(n);
        subNestOf.push(n === 1 && u() < 0.5 ? 1 : j + 1);
      }
      const rho = [between(0, 0.8), between(0, 0.8)];
      return {
        alpha,
        outside,
        quality: Array.from({ length: offers }, () => between(-2, 2)),
        prices: Array.from({ length: offers }, () => between(0.2, 5)),
        nestOf,
        subNestOf,
        rho,
        subRho: [between(rho[0]!, 0.9), 0, between(rho[1]!, 0.9)],
      };
    });

  it('has a share Jacobian equal to finite differences to 1e-6', () => {
    fc.assert(
      fc.property(market, ({ quality, prices, nestOf, subNestOf, rho, subRho, alpha, outside }) => {
        // Sub-nests numbered from 0 (the singletons' numbers skip); the shared ones take their
        // drawn rho_2, a singleton its nest's.
        const used = [...new Set(subNestOf)].sort((a, b) => a - b);
        const compact = subNestOf.map((h) => used.indexOf(h));
        const subRhoOf = used.map((h) =>
          h === 0 ? subRho[0]! : h === 1 ? subRho[2]! : rho[nestOf[subNestOf.indexOf(h)]!]!,
        );
        const nesting = createNesting(nestOf, rho, { subNestOf: compact, rho: subRhoOf });
        expect(nesting.subNests).toBeDefined();
        const utility = (p: readonly number[]) =>
          quality.map((q, j) => q + priceUtility(alpha, p[j]!, 'log'));
        const sharesAt = (p: readonly number[]) =>
          Float64Array.from(nestedLogitChoice(utility(p), outside, nesting).shares);
        const choice = nestedLogitChoice(utility(prices), outside, nesting);
        const derivative = prices.map((p) => priceUtilityDerivative(alpha, p, 'log'));
        const analytic = shareJacobian(choice, nesting, derivative);
        const offers = prices.length;
        expectJacobian(analytic, offers, (k) =>
          priceDerivative(sharesAt, prices, k, Math.abs(derivative[k]!)),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('is the one-level model when rho_2 = rho_1 (shares, inclusive value, Jacobian to 1e-12)', () => {
    fc.assert(
      fc.property(market, ({ quality, prices, nestOf, subNestOf, rho, alpha, outside }) => {
        const used = [...new Set(subNestOf)].sort((a, b) => a - b);
        const compact = subNestOf.map((h) => used.indexOf(h));
        const subRho = used.map((h) => rho[nestOf[subNestOf.indexOf(h)]!]!);
        const two = createNesting(nestOf, rho, { subNestOf: compact, rho: subRho });
        const one = createNesting(nestOf, rho);
        expect(two.subNests).toBeDefined();
        const utility = quality.map((q, j) => q + priceUtility(alpha, prices[j]!, 'log'));
        const a = nestedLogitChoice(utility, outside, two);
        const b = nestedLogitChoice(utility, outside, one);
        expect(a.inclusiveValue).toBeCloseTo(b.inclusiveValue, 12);
        for (const [j, s] of a.shares.entries()) expect(s).toBeCloseTo(b.shares[j]!, 12);
        const derivative = prices.map((p) => priceUtilityDerivative(alpha, p, 'log'));
        const ja = shareJacobian(a, two, derivative);
        const jb = shareJacobian(b, one, derivative);
        for (const [i, x] of ja.entries()) expect(x).toBeCloseTo(jb[i]!, 12);
      }),
      { numRuns: 60 },
    );
  });

  it('lets a copy of an app win its sub-nest little as rho_2 nears 1, and much at rho_2 = rho_1', () => {
    // The lab's product and one app in the nest; then a second, identical app beside the first.
    const v = [0.1, 0.1];
    const appsShare = (rho2: number, copies: number) => {
      const utility = [...v, ...Array.from({ length: copies - 1 }, () => v[1]!)];
      const nestOf = utility.map(() => 0);
      const subNestOf = utility.map((_, j) => (j === 0 ? 0 : 1));
      const nesting = createNesting(nestOf, 0.95, { subNestOf, rho: [0.95, rho2] });
      const { shares } = nestedLogitChoice(utility, 0, nesting);
      return shares.slice(1).reduce((sum, s) => sum + s, 0);
    };
    const gainAt = (rho2: number) => appsShare(rho2, 2) - appsShare(rho2, 1);
    expect(gainAt(0.95)).toBeGreaterThan(0.05);
    expect(gainAt(0.995)).toBeLessThan(0.2 * gainAt(0.95));
    expect(gainAt(0.9999)).toBeLessThan(0.01);
  });

  it('refuses a sub-nest across nests or a rho_2 below its nest', () => {
    expect(() => createNesting([0, 1], 0.5, { subNestOf: [0, 0], rho: 0.8 })).toThrow(RangeError);
    expect(() => createNesting([0, 0], 0.5, { subNestOf: [0, 0], rho: 0.4 })).toThrow(RangeError);
    expect(() => createNesting([0, 0], 0.5, { subNestOf: [0, 0], rho: 1 })).toThrow(RangeError);
    expect(createNesting([0, 0], 0.5, { subNestOf: [0, 1], rho: 0.8 }).subNests).toBeUndefined();
  });
});
