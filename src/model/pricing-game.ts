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
import { type EquilibriumStatus, type PricingDemand, stoppingStatus } from './equilibrium.ts';
import {
  createChoice,
  nestedLogitChoice,
  ownRho,
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
 * With a saturation price a, p^-eta is (p + a)^-eta and -eta / p is -eta / (p + a).
 */
export interface VolumeCurves {
  /** The curve of each type. */
  readonly curveOf: Int32Array;
  /**
   * a, the saturation price, USD/MTok: a buyer takes (p + a)^-eta, not p^-eta (0 by default).
   * G keeps its weights w^eta, those of the unsaturated scale.
   */
  readonly saturationUsdPerMTok?: number;
  /** mu and sd of ln w per curve. */
  readonly logMean: Float64Array;
  readonly logSd: Float64Array;
}

export interface GameOptions {
  /**
   * Per decision, the highest price it may take, USD/MTok. Where the setter's profit still rises
   * there (demand too inelastic for an interior optimum), the price stays at it.
   */
  readonly ceilingUsdPerMTok?: ArrayLike<number>;
  /** Per decision, the lowest price it may take, USD/MTok; where profit still falls there, it stays. */
  readonly floorUsdPerMTok?: ArrayLike<number>;
  /** Whether the solution's `volumesMTok` are wanted (by default they are): one more evaluation. */
  readonly volumes?: boolean;
  /** Stop when max_d |F_d| / sum_{j in d} w_fj Q_j is at most this. */
  readonly tolerance?: number;
  readonly maxIterations?: number;
  /**
   * Whether the iterations evaluate only what the moving prices change (by default they do);
   * false evaluates every offer's terms each time, the reference the fast way is checked against.
   */
  readonly fastTerms?: boolean;
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
  /** Q_j per offer at those prices, MTok a month (unless the options said not to compute them). */
  readonly volumesMTok: Float64Array;
}

export const GAME_TOLERANCE = 1e-7;

/** The most a price rises in one iteration where the first-order condition has no root. */
const STEP_UP = 4;
export const GAME_MAX_ITERATIONS = 500;
/**
 * The evaluations the best-response fallback may add once the accelerated iteration has spent
 * its own (`bestResponses`): as many as the damped steps it replaces took, and it rescues more.
 */
const FALLBACK_EVALUATIONS = 150;
/** The first step of a best response's search for a bracket, a factor on the price; it squares. */
const BRACKET_STEP = 1.05;
/** A best response stops within this fraction of the tolerance. */
const RESPONSE_TOLERANCE = 0.1;

/** How close to a price bound, relatively, a price is taken to be at it. */
const BOUND_SNAP = 1e-12;

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
  const ceiling = options.ceilingUsdPerMTok;
  const floor = options.floorUsdPerMTok;
  for (let d = 0; d < decisions; d++) {
    x[d] = startPrices[d]!;
    if (held[d] === 1) continue;
    if (ceiling) x[d] = Math.min(x[d]!, ceiling[d]!);
    if (floor) x[d] = Math.max(x[d]!, floor[d]!);
  }
  const prices = arrays.float64(offers);
  const terms = createTerms(game, arrays);
  const numerator = arrays.float64(decisions);
  const denominator = arrays.float64(decisions);
  const scale = arrays.float64(decisions);
  const { volumes, lambda, cross } = terms;
  const target = arrays.float64(decisions);
  // The decisions not held, the offers whose price moves with them, and the offers whose
  // terms enter their conditions (sold by their setter), each in increasing order: a month
  // revises a few of some fifty list prices, and the iterations touch only those.
  const open = listOf(arrays, decisions, (d) => held[d] !== 1);
  const moving = listOf(arrays, offers, (j) => held[decisionOf[j]!] !== 1);
  const own = listOf(arrays, offers, (j) => {
    const d = decisionOf[j]!;
    return held[d] !== 1 && ownerOf[j] === setterOf[d];
  });
  const logX = arrays.float64(open.length);
  const step = arrays.float64(open.length);
  const mixing = new AndersonMixing(open.length, arrays);

  for (let j = 0; j < offers; j++) prices[j] = x[decisionOf[j]!]!;
  // Only the free offers' terms are needed, and what the held offers add to each type's sums
  // is fixed: `FreeTerms` (plain logit) and `NestedFreeTerms` compute just those.
  const plain = plainLogitOf(game);
  const fast = options.fastTerms !== false;
  const free = fast && plain && freeTermsOf(game, plain, prices, moving, own, arrays);
  // Two-level nestings (sub-nests) take the reference terms: rare, and kept apart from the
  // fast paths, which are one-level.
  const oneLevel = game.demand.nesting.subNests === undefined;
  const nested = fast && !plain && oneLevel && nestedFreeTermsOf(game, prices, moving, own, arrays);
  const evaluate = (at: Float64Array) =>
    free
      ? evaluateFreeTerms(game, plain, free, at, terms)
      : nested
        ? evaluateNestedFreeTerms(game, nested, at, terms)
        : evaluateTerms(game, at, terms);
  // The volumes returned are every offer's, at the prices returned.
  const finish = (status: EquilibriumStatus, iterations: number, residual: number) => {
    for (let j = 0; j < offers; j++) prices[j] = x[decisionOf[j]!]!;
    if ((free || nested) && options.volumes !== false) evaluateTerms(game, prices, terms);
    return {
      status,
      converged: status === 'converged',
      iterations,
      residual,
      decisionPricesUsdPerMTok: x,
      volumesMTok: volumes,
    };
  };

  // The relative first-order condition of each open decision at x, into `condition`, with the
  // zeta update's parts; returns the largest that counts (max_d |F_d| / sum w Q).
  const condition = arrays.float64(open.length);
  const conditionsAtX = (): number => {
    for (let k = 0; k < moving.length; k++) {
      const j = moving[k]!;
      prices[j] = x[decisionOf[j]!]!;
    }
    evaluate(prices);
    // F_d = sum_{j in d} [w Q_j + (w p_j - c) lambda_j - cross_j], and the zeta update's parts.
    for (let k = 0; k < open.length; k++) {
      const d = open[k]!;
      numerator[d] = 0;
      denominator[d] = 0;
      scale[d] = 0;
    }
    for (let k = 0; k < own.length; k++) {
      const j = own[k]!;
      const d = decisionOf[j]!;
      const w = ownerTake[j]!;
      const c = ownerCostUsdPerMTok[j]!;
      numerator[d] = numerator[d]! + c * lambda[j]! + cross[j]! - w * volumes[j]!;
      denominator[d] = denominator[d]! + w * lambda[j]!;
      scale[d] = scale[d]! + w * volumes[j]!;
    }
    let residual = 0;
    for (let k = 0; k < open.length; k++) {
      const d = open[k]!;
      condition[k] = 0;
      if (scale[d] === 0) continue;
      // F_d = x_d sum w lambda - numerator.
      const value = (x[d]! * denominator[d]! - numerator[d]!) / scale[d]!;
      condition[k] = value;
      // At its ceiling a price whose profit still rises, or at its floor one whose profit
      // still falls, is where it should be (Kuhn-Tucker).
      if (ceiling && x[d]! >= ceiling[d]! && value > 0) continue;
      if (floor && x[d]! <= floor[d]! && value < 0) continue;
      residual = Math.max(residual, Math.abs(value));
    }
    return residual;
  };

  // The best iterate so far, where the fallback starts.
  const best = arrays.float64(decisions);
  let bestResidual = Number.POSITIVE_INFINITY;
  for (let iteration = 0; ; iteration++) {
    const residual = conditionsAtX();
    if (residual < bestResidual) {
      bestResidual = residual;
      best.set(x);
    }
    const status = stoppingStatus(residual, tolerance, iteration, maxIterations);
    if (status === 'max-iterations') {
      // The accelerated zeta map cycles instead of contracting (it does where a rival's offer
      // is a near-perfect substitute, within-family correlation near 1, and a setter's condition
      // jumps from + to - within a percent of price): best responses from the best iterate.
      x.set(best);
      const fallback = bestResponses(
        open,
        condition,
        conditionsAtX,
        x,
        { tolerance, scale, ceiling, floor },
        FALLBACK_EVALUATIONS,
      );
      return finish(fallback.status, iteration + fallback.evaluations, fallback.residual);
    }
    if (status !== undefined) return finish(status, iteration, residual);
    let inDomain = true;
    for (let k = 0; k < open.length; k++) {
      const d = open[k]!;
      // A decision nobody buys from moves no one's profit: its price stays.
      if (scale[d] === 0) continue;
      let next = numerator[d]! / denominator[d]!;
      // No optimum below this step (demand too inelastic here): the price rises, at most
      // fourfold an iteration, so that it does not jump past the prices buyers would still
      // pay; with no optimum at all it reaches its ceiling.
      if (ceiling && !(next > 0 && next <= ceiling[d]!)) {
        next = Math.min(ceiling[d]!, STEP_UP * x[d]!);
      }
      if (floor && next < floor[d]!) next = floor[d]!;
      if (!(next > 0 && Number.isFinite(next))) inDomain = false;
      target[d] = next;
    }
    if (!inDomain) return finish('diverged', iteration, residual);
    // The zeta step G(x), taken in log price and accelerated (`AndersonMixing`), over the open
    // decisions (a held one would add only zeros).
    for (let k = 0; k < open.length; k++) {
      const d = open[k]!;
      logX[k] = Math.log(x[d]!);
      step[k] = scale[d] !== 0 ? Math.log(target[d]!) - logX[k]! : 0;
    }
    mixing.next(logX, step);
    for (let k = 0; k < open.length; k++) {
      const d = open[k]!;
      if (scale[d] === 0) continue;
      // A price that reaches its bound takes it exactly: exp(ln x) can land an ulp off x, and a
      // price an ulp above its floor is not at its floor, so its Kuhn-Tucker condition would
      // never hold and the game would never converge.
      let price = Math.exp(logX[k]!);
      if (ceiling && price >= ceiling[d]! * (1 - BOUND_SNAP)) price = ceiling[d]!;
      if (floor && price <= floor[d]! * (1 + BOUND_SNAP)) price = floor[d]!;
      // An extrapolation past every price (with no ceiling or floor): no optimum there either.
      if (!(price > 0 && Number.isFinite(price))) inDomain = false;
      target[d] = price;
    }
    if (!inDomain) return finish('diverged', iteration, residual);
    for (let k = 0; k < open.length; k++) {
      const d = open[k]!;
      if (scale[d] !== 0) x[d] = target[d]!;
    }
  }
}

