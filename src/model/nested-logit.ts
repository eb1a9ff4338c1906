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
 *
 * Two levels (Goldberg 1995; Verboven 1996; Train 2009, 4.2.3): a nest may hold sub-nests h,
 * with within-sub-nest correlation rho_h in [rho_g, 1). A sub-nest is a composite alternative
 * of its nest, of utility I_h:
 *
 *   I_h = (1 - rho_h) ln sum_{k in h} exp(V_k / (1 - rho_h)),   s_j|h = exp((V_j - I_h) / (1 - rho_h))
 *   I_g = (1 - rho_g) ln sum_{h in g} exp(I_h / (1 - rho_g)),   s_j = s_j|h s_h|g s_g
 *
 * With every sub-nest a single offer (I_h = V_j) this is the one level above.
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
  /** The second level, when some sub-nest holds two or more offers; otherwise absent. */
  readonly subNests?: SubNests;
}

/** Sub-nests inside the nests: each offer's, and how alike a sub-nest's offers are. */
export interface SubNests {
  readonly count: number;
  /** Sub-nest of each offer, in [0, count); every offer of a sub-nest is in one nest. */
  readonly subNestOf: Int32Array;
  /** Within-sub-nest correlation rho_h per sub-nest, in [rho of its nest, 1). */
  readonly rho: Float64Array;
  /** The upper level: the sub-nests as the alternatives of a one-level nesting in the nests. */
  readonly upper: Nesting;
}

/**
 * A nesting, checked once so that the monthly functions need not: `nestOf[j]` the nest of offer
 * j, `rho[g]` the within-nest correlation of nest g (one number: the same for every nest).
 * With `subNests`, offer j's sub-nest is `subNests.subNestOf[j]`, and a sub-nest of two or more
 * offers has correlation `subNests.rho` (one number, or one per sub-nest; at least its nest's);
 * a nesting whose every sub-nest is one offer is the one-level nesting.
 */
export function createNesting(
  nestOf: ArrayLike<number>,
  rho: ArrayLike<number> | number,
  subNests?: { readonly subNestOf: ArrayLike<number>; readonly rho: ArrayLike<number> | number },
): Nesting {
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
  const nesting = { offers, nests, nestOf: nestOfOffer, rho: rhoOfNest };
  return subNests ? withSubNests(nesting, subNests.subNestOf, subNests.rho) : nesting;
}

/** `nesting` with its offers in sub-nests (`createNesting`), or as it is when each is alone. */
function withSubNests(
  nesting: Nesting,
  subNestOf: ArrayLike<number>,
  rho: ArrayLike<number> | number,
): Nesting {
  const { offers, nestOf } = nesting;
  if (subNestOf.length !== offers) {
    throw new RangeError(
      `sub-nests: one per offer expected (got ${subNestOf.length} for ${offers})`,
    );
  }
  let count = 0;
  for (let j = 0; j < offers; j++) {
    const h = subNestOf[j]!;
    if (!(Number.isInteger(h) && h >= 0)) {
      throw new RangeError(`offer ${j}: sub-nest must be a non-negative integer (got ${h})`);
    }
    count = Math.max(count, h + 1);
  }
  const size = new Int32Array(count);
  const nestOfSubNest = new Int32Array(count).fill(-1);
  for (let j = 0; j < offers; j++) {
    const h = subNestOf[j]!;
    size[h] = size[h]! + 1;
    if (nestOfSubNest[h]! >= 0 && nestOfSubNest[h] !== nestOf[j]) {
      throw new RangeError(`sub-nest ${h}: its offers must share a nest (offer ${j})`);
    }
    nestOfSubNest[h] = nestOf[j]!;
  }
  if (!size.some((n) => n >= 2)) return nesting;
  const rhoOfSubNest = new Float64Array(count);
  for (let h = 0; h < count; h++) {
    if (nestOfSubNest[h]! < 0) throw new RangeError(`sub-nest ${h}: no offer in it`);
    const outer = nesting.rho[nestOfSubNest[h]!]!;
    // A sub-nest of one offer has no correlation of its own: its nest's makes it vanish.
    const value = size[h]! < 2 ? outer : typeof rho === 'number' ? rho : rho[h]!;
    if (!(value >= outer && value < 1)) {
      throw new RangeError(`sub-nest ${h}: rho must be in [${outer}, 1) (got ${value})`);
    }
    rhoOfSubNest[h] = value;
  }
  const upper = createNesting(nestOfSubNest, nesting.rho);
  return {
    ...nesting,
    subNests: { count, subNestOf: Int32Array.from(subNestOf), rho: rhoOfSubNest, upper },
  };
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
  /**
   * With sub-nests: s_j|h, the probability of choosing j given that the choice is in j's
   * sub-nest (1 for an offer alone in its sub-nest), and the upper level's choice among the
   * sub-nests, whose utilities are the sub-nests' I_h. Absent for a one-level nesting.
   */
  readonly subNests?: SubNestChoice;
}

