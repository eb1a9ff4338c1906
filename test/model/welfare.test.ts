/**
 * Consumer surplus from the choice model against what it claims to be: the area under the
 * expected demands, found by integrating them numerically along a path of rising prices; an
 * inclusive value that is the expected maximum utility of the choice model, by quadrature and by
 * simulated customers; Roy's identity and the volume derivatives by finite differences; a
 * surplus that rises with what customers value in an offer, and that a copy of an offer in a
 * tight nest barely moves.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStreams } from '../../src/math/random.ts';
import {
  createNesting,
  EULER_GAMMA,
  menuPriceIndexUsdPerMTok,
  type Nesting,
  nestedLogitChoice,
} from '../../src/model/nested-logit.ts';
import {
  crossPriceElasticity,
  expectedOfferVolumes,
  type MenuDemand,
  menuSpendUsd,
  menuSurplusUsd,
  menuVolumeElasticity,
  menuVolumeJacobian,
  ownPriceElasticity,
  surplusOverOutsideUsd,
} from '../../src/model/welfare.ts';
import { expectJacobian, priceDerivative } from './finite-differences.ts';
import { FIVE_OFFERS, simulateChoices } from './gev-draws.ts';

/** One customer type on a small market: 3-4 offers in 2 nests, an outside option. */
interface Market {
  readonly alpha: number;
  /** delta_j: capability, brand and channel terms of utility, before price. */
  readonly quality: number[];
  readonly prices: number[];
  readonly outsidePrice: number;
  readonly nesting: Nesting;
  readonly demand: MenuDemand;
}

const market = fc
  .record({
    offers: fc.integer({ min: 3, max: 4 }),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    alpha: fc.double({ min: 1, max: 4, noNaN: true }),
    elasticity: fc.constantFrom(0.6, 1, 1.1, 1.6),
    saturation: fc.constantFrom(0, 0.3, 1, 3),
    /** The choke price as a multiple of the menu's price index. */
    chokeOverIndex: fc.double({ min: 1.2, max: 20, noNaN: true }),
  })
  .map(({ offers, seed, alpha, elasticity, saturation, chokeOverIndex }): Market => {
    const u = createStreams(seed).choice;
    const between = (low: number, high: number) => low + (high - low) * u();
    // Both nests present: offers 0 and 1 in different nests, the rest drawn.
    const nestOf = Array.from({ length: offers }, (_, j) => (j < 2 ? j : Math.floor(u() * 2)));
    const nesting = createNesting(nestOf, [between(0, 0.9), between(0, 0.9)]);
    const quality = Array.from({ length: offers }, () => between(-2, 2));
    const prices = Array.from({ length: offers }, () => between(0.2, 20));
    const outsidePrice = between(0.5, 40);
    const index = priceIndex(quality, prices, outsidePrice, alpha, nesting);
    const demand = {
      scale: between(1, 1000),
      elasticity,
      saturationUsdPerMTok: saturation,
      chokeUsdPerMTok: index * chokeOverIndex,
    };
    return { alpha, quality, prices, outsidePrice, nesting, demand };
  });

/**
 * The market with a sub-nest (two-level nested logit): the first two offers of a nest that has
 * two or more, with rho_2 a fraction `closer` of the way from their nest's rho to 0.95; the
 * choke price kept at the same multiple of the menu's price index.
 */