/** The indices in [0, count) that pass `test`, in increasing order. */
function listOf(arrays: TypedArrays, count: number, test: (i: number) => boolean): Int32Array {
  let length = 0;
  for (let i = 0; i < count; i++) if (test(i)) length++;
  const list = arrays.int32(length);
  let at = 0;
  for (let i = 0; i < count; i++) if (test(i)) list[at++] = i;
  return list;
}

/** What `bestResponses` needs of the solve besides its lists. */
interface ResponseBounds {
  readonly tolerance: number;
  /** Per decision, sum w Q: 0 where nobody buys, and the price stays. */
  readonly scale: Float64Array;
  readonly ceiling: ArrayLike<number> | undefined;
  readonly floor: ArrayLike<number> | undefined;
}

/**
 * Gauss-Seidel best responses, the fallback of `solvePricingGame`: each open decision in turn
 * moves to a root of its own condition with the others held, found by stepping the price
 * (by a factor that squares) the way its condition points until the sign changes, then by the
 * Illinois method in log price. A root where the condition goes from + to - is a local maximum
 * of its setter's profit; sweeps repeat until every condition holds or `budget` evaluations are
 * spent. Slow where the zeta iteration is fast, it converges where that one cycles: where a
 * rival's near-perfect substitute makes a setter's condition jump within a percent of price.
 * `conditionsAt` evaluates at `x` into `condition` and returns the residual.
 */
function bestResponses(
  open: Int32Array,
  condition: Float64Array,
  conditionsAt: () => number,
  x: Float64Array,
  bounds: ResponseBounds,
  budget: number,
): { status: EquilibriumStatus; evaluations: number; residual: number } {
  const { tolerance, scale, ceiling, floor } = bounds;
  const target = RESPONSE_TOLERANCE * tolerance;
  let evaluations = 1;
  let residual = conditionsAt();
  // The condition of decision k with x_d at `price`.
  const valueAt = (k: number, price: number): number => {
    x[open[k]!] = price;
    residual = conditionsAt();
    evaluations++;
    return condition[k]!;
  };
  while (residual > tolerance && Number.isFinite(residual) && evaluations < budget) {
    for (let k = 0; k < open.length && evaluations < budget; k++) {
      const d = open[k]!;
      const low = floor ? floor[d]! : 0;
      const high = ceiling ? ceiling[d]! : Number.POSITIVE_INFINITY;
      let fa = condition[k]!;
      if (scale[d] === 0 || Math.abs(fa) <= target) continue;
      if ((fa > 0 && x[d]! >= high) || (fa < 0 && x[d]! <= low)) continue;
      let a = x[d]!;
      let b = a;
      let fb = fa;
      let factor = BRACKET_STEP;
      let bracketed = false;
      while (evaluations < budget) {
        b = fa > 0 ? Math.min(high, a * factor) : Math.max(low, a / factor);
        fb = valueAt(k, b);
        if (fb === 0 || Math.sign(fb) !== Math.sign(fa)) {
          bracketed = true;
          break;
        }
        // At a bound with the condition still pointing past it: the price stays there.
        if (b === high || b === low) break;
        a = b;
        fa = fb;
        factor *= factor;
      }
      if (!bracketed || fb === 0) continue;
      let logA = Math.log(a);
      let logB = Math.log(b);
      let side = 0;
      while (evaluations < budget && Math.abs(logB - logA) > 1e-13) {
        const logM = (logA * fb - logB * fa) / (fb - fa);
        const fm = valueAt(k, Math.min(high, Math.max(low, Math.exp(logM))));
        if (Math.abs(fm) <= target) break;
        // Illinois: the end kept twice in a row counts half, so that the bracket closes.
        if (Math.sign(fm) === Math.sign(fb)) {
          logB = logM;
          fb = fm;
          if (side === -1) fa /= 2;
          side = -1;
        } else {
          logA = logM;
          fa = fm;
          if (side === 1) fb /= 2;
          side = 1;
        }
      }
    }
  }
  return {
    status: stoppingStatus(residual, tolerance, 0, 0) ?? 'max-iterations',
    evaluations,
    residual,
  };
}

/** Past iterates kept by the Anderson mixing of the solver. */
const ANDERSON_DEPTH = 3;

/**
 * Anderson (1965) acceleration of a fixed-point iteration y <- y + f(y), f = G(y) - y: the next
 * iterate combines the last few so as to minimise the linearised residual,
 *
 *   gamma = argmin || f_k - dF gamma ||,   y_{k+1} = y_k + f_k - (dY + dF) gamma,
 *
 * dY and dF the differences of the last iterates and residuals (Walker and Ni 2011, type II).
 * It uses the newest differences that determine gamma; with none, it is the plain step.
 */
class AndersonMixing {
  /** dY and dF, oldest first; `history` of them are in use. */
  private readonly deltaY: Float64Array[] = [];
  private readonly deltaF: Float64Array[] = [];
  private history = 0;
  private readonly lastY: Float64Array;
  private readonly lastF: Float64Array;
  private started = false;
  private readonly gamma = new Float64Array(ANDERSON_DEPTH);
  private readonly system = new Float64Array(ANDERSON_DEPTH * (ANDERSON_DEPTH + 1));

  constructor(
    private readonly size: number,
    arrays: TypedArrays,
  ) {
    for (let k = 0; k < ANDERSON_DEPTH; k++) {
      this.deltaY.push(arrays.float64(size));
      this.deltaF.push(arrays.float64(size));
    }
    this.lastY = arrays.float64(size);
    this.lastF = arrays.float64(size);
  }

