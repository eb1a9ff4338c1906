/**
 * A sweep folder as `aisim sweep` or `aisim merge` writes it (src/execution/sweep-folder.ts and
 * src/output/sweep-summaries.ts): sweep.json says what was run, runs.csv what came of each run,
 * summary.csv and comparisons.csv summarise them, `aisim sensitivity` may have added
 * sensitivity-<outcome>.csv files and `aisim discover` discovery.json, discovery.csv and
 * discovery-box.csv. A folder is a sweep folder when its sweep.json says
 * `"kind": "sweep"`.
 *
 * Only a whole, finished sweep is reported or compared. A shard holds every n-th run, so its
 * numbers describe no sweep anyone asked for, and an unfinished sweep has no summaries yet; both
 * are refused with a one-line message that says what to do (merge, or finish with --resume).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../errors.ts';
import { readRunColumns } from '../../execution/runs-file.ts';
import {
  COMPARISONS_CSV,
  RUNS_CSV,
  readManifest,
  SUMMARY_CSV,
  SWEEP_JSON,
  type SweepManifest,
} from '../../execution/sweep-manifest.ts';
import { hasColumns, readCsv, readTable, tableRows } from '../../results/csv.ts';
import {
  BOX_TABLE,
  type BoxRow,
  DISCOVERY_BOX_CSV,
  DISCOVERY_CSV,
  DISCOVERY_JSON,
  type DiscoveryRecord,
  TRAJECTORY_TABLE,
  type TrajectoryRow,
} from '../../results/discovery-files.ts';
import {
  MORRIS_TABLE,
  RANK_TABLE,
  type SensitivityRows,
  SOBOL_TABLE,
  sensitivityFileOutcome,
} from '../../results/sensitivity-files.ts';
import {
  type OutcomeSummary,
  PAIRED_DIFFERENCE_TABLE,
  type PairedDifference,
  SWEEP_SUMMARY_TABLE,
} from '../../results/sweep-files.ts';
import { columnNames } from '../../results/table.ts';

/** One sensitivity-<outcome>.csv of the folder. */
export interface SensitivityFile {
  /** The file's name, e.g. sensitivity-operating_margin_lab.csv. */
  readonly file: string;
  readonly outcome: string;
  /** Its rows, in rank order. */
  readonly ranked: SensitivityRows;
}

export interface SweepFolder {
  readonly folder: string;
  readonly manifest: SweepManifest;
  /** runs.csv's outcome columns by name, in run order, NaN where undefined in a run. */
  readonly outcomes: ReadonlyMap<string, Float64Array>;
  /**
   * runs.csv's seed of each run, and each sampled input's column by path, in run order: what
   * pairs two sweeps, and what discovery restricts.
   */
  readonly seeds: Float64Array;
  readonly inputs: ReadonlyMap<string, Float64Array>;
  /** summary.csv: each outcome over the runs. */
  readonly summary: readonly OutcomeSummary[];
  /** comparisons.csv: the paired differences within runs. */
  readonly comparisons: readonly PairedDifference[];
  /** The sensitivity files, in the order of the outcomes they rank. */
  readonly sensitivity: readonly SensitivityFile[];
  /** The last `aisim discover` of the folder, if any: discovery.json, .csv and -box.csv. */
  readonly discovery?: DiscoveryFiles;
}

export interface DiscoveryFiles {
  readonly record: DiscoveryRecord;
  readonly trajectory: readonly TrajectoryRow[];
  readonly box: readonly BoxRow[];
}

/**
 * True when `folder` holds a sweep.json of kind "sweep", and that sweep is whole and finished;
 * an InputError saying what to do when it is a shard or unfinished.
 */
export async function isSweepFolder(folder: string): Promise<boolean> {
  if (!(await hasSweepJson(folder))) return false;
  finishedSweepManifest(folder);
  return true;
}

export async function readSweepFolder(folder: string): Promise<SweepFolder> {
  if (!(await hasSweepJson(folder)))
    throw new InputError(folder, '', 'not a sweep folder (no sweep.json of kind "sweep")');
  const manifest = finishedSweepManifest(folder);
  const runsFile = join(folder, RUNS_CSV);
  const paths = manifest.inputs.map((input) => input.path);
  const { runs, columns } = readRunColumns(runsFile, [...manifest.outcomes, 'seed', ...paths]);
  if (runs.length !== manifest.runs)
    throw new InputError(
      runsFile,
      '',
      `holds ${runs.length} runs, but sweep.json says the sweep has ${manifest.runs}`,
    );
  const [summary, comparisons, sensitivity, discovery] = await Promise.all([
    readTable(join(folder, SUMMARY_CSV), SWEEP_SUMMARY_TABLE),
    readTable(join(folder, COMPARISONS_CSV), PAIRED_DIFFERENCE_TABLE),
    readSensitivityFiles(folder, manifest.outcomes),
    readDiscoveryFiles(folder),
  ]);
  return {
    folder,
    manifest,
    outcomes: new Map(manifest.outcomes.map((outcome, index) => [outcome, columns[index]!])),
    seeds: columns[manifest.outcomes.length]!,
    inputs: new Map(
      paths.map((path, index) => [path, columns[manifest.outcomes.length + 1 + index]!]),
    ),
    summary,
    comparisons,
    sensitivity,
    ...(discovery === undefined ? {} : { discovery }),
  };
}

