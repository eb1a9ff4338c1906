/**
 * Physical bounds: a month whose money is not finite, or beyond the bound of a month's money,
 * fails naming the quantity and the month; prices, capabilities and shares, NaN by design when
 * there is nothing to measure, are not checked.
 */
import { describe, expect, it } from 'vitest';
import { recordedQuantities } from '../../src/engine/phases/record.ts';
import { runScenario, Simulation } from '../../src/engine/simulation.ts';
import {
  boundsProblem,
  checkPhysicalBounds,
  PHYSICAL_BOUNDS,
  PhysicalBoundsError,
} from '../../src/model/physical-bounds.ts';
import type { AgentRow, MarketRow } from '../../src/results/columns.ts';
import { smallBaseline } from '../helpers.ts';

const LIMIT = PHYSICAL_BOUNDS.usdPerMonth.limit;

/** A hand-made month: a market of one lab, every money flow within bounds. */
function month(market: Partial<MarketRow> = {}, agent: Partial<AgentRow> = {}) {
  const row: MarketRow = {
    tick: 16,
    date: '2024-03',
    frontier_capability: Number.NaN,
    open_capability: Number.NaN,
    open_gap_pct: Number.NaN,
    prices: { gpt4: Number.NaN },
    frontier_price: Number.NaN,
    tokens: 1e6,
    spend: 2e9,
    hhi: Number.NaN,
    open_weight_token_share: Number.NaN,
    consumer_surplus: 5e9,
    menu_price_index: { consumer: 2, developer: 1, enterprise: 3 },
    surplus: { lab: 1e9, open_weight: 0, hyperscaler: -3e8, aggregator: 0, host: 0, chip: 0 },
    switches: 10,
    buyers: 100,
    resource_cost: 4e8,
    api_spend: 1e9,
    enterprise_buyers: 10,
    enterprise_three_families: 8,
    enterprise_vendor_stayed_12m: 9,
    enterprise_vendor_switched_12m: 1,
    active_labs: 1,
    compute_price: 2,
    utilisation: 0.8,
    spot_share: 0,
    ...market,
  };
  const lab: AgentRow = {
    tick: 16,
    date: '2024-03',
    agent: 'openai',
    kind: 'lab',
    price: Number.NaN,
    capability: Number.NaN,
    tokens: 1e6,
    revenue: 2e9,
    variable_cost: 6e8,
    fixed_cost: 4e8,
    profit: 1e9,
    gross_margin: Number.NaN,
    operating_margin: Number.NaN,
    token_share: Number.NaN,
    customers: 100,
    enterprise_api_share: Number.NaN,
    cash_usd: 1e9,
    status: 'active',
    ...agent,
  };
  return recordedQuantities(row, [lab]);
}

describe('physical bounds', () => {
  it('pass a month of finite money within bounds, whatever its NaN prices and shares', async () => {
    const scenario = await smallBaseline();
    expect(() => checkPhysicalBounds(scenario, '2024-03', month())).not.toThrow();
    expect(() =>
      checkPhysicalBounds(scenario, '2024-03', month({ consumer_surplus: -LIMIT })),
    ).not.toThrow();
  });

  it('fail a month whose consumer surplus is not finite, naming it and the month', async () => {
    const scenario = await smallBaseline();
    const check = () =>
      checkPhysicalBounds(scenario, '2024-03', month({ consumer_surplus: Number.NaN }));
    expect(check).toThrow(PhysicalBoundsError);
    expect(check).toThrow(/^consumer surplus is not finite in 2024-03$/);
  });

  it("fail a month whose money leaves the bound, naming the agent's quantity and its value", async () => {
    const scenario = await smallBaseline();
    const quantities = month({}, { revenue: 2.13e21 });
    expect(() => checkPhysicalBounds(scenario, '2027-04', quantities)).toThrow(
      /^openai's revenue is 2\.13e\+21 USD in 2027-04, beyond physical bounds \(\$1e17 a month/,
    );
    try {
      checkPhysicalBounds(scenario, '2027-04', quantities);
    } catch (error) {
      expect(error).toMatchObject({ quantity: "openai's revenue", month: '2027-04', scenario });
    }
  });

  it('bound the magnitude of a loss as of a gain, and tokens only by being finite', () => {
    expect(
      boundsProblem({ name: 'lab profit', value: -2 * LIMIT, bound: 'usdPerMonth' }, 'm'),
    ).toMatch(/^lab profit is -2\.00e\+17 USD in m, beyond physical bounds/);
    expect(boundsProblem({ name: 'tokens', value: 1e30 }, 'm')).toBeUndefined();
    expect(boundsProblem({ name: 'tokens', value: Number.POSITIVE_INFINITY }, 'm')).toBe(
      'tokens is not finite in m',
    );
  });

  it('cover every flow of money a month records', () => {
    const names = month().map((quantity) => quantity.name);
    for (const name of ['market spend', 'consumer surplus', 'resource cost', 'lab profit']) {
      expect(names).toContain(name);
    }
    for (const column of ['revenue', 'variable cost', 'fixed cost', 'profit', 'tokens']) {
      expect(names).toContain(`openai's ${column}`);
    }
  });

  it('stop a run whose demand explodes at the first month out of bounds', async () => {
    const scenario = await smallBaseline({ settings: ['demand.priceElasticity=50'] });
    let failure: unknown;
    try {
      runScenario(scenario, { seed: 1 });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(PhysicalBoundsError);
    const { month } = failure as PhysicalBoundsError;
    // The month named is the first whose recorded money leaves the bounds.
    const simulation = new Simulation(scenario, { seed: 1 });
    let first: string | undefined;
    while (!simulation.done && first === undefined) {
      simulation.step();
      const tick = simulation.tick - 1;
      const rows = simulation.recording.agents.filter((row) => row.tick === tick);
      const quantities = recordedQuantities(simulation.recording.market[tick]!, rows);
      if (quantities.some((quantity) => boundsProblem(quantity, 'm') !== undefined)) {
        first = simulation.recording.market[tick]!.date;
      }
    }
    expect(month).toBe(first);
  });
});
