/**
 * Consumer surplus from the choice model, and the demand it implies, for one customer type on
 * plain data. Equations, derivation and sources: docs/MODEL.md, "Welfare from the choice model".
 *
 * A customer type chooses among offers by nested logit with log-price utility
 * V_j = delta_j - alpha ln p_j (`nested-logit.ts`), the outside option at V_0 = -alpha ln p_0.
 * The menu is worth as much as one plain offer at its price index P = exp(-IV / alpha) USD/MTok
 * (`menuPriceIndexUsdPerMTok`), IV the inclusive value with the outside option. The type buys
 * X(P) of the menu's composite, X the saturating volume curve of `demand.ts`,
 *
 *   X(t) = D (t + a)^-eta  for t <= w,  0 above (w the choke price, its willingness to pay),
 *
 * and so spends E = X(P) P USD a month whatever it chooses: on choosing offer j it buys E / p_j
 * MTok (Anderson, de Palma and Thisse 1992, ch. 3: the CES representative consumer, with an
 * upper-tier demand X). Offer j's expected volume is then s_j E / p_j, and the surplus is the area
 * under X above P,
 *
 *   CS = integral from P to w of X(t) dt = D (S(P) - S(w)),   S as in `demand.ts`,
 *
 * which satisfies Roy's identity against that demand: dCS/dp_j = -X(P) dP/dp_j = -s_j E / p_j,
 * since dP/dp_j = P s_j / p_j. Capability and brand enter through delta, hence IV and P.
 */

import { surplusFactor, volumeElasticity, volumeFactor } from './demand.ts';
import { type NestedLogitChoice, type Nesting, ownRho, substitutionTerm } from './nested-logit.ts';

/** A customer type's demand for the menu's composite, X(t) = D (t + a)^-eta up to its choke w. */
export interface MenuDemand {
  /** D: X(t) = D (t + a)^-eta MTok a month (`demandScale` in `demand.ts`). */
  readonly scale: number;
  /** eta, the elasticity of X well above a. */
  readonly elasticity: number;
  /** a, USD/MTok: below it X saturates at D a^-eta. */
  readonly saturationUsdPerMTok: number;
  /** w, USD/MTok: the type buys nothing when the menu's price index is above it. */
  readonly chokeUsdPerMTok: number;
}

/** X(P), MTok a month of the composite at price index P (0 above the choke price). */
export function menuVolumeMTok(demand: MenuDemand, priceIndexUsdPerMTok: number): number {
  if (priceIndexUsdPerMTok > demand.chokeUsdPerMTok) return 0;
  return (
    demand.scale *
    volumeFactor(priceIndexUsdPerMTok, demand.elasticity, demand.saturationUsdPerMTok)
  );
}

/** E = X(P) P, USD a month: what the type spends, whichever offer it chooses. */
export function menuSpendUsd(demand: MenuDemand, priceIndexUsdPerMTok: number): number {
  return menuVolumeMTok(demand, priceIndexUsdPerMTok) * priceIndexUsdPerMTok;
}

/**
 * The elasticity of X at P, -d ln X / d ln P = eta P / (P + a) (`volumeElasticity` in
 * `demand.ts`, of the menu's composite), 0 above the choke price, where nothing is bought.
 */
export function menuVolumeElasticity(demand: MenuDemand, priceIndexUsdPerMTok: number): number {
  if (priceIndexUsdPerMTok > demand.chokeUsdPerMTok) return 0;
  return volumeElasticity(priceIndexUsdPerMTok, demand.elasticity, demand.saturationUsdPerMTok);
}

/**
 * The area under X between two price indices, USD a month: integral from `lowUsdPerMTok` to
 * `highUsdPerMTok` of X(t) dt, X zero above the choke price. Negative when low > high.
 */
export function surplusBetweenUsd(
  demand: MenuDemand,
  lowUsdPerMTok: number,
  highUsdPerMTok: number,
): number {
  const { scale, elasticity, saturationUsdPerMTok: a, chokeUsdPerMTok: w } = demand;
  const low = Math.min(lowUsdPerMTok, w);
  const high = Math.min(highUsdPerMTok, w);
  if (low === high) return 0;
  return scale * (surplusFactor(low, elasticity, a) - surplusFactor(high, elasticity, a));
}