/** The second level of a choice (`NestedLogitChoice.subNests`). */
export interface SubNestChoice {
  /** s_j|h per offer. */
  readonly withinSubNestShares: Float64Array;
  /** I_h per sub-nest (-Infinity for one with no offer that can be chosen). */
  readonly subNestInclusiveValues: Float64Array;
  /** Working buffer: per sub-nest, the sum of its scaled exponentials. */
  readonly subNestSums: Float64Array;
  /** The choice among sub-nests: its shares are s_h, its within-nest shares s_h|g. */
  readonly upper: NestedLogitChoice;
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
    ...(nesting.subNests && {
      subNests: {
        withinSubNestShares: arrays.float64(nesting.offers),
        subNestInclusiveValues: arrays.float64(nesting.subNests.count),
        subNestSums: arrays.float64(nesting.subNests.count),
        upper: createChoice(nesting.subNests.upper, arrays),
      },
    }),
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
  if (nesting.subNests) return twoLevelChoice(utility, outsideUtility, nesting, choice);
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

/**
 * `nestedLogitChoice` with sub-nests: each sub-nest's I_h and s_j|h, relative to its largest
 * scaled utility, then the one-level choice among the sub-nests at utilities I_h.
 */
function twoLevelChoice(
  utility: ArrayLike<number>,
  outsideUtility: number,
  nesting: Nesting,
  choice: NestedLogitChoice,
): NestedLogitChoice {
  const { offers } = nesting;
  const { count, subNestOf, rho, upper } = nesting.subNests!;
  const {
    withinSubNestShares,
    subNestInclusiveValues,
    subNestSums,
    upper: upperChoice,
  } = choice.subNests!;
  // Per sub-nest, the largest scaled utility V / (1 - rho_h) (kept in the inclusive values
  // until they are taken), then the sum of exp(V / (1 - rho_h) - max).
  const top = subNestInclusiveValues;
  top.fill(Number.NEGATIVE_INFINITY);
  for (let j = 0; j < offers; j++) {
    const h = subNestOf[j]!;
    const scaled = utility[j]! / (1 - rho[h]!);
    if (scaled > top[h]!) top[h] = scaled;
  }
  subNestSums.fill(0);
  for (let j = 0; j < offers; j++) {
    const h = subNestOf[j]!;
    const term =
      top[h] === Number.NEGATIVE_INFINITY ? 0 : Math.exp(utility[j]! / (1 - rho[h]!) - top[h]!);
    withinSubNestShares[j] = term;
    subNestSums[h] = subNestSums[h]! + term;
  }
  for (let j = 0; j < offers; j++) {
    const sum = subNestSums[subNestOf[j]!]!;
    withinSubNestShares[j] = sum > 0 ? withinSubNestShares[j]! / sum : 0;
  }
  for (let h = 0; h < count; h++) {
    if (top[h] !== Number.NEGATIVE_INFINITY) {
      top[h] = (1 - rho[h]!) * (top[h]! + Math.log(subNestSums[h]!));
    }
  }
  nestedLogitChoice(subNestInclusiveValues, outsideUtility, upper, upperChoice);
  for (let j = 0; j < offers; j++) {
    const h = subNestOf[j]!;
    choice.shares[j] = withinSubNestShares[j]! * upperChoice.shares[h]!;
    choice.withinNestShares[j] = withinSubNestShares[j]! * upperChoice.withinNestShares[h]!;
  }
  choice.nestShares.set(upperChoice.nestShares);
  choice.nestInclusiveValues.set(upperChoice.nestInclusiveValues);
  choice.inclusiveValue = upperChoice.inclusiveValue;
  choice.outsideShare = upperChoice.outsideShare;
  return choice;
}

/**
 * A sub-nest's term in its nest's sum, exp((I_h - m) / (1 - rho_1)), with I_h = (1 - rho_2)
 * (top + ln sum) from `top`, the largest V / (1 - rho_2) of its offers, and `sum`, the sum of
 * exp(V / (1 - rho_2) - top) (`addToSubNest`); m the nest's largest utility. A sub-nest of one
 * offer gives exp((V - m) / (1 - rho_1)), the one-level weight. The choice kernel's form of
 * I_h (`choice-market.ts`, `choice.ts`), kept in logarithms: a sub-nest's offers may be far
 * apart in utility at rho_2 near 1 (V / (1 - rho_2) is large), and its term is not small.
 */
export function subNestTerm(
  top: number,
  sum: number,
  nestTop: number,
  rho1: number,
  rho2: number,
): number {
  return sum > 0 ? Math.exp(((1 - rho2) * (top + Math.log(sum)) - nestTop) / (1 - rho1)) : 0;
}

/**
 * Adds an offer of scaled utility `scaled` = V / (1 - rho_2) to sub-nest h's running `top[h]`
 * and `sum[h]` (`subNestTerm`), rescaling the sum when the offer is the new top. Start from
 * top -Infinity and sum 0.
 */
export function addToSubNest(
  top: Float64Array,
  sum: Float64Array,
  h: number,
  scaled: number,
): void {
  if (scaled > top[h]!) {
    sum[h] = sum[h]! * Math.exp(top[h]! - scaled) + 1;
    top[h] = scaled;
  } else {
    sum[h] = sum[h]! + Math.exp(scaled - top[h]!);
  }
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
  if (nesting.subNests) {
    for (let j = 0; j < offers; j++) {
      if (shares[j] === 0) continue;
      lambda[j] =
        lambda[j]! + (weight * utilityDerivative[j]! * shares[j]!) / (1 - ownRho(nesting, j));
      const row = j * offers;
      for (let k = 0; k < offers; k++) {
        const column = weight * utilityDerivative[k]! * shares[k]!;
        gamma[row + k] = gamma[row + k]! + column * substitutionTerm(choice, nesting, j, k);
      }
    }
    return;
  }
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
 * The correlation of offer j with itself in the choice's innermost group: rho of its sub-nest,
 * or of its nest (one level, or a sub-nest of one offer). Lambda_jj's 1 / (1 - rho).
 */
export function ownRho(nesting: Nesting, j: number): number {
  const sub = nesting.subNests;
  return sub ? sub.rho[sub.subNestOf[j]!]! : nesting.rho[nesting.nestOf[j]!]!;
}

/**
 * The factor of u_k s_k in Gamma_jk: how much a rise in offer k's utility takes from offer j,
 * per unit of s_k (Verboven 1996; Train 2009, 4.2.3), with rho_1 j's nest's and rho_2 its
 * sub-nest's correlation:
 *
 *   s_j + rho_1 / (1 - rho_1) s_j|g [g(j) = g(k)] + (1 / (1 - rho_2) - 1 / (1 - rho_1)) s_j|h [h(j) = h(k)]
 *
 * Two levels' general case; the solver's one-level loops inline its first two terms.
 */
export function substitutionTerm(
  choice: NestedLogitChoice,
  nesting: Nesting,
  j: number,
  k: number,
): number {
  const { nestOf, rho } = nesting;
  const s_j = choice.shares[j]!;
  const g = nestOf[j]!;
  if (nestOf[k] !== g) return s_j;
  const r1 = rho[g]!;
  const inNest = s_j + (r1 / (1 - r1)) * choice.withinNestShares[j]!;
  const sub = nesting.subNests;
  if (!sub || sub.subNestOf[k] !== sub.subNestOf[j]) return inNest;
  const r2 = sub.rho[sub.subNestOf[j]!]!;
  return inNest + (1 / (1 - r2) - 1 / (1 - r1)) * choice.subNests!.withinSubNestShares[j]!;
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
