/**
 * Enterprises that split their tokens over workloads (docs/MODEL.md, "Workloads"): a customer's
 * workloads are consecutive entries that share its draws and choose on their own, so they can
 * sit with different model families; its primary vendor is the seller with the most of its
 * spend, and a switch of primary vendor is counted against the vendor of 12 months before.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.ts';
import { DescendingIndex } from '../../src/math/search.ts';
import { modelFamily } from '../../src/model/nests.ts';
import {
  NO_OFFER,
  NO_VENDOR,
  type Population,
  VENDOR_HISTORY_MONTHS,
  VENDOR_SPEND_MONTHS,
} from '../../src/model/population.ts';
import {
  addMonthSpend,
  addPairs,
  countVendors,
  primaryVendor,
  type VendorMarket,
} from '../../src/model/workloads.ts';
import { SEGMENTS } from '../../src/scenario/schema.ts';
import { smallBaseline } from '../helpers.ts';

const ENTERPRISE = SEGMENTS.indexOf('enterprise');
/** Sellers in the hand-made market. */
const SELLERS = 3;

/**
 * A hand-made market of four offers, one per slot: sellers 0, 0, 1, 2 and families 10, 11, 10,
 * 12 (seller 1 resells family 10), every one usable by everyone, on a menu whose index is 1
 * USD/MTok and at which a workload spends `spend` per unit of demand scale.
 */
function handMadeMarket(month: number, spend = 1): VendorMarket {
  return {
    slots: 4,
    slotOf: Int32Array.from([0, 1, 2, 3]),
    sellerOfOffer: Int32Array.from([0, 0, 1, 2]),
    capabilityCutoff: new DescendingIndex(Float64Array.from([1, 1, 1, 1]), 4),
    requirementShift: 0,
    menus: {
      row: (group, cutoff) => group * 5 + cutoff,
      priceIndex: new Float64Array(5).fill(1),
      spend: new Float64Array(5).fill(spend),
      surplus: new Float64Array(5),
    },
    familyOfSlot: Int32Array.from([10, 11, 10, 12]),
    volumeMultiplier: Float64Array.from([1, 1, 1]),
    month,
  };
}

describe('primary vendor', () => {
  /** This month's primary vendor of a customer whose workloads hold `primary`. */
  function vendorOf(primary: Int32Array, previous: number): { vendor: number; families: number } {
    const sellers = new Int32Array(primary.length).fill(NO_VENDOR);
    const amounts = new Float64Array(primary.length);
    const market = handMadeMarket(0);
    const seen = new Int32Array(primary.length);
    const n = primary.length;
    const families = addMonthSpend(primary, 0, n, market, 1, sellers, amounts, 0, seen);
    const spend = new Float64Array(SELLERS);
    addPairs(sellers, amounts, 0, 1, n, spend);
    return { vendor: primaryVendor(spend, 0, SELLERS, previous), families };
  }

  it("is the seller with the most of the month's spend: a customer's workloads spend alike", () => {
    // Two workloads on seller 0 (spend 1 + 1), one on seller 1 (spend 1), one sits out.
    const { vendor, families } = vendorOf(Int32Array.from([0, 1, 2, NO_OFFER]), NO_VENDOR);
    expect(vendor).toBe(0);
    // Families 10 and 11 through seller 0, family 10 again through seller 1: two families.
    expect(families).toBe(2);
  });

  it("keeps last month's vendor on a tie, so that a tie is no switch", () => {
    const primary = Int32Array.from([0, 3]); // seller 0 and seller 2, spend 1 each
    expect(vendorOf(primary, 2).vendor).toBe(2);
    expect(vendorOf(primary, NO_VENDOR).vendor).toBe(0);
  });

  it('is, over random spends with ties, the seller a scan in index order keeps: the most, previous on a tie, else the lowest', () => {
    const uniform = seedrandom('primary-vendor');
    for (let draw = 0; draw < 500; draw++) {
      const sellers = 1 + Math.floor(uniform() * 6);
      const spend = Float64Array.from({ length: sellers }, () => Math.floor(uniform() * 3));
      const previous = Math.floor(uniform() * (sellers + 1)) - 1; // NO_VENDOR or a seller
      // The rule as one pass: a seller replaces the one kept when it has spent more, or as
      // much (and something) and is last month's vendor.
      let expected = NO_VENDOR;
      let kept = 0;
      for (let a = 0; a < sellers; a++) {
        if (spend[a]! > kept || (spend[a] === kept && kept > 0 && a === previous)) {
          expected = a;
          kept = spend[a]!;
        }
      }
      expect(primaryVendor(spend, 0, sellers, previous), `${spend} after ${previous}`).toBe(
        expected,
      );
    }
  });

  it('is no vendor when no workload buys', () => {
    const { vendor, families } = vendorOf(Int32Array.from([NO_OFFER, NO_OFFER]), 1);
    expect(vendor).toBe(NO_VENDOR);
    expect(families).toBe(0);
  });
});