/**
 * The type's consumer surplus from the whole menu, outside option included, USD a month:
 * CS = integral from P to w of X(t) dt. Its price derivatives are minus the expected demands
 * (Roy's identity): dCS/dp_j = -s_j E / p_j, and dCS/dp_0 = -s_0 E / p_0 for the outside price.
 */
export function menuSurplusUsd(demand: MenuDemand, priceIndexUsdPerMTok: number): number {
  return surplusBetweenUsd(demand, priceIndexUsdPerMTok, demand.chokeUsdPerMTok);
}

/**
 * What the offers add to the outside option alone, USD a month: CS(P) - CS(p_0) = integral from
 * P to p_0 of X(t) dt, p_0 = exp(-V_0 / alpha) the outside option's price (the index of a menu
 * with no offer). Never negative, since adding offers lowers the index; the same price
 * derivatives in the offers' prices as `menuSurplusUsd`.
 */
export function surplusOverOutsideUsd(
  demand: MenuDemand,
  priceIndexUsdPerMTok: number,
  outsidePriceUsdPerMTok: number,
): number {
  return surplusBetweenUsd(demand, priceIndexUsdPerMTok, outsidePriceUsdPerMTok);
}

/**
 * Each offer's expected volume for the type, s_j E / p_j MTok a month, into `out` (an offer
 * nobody can buy gets 0). `spendUsd` is E = X(P) P (`menuSpendUsd`).
 */
export function expectedOfferVolumes(
  choice: NestedLogitChoice,
  pricesUsdPerMTok: ArrayLike<number>,
  spendUsd: number,
  out: Float64Array = new Float64Array(choice.shares.length),
): Float64Array {
  const { shares } = choice;
  for (let j = 0; j < shares.length; j++) {
    out[j] = shares[j]! === 0 ? 0 : (shares[j]! * spendUsd) / pricesUsdPerMTok[j]!;
  }
  return out;
}

/**
 * Adds `weight` times the type's volume derivatives dQ_j/dp_k, Q_j = s_j E(P) / p_j, to the
 * decomposition dQ/dp = Lambda - Gamma (Lambda diagonal) that `bertrandNashPrices` iterates on,
 * for log-price utility with price weight `alpha` (per unit of ln price). With E the type's spend
 * at the menu's price index and ε the elasticity of its composite volume there (for one customer
 * `menuSpendUsd` and `menuVolumeElasticity`; a type that sums customers sums their curves), and
 * the share derivatives of `addShareDerivatives`,
 *
 *   dQ_j/dp_k = (E / p_j) (ds_j/dp_k + (1 - ε) s_j s_k / p_k - [j = k] s_j / p_j),
 *   Lambda_jj += weight (E / p_j) s_j (-alpha / (1 - rho_g) - 1) / p_j
 *   Gamma_jk  -= weight (E / p_j) s_k / p_k (alpha (s_j + rho_g / (1 - rho_g) s_j|g [g(j) = g(k)])
 *                                            + (1 - ε) s_j)
 *
 * (the signs of `addShareDerivatives`, whose Gamma carries dV_k/dp_k = -alpha / p_k). Lambda is
 * negative wherever an offer sells, as the zeta-markup iteration needs.
 */
