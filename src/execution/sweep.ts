/**
 * Running a sweep: many runs of one scenario, its uncertain inputs placed by a design, spread
 * over worker threads (piscina), each row written to runs.csv in run order as soon as it and
 * the rows before it are in. The library's `runSweep` (api/sweep.ts) adds the summaries.
 */
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import {
  buildDesign,
  checkInputRanges,
  type DesignName,
  planSweep,
  runInputs,
  type SweepDesign,
  type SweepPlan,
  sampledScenario,
} from '../design/plan.ts';
import { contentHash, SEED_DERIVATION } from '../design/seeds.ts';
import { InputError } from '../errors.ts';
import { lineageFields, runOptionsRecord } from '../results/assumptions.ts';
import { childPath } from '../results/atomic.ts';
import type { Window } from '../results/batch-files.ts';
import { outcomeNames } from '../results/outcomes.ts';
import { checkWindow, isWholeRun } from '../results/window-accounts.ts';
import { lineageOf, sameOrigin } from '../scenario/files.ts';
import { loadScenario } from '../scenario/load.ts';
import { applyOverrides, type RunOverrides } from '../scenario/overrides.ts';
import type { Scenario } from '../scenario/schema.ts';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.ts';
import { RunsWriter, runLine } from './runs-file.ts';
import type { RunObserver } from './seeds.ts';
import { type Shard, shardRun, shardRunCount } from './shards.ts';
import { checkSweepFolder, completeRuns, prepareSweepFolder } from './sweep-folder.ts';
import { lockSweepFolder, refuseSweepFolderInUse } from './sweep-lock.ts';
import {
  PARTIAL_RUNS_CSV,
  planOfManifest,
  readManifest,
  type SweepManifest,
  sweepFolderName,
} from './sweep-manifest.ts';
import type { SweepTask, SweepTaskResult, SweepWorkerData } from './sweep-worker.ts';

const WORKER = fileURLToPath(new URL('./sweep-worker.js', import.meta.url));

/**
 * A worker's old generation, MB. A run needs far less (the population lives in typed arrays,
 * outside the JavaScript heap), but V8 sizes a heap's growth by its limit: uncapped, on a
 * machine with much memory, a worker's heap kept growing with the length of a sweep (peak memory
 * 25-30 % higher at 10,000 runs than at 1,000); capped, it stays flat.
 */
const WORKER_OLD_GENERATION_MB = 512;

export interface SweepRequest {
  /** The scenario file. */
  readonly file: string;
  /** The file as sweep.json records it (default: `file`). */
  readonly shownFile?: string;
  readonly overrides: RunOverrides;
  /** The months each run's outcomes cover (`--from`, `--to`); default: the whole run. */
  readonly window?: Window;
  readonly design: DesignName;
  /** `--runs`: runs, Sobol base rows, Morris trajectories or grid levels (see design/plan.ts). */
  readonly size: number;
  readonly seed: number;
  /** Worker threads; default: the machine's available parallelism. */
  readonly workers?: number;
  readonly shard?: Shard;
  /** Finish the sweep in the folder (or start it when there is none). */
  readonly resume: boolean;
  /**
   * Another sweep's folder whose seeds and sampled inputs this sweep runs (`--pair-with`), so
   * that `aisim compare` pairs the two run by run: the same design, size, master seed and
   * uncertain inputs are required.
   */
  readonly pairWith?: string;
  /** The parent folder: the sweep writes `<outDir>/<scenario name>-sweep[-shard-i-of-n]/`. */
  readonly outDir: string;
  /** Stops dispatching runs; those in flight finish and are written. */
  readonly signal?: AbortSignal;
  /** Told the number of runs left once the folder is ready, then of each run done. */
  readonly observer?: SweepObserver;
  /** Told the sweep's manifest once it is planned and checked, before any run. */
  readonly onPlan?: (manifest: SweepManifest) => void;
  /** How error messages show a path (the CLI: relative to the working directory). */
  readonly show?: (path: string) => string;
}

