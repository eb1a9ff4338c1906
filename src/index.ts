/**
 * ai-market-sim: the library API. The CLI is a thin shell over these functions; a notebook or
 * a script can import them too.
 *
 * @example
 * import { loadScenario, runScenario } from 'ai-market-sim';
 * const scenario = await loadScenario('scenarios/baseline.ts');
 * const result = runScenario(scenario, { seed: 1 });
 */

export {
  type Distribution,
  discrete,
  logNormal,
  normal,
  triangular,
  uniform,
} from './design/distributions.ts';
export {
  type Month,
  type RunOptions,
  type RunResult,
  runScenario,
  Simulation,
} from './engine/simulation.ts';
export { InputError } from './errors.ts';
export {
  bargainThenHarvest,
  bertrandLogit,
  bertrandTarget,
  costPlus,
  lernerIndex,
  type PricingStrategy,
  type PricingView,
} from './model/pricing.ts';
export type { AgentRow, MarketRow, SummaryRow } from './output/columns.ts';
export { defineScenario, extendScenario, type Overrides } from './scenario/define.ts';
export { importScenario, loadScenario } from './scenario/load.ts';
export { applyOverrides, type RunOverrides } from './scenario/overrides.ts';
export {
  applySettings,
  getParameter,
  numericParameters,
  withParameter,
} from './scenario/parameters.ts';
export type { AgentKind, AgentSpec, Scenario, ScenarioInput, Segment } from './scenario/schema.ts';
export { validateScenario } from './scenario/validate.ts';
