/**
 * The consumer surplus a run records, against the welfare measure of docs/MODEL.md ("Welfare
 * from the choice model"): each customer in the market keeps the area under its composite demand between its
 * menu's price index and the outside option's price, less the switching costs paid. Checked
 * against `welfare.ts`'s closed form and a numerical integral; and, at fixed prices, the surplus
 * moves with what drives the choice, which the old measure (from the price paid alone) did not.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.ts';
import type { ChoiceMarket } from '../../src/model/choice.ts';
import { choiceMarket } from '../../src/model/choice-market.ts';
import { type Population, segmentWeights } from '../../src/model/population.ts';
import { monthVolumes } from '../../src/model/volumes.ts';
import { type MenuDemand, surplusOverOutsideUsd } from '../../src/model/welfare.ts';
import { offerWith, type World } from '../../src/model/world.ts';
import { type Scenario, SEGMENTS } from '../../src/scenario/schema.ts';
import { smallBaseline } from '../helpers.ts';

/** Customer i's composite demand and menu price index in a month's choice market. */
function customerMenu(scenario: Scenario, market: ChoiceMarket, population: Population, i: number) {
  const s = population.segment[i]!;
  const need = population.requirement[i]! + market.requirementShift;
  let cutoff = 0;
  while (cutoff < market.slots && market.capabilityDescending[cutoff]! >= need) cutoff++;
  const demand: MenuDemand = {
    scale: market.volumeMultiplier[s]! * population.demandScale[i]!,
    elasticity: scenario.demand.priceElasticity,
    saturationUsdPerMTok: scenario.demand.saturationPriceUsdPerMTok,
    chokeUsdPerMTok: population.willingnessToPay[i]!,
  };
  return {
    demand,
    index: market.menus.priceIndex[market.menus.row(population.tasteGroup[i]!, cutoff)]!,
    outsidePrice: scenario.demand.segments[SEGMENTS[s]!].outsideOptionUsdPerMTok,
  };
}

/** integral from low to high of D (t + a)^-eta dt (0 above w), by Simpson's rule in ln t. */
function integratedDemand(demand: MenuDemand, low: number, high: number): number {
  const top = Math.min(high, demand.chokeUsdPerMTok);
  if (!(top > low)) return 0;
  const steps = 2_000;
  const h = (Math.log(top) - Math.log(low)) / steps;
  let sum = 0;
  for (let k = 0; k <= steps; k++) {
    const t = low * Math.exp(k * h);
    const f = demand.scale * (t + demand.saturationUsdPerMTok) ** -demand.elasticity * t;
    sum += (k === 0 || k === steps ? 1 : k % 2 === 1 ? 4 : 2) * f;
  }
  return (sum * h) / 3;
}

describe('consumer surplus from the choice model', () => {
  it('is what welfare.ts gives each customer at its menu’s index, less switching costs, every month', async () => {
    const scenario = await smallBaseline({ months: 24 });
    const simulation = new Simulation(scenario, { seed: 4 });
    const { population } = simulation;
    let integrals = 0;
    while (!simulation.done) {
      simulation.step();
      const { market, volumes } = simulation.lastMonth!;
      const weights = segmentWeights(scenario, population, simulation.world.technology.years);
      let surplus = 0;
      // Only the customers in the market this month ("Arrivals"): a segment's first ones.
      const inMarket = (i: number) => {
        let start = 0;
        for (let s = 0; s < population.segment[i]!; s++) start += population.segmentCounts[s]!;
        return i - start < population.arrived[population.segment[i]!]!;
      };
      for (let i = 0; i < population.size; i++) {
        if (!inMarket(i)) continue;
        const { demand, index, outsidePrice } = customerMenu(scenario, market, population, i);
        const closedForm = surplusOverOutsideUsd(demand, index, outsidePrice);
        surplus += weights[population.segment[i]!]! * closedForm;
        // A brute-force integral of the customer's demand, for every 97th customer.
        if (i % 97 === 0) {
          const integral = integratedDemand(demand, index, outsidePrice);
          expect(Math.abs(closedForm - integral)).toBeLessThanOrEqual(1e-8 * Math.max(integral, 1));
          if (integral > 0) integrals++;
        }
      }
      const recorded = simulation.recording.market[simulation.tick - 1]!.consumer_surplus;
      const expected = surplus - volumes.switchingCostsUsd;
      expect(Math.abs(recorded - expected), simulation.world.date).toBeLessThanOrEqual(
        1e-9 * Math.abs(expected),
      );
    }
    expect(integrals).toBeGreaterThan(100);
  });

  it('rises when an offer is better liked at the same prices, and no longer follows from the prices paid', async () => {
    const scenario = await smallBaseline({ months: 12 });
    const simulation = new Simulation(scenario, { seed: 2 });
    while (!simulation.done) simulation.step();
    const { population } = simulation;
    const { tally } = simulation.lastMonth!;
    const { hyperscalers } = simulation.context;
    const world = simulation.world;
    const measured = (w: World) => {
      const market = choiceMarket(w, scenario.demand, hyperscalers, population);
      const volumes = monthVolumes(w, scenario, population, market, tally);
      let spend = 0;
      for (let k = 0; k < market.slots; k++) spend += volumes.tokensMTok[k]! * market.price[k]!;
      return { surplus: volumes.grossConsumerSurplusUsd, spend };
    };
    const before = measured(world);
    // The most bought offer's brand, half a point of utility better; its price the same.
    const top = world.offers.reduce((best, offer) =>
      offer.active && offer.tokensMTok > best.tokensMTok ? offer : best,
    );
    const liked: World = {
      ...world,
      offers: world.offers.map((offer) =>
        offer === top ? offerWith(offer, { brandUtility: offer.brandUtility + 0.5 }) : offer,
      ),
    };
    const after = measured(liked);
    expect(before.surplus).toBeGreaterThan(0);
    expect(after.surplus).toBeGreaterThan(before.surplus * 1.001);
    // The old measure, D (S(p) - S(w)) at the price each customer pays, gives a surplus per
    // dollar of spend that a brand cannot move: here it moves.
    expect(Math.abs(after.surplus / after.spend - before.surplus / before.spend)).toBeGreaterThan(
      1e-3 * (before.surplus / before.spend),
    );
  });
});
