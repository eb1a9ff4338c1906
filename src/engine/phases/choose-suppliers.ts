/**
 * Phase 4: customers re-evaluate and choose. Builds the month's choice market (the logit
 * weights of every taste group for every offer on sale) and runs the choice kernel over the
 * population.
 */
import {
  type ChoiceMarket,
  type ChoiceScratch,
  type ChoiceTally,
  chooseSuppliers,
  createTally,
} from '../../model/choice.ts';
import { surplusFactor, volumeFactor } from '../../model/demand.ts';
import { SEGMENTS } from '../../scenario/schema.ts';
import type { RunContext } from '../context.ts';
import type { Population } from '../population.ts';
import type { RandomStreams } from '../rng.ts';
import { activeOffers, type World } from '../world.ts';

export function chooseSuppliersPhase(
  world: World,
  context: RunContext,
  population: Population,
  streams: RandomStreams,
  scratch: ChoiceScratch,
): { market: ChoiceMarket; tally: ChoiceTally } {
  population.byOffer.update(world.offers);
  const market = choiceMarket(world, context, population);
  const tally = createTally(SEGMENTS.length, market.slots);
  chooseSuppliers(market, population, streams.reevaluation, streams.choice, tally, scratch);
  return { market, tally };
}

/**
 * The logit utility of offer k for taste group g (segment s, sensitivity alpha, home cloud h):
 *   V = brand_k + productUtility_s [k a product] + cloudUtility_s [k sold by h's cloud]
 *       + quality_s (capability_k - best capability) - alpha ln price_k,
 * and of the outside option, V0 = -alpha ln outsidePrice_s; both are kept less their maximum over
 * the group, and the logit weights are their exponentials.
 */
export function choiceMarket(
  world: World,
  context: RunContext,
  population: Population,
): ChoiceMarket {
  const { scenario, hyperscalers } = context;
  const offers = activeOffers(world).sort(
    (a, b) => a.priceUsdPerMTok - b.priceUsdPerMTok || a.index - b.index,
  );
  const byCapability = offers
    .map((offer, slot) => ({ slot, capability: world.models[offer.model]!.capability }))
    .sort((a, b) => b.capability - a.capability || a.slot - b.slot);
  const capabilityRank = new Int32Array(offers.length);
  byCapability.forEach(({ slot }, rank) => {
    capabilityRank[slot] = rank;
  });
  const slots = offers.length;
  const groups = population.groupPriceSensitivity.length;
  const elasticity = scenario.demand.priceElasticity;

  const slotOf = new Int32Array(world.offers.length).fill(-1);
  const offerOf = new Int32Array(slots);
  const capability = new Float64Array(slots);
  const price = new Float64Array(slots);
  const logPrice = new Float64Array(slots);
  const seller = new Int32Array(slots);
  const volume = new Float64Array(slots);
  const surplus = new Float64Array(slots);
  const heldCapability = new Float64Array(world.offers.length + 1).fill(Number.NEGATIVE_INFINITY);
  const heldPrice = new Float64Array(world.offers.length + 1);
  heldCapability[0] = Number.POSITIVE_INFINITY;
  heldPrice[0] = Number.NEGATIVE_INFINITY;
  let best = Number.NEGATIVE_INFINITY;
  offers.forEach((offer, k) => {
    slotOf[offer.index] = k;
    offerOf[k] = offer.index;
    capability[k] = world.models[offer.model]!.capability;
    price[k] = offer.priceUsdPerMTok;
    logPrice[k] = Math.log(offer.priceUsdPerMTok);
    seller[k] = offer.seller;
    heldCapability[offer.index + 1] = capability[k]!;
    heldPrice[offer.index + 1] = offer.priceUsdPerMTok;
    volume[k] = volumeFactor(offer.priceUsdPerMTok, elasticity);
    surplus[k] = surplusFactor(offer.priceUsdPerMTok, elasticity);
    best = Math.max(best, capability[k]!);
  });

  // Utility terms that do not depend on the taste group, per segment and slot.
  const base = new Float64Array(SEGMENTS.length * slots);
  const allowed = new Uint8Array(SEGMENTS.length * slots);
  const cloudSeller = new Int32Array(slots).fill(-1);
  SEGMENTS.forEach((name, s) => {
    const spec = scenario.demand.segments[name];
    offers.forEach((offer, k) => {
      allowed[s * slots + k] = spec.channels.includes(offer.channel) ? 1 : 0;
      base[s * slots + k] =
        offer.brandUtility +
        spec.qualityUtilityPerPoint * (capability[k]! - best) +
        (offer.channel === 'product' ? spec.productUtility : 0);
      if (offer.channel === 'cloud') cloudSeller[k] = offer.seller;
    });
  });

  const weight = new Float64Array(groups * slots);
  const utility = new Float64Array(groups * slots);
  const outsideWeight = new Float64Array(groups);
  for (let g = 0; g < groups; g++) {
    const row = g * slots;
    const s = population.groupSegment[g]!;
    const home = population.groupHomeCloud[g]!;
    const homeSeller = home >= 0 ? hyperscalers[home]! : -1;
    const spec = scenario.demand.segments[SEGMENTS[s]!];
    const alpha = population.groupPriceSensitivity[g]!;
    const outside = -alpha * Math.log(spec.outsideOptionUsdPerMTok);
    let top = outside;
    for (let k = 0; k < slots; k++) {
      const cloud = cloudSeller[k] === homeSeller && homeSeller >= 0 ? spec.cloudUtility : 0;
      const v = base[s * slots + k]! + cloud - alpha * logPrice[k]!;
      utility[row + k] = v;
      if (v > top && allowed[s * slots + k] === 1) top = v;
    }
    for (let k = 0; k < slots; k++) {
      utility[row + k] = utility[row + k]! - top;
      // A channel the segment does not buy through carries no weight: it is never chosen.
      weight[row + k] = allowed[s * slots + k] === 1 ? Math.exp(utility[row + k]!) : 0;
    }
    outsideWeight[g] = Math.exp(outside - top);
  }

  return {
    slots,
    slotOf,
    offerOf,
    heldCapability,
    heldPrice,
    capability,
    price,
    capabilityDescending: Float64Array.from(byCapability, ({ capability }) => capability),
    capabilityRank,
    seller,
    sellerOfOffer: population.byOffer.seller,
    lockInOfOffer: population.byOffer.lockIn,
    groups,
    utility,
    weight,
    outsideWeight,
    inverseSensitivity: Float64Array.from(population.groupPriceSensitivity, (alpha) => 1 / alpha),
    volumeFactor: volume,
    surplusFactor: surplus,
    volumeMultiplier: Float64Array.from(
      SEGMENTS,
      (name) => (1 + scenario.demand.segments[name].volumeGrowthPerYear) ** world.technology.years,
    ),
    reevaluationPerMonth: Float64Array.from(
      SEGMENTS,
      (name) => scenario.demand.segments[name].reevaluationPerMonth,
    ),
    secondaryVolumeShare: Float64Array.from(
      SEGMENTS,
      (name) => scenario.demand.segments[name].secondaryVolumeShare,
    ),
    requirementShift: world.technology.requirementShift,
    firstMonth: world.tick === 0,
    switchingCostMultiplier: world.switchingCostMultiplier,
    paybackMonths: scenario.demand.paybackMonths,
  };
}
