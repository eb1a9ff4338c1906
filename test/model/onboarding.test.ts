/**
 * Onboarding (docs/MODEL.md, "Onboarding"). On a hand-made market of two sellers, seller 0's
 * offer and seller 1's a little better, every enterprise has its first workloads integrated with
 * seller 0 and, for half of the enterprises, its next-to-last with seller 1; its last workload
 * makes its first purchase. A first purchase from a seller none of the enterprise's workloads
 * buys from costs the onboarding, so with a high one it goes to a seller the enterprise already
 * uses; and the onboarding paid is the months of spend on the offer bought.
 */
import { describe, expect, it } from 'vitest';
import { createStreams } from '../../src/math/random.ts';
import { chooseSuppliers, createTally } from '../../src/model/choice.ts';
import { choiceMarket } from '../../src/model/choice-market.ts';
import { createPopulation, NO_OFFER, type Population } from '../../src/model/population.ts';
import type { World } from '../../src/model/world.ts';
import { type Scenario, SEGMENTS } from '../../src/scenario/schema.ts';
import {
  handMadeModel,
  handMadeOffer,
  handMadeScenario,
  handMadeWorld,
  menuSpendUsd,
} from './fixture.ts';

const OWN = 0;
const RIVAL = 1;
/** The rival's edge, logit utility: worth about 0.9 months of spend over the 12-month payback. */
const EDGE = 0.2;
const MONTH = 24;
const enterprise = SEGMENTS.indexOf('enterprise');

/** Everyone can use both offers, buying nothing is never worth it, everyone re-evaluates. */
function onboardingScenario(onboardingCostSpendMonths: number): Promise<Scenario> {
  return handMadeScenario(10_000, (name) => ({
    useCaseTasteSd: 0,
    onboardingCostSpendMonths: name === 'enterprise' ? onboardingCostSpendMonths : 0,
  }));
}

function worldAt(scenario: Scenario): World {
  return handMadeWorld(
    scenario,
    MONTH,
    [handMadeModel(OWN, OWN), handMadeModel(RIVAL, RIVAL)],
    [handMadeOffer(OWN, OWN, 0), handMadeOffer(RIVAL, RIVAL, EDGE)],
  );
}

interface Setup {
  readonly population: Population;
  /** The enterprises' last workloads (first purchases), and whether their enterprise buys from the rival. */
  readonly fresh: readonly number[];
  readonly usesRival: readonly boolean[];
}

/**
 * Every entry integrated for a year with seller 0, with a switching cost no edge pays, except
 * each enterprise's last workload (no integration) and, in every other enterprise, its
 * next-to-last, which is on the rival's offer.
 */
function setUp(scenario: Scenario, world: World): Setup {
  const population = createPopulation(scenario, [], createStreams(7).population);
  population.byOffer.update(world.offers);
  const workloads = population.segmentWorkloads[enterprise]!;
  let first = 0;
  for (let s = 0; s < enterprise; s++) first += population.segmentCounts[s]!;
  const fresh: number[] = [];
  const usesRival: boolean[] = [];
  for (let i = 0; i < population.size; i++) {
    const inEnterprise = i >= first && i < first + population.segmentCounts[enterprise]!;
    const position = inEnterprise ? (i - first) % workloads : -1;
    const customer = inEnterprise ? Math.floor((i - first) / workloads) : -1;
    population.switchingCostPerSpendMonth[i] = 10;
    if (position === workloads - 1) {
      fresh.push(i);
      usesRival.push(customer % 2 === 1);
      continue;
    }
    const main = position === workloads - 2 && customer % 2 === 1 ? RIVAL : OWN;
    const since = MONTH - 12;
    population.integratedOffer[i] = main;
    population.integratedSince[i] = since;
    population.primary[i] = main;
    population.byOffer.move(i, NO_OFFER, NO_OFFER, main, NO_OFFER);
  }
  return { population, fresh, usesRival };
}

async function choose(onboarding: number) {
  const scenario = await onboardingScenario(onboarding);
  const world = worldAt(scenario);
  const setup = setUp(scenario, world);
  const market = choiceMarket(world, scenario.demand, [], setup.population);
  const tally = createTally(SEGMENTS.length, market.slots);
  const streams = createStreams(11);
  chooseSuppliers(market, setup.population, streams.reevaluation, streams.choice, tally);
  const onRival = (want: boolean) =>
    setup.fresh.filter(
      (i, n) => setup.usesRival[n] === want && setup.population.primary[i] === RIVAL,
    ).length;
  const total = (want: boolean) => setup.usesRival.filter((u) => u === want).length;
  return { ...setup, market, tally, onRival, total };
}

describe('onboarding a seller', () => {
  it('a first purchase goes to a seller the enterprise already buys from when onboarding a new one does not pay', async () => {
    const { onRival, total, tally, population, fresh } = await choose(100);
    expect(total(false)).toBeGreaterThan(100);
    // No enterprise onboards the rival for its edge (worth about a month of spend, against 100).
    expect(onRival(false)).toBe(0);
    // Those that already buy from it take it in its logit proportion, e^0.2 / (1 + e^0.2) = 0.55.
    expect(onRival(true)).toBeGreaterThan(0.4 * total(true));
    // Every first purchase buys: from seller 0, which every enterprise already uses.
    for (const i of fresh) expect(population.primary[i]).not.toBe(NO_OFFER);
    expect(tally.switchingCostUsd[enterprise]).toBe(0);
    expect(tally.switches[enterprise]).toBe(0);
  });

  it('without onboarding cost a first purchase takes the rival in its logit proportion', async () => {
    const { onRival, total } = await choose(0);
    expect(onRival(false)).toBeGreaterThan(0.4 * total(false));
  });

  it('an onboarding worth less than the edge is paid: months x spend on the offer bought, recorded as a switching cost', async () => {
    const months = 0.01;
    const { onRival, total, tally, population, fresh, market, usesRival } = await choose(months);
    expect(onRival(false)).toBeGreaterThan(0.4 * total(false));
    let expected = 0;
    fresh.forEach((i, n) => {
      // Only an enterprise that did not buy from the rival pays to onboard it.
      if (population.primary[i] !== RIVAL || usesRival[n]) return;
      expected += months * menuSpendUsd(market, population, i, enterprise);
    });
    expect(expected).toBeGreaterThan(0);
    const paid = tally.switchingCostUsd[enterprise]!;
    expect(Math.abs(paid - expected) / expected).toBeLessThan(1e-12);
    // A first purchase is no switch.
    expect(tally.switches[enterprise]).toBe(0);
  });
});
