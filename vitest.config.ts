import { defineConfig } from 'vitest/config';

/**
 * A test's time limit only stops a hang: it is far beyond what any test takes on a loaded
 * machine, so that no verdict depends on the machine's speed. (Benchmarks are `npm run bench`.)
 */
const HANG_MS = 600_000;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: HANG_MS,
    hookTimeout: HANG_MS,
    pool: 'forks',
  },
});
