import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import {
  parseShard,
  resolveShard,
  shardFromEnvironment,
  shardRun,
  shardRunCount,
} from '../../src/execution/shards.ts';

describe('shards', () => {
  it('parse as i/n with i from 0 to n - 1', () => {
    expect(parseShard('0/4')).toEqual({ index: 0, count: 4 });
    expect(parseShard(' 3 / 4 ')).toEqual({ index: 3, count: 4 });
    for (const bad of ['5/4', '4/4', '1/0', '-1/4', '1', 'a/b', '1/4/2', '']) {
      expect(() => parseShard(bad), bad).toThrow(InputError);
    }
  });

  it('hold every run exactly once between them, whatever the count', () => {
    for (const runs of [0, 1, 7, 100]) {
      for (const count of [1, 2, 3, 8, 150]) {
        const seen = new Array<number>(runs).fill(0);
        for (let index = 0; index < count; index++) {
          const shard = { index, count };
          for (let position = 0; position < shardRunCount(shard, runs); position++) {
            const run = shardRun(shard, position);
            expect(run % count).toBe(index);
            seen[run]!++;
          }
        }
        expect(seen.every((times) => times === 1)).toBe(true);
      }
    }
  });

  it('come from a Kubernetes Indexed Job with the count in AISIM_SHARD_COUNT', () => {
    expect(shardFromEnvironment({ JOB_COMPLETION_INDEX: '7', AISIM_SHARD_COUNT: '100' })).toEqual({
      index: 7,
      count: 100,
    });
    expect(() => shardFromEnvironment({ JOB_COMPLETION_INDEX: '7' })).toThrow(/AISIM_SHARD_COUNT/);
    expect(() =>
      shardFromEnvironment({ JOB_COMPLETION_INDEX: '100', AISIM_SHARD_COUNT: '100' }),
    ).toThrow(InputError);
  });

  it('come from a Slurm array, counted from its first task id', () => {
    expect(
      shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_COUNT: '10' }),
    ).toEqual({ index: 4, count: 10 });
    expect(
      shardFromEnvironment({
        SLURM_ARRAY_TASK_ID: '10',
        SLURM_ARRAY_TASK_MIN: '1',
        SLURM_ARRAY_TASK_COUNT: '10',
      }),
    ).toEqual({ index: 9, count: 10 });
    expect(shardFromEnvironment({})).toBeUndefined();
  });

  it('missing a count, say which variable is not set and what to set', () => {
    const unset = (environment: Record<string, string | undefined>) => {
      try {
        shardFromEnvironment(environment);
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        return (error as Error).message;
      }
      throw new Error('no error');
    };
    for (const environment of [
      { SLURM_ARRAY_TASK_ID: '3' },
      { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_COUNT: ' ' },
    ]) {
      const message = unset(environment);
      expect(message).toMatch(/^SLURM_ARRAY_TASK_COUNT: is not set: SLURM_ARRAY_TASK_ID is 3, /);
      expect(message).toMatch(/set SLURM_ARRAY_TASK_COUNT to the number of tasks in the array/);
      expect(message).toMatch(/or pass --shard i\/n/);
      expect(message).not.toMatch(/whole number/);
    }
    for (const environment of [
      { JOB_COMPLETION_INDEX: '7' },
      { JOB_COMPLETION_INDEX: '7', AISIM_SHARD_COUNT: '' },
    ]) {
      const message = unset(environment);
      expect(message).toMatch(/^AISIM_SHARD_COUNT: is not set: JOB_COMPLETION_INDEX is 7, /);
      expect(message).toMatch(/set AISIM_SHARD_COUNT to the Job's completions/);
      expect(message).not.toMatch(/whole number/);
    }
    // A value that is there but not a count is still called what it is.
    expect(unset({ SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_COUNT: 'ten' })).toMatch(
      /^SLURM_ARRAY_TASK_COUNT: expected a whole number, 0 or more \(got "ten"\)$/,
    );
  });

  it('--shard wins over the environment, and one shard is the whole sweep', () => {
    const environment = { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '2' };
    expect(resolveShard('2/3', environment)).toEqual({ index: 2, count: 3 });
    expect(resolveShard(undefined, environment)).toEqual({ index: 1, count: 2 });
    expect(resolveShard('0/1', environment)).toBeUndefined();
  });
});
