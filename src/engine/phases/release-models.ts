/**
 * Phase 2: releases and retirements. Labs release flagships (and distilled small models) on
 * their cadence at the research frontier less their gap; open-weight providers release at the
 * frontier of `lag` months ago. Models retire after their lifetime. The month's offers follow
 * from the models on sale and who may sell them.
 */

import { monthsBetween } from '../../math/calendar.ts';
import { integerBetween, normal, type Uniform } from '../../math/random.ts';
import {
  flagshipTarget,
  openModelChannel,
  ownModelSellers,
  releasesOpenWeights,
} from '../../model/agent-kinds.ts';
import { eventsAt, isActive, type RunContext } from '../../model/context.ts';
import { computeUnitsPerMTok } from '../../model/technology.ts';
import { copyOfOffers, type Model, type Offer, offerWith, type World } from '../../model/world.ts';
import type { Channel } from '../../scenario/pricing-strategy.ts';
import type { ModelDeveloperSpec, Scenario } from '../../scenario/schema.ts';
import { produce } from '../immer.ts';

export function releaseModels(world: World, context: RunContext, uniform: Uniform): World {
  const { tick } = world;
  // The month's releases, retirements and new offers, decided from the world as it was; they
  // change it in one immer update at the end.
  const released: Model[] = [];
  const schedule = new Map<number, number>();
  const generations = new Map<number, number>();
  const nextModel = () => world.models.length + released.length;
  const releaseFor = (developer: number, spec: ModelDeveloperSpec, target?: number) => {
    const generation = world.agents[developer]!.releases + (generations.get(developer) ?? 0) + 1;
    generations.set(developer, (generations.get(developer) ?? 0) + 1);
    released.push(
      ...release(world, context, developer, spec, generation, nextModel(), uniform, target),
    );
  };
  context.developers.forEach((spec, index) => {
    if (!spec) return;
    if (!isActive(context, index, tick)) return;
    if (tick > 0 && tick === context.entryTick[index]) {
      released.push(...initialModels(tick, nextModel(), context, index, spec));
    }
    if (tick < world.agents[index]!.nextReleaseTick) return;
    releaseFor(index, spec);
    const { cadenceMonths, jitterMonths } = spec.releases;
    const interval = cadenceMonths + integerBetween(uniform, -jitterMonths, jitterMonths);
    schedule.set(index, tick + Math.max(1, interval));
  });
  for (const event of eventsAt(context, tick, 'open-weight-release')) {
    const developer = context.indexOf.get(event.agent)!;
    const spec = context.developers[developer];
    if (!spec || !releasesOpenWeights(spec) || !isActive(context, developer, tick)) continue;
    releaseFor(developer, spec, world.technology.researchFrontier - event.gapPoints);
  }
  const models = released.length === 0 ? world.models : world.models.concat(released);

  const retiring: number[] = [];
  for (let o = 0; o < world.offers.length; o++) {
    const offer = world.offers[o]!;
    if (offer.active && offer.channel !== 'product' && models[offer.model]!.retiresTick <= tick) {
      retiring.push(o);
    }
  }
  const opened: Offer[] = [];
  const productOffers = new Map<number, number>();
  // Offers open with their model: all models on the first month, later only this month's; a
  // seller that enters this month opens offers for every model on the market.
  const opening = tick === 0 ? models : released;
  const entering = context.agentIds.flatMap((_, index) =>
    tick > 0 && context.entryTick[index] === tick ? [index] : [],
  );
  listOffers(world, context, opening, opened, productOffers);
  if (entering.length > 0) {
    const onMarket = models.filter((m) => m.releasedTick <= tick && tick < m.retiresTick);
    for (const seller of entering) {
      listOffers(world, context, onMarket, opened, productOffers, seller);
    }
  }
  if (
    schedule.size === 0 &&
    generations.size === 0 &&
    released.length === 0 &&
    retiring.length === 0 &&
    opened.length === 0
  ) {
    return world;
  }
  return produce(world, (draft) => {
    if (released.length > 0) draft.models = Object.freeze(models) as Model[];
    if (retiring.length > 0 || opened.length > 0) {
      const offers = copyOfOffers(world);
      for (const index of retiring) offers[index] = offerWith(offers[index]!, { active: false });
      for (const offer of opened) offers.push(offer);
      draft.offers = Object.freeze(offers) as Offer[];
    }
    for (const [index, next] of schedule) draft.agents[index]!.nextReleaseTick = next;
    for (const [index, count] of generations) draft.agents[index]!.releases += count;
    for (const [index, offer] of productOffers) draft.agents[index]!.productOffer = offer;
  });
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

/** A flagship and, when the developer distils one, its small model. */
function release(
  world: World,
  context: RunContext,
  developer: number,
  spec: ModelDeveloperSpec,
  generation: number,
  firstIndex: number,
  uniform: Uniform,
  target = flagshipTarget(spec, world.technology, context.scenario),
): Model[] {
  const noise = normal(uniform) * context.scenario.capability.releaseNoisePoints;
  const capability = target + noise;
  const trainingCostUsd = spec.trainingCostUsd * world.technology.trainingCostIndex;
  const name = `${context.agentIds[developer]}-g${generation}`;
  const released = [
    newModel(world.tick, firstIndex, context, developer, spec, {
      name,
      capability,
      tier: 'flagship',
      trainingCostUsd,
    }),
  ];
  const small = spec.releases.smallModel;
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
  const { algorithmicEfficiencyPerYear } = context.scenario.technology;
  const efficiencyAtRelease = algorithmicEfficiencyPerYear ** (releasedTick / 12);
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

/**
 * Lists the offers of newly released models in `opened` (they follow the world's offers, in
 * order): a lab sells its models through its API and its partner's cloud; open weights are sold
 * by every hyperscaler that hosts open models, every host, and their developer if it hosts.
 * Aggregators and labs with a product open its offer once (`productOffers` receives them).
 */
function listOffers(
  world: World,
  context: RunContext,
  models: readonly Model[],
  opened: Offer[],
  productOffers: Map<number, number>,
  onlySeller?: number,
): void {
  const nextOffer = () => world.offers.length + opened.length;
  const open = (seller: number, model: Model, channel: Channel, resale = false) => {
    if (!isActive(context, seller, world.tick)) return;
    if (onlySeller !== undefined && seller !== onlySeller) return;
    const key = `${context.agentIds[seller]}/${model.name}/${channel}`;
    const developerBrand = context.agentSpecs[model.developer]!.brandUtility;
    const sellerBrand = seller === model.developer ? 0 : context.agentSpecs[seller]!.brandUtility;
    opened.push(
      newOffer(nextOffer(), {
        key,
        seller,
        channel,
        model: model.index,
        resale,
        brandUtility: developerBrand + sellerBrand,
        lockIn: 1,
        launchedTick: model.releasedTick,
        priceUsdPerMTok: model.listPriceUsdPerMTok,
      }),
    );
  };
  for (const model of models) {
    if (model.retiresTick <= world.tick || model.releasedTick > world.tick) continue;
    const developer = context.agentSpecs[model.developer]!;
    for (const { seller, channel, resale } of ownModelSellers(
      developer,
      model.developer,
      context.indexOf,
    )) {
      open(seller, model, channel, resale);
    }
    if (!model.open) continue;
    context.agentSpecs.forEach((spec, seller) => {
      const channel = openModelChannel(spec);
      if (channel) open(seller, model, channel);
    });
  }
  context.products.forEach((product, seller) => {
    if (!product || world.agents[seller]!.productOffer >= 0 || productOffers.has(seller)) return;
    if (!isActive(context, seller, world.tick)) return;
    productOffers.set(seller, nextOffer());
    opened.push(
      newOffer(nextOffer(), {
        key: `${context.agentIds[seller]}/product`,
        seller,
        channel: 'product',
        model: -1,
        resale: false,
        brandUtility: product.spec.brandUtility,
        lockIn: product.spec.lockIn,
        launchedTick: world.tick,
        priceUsdPerMTok: product.spec.initialPriceUsdPerMTok,
      }),
    );
  });
}

function newOffer(
  index: number,
  offer: Pick<
    Offer,
    'key' | 'seller' | 'channel' | 'model' | 'resale' | 'brandUtility' | 'lockIn' | 'launchedTick'
  > & { priceUsdPerMTok: number | undefined },
): Offer {
  return offerWith({
    index,
    key: offer.key,
    seller: offer.seller,
    channel: offer.channel,
    model: offer.model,
    resale: offer.resale,
    active: true,
    launchedTick: offer.launchedTick,
    // NaN until the seller prices its launch, unless a list price carries over from the start.
    priceUsdPerMTok: offer.priceUsdPerMTok ?? Number.NaN,
    unitCostUsdPerMTok: 0,
    brandUtility: offer.brandUtility,
    lockIn: offer.lockIn,
    share: 0,
    tokensMTok: 0,
    lockInUsdPerMTok: 0,
    priceSensitivity: Number.NaN,
  });
}

/** The month of a developer's first release (none for an agent that develops no models). */
export function firstReleaseTick(scenario: Scenario, spec: ModelDeveloperSpec | null): number {
  if (!spec) return Number.POSITIVE_INFINITY;
  return spec.releases.firstRelease === undefined
    ? spec.releases.cadenceMonths
    : monthsBetween(scenario.start, spec.releases.firstRelease);
}
