/**
 * The customer population as a struct of typed arrays: one entry per simulated customer, each
 * standing for `weight` real customers of its segment. This is where the time goes, so it stays
 * out of immer. Draws: docs/MODEL.md, "Choice".
 */

import { normalQuantile } from '../math/normal.ts';
import { drawLogNormal, drawNormal, type Uniform } from '../math/random.ts';
import { type Scenario, SEGMENTS, type Segment } from '../scenario/schema.ts';
import { demandScale, surplusFactor } from './demand.ts';
import { OfferCustomers } from './offer-customers.ts';

export const NO_OFFER = -1;
export const NO_CLOUD = -1;

export interface Population {
  readonly size: number;
  /** Index into SEGMENTS. Customers of a segment are contiguous, segments in SEGMENTS order. */
  readonly segment: Uint8Array;
  /** Logit taste group: segment, price-sensitivity class and home cloud (see `tasteGroup`). */
  readonly tasteGroup: Uint16Array;
  /** Capability needed at the start, points; the requirement shift is added each month. */
  readonly requirement: Float64Array;
  readonly willingnessToPay: Float64Array;
  /** D = v w^eta: tokens bought at price p are D p^-eta. */
  readonly demandScale: Float64Array;
  /** S(w), so that consumer surplus is D (S(p) - S(w)). */
  readonly surplusAtWtp: Float64Array;
  /** kappa: switching cost per USD of monthly spend and month integrated (docs/MODEL.md, "Lock-in"). */
  readonly switchingCostPerSpendMonth: Float64Array;
  /** Index of the hyperscaler whose enterprise base the customer belongs to, or NO_CLOUD. */
  readonly homeCloud: Int8Array;
  readonly multiHoming: Uint8Array;
  /** Current offers (indices into the world's offers), NO_OFFER when buying nothing. */
  readonly primary: Int32Array;
  readonly secondary: Int32Array;
  /**
   * The lock-in state. The offer a customer last bought as its main supplier (equal to
   * `primary` while it buys; kept while it sits out), NO_OFFER before its first purchase: its
   * seller is the one the customer is integrated with.
   */
  readonly integratedOffer: Int32Array;
  /**
   * While the customer buys, the month (tick) from which its integration's depth is counted;
   * while it sits out, minus the months of integration it had when it stopped, kept frozen
   * (`integrationMonths`).
   */
  readonly integratedSince: Int32Array;
  /** Customers per segment. */
  readonly segmentCounts: readonly number[];
  /**
   * The taste groups that have customers, numbered densely: each group's segment, home cloud
   * (NO_CLOUD for none) and price sensitivity. Customers of a group share its logit weights.
   */
  readonly groupSegment: Uint8Array;
  readonly groupHomeCloud: Int8Array;
  readonly groupPriceSensitivity: Float64Array;
  /** Sum of the demand scales D of each group's customers (simulated, not yet weighted). */
  readonly groupDemandScale: Float64Array;
  /** The customers of each offer, as sums kept up to date by the choice kernel. */
  readonly byOffer: OfferCustomers;
}

/** A taste group's key: segment x sensitivity class x (home cloud + 1). */
function groupKey(
  segment: number,
  sensitivityClass: number,
  home: number,
  classes: number,
  clouds: number,
) {
  return (segment * classes + sensitivityClass) * (clouds + 1) + (home + 1);
}

/** Simulated customers per segment: shares rounded by largest remainder, so they sum to N. */
export function segmentSizes(scenario: Scenario, customers: number): number[] {
  const shares = SEGMENTS.map((s) => scenario.demand.segments[s].agentShare);
  const total = shares.reduce((a, b) => a + b, 0);
  const exact = shares.map((share) => (share / total) * customers);
  const sizes = exact.map(Math.floor);
  let left = customers - sizes.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left-- <= 0) break;
    sizes[index]! += 1;
  }
  return sizes;
}

/**
 * Draws the population. `cloudShares[h]` is hyperscaler h's share of the enterprise base.
 * Customers start with no supplier; they all choose in the first month.
 */
