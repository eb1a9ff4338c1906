/**
 * The month's pricing game and its Bertrand-Nash solution, in the form a run needs: few firms,
 * a few dozen offers, some offers sharing one list price, some prices held by another rule.
 * Equations: docs/MODEL.md, "Prices: multi-product Bertrand-Nash".
 *
 * Offers j are sold at prices p_j = x_d(j): a decision d is one list price (a lab's model is
 * sold at one price by the lab and by the partner cloud that resells it). Each decision has a
 * setter, the firm f(d) that chooses x_d to maximise its profit
 *
 *   pi_f = sum_j (w_fj p_j - c_fj) Q_j(p),
 *
 * w_fj its take of offer j's revenue and c_fj the cost of j's tokens it bears, USD/MTok. Each
 * offer has a main stakeholder (its seller, or the lab whose model a partner resells) and may
 * have a partner (a cloud taking a revenue share r, at no cost). The first-order condition of
 * decision d, with dQ/dp = Lambda - Gamma as in `equilibrium.ts`, is
 *
 *   F_d = sum_{j in d} [w_fj Q_j + m_fj lambda_j] - sum_{j in d} sum_i m_fi Gamma_ij = 0,
 *   m_fi = w_fi p_i - c_fi,
 *
 * and the zeta fixed point (Morrow and Skerlos 2011) solves it for x_d with the other terms held:
 *
 *   x_d <- [sum_{j in d} (c_fj lambda_j + sum_i m_fi Gamma_ij - w_fj Q_j)] / sum_{j in d} w_fj lambda_j.
 *
 * With one offer per decision and one stakeholder per offer this is `bertrandNashPrices`. The
 * difference is speed: Gamma is never formed. Its nested-logit structure,
 *
 *   Gamma_ij = f_i sum_t M_t u_tj s_tj (s_ti + rho_g / (1 - rho_g) s_ti|g [g(i) = g(j)]),
 *
 * f_i = p_i^-eta, makes sum_i m_fi Gamma_ij a sum over types of u_tj s_tj times two per-type
 * totals of firm f, sum_i m_fi f_i s_ti and the same within j's nest: O(types x offers) an
 * iteration instead of O(types x offers^2).
 */

import { FRESH_ARRAYS, type TypedArrays } from '../math/arena.ts';
import { normalCdf } from '../math/normal.ts';
import type { EquilibriumStatus, PricingDemand } from './equilibrium.ts';
import {
  createChoice,
  nestedLogitChoice,
  priceUtility,
  priceUtilityDerivative,
} from './nested-logit.ts';

/** Who sets which price and who earns what from each offer. */
export interface PricingGame {
  readonly demand: PricingDemand;
  /** Number of decisions (list prices). */
  readonly decisions: number;
  /** The decision whose price offer j is sold at, in [0, decisions). */
  readonly decisionOf: Int32Array;
  /** The firm that sets each decision's price. */
  readonly setterOf: Int32Array;
  /** Decisions whose price is held this month (1): set by another rule, or not revised. */
  readonly held: Uint8Array;
  /** Per offer: its main stakeholder, that firm's take of its revenue and the cost it bears. */
  readonly ownerOf: Int32Array;
  readonly ownerTake: Float64Array;
  readonly ownerCostUsdPerMTok: Float64Array;
  /** Per offer: a partner taking a share of its revenue at no cost (-1 for none), and the share. */
  readonly partnerOf: Int32Array;
  readonly partnerTake: Float64Array;
  /** Number of firms: firm indices are in [0, firms). */
  readonly firms: number;
  /**
   * Each type's volume curve, when buyers stop at a willingness to pay: `volumeCurves`. Without
   * it every buyer takes p^-eta per unit of size at any price.
   */
  readonly volumeCurves?: VolumeCurves;
}

/**
 * Volume curves with a willingness to pay w, log-normal within a type (ln w ~ N(mu, sd^2)) and
 * independent of the buyer's volume scale: a buyer takes p^-eta per unit of its scale D = v w^eta
 * while p <= w, and nothing above. Per unit of a type's total scale, at price p, that is
 *
 *   f(p) = p^-eta G(p),   G(p) = E[w^eta 1(w >= p)] / E[w^eta] = Phi((mu + eta sd^2 - ln p) / sd),
 *
 * and d ln f / dp = -eta / p - phi(z) / (sd p Phi(z)). A sd of 0 is a single w = exp(mu).
 */
export interface VolumeCurves {
  /** The curve of each type. */
  readonly curveOf: Int32Array;
  /** mu and sd of ln w per curve. */
  readonly logMean: Float64Array;
  readonly logSd: Float64Array;
}

