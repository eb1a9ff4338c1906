/**
 * One worker thread of a sweep: it gets the scenario once (a copy of the main thread's, or from
 * its file when it cannot be copied), then for each task sets the run's sampled inputs, runs it
 * and sends back only its outcomes (a few dozen numbers, not the whole RunResult), so that a run
 * costs the simulation and little else.
 */
import { workerData } from 'node:worker_threads';
import { sampledScenario, type UncertainInput } from '../design/plan.ts';
import { contentHash } from '../design/seeds.ts';
import { runScenario } from '../engine/simulation.ts';
import { InputError, showValue } from '../errors.ts';
import type { Window } from '../results/batch-files.ts';
import { outcomeValues } from '../results/outcomes.ts';
import { loadScenario } from '../scenario/load.ts';
import { applyOverrides, type RunOverrides } from '../scenario/overrides.ts';
import { PricingError } from '../scenario/pricing-error.ts';
import { RunError } from '../scenario/run-error.ts';
import type { Scenario } from '../scenario/schema.ts';

/** What every task of a sweep shares, passed once when the worker starts. */
export interface SweepWorkerData {
  /** The scenario file, an absolute path. */
  readonly file: string;
  /**
   * The scenario itself, loaded and with the run options applied, when it can be copied to a
   * worker (it holds no functions): the worker then need not load the file again.
   */
  readonly scenario?: Scenario;
  readonly overrides: RunOverrides;
  /** The months the outcomes cover. */
  readonly window: Window;
  readonly inputs: readonly UncertainInput[];
  readonly contentHash: string;
}

export interface SweepTask {
  readonly run: number;
  readonly seed: number;
  readonly values: readonly number[];
}

/** The run's outcomes, or the problem with its sampled inputs (an InputError's parts). */
export type SweepTaskResult =
  | { readonly outcomes: number[] }
  | {
      readonly problem: {
        readonly source: string;
        readonly field: string;
        readonly problem: string;
        readonly value: unknown;
      };
    };

let prepared: Promise<Scenario> | undefined;

async function prepare(data: SweepWorkerData): Promise<Scenario> {
  const scenario = applyOverrides(await loadScenario(data.file), data.overrides);
  const hash = contentHash(scenario);
  if (hash !== data.contentHash) {
    throw new InputError(
      data.file,
      '',
      `changed since the sweep started (content hash ${hash.slice(0, 12)}, sweep has ${data.contentHash.slice(0, 12)}): restore it and --resume`,
    );
  }
  return scenario;
}

export default async function runSweepTask(task: SweepTask): Promise<SweepTaskResult> {
  const data = workerData as SweepWorkerData;
  prepared ??= data.scenario ? Promise.resolve(data.scenario) : prepare(data);
  let sampled: Scenario;
  try {
    sampled = sampledScenario(await prepared, data.inputs, task.values, `run ${task.run}`);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const { source, field, problem, value } = error;
    return { problem: { source, field, problem, value } };
  }
  try {
    const result = runScenario(sampled, { seed: task.seed });
    return { outcomes: outcomeValues(sampled, result, data.window) };
  } catch (error) {
    // A pricing strategy of the file's that fails, or a run that leaves the physical bounds, is
    // bad input; the main thread names the file and the run, this thread the run's seed.
    if (!(error instanceof RunError)) throw error;
    const { problem, value } = error;
    const field = error instanceof PricingError ? error.field : `seed ${task.seed}`;
    return { problem: { source: '', field, problem, value: cloneable(value) } };
  }
}

/** The value itself if it can cross to the main thread, else its rendering (a function). */
function cloneable(value: unknown): unknown {
  try {
    structuredClone(value);
    return value;
  } catch {
    return showValue(value);
  }
}
