/**
 * The demand sellers price against (docs/MODEL.md, "Prices"): the population's own choice
 * model, aggregated. Customer types are the taste groups of the choice kernel (segment,
 * price-sensitivity class, home cloud); a type chooses by the kernel's logit utilities among
 * the offers its channels reach, each weighted by the share of the segment whose capability
 * requirement it meets (implicit availability: Cascetta and Papola 2001), and spends, as the
 * run's customers do, X(P) P at its menu's price index P = exp(-IV / alpha), buying
 * s_j X(P) P / p_j of offer j: X(P) = (P + a)^-eta per unit of demand scale (a the saturation
 * price) from the customers whose willingness to pay is at least P (log-normal per segment,
 * `VolumeCurves` in `pricing-game.ts`). docs/MODEL.md, "Welfare from the choice model".
 *
 * What the sellers' demand leaves out, and the run's does not: switching costs and inertia (a
 * customer re-evaluates only now and then), the second supplier of a multi-homing customer, and
 * the exact choice set of each requirement (availability enters as a weight on the offer).
 */

import { FRESH_ARRAYS, type TypedArrays } from '../math/arena.ts';
import { normalCdf } from '../math/normal.ts';
import { type Scenario, SEGMENTS, withinAppsCorrelation } from '../scenario/schema.ts';
import { homeCloudUtility, segmentUtility } from './choice-market.ts';
import { needGrowth } from './demand.ts';
import type { PricingDemand } from './equilibrium.ts';
import { createNesting } from './nested-logit.ts';
import { familyNests, subNestNumbers } from './nests.ts';
import { type Population, segmentWeights } from './population.ts';
import type { VolumeCurves } from './pricing-game.ts';
import type { Offer, World } from './world.ts';

/** An offer as the month's pricing sees it. */
export interface PricedOffer {
  readonly offer: Offer;
  /** The capability of the model it sells, points. */
  readonly capability: number;
}

export interface SellersDemand {
  readonly demand: PricingDemand;
  readonly volumeCurves: VolumeCurves;
}

/**
 * The month's demand over `offers`, one type per taste group g of segment s: size M_g = (sum of
 * its customers' demand scales) x (real customers per simulated one) x (usage growth); utility
 *
 *   V_gj = segmentUtility + homeCloudUtility + ln A_sj,   A_sj = Phi((k_j - r_s - shift) / sd_s),
 *
 * A_sj the share of the segment whose requirement (normal, mean r_s, sd_s, plus the month's
 * shift) offer j's capability k_j meets; -Infinity through a channel the segment does not use;
 * and the outside option at -alpha ln(outside price).
 */
export function sellersDemand(
  world: World,
  scenario: Scenario,
  hyperscalers: readonly number[],
  population: Population,
  offers: readonly PricedOffer[],
  arrays: TypedArrays = FRESH_ARRAYS,
): SellersDemand {
  const { demand } = scenario;
  const count = offers.length;
  const groups = population.groupPriceSensitivity.length;
  const types = groups;
  const weights = segmentWeights(scenario, population, world.technology.years);
  let best = Number.NEGATIVE_INFINITY;
  for (const { capability } of offers) best = Math.max(best, capability);

  // Per segment and offer, the utility before the home-cloud term, availability included.
  const segmentBase = arrays.float64(SEGMENTS.length * count);
  SEGMENTS.forEach((name, s) => {
    const spec = demand.segments[name];
    const { mean, sd } = spec.requirement;
    for (let j = 0; j < count; j++) {
      const { offer, capability } = offers[j]!;
      const gap = capability - mean - world.technology.requirementShift;
      const available = sd === 0 ? (gap >= 0 ? 1 : 0) : normalCdf(gap / sd);
      segmentBase[s * count + j] =
        spec.channels.includes(offer.channel) && available > 0
          ? segmentUtility(offer, capability, best, spec) + Math.log(available)
          : Number.NEGATIVE_INFINITY;
    }
  });
  const nonPriceUtility = arrays.float64(types * count);
  const priceSensitivity = arrays.float64(types);
  const outsideUtility = arrays.float64(types);
  const marketSize = arrays.float64(types);
  const curveOf = arrays.int32(types);
  // The home-cloud term per segment, home cloud (or none) and offer, taken once for the
  // groups that share them: `homeTerms` row (s * (clouds + 1) + home + 1).
  const homes = hyperscalers.length + 1;
  const homeTerms = arrays.float64(SEGMENTS.length * homes * count);
  const homeTermsReady = arrays.uint8(SEGMENTS.length * homes);
  for (let g = 0; g < groups; g++) {
    const s = population.groupSegment[g]!;
    const spec = demand.segments[SEGMENTS[s]!];
    const home = population.groupHomeCloud[g]!;
    const homeSeller = home >= 0 ? hyperscalers[home]! : -1;
    const homeRow = s * homes + home + 1;
    if (homeTermsReady[homeRow] === 0) {
      homeTermsReady[homeRow] = 1;
      for (let j = 0; j < count; j++) {
        homeTerms[homeRow * count + j] = homeCloudUtility(offers[j]!.offer, homeSeller, spec);
      }
    }
    const alpha = population.groupPriceSensitivity[g]!;
    const usage = needGrowth(spec.volumeGrowthPerYear, world.technology.years);
    priceSensitivity[g] = alpha;
    outsideUtility[g] = -alpha * Math.log(spec.outsideOptionUsdPerMTok);
    marketSize[g] = population.groupDemandScale[g]! * weights[s]! * usage;
    curveOf[g] = s;
    for (let j = 0; j < count; j++) {
      nonPriceUtility[g * count + j] =
        segmentBase[s * count + j]! + homeTerms[homeRow * count + j]!;
    }
  }
  const logMean = arrays.float64(SEGMENTS.length);
  const logSd = arrays.float64(SEGMENTS.length);
  SEGMENTS.forEach((name, s) => {
    const { median, sigma } = demand.segments[name].willingnessToPayUsdPerMTok;
    logMean[s] = Math.log(median);
    logSd[s] = sigma;
  });
  const nests = familyNests(
    world,
    offers.map(({ offer }) => offer),
  );
  return {
    demand: {
      nesting: createNesting(
        nests.nestOf,
        demand.withinFamilyCorrelation,
        nests.sharedSubNests > 0
          ? { subNestOf: subNestNumbers(nests), rho: withinAppsCorrelation(demand) }
          : undefined,
      ),
      types,
      nonPriceUtility,
      priceSensitivity,
      outsideUtility,
      marketSize,
      priceForm: 'log',
      volumeElasticity: demand.priceElasticity,
      volume: 'menu',
    },
    volumeCurves: {
      curveOf,
      logMean,
      logSd,
      saturationUsdPerMTok: demand.saturationPriceUsdPerMTok,
    },
  };
}
