/**
 * A sweep's plan: which inputs vary and how (the scenario's `uncertain` distributions), the
 * design that places the runs in the unit hypercube, and each run's input values and seed. The
 * plan is plain data that sweep.json stores, and everything else (the design matrix, any run's
 * inputs) is regenerated from it, so one run can be re-run alone and a sensitivity analysis
 * needs only sweep.json and runs.csv.
 *
 * What `--runs` means depends on the design (docs/sweeps.md):
 *   random, lhs  runs                                      (N runs)
 *   sobol        Saltelli base rows N                      (N (d + 2) runs)
 *   morris       trajectories r                            (r (d + 1) runs)
 *   grid         levels per input L                        (L^d runs)
 *
 * @example
 * const plan = planSweep(scenario, { design: 'sobol', size: 256, masterSeed: 1 });
 * const design = buildDesign(plan);               // plan.runs points in (0, 1)^d
 * runInputs(plan, design, 17);                    // { run: 17, seed: ..., values: [...] }
 */

import { InputError } from '../errors.ts';
import { type Distribution, quantile } from '../math/distributions.ts';
import { fileOf } from '../scenario/files.ts';
import { withParameter, withParameters } from '../scenario/parameters.ts';
import type { Scenario } from '../scenario/schema.ts';
import { validateScenario } from '../scenario/validate.ts';
import type { DesignName } from './names.ts';
import { gridDesign } from './sample/grid.ts';
import { latinHypercubeDesign } from './sample/latin-hypercube.ts';
import { type MorrisDesign, morrisDesign } from './sample/morris.ts';
import { randomDesign } from './sample/random.ts';
import {
  SOBOL_MAX_DIMENSIONS,
  saltelliDesign,
  saltelliRunCount,
  saltelliRuns,
} from './sample/sobol.ts';
import { designStream, runSeed } from './seeds.ts';

export { DESIGN_NAMES, type DesignName } from './names.ts';

/** The design and its parameters, as sweep.json stores them. */
export type DesignSpec =
  | { readonly name: 'random'; readonly runs: number }
  | { readonly name: 'lhs'; readonly runs: number }
  /** Saltelli's A, B, AB_i scheme on a Sobol' sequence that skips its first `skip` points. */
  | { readonly name: 'sobol'; readonly baseRows: number; readonly skip: number }
  | { readonly name: 'morris'; readonly trajectories: number; readonly levels: number }
  | { readonly name: 'grid'; readonly levels: number };

export interface UncertainInput {
  readonly path: string;
  readonly distribution: Distribution;
}

export interface SweepPlan {
  readonly masterSeed: number;
  /** SHA-256 of the resolved scenario (seeds.ts). */
  readonly contentHash: string;
  /**
   * The hash the run seeds and the design's draws derive from when it is another sweep's
   * (`--pair-with`): the two sweeps then run the same seeds on the same inputs, and compare
   * pairs them run by run. Absent: `contentHash`.
   */
  readonly seedHash?: string;
  readonly design: DesignSpec;
  /** The uncertain inputs, in the order of the design's columns: sorted by path. */
  readonly inputs: readonly UncertainInput[];
  /** Runs in the whole sweep. */
  readonly runs: number;
}

/** Levels of a Morris grid. */
export const MORRIS_LEVELS = 4;
/** More runs than this is a typing mistake, not a sweep (runs.csv would pass 1 TB). */
export const MAX_RUNS = 10_000_000;

/** The scenario's uncertain inputs, sorted by path so that the design is a function of content. */
export function uncertainInputs(scenario: Scenario): UncertainInput[] {
  return Object.keys(scenario.uncertain)
    .sort()
    .map((path) => ({ path, distribution: scenario.uncertain[path] as Distribution }));
}

export interface PlanRequest {
  readonly design: DesignName;
  /** The `--runs` value: its meaning depends on the design (see the file comment). */
  readonly size: number;
  readonly masterSeed: number;
  readonly contentHash: string;
  /** Another sweep's seed hash, to run its seeds and inputs (see SweepPlan). */
  readonly seedHash?: string;
}