/** A sweep's observer is told the runs left once the folder is ready (fewer on --resume). */
export type SweepObserver = RunObserver;

export interface SweepReport<Summaries = unknown> {
  readonly folder: string;
  readonly manifest: SweepManifest;
  /** Runs this folder holds when complete (the shard's share, or all). */
  readonly runs: number;
  /** Runs that were complete before this call (resume). */
  readonly resumed: number;
  /** Runs complete now. */
  readonly done: number;
  readonly interrupted: boolean;
  /** Present when the sweep is complete. */
  readonly summaries?: Summaries;
  readonly seconds: number;
}

/**
 * What a complete sweep's folder gets besides runs.csv (summary.csv, comparisons.csv: see
 * output/sweep-summaries.ts), written while the folder is still locked.
 */
export type SummarizeSweep<Summaries> = (
  folder: string,
  manifest: SweepManifest,
) => Promise<Summaries>;

/**
 * Runs the sweep and summarises it once complete. `check` sees the sweep's manifest before
 * anything is written, and may refuse it (an InputError): a condition to evaluate on the runs
 * that names no column of theirs is refused before the runs, not after.
 */
export async function executeSweep<Summaries>(
  request: SweepRequest,
  summarize: SummarizeSweep<Summaries>,
  check: (manifest: SweepManifest) => void = () => {},
): Promise<SweepReport<Summaries>> {
  const started = performance.now();
  const shownFile = request.shownFile ?? request.file;
  const base = applyOverrides(await loadScenario(request.file), request.overrides);
  const window = request.window ?? {};
  checkWindow(window, base.start, base.end);
  const paired =
    request.pairWith === undefined ? undefined : pairedSweep(request.pairWith, request.show);
  const plan = planSweep(base, {
    design: request.design,
    size: request.size,
    masterSeed: request.seed,
    contentHash: contentHash(base),
    ...(paired === undefined ? {} : { seedHash: paired.seedHash }),
  });
  if (paired !== undefined) checkPairedPlan(plan, paired);
  const design = buildDesign(plan);
  checkInputRanges(base, plan, design, shownFile);
  const manifest = sweepManifest(
    base,
    plan,
    shownFile,
    request.overrides,
    window,
    request.shard,
    paired,
  );
  check(manifest);
  const folder = childPath(request.outDir, sweepFolderName(base.name, request.shard));
  const runs = shardRunCount(request.shard, plan.runs);
  const shown = request.show?.(folder) ?? folder;
  // Refuse what can be refused before writing anything, then check again holding the lock.
  try {
    checkSweepFolder(folder, shown, manifest, request.resume);
  } catch (error) {
    // A folder another sweep is using is refused as such, whatever else is wrong with it.
    refuseSweepFolderInUse(folder, shown);
    throw error;
  }
  request.onPlan?.(manifest);
  await mkdir(folder, { recursive: true });
  const lock = await lockSweepFolder(folder, shown);
  try {
    const state = await prepareSweepFolder(folder, shown, manifest, request.resume);
    request.observer?.start(runs - state.done);

    let done = state.done;
    if (!state.complete && done < runs && !request.signal?.aborted) {
      done = await runPositions(base, plan, design, request, folder, state.done, runs);
    }
    const interrupted = done < runs;
    if (!interrupted && !state.complete) completeRuns(folder);
    const summaries = interrupted ? undefined : await summarize(folder, manifest);
    return {
      folder,
      manifest,
      runs,
      resumed: state.done,
      done,
      interrupted,
      ...(summaries ? { summaries } : {}),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    lock.release();
  }
}

/** The sweep `--pair-with` names, as far as this sweep needs it: shown in messages as given. */
interface PairedSweep {
  readonly shown: string;
  readonly scenario: string;
  readonly seedHash: string;
  readonly manifest: SweepManifest;
}

function pairedSweep(folder: string, show?: (path: string) => string): PairedSweep {
  const shown = show?.(folder) ?? folder;
  const manifest = readManifest(folder, shown);
  return {
    shown,
    scenario: manifest.scenario,
    // A sweep that was itself paired passes on the seeds it ran.
    seedHash: manifest.pairedWith?.seedHash ?? manifest.contentHash,
    manifest,
  };
}

/**
 * The same seeds give the same runs' inputs only with the same design, size, master seed and
 * uncertain inputs: anything else is refused before a run starts.
 */
function checkPairedPlan(plan: SweepPlan, paired: PairedSweep): void {
  const { manifest } = paired;
  const refuse = (problem: string) => {
    throw new InputError('--pair-with', '', `${paired.shown}: ${problem}`);
  };
  if (
    JSON.stringify(manifest.design) !== JSON.stringify(plan.design) ||
    manifest.runs !== plan.runs
  )
    refuse(
      `its design is ${manifest.design.name} with ${manifest.runs} runs, this one ${plan.design.name} with ${plan.runs}: give the same --design and --runs`,
    );
  if (manifest.seed !== plan.masterSeed)
    refuse(
      `its master seed is ${manifest.seed}, this one ${plan.masterSeed}: give the same --seed`,
    );
  if (JSON.stringify(manifest.inputs) !== JSON.stringify(plan.inputs))
    refuse(
      `its uncertain inputs differ from this scenario's (${manifest.inputs.map((input) => input.path).join(', ') || 'none'}): the same seeds would not give the same inputs`,
    );
}

function sweepManifest(
  scenario: Scenario,
  plan: SweepPlan,
  file: string,
  overrides: RunOverrides,
  window: Window,
  shard: Shard | undefined,
  paired: PairedSweep | undefined,
): SweepManifest {
  return {
    kind: 'sweep',
    package: PACKAGE_NAME,
    version: PACKAGE_VERSION,
    scenario: scenario.name,
    file,
    contentHash: plan.contentHash,
    seed: plan.masterSeed,
    seedDerivation: SEED_DERIVATION,
    ...(plan.seedHash === undefined || paired === undefined
      ? {}
      : { pairedWith: { scenario: paired.scenario, seedHash: plan.seedHash } }),
    design: plan.design,
    runs: plan.runs,
    inputs: plan.inputs,
    options: runOptionsRecord(overrides),
    ...(isWholeRun(window) ? {} : { window }),
    outcomes: outcomeNames(scenario),
    ...lineageFields(lineageOf(scenario)),
    ...(shard ? { shard: { ...shard, runs: shardRunCount(shard, plan.runs) } } : {}),
  };
}

/**
 * Runs shard positions `from` .. `to` - 1 on a pool of worker threads and writes each row as
 * its turn comes. At most two runs per worker are in flight, and none more than `window`
 * positions ahead of the last row written, so the reorder buffer stays small however many
 * runs there are. Returns the positions complete when it stops (all, or fewer when aborted).
 */
async function runPositions(
  scenario: Scenario,
  plan: SweepPlan,
  design: SweepDesign,
  request: SweepRequest,
  folder: string,
  from: number,
  to: number,
): Promise<number> {
  const workers = Math.max(1, Math.min(request.workers ?? availableParallelism(), to - from));
  const workerData: SweepWorkerData = {
    file: resolve(request.file),
    ...(copyable(scenario) ? { scenario } : {}),
    overrides: request.overrides,
    window: request.window ?? {},
    inputs: plan.inputs,
    contentHash: plan.contentHash,
  };
  const pool = new Piscina<SweepTask, SweepTaskResult>({
    filename: WORKER,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 60_000,
    // Workers load TypeScript through the shim, not through an inherited --import tsx.
    execArgv: [],
    workerData,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB },
  });
  const writer = new RunsWriter(join(folder, PARTIAL_RUNS_CSV), from);
  const maxInFlight = workers * 2;
  const window = Math.max(64, workers * 16);
  const { signal } = request;
  try {
    await new Promise<void>((resolvePromise, reject) => {
      let next = from;
      let inFlight = 0;
      let failure: unknown;
      const settle = () => {
        if (inFlight > 0) return;
        if (failure !== undefined) reject(failure);
        else resolvePromise();
      };
      const pump = () => {
        while (
          failure === undefined &&
          !signal?.aborted &&
          inFlight < maxInFlight &&
          next < to &&
          next < writer.contiguous + window
        ) {
          dispatch(next++);
        }
        if (failure !== undefined || signal?.aborted || writer.contiguous === to) settle();
      };
      const dispatch = (position: number) => {
        const inputs = runInputs(plan, design, shardRun(request.shard, position));
        inFlight++;
        pool.run(inputs).then(
          (result) => {
            inFlight--;
            try {
              if ('problem' in result) {
                // A problem with no source lies in the scenario file (its pricing strategy).
                const { source, field, problem, value } = result.problem;
                const file = `${request.shownFile ?? request.file}: run ${inputs.run}`;
                throw new InputError(source === '' ? file : source, field, problem, value);
              }
              writer.add(
                position,
                runLine(inputs.run, inputs.seed, inputs.values, result.outcomes),
              );
              request.observer?.run();
            } catch (error) {
              failure ??= error;
            }
            pump();
          },
          (error: unknown) => {
            inFlight--;
            failure ??= error;
            pump();
          },
        );
      };
      pump();
    });
  } finally {
    writer.close();
    await pool.destroy();
  }
  return writer.contiguous;
}

