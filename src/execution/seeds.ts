/**
 * Runs over several seeds, in this process. (Sweeps of many runs over worker threads live in
 * `sweep.ts`.) Seeds are 1..N, so that a batch's or a validation's run k is `aisim run --seed k`.
 */
import { runScenario } from '../engine/simulation.ts';
import type { RunResult } from '../results/run-result.ts';
import type { Scenario } from '../scenario/schema.ts';

export function seedList(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index + 1);
}

export function runSeeds(
  scenario: Scenario,
  seeds: readonly number[],
  onRun?: (done: number) => void,
): RunResult[] {
  return seeds.map((seed, index) => {
    const result = runScenario(scenario, { seed });
    onRun?.(index + 1);
    return result;
  });
}
