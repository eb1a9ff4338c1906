/**
 * The choice kernel against a brute-force logit. On random small markets every customer
 * chooses once; its choice probabilities, recomputed here in a plain loop straight from the
 * utility of docs/MODEL.md (phase 4), must match the kernel's draws in frequency (a chi-square
 * test) and its bookkeeping exactly (to 1e-9), and so must the consumer surplus.
 */
import { describe, expect, it } from 'vitest';
import { createStreams } from '../../src/math/random.ts';
import { chooseSuppliers, createTally } from '../../src/model/choice.ts';
import { choiceMarket } from '../../src/model/choice-market.ts';
import { createNesting, nestedLogitChoice } from '../../src/model/nested-logit.ts';
import { createPopulation, NO_OFFER, type Population } from '../../src/model/population.ts';
import { technologyAt } from '../../src/model/technology.ts';
import { monthVolumes } from '../../src/model/volumes.ts';
import { type Model, type Offer, offerWith, type World } from '../../src/model/world.ts';
import type { Channel } from '../../src/scenario/pricing-strategy.ts';
import { type Scenario, SEGMENTS, withinAppsCorrelation } from '../../src/scenario/schema.ts';
import { smallBaseline } from '../helpers.ts';
import { handMadeWorld } from './fixture.ts';

const CHANNELS: readonly Channel[] = ['api', 'cloud', 'product'];
/** Agents 0-2 sell; 3 and 4 are the hyperscalers, the home clouds of enterprises. */
const HYPERSCALERS = [3, 4];
const SELLERS = 5;

/**
 * A random small market: a scenario with random tastes, and a world of 3-8 offers on sale, of
 * models from three families (developers 0-2), with within-family correlation `sigma`. With
 * `apps`, two more offers: products of sellers 1 and 2 built on family 0's model, a sub-nest of
 * its products nest with correlation `apps` (docs/MODEL.md, "Sub-nests").
 */
function randomMarket(base: Scenario, seed: number, customers: number, sigma = 0, apps = 0) {
  const u = createStreams(seed).pricing;
  const between = (low: number, high: number) => low + (high - low) * u();
  const segments = { ...base.demand.segments };
  for (const name of SEGMENTS) {
    segments[name] = {
      ...segments[name],
      qualityUtilityPerPoint: between(0, 0.03),
      productUtility: between(-1, 1),
      cloudUtility: between(0.5, 2),
      // Customers of one workload, a second supplier for half the enterprises; all in the
      // market from the start (no arrivals), so that every one of them chooses.
      workloadsPerCustomer: 1,
      adoptionGrowthPerYear: 0,
      // Developers' use cases: a taste per family (none for the multi-homing enterprises,
      // whose second supplier does not take one).
      useCaseTasteSd: name === 'developer' ? 1.5 : 0,
      multiHomingShare: name === 'enterprise' ? 0.5 : 0,
      channels: name === 'consumer' ? ['product', 'api'] : ['api', 'cloud', 'product'],
      // The logit's draw alone: onboarding a new seller is checked in onboarding.test.ts.
      onboardingCostSpendMonths: 0,
    };
  }
  const scenario: Scenario = {
    ...base,
    customers,
    demand: {
      ...base.demand,
      priceElasticity: between(0.6, 1.6),
      saturationPriceUsdPerMTok: between(0, 2),
      withinFamilyCorrelation: sigma,
      ...(apps > 0 && { withinAppsCorrelation: apps }),
      segments,
    },
  };
  const count = 3 + Math.floor(u() * 6);
  const models: Model[] = [];
  const offers: Offer[] = [];
  for (let k = 0; k < count; k++) {
    models.push({
      index: k,
      name: `m${k}`,
      developer: k % 3,
      open: false,
      tier: 'flagship',
      capability: between(950, 1250),
      releasedTick: 0,
      retiresTick: 100,
      computeUnitsPerMTok: 1,
      trainingCostUsd: 0,
      amortisationMonths: 12,
      listPriceUsdPerMTok: undefined,
    });
    const channel = CHANNELS[Math.floor(u() * CHANNELS.length)]!;
    offers.push(
      offerWith({
        index: k,
        key: `offer-${k}`,
        seller: channel === 'cloud' ? HYPERSCALERS[k % 2]! : Math.floor(u() * SELLERS),
        channel,
        model: k,
        resale: false,
        active: true,
        launchedTick: 0,
        priceUsdPerMTok: Math.exp(between(Math.log(0.2), Math.log(40))),
        unitCostUsdPerMTok: 0,
        brandUtility: between(-1, 1),
        lockIn: 1,
        share: 0,
        tokensMTok: 0,
        lockInUsdPerMTok: 0,
        priceSensitivity: Number.NaN,
      }),
    );
  }
  for (const seller of apps > 0 ? [1, 2] : []) {
    offers.push(
      offerWith({
        ...offers[0]!,
        index: offers.length,
        key: `app-${seller}`,
        seller,
        channel: 'product',
        // Well liked and not dear, so that the sub-nest's own choice has customers to test.
        priceUsdPerMTok: Math.exp(between(Math.log(0.5), Math.log(5))),
        brandUtility: between(1, 3),
      }),
    );
  }
  // The first month (everyone chooses), with a requirement shift and usage growth of its own.
  const world = handMadeWorld(scenario, 0, models, offers, {
    date: base.start,
    technology: { ...technologyAt(scenario, 0), years: 1.5, requirementShift: between(0, 40) },
  });
  const streams = createStreams(seed);
  const population = createPopulation(scenario, [0.4, 0.35], streams.population);
  population.byOffer.update(offers);
  return { scenario, world, population, streams };
}

