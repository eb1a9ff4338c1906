/**
 * Multi-product Bertrand-Nash prices under nested-logit demand, by the zeta-markup fixed point
 * of Morrow and Skerlos (2011), as pyblp's `compute_prices` and bneqpri solve it. Equations:
 * docs/MODEL.md, "Equilibrium pricing and nested logit". Not yet called by a run.
 *
 * Demand: customer types t (a latent price-sensitivity class, a segment, a home cloud; one type
 * is a representative customer) of market size M_t choose by nested logit (`nested-logit.ts`)
 * among offers whose utility to t is xi_tj - alpha_t ln p_j (or - alpha_t p_j); each buyer takes
 * p_j^-eta MTok per unit of size, so offer j sells
 *
 *   Q_j(p) = p_j^-eta sum_t M_t s_tj(p)                         MTok a month.
 *
 * eta, the market's volume elasticity, is kept apart from the substitution between offers, which
 * alpha and rho govern. Sellers: the seller who sets p_k maximises
 *
 *   pi_k(p) = sum_j (O_kj p_j - C_kj) Q_j(p),
 *
 * O_kj the share of offer j's revenue it keeps and C_kj the cost per MTok of j it bears (pyblp's
 * ownership matrix is O with C_kj = O_kj c_j). One seller selling j and k: O_kj = 1, C_kj = c_j;
 * a rival: 0. A lab whose partner cloud takes a share r of the revenue on its models keeps
 * O = 1 - r and bears C = c on them, so its own price is set against c / (1 - r), as
 * `marginalCostUsdPerMTok` does; the partner, when it sets a price of its own, counts the lab's
 * offers at O = r, C = 0.
 */

import { FRESH_ARRAYS, type TypedArrays } from '../math/arena.ts';
import {
  addShareDerivatives,
  createChoice,
  type NestedLogitChoice,
  type Nesting,
  nestedLogitChoice,
  type PriceForm,
  priceUtility,
  priceUtilityDerivative,
} from './nested-logit.ts';
import { addMenuVolumeDerivatives, menuSpendUsd, menuVolumeElasticity } from './welfare.ts';

/** The demand sellers price against: customer types choosing by nested logit. */
export interface PricingDemand {
  readonly nesting: Nesting;
  /** Number of customer types, at least 1. */
  readonly types: number;
  /**
   * Utility of each offer to each type before its price term, row-major:
   * `nonPriceUtility[t * offers + j]`; -Infinity where type t cannot buy offer j.
   */
  readonly nonPriceUtility: Float64Array;
  /** alpha_t, per type. */
  readonly priceSensitivity: Float64Array;
  /** V_0, the outside option's utility, per type. */
  readonly outsideUtility: Float64Array;
  /** M_t, per type: MTok a month bought at a price of 1 USD/MTok (at any price when eta = 0). */
  readonly marketSize: Float64Array;
  readonly priceForm: PriceForm;
  /** eta >= 0: each buyer's volume goes as p^-eta (0: a buyer takes one unit whatever the price). */
  readonly volumeElasticity: number;
  /**
   * How volume follows prices. 'offer' (by default): a buyer takes p_j^-eta per unit of size of
   * the offer it chooses, as above. 'menu' (log price only; docs/MODEL.md, "Welfare from the
   * choice model"): a type spends E_t = X_t(P_t) P_t at its menu's price index
   * P_t = exp(-IV_t / alpha_t), X_t(P) = M_t P^-eta (a pricing game's volume curves, where it has
   * them), whichever offer it chooses, and so buys Q_tj = s_tj E_t / p_j of offer j.
   */
  readonly volume?: 'offer' | 'menu';
}

/** What each offer's price setter earns from every offer; both J x J, row-major, row k its setter. */
export interface SellerStakes {
  /** O_kj: the share of offer j's revenue that the seller setting p_k keeps (O_kk > 0). */
  readonly ownership: Float64Array;
  /** C_kj: the cost per MTok of offer j that the seller setting p_k bears, USD/MTok. */
  readonly costBorneUsdPerMTok: Float64Array;
}

