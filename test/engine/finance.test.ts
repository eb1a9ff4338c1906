import { describe, expect, it } from 'vitest';
import { runScenario, Simulation } from '../../src/engine/simulation.ts';
import { amortisationUsd } from '../../src/model/accounts.ts';
import { inMarket } from '../../src/model/context.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { applyOverrides } from '../../src/scenario/overrides.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { REPO, smallBaseline } from '../helpers.ts';

describe('exit', () => {
  it('a lab with no cash and no round exits, and its customers are served by others the next month', async () => {
    // OpenAI spends $10 B a month more than it earns from $90 B, and investors give nothing: it
    // runs out in about nine months, once others sell models too and before its first model retires.
    const scenario = await smallBaseline({
      months: 16,
      settings: [
        'agents.openai.cashUsd=9e10',
        'agents.openai.opexUsdPerMonth=1e10',
        'finance.roundRevenueMultiple=0',
        'finance.roundMarketMultiple=0',
      ],
    });
    const result = runScenario(scenario, { seed: 2 });
    const openai = result.agents.filter((row) => row.agent === 'openai');
    const exit = openai.findIndex((row) => row.status === 'exited');
    expect(exit).toBeGreaterThan(6);
    expect(exit).toBeLessThan(11);
    expect(openai.slice(exit).every((row) => row.status === 'exited')).toBe(true);
    expect(openai[exit]!.cash_usd).toBeLessThan(0);
    expect(openai[exit]!.customers).toBeGreaterThan(0);
    // The month after: nothing sold, no costs, and the market's buyers still buy, from others.
    const after = openai[exit + 1]!;
    expect(after.customers).toBe(0);
    expect(after.tokens).toBe(0);
    expect(after.fixed_cost).toBe(0);
    const month = result.market[exit]!;
    const next = result.market[exit + 1]!;
    expect(next.buyers).toBeGreaterThan(0.8 * month.buyers);
    expect(next.active_labs).toBe(month.active_labs);
    expect(result.market[exit - 1]!.active_labs).toBe(month.active_labs + 1);
    const others = result.agents.filter((row) => row.tick === exit + 1 && row.agent !== 'openai');
    expect(others.reduce((sum, row) => sum + row.tokens, 0)).toBeGreaterThan(0);
  });
});

describe('funding rounds in the books', () => {
  it('money is conserved with rounds: raised capital adds to cash, not to revenue or surplus', async () => {
    const scenario = await smallBaseline({ months: 24 });
    const simulation = new Simulation(scenario, { seed: 3 });
    const start = simulation.world.agents.map((agent) => agent.cashUsd);
    const flows = new Float64Array(start.length);
    while (!simulation.done) {
      const before = simulation.world;
      simulation.step();
      const { ledger } = simulation.lastMonth!.accounts;
      const world = simulation.world;
      let profit = 0;
      world.agents.forEach((_, a) => {
        profit += ledger.profitUsd(a);
        flows[a] = flows[a]! + ledger.profitUsd(a);
      });
      const scale = Math.max(1, ledger.spendUsd);
      expect(Math.abs(profit - (ledger.spendUsd - ledger.resourceCostUsd))).toBeLessThanOrEqual(
        1e-9 * scale,
      );
      // Cash follows the training runs when paid, not when amortised.
      for (const model of world.models) {
        const d = model.developer;
        if (model.releasedTick === world.tick) flows[d] = flows[d]! - model.trainingCostUsd;
        if (inMarket({ ...before, tick: world.tick }, d)) {
          flows[d] = flows[d]! + amortisationUsd(model, world.tick);
        }
      }
    }
    const agents = simulation.world.agents;
    expect(agents.some((agent) => agent.raisedUsd > 0)).toBe(true);
    for (const agent of agents) {
      const expected = start[agent.index]! + flows[agent.index]! + agent.raisedUsd;
      expect(Math.abs(agent.cashUsd - expected), agent.id).toBeLessThanOrEqual(
        1e-9 * Math.max(1, Math.abs(expected), agent.raisedUsd),
      );
    }
    // Raised capital is nobody's revenue: the summary's surplus is the ledger's.
    const result = simulation.result();
    const surplus = result.summary
      .filter((row) => row.scope === 'agent')
      .reduce((sum, row) => sum + row.surplus, 0);
    const spend = result.market.reduce((sum, row) => sum + row.spend - row.resource_cost, 0);
    expect(Math.abs(surplus - spend)).toBeLessThanOrEqual(1e-9 * Math.max(1, spend));
  });
});

