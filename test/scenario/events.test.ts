import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/engine/simulation.ts';
import { withParameter } from '../../src/scenario/parameters.ts';
import type { Scenario, ScenarioEvent } from '../../src/scenario/schema.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { smallBaseline } from '../helpers.ts';

async function withEvents(events: unknown[], extra: (s: Scenario) => Scenario = (s) => s) {
  const base = extra(await smallBaseline());
  return validateScenario(withParameter(base, 'events', events as ScenarioEvent[]), 'events test');
}

const row = <T extends { date: string }>(rows: readonly T[], date: string): T =>
  rows.find((r) => r.date === date)!;

describe('shock timelines', () => {
  it('a surprise open-weight release lifts open capability to near the frontier that month', async () => {
    const quiet = runScenario(await smallBaseline(), { seed: 1 });
    const shocked = runScenario(
      await withEvents([
        { kind: 'open-weight-release', date: '2024-03', agent: 'mistral', gapPoints: 5 },
      ]),
      { seed: 1 },
    );
    expect(row(quiet.market, '2024-02')).toEqual(row(shocked.market, '2024-02'));
    const gap = (result: typeof quiet) => row(result.market, '2024-03').open_gap_pct;
    expect(gap(shocked)).toBeLessThan(gap(quiet) - 3);
  });

  it('a price cut lowers the seller’s prices that month', async () => {
    const quiet = runScenario(await smallBaseline(), { seed: 1 });
    const cut = runScenario(
      await withEvents([{ kind: 'price-cut', date: '2024-01', agent: 'openai', factor: 0.5 }]),
      {
        seed: 1,
      },
    );
    const price = (result: typeof quiet) =>
      result.agents.find((r) => r.date === '2024-01' && r.agent === 'openai')!.price;
    expect(price(cut)).toBeCloseTo(price(quiet) * 0.5, 9);
  });

  it('a compute shortage raises serving costs and prices while it lasts, and only then', async () => {
    const quiet = runScenario(await smallBaseline(), { seed: 2 });
    const short = runScenario(
      await withEvents([
        { kind: 'compute-shortage', date: '2024-06', months: 3, costMultiplier: 3 },
      ]),
      { seed: 2 },
    );
    const price = (result: typeof quiet, date: string) => row(result.market, date).prices.gpt35!;
    expect(price(short, '2024-05')).toBe(price(quiet, '2024-05'));
    expect(price(short, '2024-06')).toBeGreaterThan(1.5 * price(quiet, '2024-06'));
  });

  it('a regulation that raises switching costs cuts the switches that follow', async () => {
    const total = (result: ReturnType<typeof runScenario>) =>
      result.market.filter((r) => r.date >= '2024-01').reduce((sum, r) => sum + r.switches, 0);
    const quiet = runScenario(await smallBaseline(), { seed: 3 });
    const regulated = runScenario(
      await withEvents([{ kind: 'switching-cost-regulation', date: '2024-01', multiplier: 20 }]),
      { seed: 3 },
    );
    expect(total(regulated)).toBeLessThan(total(quiet) / 2);
  });

  it('an entrant sells nothing and spends nothing before its entry month', async () => {
    const scenario = await withEvents([{ kind: 'entry', date: '2024-06', agent: 'apps' }]);
    const result = runScenario(scenario, { seed: 4 });
    const entrant = result.agents.filter((r) => r.agent === 'apps');
    for (const r of entrant.filter((r) => r.date < '2024-06')) {
      expect([r.tokens, r.revenue, r.fixed_cost]).toEqual([0, 0, 0]);
    }
    expect(entrant.filter((r) => r.date >= '2024-07').some((r) => r.tokens > 0)).toBe(true);
  });

  it('an event naming an agent the scenario lacks is refused, naming the event', async () => {
    await expect(
      withEvents([{ kind: 'price-cut', date: '2024-01', agent: 'nobody', factor: 0.5 }]),
    ).rejects.toThrow(/events\.0\.agent/);
  });
});
