/**
 * A sweep of 1,000 runs of the baseline at its 10,000 customers (the uncertain baseline, Latin
 * hypercube over its 7 inputs) on 2 worker threads: wall time, and the speed-up of 2 workers
 * over 1 on equal shares of the same sweep (shards 0/5 and 1/5, 200 runs each).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSweep } from '../../src/execution/sweep.ts';
import { print, round } from '../figures.ts';

const FILE = fileURLToPath(
  new URL('../../scenarios/sweeps/uncertain-baseline.ts', import.meta.url),
);
const RUNS = 1000;

async function sweep(workers: number, shard?: { index: number; count: number }) {
  const out = mkdtempSync(join(tmpdir(), 'aisim-bench-sweep-'));
  try {
    const report = await runSweep({
      file: FILE,
      overrides: {},
      design: 'lhs',
      size: RUNS,
      seed: 1,
      workers,
      ...(shard ? { shard } : {}),
      resume: false,
      outDir: out,
    });
    return { seconds: report.seconds, runs: report.runs };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const one = await sweep(1, { index: 0, count: 5 });
const two = await sweep(2, { index: 1, count: 5 });
const whole = await sweep(2);
print({
  case: 'sweep-1000',
  runs: whole.runs,
  customers: 10_000,
  workers: 2,
  wall_s: round(whole.seconds, 1),
  runs_per_s: round(whole.runs / whole.seconds, 2),
  speedup: round(one.seconds / one.runs / (two.seconds / two.runs), 2),
  wall_s_200_runs_1_worker: round(one.seconds, 1),
  wall_s_200_runs_2_workers: round(two.seconds, 1),
  target_wall_s: 60,
  target_speedup: 1.7,
});
