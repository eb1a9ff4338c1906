/**
 * Runs over several seeds, in this process. (Sweeps of many runs over worker threads live in
 * `sweep.ts`.) Seeds are 1..N, so that a batch's or a validation's run k is `aisim run --seed k`.
 */
import { runScenario } from '../engine/simulation.ts';
import type { RunResult } from '../results/run-result.ts';
import type { Scenario } from '../scenario/schema.ts';

/**
 * Told how many runs there are to do, then of each run as it is done: what a progress line
 * needs. Batches, validations and sweeps all report to one.
 */
export interface RunObserver {
  start(runs: number): void;
  run(): void;
}

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
