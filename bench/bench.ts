/**
 * `npm run bench`: the speed and memory figures, one JSON object per line, each with a "case".
 * Name cases to run only those: `npm run bench -- choice-kernel run-baseline-10k`.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runScenario } from '../src/engine/simulation.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { choiceKernelCase, round } from './choice-kernel.ts';

const baselineFile = fileURLToPath(new URL('../scenarios/baseline.ts', import.meta.url));
const wanted = new Set(process.argv.slice(2));
const selected = (name: string) => wanted.size === 0 || wanted.has(name);
const baseline = await loadScenario(baselineFile);

if (selected('choice-kernel')) print(choiceKernelCase(baseline));

if (selected('run-baseline-10k')) {
  const times: number[] = [];
  for (let repeat = 0; repeat < 6; repeat++) {
    const started = performance.now();
    runScenario(baseline, { seed: repeat + 1 });
    times.push(performance.now() - started);
  }
  const warm = times.slice(1).sort((a, b) => a - b);
  print({
    case: 'run-baseline-10k',
    customers: baseline.customers,
    horizon: `${baseline.start} to ${baseline.end}`,
    wall_ms: round(warm[Math.floor(warm.length / 2)]!),
    first_run_ms: round(times[0]!),
    target_wall_ms: 150,
  });
}

if (selected('run-1m-120')) {
  const script = fileURLToPath(new URL('./run-large.ts', import.meta.url));
  const output = execFileSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' });
  process.stdout.write(output);
}

function print(figures: Record<string, unknown>): void {
  console.log(JSON.stringify(figures));
}