describe('investment', () => {
  it('a lab that doubles its training budget leads more often over seeds than one that halves it', async () => {
    // Two identical labs but for their budgets, and noisy runs, so that either may lead.
    const small = await smallBaseline({ months: 6, customers: 300 });
    const twin = { ...small.agents.anthropic!, cashUsd: 1e12 };
    const scenario: Scenario = {
      ...small,
      capability: { ...small.capability, releaseNoisePoints: 60 },
      agents: {
        ...small.agents,
        anthropic: { ...twin, trainingBudgetMultiple: 2 },
        rival: { ...twin, trainingBudgetMultiple: 0.5 },
      } as Scenario['agents'],
    };
    let doubled = 0;
    const seeds = 12;
    for (let seed = 1; seed <= seeds; seed++) {
      const { agents } = runScenario(scenario, { seed });
      const last = (id: string) => agents.filter((row) => row.agent === id).at(-1)!.capability;
      if (last('anthropic') > last('rival')) doubled += 1;
    }
    expect(doubled).toBeGreaterThan(seeds / 2);
  });
});

describe('capex-arms-race', () => {
  it('over 5 seeds, in every seed a lab exits or cuts its training spend to half its peak', async () => {
    const file = `${REPO}scenarios/capex-arms-race.ts`;
    const scenario = applyOverrides(await loadScenario(file), { customers: 500 });
    for (let seed = 1; seed <= 5; seed++) {
      const simulation = new Simulation(scenario, { seed });
      while (!simulation.done) simulation.step();
      const { world, context } = simulation;
      const forced = context.agentIds.some((_id, a) => {
        if (!context.developers[a]?.finance) return false;
        if (world.agents[a]!.status !== 'active') return true;
        // Its spend on training runs by calendar year, at release: a year after the peak year
        // at half the peak or less (a lab that can no longer afford a run spends nothing).
        const byYear = new Map<string, number>();
        for (const date of context.dates) byYear.set(date.slice(0, 4), 0);
        for (const model of world.models) {
          if (model.developer !== a || model.trainingCostUsd <= 0 || model.releasedTick < 0)
            continue;
          const year = context.dates[model.releasedTick]!.slice(0, 4);
          byYear.set(year, byYear.get(year)! + model.trainingCostUsd);
        }
        const spend = [...byYear.values()];
        const peak = spend.indexOf(Math.max(...spend));
        if (spend.slice(peak + 1).some((usd) => usd <= spend[peak]! / 2)) return true;
        return false;
      });
      expect(forced, `seed ${seed}`).toBe(true);
    }
  });
});

describe('entry', () => {
  /** The small baseline with a potential entrant like Anthropic, that may enter from 2023-06. */
  async function withEntrant(costUsd: number): Promise<Scenario> {
    const small = await smallBaseline({ months: 20, customers: 500 });
    const like = small.agents.anthropic!;
    if (like.kind !== 'lab') throw new Error('expected a lab');
    const entrant = {
      ...like,
      cashUsd: 6e9,
      entry: { from: '2023-06' as const, costUsd, paybackMonths: 24 },
    };
    return { ...small, agents: { ...small.agents, entrant } };
  }
  const entered = (result: ReturnType<typeof runScenario>) =>
    result.agents.filter((row) => row.agent === 'entrant' && row.customers > 0);

  it('a potential entrant enters when entry pays, not before its first month, and sells', async () => {
    const result = runScenario(await withEntrant(0), { seed: 1 });
    const selling = entered(result);
    expect(selling.length).toBeGreaterThan(0);
    expect(selling[0]!.date > '2023-06').toBe(true);
    const labs = result.market.map((row) => row.active_labs);
    expect(Math.max(...labs)).toBe(4);
    expect(labs[0]).toBe(3);
  });

  it('and stays out when the cost of entry exceeds what it expects to earn', async () => {
    const result = runScenario(await withEntrant(1e13), { seed: 1 });
    expect(entered(result)).toEqual([]);
    expect(
      result.agents.filter((row) => row.agent === 'entrant').every((r) => r.tokens === 0),
    ).toBe(true);
    expect(Math.max(...result.market.map((row) => row.active_labs))).toBe(3);
  });
});

