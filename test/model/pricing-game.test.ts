/**
 * The run's pricing game against the dense reference solver and against each firm's profit
 * differentiated numerically: the same prices as `bertrandNashPrices` when every offer has its
 * own price and one stakeholder, and first-order conditions that hold when a lab sells one list
 * price through a partner cloud that takes a revenue share.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalCdf } from '../../src/math/normal.ts';
import { createStreams } from '../../src/math/random.ts';
import {
  bertrandNashPrices,
  type PricingDemand,
  stakesBySeller,
} from '../../src/model/equilibrium.ts';
import {
  createNesting,
  nestedLogitChoice,
  type PriceForm,
  priceUtility,
} from '../../src/model/nested-logit.ts';
import {
  firmProfitUsd,
  GAME_MAX_ITERATIONS,
  gameResiduals,
  type PricingGame,
  solvePricingGame,
} from '../../src/model/pricing-game.ts';

/** 2-4 firms with 1-3 offers each, 1-3 nests, 1-3 customer types. */
const randomMarket = fc
  .record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    firms: fc.integer({ min: 2, max: 4 }),
    types: fc.integer({ min: 1, max: 3 }),
    form: fc.constantFrom<PriceForm>('log', 'linear'),
    eta: fc.constantFrom(0, 0.5, 1.1),
    // Plain logit under log price, solved by its own fast path.
    plain: fc.boolean(),
    // Menu volumes (log price), the run's case: each type spends X(P) P at its menu's index.
    volume: fc.constantFrom<'offer' | 'menu'>('offer', 'menu'),
  })
  .map(({ seed, firms, types, form: drawnForm, eta, plain, volume }) => {
    const form = plain || volume === 'menu' ? 'log' : drawnForm;
    const u = createStreams(seed).pricing;
    const between = (low: number, high: number) => low + (high - low) * u();
    const firmOf: number[] = [];
    for (let f = 0; f < firms; f++) {
      const count = 1 + Math.floor(3 * u());
      for (let i = 0; i < count; i++) firmOf.push(f);
    }
    const offers = firmOf.length;
    const families = 1 + Math.floor(3 * u());
    const nesting = createNesting(
      firmOf.map(() => Math.floor(u() * families)),
      Array.from({ length: families }, () => (plain ? 0 : between(0, 0.8))),
    );
    const alpha = Array.from({ length: types }, () =>
      form === 'log' ? between(2, 6) : between(0.5, 2),
    );
    const demand: PricingDemand = {
      nesting,
      types,
      nonPriceUtility: Float64Array.from({ length: types * offers }, () => between(-1, 2)),
      priceSensitivity: Float64Array.from(alpha),
      outsideUtility: Float64Array.from(alpha, () => between(-1, 1)),
      marketSize: Float64Array.from(alpha, () => between(10, 1000)),
      priceForm: form,
      volumeElasticity: form === 'log' ? eta : 0,
      volume,
    };
    const costs = firmOf.map(() => between(0.5, 3));
    return { demand, firmOf, costs, firms, u };
  });

/** Every offer its own decision, its firm the only stakeholder. */
function separateOffers(demand: PricingDemand, firmOf: number[], costs: number[]): PricingGame {
  const offers = firmOf.length;
  return {
    demand,
    decisions: offers,
    decisionOf: Int32Array.from(firmOf, (_, j) => j),
    setterOf: Int32Array.from(firmOf),
    held: new Uint8Array(offers),
    ownerOf: Int32Array.from(firmOf),
    ownerTake: new Float64Array(offers).fill(1),
    ownerCostUsdPerMTok: Float64Array.from(costs),
    partnerOf: new Int32Array(offers).fill(-1),
    partnerTake: new Float64Array(offers),
    firms: Math.max(...firmOf) + 1,
  };
}

