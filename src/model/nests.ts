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
 */

import { FRESH_ARRAYS, type TypedArrays } from '../math/arena.ts';
import type { Offer, World } from './world.ts';

/** Which nest each of a list of offers belongs to. */
export interface OfferNests {
  /** Number of nests: the families' tokens and products among the offers. */
  readonly nests: number;
  /** Nest of each offer, in [0, nests), in the order the offers were given. */
  readonly nestOf: Int32Array;
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
  return { nests, nestOf };
}

/** The family of the model an offer sells: its developer's agent index. */
export function modelFamily(world: World, offer: Offer): number {
  return world.models[offer.model]!.developer;
}

/** An offer's nest key: its family's tokens (API, cloud, host) or its family's products. */
function nestKey(world: World, offer: Offer): number {
  return 2 * modelFamily(world, offer) + (offer.channel === 'product' ? 1 : 0);
}
