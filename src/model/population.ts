/**
 * The customer population as a struct of typed arrays: one entry per simulated customer, each
 * standing for `weight` real customers of its segment, or, in a segment whose customers split
 * their tokens over W workloads, one entry per workload, a customer's W consecutive (they share
 * its draws; each makes its own choice and has its own integration). This is where the time
 * goes, so it stays out of immer. Draws: docs/MODEL.md, "Choice" and "Workloads".
 */

import { monthsBetween } from '../math/calendar.ts';
import { normalQuantile } from '../math/normal.ts';
import { drawLogNormal, drawNormal, type Uniform } from '../math/random.ts';
import { type Scenario, SEGMENTS, type Segment } from '../scenario/schema.ts';
import { demandScale, surplusFactor } from './demand.ts';
import { OfferCustomers } from './offer-customers.ts';

export const NO_OFFER = -1;
export const NO_CLOUD = -1;
/** No seller: a customer that buys nothing has no primary vendor. */
export const NO_VENDOR = -1;
/** Months of primary vendors kept per customer: enough to compare with a year before. */
export const VENDOR_HISTORY_MONTHS = 12;
/**
 * Months of spend over which a customer's primary vendor is the seller with the most: the
 * vendor it contracts with, as a survey's respondents name it, not the one of a single month
 * (docs/MODEL.md, "Workloads").
 */
export const VENDOR_SPEND_MONTHS = 12;

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
  /**
   * Each entry's taste for each model family (its use case's; docs/MODEL.md, "Use cases"),
   * logit utility: `familyTaste[i * families + f]` for the developer of agent index f. Empty
   * when no segment has one (`useCaseTasteSd` 0); 0 for the entries of a segment without.
   */
  readonly familyTaste: Float64Array;
  /** Families per entry in `familyTaste`: the scenario's agents. */
  readonly families: number;
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
  /** Entries (customers, or their workloads) per segment. */
  readonly segmentCounts: readonly number[];
  /** Workloads per customer of each segment: its entries come in blocks of that many. */
  readonly segmentWorkloads: readonly number[];
  /**
   * Entries of each segment in the market at each month of the scenario's horizon,
   * `arrivalSchedule[month * SEGMENTS.length + s]`: a prefix of the segment's entries, in whole
   * customers, that grows with the segment's adoption curve (`arrivalSchedule`).
   */
  readonly arrivalSchedule: Int32Array;
  /**
   * Entries of each segment in the market this month (they are the first of the segment's
   * entries), and last month: entries from `arrivedBefore[s]` to `arrived[s]` arrive this
   * month and make their first choice (`admitCustomers`).
   */
  readonly arrived: Int32Array;
  readonly arrivedBefore: Int32Array;
  /**
   * The enterprise segment's primary vendors (the seller with the most of a customer's spend),
   * per customer, for the last VENDOR_HISTORY_MONTHS months: month m at
   * `[customer * VENDOR_HISTORY_MONTHS + m % VENDOR_HISTORY_MONTHS]`, NO_VENDOR when it bought
   * nothing or before the run (`workloads.ts`).
   */
  readonly primaryVendorHistory: Int32Array;
  /**
   * The enterprise segment's spend per seller (relative to its demand scale) for the last
   * VENDOR_SPEND_MONTHS months, as (seller, spend) pairs: a customer's W workloads buy from at
   * most W sellers a month, so customer c's month m has W places, pair p at
   * `[(c * VENDOR_SPEND_MONTHS + m % VENDOR_SPEND_MONTHS) * W + p]`, the unused ones NO_VENDOR
   * (`workloads.ts`). Kept sparse, the year's spend per seller is a sum over the sellers the
   * customer bought from, not over every seller.
   */
  readonly vendorSpendSellers: Int32Array;
  readonly vendorSpendAmounts: Float64Array;
  /** Sellers (the scenario's agents, by index): seller indices are in [0, sellers). */
  readonly sellers: number;
  /**
   * The taste groups that have customers, numbered densely: each group's segment, home cloud
   * (NO_CLOUD for none) and price sensitivity. Customers of a group share its logit weights.
   */
  readonly groupSegment: Uint8Array;
  readonly groupHomeCloud: Int8Array;
  readonly groupPriceSensitivity: Float64Array;
  /**
   * Sum of the demand scales D of each group's customers in the market (simulated, not yet
   * weighted); grows as customers arrive.
   */
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

/**
 * Simulated customers per segment: shares rounded by largest remainder, so they sum to N. A
 * segment whose customers have W workloads takes these as its entries: `segmentCustomers`.
 */
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
 * Customers start with no supplier and enter the market over time (`arrivalSchedule`); those
 * in it at the start are admitted, and they all choose in the first month.
 */