function withSubNest(m: Market, closer: number): Market {
  const { nestOf, rho } = m.nesting;
  const g = [0, 1].find((n) => nestOf.filter((x) => x === n).length >= 2)!;
  const pair = [...nestOf.keys()].filter((j) => nestOf[j] === g).slice(0, 2);
  let next = 1;
  const subNestOf = Array.from(nestOf, (_, j) => (pair.includes(j) ? 0 : next++));
  const rho2 = rho[g]! + (0.95 - rho[g]!) * closer;
  const subRho = Array.from({ length: next }, (_, h) => (h === 0 ? rho2 : 0));
  subNestOf.forEach((h, j) => {
    if (h > 0) subRho[h] = rho[nestOf[j]!]!;
  });
  const nesting = createNesting(nestOf, rho, { subNestOf, rho: subRho });
  const before = priceIndex(m.quality, m.prices, m.outsidePrice, m.alpha, m.nesting);
  const after = priceIndex(m.quality, m.prices, m.outsidePrice, m.alpha, nesting);
  const chokeUsdPerMTok = (m.demand.chokeUsdPerMTok / before) * after;
  return { ...m, nesting, demand: { ...m.demand, chokeUsdPerMTok } };
}

const twoLevelMarket = fc
  .tuple(market, fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([m, closer]) => withSubNest(m, closer));

/** Every correlation of a nesting, its sub-nests' too: the steepest sets the step sizes. */
function correlations(nesting: Nesting): number[] {
  return [...nesting.rho, ...(nesting.subNests?.rho ?? [])];
}

function choiceAt(
  quality: readonly number[],
  prices: readonly number[],
  outsidePrice: number,
  alpha: number,
  nesting: Nesting,
) {
  const utility = quality.map((q, j) => q - alpha * Math.log(prices[j]!));
  return nestedLogitChoice(utility, -alpha * Math.log(outsidePrice), nesting);
}

function priceIndex(
  quality: readonly number[],
  prices: readonly number[],
  outsidePrice: number,
  alpha: number,
  nesting: Nesting,
): number {
  return menuPriceIndexUsdPerMTok(
    choiceAt(quality, prices, outsidePrice, alpha, nesting).inclusiveValue,
    alpha,
  );
}

/** The type's surplus at prices (the outside option's price last), as the code computes it. */
function surplusAt(m: Market, pricesThenOutside: readonly number[]): number {
  const prices = pricesThenOutside.slice(0, -1);
  const outside = pricesThenOutside.at(-1)!;
  return menuSurplusUsd(m.demand, priceIndex(m.quality, prices, outside, m.alpha, m.nesting));
}

/**
 * The expected demand of each alternative at prices (the outside option's last, in MTok of the
 * outside good), straight from the choice model: choice probabilities times the spend at the
 * menu's price index, over the price.
 */
function demandsAt(m: Market, pricesThenOutside: readonly number[]): number[] {
  const prices = pricesThenOutside.slice(0, -1);
  const outside = pricesThenOutside.at(-1)!;
  const choice = choiceAt(m.quality, prices, outside, m.alpha, m.nesting);
  const spend = menuSpendUsd(m.demand, menuPriceIndexUsdPerMTok(choice.inclusiveValue, m.alpha));
  return [...expectedOfferVolumes(choice, prices, spend), (choice.outsideShare * spend) / outside];
}

const GAUSS_NODES = [
  0, -0.5384693101056831, 0.5384693101056831, -0.906179845938664, 0.906179845938664,
];
const GAUSS_WEIGHTS = [
  0.5688888888888889, 0.4786286704993665, 0.4786286704993665, 0.2369268850561891,
  0.2369268850561891,
];

/** Five-point Gauss-Legendre on `panels` equal panels of [a, b]. */
function integral(f: (x: number) => number, a: number, b: number, panels: number): number {
  const h = (b - a) / panels;
  let sum = 0;
  for (let i = 0; i < panels; i++) {
    const middle = a + (i + 0.5) * h;
    for (let n = 0; n < 5; n++) sum += GAUSS_WEIGHTS[n]! * f(middle + (GAUSS_NODES[n]! * h) / 2);
  }
  return (sum * h) / 2;
}

/**
 * The line integral of the expected demands, sum_k Q_k dp_k, along a path that raises one price
 * at a time, in `order`, from `from` to `to` (the outside option's price last in both).
 * Along a leg in ln p_k, Q_k dp_k = Q_k p_k d ln p_k. Demand drops to nothing where the menu's
 * price index passes the choke price, a jump the quadrature must not straddle: a leg that crosses
 * it is cut there, found by bisection on the index (which rises along every leg).
 */
