/**
 * Leadership is decided by the model, not fixed: over 20 runs of the uncertain baseline (a Latin
 * hypercube over its inputs, funding and the scaling law's slope and luck among them), the lab
 * that led enterprises' API spending in 2023 no longer leads it in 2027 in some runs and still
 * does in others (issue: between 10 % and 90 % of the runs). The runs stop at the end of 2027.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildDesign, planSweep, runInputs, sampledScenario } from '../../src/design/plan.ts';
import { runScenario } from '../../src/engine/simulation.ts';
import { monthsBetween } from '../../src/math/calendar.ts';
import type { RunResult } from '../../src/results/run-result.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { applyOverrides } from '../../src/scenario/overrides.ts';

const UNCERTAIN_FILE = fileURLToPath(
  new URL('../../scenarios/sweeps/uncertain-baseline.ts', import.meta.url),
);
const RUNS = 20;

/** The agent with the largest mean enterprise API share over a year's months. */
function enterpriseLeader(result: RunResult, year: number): string {
  const totals = new Map<string, number>();
  for (const row of result.agents) {
    if (!row.date.startsWith(`${year}-`) || !Number.isFinite(row.enterprise_api_share)) continue;
    totals.set(row.agent, (totals.get(row.agent) ?? 0) + row.enterprise_api_share);
  }
  return [...totals].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
}

describe('who leads the enterprise market', () => {
  it('changes between 2023 and 2027 in at least 10 % and at most 90 % of 20 uncertain runs', async () => {
    const uncertain = await loadScenario(UNCERTAIN_FILE);
    const scenario = applyOverrides(uncertain, {
      months: monthsBetween(uncertain.start, '2027-12') + 1,
    });
    const plan = planSweep(scenario, {
      design: 'lhs',
      size: RUNS,
      masterSeed: 1,
      contentHash: 'leadership',
    });
    const design = buildDesign(plan);
    let changed = 0;
    for (let run = 0; run < RUNS; run++) {
      const inputs = runInputs(plan, design, run);
      const sampled = sampledScenario(scenario, plan.inputs, inputs.values, `run ${run}`);
      const result = runScenario(sampled, { seed: inputs.seed });
      if (enterpriseLeader(result, 2023) !== enterpriseLeader(result, 2027)) changed += 1;
    }
    expect(changed).toBeGreaterThanOrEqual(0.1 * RUNS);
    expect(changed).toBeLessThanOrEqual(0.9 * RUNS);
  });
});
