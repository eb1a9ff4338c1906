import { describe, expect, it } from 'vitest';
import { modelsWorthUsd, salePriceUsd } from '../../src/model/acquisition.ts';
import {
  fundingRound,
  parentTopUpUsd,
  runWorthTraining,
  scalingGainPoints,
  trainingBudgetUsd,
} from '../../src/model/finance.ts';
import type { ModelDeveloperSpec } from '../../src/scenario/schema.ts';
import { loadBaseline } from '../helpers.ts';

const TERMS = {
  roundRevenueMultiple: 2.8,
  roundMarketMultiple: 1,
  roundMaxGapPoints: 200,
  roundTriggerMonths: 12,
  roundIntervalMonths: 6,
  roundRunwayMonths: 24,
};
/**
 * A lab burning $0.2 B a month with $1 B left, $4 B of run-rate revenue, 50 points behind, and a
 * $10 B next run (so that its runway, $13.8 B, does not bind).
 */
const FIRM = {
  cashUsd: 1e9,
  burnUsdPerMonth: 2e8,
  runRateRevenueUsd: 4e9,
  gapPoints: 50,
  marketRunRateUsd: 1e10,
  monthsSinceRound: 12,
  nextRunUsd: 1e10,
};

describe('funding rounds', () => {
  it('a lab short of runway raises 2.8x its run-rate revenue, times the funding climate', () => {
    expect(fundingRound(FIRM, TERMS, 1)).toBeCloseTo(2.8 * 4e9, 0);
    expect(fundingRound(FIRM, TERMS, 0.5)).toBeCloseTo(1.4 * 4e9, 0);
    expect(fundingRound(FIRM, TERMS, 0)).toBe(0);
  });

  it('a frontier lab with little revenue raises on capability, less the further behind it is', () => {
    const early = { ...FIRM, runRateRevenueUsd: 1e8 };
    expect(fundingRound({ ...early, gapPoints: 0 }, TERMS, 1)).toBeCloseTo(1e10, 0);
    expect(fundingRound({ ...early, gapPoints: 100 }, TERMS, 1)).toBeCloseTo(5e9, 0);
    expect(fundingRound({ ...early, gapPoints: 200 }, TERMS, 1)).toBe(0);
    expect(fundingRound({ ...FIRM, gapPoints: 250 }, TERMS, 1)).toBe(0);
    expect(fundingRound({ ...FIRM, gapPoints: Number.NaN }, TERMS, 1)).toBe(0);
  });

  it('investors fund a runway: cash after the round is at most 24 months of burn and the next run', () => {
    // 24 x $0.2 B + $2 B - $1 B = $5.8 B, less than the $11.2 B the revenue multiple gives.
    expect(fundingRound({ ...FIRM, nextRunUsd: 2e9 }, TERMS, 1)).toBeCloseTo(5.8e9, 0);
    expect(fundingRound({ ...FIRM, nextRunUsd: 2e9 }, { ...TERMS, roundRunwayMonths: 12 }, 1)).toBe(
      Math.max(0, 12 * 2e8 + 2e9 - 1e9),
    );
    // A firm that burns little raises little, whatever its revenue.
    expect(
      fundingRound({ ...FIRM, nextRunUsd: 0, burnUsdPerMonth: 1e7, cashUsd: 1e8 }, TERMS, 1),
    ).toBeCloseTo(24 * 1e7 - 1e8, 0);
  });

  it('no round for a lab with runway, one that earns its keep, or one that raised lately', () => {
    expect(fundingRound({ ...FIRM, cashUsd: 12 * 2e8 }, TERMS, 1)).toBe(0);
    expect(fundingRound({ ...FIRM, burnUsdPerMonth: 0 }, TERMS, 1)).toBe(0);
    expect(fundingRound({ ...FIRM, burnUsdPerMonth: -1e8 }, TERMS, 1)).toBe(0);
    expect(fundingRound({ ...FIRM, monthsSinceRound: 5 }, TERMS, 1)).toBe(0);
    expect(fundingRound({ ...FIRM, monthsSinceRound: 6 }, TERMS, 1)).toBeGreaterThan(0);
  });
});