/** Whole ownership: O_kj = 1 when one seller sells both offers; C_kj = O_kj c_j. */
export function stakesBySeller(
  sellerOf: ArrayLike<number>,
  costUsdPerMTok: ArrayLike<number>,
): SellerStakes {
  const offers = sellerOf.length;
  const ownership = new Float64Array(offers * offers);
  const costBorne = new Float64Array(offers * offers);
  for (let k = 0; k < offers; k++) {
    for (let j = 0; j < offers; j++) {
      if (sellerOf[k] !== sellerOf[j]) continue;
      ownership[k * offers + j] = 1;
      costBorne[k * offers + j] = costUsdPerMTok[j]!;
    }
  }
  return { ownership, costBorneUsdPerMTok: costBorne };
}

/**
 * Volumes and their price derivatives at given prices, in the decomposition
 * dQ/dp = Lambda - Gamma (Lambda diagonal): dQ_j/dp_k = lambda_j [j = k] - gamma[j * offers + k].
 */
export interface DemandDerivatives {
  /** Q_j, MTok a month. */
  readonly volumes: Float64Array;
  readonly lambda: Float64Array;
  readonly gamma: Float64Array;
  /** Working buffers: the price term and its slope at alpha = 1, one type's utilities and choice. */
  readonly pricePerUnitAlpha: Float64Array;
  readonly slopePerUnitAlpha: Float64Array;
  readonly utility: Float64Array;
  readonly utilityDerivative: Float64Array;
  readonly choice: NestedLogitChoice;
}

export function createDemandDerivatives(
  nesting: Nesting,
  arrays: TypedArrays = FRESH_ARRAYS,
): DemandDerivatives {
  const offers = nesting.offers;
  return {
    volumes: arrays.float64(offers),
    lambda: arrays.float64(offers),
    gamma: arrays.float64(offers * offers),
    pricePerUnitAlpha: arrays.float64(offers),
    slopePerUnitAlpha: arrays.float64(offers),
    utility: arrays.float64(offers),
    utilityDerivative: arrays.float64(offers),
    choice: createChoice(nesting, arrays),
  };
}

/**
 * Q(p) and dQ/dp = Lambda - Gamma at `prices`. Per type, `addShareDerivatives` gives the share
 * terms; the volume factor p_j^-eta then scales row j and adds its own-price term:
 *
 *   Lambda_jj = p_j^-eta sum_t M_t s_tj u_tj / (1 - rho_g) - eta Q_j / p_j
 *   Gamma_jk  = p_j^-eta sum_t M_t u_tk s_tk (s_tj + rho_g / (1 - rho_g) s_tj|g [g(j) = g(k)])
 *
 * with u_tk = dV_tk/dp_k: -alpha_t / p_k under log price, -alpha_t under linear price.
 */
export function evaluateDemand(
  demand: PricingDemand,
  prices: ArrayLike<number>,
  into: DemandDerivatives = createDemandDerivatives(demand.nesting),
): DemandDerivatives {
  const { nesting, types, nonPriceUtility, priceSensitivity, outsideUtility, marketSize } = demand;
  const { priceForm, volumeElasticity: eta } = demand;
  const menu = demand.volume === 'menu';
  if (menu && priceForm !== 'log') throw new Error("menu volumes need priceForm 'log'");
  const offers = nesting.offers;
  const { volumes, lambda, gamma, utility, utilityDerivative, choice } = into;
  const { pricePerUnitAlpha, slopePerUnitAlpha } = into;
  volumes.fill(0);
  lambda.fill(0);
  gamma.fill(0);
  // The price term is linear in alpha: its logarithms are taken once, not once per type.
  for (let j = 0; j < offers; j++) {
    pricePerUnitAlpha[j] = priceUtility(1, prices[j]!, priceForm);
    slopePerUnitAlpha[j] = priceUtilityDerivative(1, prices[j]!, priceForm);
  }
  for (let t = 0; t < types; t++) {
    const size = marketSize[t]!;
    if (size === 0) continue;
    const alpha = priceSensitivity[t]!;
    for (let j = 0; j < offers; j++) {
      utility[j] = nonPriceUtility[t * offers + j]! + alpha * pricePerUnitAlpha[j]!;
      utilityDerivative[j] = alpha * slopePerUnitAlpha[j]!;
    }
    nestedLogitChoice(utility, outsideUtility[t]!, nesting, choice);
    const { shares } = choice;
    if (menu) {
      const composite = { ...MENU_DEMAND, scale: size, elasticity: eta };
      const index = Math.exp(-choice.inclusiveValue / alpha);
      const spend = menuSpendUsd(composite, index);
      for (let j = 0; j < offers; j++) {
        if (shares[j]! > 0) volumes[j] = volumes[j]! + (shares[j]! * spend) / prices[j]!;
      }
      const epsilon = menuVolumeElasticity(composite, index);
      addMenuVolumeDerivatives(choice, nesting, prices, alpha, spend, epsilon, 1, lambda, gamma);
      continue;
    }
    for (let j = 0; j < offers; j++) volumes[j] = volumes[j]! + size * shares[j]!;
    addShareDerivatives(choice, nesting, utilityDerivative, size, lambda, gamma);
  }
  if (eta !== 0 && !menu) {
    for (let j = 0; j < offers; j++) {
      const factor = prices[j]! ** -eta;
      volumes[j] = volumes[j]! * factor;
      lambda[j] = lambda[j]! * factor - (eta * volumes[j]!) / prices[j]!;
      for (let k = 0; k < offers; k++) gamma[j * offers + k] = gamma[j * offers + k]! * factor;
    }
  }
  return into;
}

