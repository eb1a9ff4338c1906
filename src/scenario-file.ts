/**
 * What a scenario file imports, as `ai-market-sim/scenario`: `defineScenario`, the distributions
 * of uncertain inputs, the built-in pricing strategies and the types of what it writes. The
 * package's entry (`index.ts`) exports the same and the whole library besides; a scenario file
 * that takes only this loads a fraction of the modules, which every run of a command and every
 * worker of a sweep would otherwise load for nothing.
 *
 * @example
 * import { defineScenario, uniform } from 'ai-market-sim/scenario';
 * import baseline from './baseline.ts';
 *
 * export default defineScenario({
 *   extends: baseline,
 *   name: 'uncertain-efficiency',
 *   uncertain: { 'technology.algorithmicEfficiencyPerYear': uniform(2, 30) },
 * });
 */

export {
  type DiscreteDistribution,
  type Distribution,
  discrete,
  type LogNormalDistribution,
  logNormal,
  type NormalDistribution,
  normal,
  type TriangularDistribution,
  triangular,
  type UniformDistribution,
  uniform,
} from './math/distributions.ts';
export {
  bargainThenHarvest,
  bertrandLogit,
  bertrandTarget,
  costPlus,
  lernerIndex,
} from './model/pricing.ts';
export {
  defineScenario,
  extendScenario,
  type Overrides,
  type ScenarioExtension,
  type ScenarioOverrides,
} from './scenario/define.ts';
export type { PricingStrategy, PricingView } from './scenario/pricing-strategy.ts';
export type { AgentKind, AgentSpec, Scenario, ScenarioInput, Segment } from './scenario/schema.ts';