describe('training budgets', () => {
  const inputs = {
    scheduledUsd: 1e9,
    cashUsd: 1e10,
    grossProfitUsdPerMonth: 0,
    opexUsdPerMonth: 1e8,
    costPerBudgetUsd: 5,
  };
  const lab = async (finance: ModelDeveloperSpec['finance'], multiple = 1) => {
    const spec = (await loadBaseline()).agents.openai as ModelDeveloperSpec;
    return { ...spec, finance, trainingBudgetMultiple: multiple };
  };

  it('a lab with ample cash, or a parent, spends its wanted budget', async () => {
    const own = await lab({ budgetShareOfCash: 0.5, reserveMonths: 12 });
    expect(trainingBudgetUsd(own, inputs)).toBe(1e9);
    const parent = await lab(null, 2);
    expect(trainingBudgetUsd(parent, { ...inputs, cashUsd: -1e12 })).toBe(2e9);
  });

  it('a lab short of cash spends what its cash and expected profit allow, keeping its reserve', async () => {
    const own = await lab({ budgetShareOfCash: 0.5, reserveMonths: 12 });
    // Half of $4 B is $2 B of development, $0.4 B of final run.
    expect(trainingBudgetUsd(own, { ...inputs, cashUsd: 4e9 })).toBeCloseTo(4e8, 0);
    // Expected gross profit over the lifetime (12 months in the baseline) adds to it.
    const lifetime = own.releases.lifetimeMonths;
    expect(
      trainingBudgetUsd(own, { ...inputs, cashUsd: 6e9, grossProfitUsdPerMonth: 1e8 }),
    ).toBeCloseTo((3e9 + lifetime * 1e8) / 5, 0);
    // $2.5 B of cash less 12 months of opex ($1.2 B) leaves $1.3 B, under half of it plus profit.
    expect(
      trainingBudgetUsd(own, { ...inputs, cashUsd: 2.5e9, grossProfitUsdPerMonth: 1e9 }),
    ).toBeCloseTo(1.3e9 / 5, 0);
    expect(trainingBudgetUsd(own, { ...inputs, cashUsd: 1e9 })).toBe(0);
  });

  it('the scaling law: doubling the budget gains about 45 points at 150 a tenfold, halving loses them', () => {
    expect(scalingGainPoints(2e9, 1e9, 150)).toBeCloseTo(45.15, 1);
    expect(scalingGainPoints(5e8, 1e9, 150)).toBeCloseTo(-45.15, 1);
    expect(scalingGainPoints(1e9, 1e9, 150)).toBe(0);
  });

  it("a run is worth training when it beats the model its developer sells: a year on, last year's budget does, half of it does not", () => {
    // Last year's run spent the schedule, $1 B, and made a model at the target, 1,200 points;
    // a year on the target is 100 points higher and the schedule 2.4 times dearer.
    const sold = 1_200;
    const expected = (budgetUsd: number) => 1_300 + scalingGainPoints(budgetUsd, 2.4e9, 150);
    expect(expected(1e9)).toBeCloseTo(1_300 - 150 * Math.log10(2.4), 9); // 1,242.97
    expect(runWorthTraining(expected(1e9), sold)).toBe(true);
    expect(runWorthTraining(expected(0.5e9), sold)).toBe(false); // 1,197.8
    // With nothing on the market any run is worth training; with no budget none is.
    expect(runWorthTraining(expected(0.5e9), Number.NEGATIVE_INFINITY)).toBe(true);
    expect(runWorthTraining(expected(0), Number.NEGATIVE_INFINITY)).toBe(false);
  });
});

describe('parents and buyers', () => {
  it('a parent brings its lab back to its yearly tolerance at the end of each budget year', () => {
    expect(parentTopUpUsd(4e9, 16e9, 11)).toBe(12e9);
    expect(parentTopUpUsd(4e9, 16e9, 23)).toBe(12e9);
    expect(parentTopUpUsd(4e9, 16e9, 12)).toBe(0);
    expect(parentTopUpUsd(20e9, 16e9, 11)).toBe(0);
  });

  it('a buyer pays the models’ worth net of the debts, and buys none worth less than the debts', () => {
    expect(modelsWorthUsd(1e8, 6)).toBe(6e8);
    expect(modelsWorthUsd(-1e8, 6)).toBe(0);
    expect(salePriceUsd(6e8, -2e8)).toBe(4e8);
    expect(salePriceUsd(6e8, 1e8)).toBe(7e8);
    expect(salePriceUsd(1e8, -2e8)).toBeNull();
    expect(salePriceUsd(0, 1e9)).toBeNull();
  });
});
