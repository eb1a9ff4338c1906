import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/engine/simulation.ts';
import type { RunResult } from '../../src/results/run-result.ts';
import { smallBaseline } from '../helpers.ts';

/** Google's flagship capability in the run's last month, points. */
async function googleAtEnd(settings: string[]): Promise<{ result: RunResult; capability: number }> {
  const scenario = await smallBaseline({ months: 48, settings });
  const result = runScenario(scenario, { seed: 3 });
  const last = result.agents.filter((row) => row.agent === 'google').at(-1)!;
  return { result, capability: last.capability };
}

describe('a follower lab closing its research gap', () => {
  const fixed = [
    'agents.google.researchGapPoints=160',
    'agents.google.researchGapShrinkPointsPerYear=0',
  ];
  const closing = [
    'agents.google.researchGapPoints=160',
    'agents.google.researchGapShrinkPointsPerYear=80',
  ];

  it('releases closer to the frontier each year, and changes nothing before its first release', async () => {
    const stuck = await googleAtEnd(fixed);
    const catching = await googleAtEnd(closing);
    // After four years the gap has closed entirely: 160 points, give or take release noise.
    expect(catching.capability - stuck.capability).toBeGreaterThan(120);
    const early = (result: RunResult) => result.market.filter((row) => row.date < '2023-07');
    expect(early(catching.result)).toEqual(early(stuck.result));
  });

  it('stops at its floor', async () => {
    const open = await googleAtEnd(closing);
    const floored = await googleAtEnd([...closing, 'agents.google.minResearchGapPoints=60']);
    const shortfall = open.capability - floored.capability;
    expect(shortfall).toBeGreaterThan(30);
    expect(shortfall).toBeLessThan(90);
  });
});
