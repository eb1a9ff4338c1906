/**
 * What a result assumed, as run.json, batch.json and sweep.json record it: the run options the
 * user gave (`--set`, `--customers`, `--months`; a window where the command has one; a sweep's
 * run with its sampled inputs), and how each scenario differs from the scenario it extends
 * (computed by scenario/differences.ts). Readers take these fields leniently: a record written
 * before they existed has none.
 */
import type { ParameterDifference, ScenarioLineage } from '../scenario/differences.ts';
import type { RunOverrides } from '../scenario/overrides.ts';

/** The run options a user gave, as run.json's and sweep.json's `options` record them. */
export interface RunOptionsRecord {
  /** `--set path=value`, in the order given. */
  readonly settings: readonly string[];
  readonly customers?: number;
  readonly months?: number;
}

/** The record of `overrides`: only the options given. */
export function runOptionsRecord(overrides: RunOverrides): RunOptionsRecord {
  return {
    settings: [...(overrides.settings ?? [])],
    ...(overrides.customers === undefined ? {} : { customers: overrides.customers }),
    ...(overrides.months === undefined ? {} : { months: overrides.months }),
  };
}

/** A run of a sweep run again alone (`aisim run --from-sweep`): its index and sampled inputs. */
export interface SweepRunRecord {
  readonly run: number;
  /** Each uncertain input's value in this run, by parameter path, in the sweep's order. */
  readonly inputs: Readonly<Record<string, number>>;
}

/** The fields a record gets for a scenario's lineage: none when it extends no scenario. */
export function lineageFields(lineage: ScenarioLineage | undefined): {
  extends?: string;
  differences?: readonly ParameterDifference[];
} {
  return lineage === undefined
    ? {}
    : { extends: lineage.extends, differences: lineage.differences };
}

/** `options` of a record, or undefined when it has none (a record of an older version). */
export function readRunOptions(value: unknown): RunOptionsRecord | undefined {
  if (!isRecord(value) || !Array.isArray(value.settings)) return undefined;
  const count = (field: unknown) => (typeof field === 'number' ? field : undefined);
  const customers = count(value.customers);
  const months = count(value.months);
  return {
    settings: value.settings.map(String),
    ...(customers === undefined ? {} : { customers }),
    ...(months === undefined ? {} : { months }),
  };
}

/** A record's `extends` and `differences`, or undefined when it names no scenario it extends. */
export function readLineage(document: unknown): ScenarioLineage | undefined {
  if (!isRecord(document) || typeof document.extends !== 'string') return undefined;
  const differences = Array.isArray(document.differences)
    ? document.differences.filter(
        (item): item is ParameterDifference => isRecord(item) && typeof item.path === 'string',
      )
    : [];
  return { extends: document.extends, differences };
}

/** A record's `sweepRun`, or undefined. */
export function readSweepRun(value: unknown): SweepRunRecord | undefined {
  if (!isRecord(value) || typeof value.run !== 'number' || !isRecord(value.inputs)) {
    return undefined;
  }
  const inputs = Object.fromEntries(
    Object.entries(value.inputs).filter(
      (entry): entry is [string, number] => typeof entry[1] === 'number',
    ),
  );
  return { run: value.run, inputs };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
