/** Shared test fixtures: the baseline scenario, and smaller, faster variants of it. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BASELINE_FILE } from '../src/scenario/library-files.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { applyOverrides, type RunOverrides } from '../src/scenario/overrides.ts';
import type { Scenario } from '../src/scenario/schema.ts';

export const REPO = fileURLToPath(new URL('..', import.meta.url));
export { BASELINE_FILE };
export const CLI = fileURLToPath(new URL('../bin/aisim.js', import.meta.url));

let baseline: Promise<Scenario> | undefined;

/** The baseline as shipped. */
export function loadBaseline(): Promise<Scenario> {
  baseline ??= loadScenario(BASELINE_FILE);
  return baseline;
}

/** The baseline with fewer customers and months, for tests that run it many times. */
export async function smallBaseline(overrides: RunOverrides = {}): Promise<Scenario> {
  return applyOverrides(await loadBaseline(), { customers: 2_000, months: 36, ...overrides });
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real `aisim` command in a child process. */
export function runCli(
  args: readonly string[],
  options: { cwd?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: options.cwd ?? REPO },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The lines of a terminal table block whose first cell is `label`. */
export function linesOf(stdout: string, label: string): string[] {
  return stdout.split('\n').filter((line) => line.startsWith(`${label} `));
}

/**
 * The line `offset` lines below each line whose first cell is `label`: in compare's table a
 * holder's first line is its median, then come its quartiles (1 below) and its mean (2 below).
 */
export function linesBelow(stdout: string, label: string, offset: number): string[] {
  const lines = stdout.split('\n');
  return lines.flatMap((line, index) =>
    line.startsWith(`${label} `) ? [lines[index + offset] ?? ''] : [],
  );
}
