/** Fixtures for sweep tests: the uncertain baseline, and the CLI with a clean job environment. */
import { execFile, spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI, type CliResult, REPO } from '../helpers.ts';

export const UNCERTAIN_FILE = fileURLToPath(
  new URL('../../scenarios/sweeps/uncertain-baseline.ts', import.meta.url),
);
export const SWEEP_FOLDER = 'uncertain-baseline-sweep';
/** The uncertain baseline with five uncertain inputs (test/fixtures/small-sweep.ts), and its folder. */
export const SMALL_SWEEP_FILE = fileURLToPath(
  new URL('../fixtures/small-sweep.ts', import.meta.url),
);
export const SMALL_SWEEP_FOLDER = 'small-sweep-sweep';

/** The variables that choose a shard: never inherited from the machine the tests run on. */
const JOB_VARIABLES = [
  'JOB_COMPLETION_INDEX',
  'AISIM_SHARD_COUNT',
  'SLURM_ARRAY_TASK_ID',
  'SLURM_ARRAY_TASK_MIN',
  'SLURM_ARRAY_TASK_COUNT',
];

export function cleanEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const environment = { ...process.env };
  for (const name of JOB_VARIABLES) delete environment[name];
  return { ...environment, ...extra };
}

/** Runs `aisim <args>` in a child process with only `extra` job variables set. */
export function aisim(
  args: readonly string[],
  extra: Record<string, string> = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: REPO, env: cleanEnvironment(extra), maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Starts `aisim <args>` and returns the child, for tests that interrupt it. */
export function startAisim(args: readonly string[]) {
  return spawn(process.execPath, [CLI, ...args], {
    cwd: REPO,
    env: cleanEnvironment(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Every file under a folder with its bytes, to show that nothing changed. */
export function snapshot(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[path.slice(folder.length + 1)] = readFileSync(path, 'latin1');
    }
  };
  walk(folder);
  return files;
}

/** runs.csv as a header and rows of cells. */
export function readRuns(file: string): { header: string[]; rows: string[][] } {
  const [header, ...rows] = readFileSync(file, 'utf8').trimEnd().split('\n');
  return { header: header!.split(','), rows: rows.map((row) => row.split(',')) };
}
