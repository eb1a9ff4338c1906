/**
 * Where in a sweep's inputs a condition holds: the share of runs in which it does, with its
 * Wilson interval, and PRIM's box of inputs in which it mostly does (prim.ts). Pure: the sweep's
 * columns in, the rows of discovery.json, discovery.csv and discovery-box.csv out
 * (results/discovery-files.ts). A run in which the condition is undefined (an outcome it reads
 * is undefined there, as a margin without revenue) is left out of both.
 *
 * @example
 * const condition = parseCondition('operating_margin_openai > 0.2', conditionNames(manifest));
 * conditionShare(condition, columns, manifest.runs).share; // { estimate: 0.43, low: 0.39, high: 0.47 }
 */
import type { SweepManifest } from '../execution/sweep-manifest.ts';
import type {
  BoxRow,
  ConditionShare,
  DiscoveryRecord,
  PrimSettings,
  TrajectoryRow,
} from '../results/discovery-files.ts';
import type { Condition } from './condition.ts';
import { PRIM_DEFAULTS, type PrimOptions, prim } from './prim.ts';
import { wilsonInterval95 } from './statistics.ts';

/** A sweep's columns by name: its inputs' parameter paths and its outcomes, a value per run. */
export type SweepColumns = ReadonlyMap<string, ArrayLike<number>>;

/** The names a condition on a sweep may read: its inputs' paths, then its outcomes. */
export function conditionNames(manifest: SweepManifest): string[] {
  return [...manifest.inputs.map((input) => input.path), ...manifest.outcomes];
}

/** In each run, whether the condition holds; undefined where it is undefined. */
export function conditionInRuns(
  condition: Condition,
  columns: SweepColumns,
  runs: number,
): (boolean | undefined)[] {
  return Array.from({ length: runs }, (_, run) =>
    condition.holds((name) => columns.get(name)?.[run] ?? Number.NaN),
  );
}

/** The share of runs in which the condition holds, of those in which it is defined. */
export function conditionShare(
  condition: Condition,
  columns: SweepColumns,
  runs: number,
): ConditionShare {
  return shareOf(condition.text, conditionInRuns(condition, columns, runs));
}

function shareOf(text: string, holds: readonly (boolean | undefined)[]): ConditionShare {
  const defined = holds.filter((value) => value !== undefined).length;
  const holding = holds.filter((value) => value === true).length;
  return {
    condition: text,
    runs: holds.length,
    defined,
    holding,
    share: wilsonInterval95(holding, defined),
  };
}

export interface Discovery {
  readonly record: DiscoveryRecord;
  readonly trajectory: readonly TrajectoryRow[];
  readonly box: readonly BoxRow[];
}

/**
 * PRIM over the sweep's inputs (`inputs`: their parameter paths, each a column of `columns`) for
 * the runs in which the condition is defined.
 */
export function discoverBox(
  condition: Condition,
  inputs: readonly string[],
  columns: SweepColumns,
  runs: number,
  options: PrimOptions = {},
): Discovery {
  const holds = conditionInRuns(condition, columns, runs);
  const kept = holds.flatMap((value, run) => (value === undefined ? [] : [run]));
  const found = prim(
    inputs.map((path) => Float64Array.from(kept, (run) => columns.get(path)![run]!)),
    kept.map((run) => holds[run] === true),
    options,
  );
  const settings: PrimSettings = {
    peelAlpha: options.peelAlpha ?? PRIM_DEFAULTS.peelAlpha,
    ...(options.pasteAlpha === undefined ? {} : { pasteAlpha: options.pasteAlpha }),
    massMin: options.massMin ?? PRIM_DEFAULTS.massMin,
    threshold: options.threshold ?? PRIM_DEFAULTS.threshold,
  };
  return {
    record: {
      kind: 'discovery',
      ...shareOf(condition.text, holds),
      method: 'prim',
      settings,
      chosenStep: found.chosen,
      reachesThreshold: found.reachesThreshold,
    },
    trajectory: found.trajectory.map((step, index) => ({
      step: index,
      phase: step.phase,
      runs: step.runs,
      holding: step.holding,
      coverage: step.coverage,
      density: step.density,
      mass: step.mass,
      restricted: step.restricted,
      chosen: index === found.chosen ? 'yes' : 'no',
    })),
    box: found.restrictions.map((restriction) => ({
      input: inputs[restriction.input]!,
      low: restriction.low,
      high: restriction.high,
      rangeLow: restriction.rangeLow,
      rangeHigh: restriction.rangeHigh,
      quasiPLow: restriction.quasiPLow,
      quasiPHigh: restriction.quasiPHigh,
    })),
  };
}
