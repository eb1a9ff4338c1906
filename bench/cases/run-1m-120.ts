/** The baseline at 1,000,000 customers over 120 months: wall time and peak memory. */
import { runScenario } from '../../src/engine/simulation.ts';
import { applyOverrides } from '../../src/scenario/overrides.ts';
import { loadBaseline, print, round } from '../figures.ts';

const baseline = await loadBaseline();
const scenario = applyOverrides(baseline, { customers: 1_000_000, months: 120 });
const started = performance.now();
const result = runScenario(scenario, { seed: 1 });
print({
  case: 'run-1m-120',
  customers: scenario.customers,
  months: result.market.length,
  wall_s: round((performance.now() - started) / 1000, 2),
  peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  target_wall_s: 20,
  target_peak_rss_mb: 500,
});