/** Checks the request against the scenario's inputs; an impossible one is an InputError. */
export function planSweep(scenario: Scenario, request: PlanRequest): SweepPlan {
  const inputs = uncertainInputs(scenario);
  const d = inputs.length;
  const { size } = request;
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new InputError('--runs', '', 'expected a whole number, 1 or more', size);
  }
  // Only `random` runs without uncertain inputs, on purpose: a Monte Carlo over seeds alone.
  // Every other design places runs among the inputs, and without any would say nothing.
  const needInputs = (name: DesignName) => {
    if (d === 0) {
      throw new InputError(
        fileOf(scenario) ?? '--design',
        'uncertain',
        `declares no uncertain inputs, and a ${name} design varies them: add uncertain: { 'path': uniform(low, high) } to the scenario, or use --design random for runs that differ by seed alone`,
      );
    }
  };
  let design: DesignSpec;
  let runs: number;
  switch (request.design) {
    case 'lhs':
      needInputs('lhs');
      design = { name: request.design, runs: size };
      runs = size;
      break;
    case 'random':
      design = { name: request.design, runs: size };
      runs = size;
      break;
    case 'sobol': {
      needInputs('sobol');
      if (2 * d > SOBOL_MAX_DIMENSIONS) {
        throw new InputError(
          '--design',
          '',
          `sobol takes at most ${SOBOL_MAX_DIMENSIONS / 2} inputs`,
          d,
        );
      }
      if (size < 2) {
        throw new InputError('--runs', '', 'a sobol design needs at least 2 base rows', size);
      }
      design = { name: 'sobol', baseRows: size, skip: 2 ** Math.ceil(Math.log2(size)) };
      runs = saltelliRunCount(size, d);
      break;
    }
    case 'morris':
      needInputs('morris');
      design = { name: 'morris', trajectories: size, levels: MORRIS_LEVELS };
      runs = size * (d + 1);
      break;
    case 'grid':
      needInputs('grid');
      design = { name: 'grid', levels: size };
      runs = size ** d;
      break;
  }
  if (runs > MAX_RUNS) {
    throw new InputError('--runs', '', `gives ${runs} runs, more than ${MAX_RUNS}`, size);
  }
  return {
    masterSeed: request.masterSeed,
    contentHash: request.contentHash,
    ...(request.seedHash === undefined ? {} : { seedHash: request.seedHash }),
    design,
    inputs,
    runs,
  };
}

/** The hash a plan's run seeds and design draws derive from: its own, or a paired sweep's. */
export function seedHashOf(plan: SweepPlan): string {
  return plan.seedHash ?? plan.contentHash;
}

/** The design's points, one per run in run order, each a Float64Array of d values in (0, 1). */
export interface SweepDesign {
  readonly points: readonly Float64Array[];
  /** The Morris design behind the points, for elementary effects. */
  readonly morris?: MorrisDesign;
}

/** Regenerates the design matrix from the plan: the same plan gives the same points. */
export function buildDesign(plan: SweepPlan): SweepDesign {
  const d = plan.inputs.length;
  const { design } = plan;
  const stream = designStream(plan.masterSeed, seedHashOf(plan));
  switch (design.name) {
    case 'random':
    case 'lhs':
      // Without uncertain inputs a sweep is a Monte Carlo over seeds alone.
      if (d === 0)
        return { points: Array.from({ length: design.runs }, () => new Float64Array(0)) };
      return {
        points:
          design.name === 'random'
            ? randomDesign(design.runs, d, stream)
            : latinHypercubeDesign(design.runs, d, stream),
      };
    case 'sobol':
      return { points: saltelliRuns(saltelliDesign(design.baseRows, d, { skip: design.skip })) };
    case 'morris': {
      const morris = morrisDesign(design.trajectories, d, stream, { levels: design.levels });
      return { points: morris.points, morris };
    }
    case 'grid':
      return { points: gridDesign(design.levels, d) };
  }
}

/** What one run needs: its index, its seed and the value of each uncertain input. */
export interface RunInputs {
  readonly run: number;
  readonly seed: number;
  readonly values: number[];
}

export function runInputs(plan: SweepPlan, design: SweepDesign, run: number): RunInputs {
  const point = design.points[run];
  if (point === undefined) throw new RangeError(`no run ${run} in a sweep of ${plan.runs}`);
  return {
    run,
    seed: runSeed(plan.masterSeed, seedHashOf(plan), run),
    values: plan.inputs.map((input, column) => quantile(input.distribution, point[column]!)),
  };
}

/** The scenario with each input set to its value, validated (`source` names the run in errors). */
export function sampledScenario(
  scenario: Scenario,
  inputs: readonly UncertainInput[],
  values: readonly number[],
  source: string,
): Scenario {
  if (inputs.length === 0) return scenario;
  const sampled = withParameters(
    scenario,
    inputs.map((input, column) => [input.path, values[column]] as const),
  );
  return validateScenario(sampled, source);
}

/**
 * Checks, before anything runs, that every input's lowest and highest value in the design is a
 * valid value of its parameter (other inputs at the scenario's values): a distribution that
 * reaches outside its parameter's range, say a normal elasticity that goes negative, is an
 * InputError now rather than a failed run an hour in.
 */
export function checkInputRanges(
  scenario: Scenario,
  plan: SweepPlan,
  design: SweepDesign,
  source: string,
): void {
  plan.inputs.forEach((input, column) => {
    let lowest = Number.POSITIVE_INFINITY;
    let highest = Number.NEGATIVE_INFINITY;
    for (const point of design.points) {
      const u = point[column]!;
      if (u < lowest) lowest = u;
      if (u > highest) highest = u;
    }
    if (!Number.isFinite(lowest)) return;
    for (const u of lowest === highest ? [lowest] : [lowest, highest]) {
      const value = quantile(input.distribution, u);
      validateScenario(withParameter(scenario, input.path, value), `${source}: uncertain input`);
    }
  });
}
