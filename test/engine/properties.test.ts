import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/engine/simulation.ts';
import { addMonths } from '../../src/model/calendar.ts';
import { runFiles } from '../../src/output/write-run.ts';
import { withParameter } from '../../src/scenario/parameters.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { loadBaseline } from '../helpers.ts';

const SEGMENTS = ['consumer', 'developer', 'enterprise'] as const;

/** Random valid parameters: each drawn across (and beyond) its plausible range. */
const parameters = fc.record({
  seed: fc.nat({ max: 2 ** 31 }),
  customers: fc.integer({ min: 50, max: 600 }),
  months: fc.integer({ min: 1, max: 40 }),
  hardware: fc.double({ min: 0, max: 0.9, noNaN: true }),
  energy: fc.double({ min: 0, max: 2, noNaN: true }),
  algorithms: fc.double({ min: 1, max: 20, noNaN: true }),
  training: fc.double({ min: 0.5, max: 5, noNaN: true }),
  doubling: fc.double({ min: 10, max: 400, noNaN: true }),
  elasticity: fc.double({ min: 0.3, max: 3, noNaN: true }),
  gain: fc.double({ min: 0, max: 400, noNaN: true }),
  requirementGrowth: fc.double({ min: 0, max: 200, noNaN: true }),
  sensitivity: fc.array(fc.double({ min: 0.05, max: 8, noNaN: true }), {
    minLength: 3,
    maxLength: 3,
  }),
  wtp: fc.array(fc.double({ min: 0.01, max: 500, noNaN: true }), { minLength: 3, maxLength: 3 }),
  switching: fc.array(fc.double({ min: 0.01, max: 1e6, noNaN: true }), {
    minLength: 3,
    maxLength: 3,
  }),
  reevaluation: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
    minLength: 3,
    maxLength: 3,
  }),
  cadence: fc.integer({ min: 1, max: 30 }),
  lag: fc.double({ min: 0, max: 60, noNaN: true }),
  costFactor: fc.double({ min: 0.05, max: 3, noNaN: true }),
  shortage: fc.double({ min: 0, max: 5, noNaN: true }),
  strategy: fc.constantFrom(
    { strategy: 'cost-plus', markup: 0.3 },
    { strategy: 'bertrand-logit', damping: 1 },
    {
      strategy: 'bargain-then-harvest',
      bargainMonths: 6,
      bargainMarkup: -0.5,
      harvestShare: 1,
      damping: 0.5,
    },
  ),
});

type Parameters = typeof parameters extends fc.Arbitrary<infer T> ? T : never;

function scenarioFrom(baseline: Scenario, p: Parameters): Scenario {
  const settings: [string, unknown][] = [
    ['customers', p.customers],
    ['end', addMonths(baseline.start, p.months - 1)],
    ['technology.hardwareCostDeclinePerYear', p.hardware],
    ['technology.energyEfficiencyGainPerYear', p.energy],
    ['technology.algorithmicEfficiencyPerYear', p.algorithms],
    ['technology.trainingCostGrowthPerYear', p.training],
    ['technology.capabilityPointsPerCostDoubling', p.doubling],
    ['demand.priceElasticity', p.elasticity],
    ['demand.requirementGrowthPointsPerYear', p.requirementGrowth],
    ['capability.frontierGainPointsPerYear', p.gain],
    ['agents.openai.releases.cadenceMonths', p.cadence],
    ['agents.openai.pricing', p.strategy],
    ['agents.meta.lagMonthsAtStart', p.lag],
    ['agents.azure.costFactor', p.costFactor],
    ['agents.aws.capacity.shortagePremium', p.shortage],
  ];
  SEGMENTS.forEach((segment, s) => {
    settings.push([`demand.segments.${segment}.priceSensitivity.median`, p.sensitivity[s]]);
    settings.push([`demand.segments.${segment}.willingnessToPayUsdPerMTok.median`, p.wtp[s]]);
    settings.push([`demand.segments.${segment}.switchingCostUsd.median`, p.switching[s]]);
    settings.push([`demand.segments.${segment}.reevaluationPerMonth`, p.reevaluation[s]]);
  });
  const scenario = settings.reduce<Scenario>(
    (s, [path, value]) => withParameter(s, path, value),
    baseline,
  );
  return validateScenario(scenario, 'property test');
}

const ALWAYS_NUMERIC_MARKET = [
  'tokens',
  'spend',
  'consumer_surplus',
  'resource_cost',
  'buyers',
  'switches',
] as const;
const ALWAYS_NUMERIC_AGENT = [
  'tokens',
  'revenue',
  'variable_cost',
  'fixed_cost',
  'profit',
  'customers',
] as const;

describe('no NaN or Infinity in any output', () => {
  it('holds over random valid parameters and seeds', async () => {
    const baseline = await loadBaseline();
    await fc.assert(
      fc.asyncProperty(parameters, async (p) => {
        const result = runScenario(scenarioFrom(baseline, p), { seed: p.seed });
        const files = await runFiles(result, { file: 'baseline.ts' });
        for (const [name, text] of Object.entries(files)) {
          expect(text, name).not.toMatch(/NaN|Infinity/);
        }
        for (const row of result.market) {
          for (const column of ALWAYS_NUMERIC_MARKET)
            expect(Number.isFinite(row[column]), column).toBe(true);
          for (const value of Object.values(row.surplus)) expect(Number.isFinite(value)).toBe(true);
        }
        for (const row of result.agents) {
          for (const column of ALWAYS_NUMERIC_AGENT)
            expect(Number.isFinite(row[column]), column).toBe(true);
        }
        const shares = result.summary.filter((row) => row.scope !== 'agent');
        const total = shares.reduce((sum, row) => sum + row.surplus_share, 0);
        if (shares.every((row) => Number.isFinite(row.surplus_share)))
          expect(total).toBeCloseTo(1, 9);
      }),
      { numRuns: 40, seed: 20261127 },
    );
  });
});
