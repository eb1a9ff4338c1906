/**
 * The choice market: what the choice kernel (`choice.ts`) needs of one month's offers, built
 * from the world. Slots are the offers on sale sorted by price; per taste group, each slot's
 * systematic utility and logit weight. Equations: docs/MODEL.md, phase 4.
 */

import { FRESH_ARRAYS, type TypedArrays } from '../math/arena.ts';
import { DescendingIndex } from '../math/search.ts';
import {
  type Scenario,
  SEGMENTS,
  type SegmentSpec,
  withinAppsCorrelation,
} from '../scenario/schema.ts';
import type { ChoiceMarket } from './choice.ts';
import { needGrowth } from './demand.ts';
import { ChoiceMenus } from './menus.ts';
import { familyNests, modelFamily, type OfferNests } from './nests.ts';
import type { Population } from './population.ts';
import { activeOffers, type Offer, type World } from './world.ts';

/**
 * The month's choice market (docs/MODEL.md, phase 4): the offers on sale in slots by price, and
 * the logit utility of offer k for taste group g (segment s, sensitivity alpha, home cloud h):
 *   V = brand_k + productUtility_s [k a product] + cloudUtility_s [k sold by h's cloud]
 *       + quality_s (capability_k - best capability) - alpha ln price_k,
 * and of the outside option, V0 = -alpha ln outsidePrice_s; both are kept less their maximum over
 * the group, and the logit weights are their exponentials. With a within-family correlation sigma > 0, also
 * each slot's nest (`nests.ts`) and its weight within it (docs/MODEL.md, "Nests").
 */
