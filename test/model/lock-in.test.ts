/**
 * Lock-in that holds (docs/MODEL.md, "Lock-in"). On a hand-made market of two sellers, seller 0
 * with a model that retires and its successor, seller 1 with a rival a little better than the
 * successor: a retired model's customers stay with the successor unless switching to the rival
 * pays against it; a customer that sat out comes back to another seller only by paying its
 * switching cost, which is kappa x monthly spend x months integrated, capped.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.ts';
import { createStreams } from '../../src/math/random.ts';
import { chooseSuppliers, createTally } from '../../src/model/choice.ts';
import { choiceMarket } from '../../src/model/choice-market.ts';
import { switchingCostUsd } from '../../src/model/demand.ts';
import {
  createPopulation,
  integrationMonths,
  NO_OFFER,
  type Population,
} from '../../src/model/population.ts';
import type { World } from '../../src/model/world.ts';
import { type Scenario, SEGMENTS } from '../../src/scenario/schema.ts';
import { smallBaseline } from '../helpers.ts';
import {
  handMadeModel,
  handMadeOffer,
  handMadeScenario,
  handMadeWorld,
  menuSpendUsd,
} from './fixture.ts';

const RETIRED = 0;
const SUCCESSOR = 1;
const RIVAL = 2;
/** The rival's edge over the successor, logit utility: worth a few percent of spend a month. */
const EDGE = 0.2;
const CUSTOMERS = 4_000;
const MONTH = 24;

/** Everyone can use both offers on sale and buying nothing is never worth it. */
function lockInScenario(): Promise<Scenario> {
  // The switching cost alone: no onboarding of a new seller (test/model/onboarding.test.ts).
  return handMadeScenario(CUSTOMERS, () => ({ onboardingCostSpendMonths: 0 }));
}

/** The month: the old model off sale, its successor and the rival on sale. */
function worldAt(scenario: Scenario): World {
  return handMadeWorld(
    scenario,
    MONTH,
    [handMadeModel(RETIRED, 0), handMadeModel(SUCCESSOR, 0), handMadeModel(RIVAL, 1)],
    [
      handMadeOffer(RETIRED, 0, 0, false),
      handMadeOffer(SUCCESSOR, 0, 0),
      handMadeOffer(RIVAL, 1, EDGE),
    ],
  );
}

/**
 * Every customer on `main` (NO_OFFER: sitting out), integrated with seller 0 for `months`
 * through offer `integrated`, with switching cost kappa `kappa(i)`.
 */
function populationOn(
  scenario: Scenario,
  world: World,
  main: number,
  integrated: number,
  months: number,
  kappa: (i: number) => number,
): Population {
  const population = createPopulation(scenario, [], createStreams(7).population);
  population.byOffer.update(world.offers);
  for (let i = 0; i < population.size; i++) {
    population.switchingCostPerSpendMonth[i] = kappa(i);
    population.integratedOffer[i] = integrated;
    // While buying: the month the integration is counted from; sitting out: minus its months.
    const since = main === NO_OFFER ? -months : MONTH - months;
    population.integratedSince[i] = since;
    if (main !== NO_OFFER) {
      population.primary[i] = main;
      population.byOffer.move(i, NO_OFFER, NO_OFFER, main, NO_OFFER);
    }
  }
  return population;
}

function run(scenario: Scenario, world: World, population: Population) {
  const market = choiceMarket(world, scenario.demand, [], population);
  const tally = createTally(SEGMENTS.length, market.slots);
  const streams = createStreams(11);
  chooseSuppliers(market, population, streams.reevaluation, streams.choice, tally);
  return { market, tally };
}

const count = (population: Population, offerIndex: number, from = 0, to = CUSTOMERS) =>
  population.primary.slice(from, to).filter((o) => o === offerIndex).length;