/**
 * The utilities of docs/MODEL.md for one customer, in a plain loop: V_k of each offer it can use
 * (its segment's channels, capability at least its need; whatever the price), -Infinity for
 * the others, and the outside option's. `excludeSeller` leaves one seller's offers
 * out (a second supplier); `withTastes` false leaves out a workload's use-case tastes, which
 * decide the family it buys from but not its menu's price index (docs/MODEL.md, "Use cases").
 */
function utilitiesOf(
  scenario: Scenario,
  world: World,
  population: Population,
  i: number,
  excludeSeller: number,
  withTastes = true,
): { utilities: number[]; outside: number } {
  const spec = scenario.demand.segments[SEGMENTS[population.segment[i]!]!];
  const alpha = population.groupPriceSensitivity[population.tasteGroup[i]!]!;
  const home = population.homeCloud[i]!;
  const homeSeller = home >= 0 ? HYPERSCALERS[home]! : -1;
  const need = population.requirement[i]! + world.technology.requirementShift;
  const best = Math.max(...world.models.map((model) => model.capability));
  const utilities = world.offers.map((offer) => {
    const capability = world.models[offer.model]!.capability;
    const usable =
      spec.channels.includes(offer.channel) && capability >= need && offer.seller !== excludeSeller;
    if (!usable) return Number.NEGATIVE_INFINITY;
    const developer = world.models[offer.model]!.developer;
    const taste =
      withTastes && population.familyTaste.length > 0
        ? population.familyTaste[i * population.families + developer]!
        : 0;
    return (
      taste +
      offer.brandUtility +
      (offer.channel === 'product' ? spec.productUtility : 0) +
      (offer.channel === 'cloud' && offer.seller === homeSeller ? spec.cloudUtility : 0) +
      spec.qualityUtilityPerPoint * (capability - best) -
      alpha * Math.log(offer.priceUsdPerMTok)
    );
  });
  return { utilities, outside: -alpha * Math.log(spec.outsideOptionUsdPerMTok) };
}

/**
 * One customer's choice probabilities, the outside option last: under plain logit (sigma 0, no
 * sub-nest) in a plain loop; under nested logit by the closed form of `nested-logit.ts`.
 */
