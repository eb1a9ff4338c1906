/**
 * Where each loaded scenario came from: its file, the run options applied to it and the
 * scenario it extends. A problem found after loading (a `--set` path, a pricing strategy that
 * fails in the middle of a run, a run that leaves the physical bounds) lies in that file or
 * those options, and its message names them; a result records how the scenario differs from
 * the one it extends. The scenario itself stays plain data that a worker thread can be sent.
 */
import type { ScenarioLineage } from './differences.ts';

interface Origin {
  readonly file?: string;
  /** The run options applied, as typed: `--set demand.priceElasticity=5 --months 48`. */
  readonly options?: string;
  readonly lineage?: ScenarioLineage;
}

const origins = new WeakMap<object, Origin>();

/** Records that `scenario` came from `file` (as the user named it); returns the scenario. */
export function fromFile<T extends object>(scenario: T, file: string | undefined): T {
  if (file !== undefined) origins.set(scenario, { ...origins.get(scenario), file });
  return scenario;
}

/** The file `scenario` was loaded from, or undefined for one built in code. */
export function fileOf(scenario: object): string | undefined {
  return origins.get(scenario)?.file;
}

/** Records the run options applied to `scenario`, as typed; returns the scenario. */
export function withOptions<T extends object>(scenario: T, options: string): T {
  origins.set(scenario, { ...origins.get(scenario), ...(options === '' ? {} : { options }) });
  return scenario;
}

/**
 * Where a run of `scenario` comes from, as a message names it: `scenarios/baseline.ts: --set
 * demand.priceElasticity=50`, or just the file; undefined for a scenario built in code.
 */
export function runSourceOf(scenario: object): string | undefined {
  const origin = origins.get(scenario);
  if (origin?.file === undefined) return origin?.options;
  return origin.options === undefined ? origin.file : `${origin.file}: ${origin.options}`;
}

/** Records the scenario that `scenario` extends and how it differs; returns the scenario. */
export function withLineage<T extends object>(
  scenario: T,
  lineage: ScenarioLineage | undefined,
): T {
  if (lineage !== undefined) origins.set(scenario, { ...origins.get(scenario), lineage });
  return scenario;
}

/** The scenario `scenario` extends and how it differs, or undefined when it extends none. */
export function lineageOf(scenario: object): ScenarioLineage | undefined {
  return origins.get(scenario)?.lineage;
}

/** `derived` (a copy of `scenario` with run options applied) keeps its origin. */
export function sameOrigin<T extends object>(derived: T, scenario: object): T {
  const origin = origins.get(scenario);
  if (origin !== undefined && derived !== scenario) origins.set(derived, origin);
  return derived;
}
