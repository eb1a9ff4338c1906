/**
 * Who buys each offer, kept as sufficient statistics: for every offer, segment and role (sole
 * supplier, main supplier of a multi-homing customer, or second supplier) the count of customers
 * and the sums of their demand scales D, of D S(w), of alpha D, of kappa D and of kappa D times
 * the month their integration is counted from. Token volumes, consumer surplus and what sellers
 * observe are linear in these sums, so a month's volumes cost O(offers), not O(customers). The
 * choice kernel updates them as customers move.
 */
import { SEGMENTS } from '../scenario/schema.ts';

/** A customer's role at an offer. */
export const SOLE = 0;
export const MAIN = 1;
export const SECOND = 2;
const ROLES = 3;
const BUCKETS_PER_OFFER = SEGMENTS.length * ROLES;

/** What is summed per bucket, interleaved in `sums`: `sums[bucket * SUMS + field]`. */
export const COUNT = 0;
export const DEMAND = 1;
export const DEMAND_AT_WTP = 2;
export const ALPHA_DEMAND = 3;
/** kappa D, and kappa D x `integratedSince`: the sellers' view of their customers' lock-in. */
export const KAPPA_DEMAND = 4;
export const KAPPA_DEMAND_SINCE = 5;
export const SUMS = 6;

/** The per-customer values the sums are made of (a population's arrays). */
export interface CustomerValues {
  readonly size: number;
  readonly segment: Uint8Array;
  readonly tasteGroup: Uint16Array;
  readonly demandScale: Float64Array;
  readonly surplusAtWtp: Float64Array;
  readonly switchingCostPerSpendMonth: Float64Array;
  readonly groupPriceSensitivity: Float64Array;
}

export class OfferCustomers {
  /**
   * COUNT, DEMAND (sum of D), DEMAND_AT_WTP (D S(w)), ALPHA_DEMAND (alpha D), KAPPA_DEMAND
   * (kappa D) and KAPPA_DEMAND_SINCE (kappa D x integration month) of every bucket, side by
   * side: a customer's move touches one cache line per bucket, not one per sum.
   */
  sums = new Float64Array(0);
  /** Seller and lock-in of every offer listed so far: they never change once it is listed. */
  seller = new Int32Array(0);
  lockIn = new Float64Array(0);
  private listed = 0;
  /** Each customer's addends, side by side: D, D S(w), alpha D and kappa D. */
  private readonly addends: Float64Array;
  private readonly segment: Uint8Array;

  constructor(values: CustomerValues) {
    const { size, segment, tasteGroup, demandScale, surplusAtWtp } = values;
    this.segment = segment;
    this.addends = new Float64Array(size * 4);
    for (let i = 0; i < size; i++) {
      const d = demandScale[i]!;
      this.addends[i * 4] = d;
      this.addends[i * 4 + 1] = d * surplusAtWtp[i]!;
      this.addends[i * 4 + 2] = d * values.groupPriceSensitivity[tasteGroup[i]!]!;
      this.addends[i * 4 + 3] = d * values.switchingCostPerSpendMonth[i]!;
    }
  }

  /** The bucket of (offer, segment, role). */
  static bucket(offer: number, segment: number, role: number): number {
    return offer * BUCKETS_PER_OFFER + segment * ROLES + role;
  }

  /** Makes room for the offers listed so far and records their sellers and lock-ins. */
  update(offers: readonly { readonly seller: number; readonly lockIn: number }[]): void {
    if (offers.length > this.seller.length) {
      const size = Math.max(offers.length, this.seller.length * 2, 16);
      const sums = new Float64Array(size * BUCKETS_PER_OFFER * SUMS);
      sums.set(this.sums);
      this.sums = sums;
      const seller = new Int32Array(size);
      seller.set(this.seller);
      this.seller = seller;
      const lockIn = new Float64Array(size);
      lockIn.set(this.lockIn);
      this.lockIn = lockIn;
    }
    for (; this.listed < offers.length; this.listed++) {
      const offer = offers[this.listed]!;
      this.seller[this.listed] = offer.seller;
      this.lockIn[this.listed] = offer.lockIn;
    }
  }

  /**
   * Customer `i` moves from (oldMain, oldSecond) to (newMain, newSecond), -1 being no offer, and
   * its integration is counted from `newSince` rather than `oldSince` (months).
   */
  move(
    i: number,
    oldMain: number,
    oldSecond: number,
    newMain: number,
    newSecond: number,
    oldSince: number,
    newSince: number,
  ): void {
    if (oldMain >= 0) this.change(i, oldMain, oldSecond >= 0 ? MAIN : SOLE, -1, oldSince);
    if (oldSecond >= 0) this.change(i, oldSecond, SECOND, -1, oldSince);
    if (newMain >= 0) this.change(i, newMain, newSecond >= 0 ? MAIN : SOLE, 1, newSince);
    if (newSecond >= 0) this.change(i, newSecond, SECOND, 1, newSince);
  }

  private change(i: number, offer: number, role: number, sign: 1 | -1, since: number): void {
    const sums = this.sums;
    const at = OfferCustomers.bucket(offer, this.segment[i]!, role) * SUMS;
    const count = sums[at + COUNT]! + sign;
    sums[at + COUNT] = count;
    if (count === 0) {
      // Empty again: reset exactly, so that no rounding residue outlives the customers.
      sums[at + DEMAND] = 0;
      sums[at + DEMAND_AT_WTP] = 0;
      sums[at + ALPHA_DEMAND] = 0;
      sums[at + KAPPA_DEMAND] = 0;
      sums[at + KAPPA_DEMAND_SINCE] = 0;
      return;
    }
    // sign * (D x) equals (sign * D) x exactly: a change of sign rounds the same.
    const addends = this.addends;
    sums[at + DEMAND] = sums[at + DEMAND]! + sign * addends[i * 4]!;
    sums[at + DEMAND_AT_WTP] = sums[at + DEMAND_AT_WTP]! + sign * addends[i * 4 + 1]!;
    sums[at + ALPHA_DEMAND] = sums[at + ALPHA_DEMAND]! + sign * addends[i * 4 + 2]!;
    const kappaDemand = addends[i * 4 + 3]!;
    sums[at + KAPPA_DEMAND] = sums[at + KAPPA_DEMAND]! + sign * kappaDemand;
    sums[at + KAPPA_DEMAND_SINCE] = sums[at + KAPPA_DEMAND_SINCE]! + sign * (kappaDemand * since);
  }
}
