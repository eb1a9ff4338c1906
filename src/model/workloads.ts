/**
 * Enterprises that split their tokens over workloads: which seller is each one's primary vendor
 * this month, how many model families it uses, and whether its primary vendor is another than a
 * year before. Definitions: docs/MODEL.md, "Workloads".
 *
 * A customer's W workloads are W consecutive entries of the population, each with its own choice
 * and integration (`choice.ts`); they share the customer's draws, so each buying workload spends
 * the same, X(P) P at the customer's menu price index (docs/MODEL.md, "Welfare from the choice
 * model"), whichever offer it holds.
 */

import type { DescendingIndex } from '../math/search.ts';
import type { MenuRows } from './menus.ts';

import {
  NO_OFFER,
  NO_VENDOR,
  type Population,
  VENDOR_HISTORY_MONTHS,
  VENDOR_SPEND_MONTHS,
} from './population.ts';

/** The offers on sale that the vendor count reads, per slot and per world offer. */
export interface VendorMarket {
  readonly slots: number;
  readonly slotOf: Int32Array;
  readonly sellerOfOffer: Int32Array;
  /** The capability cut-off of a requirement, as in `ChoiceMarket`, and the points added to every requirement. */
  readonly capabilityCutoff: DescendingIndex;
  readonly requirementShift: number;
  /** The menus' price index and spend per unit of demand scale, as in `ChoiceMarket`. */
  readonly menus: MenuRows;
  /** The model family (developer's agent index) of each slot's model. */
  readonly familyOfSlot: Int32Array;
  /** Per segment: tokens a customer uses at a given price, relative to the start (usage growth). */
  readonly volumeMultiplier: Float64Array;
  /** The month (tick). */
  readonly month: number;
}

/** A segment's simulated customers (not entries), counted this month. */
export interface VendorCounts {
  /** Customers with at least one workload that buys. */
  buyers: number;
  /** Customers whose buying workloads use three or more model families. */
  threeFamilies: number;
  /**
   * Customers with a primary vendor now and VENDOR_HISTORY_MONTHS months before: the same one,
   * or another. A customer's primary vendor is the seller with the most of its spend over the
   * last VENDOR_SPEND_MONTHS months, so it has one while it spent anything in them.
   */
  stayed: number;
  switched: number;
}

/** Families at which a customer counts as using "three or more model families". */
export const MANY_FAMILIES = 3;

/**
 * The month's spend of the customer whose workloads are entries [first, first + workloads), per
 * seller, relative to its demand scale (the scale D being the same for all its workloads and
 * months), written as (seller, spend) pairs into `sellers` and `amounts` from `offset`, the
 * workloads' places, which must be NO_VENDOR on entry: each buying workload spends
 * `workloadSpend`. Returns the number of distinct model families its buying workloads use;
 * `families` is scratch room for as many as there are workloads.
 */
export function addMonthSpend(
  primary: Int32Array,
  first: number,
  workloads: number,
  market: VendorMarket,
  workloadSpend: number,
  sellers: Int32Array,
  amounts: Float64Array,
  offset: number,
  families: Int32Array,
): number {
  const { slotOf, sellerOfOffer, familyOfSlot } = market;
  let familyCount = 0;
  let used = 0;
  for (let w = first; w < first + workloads; w++) {
    const offer = primary[w]!;
    if (offer === NO_OFFER) continue;
    const family = familyOfSlot[slotOf[offer]!]!;
    let f = 0;
    while (f < familyCount && families[f] !== family) f++;
    if (f === familyCount) families[familyCount++] = family;
    const seller = sellerOfOffer[offer]!;
    let at = offset;
    while (at < offset + used && sellers[at] !== seller) at++;
    if (at === offset + used) {
      sellers[at] = seller;
      used++;
    }
    amounts[at] = amounts[at]! + workloadSpend;
  }
  return familyCount;
}

/**
 * Adds to `spend[seller]` the (seller, spend) pairs of `months` consecutive months of `places`
 * places each from place `from`, in that order (a month's pairs fill its places from the first,
 * the rest NO_VENDOR): each seller's sum takes its months in one fixed order, as a dense table
 * summed month by month would.
 */
export function addPairs(
  sellers: Int32Array,
  amounts: Float64Array,
  from: number,
  months: number,
  places: number,
  spend: Float64Array,
): void {
  for (let month = from; month < from + months * places; month += places) {
    for (let at = month; at < month + places; at++) {
      const seller = sellers[at]!;
      if (seller === NO_VENDOR) break;
      spend[seller] = spend[seller]! + amounts[at]!;
    }
  }
}

