/**
 * Bertrand-Nash prices against the model's claims: every seller's first-order conditions hold
 * at the prices found (checked by differentiating each seller's profit numerically, not with the
 * solver's own derivatives), the known closed forms of logit pricing come out, a seller of two
 * substitutes prices both higher than two rivals would, and a solver that has not converged
 * says so.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStreams } from '../../src/math/random.ts';
import {
  bertrandNashPrices,
  type EquilibriumPrices,
  evaluateDemand,
  firstOrderResiduals,
  type PricingDemand,
  type SellerStakes,
  stakesBySeller,
} from '../../src/model/equilibrium.ts';
import {
  createNesting,
  type Nesting,
  nestedLogitChoice,
  type PriceForm,
  plainLogitNesting,
  priceUtility,
  priceUtilityDerivative,
} from '../../src/model/nested-logit.ts';
import { lernerIndex } from '../../src/model/pricing.ts';
import { priceDerivative } from './finite-differences.ts';

interface DemandSpec {
  nesting: Nesting;
  /** Per type: utility of each offer before price, alpha, outside utility, market size. */
  quality: number[][];
  alpha: number[];
  outside: number[];
  size: number[];
  form: PriceForm;
  eta?: number;
}

function pricingDemand(spec: DemandSpec): PricingDemand {
  return {
    nesting: spec.nesting,
    types: spec.alpha.length,
    nonPriceUtility: Float64Array.from(spec.quality.flat()),
    priceSensitivity: Float64Array.from(spec.alpha),
    outsideUtility: Float64Array.from(spec.outside),
    marketSize: Float64Array.from(spec.size),
    priceForm: spec.form,
    volumeElasticity: spec.eta ?? 0,
  };
}

/** Q_j(p) straight from the choice model, type by type, with none of the solver's algebra. */
function volumesAt(spec: DemandSpec, prices: readonly number[]): number[] {
  const volumes = prices.map(() => 0);
  spec.alpha.forEach((alpha, t) => {
    const utility = spec.quality[t]!.map((q, j) => q + priceUtility(alpha, prices[j]!, spec.form));
    const { shares } = nestedLogitChoice(utility, spec.outside[t]!, spec.nesting);
    prices.forEach((p, j) => {
      volumes[j] = volumes[j]! + spec.size[t]! * shares[j]! * p ** -(spec.eta ?? 0);
    });
  });
  return volumes;
}

/** The profit of the seller who sets p_k: sum_j (O_kj p_j - C_kj) Q_j. */
function setterProfit(
  spec: DemandSpec,
  stakes: SellerStakes,
  k: number,
  prices: readonly number[],
): number {
  const offers = prices.length;
  const volumes = volumesAt(spec, prices);
  let profit = 0;
  for (let j = 0; j < offers; j++) {
    const row = k * offers + j;
    profit +=
      (stakes.ownership[row]! * prices[j]! - stakes.costBorneUsdPerMTok[row]!) * volumes[j]!;
  }
  return profit;
}

/**
 * Each setter's marginal profit in its own price, by central differences, per unit of its
 * revenue stake in the offer's volume (the solver's r_k, computed independently) and per unit
 * of its stake in all the volumes it earns on (`perSellerVolume`). Rounding in the differences
 * is about 1e-16 profit / h: small beside the second for every offer, beside the first only for
 * an offer that is not a negligible part of its seller's business.
 */
function numericFirstOrderConditions(
  spec: DemandSpec,
  stakes: SellerStakes,
  prices: readonly number[],
) {
  const offers = prices.length;
  const volumes = volumesAt(spec, prices);
  return prices.map((p, k) => {
    const h = 1e-5 * p;
    const at = (x: number) =>
      setterProfit(
        spec,
        stakes,
        k,
        prices.map((q, i) => (i === k ? x : q)),
      );
    const slope = (at(p + h) - at(p - h)) / (2 * h);
    const ownVolume = stakes.ownership[k * offers + k]! * volumes[k]!;
    let sellerVolume = 0;
    for (let j = 0; j < offers; j++)
      sellerVolume += stakes.ownership[k * offers + j]! * volumes[j]!;
    return {
      perOwnVolume: slope / ownVolume,
      perSellerVolume: slope / sellerVolume,
      weight: ownVolume / sellerVolume,
    };
  });
}

