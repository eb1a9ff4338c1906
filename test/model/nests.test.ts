/**
 * Nests in the customers' choice and in the sellers' demand (docs/MODEL.md, "Nests"): a copy of
 * an offer under the same owner (the red bus beside the blue bus) wins its owner little share at
 * the baseline's within-family correlation, where under plain logit it wins a lot; and the
 * pricing game prices against the same nests, so that rivals selling one family's tokens
 * compete harder than under plain logit, and one owner of both prices them higher.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.ts';
import { createStreams } from '../../src/math/random.ts';
import { chooseSuppliers, createTally } from '../../src/model/choice.ts';
import { choiceMarket } from '../../src/model/choice-market.ts';
import { familyNests } from '../../src/model/nests.ts';
import { createPopulation, NO_OFFER } from '../../src/model/population.ts';
import { sellersDemand } from '../../src/model/pricing-demand.ts';
import { type PricingGame, solvePricingGame } from '../../src/model/pricing-game.ts';
import { type Model, type Offer, offerWith, type World } from '../../src/model/world.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { loadBaseline, smallBaseline } from '../helpers.ts';
import { handMadeWorld } from './fixture.ts';

/**
 * The scenario at within-family correlation sigma; at 0, plain logit, with the sub-nests of
 * third-party apps (docs/MODEL.md, "Sub-nests") at rho_2 = 0 too.
 */
const withSigma = (scenario: Scenario, sigma: number): Scenario => ({
  ...scenario,
  demand: {
    ...scenario.demand,
    withinFamilyCorrelation: sigma,
    ...(sigma === 0 && { withinAppsCorrelation: 0 }),
  },
});

describe('nests', () => {
  it("number a world's model families, the tokens apart from the products", () => {
    const model = (index: number, developer: number) => ({ index, developer }) as Model;
    const offer = (index: number, modelIndex: number, channel: Offer['channel']) =>
      ({ index, model: modelIndex, channel }) as Offer;
    const world = { models: [model(0, 4), model(1, 1), model(2, 4)] } as unknown as World;
    const offers = [
      offer(0, 0, 'api'),
      offer(1, 2, 'cloud'), // another model of the same family, through a cloud
      offer(2, 1, 'api'),
      offer(3, 0, 'product'), // a product on the family's model
    ];
    const { nests, nestOf } = familyNests(world, offers);
    expect(nests).toBe(3);
    // Developer 1's tokens, then developer 4's tokens, then developer 4's products.
    expect(Array.from(nestOf)).toEqual([1, 1, 0, 2]);
  });
});

describe('red bus, blue bus: a copy of an offer under the same owner', () => {
  /**
   * In a month of a baseline run, every customer of a fresh population chooses once from the
   * month's offers (the kernel, as in a first month), with and without a copy of the
   * aggregator's app (same owner, same model, same price), from the same random draws. Returns
   * the aggregator's share of the customers who buy, without and with the copy, in points.
   */
  async function aggregatorShares(sigma: number, months: readonly number[]) {
    const scenario = withSigma(await smallBaseline({ customers: 20_000, months: 61 }), sigma);
    const simulation = new Simulation(scenario, { seed: 1 });
    const { hyperscalers, agentIds } = simulation.context;
    const apps = agentIds.indexOf('apps');
    const cloudShares = hyperscalers.map(
      (index) => simulation.context.clouds[index]!.enterpriseBaseShare,
    );
    const shares: [number, number][] = [];
    for (const month of months) {
      while (simulation.tick < month) simulation.step();
      const world = simulation.world;
      const app = world.offers.find((offer) => offer.active && offer.seller === apps)!;
      const copy = offerWith(app, { index: world.offers.length, key: `${app.key}-copy` });
      const pair = [world, { ...world, offers: [...world.offers, copy] }].map((market) => {
        const streams = createStreams(7);
        const population = createPopulation(scenario, cloudShares, streams.population);
        population.byOffer.update(market.offers);
        const choice = choiceMarket(market, scenario.demand, hyperscalers, population);
        chooseSuppliers(
          { ...choice, firstMonth: true },
          population,
          streams.reevaluation,
          streams.choice,
          createTally(3, choice.slots),
        );
        let buying = 0;
        let aggregator = 0;
        for (let i = 0; i < population.size; i++) {
          const main = population.primary[i]!;
          if (main === NO_OFFER) continue;
          buying++;
          if (market.offers[main]!.seller === apps) aggregator++;
        }
        return (100 * aggregator) / buying;
      });
      shares.push([pair[0]!, pair[1]!]);
    }
    return shares;
  }

  const MONTHS = [12, 18, 24, 30, 36, 42, 48, 54, 60];
  /** The months in which the app sells to at least 2 % of buyers: a copy has something to take. */
  const selling = (shares: [number, number][]) => {
    const months = shares.filter(([without]) => without >= 2);
    expect(months.length).toBeGreaterThanOrEqual(3);
    return months;
  };

  it("moves the owner's share by less than a point at the baseline's sigma", async () => {
    const sigma = (await loadBaseline()).demand.withinFamilyCorrelation;
    for (const [without, withCopy] of selling(await aggregatorShares(sigma, MONTHS))) {
      expect(Math.abs(withCopy - without)).toBeLessThan(1);
    }
  });

  it('moves it by more under plain logit (sigma 0), the independence of irrelevant alternatives', async () => {
    for (const [without, withCopy] of selling(await aggregatorShares(0, MONTHS))) {
      expect(withCopy - without).toBeGreaterThan(1);
    }
  });
});