function lineIntegral(
  m: Market,
  from: readonly number[],
  to: readonly number[],
  order: readonly number[],
): number {
  const at = from.slice();
  const indexAt = (p: readonly number[]) =>
    priceIndex(m.quality, p.slice(0, -1), p.at(-1)!, m.alpha, m.nesting);
  const step = Math.min(...correlations(m.nesting).map((r) => 1 - r)) / (4 * m.alpha);
  let total = 0;
  for (const k of order) {
    const with_ = (logPrice: number) => at.map((p, i) => (i === k ? Math.exp(logPrice) : p));
    const start = Math.log(at[k]!);
    let end = Math.log(to[k]!);
    const w = m.demand.chokeUsdPerMTok;
    if (indexAt(with_(end)) > w) {
      let low = start;
      for (let i = 0; i < 200 && end - low > 1e-15 * Math.max(1, Math.abs(end)); i++) {
        const middle = (low + end) / 2;
        if (indexAt(with_(middle)) > w) end = middle;
        else low = middle;
      }
    }
    if (end > start) {
      const panels = Math.max(8, Math.ceil((end - start) / step));
      total += integral(
        (logPrice) => demandsAt(m, with_(logPrice))[k]! * Math.exp(logPrice),
        start,
        end,
        panels,
      );
    }
    at[k] = to[k]!;
  }
  return total;
}

const legOrder = (m: Market, seed: number, withOutside: boolean) => {
  const u = createStreams(seed).choice;
  const order = Array.from({ length: m.prices.length + (withOutside ? 1 : 0) }, (_, k) => k);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
};

describe('consumer surplus is the area under the choice model’s expected demand', () => {
  it('raising every price, the outside option’s too, until nothing is bought: to 1e-6', () => {
    fc.assert(
      fc.property(market, fc.integer({ min: 1, max: 1000 }), (m, seed) => {
        const from = [...m.prices, m.outsidePrice];
        // Every price x c multiplies the index by c (it is homogeneous of degree 1), so at
        // c = 1.5 w / P the index ends above the choke price, wherever the path goes.
        const index = priceIndex(m.quality, m.prices, m.outsidePrice, m.alpha, m.nesting);
        const c = (1.5 * m.demand.chokeUsdPerMTok) / index;
        const to = from.map((p) => p * c);
        const area = lineIntegral(m, from, to, legOrder(m, seed, true));
        const surplus = menuSurplusUsd(m.demand, index);
        expect(surplus).toBeGreaterThan(0);
        expect(Math.abs(area - surplus) / surplus).toBeLessThan(1e-6);
      }),
      { numRuns: 40 },
    );
  });

  it('raising the offers’ prices until no one buys them: the surplus over the outside option, to 1e-6', () => {
    fc.assert(
      fc.property(market, fc.integer({ min: 1, max: 1000 }), (m, seed) => {
        const from = [...m.prices, m.outsidePrice];
        // A nest's weight falls at least as fast as p^-alpha: e^-30 of it is left at the end.
        const to = from.map((p, k) => (k < m.prices.length ? p * Math.exp(30 / m.alpha) : p));
        const area = lineIntegral(m, from, to, legOrder(m, seed, false));
        const index = priceIndex(m.quality, m.prices, m.outsidePrice, m.alpha, m.nesting);
        const gain = surplusOverOutsideUsd(m.demand, index, m.outsidePrice);
        const scale = Math.max(gain, 1e-9 * menuSurplusUsd(m.demand, index));
        expect(Math.abs(area - gain) / scale).toBeLessThan(1e-6);
      }),
      { numRuns: 40 },
    );
  });

  it('the surplus over the outside option is 0 when the outside option is dearer than the choke', () => {
    const m: Market = {
      alpha: 2,
      quality: [0, 0, 0],
      prices: [30, 40, 50],
      outsidePrice: 35,
      nesting: createNesting([0, 0, 1], [0.5, 0.5]),
      demand: { scale: 100, elasticity: 1.1, saturationUsdPerMTok: 1, chokeUsdPerMTok: 10 },
    };
    const index = priceIndex(m.quality, m.prices, m.outsidePrice, m.alpha, m.nesting);
    expect(index).toBeGreaterThan(10);
    expect(surplusOverOutsideUsd(m.demand, index, m.outsidePrice)).toBe(0);
    expect(demandsAt(m, [...m.prices, m.outsidePrice]).every((q) => q === 0)).toBe(true);
  });
});

