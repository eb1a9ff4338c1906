/**
 * Nested-logit demand on plain arrays: one customer type's choice probabilities, inclusive
 * values and share derivatives. Equations: docs/MODEL.md, "Equilibrium pricing and nested logit".
 *
 * Offer j sits in nest g(j) (a model family, say, or a channel); the outside option sits alone.
 * A customer's utility is V_j + e_j, with V_j the caller's mean utility (price included) and e a
 * generalised-extreme-value draw whose offers are correlated within a nest. The nesting
 * parameter follows pyblp: rho_g in [0, 1) is the within-nest correlation, and lambda_g = 1 -
 * rho_g the coefficient on the nest's log-sum (the dissimilarity). rho = 0 is plain logit; as
 * rho -> 1 a nest's offers become perfect substitutes, so a second copy of an offer adds
 * nothing to its nest (the red bus and the blue bus). Berry (1994); Cardell (1997).
 *
 *   I_g    = (1 - rho_g) ln sum_{k in g} exp(V_k / (1 - rho_g))      the nest's inclusive value
 *   IV     = ln(exp(V_0) + sum_g exp(I_g))                            the market's inclusive value
 *   s_g    = exp(I_g - IV),   s_j|g = exp(V_j / (1 - rho_g)) / sum_{k in g} exp(V_k / (1 - rho_g))
 *   s_j    = s_j|g s_g,       s_0 = exp(V_0 - IV)
 *
 * IV is the expected maximum utility less Euler's constant (Small and Rosen 1981): divided by
 * the marginal utility of money it is the customer's surplus from the menu.
 */

import { FRESH_ARRAYS, type TypedArrays } from '../math/arena.ts';

/** Which nest each offer belongs to, and how alike a nest's offers are. Build with `createNesting`. */
export interface Nesting {
  readonly offers: number;
  readonly nests: number;
  /** Nest of each offer, in [0, nests). */
  readonly nestOf: Int32Array;
  /** Within-nest correlation rho_g per nest, in [0, 1) (pyblp's `rho`). */
  readonly rho: Float64Array;
}

/**
 * A nesting, checked once so that the monthly functions need not: `nestOf[j]` the nest of offer
 * j, `rho[g]` the within-nest correlation of nest g (one number: the same for every nest).
 */
export function createNesting(nestOf: ArrayLike<number>, rho: ArrayLike<number> | number): Nesting {
  const offers = nestOf.length;
  let nests = typeof rho === 'number' ? 0 : rho.length;
  if (typeof rho === 'number') {
    for (let j = 0; j < offers; j++) nests = Math.max(nests, nestOf[j]! + 1);
  }
  const rhoOfNest = new Float64Array(nests);
  for (let g = 0; g < nests; g++) {
    const value = typeof rho === 'number' ? rho : rho[g]!;
    if (!(value >= 0 && value < 1)) {
      throw new RangeError(`nest ${g}: rho must be in [0, 1) (got ${value})`);
    }
    rhoOfNest[g] = value;
  }
  const nestOfOffer = new Int32Array(offers);
  for (let j = 0; j < offers; j++) {
    const g = nestOf[j]!;
    if (!(Number.isInteger(g) && g >= 0 && g < nests)) {
      throw new RangeError(`offer ${j}: nest must be an integer in [0, ${nests}) (got ${g})`);
    }
    nestOfOffer[j] = g;
  }
  return { offers, nests, nestOf: nestOfOffer, rho: rhoOfNest };
}

/** Plain logit as a nesting: every offer in a nest of its own, rho = 0. */
export function plainLogitNesting(offers: number): Nesting {
  return createNesting(
    Array.from({ length: offers }, (_, j) => j),
    0,
  );
}

/** One customer type's choice at given utilities. Buffers are overwritten by each call. */
export interface NestedLogitChoice {
  /** s_j, the probability of choosing offer j. */
  readonly shares: Float64Array;
  /** s_j|g, the probability of choosing j given that the choice is in j's nest. */
  readonly withinNestShares: Float64Array;
  /** s_g, per nest. */
  readonly nestShares: Float64Array;
  /** I_g per nest (-Infinity for a nest with no offer that can be chosen). */
  readonly nestInclusiveValues: Float64Array;
  /** IV = ln(exp(V_0) + sum_g exp(I_g)); the expected maximum utility is IV + EULER_GAMMA. */
  inclusiveValue: number;
  /** s_0 = 1 - sum_j s_j. */
  outsideShare: number;
}