function choiceProbabilities(
  scenario: Scenario,
  world: World,
  population: Population,
  i: number,
  excludeSeller = -1,
): number[] {
  const { utilities, outside } = utilitiesOf(scenario, world, population, i, excludeSeller);
  const sigma = scenario.demand.withinFamilyCorrelation;
  const nesting = nestingOf(scenario, world);
  if (sigma > 0 || nesting.subNests) {
    const choice = nestedLogitChoice(utilities, outside, nesting);
    return [...choice.shares, choice.outsideShare];
  }
  utilities.push(outside);
  const top = Math.max(...utilities);
  const weights = utilities.map((v) => Math.exp(v - top));
  const total = weights.reduce((sum, w) => sum + w, 0);
  return weights.map((w) => w / total);
}

/**
 * The nesting of docs/MODEL.md, "Nests" and "Sub-nests": a family's token offers in one nest,
 * its products in another; inside that, the products other sellers build on the family's model
 * in one sub-nest (correlation rho_2), every other offer alone.
 */
function nestingOf(scenario: Scenario, world: World) {
  const sigma = scenario.demand.withinFamilyCorrelation;
  const family = (offer: Offer) => world.models[offer.model]!.developer;
  const nests = world.offers.map(
    (offer) => 2 * family(offer) + (offer.channel === 'product' ? 1 : 0),
  );
  const thirdParty = (offer: Offer) =>
    offer.channel === 'product' && offer.seller !== family(offer);
  const subNestOf = world.offers.map((offer, k) =>
    thirdParty(offer)
      ? world.offers.findIndex((o) => thirdParty(o) && family(o) === family(offer))
      : k,
  );
  const numbers = [...new Set(subNestOf)];
  return createNesting(nests, sigma, {
    subNestOf: subNestOf.map((h) => numbers.indexOf(h)),
    rho: withinAppsCorrelation(scenario.demand),
  });
}

/**
 * One customer's spend a month at its menu's price index P = exp(-IV / alpha) (IV from the
 * closed form of `nested-logit.ts`), G D (P + a)^-eta P, 0 above its willingness to pay; and the
 * surplus the offers add over the outside option, G D (S(min(P, w)) - S(min(p_0, w))).
 */
function menuOf(scenario: Scenario, world: World, population: Population, i: number) {
  const { utilities, outside } = utilitiesOf(scenario, world, population, i, -1, false);
  const choice = nestedLogitChoice(utilities, outside, nestingOf(scenario, world));
  const alpha = population.groupPriceSensitivity[population.tasteGroup[i]!]!;
  const index = Math.exp(-choice.inclusiveValue / alpha);
  const s = population.segment[i]!;
  const spec = scenario.demand.segments[SEGMENTS[s]!];
  const usage = (1 + spec.volumeGrowthPerYear) ** world.technology.years;
  const { priceElasticity: eta, saturationPriceUsdPerMTok: a } = scenario.demand;
  const S = (x: number) => (x + a) ** (1 - eta) / (eta - 1);
  const wtp = population.willingnessToPay[i]!;
  const d = usage * population.demandScale[i]!;
  return {
    spend: index <= wtp ? d * (index + a) ** -eta * index : 0,
    surplus: d * (S(Math.min(index, wtp)) - S(Math.min(spec.outsideOptionUsdPerMTok, wtp))),
  };
}

/**
 * Pearson's chi-square of observed against expected counts, cells under 5 expected pooled, and
 * its Wilson-Hilferty critical value at z = 4 (a chance of about 3e-5 under the null).
 */
function chiSquare(observed: readonly number[], expected: readonly number[]) {
  let statistic = 0;
  let cells = 0;
  let pooledObserved = 0;
  let pooledExpected = 0;
  observed.forEach((o, c) => {
    const e = expected[c]!;
    if (e < 5) {
      pooledObserved += o;
      pooledExpected += e;
      return;
    }
    statistic += (o - e) ** 2 / e;
    cells++;
  });
  if (pooledExpected >= 5) {
    statistic += (pooledObserved - pooledExpected) ** 2 / pooledExpected;
    cells++;
  }
  const df = Math.max(1, cells - 1);
  const z = 4;
  const critical = df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
  return { statistic, critical, df };
}

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
}

const MARKETS = 12;
const CUSTOMERS = 20_000;