export interface GameOptions {
  /** Stop when max_d |F_d| / sum_{j in d} w_fj Q_j is at most this. */
  readonly tolerance?: number;
  readonly maxIterations?: number;
  readonly arrays?: TypedArrays;
}

export interface GameSolution {
  readonly status: EquilibriumStatus;
  readonly converged: boolean;
  readonly iterations: number;
  /** max_d of the relative first-order condition over the decisions not held. */
  readonly residual: number;
  /** x_d per decision, USD/MTok. */
  readonly decisionPricesUsdPerMTok: Float64Array;
  /** Q_j per offer at those prices, MTok a month. */
  readonly volumesMTok: Float64Array;
}

export const GAME_TOLERANCE = 1e-9;
export const GAME_MAX_ITERATIONS = 500;

/** The demand terms of one evaluation, per offer. */
interface Terms {
  readonly volumes: Float64Array;
  readonly lambda: Float64Array;
  /** sum_i m_fi Gamma_ij, f the setter of j's decision. */
  readonly cross: Float64Array;
}

/**
 * Bertrand-Nash prices of the game from `startPrices` (x_d per decision; a held decision keeps
 * its start price). Under log price every start price must be positive.
 */
export function solvePricingGame(
  game: PricingGame,
  startPrices: ArrayLike<number>,
  options: GameOptions = {},
): GameSolution {
  const tolerance = options.tolerance ?? GAME_TOLERANCE;
  const maxIterations = options.maxIterations ?? GAME_MAX_ITERATIONS;
  const arrays = options.arrays ?? FRESH_ARRAYS;
  const { decisions, decisionOf, setterOf, held, ownerOf, ownerTake, ownerCostUsdPerMTok } = game;
  const offers = game.demand.nesting.offers;
  const x = arrays.float64(decisions);
  for (let d = 0; d < decisions; d++) x[d] = startPrices[d]!;
  const prices = arrays.float64(offers);
  const terms = createTerms(game, arrays);
  const numerator = arrays.float64(decisions);
  const denominator = arrays.float64(decisions);
  const scale = arrays.float64(decisions);
  const { volumes, lambda, cross } = terms;

  for (let iteration = 0; ; iteration++) {
    for (let j = 0; j < offers; j++) prices[j] = x[decisionOf[j]!]!;
    evaluateTerms(game, prices, terms);
    // F_d = sum_{j in d} [w Q_j + (w p_j - c) lambda_j - cross_j], and the zeta update's parts.
    numerator.fill(0);
    denominator.fill(0);
    scale.fill(0);
    let residual = 0;
    for (let j = 0; j < offers; j++) {
      const d = decisionOf[j]!;
      if (held[d] === 1 || ownerOf[j] !== setterOf[d]) continue;
      const w = ownerTake[j]!;
      const c = ownerCostUsdPerMTok[j]!;
      numerator[d] = numerator[d]! + c * lambda[j]! + cross[j]! - w * volumes[j]!;
      denominator[d] = denominator[d]! + w * lambda[j]!;
      scale[d] = scale[d]! + w * volumes[j]!;
    }
    for (let d = 0; d < decisions; d++) {
      if (held[d] === 1 || scale[d] === 0) continue;
      // F_d = x_d sum w lambda - numerator.
      const condition = (x[d]! * denominator[d]! - numerator[d]!) / scale[d]!;
      residual = Math.max(residual, Math.abs(condition));
    }
    const status: EquilibriumStatus | undefined = !Number.isFinite(residual)
      ? 'diverged'
      : residual <= tolerance
        ? 'converged'
        : iteration >= maxIterations
          ? 'max-iterations'
          : undefined;
    if (status !== undefined) {
      return {
        status,
        converged: status === 'converged',
        iterations: iteration,
        residual,
        decisionPricesUsdPerMTok: x,
        volumesMTok: volumes,
      };
    }
    let inDomain = true;
    for (let d = 0; d < decisions; d++) {
      // A decision nobody buys from moves no one's profit: its price stays.
      if (held[d] === 1 || scale[d] === 0) continue;
      const next = numerator[d]! / denominator[d]!;
      if (!(next > 0 && Number.isFinite(next))) inDomain = false;
    }
    if (!inDomain) {
      return {
        status: 'diverged',
        converged: false,
        iterations: iteration,
        residual,
        decisionPricesUsdPerMTok: x,
        volumesMTok: volumes,
      };
    }
    for (let d = 0; d < decisions; d++) {
      if (held[d] === 1 || scale[d] === 0) continue;
      x[d] = numerator[d]! / denominator[d]!;
    }
  }
}

/**
 * The relative first-order condition of every decision at `decisionPrices` (0 for a held one,
 * or one nobody buys from), from the solver's own terms: what a test compares with a numerical
 * derivative of the setter's profit.
 */