describe('with a sub-nest (two-level nested logit)', () => {
  it('consumer surplus is the area under the expected demands, every price raised: to 1e-6', () => {
    fc.assert(
      fc.property(twoLevelMarket, fc.integer({ min: 1, max: 1000 }), (m, seed) => {
        expect(m.nesting.subNests).toBeDefined();
        const from = [...m.prices, m.outsidePrice];
        const index = priceIndex(m.quality, m.prices, m.outsidePrice, m.alpha, m.nesting);
        const to = from.map((p) => (p * 1.5 * m.demand.chokeUsdPerMTok) / index);
        const area = lineIntegral(m, from, to, legOrder(m, seed, true));
        const surplus = menuSurplusUsd(m.demand, index);
        expect(Math.abs(area - surplus) / surplus).toBeLessThan(1e-6);
      }),
      { numRuns: 20 },
    );
  });

  it('Roy’s identity holds and the volume Jacobian equals finite differences, to 1e-6', () => {
    fc.assert(
      fc.property(twoLevelMarket, (m) => {
        const prices = [...m.prices, m.outsidePrice];
        const demands = demandsAt(m, prices);
        const largest = Math.max(...demands);
        const slope = m.alpha / Math.min(...correlations(m.nesting).map((r) => 1 - r));
        for (let k = 0; k < prices.length; k++) {
          const numeric = priceDerivative((p) => [surplusAt(m, p)], prices, k, slope / prices[k]!);
          const scale = Math.max(demands[k]!, 1e-4 * largest);
          expect(Math.abs(numeric[0]! + demands[k]!) / scale).toBeLessThan(1e-6);
        }
        const offers = m.prices.length;
        const choice = choiceAt(m.quality, m.prices, m.outsidePrice, m.alpha, m.nesting);
        const index = menuPriceIndexUsdPerMTok(choice.inclusiveValue, m.alpha);
        const analytic = menuVolumeJacobian(
          choice,
          m.nesting,
          m.prices,
          m.alpha,
          menuSpendUsd(m.demand, index),
          menuVolumeElasticity(m.demand, index),
        );
        const volumesAt = (p: readonly number[]) => demandsAt(m, [...p, m.outsidePrice]);
        expectJacobian(analytic, offers, (k) =>
          priceDerivative(volumesAt, m.prices, k, slope / m.prices[k]!),
        );
      }),
      { numRuns: 30 },
    );
  });
});

