/**
 * No windfall from the number of agents: the baseline's aggregator split into two half-size apps
 * owned by different firms (test/fixtures/split-aggregator.ts) should not raise the aggregator
 * kind's share of tokens by more than 5 points, and the two apps should compete.
 *
 * The share is measured where the claim can be seen: in the first three months, with every list
 * price held at launch (no Calvo revision), so that both apps sell at the baseline app's $20 and
 * the two runs are not yet apart. Over 2025-2030 the runs' markets diverge (release luck,
 * funding, exits) and no seed-by-seed verdict is possible; and with the baseline's revisions a
 * month-0 draw that revises one app's price and not the other's moves the kind's share by up to
 * 35 points either way, which is luck in the price path, not the number of agents.
 *
 * Both apps are built on the leading lab's model and share its products' nest with the lab's own
 * chat product. With one level of nests the choice within a nest is a logit, so a second copy of
 * the app took customers from the lab's product (the split raised the kind's share by 8 to 11
 * points, seeds 1-5, 2,000 customers). The apps now form a sub-nest of the nest, the family's
 * third-party apps, with correlation rho_2 = 0.99 (docs/MODEL.md, "Sub-nests"): a second copy
 * mostly divides the apps' part of the nest, and the rise is under 3 points in seeds 1-5.
 *
 * After the launch months the apps reprice, and two of them compete: the kind's gross margin
 * over months 13-24 falls below the single app's.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/engine/simulation.ts';
import type { RunResult } from '../../src/results/run-result.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { applyOverrides } from '../../src/scenario/overrides.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { loadBaseline } from '../helpers.ts';

const SPLIT_FILE = fileURLToPath(new URL('../fixtures/split-aggregator.ts', import.meta.url));
const LAUNCH = { customers: 2_000, months: 3 };
const LATER = { customers: 1_000, months: 24 };
const SEEDS = [1, 2];

/** The scenario with every list price held: a Calvo revision chance too small to draw. */
function pricesHeld(scenario: Scenario): Scenario {
  return { ...scenario, listPrices: { revisionPerMonth: 1e-12 } };
}

/** The aggregator kind's share of the market's tokens over the run's months. */
function aggregatorShare(result: RunResult): number {
  const marketTokens = new Map(result.market.map((row) => [row.date, row.tokens]));
  let tokens = 0;
  for (const row of result.agents) {
    if (row.kind === 'aggregator') tokens += row.token_share * marketTokens.get(row.date)!;
  }
  return tokens / [...marketTokens.values()].reduce((sum, t) => sum + t, 0);
}

/** The aggregator kind's gross margin over months `from` to `to` (ticks), revenue-weighted. */
function aggregatorMargin(result: RunResult, from: number, to: number): number {
  let revenue = 0;
  let variableCost = 0;
  for (const row of result.agents) {
    if (row.kind !== 'aggregator' || row.tick < from || row.tick > to) continue;
    revenue += row.revenue;
    variableCost += row.variable_cost;
  }
  return (revenue - variableCost) / revenue;
}

describe('splitting the aggregator into two competing apps', () => {
  it("raises the kind's token share by less than 5 points at the apps' launch prices", async () => {
    const one = pricesHeld(applyOverrides(await loadBaseline(), LAUNCH));
    const two = pricesHeld(applyOverrides(await loadScenario(SPLIT_FILE), LAUNCH));
    for (const seed of SEEDS) {
      const single = aggregatorShare(runScenario(one, { seed }));
      const split = aggregatorShare(runScenario(two, { seed }));
      expect(split - single, `seed ${seed}`).toBeLessThan(0.05);
    }
  });

  it("lowers the kind's gross margin after the launch months: the two apps compete", async () => {
    const one = applyOverrides(await loadBaseline(), LATER);
    const two = applyOverrides(await loadScenario(SPLIT_FILE), LATER);
    for (const seed of SEEDS) {
      const single = aggregatorMargin(runScenario(one, { seed }), 12, 23);
      const split = aggregatorMargin(runScenario(two, { seed }), 12, 23);
      expect(split, `seed ${seed}`).toBeLessThan(single);
    }
  });
});