export function createPopulation(
  scenario: Scenario,
  cloudShares: readonly number[],
  uniform: Uniform,
): Population {
  const size = scenario.customers;
  const classes = scenario.demand.priceSensitivityClasses;
  const clouds = cloudShares.length;
  const elasticity = scenario.demand.priceElasticity;
  const saturation = scenario.demand.saturationPriceUsdPerMTok;
  const segmentCounts = segmentSizes(scenario, size);
  const arrays = {
    size,
    segment: new Uint8Array(size),
    tasteGroup: new Uint16Array(size),
    requirement: new Float64Array(size),
    willingnessToPay: new Float64Array(size),
    demandScale: new Float64Array(size),
    surplusAtWtp: new Float64Array(size),
    switchingCostPerSpendMonth: new Float64Array(size),
    homeCloud: new Int8Array(size),
    multiHoming: new Uint8Array(size),
    primary: new Int32Array(size).fill(NO_OFFER),
    secondary: new Int32Array(size).fill(NO_OFFER),
    integratedOffer: new Int32Array(size).fill(NO_OFFER),
    integratedSince: new Int32Array(size),
    segmentCounts,
  };
  const keys = new Int32Array(size);
  let i = 0;
  SEGMENTS.forEach((name, segmentIndex) => {
    const spec = scenario.demand.segments[name];
    for (let k = 0; k < segmentCounts[segmentIndex]!; k++, i++) {
      const wtp = drawLogNormal(
        uniform,
        spec.willingnessToPayUsdPerMTok.median,
        spec.willingnessToPayUsdPerMTok.sigma,
      );
      const volume = drawLogNormal(
        uniform,
        spec.volumeMTokPerMonth.median,
        spec.volumeMTokPerMonth.sigma,
      );
      const sensitivityClass = Math.min(classes - 1, Math.floor(uniform() * classes));
      const home = name === 'enterprise' ? drawHomeCloud(cloudShares, uniform()) : NO_CLOUD;
      arrays.segment[i] = segmentIndex;
      arrays.requirement[i] = spec.requirement.mean + spec.requirement.sd * drawNormal(uniform);
      arrays.willingnessToPay[i] = wtp;
      arrays.demandScale[i] = demandScale(volume, wtp, elasticity, saturation);
      arrays.surplusAtWtp[i] = surplusFactor(wtp, elasticity, saturation);
      arrays.switchingCostPerSpendMonth[i] = drawLogNormal(
        uniform,
        spec.switchingCostPerSpendMonth.median,
        spec.switchingCostPerSpendMonth.sigma,
      );
      arrays.homeCloud[i] = home;
      arrays.multiHoming[i] = uniform() < spec.multiHomingShare ? 1 : 0;
      keys[i] = groupKey(segmentIndex, sensitivityClass, home, classes, clouds);
    }
  });

  // Number the groups that have customers densely, in key order.
  const keyCount = SEGMENTS.length * classes * (clouds + 1);
  const dense = new Int32Array(keyCount).fill(-1);
  for (let c = 0; c < size; c++) dense[keys[c]!] = 0;
  const used: number[] = [];
  for (let key = 0; key < keyCount; key++) {
    if (dense[key] === 0) dense[key] = used.push(key) - 1;
  }
  for (let c = 0; c < size; c++) arrays.tasteGroup[c] = dense[keys[c]!]!;
  const groupSegment = Uint8Array.from(used, (key) => Math.floor(key / (classes * (clouds + 1))));
  const groupHomeCloud = Int8Array.from(used, (key) => (key % (clouds + 1)) - 1);
  const groupPriceSensitivity = Float64Array.from(used, (key, g) => {
    const sensitivityClass = Math.floor(key / (clouds + 1)) % classes;
    const { median, sigma } =
      scenario.demand.segments[SEGMENTS[groupSegment[g]!]!].priceSensitivity;
    return median * Math.exp(sigma * normalQuantile((sensitivityClass + 0.5) / classes));
  });
  const groupDemandScale = new Float64Array(used.length);
  for (let c = 0; c < size; c++) {
    const g = arrays.tasteGroup[c]!;
    groupDemandScale[g] = groupDemandScale[g]! + arrays.demandScale[c]!;
  }
  const values = {
    ...arrays,
    groupSegment,
    groupHomeCloud,
    groupPriceSensitivity,
    groupDemandScale,
  };
  return { ...values, byOffer: new OfferCustomers(values) };
}

/**
 * Months customer `i` has been integrated with its seller at month `month`, uncapped: counted
 * from `integratedSince` while it buys, frozen while it sits out (`buying` false).
 */
export function integrationMonths(
  integratedSince: Int32Array,
  i: number,
  buying: boolean,
  month: number,
): number {
  return buying ? month - integratedSince[i]! : -integratedSince[i]!;
}

function drawHomeCloud(cloudShares: readonly number[], u: number): number {
  let cumulative = 0;
  for (let h = 0; h < cloudShares.length; h++) {
    cumulative += cloudShares[h]!;
    if (u < cumulative) return h;
  }
  return NO_CLOUD;
}

/** Real customers one simulated customer of each segment stands for, this month. */
export function segmentWeights(
  scenario: Scenario,
  population: Population,
  years: number,
): Float64Array {
  return Float64Array.from(SEGMENTS, (name: Segment, s) => {
    const spec = scenario.demand.segments[name];
    const count = population.segmentCounts[s]!;
    return count === 0
      ? 0
      : (spec.realCustomers * (1 + spec.adoptionGrowthPerYear) ** years) / count;
  });
}
