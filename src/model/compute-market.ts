/**
 * The compute market on plain data: capacity owners rent compute units (CU, `technology.ts`); the
 * month's rental price clears demand for compute against the capacity in service, and capacity
 * is ordered ahead, a lead time before it serves. Equations, calibration and sources:
 * docs/MODEL.md, "Compute market"; a run calls them through `capacity.ts`.
 *
 * Owners rent along an inverse supply that starts at the cost of running an idle unit (energy)
 * and rises without bound as utilisation nears 1,
 *
 *   r(u) = c_en (c_full / c_en)^(ln(1 - u) / ln(1 - u*)),
 *
 * so that r(0) = c_en, r(u*) = c_full (the rental covers capital and energy at the utilisation
 * owners build for) and r -> infinity as u -> 1: near capacity a unit's waiting time, and so the
 * price of getting one now, explodes (Mendelson 1985). Buyers' demand has a constant elasticity
 * around the quantity they would rent at full cost, D(r) = D_ref (r / c_full)^-epsilon.
 */

/** The month's capacity in service and what its units cost. */
export interface ComputeSupply {
  /** K: CU a month the capacity in service can serve. */
  readonly capacityUnits: number;
  /** c_en, USD per CU: what running a unit that would otherwise idle costs (energy). */
  readonly energyUsd: number;
  /** c_full, USD per CU: capital at the installed base's cost plus energy (`marketRentalUsd`). */
  readonly fullCostUsd: number;
  /** u*: the utilisation owners build for, at which the rental covers full cost. */
  readonly targetUtilisation: number;
}

/** The month's demand for compute. */
export interface ComputeDemand {
  /** D_ref: CU a month buyers would use at a rental of full cost. */
  readonly unitsAtFullCost: number;
  /** epsilon > 0: how much less they use when the rental doubles, in log terms. */
  readonly elasticity: number;
}

/** The market's state after it clears. */
export interface ComputeMarketClearing {
  /** r, USD per CU. */
  readonly rentalUsd: number;
  /** u = D(r) / K, in [0, 1). */
  readonly utilisation: number;
  /** D(r), CU a month. */
  readonly unitsUsed: number;
  /** (r - c_full) D(r): what owners earn over full cost (negative when capacity idles). */
  readonly scarcityRentUsd: number;
}

/** r(u): the rental at which owners rent out a share `u` of their capacity. */
export function supplyRentalUsd(supply: ComputeSupply, utilisation: number): number {
  const { energyUsd, fullCostUsd, targetUtilisation } = supply;
  const exponent = Math.log1p(-utilisation) / Math.log1p(-targetUtilisation);
  return energyUsd * (fullCostUsd / energyUsd) ** exponent;
}

/** D(r), CU a month. */
export function computeDemandUnits(
  demand: ComputeDemand,
  supply: ComputeSupply,
  rentalUsd: number,
) {
  return demand.unitsAtFullCost * (rentalUsd / supply.fullCostUsd) ** -demand.elasticity;
}

/**
 * Clears the month's market: the utilisation u at which K u = D(r(u)). In x = -ln(1 - u), with
 * x* = -ln(1 - u*) and rho = c_full / c_en, r = c_full rho^(x / x* - 1), and the excess supply
 *
 *   ln K + ln(1 - e^-x) + epsilon ln(rho) (x / x* - 1) - ln D_ref
 *
 * rises strictly in x, from -infinity at 0 to +infinity, so the root is unique; bisection on x
 * finds it to the last bit, and x keeps its precision however close to 1 utilisation gets.
 */
export function clearComputeMarket(
  supply: ComputeSupply,
  demand: ComputeDemand,
): ComputeMarketClearing {
  if (!(demand.unitsAtFullCost > 0)) {
    return { rentalUsd: supply.energyUsd, utilisation: 0, unitsUsed: 0, scarcityRentUsd: 0 };
  }
  const targetX = -Math.log1p(-supply.targetUtilisation);
  const slope = (demand.elasticity * Math.log(supply.fullCostUsd / supply.energyUsd)) / targetX;
  const offset = Math.log(supply.capacityUnits) - Math.log(demand.unitsAtFullCost);
  const excess = (x: number) => offset + Math.log(-Math.expm1(-x)) + slope * (x - targetX);
  let low = 0;
  let high = targetX;
  // Bounded: with epsilon = 0 and demand at or above capacity there is no root (r -> infinity).
  for (let step = 0; step < 1100 && excess(high) < 0; step++) high *= 2;
  for (let step = 0; step < 400; step++) {
    const middle = 0.5 * (low + high);
    if (middle <= low || middle >= high) break;
    if (excess(middle) < 0) low = middle;
    else high = middle;
  }
  const x = 0.5 * (low + high);
  const rentalUsd =
    supply.fullCostUsd * (supply.fullCostUsd / supply.energyUsd) ** (x / targetX - 1);
  const unitsUsed = computeDemandUnits(demand, supply, rentalUsd);
  return {
    rentalUsd,
    utilisation: -Math.expm1(-x),
    unitsUsed,
    scarcityRentUsd: (rentalUsd - supply.fullCostUsd) * unitsUsed,
  };
}

/** What an owner knows when it orders capacity that will serve `leadMonths` from now. */
export interface CapacityOutlook {
  /** Its smoothed use, CU a month, at full cost. */
  readonly smoothedUnits: number;
  /** The smoothed growth of that use, per year (0.5 for +50 % a year). */
  readonly growthPerYear: number;
  readonly leadMonths: number;
  /** CU a month in service when the order arrives: built or ordered, less what retires by then. */
  readonly pipelineUnits: number;
  readonly targetUtilisation: number;
}

/**
 * CU a month to order now: enough that the use it expects when the order arrives,
 * D~ (1 + g)^(L / 12), runs at the target utilisation; nothing when the pipeline already covers
 * it (capacity is not sold back).
 */
export function capacityOrderUnits(outlook: CapacityOutlook): number {
  const { smoothedUnits, growthPerYear, leadMonths, pipelineUnits, targetUtilisation } = outlook;
  const expected = smoothedUnits * (1 + growthPerYear) ** (leadMonths / 12);
  return Math.max(0, expected / targetUtilisation - pipelineUnits);
}