describe('acquisition', () => {
  /** Anthropic burns through its cash with no round to come, months after its first release. */
  const failing = (opexUsdPerMonth: number) =>
    smallBaseline({
      months: 9,
      customers: 1_000,
      settings: [
        'agents.anthropic.cashUsd=1e9',
        `agents.anthropic.opexUsdPerMonth=${opexUsdPerMonth}`,
        'agents.anthropic.finance.reserveMonths=0',
        'finance.roundRevenueMultiple=0',
        'finance.roundMarketMultiple=0',
      ],
    });

  it('a failing lab whose models are worth more than its debts is bought by its partner, which then sells them; money is conserved', async () => {
    const simulation = new Simulation(await failing(1e8), { seed: 1 });
    const { context } = simulation;
    const anthropic = context.indexOf.get('anthropic')!;
    const aws = context.indexOf.get('aws')!;
    const start = simulation.world.agents.map((agent) => agent.cashUsd);
    const flows = new Float64Array(start.length);
    let sold = -1;
    while (!simulation.done) {
      const before = simulation.world;
      simulation.step();
      const world = simulation.world;
      const { ledger } = simulation.lastMonth!.accounts;
      let profit = 0;
      world.agents.forEach((_, a) => {
        profit += ledger.profitUsd(a);
        flows[a] = flows[a]! + ledger.profitUsd(a);
      });
      expect(Math.abs(profit - (ledger.spendUsd - ledger.resourceCostUsd))).toBeLessThanOrEqual(
        1e-9 * Math.max(1, ledger.spendUsd),
      );
      // Runs are paid at release and amortised by whoever developed the model that month.
      world.models.forEach((model, m) => {
        const d = before.models[m]?.developer ?? model.developer;
        if (model.releasedTick === world.tick) flows[d] = flows[d]! - model.trainingCostUsd;
        if (inMarket({ ...before, tick: world.tick }, d)) {
          flows[d] = flows[d]! + amortisationUsd(model, world.tick);
        }
      });
      if (sold < 0 && world.agents[anthropic]!.status === 'acquired') sold = world.tick;
    }
    expect(sold).toBeGreaterThan(0);
    expect(sold).toBeLessThan(simulation.tick - 1);
    const { world } = simulation;
    const target = world.agents[anthropic]!;
    const buyer = world.agents[aws]!;
    expect(target.status).toBe('acquired');
    expect(target.cashUsd).toBe(0);
    // The buyer paid for the models: the price and the target's cash are transfers.
    expect(buyer.transfersUsd).toBeLessThan(0);
    for (const agent of world.agents) {
      const expected =
        start[agent.index]! + flows[agent.index]! + agent.raisedUsd + agent.transfersUsd;
      const scale = Math.max(1, Math.abs(start[agent.index]!), Math.abs(agent.transfersUsd));
      expect(Math.abs(agent.cashUsd - expected), agent.id).toBeLessThanOrEqual(
        1e-9 * Math.max(scale, Math.abs(expected), agent.raisedUsd),
      );
    }
    // Its models are the buyer's now, on sale by it, and they sell; its product closed.
    const models = world.models.filter((model) => model.name.startsWith('anthropic-'));
    expect(models.length).toBeGreaterThan(0);
    expect(models.every((model) => model.developer === aws)).toBe(true);
    const offers = world.offers.filter(
      (offer) => offer.active && models.some((model) => model.index === offer.model),
    );
    expect(offers.length).toBeGreaterThan(0);
    expect(offers.every((offer) => offer.seller === aws && !offer.resale)).toBe(true);
    expect(offers.reduce((sum, offer) => sum + offer.tokensMTok, 0)).toBeGreaterThan(0);
    const rows = simulation.result().agents.filter((row) => row.agent === 'anthropic');
    expect(rows.at(-1)!.customers).toBe(0);
    expect(rows.slice(sold).every((row) => row.status === 'acquired')).toBe(true);
  });

  it('a failing lab whose debts exceed its models’ worth is not bought: it exits', async () => {
    const { agents } = runScenario(await failing(1e9), { seed: 1 });
    const rows = agents.filter((row) => row.agent === 'anthropic');
    expect(rows.some((row) => row.status === 'exited')).toBe(true);
    expect(rows.every((row) => row.status !== 'acquired')).toBe(true);
  });
});

describe('exit with nothing to sell', () => {
  it('a lab with no model on the market and no run it can afford leaves; one that can afford its run stays', async () => {
    const scenario = (cashUsd: number) =>
      smallBaseline({
        months: 6,
        customers: 500,
        settings: [
          `agents.anthropic.cashUsd=${cashUsd}`,
          'finance.roundRevenueMultiple=0',
          'finance.roundMarketMultiple=0',
        ],
      });
    const rows = async (cashUsd: number) =>
      runScenario(await scenario(cashUsd), { seed: 1 }).agents.filter(
        (row) => row.agent === 'anthropic',
      );
    const broke = await rows(0);
    expect(broke.every((row) => row.status === 'exited')).toBe(true);
    expect(broke.every((row) => row.tokens === 0)).toBe(true);
    const funded = await rows(1e9);
    expect(funded.every((row) => row.status === 'active')).toBe(true);
    expect(funded.at(-1)!.tokens).toBeGreaterThan(0);
  });
});