describe('the choice kernel matches a brute-force logit', () => {
  it('on random small markets: choice frequencies, logit probabilities and consumer surplus', async () => {
    await checkKernel(() => 0);
  });

  it('under nested logit: choice frequencies and probabilities match the closed-form shares', async () => {
    // Within-family correlations from weak to strong, one per market.
    await checkKernel((seed) => 0.1 + (0.85 * (seed - 1)) / (MARKETS - 1));
  });

  it('under two levels: two apps on one family in a sub-nest, sigma 0 to 0.74', async () => {
    // Four of the markets (a third of the one-level checks' time), sigma 0 to 0.74; rho_2
    // halfway from sigma to 0.99, or 0.99.
    await checkKernel(
      (seed) => (0.9 * (seed - 1)) / (MARKETS - 1),
      (sigma, seed) => sigma + (0.99 - sigma) * (seed % 2 === 0 ? 1 : 0.5),
      (seed) => seed % 3 === 1,
    );
  });

  it('a customer whose switching cost outweighs any gain keeps its seller', async () => {
    const { scenario, world, population, streams } = randomMarket(await smallBaseline(), 99, 5_000);
    const market = choiceMarket(world, scenario.demand, HYPERSCALERS, population);
    chooseSuppliers(market, population, streams.reevaluation, streams.choice, createTally(3, 8));
    const before = Int32Array.from(population.primary);
    const secondBefore = Int32Array.from(population.secondary);
    const sellerOf = (offer: number) => world.offers[offer]!.seller;
    // The next month, everyone re-evaluates and switching costs a billion dollars.
    population.switchingCostPerSpendMonth.fill(1e9);
    const next = {
      ...market,
      firstMonth: false,
      month: 1,
      reevaluationPerMonth: Float64Array.of(1, 1, 1),
    };
    const tally = createTally(3, market.slots);
    chooseSuppliers(next, population, streams.reevaluation, streams.choice, tally);
    let moves = 0;
    for (let i = 0; i < population.size; i++) {
      const [was, is] = [before[i]!, population.primary[i]!];
      if (was === NO_OFFER || is === NO_OFFER || was === is) continue;
      moves++;
      // Free moves only: to another offer of its seller, or to its second supplier's seller.
      const second = secondBefore[i]!;
      const free = [sellerOf(was), second === NO_OFFER ? -1 : sellerOf(second)];
      expect(free, `customer ${i}`).toContain(sellerOf(is));
    }
    expect(moves).toBeGreaterThan(0);
    expect(Array.from(tally.switchingCostUsd)).toEqual([0, 0, 0]);
  });
});

/**
 * Every customer of 12 random small markets chooses once; the kernel's choices must match the
 * brute-force probabilities (chi-square), and its tallies and surplus must match to 1e-9.
 */