/** The first-order conditions of every seller hold to `tolerance`, as far as differences tell. */
function expectFirstOrderConditions(
  spec: DemandSpec,
  stakes: SellerStakes,
  prices: readonly number[],
  tolerance: number,
) {
  for (const condition of numericFirstOrderConditions(spec, stakes, prices)) {
    expect(Math.abs(condition.perSellerVolume)).toBeLessThan(tolerance);
    if (condition.weight >= 1e-3) expect(Math.abs(condition.perOwnVolume)).toBeLessThan(tolerance);
  }
}

/** 2-4 sellers with 1-3 offers each, nests by model family, 1-3 customer types. */
const randomMarket = fc
  .record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    sellers: fc.integer({ min: 2, max: 4 }),
    types: fc.integer({ min: 1, max: 3 }),
    form: fc.constantFrom<PriceForm>('log', 'linear'),
    eta: fc.constantFrom(0, 0.5, 1.1),
  })
  .map(({ seed, sellers, types, form, eta }) => {
    const u = createStreams(seed).pricing;
    const between = (low: number, high: number) => low + (high - low) * u();
    const sellerOf: number[] = [];
    for (let f = 0; f < sellers; f++) {
      const count = 1 + Math.floor(3 * u());
      for (let i = 0; i < count; i++) sellerOf.push(f);
    }
    const offers = sellerOf.length;
    const families = 1 + Math.floor(3 * u());
    const nestOf = sellerOf.map(() => Math.floor(u() * families));
    const nesting = createNesting(
      nestOf,
      Array.from({ length: families }, () => between(0, 0.8)),
    );
    const alpha = Array.from({ length: types }, () =>
      form === 'log' ? between(2, 6) : between(0.5, 2),
    );
    const spec: DemandSpec = {
      nesting,
      quality: alpha.map(() => Array.from({ length: offers }, () => between(-1, 2))),
      alpha,
      outside: alpha.map(() => between(-1, 1)),
      size: alpha.map(() => between(10, 1000)),
      form,
      eta: form === 'log' ? eta : 0,
    };
    const costs = sellerOf.map(() => between(0.5, 3));
    return { spec, sellerOf, costs, stakes: stakesBySeller(sellerOf, costs) };
  });

