/**
 * What a run derives once from its scenario: the agents in index order and the lookups the
 * phases share, among them what each agent's kind makes it do (`agent-kinds.ts`), by agent
 * index. Immutable for the whole run.
 */
import { tickDates, type YearMonth } from '../math/calendar.ts';
import type { PricingStrategy } from '../scenario/pricing-strategy.ts';
import {
  type AgentSpec,
  type HyperscalerSpec,
  type ModelDeveloperSpec,
  type Scenario,
  SEGMENTS,
} from '../scenario/schema.ts';
import {
  acceleratorMarginOf,
  type ComputeSupply,
  cloudOf,
  computeSupply,
  developerSpec,
  type Product,
  productOf,
  revenueShareTerms,
} from './agent-kinds.ts';
import { type TimedEvent, timedEvents } from './events.ts';
import { strategyFor } from './pricing.ts';
import type { World } from './world.ts';

export interface RunContext {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly dates: readonly YearMonth[];
  readonly agentIds: readonly string[];
  readonly agentSpecs: readonly AgentSpec[];
  readonly indexOf: ReadonlyMap<string, number>;
  /** Per agent: its spec as a model developer's, or null if it develops no models. */
  readonly developers: readonly (ModelDeveloperSpec | null)[];
  /** Per agent: its product and where the product gets its tokens, or null. */
  readonly products: readonly (Product | null)[];
  /** Per agent: where the compute that serves its offers comes from. */
  readonly computeSupplies: readonly ComputeSupply[];
  /** Per agent: its cloud (datacenters, tenants, enterprise base), or null. */
  readonly clouds: readonly (HyperscalerSpec | null)[];
  /** Agent indices of the hyperscalers; a customer's home cloud h is `hyperscalers[h]`. */
  readonly hyperscalers: readonly number[];
  /**
   * Each agent's pricing strategy for its token offers, and for its product (undefined without
   * one); null prices in the month's Bertrand-Nash equilibrium.
   */
  readonly pricing: readonly (PricingStrategy | null)[];
  readonly productPricing: readonly (PricingStrategy | null | undefined)[];
  /** Mean price sensitivity of customers, for offers that have none of their own yet. */
  readonly meanPriceSensitivity: number;
  /** The scenario's events, with the month each happens in, in date order. */
  readonly events: readonly TimedEvent[];
  /**
   * Per agent: the month it enters the market as scheduled: 0 unless an `entry` event says
   * otherwise, never (Infinity) for a potential entrant, which enters when entry pays.
   */
  readonly entryTick: readonly number[];
  /** Per agent: the partner that takes a share of all revenue on its models, or null. */
  readonly revenueShares: readonly ({ readonly partner: number; readonly share: number } | null)[];
  /** The chip vendor that sells the accelerators of every capacity order, or null (none). */
  readonly chipVendor: { readonly agent: number; readonly grossMargin: number } | null;
}

export function createContext(scenario: Scenario, seed: number, months?: number): RunContext {
  const agentIds = Object.keys(scenario.agents);
  const events = timedEvents(scenario);
  const entryTick = agentIds
    .map((id) =>
      Math.min(
        ...events
          .filter(({ event }) => event.kind === 'entry' && event.agent === id)
          .map((e) => e.tick),
        Number.POSITIVE_INFINITY,
      ),
    )
    .map((tick) => (Number.isFinite(tick) ? tick : 0));
  const agentSpecs = agentIds.map((id) => scenario.agents[id]!);
  agentSpecs.forEach((spec, index) => {
    if (developerSpec(spec)?.entry) entryTick[index] = Number.POSITIVE_INFINITY;
  });
  const allDates = tickDates(scenario.start, scenario.end);
  const indexOf = new Map(agentIds.map((id, index) => [id, index]));
  const products = agentSpecs.map(productOf);
  const clouds = agentSpecs.map(cloudOf);
  return {
    scenario,
    seed,
    dates: months === undefined ? allDates : allDates.slice(0, months),
    agentIds,
    agentSpecs,
    indexOf,
    developers: agentSpecs.map(developerSpec),
    products,
    computeSupplies: agentSpecs.map(computeSupply),
    clouds,
    hyperscalers: clouds.flatMap((cloud, index) => (cloud ? [index] : [])),
    pricing: agentSpecs.map((spec) => strategyFor(spec.pricing)),
    productPricing: products.map((product) =>
      product ? strategyFor(product.spec.pricing) : undefined,
    ),
    meanPriceSensitivity: meanPriceSensitivity(scenario),
    events,
    entryTick,
    revenueShares: agentSpecs.map((spec) => revenueShareTerms(spec, indexOf)),
    chipVendor: chipVendorOf(agentSpecs),
  };
}

/** The scenario's chip vendor (the schema allows at most one) and its margin, or null. */
function chipVendorOf(specs: readonly AgentSpec[]): RunContext['chipVendor'] {
  for (let agent = 0; agent < specs.length; agent++) {
    const grossMargin = acceleratorMarginOf(specs[agent]!);
    if (grossMargin !== null) return { agent, grossMargin };
  }
  return null;
}

/** Whether an agent is in the market this month as scheduled (it may enter later, by an `entry` event). */
export function isActive(context: RunContext, agent: number, tick: number): boolean {
  return tick >= context.entryTick[agent]!;
}

/**
 * Whether an agent trades this month: it has entered (as scheduled, or when entry paid), and has
 * not exited nor been acquired.
 */
export function inMarket(world: World, agent: number): boolean {
  const state = world.agents[agent]!;
  return world.tick >= state.entryTick && state.status === 'active';
}

/** Whether an agent's product buys its tokens wholesale from another seller's offer. */
export function buysWholesale(context: RunContext, agent: number): boolean {
  return context.products[agent]?.supply.from === 'wholesale';
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
