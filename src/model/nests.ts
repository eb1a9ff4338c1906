/**
 * The nests of the customers' nested-logit choice, defined once for the choice kernel
 * (`choice-market.ts`) and the sellers' demand (`pricing-demand.ts`). Equations and reasons:
 * docs/MODEL.md, "Nests".
 *
 * An offer's nest is its model family (the developer whose model it sells), split into the
 * family's tokens (its API, a partner cloud's resale, every host of an open model) and the
 * family's products (a lab's app on its own model, an aggregator's app built on it). Sellers of
 * the same weights share the taste a customer has for that family's models (how they write,
 * what its prompts were tuned for), which the utility's observed terms leave out; an app and raw
 * tokens serve different uses. Within a nest these unobserved tastes are correlated with
 * correlation sigma (`demand.withinFamilyCorrelation`); across nests they are independent.
 *
 * Inside a family's products nest, the apps other firms build on the family's models form a
 * sub-nest ("the family's third-party apps"), with a higher correlation rho_2
 * (`demand.withinAppsCorrelation`): two apps on one upstream model are closer substitutes to
 * each other than to the developer's own product, and two copies of one app are the limit
 * rho_2 -> 1. Every other offer is a sub-nest of its own. docs/MODEL.md, "Sub-nests".
 */

import { FRESH_ARRAYS, type TypedArrays } from '../math/arena.ts';
import type { Offer, World } from './world.ts';

/** Which nest each of a list of offers belongs to. */
export interface OfferNests {
  /** Number of nests: the families' tokens and products among the offers. */
  readonly nests: number;
  /** Nest of each offer, in [0, nests), in the order the offers were given. */
  readonly nestOf: Int32Array;
  /**
   * Number of sub-nests that hold two or more offers (a family's third-party apps, when there
   * are several): 0 where every sub-nest is a single offer, the one-level nesting.
   */
  readonly sharedSubNests: number;
  /**
   * The shared sub-nest of each offer, in [0, sharedSubNests), or -1 for an offer that is a
   * sub-nest of its own; numbered in the order of their first offer.
   */
  readonly sharedSubNestOf: Int32Array;
}

/**
 * The nest of each of `offers`: nests are numbered by their developer's agent index, lowest
 * first, a family's tokens before its products, over the nests present, so that the numbering
 * does not depend on the order of the offers.
 */
export function familyNests(
  world: World,
  offers: readonly Offer[],
  arrays: TypedArrays = FRESH_ARRAYS,
): OfferNests {
  const nestOf = arrays.int32(offers.length);
  let keys = 0;
  for (const offer of offers) keys = Math.max(keys, nestKey(world, offer) + 1);
  const present = arrays.uint8(keys);
  for (const offer of offers) present[nestKey(world, offer)] = 1;
  const nestOfKey = arrays.int32(keys);
  let nests = 0;
  for (let key = 0; key < keys; key++) {
    if (present[key] === 1) nestOfKey[key] = nests++;
  }
  for (let k = 0; k < offers.length; k++) nestOf[k] = nestOfKey[nestKey(world, offers[k]!)]!;
  // A family's third-party apps: per nest, how many, then a number for those with two or more.
  const apps = arrays.int32(nests);
  for (let k = 0; k < offers.length; k++) {
    if (isThirdPartyApp(world, offers[k]!)) apps[nestOf[k]!] = apps[nestOf[k]!]! + 1;
  }
  const sharedOfNest = arrays.int32(nests).fill(-1);
  const sharedSubNestOf = arrays.int32(offers.length).fill(-1);
  let sharedSubNests = 0;
  for (let k = 0; k < offers.length; k++) {
    const n = nestOf[k]!;
    if (apps[n]! < 2 || !isThirdPartyApp(world, offers[k]!)) continue;
    if (sharedOfNest[n]! < 0) sharedOfNest[n] = sharedSubNests++;
    sharedSubNestOf[k] = sharedOfNest[n]!;
  }
  return { nests, nestOf, sharedSubNests, sharedSubNestOf };
}

/**
 * Every offer's sub-nest, numbered in [0, sub-nests): the shared ones first (as numbered in
 * `nests`), then each other offer alone, in order. For `createNesting`'s second level.
 */
export function subNestNumbers(nests: OfferNests): Int32Array {
  const { sharedSubNests, sharedSubNestOf } = nests;
  const subNestOf = new Int32Array(sharedSubNestOf.length);
  let next = sharedSubNests;
  for (let k = 0; k < subNestOf.length; k++) {
    subNestOf[k] = sharedSubNestOf[k]! >= 0 ? sharedSubNestOf[k]! : next++;
  }
  return subNestOf;
}

/** Whether an offer is a product that another firm than its model's developer builds on it. */
export function isThirdPartyApp(world: World, offer: Offer): boolean {
  return offer.channel === 'product' && offer.seller !== modelFamily(world, offer);
}

/** The family of the model an offer sells: its developer's agent index. */
export function modelFamily(world: World, offer: Offer): number {
  return world.models[offer.model]!.developer;
}

/** An offer's nest key: its family's tokens (API, cloud, host) or its family's products. */
function nestKey(world: World, offer: Offer): number {
  return 2 * modelFamily(world, offer) + (offer.channel === 'product' ? 1 : 0);
}
