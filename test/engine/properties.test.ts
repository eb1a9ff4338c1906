import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.ts';
import { addMonths } from '../../src/math/calendar.ts';
import type { Model, World } from '../../src/model/world.ts';
import { runFiles } from '../../src/output/write-run.ts';
import {
  AGENT_COLUMNS,
  type AgentRow,
  type Cell,
  type MarketRow,
  marketCells,
  marketColumns,
  SUMMARY_COLUMNS,
  type SummaryRow,
} from '../../src/results/columns.ts';
import type { RunResult } from '../../src/results/run-result.ts';
import { withParameter } from '../../src/scenario/parameters.ts';
import { type Scenario, SEGMENTS as SEGMENT_NAMES } from '../../src/scenario/schema.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { loadBaseline, smallBaseline } from '../helpers.ts';

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
  switching: fc.array(fc.double({ min: 1e-4, max: 100, noNaN: true }), {
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
    settings.push([`demand.segments.${segment}.switchingCostPerSpendMonth.median`, p.switching[s]]);
    settings.push([`demand.segments.${segment}.reevaluationPerMonth`, p.reevaluation[s]]);
  });
  const scenario = settings.reduce<Scenario>(
    (s, [path, value]) => withParameter(s, path, value),
    baseline,
  );
  return validateScenario(scenario, 'property test');
}

/**
 * What a month's rows depend on, kept while stepping the run: the world after the month, the
 * enterprises' spend on API and cloud offers (the denominator of enterprise_api_share), and
 * the tokens each segment bought (a menu price index is NaN where there are none).
 */
interface MonthFacts {
  readonly world: World;
  readonly enterpriseApiSpendUsd: number;
  readonly segmentTokensMTok: Record<string, number>;
}

/** Runs the scenario month by month, keeping each month's facts beside the result. */
function runWithFacts(scenario: Scenario, seed: number) {
  const simulation = new Simulation(scenario, { seed });
  const enterprise = SEGMENT_NAMES.indexOf('enterprise');
  const facts: MonthFacts[] = [];
  while (!simulation.done) {
    simulation.step();
    const { world } = simulation;
    const { market, volumes } = simulation.lastMonth!;
    let spend = 0;
    for (let k = 0; k < market.slots; k++) {
      const offer = world.offers[market.offerOf[k]!]!;
      if (offer.channel === 'product') continue;
      spend += volumes.segmentTokensMTok[enterprise * market.slots + k]! * offer.priceUsdPerMTok;
    }
    const segmentTokensMTok = Object.fromEntries(
      SEGMENT_NAMES.map((name, s) => [
        name,
        volumes.segmentTokensMTok
          .subarray(s * market.slots, (s + 1) * market.slots)
          .reduce((sum, t) => sum + t, 0),
      ]),
    );
    facts.push({ world, enterpriseApiSpendUsd: spend, segmentTokensMTok });
  }
  return { result: simulation.result(), facts };
}

const onMarket = (world: World) =>
  world.models.filter((m) => m.releasedTick <= world.tick && world.tick < m.retiresTick);
const maxCapability = (models: readonly Model[]) =>
  Math.max(...models.map((m) => m.capability), Number.NEGATIVE_INFINITY);
/** Whether any token offer on sale reaches a capability level. */
const reaches = (world: World, level: number) =>
  world.offers.some(
    (o) => o.active && o.channel !== 'product' && world.models[o.model]!.capability >= level,
  );

type NanRule<Row> = (row: Row, month: MonthFacts) => boolean;
const never = () => false;

/**
 * market.csv: for each column, the condition under which it is NaN (an empty cell). Every
 * other value must be finite.
 */
