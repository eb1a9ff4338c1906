/**
 * Shards: a deterministic 1/n of a sweep's runs, so that n machines (a Kubernetes Indexed Job,
 * a Slurm array) share one sweep. Shard i of n (0-based) runs the indices k with k % n == i, in
 * increasing order: round-robin, so every shard gets as many early as late runs and Sobol groups
 * spread evenly. Which runs a shard holds never depends on timing, and the seeds are the
 * sweep's (seeds.ts), so `aisim merge` of the n shards equals the unsharded sweep.
 *
 * @example
 * parseShard('2/4')                          // { index: 2, count: 4 }
 * shardRunCount({ index: 2, count: 4 }, 10)  // 2: runs 2 and 6
 * shardFromEnvironment({ JOB_COMPLETION_INDEX: '3', AISIM_SHARD_COUNT: '100' })
 */
import { InputError } from '../errors.ts';

export interface Shard {
  /** 0-based: 0 .. count - 1. */
  readonly index: number;
  readonly count: number;
}

/** The environment variable that gives a Kubernetes Indexed Job's shard count (its completions). */
export const SHARD_COUNT_VARIABLE = 'AISIM_SHARD_COUNT';

/** `i/n` with 0 <= i < n. */
export function parseShard(text: string, source = '--shard'): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = match ? Number(match[1]) : Number.NaN;
  const count = match ? Number(match[2]) : Number.NaN;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count)) {
    throw new InputError(source, '', 'expected i/n, shard i (from 0) of n, e.g. 0/4', text);
  }
  return checkShard(index, count, source, text);
}

function checkShard(index: number, count: number, source: string, shown: unknown): Shard {
  if (count < 1) throw new InputError(source, '', 'the shard count must be 1 or more', shown);
  if (index >= count) {
    throw new InputError(
      source,
      '',
      `shard index must be below the shard count (shards are 0 to ${count - 1})`,
      shown,
    );
  }
  return { index, count };
}

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The shard an array job gives this process, or undefined outside one:
 * - Kubernetes Indexed Job: JOB_COMPLETION_INDEX, with the completions count in
 *   AISIM_SHARD_COUNT (Kubernetes does not export it; the manifest sets it);
 * - Slurm job array: SLURM_ARRAY_TASK_ID less SLURM_ARRAY_TASK_MIN (0 when unset), of
 *   SLURM_ARRAY_TASK_COUNT (arrays with a step, like 0-99:2, are not supported).
 */
export function shardFromEnvironment(environment: Environment): Shard | undefined {
  /** A variable's value; set but empty (`export AISIM_SHARD_COUNT=`) counts as not set. */
  const text = (name: string): string | undefined => {
    const value = environment[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const whole = (name: string, unset: string): number => {
    const value = text(name);
    if (value === undefined) throw new InputError(name, '', `is not set: ${unset}`);
    const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(number)) {
      throw new InputError(name, '', 'expected a whole number, 0 or more', environment[name]);
    }
    return number;
  };
  const orShard = 'or pass --shard i/n';
  if (text('JOB_COMPLETION_INDEX') !== undefined) {
    const index = whole('JOB_COMPLETION_INDEX', orShard);
    const count = whole(
      SHARD_COUNT_VARIABLE,
      `JOB_COMPLETION_INDEX is ${index}, so this is a Kubernetes Indexed Job: set ${SHARD_COUNT_VARIABLE} to the Job's completions in its manifest (Kubernetes does not export them), ${orShard}`,
    );
    return checkShard(index, count, 'JOB_COMPLETION_INDEX', `${index}/${count}`);
  }
  if (text('SLURM_ARRAY_TASK_ID') !== undefined) {
    const id = whole('SLURM_ARRAY_TASK_ID', orShard);
    const minimum =
      text('SLURM_ARRAY_TASK_MIN') === undefined ? 0 : whole('SLURM_ARRAY_TASK_MIN', orShard);
    const count = whole(
      'SLURM_ARRAY_TASK_COUNT',
      `SLURM_ARRAY_TASK_ID is ${id}, so this is a Slurm job array: set SLURM_ARRAY_TASK_COUNT to the number of tasks in the array (a recent Slurm sets it), ${orShard}`,
    );
    return checkShard(id - minimum, count, 'SLURM_ARRAY_TASK_ID', `${id - minimum}/${count}`);
  }
  return undefined;
}

/**
 * The shard to run: `--shard` when given, else the environment's; a single shard (0/1) is the
 * whole sweep, returned as undefined.
 */
export function resolveShard(option: string | undefined, environment: Environment) {
  const shard = option === undefined ? shardFromEnvironment(environment) : parseShard(option);
  return shard === undefined || shard.count === 1 ? undefined : shard;
}

/** How many of `runs` runs the shard holds. */
export function shardRunCount(shard: Shard | undefined, runs: number): number {
  if (shard === undefined) return runs;
  return shard.index < runs ? Math.ceil((runs - shard.index) / shard.count) : 0;
}

/** The run index at `position` (0-based) in the shard's own order. */
export function shardRun(shard: Shard | undefined, position: number): number {
  return shard === undefined ? position : shard.index + position * shard.count;
}

/** The shard's folder suffix: `-shard-3-of-100`. */
export function shardSuffix(shard: Shard | undefined): string {
  return shard === undefined ? '' : `-shard-${shard.index}-of-${shard.count}`;
}
