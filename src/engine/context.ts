/**
 * What a run derives once from its scenario: the agents in index order and the lookups the
 * phases share. Immutable for the whole run.
 */
import { tickDates, type YearMonth } from '../model/calendar.ts';
import { type PricingStrategy, strategyFor } from '../model/pricing.ts';
import { type AgentSpec, type Scenario, SEGMENTS } from '../scenario/schema.ts';

export interface RunContext {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly dates: readonly YearMonth[];
  readonly agentIds: readonly string[];
  readonly agentSpecs: readonly AgentSpec[];
  readonly indexOf: ReadonlyMap<string, number>;
  /** Agent indices of the hyperscalers; a customer's home cloud h is `hyperscalers[h]`. */
  readonly hyperscalers: readonly number[];
  /** Each agent's pricing strategy for its token offers, and for its product (or null). */
  readonly pricing: readonly PricingStrategy[];
  readonly productPricing: readonly (PricingStrategy | null)[];
  /** Mean price sensitivity of customers, for offers that have none of their own yet. */
  readonly meanPriceSensitivity: number;
  /** Per agent: the partner that takes a share of all revenue on its models, or null. */
  readonly revenueShares: readonly ({ readonly partner: number; readonly share: number } | null)[];
}

export function createContext(scenario: Scenario, seed: number, months?: number): RunContext {
  const agentIds = Object.keys(scenario.agents);
  const agentSpecs = agentIds.map((id) => scenario.agents[id]!);
  const allDates = tickDates(scenario.start, scenario.end);
  return {
    scenario,
    seed,
    dates: months === undefined ? allDates : allDates.slice(0, months),
    agentIds,
    agentSpecs,
    indexOf: new Map(agentIds.map((id, index) => [id, index])),
    hyperscalers: agentSpecs.flatMap((spec, index) => (spec.kind === 'hyperscaler' ? [index] : [])),
    pricing: agentSpecs.map((spec) => strategyFor(spec.pricing)),
    productPricing: agentSpecs.map((spec) =>
      (spec.kind === 'lab' || spec.kind === 'aggregator') && spec.product
        ? strategyFor(spec.product.pricing)
        : null,
    ),
    meanPriceSensitivity: meanPriceSensitivity(scenario),
    revenueShares: agentSpecs.map((spec) =>
      spec.kind === 'lab' && spec.compute.partner && spec.compute.from !== null
        ? { partner: agentIds.indexOf(spec.compute.from), share: spec.compute.revenueShare }
        : null,
    ),
  };
}

/** The log-normal mean of each segment's price sensitivity, weighted by simulated customers. */
function meanPriceSensitivity(scenario: Scenario): number {
  let weighted = 0;
  let total = 0;
  for (const name of SEGMENTS) {
    const { agentShare, priceSensitivity } = scenario.demand.segments[name];
    weighted += agentShare * priceSensitivity.median * Math.exp(priceSensitivity.sigma ** 2 / 2);
    total += agentShare;
  }
  return weighted / total;
}
