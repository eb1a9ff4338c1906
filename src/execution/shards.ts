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
  const whole = (name: string): number => {
    const text = environment[name]?.trim() ?? '';
    const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(value)) {
      throw new InputError(name, '', 'expected a whole number, 0 or more', environment[name]);
    }
    return value;
  };
  if (environment.JOB_COMPLETION_INDEX !== undefined) {
    if (environment[SHARD_COUNT_VARIABLE] === undefined) {
      throw new InputError(
        'JOB_COMPLETION_INDEX',
        '',
        `is set, but ${SHARD_COUNT_VARIABLE} is not: set it to the Job's completions (or pass --shard i/n)`,
      );
    }
    const index = whole('JOB_COMPLETION_INDEX');
    const count = whole(SHARD_COUNT_VARIABLE);
    return checkShard(index, count, 'JOB_COMPLETION_INDEX', `${index}/${count}`);
  }
  if (environment.SLURM_ARRAY_TASK_ID !== undefined) {
    const id = whole('SLURM_ARRAY_TASK_ID');
    const minimum =
      environment.SLURM_ARRAY_TASK_MIN === undefined ? 0 : whole('SLURM_ARRAY_TASK_MIN');
    const count = whole('SLURM_ARRAY_TASK_COUNT');
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
