import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DesignSpec, SweepPlan, UncertainInput } from '../design/plan.ts';
import { InputError } from '../errors.ts';
import type { RunOptionsRecord } from '../results/assumptions.ts';
import type { Window } from '../results/batch-files.ts';
import type { ParameterDifference } from '../scenario/differences.ts';
import { type Shard, shardSuffix } from './shards.ts';

export const SWEEP_JSON = 'sweep.json';
export const RUNS_CSV = 'runs.csv';
export const PARTIAL_RUNS_CSV = 'runs.csv.partial';
export const SUMMARY_CSV = 'summary.csv';
export const COMPARISONS_CSV = 'comparisons.csv';

/** sweep.json. Everything a run's inputs and seed depend on is here; workers are not. */
export interface SweepManifest {
  readonly kind: 'sweep';
  readonly package: string;
  readonly version: string;
  readonly scenario: string;
  /** The scenario file as the user named it (informative: the content hash identifies it). */
  readonly file: string;
  readonly contentHash: string;
  /** The master seed. */
  readonly seed: number;
  readonly seedDerivation: string;
  /**
   * Present when the sweep ran another's seeds and inputs (`--pair-with`): that sweep's scenario,
   * and the hash its seeds derive from, which stands for contentHash in the derivation.
   */
  readonly pairedWith?: { readonly scenario: string; readonly seedHash: string };
  readonly design: DesignSpec;
  /** Runs in the whole sweep (all shards). */
  readonly runs: number;
  readonly inputs: readonly UncertainInput[];
  /** The run options given: `--set`, `--customers`, `--months`. */
  readonly options: RunOptionsRecord;
  /** The months the outcomes cover (`--from`, `--to`); absent: each run's whole horizon. */
  readonly window?: Window;
  readonly outcomes: readonly string[];
  /** The scenario the swept scenario extends, by name, when it extends one. */
  readonly extends?: string;
  /** How the swept scenario differs from the one it extends (scenario/differences.ts). */
  readonly differences?: readonly ParameterDifference[];
  /** Present in a shard's folder only. */
  readonly shard?: Shard & { readonly runs: number };
}

export function sweepFolderName(scenarioName: string, shard: Shard | undefined): string {
  return `${scenarioName}-sweep${shardSuffix(shard)}`;
}

export function manifestText(manifest: SweepManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export function planOfManifest(manifest: SweepManifest): SweepPlan {
  return {
    masterSeed: manifest.seed,
    contentHash: manifest.contentHash,
    ...(manifest.pairedWith === undefined ? {} : { seedHash: manifest.pairedWith.seedHash }),
    design: manifest.design,
    inputs: manifest.inputs,
    runs: manifest.runs,
  };
}

/** The manifest of a sweep folder; anything else is an InputError naming the folder. */
export function readManifest(folder: string, shown = folder): SweepManifest {
  const path = join(folder, SWEEP_JSON);
  if (!existsSync(folder)) throw new InputError(shown, '', 'no such folder');
  if (!existsSync(path)) throw new InputError(shown, '', 'not a sweep folder (no sweep.json)');
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new InputError(shown, SWEEP_JSON, 'is not valid JSON');
  }
  const candidate = manifest as Partial<SweepManifest> | null;
  if (
    candidate?.kind !== 'sweep' ||
    !Array.isArray(candidate.inputs) ||
    !Array.isArray(candidate.outcomes) ||
    typeof candidate.runs !== 'number'
  ) {
    throw new InputError(shown, SWEEP_JSON, 'does not describe a sweep');
  }
  return candidate as SweepManifest;
}

/**
 * Fields that describe a sweep without defining its runs: how the scenario differs from the one
 * it extends follows from the files, which the content hash already covers (and a sweep started
 * before they were recorded may still be resumed or merged).
 */
const DESCRIPTIVE_FIELDS: readonly (keyof SweepManifest)[] = ['extends', 'differences'];

/** The first top-level field in which two manifests differ, leaving out `ignore`. */
export function manifestDifference(
  a: SweepManifest,
  b: SweepManifest,
  ignore: readonly (keyof SweepManifest)[],
): string | undefined {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (ignore.includes(key as keyof SweepManifest)) continue;
    if (DESCRIPTIVE_FIELDS.includes(key as keyof SweepManifest)) continue;
    const left = JSON.stringify((a as unknown as Record<string, unknown>)[key]);
    const right = JSON.stringify((b as unknown as Record<string, unknown>)[key]);
    if (left !== right) return key;
  }
  return undefined;
}

/** `its seed differs`, `its options differ`. */
export function itsDiffers(key: string): string {
  return `its ${key} ${key.endsWith('s') ? 'differ' : 'differs'}`;
}