/**
 * Whether a scenario survives the copy to a worker thread: plain data does; a scenario with a
 * pricing strategy of its own (a function) does not, and each worker loads its file instead.
 */
function copyable(scenario: Scenario): boolean {
  try {
    structuredClone(scenario);
    return true;
  } catch {
    return false;
  }
}

/** One run of a sweep, ready to run alone: `aisim run --from-sweep DIR --run K`. */
export interface SweepRun {
  readonly scenario: Scenario;
  readonly seed: number;
  /** Each uncertain input's value in this run, in the order of the manifest's inputs. */
  readonly values: readonly number[];
  /** The scenario file it was loaded from. */
  readonly file: string;
  readonly manifest: SweepManifest;
}

/**
 * Rebuilds run `run` of the sweep in `folder` from its sweep.json: the scenario file (the one
 * sweep.json names, or `file`), the sweep's run options, the design's values for the run and
 * the run's seed. The scenario must be the one swept: its content hash is checked.
 */
export async function loadSweepRun(
  folder: string,
  run: number,
  file?: string,
  shownFolder = folder,
): Promise<SweepRun> {
  const manifest = readManifest(folder, shownFolder);
  const scenarioFile = file ?? manifest.file;
  const base = applyOverrides(await loadScenario(scenarioFile), manifest.options);
  const hash = contentHash(base);
  if (hash !== manifest.contentHash) {
    throw new InputError(
      scenarioFile,
      '',
      `changed since the sweep in ${shownFolder} started (content hash ${hash.slice(0, 12)}, sweep has ${manifest.contentHash.slice(0, 12)})`,
    );
  }
  if (!Number.isSafeInteger(run) || run < 0 || run >= manifest.runs) {
    throw new InputError(
      '--run',
      '',
      `expected a run of the sweep, 0 to ${manifest.runs - 1}`,
      run,
    );
  }
  const plan = planOfManifest(manifest);
  const inputs = runInputs(plan, buildDesign(plan), run);
  return {
    scenario: sameOrigin(sampledScenario(base, plan.inputs, inputs.values, `run ${run}`), base),
    seed: inputs.seed,
    values: inputs.values,
    file: scenarioFile,
    manifest,
  };
}
