/**
 * Who buys each offer, kept as sufficient statistics: for every offer, segment and role (sole
 * supplier, main supplier of a multi-homing customer, or second supplier) the count of customers
 * and the sums of their demand scales D, of D S(w), of alpha D and of switching costs. Token
 * volumes, consumer surplus and what sellers observe are linear in these sums, so a month's
 * volumes cost O(offers), not O(customers). The choice kernel updates them as customers move.
 */
import { SEGMENTS } from '../scenario/schema.ts';

/** A customer's role at an offer. */
export const SOLE = 0;
export const MAIN = 1;
export const SECOND = 2;
const ROLES = 3;
const BUCKETS_PER_OFFER = SEGMENTS.length * ROLES;

/** The per-customer values the sums are made of (a population's arrays). */
export interface CustomerValues {
  readonly segment: Uint8Array;
  readonly tasteGroup: Uint16Array;
  readonly demandScale: Float64Array;
  readonly surplusAtWtp: Float64Array;
  readonly switchingCostUsd: Float64Array;
  readonly groupPriceSensitivity: Float64Array;
}

export class OfferCustomers {
  count = new Float64Array(0);
  demand = new Float64Array(0);
  demandAtWtp = new Float64Array(0);
  alphaDemand = new Float64Array(0);
  switchingCostUsd = new Float64Array(0);
  /** Seller and lock-in of every offer listed so far: they never change once it is listed. */
  seller = new Int32Array(0);
  lockIn = new Float64Array(0);
  private listed = 0;

  constructor(private readonly values: CustomerValues) {}

  /** The bucket of (offer, segment, role). */
  static bucket(offer: number, segment: number, role: number): number {
    return offer * BUCKETS_PER_OFFER + segment * ROLES + role;
  }

  /** Makes room for the offers listed so far and records their sellers and lock-ins. */
  update(offers: readonly { readonly seller: number; readonly lockIn: number }[]): void {
    if (offers.length > this.seller.length) {
      const size = Math.max(offers.length, this.seller.length * 2, 16);
      const grow = <T extends Float64Array | Int32Array>(array: T, width: number): T => {
        const grown = (
          array instanceof Int32Array
            ? new Int32Array(size * width)
            : new Float64Array(size * width)
        ) as T;
        grown.set(array);
        return grown;
      };
      this.count = grow(this.count, BUCKETS_PER_OFFER);
      this.demand = grow(this.demand, BUCKETS_PER_OFFER);
      this.demandAtWtp = grow(this.demandAtWtp, BUCKETS_PER_OFFER);
      this.alphaDemand = grow(this.alphaDemand, BUCKETS_PER_OFFER);
      this.switchingCostUsd = grow(this.switchingCostUsd, BUCKETS_PER_OFFER);
      this.seller = grow(this.seller, 1);
      this.lockIn = grow(this.lockIn, 1);
    }
    for (; this.listed < offers.length; this.listed++) {
      const offer = offers[this.listed]!;
      this.seller[this.listed] = offer.seller;
      this.lockIn[this.listed] = offer.lockIn;
    }
  }

  /** Customer `i` moves from (oldMain, oldSecond) to (newMain, newSecond); -1 is no offer. */
  move(i: number, oldMain: number, oldSecond: number, newMain: number, newSecond: number): void {
    if (oldMain >= 0) this.change(i, oldMain, oldSecond >= 0 ? MAIN : SOLE, -1);
    if (oldSecond >= 0) this.change(i, oldSecond, SECOND, -1);
    if (newMain >= 0) this.change(i, newMain, newSecond >= 0 ? MAIN : SOLE, 1);
    if (newSecond >= 0) this.change(i, newSecond, SECOND, 1);
  }

  private change(i: number, offer: number, role: number, sign: 1 | -1): void {
    const { segment, tasteGroup, demandScale, surplusAtWtp, switchingCostUsd } = this.values;
    const b = OfferCustomers.bucket(offer, segment[i]!, role);
    const count = this.count[b]! + sign;
    this.count[b] = count;
    if (count === 0) {
      // Empty again: reset exactly, so that no rounding residue outlives the customers.
      this.demand[b] = 0;
      this.demandAtWtp[b] = 0;
      this.alphaDemand[b] = 0;
      this.switchingCostUsd[b] = 0;
      return;
    }
    const d = sign * demandScale[i]!;
    this.demand[b] = this.demand[b]! + d;
    this.demandAtWtp[b] = this.demandAtWtp[b]! + d * surplusAtWtp[i]!;
    this.alphaDemand[b] =
      this.alphaDemand[b]! + d * this.values.groupPriceSensitivity[tasteGroup[i]!]!;
    this.switchingCostUsd[b] = this.switchingCostUsd[b]! + sign * switchingCostUsd[i]!;
  }
}