describe('the inclusive value is the expected maximum utility less Euler’s constant', () => {
  const { utility, outside, cases } = FIVE_OFFERS;

  /**
   * P(max utility <= x) from the joint distribution of nested logit's taste shocks (McFadden
   * 1978): exp(-e^(V_0 - x) - sum_g (sum_{j in g} e^((V_j - x) / (1 - rho_g)))^(1 - rho_g)).
   */
  function maximumCdf(nesting: Nesting, x: number): number {
    let sum = Math.exp(outside - x);
    for (let g = 0; g < nesting.nests; g++) {
      const r = nesting.rho[g]!;
      let inNest = 0;
      for (let j = 0; j < nesting.offers; j++) {
        if (nesting.nestOf[j] === g) inNest += Math.exp((utility[j]! - x) / (1 - r));
      }
      sum += inNest ** (1 - r);
    }
    return Math.exp(-sum);
  }

  it.each(cases)('%s: by quadrature of the maximum’s distribution, to 1e-9', (_, nesting) => {
    // E[max] = integral over x > 0 of (1 - F) less integral over x < 0 of F; both tails are
    // below 1e-17 beyond [-10, 45] for these utilities.
    const mean =
      integral((x) => 1 - maximumCdf(nesting, x), 0, 45, 4000) -
      integral((x) => maximumCdf(nesting, x), -10, 0, 1000);
    const choice = nestedLogitChoice(utility, outside, nesting);
    expect(Math.abs(mean - (choice.inclusiveValue + EULER_GAMMA))).toBeLessThan(1e-9);
  });

  it.each(cases)(
    '%s: simulated customers’ cheapest quality-adjusted price is the price index',
    (_, nesting) => {
      // With utility V = delta - alpha ln p, a customer's best alternative costs, quality adjusted,
      // exp(-max / alpha); its geometric mean times e^(gamma / alpha) is the index P. 400,000
      // customers: ln of the mean has a standard error of 1.28 / alpha / 632; five of them.
      const alpha = 2.5;
      const simulated = simulateChoices(
        utility,
        outside,
        nesting,
        400_000,
        createStreams(13).choice,
      );
      const choice = nestedLogitChoice(utility, outside, nesting);
      const index = menuPriceIndexUsdPerMTok(choice.inclusiveValue, alpha);
      const simulatedIndex = Math.exp(-(simulated.meanMaximum - EULER_GAMMA) / alpha);
      expect(Math.abs(Math.log(simulatedIndex / index))).toBeLessThan((5 * 1.28) / alpha / 632);
    },
  );
});

