/**
 * Enterprises that split their tokens over workloads: which seller is each one's primary vendor
 * this month, how many model families it uses, and whether its primary vendor is another than a
 * year before. Definitions: docs/MODEL.md, "Workloads".
 *
 * A customer's W workloads are W consecutive entries of the population, each with its own choice
 * and integration (`choice.ts`); they share the customer's demand scale, so a workload's spend is
 * proportional to p (p + a)^-eta of its offer, the same factor for every workload.
 */

import { NO_OFFER, NO_VENDOR, type Population, VENDOR_HISTORY_MONTHS } from './population.ts';

/** The offers on sale that the vendor count reads, per slot and per world offer. */
export interface VendorMarket {
  readonly slotOf: Int32Array;
  readonly price: Float64Array;
  readonly volumeFactor: Float64Array;
  readonly sellerOfOffer: Int32Array;
  /** The model family (developer's agent index) of each slot's model. */
  readonly familyOfSlot: Int32Array;
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
   * or another.
   */
  stayed: number;
  switched: number;
}

/** Families at which a customer counts as using "three or more model families". */
export const MANY_FAMILIES = 3;

/**
 * The primary vendor of the customer whose workloads are entries [first, first + workloads):
 * the seller with the most of its spend; on a tie, `previous` when it is among the tied (a tie
 * is no switch), else the lowest seller index. NO_VENDOR when no workload buys. Writes the
 * number of distinct families its workloads buy from to `families[0]`.
 */
export function primaryVendor(
  primary: Int32Array,
  first: number,
  workloads: number,
  market: VendorMarket,
  previous: number,
  families: Int32Array,
): number {
  const { slotOf, price, volumeFactor, sellerOfOffer, familyOfSlot } = market;
  let vendor = NO_VENDOR;
  let vendorSpend = 0;
  let familyCount = 0;
  for (let w = first; w < first + workloads; w++) {
    const offer = primary[w]!;
    if (offer === NO_OFFER) continue;
    const slot = slotOf[offer]!;
    const family = familyOfSlot[slot]!;
    let seen = false;
    for (let v = first; v < w && !seen; v++) {
      seen = primary[v] !== NO_OFFER && familyOfSlot[slotOf[primary[v]!]!] === family;
    }
    if (!seen) familyCount++;
    const seller = sellerOfOffer[offer]!;
    // This seller's spend over the customer's workloads, once per seller (at its first).
    let counted = false;
    for (let v = first; v < w && !counted; v++) {
      counted = primary[v] !== NO_OFFER && sellerOfOffer[primary[v]!] === seller;
    }
    if (counted) continue;
    let spend = 0;
    for (let v = w; v < first + workloads; v++) {
      const other = primary[v]!;
      if (other === NO_OFFER || sellerOfOffer[other] !== seller) continue;
      const k = slotOf[other]!;
      spend += price[k]! * volumeFactor[k]!;
    }
    const better =
      vendor === NO_VENDOR ||
      spend > vendorSpend ||
      (spend === vendorSpend && vendor !== previous && (seller === previous || seller < vendor));
    if (better) {
      vendor = seller;
      vendorSpend = spend;
    }
  }
  families[0] = familyCount;
  return vendor;
}

/**
 * Counts the customers of segment `segment` (its buyers, those on three or more families, and
 * those whose primary vendor stayed or changed over a year) and writes this month's primary
 * vendors into `population.primaryVendorHistory`, which holds the enterprise segment's.
 */
export function countVendors(
  population: Population,
  segment: number,
  market: VendorMarket,
): VendorCounts {
  const { primary, segmentCounts, segmentWorkloads, primaryVendorHistory } = population;
  const counts: VendorCounts = { buyers: 0, threeFamilies: 0, stayed: 0, switched: 0 };
  let start = 0;
  for (let s = 0; s < segment; s++) start += segmentCounts[s]!;
  const workloads = segmentWorkloads[segment]!;
  const customers = segmentCounts[segment]! / workloads;
  const now = market.month % VENDOR_HISTORY_MONTHS;
  const last = (market.month + VENDOR_HISTORY_MONTHS - 1) % VENDOR_HISTORY_MONTHS;
  const families = new Int32Array(1);
  for (let c = 0; c < customers; c++) {
    const at = c * VENDOR_HISTORY_MONTHS;
    const previous = primaryVendorHistory[at + last]!;
    const vendor = primaryVendor(
      primary,
      start + c * workloads,
      workloads,
      market,
      previous,
      families,
    );
    // The slot about to be overwritten holds the vendor of VENDOR_HISTORY_MONTHS months ago.
    const yearAgo = primaryVendorHistory[at + now]!;
    primaryVendorHistory[at + now] = vendor;
    if (vendor === NO_VENDOR) continue;
    counts.buyers++;
    if (families[0]! >= MANY_FAMILIES) counts.threeFamilies++;
    if (yearAgo === NO_VENDOR) continue;
    if (yearAgo === vendor) counts.stayed++;
    else counts.switched++;
  }
  return counts;
}
