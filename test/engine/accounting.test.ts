import { describe, expect, it } from 'vitest';
import { runScenario, Simulation } from '../../src/engine/simulation.ts';
import { NO_OFFER, segmentWeights } from '../../src/model/population.ts';
import { AGENT_KINDS } from '../../src/scenario/schema.ts';
import { smallBaseline } from '../helpers.ts';

const RELATIVE = 1e-9;

function expectClose(actual: number, expected: number, scale: number, label: string) {
  expect(Math.abs(actual - expected), label).toBeLessThanOrEqual(RELATIVE * Math.max(1, scale));
}

describe('accounting', () => {
  it('money is conserved every month: profits are what customers pay less real resource costs', async () => {
    const simulation = new Simulation(await smallBaseline(), { seed: 3 });
    const chip = simulation.world.agents.findIndex((agent) => agent.kind === 'chip');
    expect(chip).toBeGreaterThanOrEqual(0);
    while (!simulation.done) {
      simulation.step();
      const { ledger, servedMTok } = simulation.lastMonth!.accounts;
      const { market, volumes } = simulation.lastMonth!;
      const date = simulation.world.date;
      // Retail spend, recomputed from volumes and prices, is what the ledger booked from customers.
      let spend = 0;
      for (let k = 0; k < market.slots; k++) spend += volumes.tokensMTok[k]! * market.price[k]!;
      expectClose(ledger.spendUsd, spend, spend, `spend ${date}`);
      // Every agent's revenue is either customers' money or another agent's cost.
      let revenue = 0;
      let costs = 0;
      let profit = 0;
      simulation.world.agents.forEach((_, a) => {
        revenue += ledger.revenueUsd[a]!;
        costs += ledger.variableCostUsd[a]! + ledger.fixedCostUsd[a]!;
        profit += ledger.profitUsd(a);
      });
      const scale = Math.max(spend, ledger.resourceCostUsd);
      expectClose(revenue, spend + ledger.interAgentUsd, scale, `revenue ${date}`);
      expectClose(costs, ledger.interAgentUsd + ledger.resourceCostUsd, scale, `costs ${date}`);
      expectClose(profit, spend - ledger.resourceCostUsd, scale, `profit ${date}`);
      expect(servedMTok.every(Number.isFinite)).toBe(true);
      // The chip vendor is in these books: the owners pay it the depreciation of what it sold.
      expect(ledger.revenueUsd[chip]).toBeGreaterThan(0);
    }
  });

  it('the written rows agree: agents.csv profits add up to market.csv spend less resource cost', async () => {
    const result = runScenario(await smallBaseline(), { seed: 4 });
    for (const row of result.market) {
      const agents = result.agents.filter((agent) => agent.tick === row.tick);
      const profit = agents.reduce((sum, agent) => sum + agent.profit, 0);
      const byKind = AGENT_KINDS.reduce((sum, kind) => sum + row.surplus[kind], 0);
      expectClose(profit, row.spend - row.resource_cost, row.spend, `tick ${row.tick}`);
      expectClose(byKind, profit, row.spend, `surplus by kind, tick ${row.tick}`);
    }
  });

  it('surplus shares sum to 1: consumers and every producer kind', async () => {
    const result = runScenario(await smallBaseline(), { seed: 5 });
    const shares = result.summary.filter((row) => row.scope !== 'agent');
    expect(shares.map((row) => row.name)).toContain('consumers');
    const total = shares.reduce((sum, row) => sum + row.surplus_share, 0);
    expect(total).toBeCloseTo(1, 12);
    const agents = result.summary.filter((row) => row.scope === 'agent');
    const consumers = shares.find((row) => row.scope === 'consumers')!.surplus_share;
    expect(agents.reduce((sum, row) => sum + row.surplus_share, 0) + consumers).toBeCloseTo(1, 12);
  });
});

describe('customers', () => {
  it('a customer holds only offers it can use, and spends only when its menu is within its willingness to pay', async () => {
    const simulation = new Simulation(await smallBaseline(), { seed: 6 });
    const { population } = simulation;
    const { scenario } = simulation.context;
    const { priceElasticity: eta, saturationPriceUsdPerMTok: a } = scenario.demand;
    let purchases = 0;
    let choked = 0;
    const unusable: string[] = [];
    while (!simulation.done) {
      simulation.step();
      const { market, volumes } = simulation.lastMonth!;
      const date = simulation.world.date;
      const weights = segmentWeights(scenario, population, simulation.world.technology.years);
      // Spend, customer by customer: G D (P + a)^-eta P for a holder whose index P <= w.
      let expected = 0;
      for (let i = 0; i < population.size; i++) {
        const need = population.requirement[i]! + market.requirementShift;
        for (const offer of [population.primary[i]!, population.secondary[i]!]) {
          if (offer === NO_OFFER) continue;
          purchases += 1;
          if (!(market.heldCapability[offer + 1]! >= need)) {
            unusable.push(`${date} customer ${i} holds offer ${offer}`);
          }
        }
        if (population.primary[i] === NO_OFFER) continue;
        let cutoff = 0;
        while (cutoff < market.slots && market.capabilityDescending[cutoff]! >= need) cutoff++;
        const index = market.menus.priceIndex[market.menus.row(population.tasteGroup[i]!, cutoff)]!;
        if (index > population.willingnessToPay[i]!) {
          choked += 1;
          continue;
        }
        const s = population.segment[i]!;
        const scale = weights[s]! * market.volumeMultiplier[s]! * population.demandScale[i]!;
        expected += scale * (index + a) ** -eta * index;
      }
      let spend = 0;
      for (let k = 0; k < market.slots; k++) spend += volumes.tokensMTok[k]! * market.price[k]!;
      expectClose(spend, expected, expected, `spend ${date}`);
    }
    expect(purchases).toBeGreaterThan(population.size);
    expect(choked, 'holders whose menu is above their willingness to pay').toBeGreaterThan(0);
    expect(unusable).toEqual([]);
  });

  it('higher switching costs give fewer switches', async () => {
    const switches = async (median: number) => {
      const settings = ['consumer', 'developer', 'enterprise'].map(
        (segment) => `demand.segments.${segment}.switchingCostPerSpendMonth.median=${median}`,
      );
      let total = 0;
      for (const seed of [1, 2, 3]) {
        const result = runScenario(await smallBaseline({ settings }), { seed });
        total += result.market.reduce((sum, row) => sum + row.switches, 0);
      }
      return total;
    };
    const cheap = await switches(0.001);
    const dear = await switches(100);
    expect(cheap).toBeGreaterThan(0);
    expect(dear).toBeLessThan(cheap / 2);
  });
});
