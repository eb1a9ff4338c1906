/**
 * Enterprises that split their tokens over workloads (docs/MODEL.md, "Workloads"): a customer's
 * workloads are consecutive entries that share its draws and choose on their own, so they can
 * sit with different model families; its primary vendor is the seller with the most of its
 * spend, and a switch of primary vendor is counted against the vendor of 12 months before.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.ts';
import { modelFamily } from '../../src/model/nests.ts';
import {
  NO_OFFER,
  NO_VENDOR,
  type Population,
  VENDOR_HISTORY_MONTHS,
} from '../../src/model/population.ts';
import { countVendors, primaryVendor, type VendorMarket } from '../../src/model/workloads.ts';
import { SEGMENTS } from '../../src/scenario/schema.ts';
import { smallBaseline } from '../helpers.ts';

const ENTERPRISE = SEGMENTS.indexOf('enterprise');

/**
 * A hand-made market of four offers, one per slot: sellers 0, 0, 1, 2 and families 10, 11, 10,
 * 12 (seller 1 resells family 10), at prices whose spend factor p x volumeFactor is 1, 1, 3, 1.
 */
function handMadeMarket(month: number): VendorMarket {
  return {
    slotOf: Int32Array.from([0, 1, 2, 3]),
    price: Float64Array.from([1, 1, 3, 1]),
    volumeFactor: Float64Array.from([1, 1, 1, 1]),
    sellerOfOffer: Int32Array.from([0, 0, 1, 2]),
    familyOfSlot: Int32Array.from([10, 11, 10, 12]),
    month,
  };
}

describe('primary vendor', () => {
  const families = new Int32Array(1);

  it('is the seller with the most spend, not the most workloads', () => {
    // Two workloads on seller 0 (spend 1 + 1), one on seller 1 (spend 3), one sits out.
    const primary = Int32Array.from([0, 1, 2, NO_OFFER]);
    expect(primaryVendor(primary, 0, 4, handMadeMarket(0), NO_VENDOR, families)).toBe(1);
    // Families 10 and 11 through seller 0, family 10 again through seller 1: two families.
    expect(families[0]).toBe(2);
  });

  it("keeps last month's vendor on a tie, so that a tie is no switch", () => {
    const primary = Int32Array.from([0, 3]); // seller 0 and seller 2, spend 1 each
    expect(primaryVendor(primary, 0, 2, handMadeMarket(0), 2, families)).toBe(2);
    expect(primaryVendor(primary, 0, 2, handMadeMarket(0), NO_VENDOR, families)).toBe(0);
  });

  it('is no vendor when no workload buys', () => {
    const primary = Int32Array.from([NO_OFFER, NO_OFFER]);
    expect(primaryVendor(primary, 0, 2, handMadeMarket(0), 1, families)).toBe(NO_VENDOR);
    expect(families[0]).toBe(0);
  });
});

describe('switches of primary vendor over a year', () => {
  /** `customers` enterprises of `workloads` workloads each, and no other customers. */
  function enterprises(customers: number, workloads: number): Population {
    const size = customers * workloads;
    return {
      primary: new Int32Array(size).fill(NO_OFFER),
      segmentCounts: SEGMENTS.map((_, s) => (s === ENTERPRISE ? size : 0)),
      segmentWorkloads: SEGMENTS.map((_, s) => (s === ENTERPRISE ? workloads : 1)),
      primaryVendorHistory: new Int32Array(customers * VENDOR_HISTORY_MONTHS).fill(NO_VENDOR),
    } as unknown as Population;
  }

  it('counts an enterprise whose largest share moved, not one that moved a smaller workload', () => {
    const population = enterprises(3, 2);
    // Month 0: A on seller 0 (both workloads), B on sellers 0 and 2 (tie: seller 0 first), C
    // buys nothing.
    population.primary.set([0, 1, 0, 3, NO_OFFER, NO_OFFER]);
    const start = countVendors(population, ENTERPRISE, handMadeMarket(0));
    expect(start).toEqual({ buyers: 2, threeFamilies: 0, stayed: 0, switched: 0 });
    // Months 1 to 11 unchanged; month 12: A moves one workload to seller 2 (seller 0 keeps the
    // tie), B moves its seller-0 workload to seller 1 (spend 3: its primary vendor changes), C
    // starts buying (no vendor a year ago: not counted either way).
    for (let month = 1; month < 12; month++) {
      countVendors(population, ENTERPRISE, handMadeMarket(month));
    }
    population.primary.set([0, 3, 2, 3, 0, 3]);
    const later = countVendors(population, ENTERPRISE, handMadeMarket(12));
    expect(later).toEqual({ buyers: 3, threeFamilies: 0, stayed: 1, switched: 1 });
  });

  it('counts three families only with three distinct ones', () => {
    const population = enterprises(1, 3);
    population.primary.set([0, 1, 3]); // families 10, 11, 12
    expect(countVendors(population, ENTERPRISE, handMadeMarket(0)).threeFamilies).toBe(1);
    population.primary.set([0, 2, 3]); // families 10, 10, 12
    expect(countVendors(population, ENTERPRISE, handMadeMarket(1)).threeFamilies).toBe(0);
  });
});

describe('an enterprise of several workloads', () => {
  it('shares its draws across its workloads, whose choices can sit with different families', async () => {
    const scenario = await smallBaseline();
    const workloads = scenario.demand.segments.enterprise.workloadsPerCustomer;
    expect(workloads).toBeGreaterThan(1);
    const simulation = new Simulation(scenario, { seed: 2 });
    for (let month = 0; month < 24; month++) simulation.step();
    const { population } = simulation;
    const world = simulation.world;
    let start = 0;
    for (let s = 0; s < ENTERPRISE; s++) start += population.segmentCounts[s]!;
    const count = population.segmentCounts[ENTERPRISE]!;
    expect(count % workloads).toBe(0);
    let split = 0;
    for (let first = start; first < start + count; first += workloads) {
      const families = new Set<number>();
      for (let w = first; w < first + workloads; w++) {
        expect(population.switchingCostPerSpendMonth[w]).toBe(
          population.switchingCostPerSpendMonth[first],
        );
        expect(population.willingnessToPay[w]).toBe(population.willingnessToPay[first]);
        expect(population.demandScale[w]).toBe(population.demandScale[first]);
        // Each workload is its own use case: its own taste for the families.
        if (w > first) {
          expect(population.familyTaste[w * population.families]).not.toBe(
            population.familyTaste[first * population.families],
          );
        }
        const offer = population.primary[w]!;
        if (offer !== NO_OFFER) families.add(modelFamily(world, world.offers[offer]!));
      }
      if (families.size >= 2) split++;
    }
    expect(split).toBeGreaterThan(0);
  });
});