/** The composite demand of a type under 'menu' volumes: M P^-eta, no saturation, no choke. */
const MENU_DEMAND = {
  scale: 1,
  elasticity: 0,
  saturationUsdPerMTok: 0,
  chokeUsdPerMTok: Number.POSITIVE_INFINITY,
};

/**
 * The first-order conditions at prices whose demand `derivatives` holds, per unit of the setter's
 * own revenue stake in its volume:
 *
 *   r_k = [O_kk Q_k + sum_j (O_kj p_j - C_kj) dQ_j/dp_k] / (O_kk Q_k),
 *
 * dimensionless: 0 at the setter's optimum, and for a single offer under plain logit 1 - m / m*,
 * m its markup and m* the markup its condition asks for at the current shares. Writes r into
 * `out` and returns max |r_k|. An offer nobody buys (Q_k = 0) has no condition: r_k = 0.
 */
export function firstOrderResiduals(
  stakes: SellerStakes,
  prices: ArrayLike<number>,
  derivatives: DemandDerivatives,
  out: Float64Array,
): number {
  const { ownership, costBorneUsdPerMTok: costBorne } = stakes;
  const { volumes, lambda, gamma } = derivatives;
  const offers = volumes.length;
  let largest = 0;
  for (let k = 0; k < offers; k++) {
    const q_k = volumes[k]!;
    if (q_k === 0) {
      out[k] = 0;
      continue;
    }
    const row = k * offers;
    const own = ownership[row + k]!;
    let condition = own * q_k + (own * prices[k]! - costBorne[row + k]!) * lambda[k]!;
    for (let j = 0; j < offers; j++) {
      const margin = ownership[row + j]! * prices[j]! - costBorne[row + j]!;
      if (margin !== 0) condition -= margin * gamma[j * offers + k]!;
    }
    const residual = condition / (own * q_k);
    out[k] = residual;
    largest = Math.max(largest, Math.abs(residual));
  }
  return largest;
}

export interface EquilibriumOptions {
  /** Stop when max_k |r_k| (`firstOrderResiduals`) is at most this. */
  readonly tolerance?: number;
  readonly maxIterations?: number;
  /** Where to start, USD/MTok; by default each offer's own cost C_kk / O_kk (zero markup). */
  readonly initialPrices?: ArrayLike<number>;
  readonly arrays?: TypedArrays;
}

export type EquilibriumStatus =
  /** The first-order conditions hold to the tolerance. */
  | 'converged'
  /** They did not within the iterations allowed: the prices are the last iterate. */
  | 'max-iterations'
  /**
   * The next iterate left the demand's domain (a price not finite, or not positive under log
   * price): no equilibrium found; the prices are the last iterate inside it.
   */
  | 'diverged';

export interface EquilibriumPrices {
  readonly status: EquilibriumStatus;
  /** status === 'converged'. */
  readonly converged: boolean;
  /** Zeta updates made. */
  readonly iterations: number;
  /** max_k |r_k| at the prices returned. */
  readonly residual: number;
  readonly pricesUsdPerMTok: Float64Array;
  /** Q at those prices, MTok a month. */
  readonly volumesMTok: Float64Array;
}

export const DEFAULT_TOLERANCE = 1e-10;

