/**
 * A batch folder as `aisim batch` writes it (src/output/write-batch.ts): batch.json says what was
 * run, batch.csv what came of it, and batch-runs.csv the same seed by seed (a batch written
 * before that file existed has none). A folder is a batch folder when its batch.json says
 * `"kind": "batch"`; the CSV files are read only once that is known.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../errors.ts';
import { lineageFields, readLineage } from '../../results/assumptions.ts';
import {
  BATCH_CSV,
  BATCH_JSON,
  BATCH_RUNS_CSV,
  BATCH_RUNS_TABLE,
  BATCH_TABLE,
  type BatchMetadata,
  type BatchRow,
  type SeedOutcome,
  type Window,
} from '../../results/batch-files.ts';
import { readTable } from '../../results/csv.ts';

/** What batch.json says, as the report's header and `aisim compare` show it. */
export interface BatchInfo extends BatchMetadata {
  /** The ai-market-sim version that ran the batch. */
  readonly version: string;
}

export interface BatchFolder {
  readonly folder: string;
  readonly info: BatchInfo;
  readonly rows: readonly BatchRow[];
  /** batch-runs.csv: each holder's outcome in each seed; undefined for a batch without it. */
  readonly runs?: readonly SeedOutcome[];
}

/** True when `folder` holds a batch.json whose kind is "batch". */
export async function isBatchFolder(folder: string): Promise<boolean> {
  return (await readBatchJson(folder)) !== undefined;
}

export async function readBatchFolder(folder: string): Promise<BatchFolder> {
  const document = await readBatchJson(folder);
  if (document === undefined)
    throw new InputError(folder, '', 'not a batch folder (no batch.json of kind "batch")');
  const rows = await readTable(join(folder, BATCH_CSV), BATCH_TABLE);
  const runsFile = join(folder, BATCH_RUNS_CSV);
  const runs = existsSync(runsFile) ? await readTable(runsFile, BATCH_RUNS_TABLE) : undefined;
  return { folder, info: batchInfo(document), rows, ...(runs === undefined ? {} : { runs }) };
}

/** batch.json's fields, leniently: a field of the wrong type reads as absent. */
function batchInfo(document: Record<string, unknown>): BatchInfo {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const count = (value: unknown) => (typeof value === 'number' ? value : undefined);
  const records = (value: unknown) =>
    Array.isArray(value)
      ? value.filter(
          (item): item is Record<string, unknown> => typeof item === 'object' && item !== null,
        )
      : [];
  const window = records([document.window])[0] ?? {};
  const customers = count(document.customers);
  const months = count(document.months);
  const from = text(window.from);
  const to = text(window.to);
  return {
    version: text(document.version) ?? '',
    scenarios: records(document.scenarios).map((scenario) => {
      const question = text(scenario.question);
      return {
        name: text(scenario.name) ?? '',
        file: text(scenario.file) ?? '',
        ...(question === undefined ? {} : { question }),
        ...lineageFields(readLineage(scenario)),
      };
    }),
    seeds: Array.isArray(document.seeds)
      ? document.seeds.filter((seed): seed is number => typeof seed === 'number')
      : [],
    window: {
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
    } satisfies Window,
    ...(customers === undefined ? {} : { customers }),
    ...(months === undefined ? {} : { months }),
    settings: Array.isArray(document.settings) ? document.settings.map(String) : [],
  };
}

/** batch.json's fields, or undefined when there is none, it is not JSON, or not of a batch. */
async function readBatchJson(folder: string): Promise<Record<string, unknown> | undefined> {
  try {
    const document: unknown = JSON.parse(await readFile(join(folder, BATCH_JSON), 'utf8'));
    if (typeof document !== 'object' || document === null) return undefined;
    const fields = document as Record<string, unknown>;
    return fields.kind === 'batch' ? fields : undefined;
  } catch {
    return undefined;
  }
}