/** The folder's discovery files, when `aisim discover` wrote them (all three, or none). */
async function readDiscoveryFiles(folder: string): Promise<DiscoveryFiles | undefined> {
  const path = join(folder, DISCOVERY_JSON);
  if (!existsSync(path)) return undefined;
  let record: DiscoveryRecord;
  try {
    record = JSON.parse(await readFile(path, 'utf8')) as DiscoveryRecord;
  } catch {
    throw new InputError(path, '', 'is not valid JSON');
  }
  if (record?.kind !== 'discovery' || typeof record.condition !== 'string')
    throw new InputError(path, '', 'does not describe a discovery');
  const [trajectory, box] = await Promise.all([
    readTable(join(folder, DISCOVERY_CSV), TRAJECTORY_TABLE),
    readTable(join(folder, DISCOVERY_BOX_CSV), BOX_TABLE),
  ]);
  const chosen = trajectory.find((row) => row.chosen === 'yes');
  if (
    chosen?.step !== record.chosenStep ||
    trajectory[0]?.runs !== record.defined ||
    trajectory[0]?.holding !== record.holding
  )
    throw new InputError(
      folder,
      '',
      `${DISCOVERY_JSON} and ${DISCOVERY_CSV} disagree (an aisim discover that stopped half-way?): run aisim discover again`,
    );
  return { record, trajectory, box };
}

/** The manifest of a whole sweep whose summaries are written; an InputError otherwise. */
function finishedSweepManifest(folder: string): SweepManifest {
  const manifest = readManifest(folder);
  const { shard } = manifest;
  if (shard !== undefined)
    throw new InputError(
      folder,
      '',
      `is shard ${shard.index} of ${shard.count} of a sweep, not a whole sweep: merge the shards (aisim merge <shard folders...> --out DIR) and use the merged folder`,
    );
  if (!existsSync(join(folder, RUNS_CSV)))
    throw new InputError(
      folder,
      '',
      'is an unfinished sweep (no runs.csv yet): finish it with its aisim sweep command and --resume',
    );
  for (const file of [SUMMARY_CSV, COMPARISONS_CSV])
    if (!existsSync(join(folder, file)))
      throw new InputError(
        folder,
        '',
        `has no ${file}: write it with the sweep's aisim sweep command and --resume`,
      );
  return manifest;
}

/** The sensitivity files, ordered as the outcomes are in sweep.json (others after, by name). */
async function readSensitivityFiles(
  folder: string,
  outcomes: readonly string[],
): Promise<SensitivityFile[]> {
  const place = (outcome: string) => {
    const index = outcomes.indexOf(outcome);
    return index < 0 ? outcomes.length : index;
  };
  const found = (await readdir(folder)).flatMap((file) => {
    const outcome = sensitivityFileOutcome(file);
    return outcome === undefined ? [] : [{ file, outcome }];
  });
  found.sort(
    (a, b) =>
      place(a.outcome) - place(b.outcome) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0),
  );
  return Promise.all(
    found.map(async ({ file, outcome }) => ({
      file,
      outcome,
      ranked: await readSensitivityCsv(join(folder, file)),
    })),
  );
}

/**
 * A sensitivity-<outcome>.csv as `aisim sensitivity` writes it: Sobol indices, Morris effects or
 * rank correlations, told apart by their columns, rows in rank order.
 */
async function readSensitivityCsv(file: string): Promise<SensitivityRows> {
  const csv = await readCsv(file);
  if (hasColumns(csv, SOBOL_TABLE)) return { method: 'sobol', rows: tableRows(csv, SOBOL_TABLE) };
  if (hasColumns(csv, MORRIS_TABLE))
    return { method: 'morris', rows: tableRows(csv, MORRIS_TABLE) };
  if (hasColumns(csv, RANK_TABLE)) return { method: 'rank', rows: tableRows(csv, RANK_TABLE) };
  throw new InputError(
    file,
    '',
    `expected the columns of Sobol indices (${columnNames(SOBOL_TABLE).join(', ')}), of Morris effects (${columnNames(MORRIS_TABLE).join(', ')}) or of rank correlations (${columnNames(RANK_TABLE).join(', ')})`,
  );
}

/** True when sweep.json is there, is JSON and is of kind "sweep". */
async function hasSweepJson(folder: string): Promise<boolean> {
  try {
    const document: unknown = JSON.parse(await readFile(join(folder, SWEEP_JSON), 'utf8'));
    return (
      typeof document === 'object' &&
      document !== null &&
      (document as Record<string, unknown>).kind === 'sweep'
    );
  } catch {
    return false;
  }
}