async function checkKernel(
  sigmaOf: (seed: number) => number,
  appsOf?: (sigma: number, seed: number) => number,
  checked: (seed: number) => boolean = () => true,
): Promise<void> {
  const base = await smallBaseline();
  for (let seed = 1; seed <= MARKETS; seed++) {
    if (!checked(seed)) continue;
    const sigma = sigmaOf(seed);
    const apps = appsOf?.(sigma, seed) ?? 0;
    const { scenario, world, population, streams } = randomMarket(
      base,
      seed,
      CUSTOMERS,
      sigma,
      apps,
    );

    const market = choiceMarket(world, scenario.demand, HYPERSCALERS, population);
    // With the two apps, the kernel has a sub-nest of two or more offers.
    if (apps > 0) expect(market.subNests).toBeGreaterThan(0);
    const tally = createTally(SEGMENTS.length, market.slots);
    chooseSuppliers(market, population, streams.reevaluation, streams.choice, tally);

    const offers = world.offers.length;
    const cells = SEGMENTS.length * (offers + 1);
    const observed = new Array<number>(cells).fill(0);
    const expected = new Array<number>(cells).fill(0);
    const observedSecond = new Array<number>(offers + 1).fill(0);
    const expectedSecond = new Array<number>(offers + 1).fill(0);
    const choiceTokens = new Array<number>(offers).fill(0);
    const probabilityTokens = new Array<number>(offers).fill(0);
    for (let i = 0; i < population.size; i++) {
      const s = population.segment[i]!;
      const p = choiceProbabilities(scenario, world, population, i);
      p.forEach((probability, c) => {
        expected[s * (offers + 1) + c]! += probability;
      });
      const main = population.primary[i]!;
      observed[s * (offers + 1) + (main === NO_OFFER ? offers : main)]! += 1;
      if (main === NO_OFFER) continue;
      const price = world.offers[main]!.priceUsdPerMTok;
      const tokens = menuOf(scenario, world, population, i).spend / price;
      choiceTokens[main]! += tokens;
      probabilityTokens[main]! += tokens * p[main]!;
      if (population.multiHoming[i] === 1) {
        // The second supplier: the logit without the main supplier's seller.
        const q = choiceProbabilities(scenario, world, population, i, world.offers[main]!.seller);
        q.forEach((probability, c) => {
          expectedSecond[c]! += probability;
        });
        const second = population.secondary[i]!;
        observedSecond[second === NO_OFFER ? offers : second]! += 1;
      }
    }

    const label = `market ${seed} (${offers} offers, sigma ${sigma.toFixed(2)})`;
    const first = chiSquare(observed, expected);
    expect(first.statistic, `${label}: chi-square of the choices`).toBeLessThan(first.critical);
    const second = chiSquare(observedSecond, expectedSecond);
    expect(second.statistic, `${label}: chi-square of second suppliers`).toBeLessThan(
      second.critical,
    );
    expect(observed.reduce((sum, o) => sum + o, 0)).toBe(CUSTOMERS);
    expect(observedSecond.reduce((sum, o) => sum + o, 0)).toBeGreaterThan(500);

    // What the kernel tallies for the sellers' observed shares: tokens t and t P per offer.
    for (let k = 0; k < offers; k++) {
      const slot = market.slotOf[k]!;
      expect(relativeError(tally.choiceTokens[slot]!, choiceTokens[k]!), label).toBeLessThan(1e-9);
      expect(
        relativeError(tally.choiceProbabilityTokens[slot]!, probabilityTokens[k]!),
        `${label}: t P of offer ${k}`,
      ).toBeLessThan(1e-9);
    }

    // Consumer surplus and tokens, from the kernel's per-offer sums and from a plain loop.
    const volumes = monthVolumes(world, scenario, population, market, tally);
    const plain = plainVolumes(scenario, world, population);
    expect(relativeError(volumes.grossConsumerSurplusUsd, plain.surplus), label).toBeLessThan(1e-9);
    for (let k = 0; k < offers; k++) {
      expect(relativeError(volumes.tokensMTok[market.slotOf[k]!]!, plain.tokens[k]!)).toBeLessThan(
        1e-9,
      );
    }
  }
}

/**
 * Tokens per offer and gross consumer surplus, customer by customer: a buyer spends its menu's
 * E whichever offer it holds (a multi-homer splits it), and every customer, buyer or not, keeps
 * the surplus its menu adds over the outside option.
 */
function plainVolumes(scenario: Scenario, world: World, population: Population) {
  const years = world.technology.years;
  const tokens = new Array<number>(world.offers.length).fill(0);
  let surplus = 0;
  for (let i = 0; i < population.size; i++) {
    const s = population.segment[i]!;
    const spec = scenario.demand.segments[SEGMENTS[s]!];
    const weight =
      (spec.realCustomers * (1 + spec.adoptionGrowthPerYear) ** years) /
      population.segmentCounts[s]!;
    const main = population.primary[i]!;
    const second = population.secondary[i]!;
    const menu = menuOf(scenario, world, population, i);
    surplus += weight * menu.surplus;
    const parts: [number, number][] =
      second === NO_OFFER
        ? [[main, 1]]
        : [
            [main, 1 - spec.secondaryVolumeShare],
            [second, spec.secondaryVolumeShare],
          ];
    for (const [offer, share] of parts) {
      if (offer === NO_OFFER) continue;
      tokens[offer]! += (weight * share * menu.spend) / world.offers[offer]!.priceUsdPerMTok;
    }
  }
  return { tokens, surplus };
}