export function choiceMarket(
  world: World,
  demand: Scenario['demand'],
  hyperscalers: readonly number[],
  population: Population,
  arrays: TypedArrays = FRESH_ARRAYS,
): ChoiceMarket {
  // By price, ties in listing order: an insertion sort (stable, and a few dozen offers), three
  // times faster here than Array.prototype.sort with a comparator.
  const offers = activeOffers(world);
  for (let k = 1; k < offers.length; k++) {
    const offer = offers[k]!;
    let j = k;
    for (; j > 0 && offers[j - 1]!.priceUsdPerMTok > offer.priceUsdPerMTok; j--) {
      offers[j] = offers[j - 1]!;
    }
    offers[j] = offer;
  }
  const slots = offers.length;
  const listed = world.offers.length;
  const groups = population.groupPriceSensitivity.length;

  const slotOf = arrays.int32(listed).fill(-1);
  const offerOf = arrays.int32(slots);
  const capability = arrays.float64(slots);
  const price = arrays.float64(slots);
  const logPrice = arrays.float64(slots);
  const seller = arrays.int32(slots);
  const cloudSeller = arrays.int32(slots);
  const heldCapability = arrays.float64(listed + 1).fill(Number.NEGATIVE_INFINITY);
  heldCapability[0] = Number.POSITIVE_INFINITY;
  let best = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < slots; k++) {
    const offer = offers[k]!;
    const p = offer.priceUsdPerMTok;
    slotOf[offer.index] = k;
    offerOf[k] = offer.index;
    capability[k] = world.models[offer.model]!.capability;
    price[k] = p;
    logPrice[k] = Math.log(p);
    seller[k] = offer.seller;
    cloudSeller[k] = offer.channel === 'cloud' ? offer.seller : -1;
    heldCapability[offer.index + 1] = capability[k]!;
    best = Math.max(best, capability[k]!);
  }
  // Slots from the most capable down, ties in price order (an insertion sort: a few dozen
  // slots), and each slot's rank in that order.
  const byCapability = arrays.int32(slots);
  for (let k = 0; k < slots; k++) {
    let j = k;
    for (; j > 0 && capability[byCapability[j - 1]!]! < capability[k]!; j--) {
      byCapability[j] = byCapability[j - 1]!;
    }
    byCapability[j] = k;
  }
  const capabilityDescending = arrays.float64(slots);
  const capabilityRank = arrays.int32(slots);
  for (let rank = 0; rank < slots; rank++) {
    capabilityDescending[rank] = capability[byCapability[rank]!]!;
    capabilityRank[byCapability[rank]!] = rank;
  }

  // Utility terms that do not depend on the taste group, per segment and slot.
  const base = arrays.float64(SEGMENTS.length * slots);
  const allowed = arrays.uint8(SEGMENTS.length * slots);
  for (let s = 0; s < SEGMENTS.length; s++) {
    const spec = demand.segments[SEGMENTS[s]!];
    for (let k = 0; k < slots; k++) {
      const offer = offers[k]!;
      allowed[s * slots + k] = spec.channels.includes(offer.channel) ? 1 : 0;
      base[s * slots + k] = segmentUtility(offer, capability[k]!, best, spec);
    }
  }

  const weight = arrays.float64(groups * slots);
  const utility = arrays.float64(groups * slots);
  const outsideWeight = arrays.float64(groups);
  const shift = arrays.float64(groups);
  const inverseSensitivity = arrays.float64(groups);
  for (let g = 0; g < groups; g++) {
    const row = g * slots;
    const s = population.groupSegment[g]!;
    const segmentRow = s * slots;
    const home = population.groupHomeCloud[g]!;
    const homeSeller = home >= 0 ? hyperscalers[home]! : -1;
    const spec = demand.segments[SEGMENTS[s]!];
    const cloudUtility = spec.cloudUtility;
    const alpha = population.groupPriceSensitivity[g]!;
    const outside = -alpha * Math.log(spec.outsideOptionUsdPerMTok);
    let top = outside;
    for (let k = 0; k < slots; k++) {
      const cloud = cloudSeller[k] === homeSeller && homeSeller >= 0 ? cloudUtility : 0;
      const v = base[segmentRow + k]! + cloud - alpha * logPrice[k]!;
      utility[row + k] = v;
      if (v > top && allowed[segmentRow + k] === 1) top = v;
    }
    for (let k = 0; k < slots; k++) {
      const v = utility[row + k]! - top;
      utility[row + k] = v;
      // A channel the segment does not buy through carries no weight: it is never chosen.
      weight[row + k] = allowed[segmentRow + k] === 1 ? Math.exp(v) : 0;
    }
    outsideWeight[g] = Math.exp(outside - top);
    shift[g] = top;
    inverseSensitivity[g] = 1 / alpha;
  }

  // The nested logit's within-nest weights, when sigma > 0 (with sigma = 0 the kernel is plain
  // logit and needs none of them): per group and nest the largest utility m, and per slot
  // exp((V - m) / (1 - sigma)), so that neither a nest's weights nor its sum underflow.
  // Two or more third-party apps on one family make a sub-nest (docs/MODEL.md, "Sub-nests"),
  // and the choice nested even at sigma = 0.
  const sigma = demand.withinFamilyCorrelation;
  const familyNesting = familyNests(world, offers, arrays);
  const nested = sigma > 0 || familyNesting.sharedSubNests > 0;
  const { nests, nestOf } = nested ? familyNesting : NO_NESTS;
  const familyOfSlot = arrays.int32(slots);
  const familyOfNest = arrays.int32(nests);
  for (let k = 0; k < slots; k++) {
    familyOfSlot[k] = modelFamily(world, offers[k]!);
    if (nested) familyOfNest[nestOf[k]!] = familyOfSlot[k]!;
  }
  const nestWeight = arrays.float64(nested ? groups * slots : 0);
  const nestTop = arrays.float64(nested ? groups * nests : 0);
  for (let g = 0; nested && g < groups; g++) {
    const row = g * slots;
    nestTop.fill(Number.NEGATIVE_INFINITY, g * nests, (g + 1) * nests);
    for (let k = 0; k < slots; k++) {
      const n = g * nests + nestOf[k]!;
      if (weight[row + k]! > 0 && utility[row + k]! > nestTop[n]!) nestTop[n] = utility[row + k]!;
    }
    for (let k = 0; k < slots; k++) {
      nestWeight[row + k] =
        weight[row + k]! > 0
          ? Math.exp((utility[row + k]! - nestTop[g * nests + nestOf[k]!]!) / (1 - sigma))
          : 0;
    }
  }

  const subNesting = subNestsOf(familyNesting, withinAppsCorrelation(demand), slots, arrays);

  // The menu's price index, spend and surplus per taste group and capability cut-off, as the
  // customers ask for them (docs/MODEL.md, "Welfare from the choice model").
  const menus = new ChoiceMenus(
    {
      slots,
      groups,
      byCapability,
      weight,
      utility,
      outsideWeight,
      shift,
      inverseSensitivity,
      nests,
      nestOf,
      nestWeight,
      nestTop,
      correlation: sigma,
      subNests: subNesting.subNests,
      subNestOf: subNesting.subNestOf,
      nestOfSubNest: subNesting.nestOfSubNest,
      subNestCorrelation: subNesting.subNestCorrelation,
      elasticity: demand.priceElasticity,
      saturationUsdPerMTok: demand.saturationPriceUsdPerMTok,
    },
    arrays,
  );

  const volumeMultiplier = arrays.float64(SEGMENTS.length);
  const reevaluationPerMonth = arrays.float64(SEGMENTS.length);
  const secondaryVolumeShare = arrays.float64(SEGMENTS.length);
  const useCaseTastes = arrays.uint8(SEGMENTS.length);
  const onboardingSpendMonths = arrays.float64(SEGMENTS.length);
  for (let s = 0; s < SEGMENTS.length; s++) {
    const spec = demand.segments[SEGMENTS[s]!];
    useCaseTastes[s] = spec.useCaseTasteSd > 0 ? 1 : 0;
    onboardingSpendMonths[s] = spec.onboardingCostSpendMonths;
    volumeMultiplier[s] = needGrowth(spec.volumeGrowthPerYear, world.technology.years);
    reevaluationPerMonth[s] = spec.reevaluationPerMonth;
    secondaryVolumeShare[s] = spec.secondaryVolumeShare;
  }

  return {
    slots,
    slotOf,
    offerOf,
    heldCapability,
    capability,
    price,
    capabilityDescending,
    capabilityRank,
    capabilityCutoff: new DescendingIndex(capabilityDescending, slots),
    seller,
    sellerOfOffer: population.byOffer.seller,
    lockInOfOffer: population.byOffer.lockIn,
    groups,
    utility,
    weight,
    outsideWeight,
    nestingCorrelation: sigma,
    nests,
    nestOf,
    familyOfSlot,
    familyOfNest,
    useCaseTastes,
    onboardingSpendMonths,
    nestWeight,
    nestTop,
    ...subNesting,
    inverseSensitivity,
    menus,
    volumeMultiplier,
    reevaluationPerMonth,
    secondaryVolumeShare,
    requirementShift: world.technology.requirementShift,
    firstMonth: world.tick === 0,
    switchingCostMultiplier: world.switchingCostMultiplier,
    paybackMonths: demand.paybackMonths,
    month: world.tick,
    maxIntegrationMonths: demand.maxIntegrationMonths,
  };
}