const MARKET_NAN: Record<string, NanRule<MarketRow>> = {
  tick: never,
  frontier_capability: (_, { world }) => onMarket(world).length === 0,
  open_capability: (_, { world }) => !onMarket(world).some((m) => m.open),
  open_gap_pct: (_, { world }) => {
    const models = onMarket(world);
    const closed = models.filter((m) => !m.open);
    return closed.length === 0 || !models.some((m) => m.open) || maxCapability(closed) === 0;
  },
  frontier_price: (_, { world }) => !reaches(world, maxCapability(onMarket(world))),
  tokens: never,
  spend: never,
  hhi: (row) => row.tokens === 0,
  open_weight_token_share: (row) => row.tokens === 0,
  consumer_surplus: never,
  switches: never,
  buyers: never,
  resource_cost: never,
  api_spend: never,
  enterprise_buyers: never,
  enterprise_three_families: never,
  enterprise_vendor_stayed_12m: never,
  enterprise_vendor_switched_12m: never,
  active_labs: never,
  compute_price: never,
  utilisation: (_, { world }) => world.compute.capacityUnits === 0,
  spot_share: (_, { world }) => !(world.compute.unitsUsed > 0),
};

const hasActiveOffer = (world: World, agent: number) =>
  world.offers.some((o) => o.active && o.seller === agent);

/** agents.csv, likewise; `tokens` is the market's that month. */
const AGENT_NAN: Record<string, NanRule<AgentRow & { marketTokens: number; index: number }>> = {
  tick: never,
  price: (row, { world }) => !hasActiveOffer(world, row.index),
  capability: (row, { world }) =>
    !hasActiveOffer(world, row.index) && !onMarket(world).some((m) => m.developer === row.index),
  tokens: never,
  revenue: never,
  variable_cost: never,
  fixed_cost: never,
  profit: never,
  gross_margin: (row) => row.revenue === 0,
  operating_margin: (row) => row.revenue === 0,
  token_share: (row) => row.marketTokens === 0,
  customers: never,
  enterprise_api_share: (_, month) => month.enterpriseApiSpendUsd === 0,
  cash_usd: never,
};

/** summary.csv, likewise; `total` is all surplus, producers' and consumers'. */
const SUMMARY_NAN: Record<string, (row: SummaryRow, total: number) => boolean> = {
  revenue: (row) => row.scope === 'consumers',
  variable_cost: (row) => row.scope === 'consumers',
  fixed_cost: (row) => row.scope === 'consumers',
  profit: (row) => row.scope === 'consumers',
  gross_margin: (row) => row.scope === 'consumers' || row.revenue === 0,
  operating_margin: (row) => row.scope === 'consumers' || row.revenue === 0,
  surplus_share: (_, total) => total === 0,
  surplus: never,
  tokens: (row) => row.scope === 'consumers',
};

/**
 * Every number in the result's rows, cell by cell as the CSV files write them: never
 * +-Infinity, and NaN exactly when its column's condition holds. Returns what is wrong.
 */
function outputProblems(result: RunResult, facts: readonly MonthFacts[]): string[] {
  const problems: string[] = [];
  const check = (where: string, value: Cell | undefined, nanAllowed: boolean | undefined) => {
    if (typeof value !== 'number') return;
    if (nanAllowed === undefined) problems.push(`${where}: no rule says when it may be NaN`);
    else if (Number.isNaN(value) !== nanAllowed || value === Infinity || value === -Infinity)
      problems.push(`${where}: ${value}${nanAllowed ? ', where NaN is due' : ''}`);
  };
  const levels = result.scenario.capability.referenceLevels;
  const columns = marketColumns(Object.keys(levels));
  for (const row of result.market) {
    const month = facts[row.tick]!;
    marketCells(row, Object.keys(levels)).forEach((value, c) => {
      const column = columns[c]!;
      const rule = column.startsWith('price_')
        ? !reaches(month.world, levels[column.slice('price_'.length)]!)
        : column.startsWith('surplus_')
          ? false
          : column.startsWith('menu_price_index_')
            ? month.segmentTokensMTok[column.slice('menu_price_index_'.length)] === 0
            : MARKET_NAN[column]?.(row, month);
      check(`market ${row.date} ${column}`, value, rule);
    });
  }
  const agentIndex = new Map(facts[0]?.world.agents.map((agent) => [agent.id, agent.index]));
  for (const row of result.agents) {
    const month = facts[row.tick]!;
    const agentRow = {
      ...row,
      marketTokens: result.market[row.tick]!.tokens,
      index: agentIndex.get(row.agent)!,
    };
    for (const column of AGENT_COLUMNS) {
      check(
        `agents ${row.date} ${row.agent} ${column}`,
        row[column],
        AGENT_NAN[column]?.(agentRow, month),
      );
    }
  }
  const total = result.summary
    .filter((row) => row.scope !== 'kind')
    .reduce((sum, row) => sum + row.surplus, 0);
  for (const row of result.summary) {
    for (const column of SUMMARY_COLUMNS) {
      check(`summary ${row.name} ${column}`, row[column], SUMMARY_NAN[column]?.(row, total));
    }
  }
  return problems;
}