/**
 * The primary vendor given a customer's spend per seller, `spend[offset + a]` for sellers a <
 * `sellers`: the seller with the most; on a tie, `previous` when it is among the tied (a tie is
 * no switch), else the lowest seller index. NO_VENDOR when it spent nothing.
 */
export function primaryVendor(
  spend: Float64Array,
  offset: number,
  sellers: number,
  previous: number,
): number {
  let most = 0;
  for (let a = 0; a < sellers; a++) most = Math.max(most, spend[offset + a]!);
  if (most === 0) return NO_VENDOR;
  if (previous >= 0 && previous < sellers && spend[offset + previous] === most) return previous;
  let vendor = 0;
  while (spend[offset + vendor] !== most) vendor++;
  return vendor;
}

/**
 * Counts the customers of segment `segment` (its buyers this month, those on three or more
 * families, and those whose primary vendor stayed or changed over a year) and writes this
 * month's spend per seller and primary vendor into the population's `vendorSpendSellers`,
 * `vendorSpendAmounts` and `primaryVendorHistory`, which hold the enterprise segment's. The primary vendor is
 * the seller with the most of the customer's spend over the last VENDOR_SPEND_MONTHS months
 * (docs/MODEL.md, "Workloads").
 */
export function countVendors(
  population: Population,
  segment: number,
  market: VendorMarket,
): VendorCounts {
  const { primary, segmentCounts, segmentWorkloads, primaryVendorHistory } = population;
  const { vendorSpendSellers, vendorSpendAmounts, sellers } = population;
  const counts: VendorCounts = { buyers: 0, threeFamilies: 0, stayed: 0, switched: 0 };
  let start = 0;
  for (let s = 0; s < segment; s++) start += segmentCounts[s]!;
  const workloads = segmentWorkloads[segment]!;
  const customers = segmentCounts[segment]! / workloads;
  const usage = market.volumeMultiplier[segment]!;
  const { tasteGroup, requirement, willingnessToPay } = population;
  const { menus } = market;
  const now = market.month % VENDOR_HISTORY_MONTHS;
  const last = (market.month + VENDOR_HISTORY_MONTHS - 1) % VENDOR_HISTORY_MONTHS;
  const spendNow = market.month % VENDOR_SPEND_MONTHS;
  const yearPlaces = VENDOR_SPEND_MONTHS * workloads;
  const window = new Float64Array(sellers);
  const familiesSeen = new Int32Array(workloads);
  for (let c = 0; c < customers; c++) {
    const at = c * VENDOR_HISTORY_MONTHS;
    const spendAt = c * yearPlaces;
    // The places about to be overwritten hold the spend of VENDOR_SPEND_MONTHS months ago.
    const month = spendAt + spendNow * workloads;
    for (let place = month; place < month + workloads; place++) {
      vendorSpendSellers[place] = NO_VENDOR;
      vendorSpendAmounts[place] = 0;
    }
    // Its workloads share its draws: one menu, one spend per workload (none above its choke).
    const first = start + c * workloads;
    const need = requirement[first]! + market.requirementShift;
    const cutoff = market.capabilityCutoff.countAtLeast(need);
    const row = menus.row(tasteGroup[first]!, cutoff);
    const workloadSpend =
      menus.priceIndex[row]! <= willingnessToPay[first]! ? usage * menus.spend[row]! : 0;
    // A customer that holds offers but spends nothing on them buys nothing: no families.
    const families =
      workloadSpend > 0
        ? addMonthSpend(
            primary,
            first,
            workloads,
            market,
            workloadSpend,
            vendorSpendSellers,
            vendorSpendAmounts,
            month,
            familiesSeen,
          )
        : 0;
    // Summed afresh each month, in a fixed order, so that no rounding drifts and ties are exact.
    for (let a = 0; a < sellers; a++) window[a] = 0;
    addPairs(
      vendorSpendSellers,
      vendorSpendAmounts,
      spendAt,
      VENDOR_SPEND_MONTHS,
      workloads,
      window,
    );
    const vendor = primaryVendor(window, 0, sellers, primaryVendorHistory[at + last]!);
    // The slot about to be overwritten holds the vendor of VENDOR_HISTORY_MONTHS months ago.
    const yearAgo = primaryVendorHistory[at + now]!;
    primaryVendorHistory[at + now] = vendor;
    if (families > 0) counts.buyers++;
    if (families >= MANY_FAMILIES) counts.threeFamilies++;
    if (vendor === NO_VENDOR || yearAgo === NO_VENDOR) continue;
    if (yearAgo === vendor) counts.stayed++;
    else counts.switched++;
  }
  return counts;
}
