/**
 * Peak memory of a sweep does not grow with its length: rows stream to disk, and the main
 * thread keeps only the design (a few numbers a run) and, at the end, the outcome columns.
 * Runs 1,000 and then 10,000 runs of the uncertain baseline (200 customers, 12 months, 2
 * workers), each in a process of its own, and compares their peak resident set sizes (the
 * process's, worker threads included).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSweep } from '../../src/api/sweep.ts';
import { print, round } from '../figures.ts';

const FILE = fileURLToPath(
  new URL('../../scenarios/sweeps/uncertain-baseline.ts', import.meta.url),
);
const SELF = fileURLToPath(import.meta.url);

interface Figures {
  runs: number;
  wall_s: number;
  peak_rss_mb: number;
}

async function child(runs: number): Promise<Figures> {
  const out = mkdtempSync(join(tmpdir(), 'aisim-bench-memory-'));
  try {
    const report = await runSweep({
      file: FILE,
      overrides: { customers: 200, months: 12 },
      design: 'random',
      size: runs,
      seed: 1,
      workers: 2,
      resume: false,
      outDir: out,
    });
    return {
      runs: report.runs,
      wall_s: round(report.seconds, 1),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function inProcessOfItsOwn(runs: number): Figures {
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', SELF, '--child', String(runs)],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return JSON.parse(output) as Figures;
}

const at = process.argv.indexOf('--child');
if (at >= 0) {
  console.log(JSON.stringify(await child(Number(process.argv[at + 1]))));
} else {
  const small = inProcessOfItsOwn(1_000);
  const large = inProcessOfItsOwn(10_000);
  print({
    case: 'sweep-memory',
    peak_rss_mb_1000: small.peak_rss_mb,
    peak_rss_mb_10000: large.peak_rss_mb,
    ratio: round(large.peak_rss_mb / small.peak_rss_mb, 2),
    wall_s_1000: small.wall_s,
    wall_s_10000: large.wall_s,
    target_ratio_max: 1.2,
  });
}
