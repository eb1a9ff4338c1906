import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/engine/simulation.ts';
import { runFiles } from '../../src/output/write-run.ts';
import { smallBaseline } from '../helpers.ts';

describe('a run is a pure function of (scenario, seed)', () => {
  it('same seed: identical bytes in all four files', async () => {
    const scenario = await smallBaseline();
    const first = await runFiles(runScenario(scenario, { seed: 7 }), { file: 'baseline.ts' });
    const second = await runFiles(runScenario(scenario, { seed: 7 }), { file: 'baseline.ts' });
    expect(Object.keys(first).sort()).toEqual([
      'agents.csv',
      'market.csv',
      'run.json',
      'summary.csv',
    ]);
    for (const name of Object.keys(first)) expect(second[name], name).toBe(first[name]);
  });

  it('another seed: a different market.csv', async () => {
    const scenario = await smallBaseline();
    const one = await runFiles(runScenario(scenario, { seed: 1 }), { file: 'baseline.ts' });
    const two = await runFiles(runScenario(scenario, { seed: 2 }), { file: 'baseline.ts' });
    expect(two['market.csv']).not.toBe(one['market.csv']);
  });
});
