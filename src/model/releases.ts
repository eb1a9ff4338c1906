/**
 * Releases (docs/MODEL.md, phase 2): model developers release flagships, and distilled small
 * models, on their cadence at their kind's flagship target (a lab at the research frontier less
 * its gap, an open-weight provider at the frontier of some months ago), plus noise; an
 * `open-weight-release` event releases a model at a given distance from the frontier; a
 * developer that enters brings its initial models. Models retire after their lifetime.
 */

import { monthsBetween } from '../math/calendar.ts';
import { drawNormal, integerBetween, type Uniform } from '../math/random.ts';
import type { ModelDeveloperSpec, Scenario } from '../scenario/schema.ts';
import { flagshipTarget, releasesOpenWeights } from './agent-kinds.ts';
import { inMarket, type RunContext } from './context.ts';
import { eventsAt } from './events.ts';
import { budgetInputs, runWorthTraining, scalingGainPoints, trainingBudgetUsd } from './finance.ts';
import { algorithmicEfficiencyAt, computeUnitsPerMTok } from './technology.ts';
import type { Model, World } from './world.ts';

/** What the month releases, decided from the world as it was. */
export interface MonthReleases {
  /** The models released this month, indexed on from the world's, in release order. */
  readonly released: Model[];
  /** Per developer that released on its cadence: the month of its next release. */
  readonly nextReleaseTick: Map<number, number>;
  /** Per developer that released: how many releases (flagship and small model count as one). */
  readonly releases: Map<number, number>;
}

/**
 * The month's releases. Developers are visited in agent order, then the month's
 * `open-weight-release` events, so the draws from `uniform` (release noise, then the next
 * cadence's jitter) come in that order.
 */
export function releasesThisMonth(
  world: World,
  context: RunContext,
  uniform: Uniform,
): MonthReleases {
  const { tick } = world;
  const released: Model[] = [];
  const schedule = new Map<number, number>();
  const generations = new Map<number, number>();
  const nextModel = () => world.models.length + released.length;
  const releaseFor = (developer: number, spec: ModelDeveloperSpec, target?: number) => {
    const generation = world.agents[developer]!.releases + (generations.get(developer) ?? 0) + 1;
    const models = release(
      world,
      context,
      developer,
      spec,
      generation,
      nextModel(),
      uniform,
      target,
    );
    if (models.length === 0) return; // it could not afford the run
    generations.set(developer, (generations.get(developer) ?? 0) + 1);
    released.push(...models);
  };
  context.developers.forEach((spec, index) => {
    if (!spec) return;
    if (!inMarket(world, index)) return;
    if (tick > 0 && tick === world.agents[index]!.entryTick) {
      released.push(...initialModels(tick, nextModel(), context, index, spec));
    }
    if (tick < world.agents[index]!.nextReleaseTick) return;
    releaseFor(index, spec);
    schedule.set(index, nextReleaseTick(spec, tick, uniform));
  });
  for (const event of eventsAt(context.events, tick, 'open-weight-release')) {
    const developer = context.indexOf.get(event.agent)!;
    const spec = context.developers[developer];
    if (!spec || !releasesOpenWeights(spec) || !inMarket(world, developer)) continue;
    releaseFor(developer, spec, world.technology.researchFrontier - event.gapPoints);
  }
  return { released, nextReleaseTick: schedule, releases: generations };
}

/** The month of a developer's next release after one at `tick`: its cadence, give or take its jitter. */
export function nextReleaseTick(spec: ModelDeveloperSpec, tick: number, uniform: Uniform): number {
  const { cadenceMonths, jitterMonths } = spec.releases;
  const interval = cadenceMonths + integerBetween(uniform, -jitterMonths, jitterMonths);
  return tick + Math.max(1, interval);
}

/** The month of a developer's first release (none for an agent that develops no models). */
export function firstReleaseTick(scenario: Scenario, spec: ModelDeveloperSpec | null): number {
  if (!spec) return Number.POSITIVE_INFINITY;
  return spec.releases.firstRelease === undefined
    ? spec.releases.cadenceMonths
    : monthsBetween(scenario.start, spec.releases.firstRelease);
}

