import { describe, expect, it } from 'vitest';
import {
  algorithmicEfficiencyAt,
  computeUnitCost,
  computeUnitsPerMTok,
  installedBaseFactor,
  marketRentalUsd,
  technologyAt,
} from '../../src/model/technology.ts';
import { withParameter } from '../../src/scenario/parameters.ts';
import { smallBaseline } from '../helpers.ts';

describe('technology', () => {
  it('every index starts at 1 and moves by its yearly rate', async () => {
    const scenario = await smallBaseline();
    const { technology, capability, demand } = scenario;
    const start = technologyAt(scenario, 0);
    expect(start).toEqual({
      years: 0,
      capitalCostIndex: 1,
      energyCostIndex: 1,
      algorithmicEfficiency: 1,
      trainingCostIndex: 1,
      researchFrontier: capability.frontierAtStart,
      requirementShift: 0,
    });
    const year = technologyAt(scenario, 12);
    expect(year.capitalCostIndex).toBeCloseTo(1 - technology.hardwareCostDeclinePerYear, 14);
    expect(year.energyCostIndex).toBeCloseTo(1 / (1 + technology.energyEfficiencyGainPerYear), 14);
    expect(year.algorithmicEfficiency).toBeCloseTo(technology.algorithmicEfficiencyPerYear, 12);
    expect(year.trainingCostIndex).toBeCloseTo(technology.trainingCostGrowthPerYear, 14);
    expect(year.researchFrontier).toBe(
      capability.frontierAtStart + capability.frontierGainPointsPerYear,
    );
    expect(year.requirementShift).toBe(demand.requirementGrowthPointsPerYear);
  });

  it('A(t) is one formula: the indices and the models released at t use the same', async () => {
    const scenario = await smallBaseline();
    for (let tick = -30; tick <= 60; tick++) {
      const efficiency = algorithmicEfficiencyAt(scenario, tick);
      if (tick >= 0) expect(technologyAt(scenario, tick).algorithmicEfficiency).toBe(efficiency);
      expect(efficiency).toBeCloseTo(
        scenario.technology.algorithmicEfficiencyPerYear ** (tick / 12),
      );
    }
  });

  it('serving compute doubles every d points above the anchor and falls with A(t)', async () => {
    const scenario = await smallBaseline();
    const { costAnchorCapability: q0, capabilityPointsPerCostDoubling: d } = scenario.technology;
    expect(computeUnitsPerMTok(scenario, q0, 1)).toBe(1);
    expect(computeUnitsPerMTok(scenario, q0 + d, 1)).toBeCloseTo(2, 14);
    expect(computeUnitsPerMTok(scenario, q0 - 2 * d, 1)).toBeCloseTo(0.25, 14);
    expect(computeUnitsPerMTok(scenario, q0 + d, 19)).toBeCloseTo(2 / 19, 14);
  });

  it('no token needs less compute than the smallest model worth serving, however old the level', async () => {
    const scenario = await smallBaseline();
    const { costAnchorCapability: q0, minComputeUnitsPerMTok: floor } = scenario.technology;
    expect(floor).toBeGreaterThan(0);
    // Eight years of 19x a year would take the anchor level to 6e-11 compute units.
    expect(computeUnitsPerMTok(scenario, q0, 19 ** 8)).toBe(floor);
    expect(computeUnitsPerMTok(scenario, q0, 0.5 / floor)).toBeCloseTo(2 * floor, 14);
    const unbounded = withParameter(scenario, 'technology.minComputeUnitsPerMTok', 0);
    expect(computeUnitsPerMTok(unbounded, q0, 19 ** 8)).toBeCloseTo(19 ** -8, 20);
  });

  it('rentals recover the installed base: K = 2.2 for 30 % a year over 48 months, 1 without decline', () => {
    expect(installedBaseFactor(0.3, 48)).toBeCloseTo(2.2, 1);
    expect(installedBaseFactor(0, 48)).toBe(1);
    let sum = 0;
    for (let age = 0; age < 12; age++) sum += 0.5 ** (-age / 12);
    expect(installedBaseFactor(0.5, 12)).toBeCloseTo(sum / 12, 14);
  });

  it('a compute unit costs c0 k m ((1 - s) H K + s E) to rent, capital and energy apart', async () => {
    const scenario = await smallBaseline();
    const { computeCostUsdPerUnit: c0, energyShareOfServingCost: s } = scenario.technology;
    const { hardwareCostDeclinePerYear: h, hardwareLifeMonths: life } = scenario.technology;
    const indices = technologyAt(scenario, 18);
    const [k, m] = [0.7, 1.5];
    const cost = computeUnitCost(scenario, indices, k, m);
    expect(cost.capitalUsd).toBeCloseTo(c0 * k * m * (1 - s) * indices.capitalCostIndex, 12);
    expect(cost.energyUsd).toBeCloseTo(c0 * k * m * s * indices.energyCostIndex, 12);
    expect(cost.totalUsd).toBe(cost.capitalUsd + cost.energyUsd);
    expect(marketRentalUsd(scenario, indices, k, m)).toBeCloseTo(
      cost.capitalUsd * installedBaseFactor(h, life) + cost.energyUsd,
      12,
    );
    // Older hardware was dearer, so renting costs more than running new hardware would.
    expect(marketRentalUsd(scenario, indices, k, m)).toBeGreaterThan(cost.totalUsd);
  });
});
