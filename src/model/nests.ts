/**
 * The nests of the customers' nested-logit choice, defined once for the choice kernel
 * (`choice-market.ts`) and the sellers' demand (`pricing-demand.ts`). Equations: docs/MODEL.md,
 * "Nests".
 *
 * An offer's nest is its model family: the developer whose model it sells. A lab's API, the
 * partner cloud's resale of the same model, every host of an open model and every app built on a
 * family's model share the taste a customer has for that family's models (how they write, what
 * they are good at, what its prompts were tuned for), which the utility's observed terms (brand,
 * capability, channel, price) leave out. Within a nest these unobserved tastes are correlated
 * with correlation sigma (`demand.withinFamilyCorrelation`); across nests they are independent.
 */

import { FRESH_ARRAYS, type TypedArrays } from '../math/arena.ts';
import type { Offer, World } from './world.ts';

/** Which nest each of a list of offers belongs to. */
export interface OfferNests {
  /** Number of nests: the model families among the offers. */
  readonly nests: number;
  /** Nest of each offer, in [0, nests), in the order the offers were given. */
  readonly nestOf: Int32Array;
}

/**
 * The family nest of each of `offers`: nests are numbered by their developer's agent index,
 * lowest first, over the families present, so that the numbering does not depend on the order
 * of the offers.
 */
export function familyNests(
  world: World,
  offers: readonly Offer[],
  arrays: TypedArrays = FRESH_ARRAYS,
): OfferNests {
  const nestOf = arrays.int32(offers.length);
  let developers = 0;
  for (const offer of offers) developers = Math.max(developers, modelFamily(world, offer) + 1);
  const present = arrays.uint8(developers);
  for (const offer of offers) present[modelFamily(world, offer)] = 1;
  const nestOfDeveloper = arrays.int32(developers);
  let nests = 0;
  for (let developer = 0; developer < developers; developer++) {
    if (present[developer] === 1) nestOfDeveloper[developer] = nests++;
  }
  for (let k = 0; k < offers.length; k++) {
    nestOf[k] = nestOfDeveloper[modelFamily(world, offers[k]!)]!;
  }
  return { nests, nestOf };
}

/** The family of the model an offer sells: its developer's agent index. */
export function modelFamily(world: World, offer: Offer): number {
  return world.models[offer.model]!.developer;
}