export function gameResiduals(
  game: PricingGame,
  decisionPrices: ArrayLike<number>,
  arrays: TypedArrays = FRESH_ARRAYS,
): Float64Array {
  const { decisions, decisionOf, setterOf, held, ownerOf, ownerTake, ownerCostUsdPerMTok } = game;
  const offers = game.demand.nesting.offers;
  const prices = arrays.float64(offers);
  for (let j = 0; j < offers; j++) prices[j] = decisionPrices[decisionOf[j]!]!;
  const terms = evaluateTerms(game, prices, createTerms(game, arrays));
  const condition = arrays.float64(decisions);
  const scale = arrays.float64(decisions);
  for (let j = 0; j < offers; j++) {
    const d = decisionOf[j]!;
    if (held[d] === 1 || ownerOf[j] !== setterOf[d]) continue;
    const w = ownerTake[j]!;
    const margin = w * prices[j]! - ownerCostUsdPerMTok[j]!;
    condition[d] =
      condition[d]! + w * terms.volumes[j]! + margin * terms.lambda[j]! - terms.cross[j]!;
    scale[d] = scale[d]! + w * terms.volumes[j]!;
  }
  for (let d = 0; d < decisions; d++) {
    condition[d] = scale[d]! > 0 ? condition[d]! / scale[d]! : 0;
  }
  return condition;
}

/** The profit of `firm` at offer prices `prices`, USD a month: sum_j (w_fj p_j - c_fj) Q_j. */
export function firmProfitUsd(game: PricingGame, firm: number, prices: ArrayLike<number>): number {
  const terms = evaluateTerms(game, prices, createTerms(game, FRESH_ARRAYS));
  let profit = 0;
  for (let j = 0; j < game.demand.nesting.offers; j++) {
    if (game.ownerOf[j] === firm) {
      profit +=
        (game.ownerTake[j]! * prices[j]! - game.ownerCostUsdPerMTok[j]!) * terms.volumes[j]!;
    }
    if (game.partnerOf[j] === firm) profit += game.partnerTake[j]! * prices[j]! * terms.volumes[j]!;
  }
  return profit;
}

function createTerms(game: PricingGame, arrays: TypedArrays): Terms {
  const offers = game.demand.nesting.offers;
  return {
    volumes: arrays.float64(offers),
    lambda: arrays.float64(offers),
    cross: arrays.float64(offers),
  };
}

// Per-evaluation scratch, sized on demand: module-level so that a month allocates nothing here.
let firmTotal = new Float64Array(0);
let firmNestTotal = new Float64Array(0);
let utility = new Float64Array(0);
let slope = new Float64Array(0);
let logPrice = new Float64Array(0);
let unitSlope = new Float64Array(0);
let stakeMargin = new Float64Array(0);
let partnerMargin = new Float64Array(0);
let curveFactor = new Float64Array(0);
let curveSlope = new Float64Array(0);
let choice = createChoice({
  offers: 0,
  nests: 0,
  nestOf: new Int32Array(0),
  rho: new Float64Array(0),
});

function ensureScratch(game: PricingGame, curves: number): void {
  const { offers, nests } = game.demand.nesting;
  const firmNests = game.firms * nests;
  if (firmTotal.length < game.firms) firmTotal = new Float64Array(game.firms);
  if (firmNestTotal.length < firmNests) firmNestTotal = new Float64Array(firmNests);
  if (utility.length < offers) {
    utility = new Float64Array(offers);
    slope = new Float64Array(offers);
    logPrice = new Float64Array(offers);
    unitSlope = new Float64Array(offers);
    stakeMargin = new Float64Array(offers);
    partnerMargin = new Float64Array(offers);
  }
  if (curveFactor.length < curves * offers) {
    curveFactor = new Float64Array(curves * offers);
    curveSlope = new Float64Array(curves * offers);
  }
  if (choice.shares.length !== offers || choice.nestShares.length !== nests) {
    choice = createChoice(game.demand.nesting);
  }
}