/** A developer's `initialModels`: on the market from the start, or from the month it enters. */
export function initialModels(
  tick: number,
  firstIndex: number,
  context: RunContext,
  developer: number,
  spec: ModelDeveloperSpec,
): Model[] {
  return spec.initialModels.map((model, offset) =>
    newModel(tick, firstIndex + offset, context, developer, spec, {
      name: model.name,
      capability: model.capability,
      tier: model.tier,
      trainingCostUsd: 0,
      ageMonths: model.ageMonths,
      listPriceUsdPerMTok: model.priceUsdPerMTok,
    }),
  );
}

/**
 * A flagship and, when the developer distils one, its small model. The flagship's capability is
 * its target plus the scaling law's gain for its budget over the scheduled one, plus noise; its
 * development cost, amortised from the release, is the final runs' and the research compute's
 * behind them (docs/MODEL.md, "Investment"). None when the developer can afford no run, or, for
 * a release of its own cadence, when the run it can afford is not worth training
 * (`runWorthTraining`); a release an event schedules (`eventTarget`) needs only a budget.
 */
function release(
  world: World,
  context: RunContext,
  developer: number,
  spec: ModelDeveloperSpec,
  generation: number,
  firstIndex: number,
  uniform: Uniform,
  eventTarget?: number,
): Model[] {
  const target = eventTarget ?? flagshipTarget(spec, world.technology, context.scenario);
  const { scenario } = context;
  const noise = drawNormal(uniform) * scenario.capability.releaseNoisePoints;
  const small = spec.releases.smallModel;
  const research = 1 + scenario.finance.researchComputeMultiple;
  const agent = world.agents[developer]!;
  const grossProfit = agent.month.revenueUsd - agent.month.variableCostUsd;
  const inputs = budgetInputs(world, context, developer, agent.cashUsd, grossProfit);
  const { scheduledUsd } = inputs;
  const budgetUsd = trainingBudgetUsd(spec, inputs);
  if (!(budgetUsd > 0)) return [];
  const gain = scalingGainPoints(
    budgetUsd,
    scheduledUsd,
    scenario.capability.pointsPerTenfoldCompute,
  );
  const worth =
    eventTarget !== undefined || runWorthTraining(target + gain, bestOnMarket(world, developer));
  if (!worth) return [];
  const capability = target + gain + noise;
  const trainingCostUsd = budgetUsd * research;
  const name = `${context.agentIds[developer]}-g${generation}`;
  const released = [
    newModel(world.tick, firstIndex, context, developer, spec, {
      name,
      capability,
      tier: 'flagship',
      trainingCostUsd,
    }),
  ];
  if (small) {
    released.push(
      newModel(world.tick, firstIndex + 1, context, developer, spec, {
        name: `${name}-small`,
        capability: capability - small.gapPoints,
        tier: 'small',
        trainingCostUsd: trainingCostUsd * small.trainingCostShare,
      }),
    );
  }
  return released;
}

/**
 * The best capability on the market this month, points: of `developer`'s models, or of every
 * developer's in the market; -Infinity for none.
 */
export function bestOnMarket(world: World, developer?: number): number {
  let best = Number.NEGATIVE_INFINITY;
  for (const model of world.models) {
    if (developer !== undefined && model.developer !== developer) continue;
    if (model.releasedTick > world.tick || model.retiresTick <= world.tick) continue;
    if (inMarket(world, model.developer)) best = Math.max(best, model.capability);
  }
  return best;
}

/** A model released at `tick` (or, with `ageMonths`, one on sale since before it). */
export function newModel(
  tick: number,
  index: number,
  context: RunContext,
  developer: number,
  spec: ModelDeveloperSpec,
  model: {
    name: string;
    capability: number;
    tier: 'flagship' | 'small';
    trainingCostUsd: number;
    ageMonths?: number;
    listPriceUsdPerMTok?: number | undefined;
  },
): Model {
  const releasedTick = tick - (model.ageMonths ?? 0);
  const efficiencyAtRelease = algorithmicEfficiencyAt(context.scenario, releasedTick);
  return Object.freeze({
    index,
    name: model.name,
    developer,
    open: releasesOpenWeights(spec),
    tier: model.tier,
    capability: model.capability,
    releasedTick,
    retiresTick: releasedTick + spec.releases.lifetimeMonths,
    computeUnitsPerMTok: computeUnitsPerMTok(
      context.scenario,
      model.capability,
      efficiencyAtRelease,
    ),
    trainingCostUsd: model.trainingCostUsd,
    amortisationMonths: spec.amortisationMonths,
    listPriceUsdPerMTok: model.listPriceUsdPerMTok,
  });
}
