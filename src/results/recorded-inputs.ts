/**
 * No silent overwrite: results go into `<out>/<name>/`, and a folder there that holds results of
 * other inputs (another seed, other `--set` values, another scenario file, ...) is refused unless
 * the user says `--overwrite`. The same inputs may be written again (a re-run gives the same
 * files), and a folder with no record of what made it is replaced as before. Inputs are what the
 * user asked for: the scenario file, the seeds and the run options; an edited scenario file run
 * again with the same command refreshes its results.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.ts';

/** A result's inputs in words a user knows (option names), each with its recorded value. */
export type RecordedInputs = readonly (readonly [label: string, value: unknown])[];

/** The record file of each kind of result folder. */
const RECORD_FILES = { run: 'run.json', batch: 'batch.json', sweep: 'sweep.json' } as const;
export type RecordedKind = keyof typeof RECORD_FILES;

/** The inputs run.json records (a run, or a sweep's run run again alone). */
export function runInputs(written: object): RecordedInputs {
  const document = written as Readonly<Record<string, unknown>>;
  const options = record(document.options);
  return [
    ['scenario', document.scenario],
    ['scenario file', document.file],
    ['--seed', document.seed],
    ['--set', options?.settings],
    ['--customers', options?.customers],
    ['--months', options?.months],
    ['sweep run', document.sweepRun],
  ];
}

/** The inputs batch.json records. */
export function batchInputs(written: object): RecordedInputs {
  const document = written as Readonly<Record<string, unknown>>;
  const scenarios = Array.isArray(document.scenarios) ? document.scenarios : undefined;
  return [
    [
      'scenarios',
      scenarios?.map((scenario) => ({
        name: record(scenario)?.name,
        file: record(scenario)?.file,
      })),
    ],
    ['--seeds', document.seeds],
    ['--from', record(document.window)?.from],
    ['--to', record(document.window)?.to],
    ['--set', document.settings],
    ['--customers', document.customers],
    ['--months', document.months],
  ];
}

/**
 * Refuses, writing nothing, to put results of `wanted` inputs in `folder` when it holds results
 * of other inputs, or results of another kind, unless `overwrite`. `shown` is the folder as the
 * message names it.
 */
export function refuseOtherInputs(
  folder: string,
  shown: string,
  kind: RecordedKind,
  wanted: RecordedInputs,
  inputsOf: (document: object) => RecordedInputs,
  overwrite: boolean,
): void {
  if (overwrite || !existsSync(folder) || !statSync(folder).isDirectory()) return;
  const advice = 'add --overwrite to replace them, or choose another --out';
  for (const [other, file] of Object.entries(RECORD_FILES)) {
    if (other !== kind && existsSync(join(folder, file))) {
      throw new InputError(shown, '', `holds the results of a ${other} (${file}): ${advice}`);
    }
  }
  const existing = readRecord(join(folder, RECORD_FILES[kind]));
  if (existing === undefined) return;
  const recorded = new Map(inputsOf(existing));
  for (const [label, value] of wanted) {
    if (JSON.stringify(recorded.get(label)) !== JSON.stringify(value)) {
      throw new InputError(
        shown,
        '',
        `holds results of other inputs (its ${label} ${/s$/.test(label) ? 'differ' : 'differs'}): ${advice}`,
      );
    }
  }
}

/** A record's fields, or undefined when there is none or it is not a JSON object. */
function readRecord(path: string): Record<string, unknown> | undefined {
  try {
    return record(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return undefined;
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
