import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * A test's time limit only stops a hang: it is far beyond what any test takes on a loaded
 * machine, so that no verdict depends on the machine's speed. (Benchmarks are `npm run bench`.)
 */
const HANG_MS = 600_000;

/**
 * Test files run at least two at a time: the default (one fewer than the cores) runs one file at
 * a time on two cores, while a CLI test spends much of its time waiting on the child process it
 * started, and the other file can use the core meanwhile.
 */
const FILES_AT_ONCE = Math.max(2, availableParallelism() - 1);

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: HANG_MS,
    hookTimeout: HANG_MS,
    pool: 'forks',
    maxWorkers: FILES_AT_ONCE,
  },
});
