/**
 * Customers enter the market as their segment's real customer count grows (docs/MODEL.md,
 * "Arrivals"): the entries in the market follow the adoption curve, each stands for the
 * segment's real customers over the entries in it, those not yet arrived buy nothing, and a
 * newcomer makes its first choice in its arrival month.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.ts';
import { monthsBetween } from '../../src/math/calendar.ts';
import {
  arrivalSchedule,
  NO_OFFER,
  segmentCustomers,
  segmentSizes,
  segmentWeights,
} from '../../src/model/population.ts';
import { SEGMENTS } from '../../src/scenario/schema.ts';
import { smallBaseline } from '../helpers.ts';

describe('arrivals', () => {
  it('follow the segment’s adoption curve, in whole customers, everyone in by the end', async () => {
    const scenario = await smallBaseline({ months: 98 });
    const workloads = SEGMENTS.map((name) => scenario.demand.segments[name].workloadsPerCustomer);
    const customers = segmentCustomers(segmentSizes(scenario, scenario.customers), workloads);
    const schedule = arrivalSchedule(scenario, customers, workloads);
    const months = monthsBetween(scenario.start, scenario.end) + 1;
    expect(schedule.length).toBe(months * SEGMENTS.length);
    SEGMENTS.forEach((name, s) => {
      const growth = scenario.demand.segments[name].adoptionGrowthPerYear;
      expect(growth).toBeGreaterThan(0);
      const n = customers[s]!;
      expect(schedule[(months - 1) * SEGMENTS.length + s]).toBe(n * workloads[s]!);
      for (let t = 0; t < months; t++) {
        const entries = schedule[t * SEGMENTS.length + s]!;
        expect(entries % workloads[s]!).toBe(0);
        const expected = n * (1 + growth) ** ((t - (months - 1)) / 12);
        expect(Math.abs(entries / workloads[s]! - expected)).toBeLessThanOrEqual(1);
        if (t > 0) expect(entries).toBeGreaterThanOrEqual(schedule[(t - 1) * SEGMENTS.length + s]!);
      }
    });
  });

  it('bring everyone in at the start when the segment does not grow', async () => {
    const base = await smallBaseline();
    const segments = { ...base.demand.segments };
    for (const name of SEGMENTS) segments[name] = { ...segments[name], adoptionGrowthPerYear: 0 };
    const scenario = { ...base, demand: { ...base.demand, segments } };
    const workloads = SEGMENTS.map((name) => segments[name].workloadsPerCustomer);
    const customers = segmentCustomers(segmentSizes(scenario, scenario.customers), workloads);
    const schedule = arrivalSchedule(scenario, customers, workloads);
    SEGMENTS.forEach((_, s) => {
      expect(schedule[s]).toBe(customers[s]! * workloads[s]!);
    });
  });

  it('keep the real customer count and leave those not yet arrived out of the market', async () => {
    const scenario = await smallBaseline();
    const simulation = new Simulation(scenario, { seed: 3 });
    const { population } = simulation;
    let bought = 0;
    for (let month = 0; month < 20; month++) {
      simulation.step();
      const weights = segmentWeights(scenario, population, month / 12);
      let start = 0;
      SEGMENTS.forEach((name, s) => {
        const spec = scenario.demand.segments[name];
        const real = spec.realCustomers * (1 + spec.adoptionGrowthPerYear) ** (month / 12);
        expect(weights[s]! * population.arrived[s]!).toBeCloseTo(real, 6);
        for (
          let i = start + population.arrived[s]!;
          i < start + population.segmentCounts[s]!;
          i++
        ) {
          expect(population.primary[i]).toBe(NO_OFFER);
          expect(population.integratedOffer[i]).toBe(NO_OFFER);
        }
        // This month's newcomers chose: those who buy started their integration now.
        for (
          let i = start + population.arrivedBefore[s]!;
          i < start + population.arrived[s]!;
          i++
        ) {
          if (population.primary[i] === NO_OFFER) continue;
          expect(population.integratedSince[i]).toBe(month);
          if (month > 0) bought++;
        }
        start += population.segmentCounts[s]!;
      });
    }
    // Customers arrived after the first month, and most of them bought on arrival.
    expect(bought).toBeGreaterThan(0);
  });
});
