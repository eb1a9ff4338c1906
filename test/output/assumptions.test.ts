/** The assumptions line in words: options as typed, then each difference from the base. */
import { describe, expect, it } from 'vitest';
import { uniform } from '../../src/math/distributions.ts';
import {
  batchAssumptionLines,
  differenceText,
  runAssumptionsLine,
} from '../../src/output/assumptions.ts';

describe('assumptions in words', () => {
  it('a run: the options as typed, then how its scenario differs from the one it extends', () => {
    expect(
      runAssumptionsLine({
        options: { settings: ['technology.hardwareCostDeclinePerYear=0.2'], months: 48 },
        lineage: {
          extends: 'baseline',
          differences: [
            {
              path: 'demand.segments.enterprise.switchingCostPerSpendMonth.median',
              base: 1.75,
              value: 0.5,
            },
          ],
        },
      }),
    ).toBe(
      'Assumptions: --set technology.hardwareCostDeclinePerYear=0.2, --months 48; differs from baseline in: demand.segments.enterprise.switchingCostPerSpendMonth.median 1.75 -> 0.5',
    );
    expect(runAssumptionsLine({ options: { settings: [] } })).toBe('Assumptions: no overrides');
    expect(runAssumptionsLine({})).toBe('Assumptions: not recorded');
  });

  it('an addition, a removal, a distribution and an object each read as such', () => {
    expect(differenceText({ path: 'agents.challenger', value: { kind: 'lab' } })).toBe(
      'agents.challenger added',
    );
    expect(differenceText({ path: 'agents.meta', base: { kind: 'open_weight' } })).toBe(
      'agents.meta removed',
    );
    expect(differenceText({ path: 'uncertain.demand.priceElasticity', value: uniform(1, 2) })).toBe(
      'uncertain.demand.priceElasticity added as uniform(1, 2)',
    );
    expect(
      differenceText({ path: 'agents.openai.product', base: { lockIn: 3 }, value: null }),
    ).toBe('agents.openai.product {...} -> none');
  });

  it('a batch: the shared options with its window, then a line per scenario that extends one', () => {
    expect(
      batchAssumptionLines({
        scenarios: [
          { name: 'baseline', file: 'scenarios/baseline.ts' },
          {
            name: 'capex-arms-race',
            file: 'scenarios/capex-arms-race.ts',
            extends: 'baseline',
            differences: [{ path: 'technology.trainingCostGrowthPerYear', base: 2.4, value: 3.5 }],
          },
        ],
        seeds: [1, 2],
        window: { from: '2025-01', to: '2030-12' },
        customers: 2000,
        settings: [],
      }),
    ).toEqual([
      'Assumptions: --customers 2000, --from 2025-01, --to 2030-12',
      '  capex-arms-race differs from baseline in: technology.trainingCostGrowthPerYear 2.4 -> 3.5',
    ]);
  });
});
