import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/engine/simulation.ts';
import { marketRentalUsd, technologyAt } from '../../src/model/technology.ts';
import type { RunResult } from '../../src/results/run-result.ts';
import { smallBaseline } from '../helpers.ts';

/** The mean of a market.csv column over months [from, to). */
function meanOver(
  result: RunResult,
  column: 'compute_price' | 'utilisation',
  from: number,
  to: number,
) {
  const rows = result.market.slice(from, to);
  return rows.reduce((sum, row) => sum + row[column], 0) / rows.length;
}

describe('the compute market in a run', () => {
  it('rents dearer and runs hotter when capacity cannot keep up', async () => {
    const months = 24;
    const ample = runScenario(await smallBaseline({ months }), { seed: 2 });
    const short = runScenario(
      await smallBaseline({
        months,
        settings: ['compute.openingGrowthPerYear=0', 'compute.leadMonths=30'],
      }),
      { seed: 2 },
    );
    // Over the months a fleet without growth serves, before any order of the run arrives.
    expect(meanOver(short, 'compute_price', 6, months)).toBeGreaterThan(
      1.2 * meanOver(ample, 'compute_price', 6, months),
    );
    expect(meanOver(short, 'utilisation', 6, months)).toBeGreaterThan(
      meanOver(ample, 'utilisation', 6, months),
    );
    // Utilisation is the fleet's, at most 1; what the fleet could not serve was bought at spot.
    expect(short.market.every((row) => row.utilisation <= 1)).toBe(true);
    expect(short.market.slice(6).every((row) => row.spot_share > 0)).toBe(true);
    expect(short.market.slice(6).every((row) => row.spot_share < 1)).toBe(true);
  });

  it('rents at full cost when demand is elastic enough: the rental falls as the installed base gets cheaper', async () => {
    const scenario = await smallBaseline({
      months: 38,
      settings: ['compute.demandElasticity=1000'],
    });
    const result = runScenario(scenario, { seed: 3 });
    const hours = scenario.compute.acceleratorHoursPerUnit;
    // Closed form: with epsilon -> infinity the market clears at r = c_full whatever capacity.
    const fullCost = (tick: number) =>
      marketRentalUsd(scenario, technologyAt(scenario, tick), 1) / hours;
    for (const row of result.market.slice(1)) {
      expect(row.compute_price / fullCost(row.tick)).toBeCloseTo(1, 2);
    }
    const fall =
      meanOver(result, 'compute_price', 2, 14) / meanOver(result, 'compute_price', 26, 38);
    let early = 0;
    let late = 0;
    for (let tick = 2; tick < 14; tick++) early += fullCost(tick);
    for (let tick = 26; tick < 38; tick++) late += fullCost(tick);
    expect(fall).toBeCloseTo(early / late, 2);
  });

  it("keeps the chip vendor's gross margin, whatever the orders", async () => {
    const scenario = await smallBaseline({ months: 18 });
    const result = runScenario(scenario, { seed: 4 });
    const vendor = Object.entries(scenario.agents).find(([, spec]) => spec.kind === 'chip')!;
    const margin = (vendor[1] as { grossMargin: number }).grossMargin;
    const rows = result.agents.filter((row) => row.agent === vendor[0]);
    expect(rows.every((row) => row.revenue > 0)).toBe(true);
    for (const row of rows) expect(row.gross_margin).toBeCloseTo(margin, 12);
    // Its profit is the chip kind's surplus in market.csv.
    for (const row of result.market) {
      const profit = rows.find((agent) => agent.tick === row.tick)!.profit;
      expect(row.surplus.chip).toBe(profit);
    }
  });
});