/** Euler-Mascheroni constant: the mean of a standard Gumbel draw. */
export const EULER_GAMMA = 0.5772156649015329;

/** Buffers for `nestedLogitChoice` on a market of this nesting. */
export function createChoice(
  nesting: Nesting,
  arrays: TypedArrays = FRESH_ARRAYS,
): NestedLogitChoice {
  return {
    shares: arrays.float64(nesting.offers),
    withinNestShares: arrays.float64(nesting.offers),
    nestShares: arrays.float64(nesting.nests),
    nestInclusiveValues: arrays.float64(nesting.nests),
    inclusiveValue: 0,
    outsideShare: 0,
  };
}

/**
 * The choice probabilities and inclusive values at mean utilities `utility` (price included;
 * -Infinity for an offer this customer cannot buy) and outside utility `outsideUtility`.
 * Each exponential is taken relative to its nest's, and then the market's, largest term, so
 * utilities of any size neither overflow nor lose the small shares.
 */
export function nestedLogitChoice(
  utility: ArrayLike<number>,
  outsideUtility: number,
  nesting: Nesting,
  choice: NestedLogitChoice = createChoice(nesting),
): NestedLogitChoice {
  const { offers, nests, nestOf, rho } = nesting;
  const { shares, withinNestShares, nestShares, nestInclusiveValues } = choice;

  // Per nest, the largest scaled utility V / (1 - rho), then the sum of exp(V / (1 - rho) - max)
  // (kept in nestShares until the nest's share is known).
  nestInclusiveValues.fill(Number.NEGATIVE_INFINITY);
  nestShares.fill(0);
  for (let j = 0; j < offers; j++) {
    const g = nestOf[j]!;
    const scaled = utility[j]! / (1 - rho[g]!);
    if (scaled > nestInclusiveValues[g]!) nestInclusiveValues[g] = scaled;
  }
  for (let j = 0; j < offers; j++) {
    const g = nestOf[j]!;
    const top = nestInclusiveValues[g]!;
    const term = top === Number.NEGATIVE_INFINITY ? 0 : Math.exp(utility[j]! / (1 - rho[g]!) - top);
    withinNestShares[j] = term;
    nestShares[g] = nestShares[g]! + term;
  }
  let top = outsideUtility;
  for (let g = 0; g < nests; g++) {
    const top_g = nestInclusiveValues[g]!;
    const value =
      top_g === Number.NEGATIVE_INFINITY
        ? top_g
        : (1 - rho[g]!) * (top_g + Math.log(nestShares[g]!));
    nestInclusiveValues[g] = value;
    if (value > top) top = value;
  }
  for (let j = 0; j < offers; j++) {
    const sum = nestShares[nestOf[j]!]!;
    withinNestShares[j] = sum > 0 ? withinNestShares[j]! / sum : 0;
  }
  let denominator = Math.exp(outsideUtility - top);
  for (let g = 0; g < nests; g++) denominator += Math.exp(nestInclusiveValues[g]! - top);
  for (let g = 0; g < nests; g++) {
    nestShares[g] = Math.exp(nestInclusiveValues[g]! - top) / denominator;
  }
  for (let j = 0; j < offers; j++) shares[j] = withinNestShares[j]! * nestShares[nestOf[j]!]!;
  choice.inclusiveValue = top + Math.log(denominator);
  choice.outsideShare = Math.exp(outsideUtility - top) / denominator;
  return choice;
}

/** How price enters utility: -alpha ln p (the run's choice model) or -alpha p. */
export type PriceForm = 'log' | 'linear';

/** The price term of utility, -alpha ln p or -alpha p (p in USD/MTok). */
export function priceUtility(alpha: number, priceUsdPerMTok: number, form: PriceForm): number {
  return form === 'log' ? -alpha * Math.log(priceUsdPerMTok) : -alpha * priceUsdPerMTok;
}

/** dV_j / dp_j: -alpha / p under log price, -alpha under linear price (per USD/MTok). */
export function priceUtilityDerivative(
  alpha: number,
  priceUsdPerMTok: number,
  form: PriceForm,
): number {
  return form === 'log' ? -alpha / priceUsdPerMTok : -alpha;
}