export function addMenuVolumeDerivatives(
  choice: NestedLogitChoice,
  nesting: Nesting,
  pricesUsdPerMTok: ArrayLike<number>,
  alpha: number,
  spendUsd: number,
  volumeElasticity: number,
  weight: number,
  lambda: Float64Array,
  gamma: Float64Array,
): void {
  if (spendUsd === 0) return; // the menu is dearer than the choke price: no volume moves
  const indexWeight = 1 - volumeElasticity;
  const { offers, nestOf, rho } = nesting;
  const { shares, withinNestShares } = choice;
  if (nesting.subNests) {
    // Two levels: the same terms with `substitutionTerm`'s sub-nest part and rho_2 on the diagonal.
    for (let j = 0; j < offers; j++) {
      const s_j = shares[j]!;
      if (s_j === 0) continue;
      const p_j = pricesUsdPerMTok[j]!;
      const row = (weight * spendUsd) / p_j;
      lambda[j] = lambda[j]! + (row * s_j * (-alpha / (1 - ownRho(nesting, j)) - 1)) / p_j;
      for (let k = 0; k < offers; k++) {
        const s_k = shares[k]!;
        if (s_k === 0) continue;
        const substitution = alpha * substitutionTerm(choice, nesting, j, k);
        gamma[j * offers + k] =
          gamma[j * offers + k]! -
          (row * s_k * (substitution + indexWeight * s_j)) / pricesUsdPerMTok[k]!;
      }
    }
    return;
  }
  for (let j = 0; j < offers; j++) {
    const s_j = shares[j]!;
    if (s_j === 0) continue;
    const g = nestOf[j]!;
    const p_j = pricesUsdPerMTok[j]!;
    const row = (weight * spendUsd) / p_j;
    lambda[j] = lambda[j]! + (row * s_j * (-alpha / (1 - rho[g]!) - 1)) / p_j;
    const inNest = s_j + (rho[g]! / (1 - rho[g]!)) * withinNestShares[j]!;
    const offset = j * offers;
    for (let k = 0; k < offers; k++) {
      const s_k = shares[k]!;
      if (s_k === 0) continue;
      const substitution = alpha * (nestOf[k] === g ? inNest : s_j);
      gamma[offset + k] =
        gamma[offset + k]! -
        (row * s_k * (substitution + indexWeight * s_j)) / pricesUsdPerMTok[k]!;
    }
  }
}

/**
 * The type's volume Jacobian dQ_j/dp_k, row-major (`jacobian[j * offers + k]`), MTok a month per
 * USD/MTok: Lambda - Gamma from `addMenuVolumeDerivatives` (a check and a convenience: it
 * allocates; a solver sums the decomposition over types instead).
 */
export function menuVolumeJacobian(
  choice: NestedLogitChoice,
  nesting: Nesting,
  pricesUsdPerMTok: ArrayLike<number>,
  alpha: number,
  spendUsd: number,
  volumeElasticity: number,
  jacobian: Float64Array = new Float64Array(nesting.offers * nesting.offers),
): Float64Array {
  const { offers } = nesting;
  const lambda = new Float64Array(offers);
  jacobian.fill(0);
  addMenuVolumeDerivatives(
    choice,
    nesting,
    pricesUsdPerMTok,
    alpha,
    spendUsd,
    volumeElasticity,
    1,
    lambda,
    jacobian,
  );
  for (let j = 0; j < offers; j++) {
    for (let k = 0; k < offers; k++) jacobian[j * offers + k] = -jacobian[j * offers + k]!;
    jacobian[j * offers + j] = jacobian[j * offers + j]! + lambda[j]!;
  }
  return jacobian;
}

/**
 * The price elasticity of offer j's volume for one type, d ln Q_j / d ln p_j, nested logit with
 * log-price utility:
 *
 *   -(1 + alpha ((1 - rho s_j|g) / (1 - rho) - s_j) - (1 - ε) s_j)
 *
 * A customer who stays with j spends the same and so buys 1 / p_j (the 1); substitution to other
 * offers and the outside option adds alpha (...), as for shares; and the menu's price index
 * moves with weight s_j, so the type's whole spend responds by (1 - ε) s_j. An offer that is the
 * whole menu (s_j = 1, no outside option) faces the composite's elasticity ε alone.
 */
export function ownPriceElasticity(
  alpha: number,
  rho: number,
  share: number,
  withinNestShare: number,
  volumeElasticity: number,
): number {
  return -(
    1 +
    alpha * ((1 - rho * withinNestShare) / (1 - rho) - share) -
    (1 - volumeElasticity) * share
  );
}

/**
 * The cross-price elasticity d ln Q_j / d ln p_k, k != j, for one type:
 *
 *   s_k (alpha (1 + rho / ((1 - rho) s_g)) + 1 - ε)   k in j's nest (s_g the nest's share)
 *   s_k (alpha + 1 - ε)                               k in another nest
 *
 * Positive (substitutes) unless the composite is so elastic (ε > 1 + alpha) that a cheaper k,
 * lowering the index, raises the spend that j gets more than it takes customers from j.
 */
export function crossPriceElasticity(
  alpha: number,
  rho: number,
  otherShare: number,
  sameNest: boolean,
  nestShare: number,
  volumeElasticity: number,
): number {
  const substitution = sameNest ? alpha * (1 + rho / ((1 - rho) * nestShare)) : alpha;
  return otherShare * (substitution + 1 - volumeElasticity);
}