describe('Roy’s identity and the volume derivatives', () => {
  it('dCS/dp_k = -E[q_k] for every offer and the outside option, to 1e-6', () => {
    fc.assert(
      fc.property(market, (m) => {
        const prices = [...m.prices, m.outsidePrice];
        const demands = demandsAt(m, prices);
        const largest = Math.max(...demands);
        const slope = m.alpha / Math.min(...m.nesting.rho.map((r) => 1 - r));
        for (let k = 0; k < prices.length; k++) {
          const numeric = priceDerivative((p) => [surplusAt(m, p)], prices, k, slope / prices[k]!);
          const scale = Math.max(demands[k]!, 1e-4 * largest);
          expect(Math.abs(numeric[0]! + demands[k]!) / scale).toBeLessThan(1e-6);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the volume Jacobian equals finite differences of the expected demands, to 1e-6', () => {
    fc.assert(
      fc.property(market, (m) => {
        const offers = m.prices.length;
        const choice = choiceAt(m.quality, m.prices, m.outsidePrice, m.alpha, m.nesting);
        const index = menuPriceIndexUsdPerMTok(choice.inclusiveValue, m.alpha);
        const analytic = menuVolumeJacobian(
          choice,
          m.nesting,
          m.prices,
          m.alpha,
          menuSpendUsd(m.demand, index),
          menuVolumeElasticity(m.demand, index),
        );
        const volumesAt = (p: readonly number[]) => demandsAt(m, [...p, m.outsidePrice]);
        const slope = m.alpha / Math.min(...m.nesting.rho.map((r) => 1 - r));
        expectJacobian(analytic, offers, (k) =>
          priceDerivative(volumesAt, m.prices, k, slope / m.prices[k]!),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('the own- and cross-price elasticities are the Jacobian’s, to 1e-10', () => {
    fc.assert(
      fc.property(market, (m) => {
        const { nesting, prices, alpha } = m;
        const offers = prices.length;
        const choice = choiceAt(m.quality, prices, m.outsidePrice, alpha, nesting);
        const index = menuPriceIndexUsdPerMTok(choice.inclusiveValue, alpha);
        const epsilon = menuVolumeElasticity(m.demand, index);
        const spend = menuSpendUsd(m.demand, index);
        const jacobian = menuVolumeJacobian(choice, nesting, prices, alpha, spend, epsilon);
        const volumes = demandsAt(m, [...prices, m.outsidePrice]);
        for (let j = 0; j < offers; j++) {
          const g = nesting.nestOf[j]!;
          for (let k = 0; k < offers; k++) {
            const fromJacobian = (jacobian[j * offers + k]! * prices[k]!) / volumes[j]!;
            const formula =
              j === k
                ? ownPriceElasticity(
                    alpha,
                    nesting.rho[g]!,
                    choice.shares[j]!,
                    choice.withinNestShares[j]!,
                    epsilon,
                  )
                : crossPriceElasticity(
                    alpha,
                    nesting.rho[g]!,
                    choice.shares[k]!,
                    nesting.nestOf[k] === g,
                    choice.nestShares[g]!,
                    epsilon,
                  );
            expect(Math.abs(fromJacobian - formula)).toBeLessThan(
              1e-10 * Math.max(1, Math.abs(formula)),
            );
          }
        }
      }),
    );
  });

  it('a seller of the whole menu, with no outside option, faces the composite’s elasticity', () => {
    const nesting = createNesting([0], 0);
    const demand = { scale: 50, elasticity: 1.3, saturationUsdPerMTok: 1, chokeUsdPerMTok: 40 };
    const alpha = 3;
    const price = 4;
    const choice = nestedLogitChoice(
      [0.7 - alpha * Math.log(price)],
      Number.NEGATIVE_INFINITY,
      nesting,
    );
    const index = menuPriceIndexUsdPerMTok(choice.inclusiveValue, alpha);
    const spend = menuSpendUsd(demand, index);
    const epsilon = menuVolumeElasticity(demand, index);
    const volume = expectedOfferVolumes(choice, [price], spend)[0]!;
    const slope = menuVolumeJacobian(choice, nesting, [price], alpha, spend, epsilon)[0]!;
    const elasticity = (slope * price) / volume;
    // eta P / (P + a) at P = 4 e^(-0.7 / 3), not the 1 + alpha (1 - s) of a seller among others.
    expect(elasticity).toBeCloseTo(-menuVolumeElasticity(demand, index), 12);
    expect(elasticity).toBeCloseTo((-1.3 * index) / (index + 1), 12);
  });
});

describe('surplus follows what customers value in the offers', () => {
  it('a better or better-liked offer raises the surplus at fixed prices, by s_j E / alpha per unit of utility', () => {
    fc.assert(
      fc.property(
        market,
        fc.nat(),
        fc.double({ min: 0.01, max: 2, noNaN: true }),
        (m, pick, better) => {
          const j = pick % m.prices.length;
          const surplusWith = (q: readonly number[]) =>
            menuSurplusUsd(m.demand, priceIndex(q, m.prices, m.outsidePrice, m.alpha, m.nesting));
          const before = surplusWith(m.quality);
          const improved = m.quality.map((q, i) => (i === j ? q + better : q));
          expect(surplusWith(improved)).toBeGreaterThan(before);
          // The marginal value of a point of utility on j, differenced: dP/d delta_j = -P s_j / alpha.
          const choice = choiceAt(m.quality, m.prices, m.outsidePrice, m.alpha, m.nesting);
          const spend = menuSpendUsd(
            m.demand,
            menuPriceIndexUsdPerMTok(choice.inclusiveValue, m.alpha),
          );
          const h = 1e-5;
          const up = surplusWith(m.quality.map((q, i) => (i === j ? q + h : q)));
          const down = surplusWith(m.quality.map((q, i) => (i === j ? q - h : q)));
          const marginal = (choice.shares[j]! * spend) / m.alpha;
          expect(Math.abs((up - down) / (2 * h) - marginal)).toBeLessThan((1e-5 * spend) / m.alpha);
        },
      ),
    );
  });

  it('an offer added to the menu raises the surplus', () => {
    fc.assert(
      fc.property(market, (m) => {
        const index = priceIndex(m.quality, m.prices, m.outsidePrice, m.alpha, m.nesting);
        const fewer = createNesting(m.nesting.nestOf.slice(1), m.nesting.rho);
        const without = priceIndex(
          m.quality.slice(1),
          m.prices.slice(1),
          m.outsidePrice,
          m.alpha,
          fewer,
        );
        expect(menuSurplusUsd(m.demand, index)).toBeGreaterThan(menuSurplusUsd(m.demand, without));
      }),
    );
  });

  it('a copy of an offer in its nest adds at most 2^((1 - rho) / alpha) - 1 of spend to surplus', () => {
    // The copy multiplies its nest's exp(I_g) by at most 2^(1 - rho), so IV rises by at most
    // (1 - rho) ln 2 and P falls by at most that over alpha: the area under X gained is at most
    // X(P') (P - P') = E' (P / P' - 1).
    fc.assert(
      fc.property(market, fc.nat(), fc.constantFrom(0, 0.5, 0.9, 0.95), (m, pick, rho) => {
        const j = pick % m.prices.length;
        const nestOf = Array.from(m.nesting.nestOf);
        const nesting = createNesting(nestOf, rho);
        const before = priceIndex(m.quality, m.prices, m.outsidePrice, m.alpha, nesting);
        // The market's choke price was set for its own rho: keep the index below it.
        const demand = {
          ...m.demand,
          chokeUsdPerMTok: Math.max(m.demand.chokeUsdPerMTok, 1.2 * before),
        };
        const copied = createNesting([...nestOf, nestOf[j]!], rho);
        const after = priceIndex(
          [...m.quality, m.quality[j]!],
          [...m.prices, m.prices[j]!],
          m.outsidePrice,
          m.alpha,
          copied,
        );
        const gained = menuSurplusUsd(demand, after) - menuSurplusUsd(demand, before);
        const bound = menuSpendUsd(demand, after) * (2 ** ((1 - rho) / m.alpha) - 1);
        // Never a loss (a copy of a nest's minor offer can add less than rounding).
        expect(gained).toBeGreaterThan(-1e-12 * menuSpendUsd(demand, after));
        expect(gained).toBeLessThanOrEqual(bound * (1 + 1e-12));
      }),
    );
  });

  it('red bus, blue bus: at rho = 0.95 a copy adds under 0.3 % of spend, at rho = 0 over 7 %', () => {
    // Three alike offers, each its own family, and a copy of the first. Plain logit: IV goes
    // from ln 4 to ln 5 and P falls by 7.2 % at alpha = 3; rho = 0.95: IV rises by
    // ln(1 + (2^0.05 - 1) / 4) and P falls by 0.29 %.
    const alpha = 3;
    const demand = { scale: 100, elasticity: 1.1, saturationUsdPerMTok: 1, chokeUsdPerMTok: 50 };
    const gainedShare = (rho: number) => {
      const families = [0, 1, 2];
      const before = priceIndex([0, 0, 0], [5, 5, 5], 5, alpha, createNesting(families, rho));
      const after = priceIndex(
        [0, 0, 0, 0],
        [5, 5, 5, 5],
        5,
        alpha,
        createNesting([...families, 0], rho),
      );
      return (
        (menuSurplusUsd(demand, after) - menuSurplusUsd(demand, before)) /
        menuSpendUsd(demand, before)
      );
    };
    expect(gainedShare(0)).toBeGreaterThan(0.07);
    expect(gainedShare(0.95)).toBeGreaterThan(0);
    expect(gainedShare(0.95)).toBeLessThan(0.003);
    expect(gainedShare(0.5)).toBeLessThan(gainedShare(0));
    expect(gainedShare(0.95)).toBeLessThan(gainedShare(0.5));
  });
});