describe("a retired model hands its customers to its seller's successor", () => {
  it('they stay with the successor when switching does not pay, and move when the gain exceeds the cost', async () => {
    const scenario = await lockInScenario();
    const world = worldAt(scenario);
    // A year integrated. The first half pay 10 x spend x 12 months to leave, far more than the
    // rival's edge (a few percent of spend over the 12-month payback); the second half nothing.
    const half = CUSTOMERS / 2;
    const population = populationOn(scenario, world, RETIRED, RETIRED, 12, (i) =>
      i < half ? 10 : 1e-9,
    );
    const { tally } = run(scenario, world, population);

    // Locked in: every one is now on the successor, none on the rival.
    expect(count(population, SUCCESSOR, 0, half)).toBe(half);
    // Free to move: the rival's logit share against the successor, e^0.2 / (1 + e^0.2) = 0.55,
    // not the successor's by default (a chance of about 1e-20 of fewer than 40 % by luck).
    const moved = count(population, RIVAL, half);
    expect(moved).toBeGreaterThan(0.4 * half);
    expect(moved + count(population, SUCCESSOR, half)).toBe(half);
    const switches = tally.switches.reduce((sum, n) => sum + n, 0);
    expect(switches).toBe(moved);
  });

  it('a customer keeps its integration: moving within its seller is free and its depth goes on', async () => {
    const scenario = await lockInScenario();
    const world = worldAt(scenario);
    const population = populationOn(scenario, world, RETIRED, RETIRED, 5, () => 10);
    const { tally } = run(scenario, world, population);
    for (let i = 0; i < population.size; i++) {
      expect(population.integratedOffer[i]).toBe(SUCCESSOR);
      expect(integrationMonths(population.integratedSince, i, true, MONTH)).toBe(5);
    }
    expect(Array.from(tally.switchingCostUsd)).toEqual([0, 0, 0]);
  });
});

describe('no free re-entry', () => {
  it('a customer that sat out comes back to its seller unless switching pays', async () => {
    const scenario = await lockInScenario();
    const world = worldAt(scenario);
    const population = populationOn(scenario, world, NO_OFFER, SUCCESSOR, 12, () => 10);
    const { tally } = run(scenario, world, population);
    expect(count(population, RIVAL)).toBe(0);
    expect(count(population, SUCCESSOR)).toBe(CUSTOMERS);
    // Back with its seller, its frozen year of integration counts on.
    for (let i = 0; i < population.size; i++) {
      expect(integrationMonths(population.integratedSince, i, true, MONTH)).toBe(12);
    }
    expect(Array.from(tally.switches)).toEqual([0, 0, 0]);
  });

  it('coming back to another seller costs kappa x monthly spend x months integrated', async () => {
    const scenario = await lockInScenario();
    const world = worldAt(scenario);
    const kappa = 1e-4;
    const cap = scenario.demand.maxIntegrationMonths;
    // 30 months out of an integration deeper than the cap: the cap applies.
    const population = populationOn(scenario, world, NO_OFFER, SUCCESSOR, cap + 18, () => kappa);
    const { market, tally } = run(scenario, world, population);
    let expected = 0;
    let moved = 0;
    for (let i = 0; i < population.size; i++) {
      if (population.primary[i] !== RIVAL) continue;
      moved++;
      const segment = population.segment[i]!;
      const spend = menuSpendUsd(market, population, i, segment);
      expected += switchingCostUsd(kappa, spend, cap + 18, cap);
      // A new integration starts with the rival.
      expect(integrationMonths(population.integratedSince, i, true, MONTH)).toBe(0);
    }
    expect(moved).toBeGreaterThan(0.4 * CUSTOMERS);
    const paid = tally.switchingCostUsd.reduce((sum, usd) => sum + usd, 0);
    expect(paid).toBeGreaterThan(0);
    expect(Math.abs(paid - expected) / expected).toBeLessThan(1e-12);
    expect(tally.switches.reduce((sum, n) => sum + n, 0)).toBe(moved);
  });
});

describe('the switching cost scales with integration', () => {
  it('in proportion to spend and to months integrated, up to the cap', () => {
    expect(switchingCostUsd(0.5, 2_000, 6, 12)).toBe(6_000);
    expect(switchingCostUsd(0.5, 4_000, 6, 12)).toBe(12_000);
    expect(switchingCostUsd(0.5, 2_000, 30, 12)).toBe(switchingCostUsd(0.5, 2_000, 12, 12));
  });
});

describe('what a customer keeps without switching', () => {
  it('is an offer through a channel it buys through: consumers, who buy products, never hold an API offer', async () => {
    const scenario = await smallBaseline();
    expect(scenario.demand.segments.consumer.channels).toEqual(['product']);
    const simulation = new Simulation(scenario, { seed: 1 });
    const consumer = SEGMENTS.indexOf('consumer');
    let held = 0;
    for (let month = 0; month < 24; month++) {
      simulation.step();
      const { population, world } = simulation;
      for (let i = 0; i < population.size; i++) {
        if (population.segment[i] !== consumer || population.primary[i] === NO_OFFER) continue;
        held++;
        expect(world.offers[population.primary[i]!]!.channel).toBe('product');
      }
    }
    expect(held).toBeGreaterThan(0);
  });
});