describe('no NaN or Infinity in any output', () => {
  it('holds over random valid parameters and seeds: NaN only where a column is undefined', async () => {
    const baseline = await loadBaseline();
    await fc.assert(
      fc.asyncProperty(parameters, async (p) => {
        const { result, facts } = runWithFacts(scenarioFrom(baseline, p), p.seed);
        expect(outputProblems(result, facts)).toEqual([]);
        const files = await runFiles(result, { file: 'baseline.ts' });
        for (const [name, text] of Object.entries(files)) {
          expect(text, name).not.toMatch(/NaN|Infinity/);
        }
        const shares = result.summary.filter((row) => row.scope !== 'agent');
        if (shares.every((row) => Number.isFinite(row.surplus_share))) {
          const total = shares.reduce((sum, row) => sum + row.surplus_share, 0);
          expect(total).toBeCloseTo(1, 9);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('the check finds a NaN where a column is defined, one missing where it is not, and Infinity', async () => {
    const { result, facts } = runWithFacts(await smallBaseline({ months: 12 }), 5);
    expect(outputProblems(result, facts)).toEqual([]);
    const spoilt = (change: (copy: RunResult) => void) => {
      const copy = structuredClone({ ...result, scenario: undefined }) as unknown as RunResult;
      change(Object.assign(copy, { scenario: result.scenario }));
      return outputProblems(copy, facts);
    };
    const sold = result.market.findIndex((row) => row.tokens > 0);
    const level = Object.keys(result.scenario.capability.referenceLevels)[0]!;
    const reached = result.market.findIndex((row) => Number.isFinite(row.prices[level]));
    const unpriced = result.agents.findIndex((row) => Number.isNaN(row.price));
    const earning = result.agents.findIndex((row) => row.revenue > 0);
    const consumers = result.summary.findIndex((row) => row.scope === 'consumers');
    expect(sold).toBeGreaterThanOrEqual(0);
    expect(reached).toBeGreaterThanOrEqual(0);
    expect(unpriced).toBeGreaterThanOrEqual(0);
    expect(earning).toBeGreaterThanOrEqual(0);
    for (const change of [
      (r: RunResult) => Object.assign(r.market[sold]!, { hhi: Number.NaN }),
      (r: RunResult) => Object.assign(r.market[reached]!.prices, { [level]: Number.NaN }),
      (r: RunResult) =>
        Object.assign(r.market[sold]!, { frontier_price: Number.POSITIVE_INFINITY }),
      (r: RunResult) => Object.assign(r.market[sold]!.surplus, { lab: Number.NEGATIVE_INFINITY }),
      (r: RunResult) => Object.assign(r.agents[unpriced]!, { price: 1 }),
      (r: RunResult) => Object.assign(r.agents[earning]!, { revenue: Number.NaN }),
      (r: RunResult) => Object.assign(r.summary[0]!, { surplus_share: Number.NaN }),
      (r: RunResult) => Object.assign(r.summary[consumers]!, { tokens: 0 }),
    ]) {
      expect(spoilt(change), String(change)).toHaveLength(1);
    }
  });
});