/**
 * Whether an equilibrium search stops at an iterate, and why: its residual is not finite
 * (diverged), within the tolerance (converged), or the iterations allowed are spent; undefined
 * while it goes on.
 */
export function stoppingStatus(
  residual: number,
  tolerance: number,
  iteration: number,
  maxIterations: number,
): EquilibriumStatus | undefined {
  if (!Number.isFinite(residual)) return 'diverged';
  if (residual <= tolerance) return 'converged';
  return iteration >= maxIterations ? 'max-iterations' : undefined;
}
export const DEFAULT_MAX_ITERATIONS = 1000;

/**
 * Bertrand-Nash prices: every seller's prices jointly maximise its profit given its rivals'.
 * Each iteration sets, from the demand at the current prices,
 *
 *   p_k <- C_kk / O_kk + zeta_k,   zeta_k = (sum_j Gamma_jk (O_kj p_j - C_kj) / O_kk - Q_k) / Lambda_kk,
 *
 * the first-order condition solved for p_k with the cross terms held (Morrow and Skerlos 2011;
 * with O_kk = 1 and C_kj = O_kj c_j it is pyblp's zeta = Lambda^-1 (O .* Gamma)' (p - c) -
 * Lambda^-1 s), until `firstOrderResiduals` is within the tolerance. The result says honestly
 * whether it got there.
 */
export function bertrandNashPrices(
  demand: PricingDemand,
  stakes: SellerStakes,
  options: EquilibriumOptions = {},
): EquilibriumPrices {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const arrays = options.arrays ?? FRESH_ARRAYS;
  const offers = demand.nesting.offers;
  const { ownership, costBorneUsdPerMTok: costBorne } = stakes;
  const logPrice = demand.priceForm === 'log';

  const ownCost = arrays.float64(offers);
  for (let k = 0; k < offers; k++) {
    const own = ownership[k * offers + k]!;
    if (!(own > 0)) {
      throw new RangeError(
        `offer ${k}: its price setter must keep a share of its revenue (O_kk > 0)`,
      );
    }
    ownCost[k] = costBorne[k * offers + k]! / own;
  }
  const prices = arrays.float64(offers);
  for (let k = 0; k < offers; k++) prices[k] = options.initialPrices?.[k] ?? ownCost[k]!;
  if (logPrice && !prices.every((p) => p > 0 && Number.isFinite(p))) {
    throw new RangeError('log-price demand needs positive starting prices: give initialPrices');
  }

  const derivatives = createDemandDerivatives(demand.nesting, arrays);
  const residuals = arrays.float64(offers);
  const next = arrays.float64(offers);
  const { volumes, lambda, gamma } = derivatives;
  for (let iteration = 0; ; iteration++) {
    evaluateDemand(demand, prices, derivatives);
    const residual = firstOrderResiduals(stakes, prices, derivatives, residuals);
    const status = stoppingStatus(residual, tolerance, iteration, maxIterations);
    if (status !== undefined) {
      return {
        status,
        converged: status === 'converged',
        iterations: iteration,
        residual,
        pricesUsdPerMTok: prices,
        volumesMTok: volumes,
      };
    }

    for (let k = 0; k < offers; k++) {
      // Nobody buys it (no type can, or its share underflows): its price moves no one's
      // profit, so it stays where it is.
      if (volumes[k] === 0) {
        next[k] = prices[k]!;
        continue;
      }
      const row = k * offers;
      const own = ownership[row + k]!;
      let crossTerms = 0;
      for (let j = 0; j < offers; j++) {
        const margin = ownership[row + j]! * prices[j]! - costBorne[row + j]!;
        if (margin !== 0) crossTerms += gamma[j * offers + k]! * margin;
      }
      next[k] = ownCost[k]! + (crossTerms / own - volumes[k]!) / lambda[k]!;
    }
    // A price outside the demand's domain ends the search at the last prices inside it.
    let inDomain = true;
    for (let k = 0; k < offers; k++) {
      const p = next[k]!;
      if (!Number.isFinite(p) || (logPrice && p <= 0)) inDomain = false;
    }
    if (!inDomain) {
      return {
        status: 'diverged',
        converged: false,
        iterations: iteration,
        residual,
        pricesUsdPerMTok: prices,
        volumesMTok: volumes,
      };
    }
    prices.set(next);
  }
}