const NO_NESTS = { nests: 0, nestOf: new Int32Array(0) } as const;

type SubNesting = Pick<
  ChoiceMarket,
  'subNests' | 'subNestOf' | 'nestOfSubNest' | 'subNestCorrelation'
>;

/** The kernel's sub-nests of two or more slots, and the nest of each (docs/MODEL.md, "Sub-nests"). */
function subNestsOf(
  { sharedSubNests: subNests, sharedSubNestOf, nestOf }: OfferNests,
  rho2: number,
  slots: number,
  arrays: TypedArrays,
): SubNesting {
  const nestOfSubNest = arrays.int32(subNests);
  for (let k = 0; k < slots && subNests > 0; k++) {
    if (sharedSubNestOf[k]! >= 0) nestOfSubNest[sharedSubNestOf[k]!] = nestOf[k]!;
  }
  return {
    subNests,
    subNestOf: subNests > 0 ? sharedSubNestOf : NO_SUB_NESTS,
    nestOfSubNest,
    subNestCorrelation: rho2,
  };
}

const NO_SUB_NESTS = new Int32Array(0);

/**
 * The utility of an offer to a segment before its price and home-cloud terms: its brand, its
 * capability against the best on sale, and the segment's taste for finished products.
 */
export function segmentUtility(
  offer: Offer,
  capability: number,
  bestCapability: number,
  spec: SegmentSpec,
): number {
  return (
    offer.brandUtility +
    spec.qualityUtilityPerPoint * (capability - bestCapability) +
    (offer.channel === 'product' ? spec.productUtility : 0)
  );
}

/** The home-cloud term: a segment's taste for offers sold through its customer's own cloud. */
export function homeCloudUtility(offer: Offer, homeSeller: number, spec: SegmentSpec): number {
  return offer.channel === 'cloud' && offer.seller === homeSeller && homeSeller >= 0
    ? spec.cloudUtility
    : 0;
}