/**
 * Adds one customer type's share derivatives, times `weight`, to the decomposition
 * ds/dp = Lambda - Gamma of Morrow and Skerlos (2011) as pyblp writes it, with
 * u_k = dV_k/dp_k (`utilityDerivative`, per offer; it carries the price form):
 *
 *   Lambda_jj += weight s_j u_j / (1 - rho_g(j))
 *   Gamma_jk  += weight u_k s_k (s_j + rho_g / (1 - rho_g) s_j|g [g(j) = g(k)])
 *
 * `lambda` has one entry per offer, `gamma` is row-major: gamma[j * offers + k] for share j
 * and price k. Summing types gives the market's decomposition; with log price u_k = -alpha /
 * p_k, a column factor, so Gamma is not symmetric.
 */
export function addShareDerivatives(
  choice: NestedLogitChoice,
  nesting: Nesting,
  utilityDerivative: ArrayLike<number>,
  weight: number,
  lambda: Float64Array,
  gamma: Float64Array,
): void {
  const { offers, nestOf, rho } = nesting;
  const { shares, withinNestShares } = choice;
  // Row by row, so that gamma is written in memory order (this is the solver's inner loop).
  for (let j = 0; j < offers; j++) {
    const s_j = shares[j]!;
    if (s_j === 0) continue; // an offer nobody buys: its share moves with no price
    const g = nestOf[j]!;
    lambda[j] = lambda[j]! + (weight * utilityDerivative[j]! * s_j) / (1 - rho[g]!);
    const inNest = s_j + (rho[g]! / (1 - rho[g]!)) * withinNestShares[j]!;
    const row = j * offers;
    for (let k = 0; k < offers; k++) {
      const column = weight * utilityDerivative[k]! * shares[k]!;
      gamma[row + k] = gamma[row + k]! + column * (nestOf[k] === g ? inNest : s_j);
    }
  }
}

/**
 * The Jacobian ds_j/dp_k of one customer type's shares (a check and a convenience: it allocates;
 * the solver sums `addShareDerivatives` instead), row-major (`jacobian[j * offers + k]`),
 * from `addShareDerivatives`: Lambda - Gamma. In closed form, with u_k = dV_k/dp_k,
 *
 *   ds_j/dp_j = u_j s_j (1 / (1 - rho) - rho / (1 - rho) s_j|g - s_j)
 *   ds_j/dp_k = -u_k s_k (rho / (1 - rho) s_j|g + s_j)     k in j's nest
 *   ds_j/dp_k = -u_k s_k s_j                               k in another nest
 */
export function shareJacobian(
  choice: NestedLogitChoice,
  nesting: Nesting,
  utilityDerivative: ArrayLike<number>,
  jacobian: Float64Array = new Float64Array(nesting.offers * nesting.offers),
): Float64Array {
  const { offers } = nesting;
  const lambda = new Float64Array(offers);
  jacobian.fill(0);
  addShareDerivatives(choice, nesting, utilityDerivative, 1, lambda, jacobian);
  for (let j = 0; j < offers; j++) {
    for (let k = 0; k < offers; k++) jacobian[j * offers + k] = -jacobian[j * offers + k]!;
    jacobian[j * offers + j] = jacobian[j * offers + j]! + lambda[j]!;
  }
  return jacobian;
}

/**
 * Consumer surplus under linear price: (IV - V_0) / alpha, what the menu is worth over the
 * outside option alone (Small and Rosen 1981; Train 2009, section 3.5). alpha is then the
 * constant marginal utility of money, per USD/MTok, so this is a price: the most the customer
 * would pay per MTok, on top, to keep the menu. Times the MTok it buys, its surplus in USD.
 */
export function menuSurplusUsdPerMTok(
  inclusiveValue: number,
  outsideUtility: number,
  alpha: number,
): number {
  return (inclusiveValue - outsideUtility) / alpha;
}

/**
 * Under log price the marginal utility of money, alpha / p, varies with the price, and IV / alpha
 * is a log price: the menu is worth as much as a single plain offer (no taste shock, utility
 * -alpha ln P) at the price index P = exp(-IV / alpha) USD/MTok. P moves with each price in
 * proportion to its share, d ln P / d ln p_j = s_j (Roy's identity), and scales by x when every
 * price, the outside option's included, does. The surplus in USD is then the area under the
 * customer's volume demand between P and its choke price (`menuSurplusUsd` in `welfare.ts`).
 */
export function menuPriceIndexUsdPerMTok(inclusiveValue: number, alpha: number): number {
  return Math.exp(-inclusiveValue / alpha);
}