/** Two customer types over four offers in two close nests (rho 0.9), log price. */
function closeNests(): PricingDemand {
  return {
    nesting: createNesting([0, 0, 1, 1], 0.9),
    types: 2,
    nonPriceUtility: Float64Array.from([1, 0.5, 0.8, 0.2, 0.3, 1, 0.1, 0.9]),
    priceSensitivity: Float64Array.from([4, 6]),
    outsideUtility: Float64Array.from([-2, -1]),
    marketSize: Float64Array.from([100, 50]),
    priceForm: 'log',
    volumeElasticity: 0.5,
  };
}

describe('the pricing game', () => {
  it('finds the dense solver’s prices when each offer has its own price', () => {
    fc.assert(
      fc.property(randomMarket, ({ demand, firmOf, costs }) => {
        const dense = bertrandNashPrices(demand, stakesBySeller(firmOf, costs));
        const game = solvePricingGame(separateOffers(demand, firmOf, costs), costs, {
          tolerance: 1e-10,
        });
        expect(dense.status).toBe('converged');
        expect(game.status).toBe('converged');
        game.decisionPricesUsdPerMTok.forEach((p, j) => {
          expect(Math.abs(p / dense.pricesUsdPerMTok[j]! - 1)).toBeLessThan(1e-7);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('meets each setter’s first-order condition with linked prices and revenue shares', () => {
    fc.assert(
      fc.property(randomMarket, ({ demand, firmOf, costs, firms, u }) => {
        // The last firm is a cloud: it resells firm 0's first offer at firm 0's price (the
        // reseller's copy is a second offer of the same decision), and takes a share of the
        // revenue on every offer of firm 0. Firm 1 holds its first offer's price.
        const base = separateOffers(demand, firmOf, costs);
        const offers = firmOf.length;
        const cloud = firms - 1;
        const decisionOf = Int32Array.from(base.decisionOf);
        const resold = firmOf.indexOf(0);
        const resale = firmOf.lastIndexOf(cloud);
        decisionOf[resale] = resold;
        const share = 0.1 + 0.3 * u();
        const ownerOf = Int32Array.from(firmOf);
        ownerOf[resale] = 0;
        const ownerTake = Float64Array.from(firmOf, (f, j) =>
          f === 0 || j === resale ? 1 - share : 1,
        );
        const ownerCost = Float64Array.from(costs);
        ownerCost[resale] = costs[resold]!;
        const partnerOf = Int32Array.from(firmOf, (f, j) => (f === 0 || j === resale ? cloud : -1));
        const partnerTake = Float64Array.from(partnerOf, (p) => (p >= 0 ? share : 0));
        const held = new Uint8Array(offers);
        const heldDecision = firmOf.indexOf(1);
        held[heldDecision] = 1;
        const game: PricingGame = {
          ...base,
          decisionOf,
          setterOf: Int32Array.from(firmOf, (f, d) => (d === resale ? cloud : f)),
          held,
          ownerOf,
          ownerTake,
          ownerCostUsdPerMTok: ownerCost,
          partnerOf,
          partnerTake,
        };
        const start = Array.from(costs, (c) => 2 * c);
        const solution = solvePricingGame(game, start, { tolerance: 1e-10 });
        expect(solution.status).toBe('converged');
        const x = Array.from(solution.decisionPricesUsdPerMTok);
        expect(x[heldDecision]).toBe(start[heldDecision]);
        expect(Math.max(...gameResiduals(game, x).map(Math.abs))).toBeLessThan(1e-8);
        // Each setter's profit is flat in its own list price, by central differences.
        for (let d = 0; d < offers; d++) {
          const members = [...decisionOf.keys()].filter((j) => decisionOf[j] === d);
          if (held[d] === 1 || members.length === 0) continue;
          const setter = game.setterOf[d]!;
          const profitAt = (price: number) =>
            firmProfitUsd(
              game,
              setter,
              Array.from(decisionOf, (e) => (e === d ? price : x[e]!)),
            );
          const h = 1e-5 * x[d]!;
          const slope = (profitAt(x[d]! + h) - profitAt(x[d]! - h)) / (2 * h);
          const volume = members.reduce(
            (sum, j) => sum + ownerTake[j]! * solution.volumesMTok[j]!,
            0,
          );
          // Differences round at about 1e-16 profit / h: an offer that is a negligible part of
          // its setter's business is checked per unit of all the volume the setter earns on.
          const firmVolume = solution.volumesMTok.reduce(
            (sum, q, j) =>
              sum +
              (ownerOf[j] === setter ? ownerTake[j]! * q : 0) +
              (partnerOf[j] === setter ? share * q : 0),
            0,
          );
          expect(Math.abs(slope / firmVolume)).toBeLessThan(1e-6);
          if (volume >= 1e-3 * firmVolume) expect(Math.abs(slope / volume)).toBeLessThan(1e-6);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('finds the same prices whether its iterations evaluate only the moving offers or all', () => {
    fc.assert(
      fc.property(randomMarket, ({ demand, firmOf, costs, u }) => {
        // Some prices held, some offers out of some types' reach, buyers with a willingness to pay.
        const offers = firmOf.length;
        const held = Uint8Array.from(firmOf, () => (u() < 0.3 ? 1 : 0));
        held[Math.floor(u() * offers)] = 0;
        const nonPriceUtility = Float64Array.from(demand.nonPriceUtility, (v) =>
          u() < 0.15 ? Number.NEGATIVE_INFINITY : v,
        );
        const game: PricingGame = {
          ...separateOffers({ ...demand, nonPriceUtility }, firmOf, costs),
          held,
          volumeCurves: {
            curveOf: new Int32Array(demand.types),
            logMean: Float64Array.from([Math.log(4 + 4 * u())]),
            logSd: Float64Array.from([0.5 + u()]),
          },
        };
        const start = Array.from(costs, (c) => (1.2 + u()) * c);
        const fast = solvePricingGame(game, start, { tolerance: 1e-12 });
        const general = solvePricingGame(game, start, { tolerance: 1e-12, fastTerms: false });
        expect(fast.status).toBe(general.status);
        if (general.status !== 'converged') return;
        general.decisionPricesUsdPerMTok.forEach((p, d) => {
          expect(Math.abs(fast.decisionPricesUsdPerMTok[d]! / p - 1)).toBeLessThan(1e-9);
        });
        general.volumesMTok.forEach((q, j) => {
          expect(Math.abs(fast.volumesMTok[j]! - q)).toBeLessThanOrEqual(1e-9 * Math.max(1, q));
        });
      }),
      { numRuns: 100 },
    );
  });

  it('finds them too from prices a million times too high, in close nests', () => {
    // At rho 0.9 a price that falls a millionfold moves e^(V / (1 - rho)) by e^(6 x 10 x 13.8).
    const demand = closeNests();
    const costs = [1, 2, 1.5, 1];
    const game = separateOffers(demand, [0, 1, 0, 1], costs);
    const start = costs.map((c) => 1e6 * c);
    const options = { tolerance: 1e-12, floorUsdPerMTok: costs };
    const fast = solvePricingGame(game, start, options);
    const general = solvePricingGame(game, start, { ...options, fastTerms: false });
    expect(general.status).toBe('converged');
    expect(fast.status).toBe('converged');
    general.decisionPricesUsdPerMTok.forEach((p, d) => {
      expect(Math.abs(fast.decisionPricesUsdPerMTok[d]! / p - 1)).toBeLessThan(1e-9);
    });
  });

  it('solves for a single free price in a few iterations (a secant step, not a plain one)', () => {
    // In a close nest the plain zeta step closes some 8 % of the gap an iteration.
    const demand = closeNests();
    const game = {
      ...separateOffers(demand, [0, 1, 0, 1], [1, 2, 1.5, 1]),
      held: Uint8Array.from([0, 1, 1, 1]),
    };
    for (const start of [1.1, 3, 30]) {
      const solution = solvePricingGame(game, [start, 2.1, 1.6, 1.1], { tolerance: 1e-10 });
      expect(solution.status).toBe('converged');
      expect(solution.iterations).toBeLessThan(20);
      expect(Math.abs(gameResiduals(game, solution.decisionPricesUsdPerMTok)[0]!)).toBeLessThan(
        1e-10,
      );
    }
  });

  it('converges where the accelerated zeta iteration cycles, near-perfect substitutes', () => {
    // Three firms, two of them in one family at rho 0.97, spending at their menu's index: the
    // zeta iteration cycles for its 500 iterations from here; best responses then converge.
    const demand: PricingDemand = {
      nesting: createNesting([1, 0, 1], 0.97),
      types: 1,
      nonPriceUtility: Float64Array.from([0.41, 0.21, 0.4]),
      priceSensitivity: Float64Array.from([2.21]),
      outsideUtility: Float64Array.from([-1.64]),
      marketSize: Float64Array.from([598]),
      priceForm: 'log',
      volumeElasticity: 1.1,
      volume: 'menu',
    };
    const costs = [1.37, 1.57, 0.84];
    const game = separateOffers(demand, [0, 1, 2], costs);
    const solution = solvePricingGame(game, [3.22, 2.77, 1.95], {
      ceilingUsdPerMTok: costs.map((c) => 100 * c),
      floorUsdPerMTok: costs,
    });
    expect(solution.status).toBe('converged');
    expect(solution.iterations).toBeGreaterThan(GAME_MAX_ITERATIONS);
    const x = Array.from(solution.decisionPricesUsdPerMTok);
    gameResiduals(game, x).forEach((residual) => {
      expect(Math.abs(residual)).toBeLessThanOrEqual(1e-7);
    });
    // Each firm's profit, differenced numerically, is flat in its own price there.
    x.forEach((p, f) => {
      expect(p).toBeGreaterThan(costs[f]!);
      const profitAt = (price: number) =>
        firmProfitUsd(
          game,
          f,
          x.map((q, j) => (j === f ? price : q)),
        );
      const h = 1e-6 * p;
      const slope = ((profitAt(p + h) - profitAt(p - h)) / (2 * h)) * p;
      expect(Math.abs(slope) / profitAt(p)).toBeLessThan(1e-5);
    });
  });

  it('meets the first-order conditions when buyers stop at a log-normal willingness to pay', () => {
    fc.assert(
      fc.property(randomMarket, ({ demand, firmOf, costs, u }) => {
        const types = demand.types;
        const curves = {
          curveOf: Int32Array.from({ length: types }, (_, t) => t % 2),
          logMean: Float64Array.from([Math.log(3 + 5 * u()), Math.log(2 + 8 * u())]),
          logSd: Float64Array.from([0.3 + u(), 0.3 + u()]),
          // Half the markets saturate below a price of up to 2 USD/MTok.
          saturationUsdPerMTok: u() < 0.5 ? 0 : 2 * u(),
        };
        const game: PricingGame = {
          ...separateOffers(demand, firmOf, costs),
          volumeCurves: curves,
        };
        const solution = solvePricingGame(
          game,
          Array.from(costs, (c) => 1.5 * c),
        );
        expect(solution.status).toBe('converged');
        const x = Array.from(solution.decisionPricesUsdPerMTok);
        // Volumes straight from the definition: each type's shares times p^-eta times the
        // share of its scale whose willingness to pay is at least p; under menu volumes, its
        // shares times its spend at its menu's index P, (P + a)^-eta P times the share of its
        // scale willing to pay P, over p.
        const eta = demand.volumeElasticity;
        const menu = demand.volume === 'menu';
        const volumesAt = (prices: number[]) => {
          const volumes = prices.map(() => 0);
          for (let t = 0; t < types; t++) {
            const alpha = demand.priceSensitivity[t]!;
            const utility = prices.map(
              (p, j) =>
                demand.nonPriceUtility[t * prices.length + j]! +
                priceUtility(alpha, p, demand.priceForm),
            );
            const { shares, inclusiveValue } = nestedLogitChoice(
              utility,
              demand.outsideUtility[t]!,
              demand.nesting,
            );
            const c = curves.curveOf[t]!;
            const [mu, sd] = [curves.logMean[c]!, curves.logSd[c]!];
            const index = Math.exp(-inclusiveValue / alpha);
            prices.forEach((p, j) => {
              const at = menu ? index : p;
              const willing = normalCdf((mu + eta * sd * sd - Math.log(at)) / sd);
              const perBuyer = (at + curves.saturationUsdPerMTok) ** -eta * (menu ? at / p : 1);
              volumes[j] = volumes[j]! + demand.marketSize[t]! * shares[j]! * perBuyer * willing;
            });
          }
          return volumes;
        };
        const profit = (firm: number, prices: number[]) =>
          volumesAt(prices).reduce(
            (sum, q, j) => sum + (firmOf[j] === firm ? (prices[j]! - costs[j]!) * q : 0),
            0,
          );
        const volumes = volumesAt(x);
        solution.volumesMTok.forEach((q, j) => {
          expect(Math.abs(q - volumes[j]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, volumes[j]!));
        });
        x.forEach((p, j) => {
          const firm = firmOf[j]!;
          const h = 1e-5 * p;
          const at = (price: number) =>
            profit(
              firm,
              x.map((q, i) => (i === j ? price : q)),
            );
          const slope = (at(p + h) - at(p - h)) / (2 * h);
          const firmVolume = volumes.reduce((sum, q, i) => sum + (firmOf[i] === firm ? q : 0), 0);
          expect(Math.abs(slope / firmVolume)).toBeLessThan(1e-6);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('computes the willingness-to-pay factor as a numerical integral over the buyers would', () => {
    // E[w^eta 1(w >= p)] / E[w^eta] for ln w ~ N(mu, sd^2), by the midpoint rule in ln w.
    const [mu, sd, eta] = [Math.log(5), 0.8, 1.1];
    const factorAt = (p: number) => {
      let above = 0;
      let all = 0;
      const step = 1e-4;
      for (let x = mu - 10 * sd; x < mu + 10 * sd; x += step) {
        const mass =
          Math.exp(-0.5 * ((x + step / 2 - mu) / sd) ** 2) * Math.exp(eta * (x + step / 2));
        all += mass;
        if (x + step / 2 >= Math.log(p)) above += mass;
      }
      return above / all;
    };
    const demand: PricingDemand = {
      nesting: createNesting([0], 0),
      types: 1,
      nonPriceUtility: Float64Array.from([0]),
      priceSensitivity: Float64Array.from([3]),
      outsideUtility: Float64Array.from([-1e3]),
      marketSize: Float64Array.from([1]),
      priceForm: 'log',
      volumeElasticity: eta,
    };
    const game: PricingGame = {
      ...separateOffers(demand, [0], [1]),
      volumeCurves: {
        curveOf: Int32Array.from([0]),
        logMean: Float64Array.from([mu]),
        logSd: Float64Array.from([sd]),
      },
    };
    for (const p of [1, 3, 5, 9, 20]) {
      // The outside option is out of reach: the one offer's share is 1, its volume p^-eta f.
      const { volumesMTok } = solvePricingGame({ ...game, held: Uint8Array.from([1]) }, [p]);
      expect(volumesMTok[0]! * p ** eta).toBeCloseTo(factorAt(p), 3);
    }
  });

  it('holds a price at its ceiling where demand is too inelastic for an interior optimum', () => {
    // One offer, alpha (1 - s) + eta < 1: profit rises with price without bound.
    const demand: PricingDemand = {
      nesting: createNesting([0], 0),
      types: 1,
      nonPriceUtility: Float64Array.from([0]),
      priceSensitivity: Float64Array.from([0.3]),
      outsideUtility: Float64Array.from([0]),
      marketSize: Float64Array.from([100]),
      priceForm: 'log',
      volumeElasticity: 0.3,
    };
    const game = separateOffers(demand, [0], [1]);
    const free = solvePricingGame(game, [2]);
    expect(free.converged).toBe(false);
    const capped = solvePricingGame(game, [2], { ceilingUsdPerMTok: [100] });
    expect(capped.status).toBe('converged');
    expect(capped.decisionPricesUsdPerMTok[0]).toBe(100);
    // A ceiling that exp(ln c) misses by an ulp (exp(ln 50.74) < 50.74) is reached all the same,
    // and at once from a start within a step of it.
    expect(Math.exp(Math.log(50.74))).toBeLessThan(50.74);
    const offGrid = solvePricingGame(game, [30], { ceilingUsdPerMTok: [50.74] });
    expect(offGrid.status).toBe('converged');
    expect(offGrid.decisionPricesUsdPerMTok[0]).toBe(50.74);
    expect(offGrid.iterations).toBeLessThan(5);
    // With demand elastic enough, the ceiling does not bind and the Lerner rule holds.
    const elastic = { ...demand, priceSensitivity: Float64Array.from([4]) };
    const solved = solvePricingGame(separateOffers(elastic, [0], [1]), [2], {
      ceilingUsdPerMTok: [100],
      tolerance: 1e-12,
    });
    const p = solved.decisionPricesUsdPerMTok[0]!;
    const s = (solved.volumesMTok[0]! * p ** 0.3) / 100;
    expect((p - 1) / p).toBeCloseTo(1 / (4 * (1 - s) + 0.3), 9);
  });
});

describe('the pricing game with sub-nests (two-level nested logit)', () => {
  /** The random market with, in each nest of two or more offers, its first two in a sub-nest. */
  const withSubNests = randomMarket.map((market) => {
    const { nesting } = market.demand;
    const subNestOf = new Int32Array(nesting.offers).fill(-1);
    const rho: number[] = [];
    for (let g = 0; g < nesting.nests; g++) {
      const members = [...nesting.nestOf.keys()].filter((j) => nesting.nestOf[j] === g);
      if (members.length < 2) continue;
      const h = rho.length;
      subNestOf[members[0]!] = h;
      subNestOf[members[1]!] = h;
      rho.push(nesting.rho[g]! + (0.95 - nesting.rho[g]!) * market.u());
    }
    let next = rho.length;
    for (let j = 0; j < nesting.offers; j++) {
      if (subNestOf[j]! < 0) {
        subNestOf[j] = next++;
        rho.push(nesting.rho[nesting.nestOf[j]!]!);
      }
    }
    const twoLevel = createNesting(nesting.nestOf, nesting.rho, { subNestOf, rho });
    return { ...market, demand: { ...market.demand, nesting: twoLevel } };
  });

  it('finds the dense solver’s prices and meets every first-order condition to 1e-6', () => {
    fc.assert(
      fc.property(withSubNests, ({ demand, firmOf, costs }) => {
        fc.pre(demand.nesting.subNests !== undefined);
        const game = separateOffers(demand, firmOf, costs);
        const solution = solvePricingGame(game, costs, { tolerance: 1e-10 });
        const dense = bertrandNashPrices(demand, stakesBySeller(firmOf, costs));
        expect(solution.status).toBe('converged');
        expect(dense.status).toBe('converged');
        const x = Array.from(solution.decisionPricesUsdPerMTok);
        x.forEach((p, j) => {
          expect(Math.abs(p / dense.pricesUsdPerMTok[j]! - 1)).toBeLessThan(1e-7);
        });
        expect(Math.max(...gameResiduals(game, x).map(Math.abs))).toBeLessThan(1e-8);
        // Each firm's profit is flat in each of its prices, by central differences.
        for (let d = 0; d < x.length; d++) {
          const firm = firmOf[d]!;
          const profitAt = (price: number) =>
            firmProfitUsd(
              game,
              firm,
              x.map((p, e) => (e === d ? price : p)),
            );
          const h = 1e-5 * x[d]!;
          const slope = (profitAt(x[d]! + h) - profitAt(x[d]! - h)) / (2 * h);
          const firmVolume = solution.volumesMTok.reduce(
            (sum, q, j) => sum + (firmOf[j] === firm ? q : 0),
            0,
          );
          expect(Math.abs(slope / firmVolume)).toBeLessThan(1e-6);
        }
      }),
      { numRuns: 40 },
    );
  });
});
