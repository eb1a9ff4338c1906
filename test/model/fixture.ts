/**
 * Small hand-made inputs for the model's functions: the baseline's run context (or a variant's,
 * by parameter settings), and a world at a given month built from the model's own pieces.
 */

import { createStreams } from '../../src/math/random.ts';
import { countAtLeast } from '../../src/math/search.ts';
import { openingComputeMonth } from '../../src/model/capacity.ts';
import type { ChoiceMarket } from '../../src/model/choice.ts';
import { createContext, type RunContext } from '../../src/model/context.ts';
import { openingCashUsd } from '../../src/model/finance.ts';
import { openingOffers } from '../../src/model/offers.ts';
import { createPopulation, type Population } from '../../src/model/population.ts';
import { initialModels } from '../../src/model/releases.ts';
import { technologyAt } from '../../src/model/technology.ts';
import {
  type AgentState,
  type Model,
  NO_UPSTREAM,
  newAgentState,
  type Offer,
  offerWith,
  type World,
} from '../../src/model/world.ts';
import { withParameter } from '../../src/scenario/parameters.ts';
import {
  type Scenario,
  SEGMENTS,
  type Segment,
  type SegmentSpec,
} from '../../src/scenario/schema.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { smallBaseline } from '../helpers.ts';

/** The baseline's context, with `settings` (parameter path -> value) applied. */
export async function baselineContext(settings: Record<string, unknown> = {}): Promise<RunContext> {
  const scenario = Object.entries(settings).reduce<Scenario>(
    (s, [path, value]) => withParameter(s, path, value),
    await smallBaseline(),
  );
  return createContext(validateScenario(scenario, 'model test'), 1);
}

/** Open-weight models on the market from the start (the baseline has none until 2023). */
export const OPEN_MODELS_AT_START = {
  'agents.meta.initialModels': [{ name: 'llama', capability: 1050 }],
  'agents.mistral.initialModels': [{ name: 'mistral-7b', capability: 1000 }],
};

/** Agents as they stand before any month: no releases, no capacity, no books. */
export function freshAgents(context: RunContext): AgentState[] {
  return context.agentSpecs.map((spec, index) =>
    newAgentState(
      context.agentIds[index]!,
      spec.kind,
      index,
      Number.POSITIVE_INFINITY,
      openingCashUsd(spec.cashUsd, context.developers[index]!),
      context.entryTick[index],
    ),
  );
}

/** A world at `tick` with the given models and offers (by default none). */
export function worldAt(
  context: RunContext,
  tick: number,
  models: Model[] = [],
  offers: Offer[] = [],
): World {
  return {
    tick,
    date: context.dates[tick]!,
    technology: technologyAt(context.scenario, tick),
    computeCostMultiplier: 1,
    switchingCostMultiplier: 1,
    compute: openingComputeMonth(context.scenario, technologyAt(context.scenario, 0)),
    models,
    offers,
    agents: freshAgents(context),
  };
}

/** The first month's world: every developer's initial models, and the offers they open. */
export function firstMonth(context: RunContext): World {
  const models: Model[] = [];
  context.developers.forEach((developer, index) => {
    if (developer) models.push(...initialModels(0, models.length, context, index, developer));
  });
  const world = worldAt(context, 0, models);
  const { opened, productOffers } = openingOffers(world, context, models, []);
  const agents = world.agents.map((agent) => ({
    ...agent,
    productOffer: productOffers.get(agent.index) ?? NO_UPSTREAM,
  }));
  return { ...world, offers: opened, agents };
}

/** The context's customer population, drawn as a run with seed 1 would. */
export function populationOf(context: RunContext): Population {
  const cloudShares = context.hyperscalers.map(
    (index) => context.clouds[index]!.enterpriseBaseShare,
  );
  return createPopulation(context.scenario, cloudShares, createStreams(1).population);
}

/**
 * A hand-made market's model `index`: a flagship of `developer` at 2,000 points, a compute unit
 * a million tokens, on sale from the start and never retired within a test.
 */
export function handMadeModel(index: number, developer: number): Model {
  return {
    index,
    name: `m${index}`,
    developer,
    open: false,
    tier: 'flagship',
    capability: 2_000,
    releasedTick: 0,
    retiresTick: 1_000,
    computeUnitsPerMTok: 1,
    trainingCostUsd: 0,
    amortisationMonths: 12,
    listPriceUsdPerMTok: undefined,
  };
}

/** A hand-made market's API offer `index` of model `index` by `seller`, at $5 a million tokens. */
export function handMadeOffer(
  index: number,
  seller: number,
  brandUtility: number,
  active = true,
): Offer {
  return offerWith({
    index,
    key: `offer-${index}`,
    seller,
    channel: 'api',
    model: index,
    resale: false,
    active,
    launchedTick: 0,
    priceUsdPerMTok: 5,
    unitCostUsdPerMTok: 0,
    brandUtility,
    lockIn: 1,
    share: 0,
    tokensMTok: 0,
    lockInUsdPerMTok: 0,
    priceSensitivity: Number.NaN,
  });
}

/**
 * A hand-made market at month `tick` (dated 2024-11 unless `changes` says otherwise): its
 * models and offers, no agents.
 */
export function handMadeWorld(
  scenario: Scenario,
  tick: number,
  models: Model[],
  offers: Offer[],
  changes: Partial<World> = {},
): World {
  return {
    tick,
    date: '2024-11',
    technology: technologyAt(scenario, tick),
    computeCostMultiplier: 1,
    switchingCostMultiplier: 1,
    compute: openingComputeMonth(scenario, technologyAt(scenario, 0)),
    models,
    offers,
    agents: [],
    ...changes,
  };
}

/**
 * The small baseline as a hand-made market's scenario: in every segment everyone can use every
 * API offer on sale, buying nothing is never worth it, everyone re-evaluates every month and is
 * in the market from the start; `segment(name)` adds or overrides a segment's settings.
 */
export async function handMadeScenario(
  customers: number,
  segment: (name: Segment) => Partial<SegmentSpec> = () => ({}),
): Promise<Scenario> {
  const base = await smallBaseline();
  const segments = { ...base.demand.segments };
  for (const name of SEGMENTS) {
    segments[name] = {
      ...segments[name],
      requirement: { mean: 0, sd: 0 },
      willingnessToPayUsdPerMTok: { median: 1_000, sigma: 0 },
      qualityUtilityPerPoint: 0,
      productUtility: 0,
      cloudUtility: 0,
      outsideOptionUsdPerMTok: 1e9,
      channels: ['api'],
      multiHomingShare: 0,
      reevaluationPerMonth: 1,
      adoptionGrowthPerYear: 0,
      ...segment(name),
    };
  }
  return { ...base, customers, demand: { ...base.demand, segments } };
}

/**
 * Customer i's monthly spend, X(P) P at its menu's price index (docs/MODEL.md, "Welfare from
 * the choice model"), computed here from the menu's row, nothing above its willingness to pay.
 */
export function menuSpendUsd(
  market: ChoiceMarket,
  population: Population,
  i: number,
  segment: number,
): number {
  const need = population.requirement[i]! + market.requirementShift;
  const { menus } = market;
  const row = menus.row(
    population.tasteGroup[i]!,
    countAtLeast(market.capabilityDescending, market.slots, need),
  );
  if (menus.priceIndex[row]! > population.willingnessToPay[i]!) return 0;
  return market.volumeMultiplier[segment]! * population.demandScale[i]! * menus.spend[row]!;
}