describe('switches of primary vendor over a year', () => {
  /** `customers` enterprises of `workloads` workloads each, and no other customers. */
  function enterprises(customers: number, workloads: number): Population {
    const size = customers * workloads;
    return {
      primary: new Int32Array(size).fill(NO_OFFER),
      tasteGroup: new Uint16Array(size),
      requirement: new Float64Array(size),
      willingnessToPay: new Float64Array(size).fill(Number.POSITIVE_INFINITY),
      segmentCounts: SEGMENTS.map((_, s) => (s === ENTERPRISE ? size : 0)),
      segmentWorkloads: SEGMENTS.map((_, s) => (s === ENTERPRISE ? workloads : 1)),
      primaryVendorHistory: new Int32Array(customers * VENDOR_HISTORY_MONTHS).fill(NO_VENDOR),
      vendorSpendSellers: new Int32Array(size * VENDOR_SPEND_MONTHS).fill(NO_VENDOR),
      vendorSpendAmounts: new Float64Array(size * VENDOR_SPEND_MONTHS),
      sellers: SELLERS,
    } as unknown as Population;
  }

  it('counts an enterprise whose spend over the year moved to another seller, months weighed by their spend, not one whose workload moved for a month', () => {
    const population = enterprises(3, 2);
    // A workload spends 1 a month until month 8, then 3 (its menu's spend grew).
    const market = (month: number) => handMadeMarket(month, month < 9 ? 1 : 3);
    // Months 0 to 8: A and B on seller 0 (both workloads), C buys nothing.
    population.primary.set([0, 1, 0, 1, NO_OFFER, NO_OFFER]);
    const start = countVendors(population, ENTERPRISE, market(0));
    expect(start).toEqual({ buyers: 2, threeFamilies: 0, stayed: 0, switched: 0 });
    for (let month = 1; month < 9; month++) countVendors(population, ENTERPRISE, market(month));
    // Months 9 to 11: B moves both workloads to seller 1. Over months 1 to 12 its spend leans
    // to seller 1 (24 against 16) though it bought from seller 0 in more months.
    population.primary.set([0, 1, 2, 2, NO_OFFER, NO_OFFER]);
    for (let month = 9; month < 12; month++) countVendors(population, ENTERPRISE, market(month));
    // Month 12: A moves one workload to seller 1 (half this month's spend) but its year is
    // seller 0's; C starts buying (no vendor a year ago: not counted either way).
    population.primary.set([2, 1, 2, 2, 0, 3]);
    const later = countVendors(population, ENTERPRISE, market(12));
    expect(later).toEqual({ buyers: 3, threeFamilies: 0, stayed: 1, switched: 1 });
    // The vendors: A seller 0, B seller 1, C seller 0 (its one month: spend 3 each on sellers 0
    // and 2, the lowest index on a tie).
    const vendors = [0, 1, 2].map(
      (c) => population.primaryVendorHistory[c * VENDOR_HISTORY_MONTHS],
    );
    expect(vendors).toEqual([0, 1, 0]);
  });

  it('counts no spend, no vendor and no buyer for a customer whose menu index is above its willingness to pay', () => {
    const population = enterprises(1, 2);
    population.primary.set([0, 2]);
    population.willingnessToPay.fill(0.5); // below the menu's index of 1
    const counts = countVendors(population, ENTERPRISE, handMadeMarket(0));
    expect(population.primaryVendorHistory[0]).toBe(NO_VENDOR);
    expect(counts).toEqual({ buyers: 0, threeFamilies: 0, stayed: 0, switched: 0 });
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