/** Standard normal density. */
function normalDensity(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/**
 * f_c(p_j) and d ln f_c / dp_j for every curve c and offer j, into `curveFactor` and
 * `curveSlope` (`[c * offers + j]`); returns the number of curves.
 */
function evaluateCurves(game: PricingGame, prices: ArrayLike<number>): number {
  const offers = game.demand.nesting.offers;
  const eta = game.demand.volumeElasticity;
  const curves = game.volumeCurves;
  const count = curves ? curves.logMean.length : 1;
  ensureScratch(game, count);
  for (let c = 0; c < count; c++) {
    for (let j = 0; j < offers; j++) {
      const p = prices[j]!;
      let factor = eta === 0 ? 1 : p ** -eta;
      let logSlope = -eta / p;
      if (curves) {
        const mu = curves.logMean[c]!;
        const sd = curves.logSd[c]!;
        if (sd === 0) {
          if (p > Math.exp(mu)) factor = 0;
        } else {
          const z = (mu + eta * sd * sd - Math.log(p)) / sd;
          const share = normalCdf(z);
          factor *= share;
          logSlope -= share > 0 ? normalDensity(z) / (sd * p * share) : 0;
        }
      }
      curveFactor[c * offers + j] = factor;
      curveSlope[c * offers + j] = logSlope;
    }
  }
  return count;
}

/**
 * Q_j, lambda_j (the diagonal of dQ/dp) and cross_j = sum_i m_fi Gamma_ij for f the setter of
 * j's decision, at offer prices `prices`, with f_ti the volume factor of type t's curve:
 *
 *   Q_j      = sum_t M_t f_tj s_tj
 *   lambda_j = sum_t M_t f_tj s_tj (u_tj / (1 - rho_g) + d ln f_tj / dp_j)
 *   cross_j  = sum_t M_t u_tj s_tj (sum_i m_fi f_ti s_ti + rho_g / (1 - rho_g) sum_{i in g} m_fi f_ti s_ti|g)
 */
function evaluateTerms(game: PricingGame, prices: ArrayLike<number>, into: Terms): Terms {
  evaluateCurves(game, prices);
  const { demand, decisionOf, setterOf, ownerOf, ownerTake, ownerCostUsdPerMTok } = game;
  const { partnerOf, partnerTake, firms, volumeCurves } = game;
  const { nesting, types, nonPriceUtility, priceSensitivity, outsideUtility, marketSize } = demand;
  const { offers, nests, nestOf, rho } = nesting;
  const { volumes, lambda, cross } = into;
  volumes.fill(0);
  lambda.fill(0);
  cross.fill(0);
  for (let j = 0; j < offers; j++) {
    const p = prices[j]!;
    logPrice[j] = priceUtility(1, p, demand.priceForm);
    unitSlope[j] = priceUtilityDerivative(1, p, demand.priceForm);
    stakeMargin[j] = ownerTake[j]! * p - ownerCostUsdPerMTok[j]!;
    partnerMargin[j] = partnerOf[j]! >= 0 ? partnerTake[j]! * p : 0;
  }
  const { shares, withinNestShares } = choice;
  for (let t = 0; t < types; t++) {
    const size = marketSize[t]!;
    if (size === 0) continue;
    const alpha = priceSensitivity[t]!;
    const curve = (volumeCurves ? volumeCurves.curveOf[t]! : 0) * offers;
    for (let j = 0; j < offers; j++) {
      utility[j] = nonPriceUtility[t * offers + j]! + alpha * logPrice[j]!;
      slope[j] = alpha * unitSlope[j]!;
    }
    nestedLogitChoice(utility, outsideUtility[t]!, nesting, choice);
    // Per firm, sum_i m_fi f_ti s_ti, and the same per nest with s_ti|g.
    firmTotal.fill(0, 0, firms);
    firmNestTotal.fill(0, 0, firms * nests);
    for (let i = 0; i < offers; i++) {
      const s = shares[i]!;
      if (s === 0) continue;
      const g = nestOf[i]!;
      const factor = curveFactor[curve + i]!;
      const owner = ownerOf[i]!;
      const margin = stakeMargin[i]! * factor;
      firmTotal[owner] = firmTotal[owner]! + margin * s;
      firmNestTotal[owner * nests + g] =
        firmNestTotal[owner * nests + g]! + margin * withinNestShares[i]!;
      const partner = partnerOf[i]!;
      if (partner >= 0) {
        const take = partnerMargin[i]! * factor;
        firmTotal[partner] = firmTotal[partner]! + take * s;
        firmNestTotal[partner * nests + g] =
          firmNestTotal[partner * nests + g]! + take * withinNestShares[i]!;
      }
    }
    for (let j = 0; j < offers; j++) {
      const s = shares[j]!;
      if (s === 0) continue;
      const g = nestOf[j]!;
      const r = rho[g]!;
      const weighted = size * s;
      const bought = weighted * curveFactor[curve + j]!;
      volumes[j] = volumes[j]! + bought;
      lambda[j] = lambda[j]! + bought * (slope[j]! / (1 - r) + curveSlope[curve + j]!);
      const f = setterOf[decisionOf[j]!]!;
      const nestTerm = r === 0 ? 0 : (r / (1 - r)) * firmNestTotal[f * nests + g]!;
      cross[j] = cross[j]! + weighted * slope[j]! * (firmTotal[f]! + nestTerm);
    }
  }
  return into;
}