export function createPopulation(
  scenario: Scenario,
  cloudShares: readonly number[],
  uniform: Uniform,
): Population {
  const customers = scenario.customers;
  const classes = scenario.demand.priceSensitivityClasses;
  const clouds = cloudShares.length;
  const elasticity = scenario.demand.priceElasticity;
  const saturation = scenario.demand.saturationPriceUsdPerMTok;
  // A segment of W workloads a customer keeps about its share of entries, in whole customers,
  // so that the time a month takes does not grow with W.
  const segmentWorkloads = SEGMENTS.map(
    (name) => scenario.demand.segments[name].workloadsPerCustomer,
  );
  const customerCounts = segmentCustomers(segmentSizes(scenario, customers), segmentWorkloads);
  const segmentCounts = customerCounts.map((count, s) => count * segmentWorkloads[s]!);
  const size = segmentCounts.reduce((a, b) => a + b, 0);
  const schedule = arrivalSchedule(scenario, customerCounts, segmentWorkloads);
  const enterprise = SEGMENTS.indexOf('enterprise');
  const tasteSd = SEGMENTS.map((name) => scenario.demand.segments[name].useCaseTasteSd);
  const families = Object.keys(scenario.agents).length;
  const spendPlaces = segmentCounts[enterprise]! * VENDOR_SPEND_MONTHS;
  const tastes = tasteSd.some((sd) => sd > 0);
  const arrays = {
    size,
    segment: new Uint8Array(size),
    tasteGroup: new Uint16Array(size),
    requirement: new Float64Array(size),
    willingnessToPay: new Float64Array(size),
    demandScale: new Float64Array(size),
    surplusAtWtp: new Float64Array(size),
    switchingCostPerSpendMonth: new Float64Array(size),
    familyTaste: new Float64Array(tastes ? size * families : 0),
    families,
    homeCloud: new Int8Array(size),
    multiHoming: new Uint8Array(size),
    primary: new Int32Array(size).fill(NO_OFFER),
    secondary: new Int32Array(size).fill(NO_OFFER),
    integratedOffer: new Int32Array(size).fill(NO_OFFER),
    integratedSince: new Int32Array(size),
    segmentCounts,
    segmentWorkloads,
    arrivalSchedule: schedule,
    arrived: new Int32Array(SEGMENTS.length),
    arrivedBefore: new Int32Array(SEGMENTS.length),
    primaryVendorHistory: new Int32Array(customerCounts[enterprise]! * VENDOR_HISTORY_MONTHS).fill(
      NO_VENDOR,
    ),
    vendorSpendSellers: new Int32Array(spendPlaces).fill(NO_VENDOR),
    vendorSpendAmounts: new Float64Array(spendPlaces),
    sellers: families,
  };
  const keys = new Int32Array(size);
  let i = 0;
  SEGMENTS.forEach((name, segmentIndex) => {
    const spec = scenario.demand.segments[name];
    const workloads = segmentWorkloads[segmentIndex]!;
    for (let k = 0; k < customerCounts[segmentIndex]!; k++, i += workloads) {
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
      const need = spec.requirement.mean + spec.requirement.sd * drawNormal(uniform);
      const kappa = drawLogNormal(
        uniform,
        spec.switchingCostPerSpendMonth.median,
        spec.switchingCostPerSpendMonth.sigma,
      );
      const multiHoming = uniform() < spec.multiHomingShare ? 1 : 0;
      const key = groupKey(segmentIndex, sensitivityClass, home, classes, clouds);
      // Each workload carries the customer's demand scale: a simulated entry stands for
      // weight = real customers / entries (`segmentWeights`), so a customer's W entries together
      // buy what the customer does, and a workload is 1/W of it (docs/MODEL.md, "Workloads").
      const scale = demandScale(volume, wtp, elasticity, saturation);
      const atWtp = surplusFactor(wtp, elasticity, saturation);
      for (let w = i; w < i + workloads; w++) {
        arrays.segment[w] = segmentIndex;
        arrays.requirement[w] = need;
        arrays.willingnessToPay[w] = wtp;
        arrays.demandScale[w] = scale;
        arrays.surplusAtWtp[w] = atWtp;
        arrays.switchingCostPerSpendMonth[w] = kappa;
        arrays.homeCloud[w] = home;
        arrays.multiHoming[w] = multiHoming;
        keys[w] = key;
      }
    }
  });

  // Each workload's use case: a taste per model family, drawn after every other draw so that
  // those stay the same whether or not a segment has use cases.
  let first = 0;
  SEGMENTS.forEach((_, s) => {
    const sd = tasteSd[s]!;
    for (let w = first; sd > 0 && w < first + segmentCounts[s]!; w++) {
      for (let f = 0; f < families; f++) {
        arrays.familyTaste[w * families + f] = sd * drawNormal(uniform);
      }
    }
    first += segmentCounts[s]!;
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
  const values = {
    ...arrays,
    groupSegment,
    groupHomeCloud,
    groupPriceSensitivity,
    groupDemandScale: new Float64Array(used.length),
  };
  const population = { ...values, byOffer: new OfferCustomers(values) };
  admitCustomers(population, 0);
  return population;
}

/**
 * Entries of each segment in the market at each month of the scenario's horizon
 * (docs/MODEL.md, "Arrivals"): the segment's real customers grow as R(t) = R_0 (1 + g)^(t / 12),
 * so of its n simulated customers, the first round(n F(t)) are in the market at month t, with
 * F(t) = max_{u <= t} R(u) / max_u R(u) over the scenario's horizon, at least one. With g = 0
 * (or a shrinking segment) everyone is in from the start. A shorter horizon puts more of the
 * entries in the market early: the same market in expectation (each entry stands for
 * R(t) / entries in the market), with other draws.
 */
export function arrivalSchedule(
  scenario: Scenario,
  customerCounts: readonly number[],
  segmentWorkloads: readonly number[],
): Int32Array {
  const months = monthsBetween(scenario.start, scenario.end) + 1;
  const segments = SEGMENTS.length;
  const schedule = new Int32Array(months * segments);
  SEGMENTS.forEach((name, s) => {
    const customers = customerCounts[s]!;
    const growth = scenario.demand.segments[name].adoptionGrowthPerYear;
    // ln R(t) - ln R(0) is linear in t: its running maximum against the horizon's maximum.
    const slope = Math.log1p(growth) / 12;
    const top = Math.max(0, slope * (months - 1));
    let reached = 0;
    for (let t = 0; t < months; t++) {
      reached = Math.max(reached, slope * t);
      const inMarket =
        customers === 0 ? 0 : Math.max(1, Math.round(customers * Math.exp(reached - top)));
      schedule[t * segments + s] = Math.min(customers, inMarket) * segmentWorkloads[s]!;
    }
  });
  return schedule;
}

/**
 * Admits the customers who have arrived by `month` (the last month of the horizon after it):
 * sets `arrived` and `arrivedBefore` and adds the newcomers' demand scales to their groups'.
 * Customers of a segment arrive in entry order, so the ones in the market are a prefix.
 */
export function admitCustomers(population: Population, month: number): void {
  const { arrivalSchedule: schedule, arrived, arrivedBefore, segmentCounts } = population;
  const { tasteGroup, demandScale, groupDemandScale } = population;
  const segments = segmentCounts.length;
  const row = Math.min(month, schedule.length / segments - 1) * segments;
  let start = 0;
  for (let s = 0; s < segments; s++) {
    const due = schedule[row + s]!;
    arrivedBefore[s] = arrived[s]!;
    for (let c = start + arrived[s]!; c < start + due; c++) {
      const g = tasteGroup[c]!;
      groupDemandScale[g] = groupDemandScale[g]! + demandScale[c]!;
    }
    arrived[s] = Math.max(arrived[s]!, due);
    start += segmentCounts[s]!;
  }
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

/**
 * Customers per segment from its entries: a segment of W workloads a customer has
 * round(entries / W) customers, at least one when it has entries.
 */
export function segmentCustomers(
  entries: readonly number[],
  workloads: readonly number[],
): number[] {
  return entries.map((count, s) =>
    count === 0 ? 0 : Math.max(1, Math.round(count / workloads[s]!)),
  );
}

function drawHomeCloud(cloudShares: readonly number[], u: number): number {
  let cumulative = 0;
  for (let h = 0; h < cloudShares.length; h++) {
    cumulative += cloudShares[h]!;
    if (u < cumulative) return h;
  }
  return NO_CLOUD;
}

/**
 * Real customers one simulated customer (entry) in the market of each segment stands for, this
 * month: the segment's real customers over its entries in the market.
 */
export function segmentWeights(
  scenario: Scenario,
  population: Population,
  years: number,
): Float64Array {
  return Float64Array.from(SEGMENTS, (name: Segment, s) => {
    const spec = scenario.demand.segments[name];
    const count = population.arrived[s]!;
    return count === 0
      ? 0
      : (spec.realCustomers * (1 + spec.adoptionGrowthPerYear) ** years) / count;
  });
}
