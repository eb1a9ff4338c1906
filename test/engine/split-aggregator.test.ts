/**
 * No windfall from the number of agents: the baseline's aggregator split into two half-size apps
 * owned by different firms (test/fixtures/split-aggregator.ts) should not raise the aggregator
 * kind's share of tokens by more than 5 points.
 *
 * Not yet so, and measured where the claim can be seen: in the first three months, with both
 * apps at the baseline app's launch list price and the two runs not yet apart. Over 2025-2030
 * the two runs' markets diverge (release luck, funding, exits) and the kind's share moves by
 * -12 to +28 points between single and split over seeds 1-6 (1,000 customers): no seed-by-seed
 * verdict is possible there. In the first months the split raises the kind's share by 8 to 36
 * points (2,000 customers, seeds 1-5) at unchanged prices: both apps are built on the leading
 * lab's model and share its products' nest with the lab's own chat product, and within a nest
 * the choice is a logit, so a second copy of the app takes customers from the lab's product
 * (the red bus and blue bus, one level down). What a copy of an offer wins across nests is
 * under a point (test/model/nests.test.ts). The test states the claim and is marked as
 * failing: it turns red, and must be unmarked, when the model comes to meet it.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/engine/simulation.ts';
import type { RunResult } from '../../src/results/run-result.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { applyOverrides } from '../../src/scenario/overrides.ts';
import { loadBaseline } from '../helpers.ts';

const SPLIT_FILE = fileURLToPath(new URL('../fixtures/split-aggregator.ts', import.meta.url));
const RUN = { customers: 2_000, months: 3 };
const SEEDS = [1, 2];

/** The aggregator kind's share of the market's tokens over the run's months. */
function aggregatorShare(result: RunResult): number {
  const marketTokens = new Map(result.market.map((row) => [row.date, row.tokens]));
  let tokens = 0;
  for (const row of result.agents) {
    if (row.kind === 'aggregator') tokens += row.token_share * marketTokens.get(row.date)!;
  }
  return tokens / [...marketTokens.values()].reduce((sum, t) => sum + t, 0);
}

describe('splitting the aggregator into two competing apps', () => {
  it.fails("raises the kind's token share by less than 5 points at the apps' launch prices", async () => {
    const one = applyOverrides(await loadBaseline(), RUN);
    const two = applyOverrides(await loadScenario(SPLIT_FILE), RUN);
    for (const seed of SEEDS) {
      const single = aggregatorShare(runScenario(one, { seed }));
      const split = aggregatorShare(runScenario(two, { seed }));
      expect(split - single, `seed ${seed}`).toBeLessThan(0.05);
    }
  });
});