  /** Moves `y` to the next iterate, given its residual `f`. */
  next(y: Float64Array, f: Float64Array): void {
    const n = this.size;
    const { deltaY, deltaF, lastY, lastF, gamma } = this;
    if (this.started) {
      let dy: Float64Array;
      let df: Float64Array;
      if (this.history < ANDERSON_DEPTH) {
        dy = deltaY[this.history]!;
        df = deltaF[this.history]!;
        this.history++;
      } else {
        // The oldest difference makes room for the newest.
        dy = deltaY.shift()!;
        df = deltaF.shift()!;
        deltaY.push(dy);
        deltaF.push(df);
      }
      for (let i = 0; i < n; i++) {
        dy[i] = y[i]! - lastY[i]!;
        df[i] = f[i]! - lastF[i]!;
      }
    }
    this.started = true;
    lastY.set(y);
    lastF.set(f);
    // The newest differences that determine gamma: more than n of them never do (in one
    // dimension only the last one, the secant step), nor do ones that have become collinear.
    let from = 0;
    let m = 0;
    for (let used = Math.min(this.history, n); used > 0 && m === 0; used--) {
      from = this.history - used;
      m = leastSquares(deltaF, from, used, f, gamma, this.system);
    }
    for (let i = 0; i < n; i++) {
      let correction = 0;
      for (let k = 0; k < m; k++) {
        correction += gamma[k]! * (deltaY[from + k]![i]! + deltaF[from + k]![i]!);
      }
      y[i] = y[i]! + f[i]! - correction;
    }
  }
}

/**
 * gamma minimising || f - sum_k gamma_k columns_{from + k} || over m columns by the normal
 * equations (a few columns), into `gamma`; returns how many it set: m, or 0 when they are
 * singular. `system` is scratch of at least m (m + 1).
 */
