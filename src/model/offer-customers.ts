/**
 * Who holds each offer, kept as sufficient statistics: for every offer, segment and role (sole
 * supplier, main supplier of a multi-homing customer, or second supplier) the count of customers
 * the count of customers. The choice kernel updates them as customers move. (Volumes, surplus
 * and switching costs depend on each customer's menu, willingness to pay and integration, so
 * `volumes.ts` takes them customer by customer.)
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
export const SUMS = 1;

/** The per-customer values the sums are made of (a population's arrays). */
export interface CustomerValues {
  readonly size: number;
  readonly segment: Uint8Array;
}

export class OfferCustomers {
  /** COUNT of every bucket. */
  sums = new Float64Array(0);
  /** Seller and lock-in of every offer listed so far: they never change once it is listed. */
  seller = new Int32Array(0);
  lockIn = new Float64Array(0);
  private listed = 0;
  private readonly segment: Uint8Array;

  constructor(values: CustomerValues) {
    this.segment = values.segment;
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

  /** Customer `i` moves from (oldMain, oldSecond) to (newMain, newSecond); -1 is no offer. */
  move(i: number, oldMain: number, oldSecond: number, newMain: number, newSecond: number): void {
    if (oldMain >= 0) this.change(i, oldMain, oldSecond >= 0 ? MAIN : SOLE, -1);
    if (oldSecond >= 0) this.change(i, oldSecond, SECOND, -1);
    if (newMain >= 0) this.change(i, newMain, newSecond >= 0 ? MAIN : SOLE, 1);
    if (newSecond >= 0) this.change(i, newSecond, SECOND, 1);
  }

  private change(i: number, offer: number, role: number, sign: 1 | -1): void {
    const sums = this.sums;
    const at = OfferCustomers.bucket(offer, this.segment[i]!, role) * SUMS;
    const count = sums[at + COUNT]! + sign;
    sums[at + COUNT] = count;
  }
}