describe('the pricing game prices against the nests', () => {
  /**
   * Three API offers: a lab's model sold by the lab (offer 0) and by a host (offer 1), the same
   * family, and a rival lab's model (offer 2). `owners` says who sets and earns each price.
   * Returns the equilibrium prices, USD/MTok.
   */
  async function equilibrium(sigma: number, owners: readonly number[]): Promise<number[]> {
    const scenario = withSigma(await smallBaseline({ customers: 5_000 }), sigma);
    const model = (index: number, developer: number, capability: number): Model => ({
      index,
      name: `m${index}`,
      developer,
      open: false,
      tier: 'flagship',
      capability,
      releasedTick: 0,
      retiresTick: 100,
      computeUnitsPerMTok: 1,
      trainingCostUsd: 0,
      amortisationMonths: 12,
      listPriceUsdPerMTok: undefined,
    });
    const offer = (index: number, seller: number, modelIndex: number) =>
      offerWith({
        index,
        key: `offer-${index}`,
        seller,
        channel: 'api',
        model: modelIndex,
        resale: false,
        active: true,
        launchedTick: 0,
        priceUsdPerMTok: 5,
        unitCostUsdPerMTok: 1,
        brandUtility: 0,
        lockIn: 1,
        share: 0,
        tokensMTok: 0,
        lockInUsdPerMTok: 0,
        priceSensitivity: Number.NaN,
      });
    const models = [model(0, 0, 1150), model(1, 2, 1140)];
    const offers = [offer(0, 0, 0), offer(1, 1, 0), offer(2, 2, 1)];
    const world = handMadeWorld(scenario, 0, models, offers, { date: scenario.start });
    // Agents 3 and 4 are the hyperscalers, the home clouds of enterprises.
    const population = createPopulation(scenario, [0.3, 0.3], createStreams(3).population);
    const priced = offers.map((o) => ({ offer: o, capability: models[o.model]!.capability }));
    const { demand, volumeCurves } = sellersDemand(world, scenario, [3, 4], population, priced);
    const cost = 1;
    const game: PricingGame = {
      demand,
      volumeCurves,
      decisions: 3,
      decisionOf: Int32Array.of(0, 1, 2),
      setterOf: Int32Array.from(owners),
      held: new Uint8Array(3),
      ownerOf: Int32Array.from(owners),
      ownerTake: Float64Array.of(1, 1, 1),
      ownerCostUsdPerMTok: Float64Array.of(cost, cost, cost),
      partnerOf: Int32Array.of(-1, -1, -1),
      partnerTake: new Float64Array(3),
      firms: 3,
    };
    const solution = solvePricingGame(game, [2 * cost, 2 * cost, 2 * cost], {
      ceilingUsdPerMTok: [100 * cost, 100 * cost, 100 * cost],
    });
    expect(solution.status).toBe('converged');
    return Array.from(solution.decisionPricesUsdPerMTok);
  }

  it("rivals selling one family's tokens price lower when the family's offers are close substitutes", async () => {
    const sigma = (await loadBaseline()).demand.withinFamilyCorrelation;
    const plain = await equilibrium(0, [0, 1, 2]);
    const nested = await equilibrium(sigma, [0, 1, 2]);
    expect(nested[0]!).toBeLessThan(plain[0]!);
    expect(nested[1]!).toBeLessThan(plain[1]!);
  });

  it('one owner of both prices them higher than the two rivals do (it internalises the nest)', async () => {
    const sigma = (await loadBaseline()).demand.withinFamilyCorrelation;
    const rivals = await equilibrium(sigma, [0, 1, 2]);
    const merged = await equilibrium(sigma, [0, 0, 2]);
    expect(merged[0]!).toBeGreaterThan(rivals[0]!);
    expect(merged[1]!).toBeGreaterThan(rivals[1]!);
  });
});