function leastSquares(
  columns: readonly Float64Array[],
  from: number,
  m: number,
  f: Float64Array,
  gamma: Float64Array,
  system: Float64Array,
): number {
  if (m === 0) return 0;
  // Row p of the augmented matrix [A | b] at system[p * width].
  const width = m + 1;
  const a = system;
  for (let p = 0; p < m; p++) {
    for (let q = 0; q < m; q++) a[p * width + q] = dot(columns[from + p]!, columns[from + q]!);
    a[p * width + m] = dot(columns[from + p]!, f);
  }
  // Gaussian elimination with partial pivoting.
  for (let c = 0; c < m; c++) {
    let pivot = c;
    for (let r = c + 1; r < m; r++) {
      if (Math.abs(a[r * width + c]!) > Math.abs(a[pivot * width + c]!)) pivot = r;
    }
    if (pivot !== c) {
      for (let k = 0; k < width; k++) {
        const swap = a[c * width + k]!;
        a[c * width + k] = a[pivot * width + k]!;
        a[pivot * width + k] = swap;
      }
    }
    if (!(Math.abs(a[c * width + c]!) > 1e-14 * Math.max(1e-300, a[0]!))) return 0;
    for (let r = c + 1; r < m; r++) {
      const factor = a[r * width + c]! / a[c * width + c]!;
      for (let k = c; k <= m; k++) {
        a[r * width + k] = a[r * width + k]! - factor * a[c * width + k]!;
      }
    }
  }
  for (let r = m - 1; r >= 0; r--) {
    let sum = a[r * width + m]!;
    for (let k = r + 1; k < m; k++) sum -= a[r * width + k]! * gamma[k]!;
    gamma[r] = sum / a[r * width + r]!;
  }
  for (let k = 0; k < m; k++) if (!Number.isFinite(gamma[k]!)) return 0;
  return m;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
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

/** Q_j of every offer at offer prices `prices`, MTok a month. */
export function gameVolumesMTok(game: PricingGame, prices: ArrayLike<number>): Float64Array {
  return evaluateTerms(game, prices, createTerms(game, FRESH_ARRAYS)).volumes;
}

/** The profit of `firm` at offer prices `prices`, USD a month: sum_j (w_fj p_j - c_fj) Q_j. */
export function firmProfitUsd(game: PricingGame, firm: number, prices: ArrayLike<number>): number {
  const terms = evaluateTerms(game, prices, createTerms(game, FRESH_ARRAYS));
  let profit = 0;
  for (let j = 0; j < game.demand.nesting.offers; j++) {
    if (game.ownerOf[j] === firm) {
      profit += ownerMarginAt(game, j, prices[j]!) * terms.volumes[j]!;
    }
    if (game.partnerOf[j] === firm)
      profit += partnerMarginAt(game, j, prices[j]!) * terms.volumes[j]!;
  }
  return profit;
}

/** m_fj of offer j's main stakeholder at price p: its take of the revenue less the cost it bears, USD/MTok. */
function ownerMarginAt(game: PricingGame, j: number, p: number): number {
  return game.ownerTake[j]! * p - game.ownerCostUsdPerMTok[j]!;
}

/** The partner's m_fj on offer j at price p: its share of the revenue (0 without a partner). */
function partnerMarginAt(game: PricingGame, j: number, p: number): number {
  return game.partnerOf[j]! >= 0 ? game.partnerTake[j]! * p : 0;
}

/** Where type t's volume curve starts in the `[c * offers + j]` tables of `evaluateCurves`. */
function curveRowOf(game: PricingGame, t: number): number {
  if (game.demand.volume === 'menu') return 0;
  const curves = game.volumeCurves;
  return (curves ? curves.curveOf[t]! : 0) * game.demand.nesting.offers;
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
let firmSubNestTotal = new Float64Array(0);
let utility = new Float64Array(0);
let slope = new Float64Array(0);
let logPrice = new Float64Array(0);
let unitSlope = new Float64Array(0);
let stakeMargin = new Float64Array(0);
let partnerMargin = new Float64Array(0);
let curveFactor = new Float64Array(0);
let pricePower = new Float64Array(0);
let shareScratch = new Float64Array(0);
let ownerStake = new Float64Array(0);
let partnerStake = new Float64Array(0);
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
  const firmSubNests = game.firms * (game.demand.nesting.subNests?.count ?? 0);
  if (firmSubNestTotal.length < firmSubNests) firmSubNestTotal = new Float64Array(firmSubNests);
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
  const subNests = game.demand.nesting.subNests?.count ?? -1;
  if (
    choice.shares.length !== offers ||
    choice.nestShares.length !== nests ||
    (choice.subNests?.subNestSums.length ?? -1) !== subNests
  ) {
    choice = createChoice(game.demand.nesting);
  }
}

/**
 * Plain logit under log price, prepared once per game: each type's logit weights before price,
 * exp(V_tj - max_t), the outside option's, and the distinct alphas (types share a few) so that
 * the price terms p^-alpha are taken once per alpha and offer.
 */
interface PlainLogit {
  readonly weight: Float64Array;
  readonly outsideWeight: Float64Array;
  readonly alphaOf: Int32Array;
  readonly alphas: Float64Array;
  /** Per alpha and offer (`[a * offers + j]`): 1 where some type of that alpha weighs the offer. */
  readonly reach: Uint8Array;
}

const plainLogits = new WeakMap<PricingGame, PlainLogit | null>();

function plainLogitOf(game: PricingGame): PlainLogit | null {
  let prepared = plainLogits.get(game);
  if (prepared === undefined) {
    prepared = preparePlainLogit(game);
    plainLogits.set(game, prepared);
  }
  return prepared;
}

function preparePlainLogit(game: PricingGame): PlainLogit | null {
  const { demand } = game;
  // Menu volumes take each type's inclusive value: the nested paths compute it.
  if (demand.volume === 'menu') return null;
  if (demand.priceForm !== 'log' || demand.nesting.rho.some((r) => r !== 0)) return null;
  if (demand.nesting.subNests) return null;
  const { types, nonPriceUtility, outsideUtility, priceSensitivity } = demand;
  const offers = demand.nesting.offers;
  const weight = new Float64Array(types * offers);
  const outsideWeight = new Float64Array(types);
  const alphaOf = new Int32Array(types);
  const alphas: number[] = [];
  // Types that differ only in price sensitivity (a segment's classes) share their utilities
  // before price, and so their weights: a type whose row and top equal an earlier one's
  // copies that row instead of taking its exps again.
  const tops = new Float64Array(types);
  const firstOfRow: number[] = [];
  for (let t = 0; t < types; t++) {
    const row = t * offers;
    let top = outsideUtility[t]!;
    for (let j = 0; j < offers; j++) top = Math.max(top, nonPriceUtility[row + j]!);
    tops[t] = top;
    const same = firstOfRow.find((u) => tops[u] === top && sameRow(nonPriceUtility, u, t, offers));
    if (same !== undefined) {
      weight.copyWithin(row, same * offers, same * offers + offers);
    } else {
      firstOfRow.push(t);
      for (let j = 0; j < offers; j++) {
        // An offer out of the type's reach has weight 0 (exp of -Infinity), at no exp's cost.
        const v = nonPriceUtility[row + j]!;
        weight[row + j] = v === Number.NEGATIVE_INFINITY ? 0 : Math.exp(v - top);
      }
    }
    outsideWeight[t] = Math.exp(outsideUtility[t]! - top);
    const alpha = priceSensitivity[t]!;
    let a = alphas.indexOf(alpha);
    if (a < 0) a = alphas.push(alpha) - 1;
    alphaOf[t] = a;
  }
  // Whether some type of each alpha buys offer j at all: p_j^-alpha is needed only there.
  const reach = new Uint8Array(alphas.length * offers);
  for (let t = 0; t < types; t++) {
    for (let j = 0; j < offers; j++) {
      if (weight[t * offers + j] !== 0) reach[alphaOf[t]! * offers + j] = 1;
    }
  }
  return { weight, outsideWeight, alphaOf, alphas: Float64Array.from(alphas), reach };
}

/** Whether rows u and t of a types x offers table are equal. */
function sameRow(table: Float64Array, u: number, t: number, offers: number): boolean {
  for (let j = 0; j < offers; j++) {
    if (table[u * offers + j] !== table[t * offers + j]) return false;
  }
  return true;
}

/** Standard normal density. */
function normalDensity(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/**
 * f_c(p_j) and d ln f_c / dp_j for every curve c and offer j, into `curveFactor` and
 * `curveSlope` (`[c * offers + j]`); returns the number of curves.
 */
function evaluateCurves(game: PricingGame, prices: ArrayLike<number>, only?: Int32Array): number {
  const offers = game.demand.nesting.offers;
  if (game.demand.volume === 'menu') {
    // Per unit of a type's spend E_t, offer j sells 1 / p_j (`menuSpend` gives E_t).
    ensureScratch(game, 1);
    const listed = only ? only.length : offers;
    for (let k = 0; k < listed; k++) {
      const j = only ? only[k]! : k;
      curveFactor[j] = 1 / prices[j]!;
      curveSlope[j] = -1 / prices[j]!;
    }
    return 1;
  }
  const eta = game.demand.volumeElasticity;
  const curves = game.volumeCurves;
  const count = curves ? curves.logMean.length : 1;
  ensureScratch(game, count);
  const listed = only ? only.length : offers;
  const shift = curves?.saturationUsdPerMTok ?? 0;
  for (let k = 0; k < listed; k++) {
    const j = only ? only[k]! : k;
    const p = prices[j]!;
    // p^-eta and its log slope are the same for every curve; G is each curve's own.
    const power = eta === 0 ? 1 : (p + shift) ** -eta;
    const powerSlope = -eta / (p + shift);
    const logP = curves ? Math.log(p) : 0;
    for (let c = 0; c < count; c++) {
      let factor = power;
      let logSlope = powerSlope;
      if (curves) {
        const mu = curves.logMean[c]!;
        const sd = curves.logSd[c]!;
        if (sd === 0) {
          if (p > Math.exp(mu)) factor = 0;
        } else {
          const z = (mu + eta * sd * sd - logP) / sd;
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
 * Under menu volumes, type t's spend per unit of its size at its menu's price index
 * P = exp(-IV / alpha), E = f(P) P with f its volume curve (as in `evaluateCurves`, at P), into
 * `menuTerms[0]`, and 1 - epsilon, epsilon = -d ln f / d ln P the elasticity of its summed
 * volume (customers whose willingness to pay P crosses included), into `menuTerms[1]`.
 * (docs/MODEL.md, "Welfare from the choice model".)
 */
function menuSpend(game: PricingGame, t: number, inclusiveValue: number, alpha: number): void {
  const eta = game.demand.volumeElasticity;
  const curves = game.volumeCurves;
  const index = Math.exp(-inclusiveValue / alpha);
  const a = curves?.saturationUsdPerMTok ?? 0;
  let factor = eta === 0 ? 1 : (index + a) ** -eta;
  let logSlope = -eta / (index + a);
  if (curves) {
    const c = curves.curveOf[t]!;
    const mu = curves.logMean[c]!;
    const sd = curves.logSd[c]!;
    if (sd === 0) {
      if (index > Math.exp(mu)) factor = 0;
    } else {
      const z = (mu + eta * sd * sd - Math.log(index)) / sd;
      const share = normalCdf(z);
      factor *= share;
      logSlope -= share > 0 ? normalDensity(z) / (sd * index * share) : 0;
    }
  }
  menuTerms[0] = factor * index;
  menuTerms[1] = 1 + index * logSlope;
}

/** What `menuSpend` writes: E per unit of size, and 1 - epsilon. */
const menuTerms = new Float64Array(2);

/**
 * Q_j, lambda_j (the diagonal of dQ/dp) and cross_j = sum_i m_fi Gamma_ij for f the setter of
 * j's decision, at offer prices `prices`, with f_ti the volume factor of type t's curve:
 *
 *   Q_j      = sum_t M_t f_tj s_tj
 *   lambda_j = sum_t M_t f_tj s_tj (u_tj / (1 - rho_g) + d ln f_tj / dp_j)
 *   cross_j  = sum_t M_t u_tj s_tj (sum_i m_fi f_ti s_ti + rho_g / (1 - rho_g) sum_{i in g} m_fi f_ti s_ti|g)
 *
 * With sub-nests h (two levels), lambda_j's 1 / (1 - rho_g) is its sub-nest's 1 / (1 - rho_h),
 * and cross_j's bracket adds (1 / (1 - rho_h) - 1 / (1 - rho_g)) sum_{i in h} m_fi f_ti s_ti|h
 * (`substitutionTerm` in `nested-logit.ts`).
 */
function evaluateTerms(game: PricingGame, prices: ArrayLike<number>, into: Terms): Terms {
  evaluateCurves(game, prices);
  const { demand, decisionOf, setterOf, ownerOf } = game;
  const { partnerOf, firms } = game;
  const { nesting, types, nonPriceUtility, priceSensitivity, outsideUtility, marketSize } = demand;
  const { offers, nests, nestOf, rho } = nesting;
  const sub = nesting.subNests;
  const subNests = sub?.count ?? 0;
  const { volumes, lambda, cross } = into;
  volumes.fill(0);
  lambda.fill(0);
  cross.fill(0);
  for (let j = 0; j < offers; j++) {
    const p = prices[j]!;
    logPrice[j] = priceUtility(1, p, demand.priceForm);
    unitSlope[j] = priceUtilityDerivative(1, p, demand.priceForm);
    stakeMargin[j] = ownerMarginAt(game, j, p);
    partnerMargin[j] = partnerMarginAt(game, j, p);
  }
  const plain = plainLogitOf(game);
  if (plain) return evaluatePlainLogit(game, plain, into);
  const menu = demand.volume === 'menu';
  const { shares, withinNestShares } = choice;
  for (let t = 0; t < types; t++) {
    const size = marketSize[t]!;
    if (size === 0) continue;
    const alpha = priceSensitivity[t]!;
    const curve = curveRowOf(game, t);
    for (let j = 0; j < offers; j++) {
      utility[j] = nonPriceUtility[t * offers + j]! + alpha * logPrice[j]!;
      slope[j] = alpha * unitSlope[j]!;
    }
    nestedLogitChoice(utility, outsideUtility[t]!, nesting, choice);
    // Under menu volumes every term scales with the type's spend E (f_ti = E / p_i), and the
    // index P, which p_j moves with weight s_tj, adds -(1 - epsilon) / p_j to the price slope of
    // the firms' totals (docs/MODEL.md, "Welfare from the choice model").
    let spend = 1;
    let indexWeight = 0;
    if (menu) {
      menuSpend(game, t, choice.inclusiveValue, alpha);
      spend = menuTerms[0]!;
      indexWeight = menuTerms[1]!;
      if (spend === 0) continue;
    }
    // Per firm, sum_i m_fi f_ti s_ti, and the same per nest with s_ti|g.
    firmTotal.fill(0, 0, firms);
    firmNestTotal.fill(0, 0, firms * nests);
    if (sub) firmSubNestTotal.fill(0, 0, firms * subNests);
    for (let i = 0; i < offers; i++) {
      const s = shares[i]!;
      if (s === 0) continue;
      const g = nestOf[i]!;
      const factor = curveFactor[curve + i]!;
      const owner = ownerOf[i]!;
      const margin = stakeMargin[i]! * factor;
      firmTotal[owner] = firmTotal[owner]! + margin * s;
      const partner = partnerOf[i]!;
      const take = partner >= 0 ? partnerMargin[i]! * factor : 0;
      if (partner >= 0) firmTotal[partner] = firmTotal[partner]! + take * s;
      firmNestTotal[owner * nests + g] =
        firmNestTotal[owner * nests + g]! + margin * withinNestShares[i]!;
      if (partner >= 0) {
        firmNestTotal[partner * nests + g] =
          firmNestTotal[partner * nests + g]! + take * withinNestShares[i]!;
      }
      if (sub) {
        const h = sub.subNestOf[i]!;
        const within = choice.subNests!.withinSubNestShares[i]!;
        firmSubNestTotal[owner * subNests + h] =
          firmSubNestTotal[owner * subNests + h]! + margin * within;
        if (partner >= 0) {
          firmSubNestTotal[partner * subNests + h] =
            firmSubNestTotal[partner * subNests + h]! + take * within;
        }
      }
    }
    for (let j = 0; j < offers; j++) {
      const s = shares[j]!;
      if (s === 0) continue;
      const g = nestOf[j]!;
      const r = rho[g]!;
      const weighted = size * s * spend;
      const bought = weighted * curveFactor[curve + j]!;
      volumes[j] = volumes[j]! + bought;
      const own = sub ? ownRho(nesting, j) : r;
      lambda[j] = lambda[j]! + bought * (slope[j]! / (1 - own) + curveSlope[curve + j]!);
      const f = setterOf[decisionOf[j]!]!;
      const nestTerm = r === 0 ? 0 : (r / (1 - r)) * firmNestTotal[f * nests + g]!;
      if (sub) {
        const h = sub.subNestOf[j]!;
        const subNestTerm = (1 / (1 - own) - 1 / (1 - r)) * firmSubNestTotal[f * subNests + h]!;
        cross[j] = cross[j]! + weighted * slope[j]! * (firmTotal[f]! + nestTerm + subNestTerm);
      } else {
        cross[j] = cross[j]! + weighted * slope[j]! * (firmTotal[f]! + nestTerm);
      }
      if (menu) cross[j] = cross[j]! - (weighted * indexWeight * firmTotal[f]!) / prices[j]!;
    }
  }
  return into;
}

/**
 * `evaluateTerms` under plain logit and log price (every rho 0), the run's case: the same sums,
 * with no within-nest terms, the shares from the prepared weights, and every buffer a local.
 */
function evaluatePlainLogit(game: PricingGame, plain: PlainLogit, into: Terms): Terms {
  const { demand, decisionOf, setterOf, ownerOf, partnerOf, firms } = game;
  const { types, priceSensitivity, marketSize } = demand;
  const offers = demand.nesting.offers;
  const { volumes, lambda, cross } = into;
  const { weight, outsideWeight, alphaOf, alphas } = plain;
  if (pricePower.length < alphas.length * offers) {
    pricePower = new Float64Array(alphas.length * offers);
  }
  if (shareScratch.length < offers) shareScratch = new Float64Array(offers);
  const powers = pricePower;
  const shares = shareScratch;
  const totals = firmTotal;
  const margins = stakeMargin;
  const takes = partnerMargin;
  const logPrices = logPrice;
  const slopes = unitSlope;
  const factors = curveFactor;
  const factorSlopes = curveSlope;
  // p^-alpha per distinct alpha and offer.
  for (let a = 0; a < alphas.length; a++) {
    const alpha = alphas[a]!;
    for (let j = 0; j < offers; j++) powers[a * offers + j] = Math.exp(alpha * logPrices[j]!);
  }
  for (let t = 0; t < types; t++) {
    const size = marketSize[t]!;
    if (size === 0) continue;
    const alpha = priceSensitivity[t]!;
    const curve = curveRowOf(game, t);
    const row = t * offers;
    const power = alphaOf[t]! * offers;
    // s_tj = E_tj P_a(t)j / (E_t0 + sum_k E_tk P_a(t)k).
    let denominator = outsideWeight[t]!;
    for (let j = 0; j < offers; j++) {
      const w = weight[row + j]! * powers[power + j]!;
      shares[j] = w;
      denominator += w;
    }
    const inverse = 1 / denominator;
    totals.fill(0, 0, firms);
    for (let i = 0; i < offers; i++) {
      const s = shares[i]! * inverse;
      shares[i] = s;
      if (s === 0) continue;
      const bought = s * factors[curve + i]!;
      const owner = ownerOf[i]!;
      totals[owner] = totals[owner]! + margins[i]! * bought;
      const partner = partnerOf[i]!;
      if (partner >= 0) totals[partner] = totals[partner]! + takes[i]! * bought;
    }
    for (let j = 0; j < offers; j++) {
      const s = shares[j]!;
      if (s === 0) continue;
      const weighted = size * s;
      const bought = weighted * factors[curve + j]!;
      const slope = alpha * slopes[j]!;
      volumes[j] = volumes[j]! + bought;
      lambda[j] = lambda[j]! + bought * (slope + factorSlopes[curve + j]!);
      cross[j] = cross[j]! + weighted * slope * totals[setterOf[decisionOf[j]!]!]!;
    }
  }
  return into;
}

/**
 * What the solver's plain-logit iterations need, prepared once per solve: the offers whose
 * price is free, the offers whose margins enter a free decision's condition (every offer a
 * setter of a free decision has a stake in), and each type's logit weight of the held offers,
 * whose prices do not move.
 */
interface FreeTerms {
  /** Offers of a free decision, whose setter is their owner: the conditions' own terms. */
  readonly own: Int32Array;
  /** Offers whose price moves. */
  readonly moving: Int32Array;
  /** Moving offers some free decision's setter has a stake in (the held ones are in `heldStake`). */
  readonly staked: Int32Array;
  /** Setters of free decisions. */
  readonly setters: Int32Array;
  /** Per type: the outside option's weight plus the held offers', E_t0 + sum_held E_tj P_tj. */
  readonly heldWeight: Float64Array;
  /** Per type and firm (`[t * firms + f]`): the held offers' logit weights times f's stakes in them. */
  readonly heldStake: Float64Array;
  /** Per type and offer: the logit weight E_tj P_tj (the held ones fixed, the moving ones per call). */
  readonly weights: Float64Array;
}

function freeTermsOf(
  game: PricingGame,
  plain: PlainLogit,
  prices: ArrayLike<number>,
  moving: Int32Array,
  own: Int32Array,
  arrays: TypedArrays,
): FreeTerms {
  const { decisionOf, setterOf, held, ownerOf, partnerOf } = game;
  const { types } = game.demand;
  const offers = game.demand.nesting.offers;
  const isSetter = arrays.uint8(game.firms);
  for (let k = 0; k < moving.length; k++) isSetter[setterOf[decisionOf[moving[k]!]!]!] = 1;
  const staked: number[] = [];
  for (let i = 0; i < offers; i++) {
    const partner = partnerOf[i]!;
    if (isSetter[ownerOf[i]!] === 1 || (partner >= 0 && isSetter[partner] === 1)) staked.push(i);
  }
  const setters: number[] = [];
  for (let f = 0; f < game.firms; f++) if (isSetter[f] === 1) setters.push(f);
  const { weight, outsideWeight, alphaOf, alphas, reach } = plain;
  const weights = arrays.float64(types * offers);
  const heldWeight = arrays.float64(types);
  evaluateCurves(game, prices);
  const heldPower = arrays.float64(alphas.length * offers);
  for (let j = 0; j < offers; j++) {
    if (held[decisionOf[j]!] !== 1) continue;
    const logPrice = Math.log(prices[j]!);
    for (let a = 0; a < alphas.length; a++) {
      if (reach[a * offers + j] === 1) heldPower[a * offers + j] = Math.exp(-alphas[a]! * logPrice);
    }
  }
  // Per type and setter, the held offers' part of its stake total, sum_held w_ti m_fi f_ti.
  const { firms } = game;
  const heldStake = arrays.float64(types * firms);
  for (let t = 0; t < types; t++) {
    const power = alphaOf[t]! * offers;
    const curve = curveRowOf(game, t);
    let sum = outsideWeight[t]!;
    for (let j = 0; j < offers; j++) {
      if (held[decisionOf[j]!] !== 1) continue;
      const w = weight[t * offers + j]! * heldPower[power + j]!;
      weights[t * offers + j] = w;
      sum += w;
    }
    heldWeight[t] = sum;
    for (const i of staked) {
      if (held[decisionOf[i]!] !== 1) continue;
      const bought = weights[t * offers + i]! * curveFactor[curve + i]!;
      if (bought === 0) continue;
      const owner = ownerOf[i]!;
      heldStake[t * firms + owner] =
        heldStake[t * firms + owner]! + ownerMarginAt(game, i, prices[i]!) * bought;
      const partner = partnerOf[i]!;
      if (partner >= 0) {
        heldStake[t * firms + partner] =
          heldStake[t * firms + partner]! + partnerMarginAt(game, i, prices[i]!) * bought;
      }
    }
  }
  return {
    own,
    moving,
    staked: Int32Array.from(staked.filter((i) => held[decisionOf[i]!] !== 1)),
    setters: Int32Array.from(setters),
    heldWeight,
    heldStake,
    weights,
  };
}

/**
 * `evaluateTerms` for the solver under plain logit: Q_j, lambda_j and cross_j of the offers in
 * `free.own` only (the others are left as they were), at prices that differ from the prepared
 * ones only in the moving offers.
 */
/** Zeroes the terms of the offers `own`, which an evaluation then sums into. */
function clearTerms(into: Terms, own: Int32Array): void {
  const { volumes, lambda, cross } = into;
  for (let k = 0; k < own.length; k++) {
    const j = own[k]!;
    volumes[j] = 0;
    lambda[j] = 0;
    cross[j] = 0;
  }
}

function evaluateFreeTerms(
  game: PricingGame,
  plain: PlainLogit,
  free: FreeTerms,
  prices: ArrayLike<number>,
  into: Terms,
): Terms {
  evaluateCurves(game, prices, free.moving);
  const { decisionOf, setterOf, ownerOf } = game;
  const { partnerOf, volumeCurves, firms } = game;
  const { types, priceSensitivity, marketSize } = game.demand;
  const offers = game.demand.nesting.offers;
  const { own, moving, staked, setters, heldWeight, heldStake, weights } = free;
  const { weight, alphaOf, alphas, reach } = plain;
  const { volumes, lambda, cross } = into;
  if (pricePower.length < alphas.length * offers) {
    pricePower = new Float64Array(alphas.length * offers);
  }
  const powers = pricePower;
  const totals = firmTotal;
  const factors = curveFactor;
  const factorSlopes = curveSlope;
  clearTerms(into, own);
  for (let k = 0; k < moving.length; k++) {
    const j = moving[k]!;
    const logPrice = Math.log(prices[j]!);
    // Where no type of an alpha buys j, its weight is 0 whatever the price.
    for (let a = 0; a < alphas.length; a++) {
      powers[a * offers + j] = reach[a * offers + j] === 1 ? Math.exp(-alphas[a]! * logPrice) : 0;
    }
  }
  // Per curve and offer, each stakeholder's margin times the volume factor: m_fi f_ci.
  const curves = volumeCurves ? volumeCurves.logMean.length : 1;
  if (ownerStake.length < curves * offers) {
    ownerStake = new Float64Array(curves * offers);
    partnerStake = new Float64Array(curves * offers);
  }
  const owned = ownerStake;
  const shared = partnerStake;
  for (let k = 0; k < staked.length; k++) {
    const i = staked[k]!;
    const ownerMargin = ownerMarginAt(game, i, prices[i]!);
    const partnerMargin = partnerMarginAt(game, i, prices[i]!);
    for (let c = 0; c < curves; c++) {
      owned[c * offers + i] = ownerMargin * factors[c * offers + i]!;
      shared[c * offers + i] = partnerMargin * factors[c * offers + i]!;
    }
  }
  for (let t = 0; t < types; t++) {
    const size = marketSize[t]!;
    if (size === 0) continue;
    const alpha = priceSensitivity[t]!;
    const curve = curveRowOf(game, t);
    const row = t * offers;
    const power = alphaOf[t]! * offers;
    let denominator = heldWeight[t]!;
    for (let k = 0; k < moving.length; k++) {
      const j = moving[k]!;
      const w = weight[row + j]! * powers[power + j]!;
      weights[row + j] = w;
      denominator += w;
    }
    const inverse = 1 / denominator;
    // Firm totals of logit weight times stake, scaled to shares once per firm.
    for (let k = 0; k < setters.length; k++) {
      const f = setters[k]!;
      totals[f] = heldStake[t * firms + f]!;
    }
    for (let k = 0; k < staked.length; k++) {
      const i = staked[k]!;
      const w = weights[row + i]!;
      if (w === 0) continue;
      const owner = ownerOf[i]!;
      totals[owner] = totals[owner]! + w * owned[curve + i]!;
      const partner = partnerOf[i]!;
      if (partner >= 0) totals[partner] = totals[partner]! + w * shared[curve + i]!;
    }
    for (let k = 0; k < own.length; k++) {
      const j = own[k]!;
      const s = weights[row + j]! * inverse;
      if (s === 0) continue;
      const weighted = size * s;
      const bought = weighted * factors[curve + j]!;
      const slope = -alpha / prices[j]!;
      volumes[j] = volumes[j]! + bought;
      lambda[j] = lambda[j]! + bought * (slope + factorSlopes[curve + j]!);
      cross[j] = cross[j]! + weighted * slope * totals[setterOf[decisionOf[j]!]!]! * inverse;
    }
  }
  return into;
}

/**
 * What the solver's iterations need under nested logit, prepared once per solve. Only the moving
 * offers' prices change. Per type, a nest with no moving offer keeps its inclusive value I_g and
 * the firms' stakes in it; in a nest with one, the held offers' parts of
 *
 *   D_g = sum_{k in g} e_k   and   E_fg = sum_{k in g} m_fk f_k e_k,   e_k = exp(V_k / (1 - rho_g)),
 *
 * are fixed, and an iteration adds the moving offers' terms. Then s_k|g = e_k / D_g,
 * I_g = (1 - rho_g) ln D_g, sum_{i in g} m_fi f_i s_i|g = E_fg / D_g and
 * sum_i m_fi f_i s_i = sum_g s_g E_fg / D_g. A moving offer's e_k is its value at the base
 * prices times exp(alpha (v_k - v_k^base) / (1 - rho_g)), v_k the price term of utility per unit
 * alpha: the latter is the same for every type with that alpha, so an iteration takes one
 * exponential per distinct alpha and moving offer, not per type. The sums are kept relative to
 * each nest's largest term at the base prices, which move to the current prices (`rebase`)
 * before a factor could leave the range of a double.
 */
interface NestedFreeTerms {
  /** Offers of a free decision whose setter is their owner, and each one's place in `moving`. */
  readonly own: Int32Array;
  readonly ownPlace: Int32Array;
  /** Offers whose price moves; per moving offer, its nest's place among the moving nests. */
  readonly moving: Int32Array;
  readonly movingNestOf: Int32Array;
  /** Number of nests with a moving offer (G below); each one's place, or -1, per nest. */
  readonly movingNests: number;
  readonly nestPlace: Int32Array;
  /** Per moving nest, 1 - rho_g. */
  readonly dissimilarity: Float64Array;
  /** Per firm, its place among the setters of `own` offers (S of them), or -1. */
  readonly setterPlace: Int32Array;
  readonly setters: number;
  /** Per moving offer, the places of its owner and of its partner among the setters, or -1. */
  readonly ownerSlot: Int32Array;
  readonly partnerSlot: Int32Array;
  /** Types with buyers that can buy some `own` offer: the others add nothing to its terms. */
  readonly buyers: Int32Array;
  /** Each type's place among the distinct alphas, and those alphas. */
  readonly alphaOf: Int32Array;
  readonly alphas: Float64Array;
  /** Per moving offer: v_k at the base prices. */
  readonly baseUnitUtility: Float64Array;
  /** Per type and moving offer (`[t * M + m]`): e_k at the base prices, relative to `nestTop`. */
  readonly baseWeight: Float64Array;
  /** Per type and moving nest (`[t * G + g]`): the largest V_k / (1 - rho_g) at the base prices. */
  readonly nestTop: Float64Array;
  /** Per type and moving nest: the held offers' D_g, relative to `nestTop`. */
  readonly heldSum: Float64Array;
  /** Per type, moving nest and setter (`[(t * G + g) * S + f]`): the held offers' E_fg, the same. */
  readonly heldStake: Float64Array;
  /** Per type: the largest of V_0 and the fixed nests' I_g, and exp(V_0) + sum of their exp(I_g), relative to it. */
  readonly fixedTop: Float64Array;
  readonly fixedSum: Float64Array;
  /** Per type and setter (`[t * S + f]`): sum over the fixed nests of exp(I_g) E_fg / D_g, relative to `fixedTop`. */
  readonly fixedStake: Float64Array;
  /** Per nest: exp(I_g) relative to `fixedTop` while the base is taken. */
  readonly fixedNestWeight: Float64Array;
  /** Per moving offer, at the iteration's prices: v_k and dv_k/dp_k, and the stakeholders' margins. */
  readonly unitUtility: Float64Array;
  readonly unitSlope: Float64Array;
  readonly ownerMargin: Float64Array;
  readonly partnerMargin: Float64Array;
  /** Per distinct alpha and moving offer (`[a * M + m]`): exp(alpha (v_k - v_k^base) / (1 - rho_g)). */
  readonly priceFactor: Float64Array;
  /** Per moving offer: e_k relative to its nest's `nestTop`, for the type at hand. */
  readonly weight: Float64Array;
  /** Per moving nest, for the type at hand: D_g relative to `nestTop`, then I_g, then s_g. */
  readonly nestSum: Float64Array;
  readonly nestValue: Float64Array;
  readonly nestShare: Float64Array;
  /** Per moving nest and setter: E_fg relative to `nestTop`. */
  readonly nestStake: Float64Array;
  /** Per setter: sum_i m_fi f_i s_i. */
  readonly firmStake: Float64Array;
}

/** How far an exponent of `priceFactor` may go before the base moves: e^500 leaves room for the margins. */
const MAX_PRICE_EXPONENT = 500;

/**
 * Adds `amount` times offer i's margins to its owner's and its partner's entries of `totals`
 * (`[at + place[f]]`), for the firms that have a place.
 */
function addStakes(
  game: PricingGame,
  totals: Float64Array,
  at: number,
  place: Int32Array,
  i: number,
  ownerMargin: number,
  partnerMargin: number,
  amount: number,
): void {
  const owner = place[game.ownerOf[i]!]!;
  if (owner >= 0) totals[at + owner] = totals[at + owner]! + ownerMargin * amount;
  const partner = game.partnerOf[i]!;
  if (partner >= 0 && place[partner]! >= 0) {
    totals[at + place[partner]!] = totals[at + place[partner]!]! + partnerMargin * amount;
  }
}

/** The lists and buffers of `NestedFreeTerms`, with its base taken at `prices`. */
function nestedFreeTermsOf(
  game: PricingGame,
  prices: ArrayLike<number>,
  moving: Int32Array,
  own: Int32Array,
  arrays: TypedArrays,
): NestedFreeTerms {
  const { ownerOf, firms, demand } = game;
  const { nesting, types, nonPriceUtility, priceSensitivity, marketSize } = demand;
  const { offers, nests, nestOf } = nesting;
  const M = moving.length;
  const nestPlace = arrays.int32(nests).fill(-1);
  let G = 0;
  const movingNestOf = arrays.int32(M);
  const placeInMoving = arrays.int32(offers);
  for (let m = 0; m < M; m++) {
    const j = moving[m]!;
    const g = nestOf[j]!;
    if (nestPlace[g]! < 0) nestPlace[g] = G++;
    movingNestOf[m] = nestPlace[g]!;
    placeInMoving[j] = m;
  }
  const dissimilarity = arrays.float64(G);
  for (let g = 0; g < nests; g++) {
    if (nestPlace[g]! >= 0) dissimilarity[nestPlace[g]!] = 1 - nesting.rho[g]!;
  }
  const setterPlace = arrays.int32(firms).fill(-1);
  let S = 0;
  const ownPlace = arrays.int32(own.length);
  for (let k = 0; k < own.length; k++) {
    const j = own[k]!;
    if (setterPlace[ownerOf[j]!]! < 0) setterPlace[ownerOf[j]!] = S++;
    ownPlace[k] = placeInMoving[j]!;
  }
  const ownerSlot = arrays.int32(M);
  const partnerSlot = arrays.int32(M);
  for (let m = 0; m < M; m++) {
    const j = moving[m]!;
    ownerSlot[m] = setterPlace[ownerOf[j]!]!;
    partnerSlot[m] = game.partnerOf[j]! >= 0 ? setterPlace[game.partnerOf[j]!]! : -1;
  }
  const buyers = listOf(arrays, types, (t) => {
    if (!(marketSize[t]! > 0)) return false;
    for (let k = 0; k < own.length; k++) {
      if (nonPriceUtility[t * offers + own[k]!] !== Number.NEGATIVE_INFINITY) return true;
    }
    return false;
  });
  const alphaOf = arrays.int32(types);
  const distinct: number[] = [];
  for (let b = 0; b < buyers.length; b++) {
    const t = buyers[b]!;
    let a = distinct.indexOf(priceSensitivity[t]!);
    if (a < 0) a = distinct.push(priceSensitivity[t]!) - 1;
    alphaOf[t] = a;
  }
  const alphas = arrays.float64(distinct.length);
  alphas.set(distinct);
  const free: NestedFreeTerms = {
    own,
    ownPlace,
    moving,
    movingNestOf,
    movingNests: G,
    nestPlace,
    dissimilarity,
    setterPlace,
    setters: S,
    ownerSlot,
    partnerSlot,
    buyers,
    alphaOf,
    alphas,
    baseUnitUtility: arrays.float64(M),
    baseWeight: arrays.float64(types * M),
    nestTop: arrays.float64(types * G),
    heldSum: arrays.float64(types * G),
    heldStake: arrays.float64(types * G * S),
    fixedTop: arrays.float64(types),
    fixedSum: arrays.float64(types),
    fixedStake: arrays.float64(types * S),
    fixedNestWeight: arrays.float64(nests),
    unitUtility: arrays.float64(M),
    unitSlope: arrays.float64(M),
    ownerMargin: arrays.float64(M),
    partnerMargin: arrays.float64(M),
    priceFactor: arrays.float64(distinct.length * M),
    weight: arrays.float64(M),
    nestSum: arrays.float64(G),
    nestValue: arrays.float64(G),
    nestShare: arrays.float64(G),
    nestStake: arrays.float64(G * S),
    firmStake: arrays.float64(S),
  };
  rebase(game, free, prices);
  return free;
}

/** Takes the base of `free` at offer prices `prices` (the held ones as prepared). */
function rebase(game: PricingGame, free: NestedFreeTerms, prices: ArrayLike<number>): void {
  const { decisionOf, held } = game;
  const { demand } = game;
  const { nesting, nonPriceUtility, priceSensitivity, outsideUtility } = demand;
  const { offers, nests, nestOf, rho } = nesting;
  const { moving, movingNestOf, nestPlace, setterPlace, buyers } = free;
  const { baseUnitUtility, baseWeight, nestTop, heldSum, heldStake } = free;
  const { fixedTop, fixedSum, fixedStake, fixedNestWeight } = free;
  const M = moving.length;
  const G = free.movingNests;
  const S = free.setters;
  heldSum.fill(0);
  heldStake.fill(0);
  fixedStake.fill(0);
  evaluateCurves(game, prices);
  for (let m = 0; m < M; m++) {
    baseUnitUtility[m] = priceUtility(1, prices[moving[m]!]!, demand.priceForm);
  }
  for (let b = 0; b < buyers.length; b++) {
    const t = buyers[b]!;
    const alpha = priceSensitivity[t]!;
    const curve = curveRowOf(game, t);
    for (let j = 0; j < offers; j++) {
      utility[j] =
        nonPriceUtility[t * offers + j]! + alpha * priceUtility(1, prices[j]!, demand.priceForm);
    }
    const { withinNestShares, nestInclusiveValues } = nestedLogitChoice(
      utility,
      outsideUtility[t]!,
      nesting,
      choice,
    );
    // The nests with no moving offer: their I_g, and the setters' stakes in them.
    let top = outsideUtility[t]!;
    for (let g = 0; g < nests; g++) {
      if (nestPlace[g]! < 0) top = Math.max(top, nestInclusiveValues[g]!);
    }
    let sum = Math.exp(outsideUtility[t]! - top);
    for (let g = 0; g < nests; g++) {
      fixedNestWeight[g] = nestPlace[g]! < 0 ? Math.exp(nestInclusiveValues[g]! - top) : 0;
      sum += fixedNestWeight[g]!;
    }
    fixedTop[t] = top;
    fixedSum[t] = sum;
    // The nests with a moving offer: each one's largest scaled utility, then the held offers'
    // D_g and E_fg and the moving offers' e_k relative to it.
    for (let g = 0; g < G; g++) nestTop[t * G + g] = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < offers; i++) {
      const g = nestOf[i]!;
      const at = t * G + nestPlace[g]!;
      if (nestPlace[g]! >= 0) nestTop[at] = Math.max(nestTop[at]!, utility[i]! / (1 - rho[g]!));
    }
    for (let i = 0; i < offers; i++) {
      const g = nestOf[i]!;
      const place = nestPlace[g]!;
      if (place >= 0 && held[decisionOf[i]!] !== 1) continue;
      const p = prices[i]!;
      const ownerMargin = ownerMarginAt(game, i, p);
      const partnerMargin = partnerMarginAt(game, i, p);
      const factor = curveFactor[curve + i]!;
      if (place < 0) {
        const amount = fixedNestWeight[g]! * withinNestShares[i]! * factor;
        if (amount === 0) continue;
        addStakes(game, fixedStake, t * S, setterPlace, i, ownerMargin, partnerMargin, amount);
        continue;
      }
      if (utility[i] === Number.NEGATIVE_INFINITY) continue;
      const at = t * G + place;
      const weight = Math.exp(utility[i]! / (1 - rho[g]!) - nestTop[at]!);
      heldSum[at] = heldSum[at]! + weight;
      addStakes(
        game,
        heldStake,
        at * S,
        setterPlace,
        i,
        ownerMargin,
        partnerMargin,
        weight * factor,
      );
    }
    for (let m = 0; m < M; m++) {
      const j = moving[m]!;
      baseWeight[t * M + m] =
        utility[j] === Number.NEGATIVE_INFINITY
          ? 0
          : Math.exp(utility[j]! / (1 - rho[nestOf[j]!]!) - nestTop[t * G + movingNestOf[m]!]!);
    }
  }
}

/**
 * `evaluateTerms` for the solver under nested logit: Q_j, lambda_j and cross_j of the offers in
 * `free.own` only (the others are left as they were), at prices that differ from the prepared
 * ones only in the moving offers.
 */
function evaluateNestedFreeTerms(
  game: PricingGame,
  free: NestedFreeTerms,
  prices: ArrayLike<number>,
  into: Terms,
): Terms {
  evaluateCurves(game, prices, free.moving);
  const { decisionOf, setterOf } = game;
  const { demand } = game;
  const { priceSensitivity, marketSize } = demand;
  const { nestOf, rho } = demand.nesting;
  const { own, ownPlace, moving, movingNestOf, dissimilarity, setterPlace, buyers } = free;
  const { ownerSlot, partnerSlot } = free;
  const { alphaOf, alphas } = free;
  const { baseUnitUtility, baseWeight, nestTop, heldSum, heldStake } = free;
  const { fixedTop, fixedSum, fixedStake } = free;
  const { unitUtility, unitSlope, ownerMargin, partnerMargin, priceFactor, weight } = free;
  const { nestSum, nestValue, nestShare, nestStake, firmStake } = free;
  const M = moving.length;
  const G = free.movingNests;
  const S = free.setters;
  const { volumes, lambda, cross } = into;
  const factors = curveFactor;
  const factorSlopes = curveSlope;
  const menu = demand.volume === 'menu';
  clearTerms(into, own);
  let inRange = true;
  for (let m = 0; m < M; m++) {
    const j = moving[m]!;
    const p = prices[j]!;
    unitUtility[m] = priceUtility(1, p, demand.priceForm);
    unitSlope[m] = priceUtilityDerivative(1, p, demand.priceForm);
    ownerMargin[m] = ownerMarginAt(game, j, p);
    partnerMargin[m] = partnerMarginAt(game, j, p);
    const change = (unitUtility[m]! - baseUnitUtility[m]!) / (1 - rho[nestOf[j]!]!);
    for (let a = 0; a < alphas.length; a++) {
      const exponent = alphas[a]! * change;
      if (!(Math.abs(exponent) <= MAX_PRICE_EXPONENT)) inRange = false;
      priceFactor[a * M + m] = Math.exp(exponent);
    }
  }
  if (!inRange) {
    rebase(game, free, prices);
    priceFactor.fill(1);
  }
  for (let b = 0; b < buyers.length; b++) {
    const t = buyers[b]!;
    const size = marketSize[t]!;
    const alpha = priceSensitivity[t]!;
    const curve = curveRowOf(game, t);
    const power = alphaOf[t]! * M;
    // D_g and E_fg: the held offers' part, plus the moving offers' terms.
    for (let g = 0; g < G; g++) {
      nestSum[g] = heldSum[t * G + g]!;
      for (let f = 0; f < S; f++) nestStake[g * S + f] = heldStake[(t * G + g) * S + f]!;
    }
    for (let m = 0; m < M; m++) {
      const w = baseWeight[t * M + m]! * priceFactor[power + m]!;
      weight[m] = w;
      if (w === 0) continue;
      const g = movingNestOf[m]!;
      nestSum[g] = nestSum[g]! + w;
      const amount = w * factors[curve + moving[m]!]!;
      const owner = ownerSlot[m]!;
      if (owner >= 0)
        nestStake[g * S + owner] = nestStake[g * S + owner]! + ownerMargin[m]! * amount;
      const partner = partnerSlot[m]!;
      if (partner >= 0) {
        nestStake[g * S + partner] = nestStake[g * S + partner]! + partnerMargin[m]! * amount;
      }
    }
    // I_g of the moving nests, and the market's total relative to its largest term.
    let top = fixedTop[t]!;
    for (let g = 0; g < G; g++) {
      const sum = nestSum[g]!;
      const value =
        sum > 0
          ? dissimilarity[g]! * (nestTop[t * G + g]! + Math.log(sum))
          : Number.NEGATIVE_INFINITY;
      nestValue[g] = value;
      if (value > top) top = value;
    }
    const fixedScale = top === fixedTop[t] ? 1 : Math.exp(fixedTop[t]! - top);
    let denominator = fixedSum[t]! * fixedScale;
    for (let g = 0; g < G; g++) {
      nestShare[g] = Math.exp(nestValue[g]! - top);
      denominator += nestShare[g]!;
    }
    const inverse = 1 / denominator;
    // Under menu volumes, the type's spend and 1 - epsilon at its index, as in `evaluateTerms`:
    // IV = top + ln(denominator).
    let spend = 1;
    let indexWeight = 0;
    if (menu) {
      menuSpend(game, t, top + Math.log(denominator), alpha);
      spend = menuTerms[0]!;
      indexWeight = menuTerms[1]!;
      if (spend === 0) continue;
    }
    // sum_i m_fi f_i s_i per setter: the fixed nests' part, then each moving nest's s_g E_fg / D_g.
    for (let f = 0; f < S; f++) firmStake[f] = fixedStake[t * S + f]! * fixedScale * inverse;
    for (let g = 0; g < G; g++) {
      nestShare[g] = nestShare[g]! * inverse;
      if (nestSum[g] === 0) continue;
      const perSum = nestShare[g]! / nestSum[g]!;
      for (let f = 0; f < S; f++) firmStake[f] = firmStake[f]! + perSum * nestStake[g * S + f]!;
    }
    for (let k = 0; k < own.length; k++) {
      const m = ownPlace[k]!;
      const w = weight[m]!;
      if (w === 0) continue;
      const j = own[k]!;
      const g = movingNestOf[m]!;
      const r = rho[nestOf[j]!]!;
      const weighted = size * (w / nestSum[g]!) * nestShare[g]! * spend;
      const bought = weighted * factors[curve + j]!;
      const slope = alpha * unitSlope[m]!;
      volumes[j] = volumes[j]! + bought;
      lambda[j] = lambda[j]! + bought * (slope / (1 - r) + factorSlopes[curve + j]!);
      const f = setterPlace[setterOf[decisionOf[j]!]!]!;
      const nestTerm = r === 0 ? 0 : ((r / (1 - r)) * nestStake[g * S + f]!) / nestSum[g]!;
      cross[j] = cross[j]! + weighted * slope * (firmStake[f]! + nestTerm);
      if (menu) cross[j] = cross[j]! - (weighted * indexWeight * firmStake[f]!) / prices[j]!;
    }
  }
  return into;
}
