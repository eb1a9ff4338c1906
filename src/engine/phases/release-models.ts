/**
 * Phase 2: releases and retirements. The model decides the month's releases
 * (`model/releases.ts`) and which offers open and close (`model/offers.ts`); the phase puts
 * them in the world in one immer update.
 */

import type { Uniform } from '../../math/random.ts';
import type { RunContext } from '../../model/context.ts';
import { openingOffers, retiringOffers } from '../../model/offers.ts';
import { releasesThisMonth } from '../../model/releases.ts';
import { copyOfOffers, type Model, type Offer, offerWith, type World } from '../../model/world.ts';
import { produce } from '../immer.ts';

export function releaseModels(world: World, context: RunContext, uniform: Uniform): World {
  const { released, nextReleaseTick, releases } = releasesThisMonth(world, context, uniform);
  const models = released.length === 0 ? world.models : world.models.concat(released);
  const retiring = retiringOffers(world, models);
  const { opened, productOffers } = openingOffers(world, context, models, released);
  if (
    nextReleaseTick.size === 0 &&
    releases.size === 0 &&
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
    for (const [index, next] of nextReleaseTick) draft.agents[index]!.nextReleaseTick = next;
    for (const [index, count] of releases) draft.agents[index]!.releases += count;
    for (const [index, offer] of productOffers) draft.agents[index]!.productOffer = offer;
  });
}
