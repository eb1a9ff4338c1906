/**
 * One large run in a process of its own, so that its peak memory is its own: the baseline at
 * 1,000,000 customers over 120 months. Prints one JSON line.
 */
import { fileURLToPath } from 'node:url';
import { runScenario } from '../src/engine/simulation.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { applyOverrides } from '../src/scenario/overrides.ts';
import { round } from './choice-kernel.ts';

const baseline = await loadScenario(
  fileURLToPath(new URL('../scenarios/baseline.ts', import.meta.url)),
);
const scenario = applyOverrides(baseline, { customers: 1_000_000, months: 120 });
const started = performance.now();
const result = runScenario(scenario, { seed: 1 });
const wallS = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    case: 'run-1m-120',
    customers: scenario.customers,
    months: result.market.length,
    wall_s: round(wallS, 2),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    target_wall_s: 20,
    target_peak_rss_mb: 500,
  }),
);
