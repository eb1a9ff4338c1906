/**
 * The compute market against what it claims: an inverse supply through its three anchor points;
 * a clearing that balances supply and demand, agrees with a brute-force scan, and reaches its
 * closed forms (balance at the target utilisation, perfectly elastic and inelastic demand); a
 * rental that rises with demand and falls with capacity; orders that fill the gap and no more.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ComputeDemand,
  type ComputeSupply,
  capacityOrderUnits,
  clearComputeMarket,
  computeDemandUnits,
  supplyRentalUsd,
} from '../../src/model/compute-market.ts';

const SUPPLY: ComputeSupply = {
  capacityUnits: 1000,
  energyUsd: 2,
  fullCostUsd: 10,
  targetUtilisation: 0.8,
};

const supplies = fc.record({
  capacityUnits: fc.double({ min: 1, max: 1e9, noNaN: true }),
  energyUsd: fc.double({ min: 0.01, max: 5, noNaN: true }),
  fullCostRatio: fc.double({ min: 1.5, max: 50, noNaN: true }),
  targetUtilisation: fc.double({ min: 0.3, max: 0.95, noNaN: true }),
});
const demands = fc.record({
  ofCapacity: fc.double({ min: 0.01, max: 3, noNaN: true }),
  elasticity: fc.double({ min: 0.2, max: 5, noNaN: true }),
});

function market(
  s: { capacityUnits: number; energyUsd: number; fullCostRatio: number; targetUtilisation: number },
  d: { ofCapacity: number; elasticity: number },
): { supply: ComputeSupply; demand: ComputeDemand } {
  const supply = {
    capacityUnits: s.capacityUnits,
    energyUsd: s.energyUsd,
    fullCostUsd: s.energyUsd * s.fullCostRatio,
    targetUtilisation: s.targetUtilisation,
  };
  return {
    supply,
    demand: { unitsAtFullCost: d.ofCapacity * s.capacityUnits, elasticity: d.elasticity },
  };
}

describe('supplyRentalUsd', () => {
  it('is energy when idle, full cost at the target utilisation, and rises without bound', () => {
    expect(supplyRentalUsd(SUPPLY, 0)).toBe(2);
    expect(supplyRentalUsd(SUPPLY, 0.8)).toBeCloseTo(10, 12);
    expect(supplyRentalUsd(SUPPLY, 0.99)).toBeGreaterThan(50);
    let previous = 0;
    for (let u = 0; u < 1; u += 0.01) {
      const rental = supplyRentalUsd(SUPPLY, u);
      expect(rental).toBeGreaterThan(previous);
      previous = rental;
    }
  });
});

describe('clearComputeMarket', () => {
  it('balances: capacity times utilisation equals demand at the rental, with u on the supply curve', () => {
    fc.assert(
      fc.property(supplies, demands, (s, d) => {
        const { supply, demand } = market(s, d);
        const cleared = clearComputeMarket(supply, demand);
        expect(cleared.utilisation).toBeGreaterThan(0);
        expect(cleared.utilisation).toBeLessThan(1);
        expect(cleared.unitsUsed / (supply.capacityUnits * cleared.utilisation)).toBeCloseTo(1, 9);
        expect(cleared.rentalUsd / supplyRentalUsd(supply, cleared.utilisation)).toBeCloseTo(1, 6);
      }),
    );
  });

  it('finds the utilisation a brute-force scan of the excess supply finds', () => {
    fc.assert(
      fc.property(supplies, demands, (s, d) => {
        const { supply, demand } = market(s, d);
        const steps = 100_000;
        let scanned = 1;
        for (let i = 1; i < steps; i++) {
          const u = i / steps;
          const used = computeDemandUnits(demand, supply, supplyRentalUsd(supply, u));
          if (supply.capacityUnits * u >= used) {
            scanned = u;
            break;
          }
        }
        const { utilisation } = clearComputeMarket(supply, demand);
        expect(Math.abs(utilisation - scanned)).toBeLessThanOrEqual(1 / steps);
      }),
      { numRuns: 30 },
    );
  });

  it('rents at full cost when buyers want what owners built for, at any elasticity', () => {
    for (const elasticity of [0.1, 1, 4]) {
      const cleared = clearComputeMarket(SUPPLY, { unitsAtFullCost: 800, elasticity });
      expect(cleared.utilisation).toBeCloseTo(0.8, 12);
      expect(cleared.rentalUsd).toBeCloseTo(10, 10);
      expect(cleared.scarcityRentUsd).toBeCloseTo(0, 6);
    }
  });

  it('rents at full cost whatever the capacity when demand is perfectly elastic there', () => {
    for (const unitsAtFullCost of [100, 800, 5000]) {
      const cleared = clearComputeMarket(SUPPLY, { unitsAtFullCost, elasticity: 1e7 });
      expect(cleared.rentalUsd / 10).toBeCloseTo(1, 4);
    }
  });

  it('uses what buyers want when demand is nearly inelastic and capacity suffices', () => {
    const cleared = clearComputeMarket(SUPPLY, { unitsAtFullCost: 500, elasticity: 1e-9 });
    expect(cleared.utilisation).toBeCloseTo(0.5, 6);
    expect(cleared.rentalUsd).toBeCloseTo(supplyRentalUsd(SUPPLY, 0.5), 4);
  });

  it('raises the rental and the scarcity rent with demand, and lowers them with capacity', () => {
    const rentals = [200, 600, 800, 1200, 3000].map(
      (unitsAtFullCost) => clearComputeMarket(SUPPLY, { unitsAtFullCost, elasticity: 1 }).rentalUsd,
    );
    expect(rentals).toEqual([...rentals].sort((a, b) => a - b));
    expect(new Set(rentals).size).toBe(rentals.length);
    const short = clearComputeMarket(SUPPLY, { unitsAtFullCost: 1200, elasticity: 1 });
    expect(short.utilisation).toBeGreaterThan(0.8);
    expect(short.scarcityRentUsd).toBeGreaterThan(0);
    const idle = clearComputeMarket(SUPPLY, { unitsAtFullCost: 200, elasticity: 1 });
    expect(idle.rentalUsd).toBeLessThan(10);
    expect(idle.rentalUsd).toBeGreaterThan(2);
    const built = clearComputeMarket(
      { ...SUPPLY, capacityUnits: 2000 },
      { unitsAtFullCost: 1200, elasticity: 1 },
    );
    expect(built.rentalUsd).toBeLessThan(short.rentalUsd);
  });

  it('rents at the cost of energy when nobody wants compute', () => {
    const cleared = clearComputeMarket(SUPPLY, { unitsAtFullCost: 0, elasticity: 1 });
    expect(cleared).toEqual({ rentalUsd: 2, utilisation: 0, unitsUsed: 0, scarcityRentUsd: 0 });
  });
});

describe('capacityOrderUnits', () => {
  const outlook = {
    smoothedUnits: 800,
    growthPerYear: 1,
    leadMonths: 12,
    pipelineUnits: 1000,
    targetUtilisation: 0.8,
  };

  it('orders what the expected use needs at the target utilisation, less the pipeline', () => {
    // 800 x 2 expected a year ahead, at 80 %: 2000 units, 1000 of them in the pipeline.
    expect(capacityOrderUnits(outlook)).toBeCloseTo(1000, 9);
    expect(capacityOrderUnits({ ...outlook, leadMonths: 18 })).toBeCloseTo(
      (800 * 2 ** 1.5) / 0.8 - 1000,
      9,
    );
  });

  it('orders nothing when the pipeline already covers the expected use', () => {
    expect(capacityOrderUnits({ ...outlook, growthPerYear: 0 })).toBe(0);
    expect(capacityOrderUnits({ ...outlook, pipelineUnits: 2000 })).toBeCloseTo(0, 9);
  });
});