describe('Bertrand-Nash prices', () => {
  it('every seller’s first-order conditions hold to 1e-6 at the prices found', () => {
    fc.assert(
      fc.property(randomMarket, ({ spec, stakes, costs }) => {
        const result = bertrandNashPrices(pricingDemand(spec), stakes);
        expect(result.status).toBe('converged');
        expect(result.residual).toBeLessThanOrEqual(1e-10);
        const prices = Array.from(result.pricesUsdPerMTok);
        expectFirstOrderConditions(spec, stakes, prices, 1e-6);
        // Prices above cost, and the volumes reported are the volumes at those prices.
        prices.forEach((p, j) => {
          expect(p).toBeGreaterThan(costs[j]!);
        });
        const volumes = volumesAt(spec, prices);
        volumes.forEach((q, j) => {
          expect(result.volumesMTok[j]).toBeCloseTo(q, 9);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('its volume derivatives equal finite differences to 1e-6', () => {
    fc.assert(
      fc.property(randomMarket, fc.double({ min: 1, max: 3, noNaN: true }), (m, markup) => {
        const { spec, costs } = m;
        const prices = costs.map((c) => c * markup);
        const offers = prices.length;
        const { lambda, gamma } = evaluateDemand(pricingDemand(spec), prices);
        const exact = (j: number, k: number) => (j === k ? lambda[j]! : 0) - gamma[j * offers + k]!;
        for (let k = 0; k < offers; k++) {
          const slope = Math.max(
            ...spec.alpha.map((alpha) =>
              Math.abs(priceUtilityDerivative(alpha, prices[k]!, spec.form)),
            ),
          );
          const numeric = priceDerivative((p) => volumesAt(spec, p), prices, k, slope);
          for (let j = 0; j < offers; j++) {
            let rowLargest = 0;
            for (let i = 0; i < offers; i++)
              rowLargest = Math.max(rowLargest, Math.abs(exact(j, i)));
            const scale = Math.max(Math.abs(exact(j, k)), 1e-4 * rowLargest);
            expect(Math.abs(exact(j, k) - numeric[j]!) / scale).toBeLessThan(1e-6);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  describe('the closed forms of logit pricing', () => {
    /** Offers in nests of their own, rho = 0, one customer type, outside utility 0. */
    function logit(quality: number[], alpha: number, form: PriceForm, eta = 0): DemandSpec {
      return {
        nesting: plainLogitNesting(quality.length),
        quality: [quality],
        alpha: [alpha],
        outside: [0],
        size: [1],
        form,
        eta,
      };
    }
    const quality = [1.5, 0.8, 0.2, 1.1, -0.3];
    const costs = [1, 0.6, 0.4, 1.2, 0.3];

    function solved(spec: DemandSpec, sellerOf: number[]) {
      const result = bertrandNashPrices(pricingDemand(spec), stakesBySeller(sellerOf, costs));
      expect(result.converged).toBe(true);
      const prices = Array.from(result.pricesUsdPerMTok);
      const shares = volumesAt(spec, prices).map((q, j) => q / prices[j]! ** -(spec.eta ?? 0));
      return { prices, shares };
    }

    it('single-product sellers, linear price: markup 1 / (alpha (1 - s_j))', () => {
      const alpha = 1.3;
      const { prices, shares } = solved(logit(quality, alpha, 'linear'), [0, 1, 2, 3, 4]);
      prices.forEach((p, j) => {
        expect(p - costs[j]!).toBeCloseTo(1 / (alpha * (1 - shares[j]!)), 9);
      });
    });

    it('a multi-product seller, linear price: equal markups, 1 / (alpha (1 - its share))', () => {
      const alpha = 1.3;
      const sellerOf = [0, 0, 1, 0, 2];
      const { prices, shares } = solved(logit(quality, alpha, 'linear'), sellerOf);
      const ownShare = shares.reduce((sum, s, j) => (sellerOf[j] === 0 ? sum + s : sum), 0);
      for (const j of [0, 1, 3]) {
        expect(prices[j]! - costs[j]!).toBeCloseTo(1 / (alpha * (1 - ownShare)), 9);
      }
      for (const j of [2, 4]) {
        expect(prices[j]! - costs[j]!).toBeCloseTo(1 / (alpha * (1 - shares[j]!)), 9);
      }
    });

    it('single-product sellers, log price and volume elasticity: the Lerner index of pricing.ts', () => {
      const alpha = 3;
      const eta = 1.1;
      const { prices, shares } = solved(logit(quality, alpha, 'log', eta), [0, 1, 2, 3, 4]);
      prices.forEach((p, j) => {
        expect((p - costs[j]!) / p).toBeCloseTo(lernerIndex(alpha, shares[j]!, eta), 9);
      });
    });

    it('a multi-product seller, log price: (p - c) - p / alpha is the same on all its offers', () => {
      // Its first-order condition for offer k: (p_k - c_k) - p_k / alpha = sum_f s_j (p_j - c_j).
      const alpha = 3;
      const sellerOf = [0, 0, 1, 0, 2];
      const { prices, shares } = solved(logit(quality, alpha, 'log'), sellerOf);
      const own = [0, 1, 3];
      const weighted = own.reduce((sum, j) => sum + shares[j]! * (prices[j]! - costs[j]!), 0);
      for (const j of own) {
        expect(prices[j]! - costs[j]! - prices[j]! / alpha).toBeCloseTo(weighted, 9);
      }
    });
  });

  it('a seller of two substitutes prices both higher than two rivals would', () => {
    // Internalised cannibalisation: a sale one offer takes from the other is no gain to a seller
    // of both. Two offers of one family (a nest), a rival of another, random tastes.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom<PriceForm>('log', 'linear'),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        (seed, form, rho) => {
          const u = createStreams(seed).pricing;
          const between = (low: number, high: number) => low + (high - low) * u();
          const spec: DemandSpec = {
            nesting: createNesting([0, 0, 1], [rho, between(0, 0.9)]),
            quality: [[between(0, 2), between(0, 2), between(0, 2)]],
            alpha: [form === 'log' ? between(2, 6) : between(0.5, 2)],
            outside: [0],
            size: [100],
            form,
          };
          const costs = [between(0.5, 2), between(0.5, 2), between(0.5, 2)];
          const apart = bertrandNashPrices(pricingDemand(spec), stakesBySeller([0, 1, 2], costs));
          const together = bertrandNashPrices(
            pricingDemand(spec),
            stakesBySeller([0, 0, 2], costs),
          );
          expect(apart.converged && together.converged).toBe(true);
          // Strictly where there is something to cannibalise: each substitute holds at least
          // 0.1 % of the volume (at rho near 1 one of them can hold 1e-16 of it, and the effect
          // is then below rounding). Never lower.
          const total = apart.volumesMTok.reduce((sum, q) => sum + q, 0);
          const material =
            apart.volumesMTok[0]! > 1e-3 * total && apart.volumesMTok[1]! > 1e-3 * total;
          for (const j of [0, 1]) {
            const [joint, separate] = [together.pricesUsdPerMTok[j]!, apart.pricesUsdPerMTok[j]!];
            if (material) expect(joint).toBeGreaterThan(separate);
            expect(joint).toBeGreaterThanOrEqual(separate * (1 - 1e-12));
          }
          // The rival, facing dearer substitutes, prices no lower (prices are strategic complements).
          expect(together.pricesUsdPerMTok[2]).toBeGreaterThanOrEqual(
            apart.pricesUsdPerMTok[2]! * (1 - 1e-12),
          );
        },
      ),
    );
  });

  describe('revenue shares', () => {
    // Offer 0 is a lab's model; its partner cloud takes r of its revenue and sells offer 1 of
    // its own; offer 2 is a rival's.
    const r = 0.2;
    const costs = [1, 0.8, 0.9];
    const spec: DemandSpec = {
      nesting: createNesting([0, 1, 2], [0, 0, 0]),
      quality: [[1.2, 0.6, 0.9]],
      alpha: [3],
      outside: [0],
      size: [100],
      form: 'log',
      eta: 1.1,
    };
    // Row k: what the setter of p_k keeps of each offer's revenue, and the costs it bears.
    const partnered: SellerStakes = {
      ownership: Float64Array.from([1 - r, 0, 0, r, 1, 0, 0, 0, 1]),
      costBorneUsdPerMTok: Float64Array.from([costs[0]!, 0, 0, 0, costs[1]!, 0, 0, 0, costs[2]!]),
    };

    it('each seller’s first-order conditions hold in its own profit, the partner’s take included', () => {
      const result = bertrandNashPrices(pricingDemand(spec), partnered);
      expect(result.converged).toBe(true);
      const prices = Array.from(result.pricesUsdPerMTok);
      expectFirstOrderConditions(spec, partnered, prices, 1e-6);
    });

    it('the lab prices against c / (1 - r); the partner prices its own offer higher for its take', () => {
      const withShare = bertrandNashPrices(pricingDemand(spec), partnered);
      const apart = bertrandNashPrices(pricingDemand(spec), stakesBySeller([0, 1, 2], costs));
      const p = withShare.pricesUsdPerMTok;
      const share = volumesAt(spec, Array.from(p))[0]! / (100 * p[0]! ** -1.1);
      // Single offer, logit, log price: the Lerner index against its effective cost. (The
      // partner's own offer enters only through the share.)
      expect((p[0]! - costs[0]! / (1 - r)) / p[0]!).toBeCloseTo(lernerIndex(3, share, 1.1), 9);
      expect(p[1]).toBeGreaterThan(apart.pricesUsdPerMTok[1]!);
    });
  });

  describe('says when it has not converged', () => {
    const spec: DemandSpec = {
      nesting: createNesting([0, 0, 0, 1], [0.85, 0]),
      quality: [[2, 1.9, 1.8, 0.5]],
      alpha: [2.5],
      outside: [-1],
      size: [100],
      form: 'log',
    };
    const stakes = stakesBySeller([0, 1, 2, 3], [1, 1, 1, 1]);

    function honest(result: EquilibriumPrices, tolerance: number) {
      expect(result.converged).toBe(false);
      expect(result.status).not.toBe('converged');
      // The residual reported is that of the prices returned, and it is above the tolerance.
      if (result.status === 'max-iterations') {
        const derivatives = evaluateDemand(pricingDemand(spec), result.pricesUsdPerMTok);
        const residuals = new Float64Array(result.pricesUsdPerMTok.length);
        const residual = firstOrderResiduals(
          stakes,
          result.pricesUsdPerMTok,
          derivatives,
          residuals,
        );
        expect(result.residual).toBe(residual);
        expect(result.residual).toBeGreaterThan(tolerance);
      }
    }

    it('cut short: one iteration is not enough, and it reports max-iterations', () => {
      const result = bertrandNashPrices(pricingDemand(spec), stakes, { maxIterations: 1 });
      expect(result.status).toBe('max-iterations');
      expect(result.iterations).toBe(1);
      honest(result, 1e-10);
      // Given the iterations it needs, the same market converges.
      const full = bertrandNashPrices(pricingDemand(spec), stakes);
      expect(full.converged).toBe(true);
      expect(full.iterations).toBeGreaterThan(1);
    });

    it('no equilibrium: a monopolist facing alpha < 1 in log price raises its price forever', () => {
      // Its profit (p - c) s(p) grows without bound when alpha (1 - s) < 1 at every price.
      const monopoly: DemandSpec = { ...spec, alpha: [0.8] };
      const result = bertrandNashPrices(
        pricingDemand(monopoly),
        stakesBySeller([0, 0, 0, 0], [1, 1, 1, 1]),
      );
      expect(result.converged).toBe(false);
      expect(['max-iterations', 'diverged']).toContain(result.status);
    });

    it('the prices it starts from are an equilibrium: zero iterations', () => {
      const full = bertrandNashPrices(pricingDemand(spec), stakes);
      const again = bertrandNashPrices(pricingDemand(spec), stakes, {
        initialPrices: full.pricesUsdPerMTok,
      });
      expect(again.converged).toBe(true);
      expect(again.iterations).toBe(0);
    });
  });

  it('an offer nobody can buy keeps its price and does not disturb the others', () => {
    const base: DemandSpec = {
      nesting: createNesting([0, 1], [0, 0]),
      quality: [[1, 0.5]],
      alpha: [3],
      outside: [0],
      size: [10],
      form: 'log',
    };
    const withUnbuyable: DemandSpec = {
      ...base,
      nesting: createNesting([0, 1, 1], [0, 0.4]),
      quality: [[1, 0.5, Number.NEGATIVE_INFINITY]],
    };
    const without = bertrandNashPrices(pricingDemand(base), stakesBySeller([0, 1], [1, 1]));
    const result = bertrandNashPrices(
      pricingDemand(withUnbuyable),
      stakesBySeller([0, 1, 1], [1, 1, 2]),
      {
        initialPrices: [1, 1, 7],
      },
    );
    expect(result.converged).toBe(true);
    expect(result.pricesUsdPerMTok[2]).toBe(7);
    expect(result.pricesUsdPerMTok[0]).toBeCloseTo(without.pricesUsdPerMTok[0]!, 9);
    expect(result.pricesUsdPerMTok[1]).toBeCloseTo(without.pricesUsdPerMTok[1]!, 9);
  });

  it('refuses a price setter with no stake in its own offer', () => {
    const demand = pricingDemand({
      nesting: plainLogitNesting(2),
      quality: [[0, 0]],
      alpha: [2],
      outside: [0],
      size: [1],
      form: 'linear',
    });
    const stakes = stakesBySeller([0, 1], [1, 1]);
    stakes.ownership[3] = 0;
    expect(() => bertrandNashPrices(demand, stakes)).toThrow(RangeError);
  });
});
