/**
 * A sweep of 1,000 runs of the baseline at its 10,000 customers (the uncertain baseline, Latin
 * hypercube over its 7 inputs) on 2 worker threads: wall time, and the speed-up of 2 workers
 * over 1 on the same 1,000 runs. (Measured on a part of the sweep, the speed-up would be
 * understated: starting the workers and compiling the engine cost about the same for 200 runs
 * as for 100,000.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSweep } from '../../src/api/sweep.ts';
import { print, round } from '../figures.ts';

const FILE = fileURLToPath(
  new URL('../../scenarios/sweeps/uncertain-baseline.ts', import.meta.url),
);
const RUNS = 1000;

async function sweep(workers: number) {
  const out = mkdtempSync(join(tmpdir(), 'aisim-bench-sweep-'));
  try {
    const report = await runSweep({
      file: FILE,
      overrides: {},
      design: 'lhs',
      size: RUNS,
      seed: 1,
      workers,
      resume: false,
      outDir: out,
    });
    return { seconds: report.seconds, runs: report.runs };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const two = await sweep(2);
const one = await sweep(1);
print({
  case: 'sweep-1000',
  runs: two.runs,
  customers: 10_000,
  workers: 2,
  wall_s: round(two.seconds, 1),
  runs_per_s: round(two.runs / two.seconds, 2),
  speedup: round(one.seconds / two.seconds, 2),
  wall_s_1_worker: round(one.seconds, 1),
  target_wall_s: 60,
  target_speedup: 1.7,
});
