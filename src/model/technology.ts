/**
 * Technology: the exogenous paths of compute cost, algorithmic efficiency, training cost and the
 * research frontier; the compute a model's tokens need and what a compute unit costs (an offer's
 * serving cost is their product: `serving.ts`). Equations: docs/MODEL.md, "Technology".
 */
import type { Scenario } from '../scenario/schema.ts';

/** The state of technology at one month, relative to the start. */
export interface TechnologyIndices {
  readonly years: number;
  /** Capital cost of a compute unit relative to the start (hardware). */
  readonly capitalCostIndex: number;
  /** Energy cost of a compute unit relative to the start (energy efficiency). */
  readonly energyCostIndex: number;
  /** Compute a token needs for a fixed capability falls by this factor since the start. */
  readonly algorithmicEfficiency: number;
  /** Cost of a frontier-scale training run relative to the start. */
  readonly trainingCostIndex: number;
  /** The best capability a lab could release this month, in points. */
  readonly researchFrontier: number;
  /** Points added to every customer's capability requirement since the start. */
  readonly requirementShift: number;
}

export function technologyAt(scenario: Scenario, tick: number): TechnologyIndices {
  const { technology, capability, demand } = scenario;
  const years = tick / 12;
  return {
    years,
    capitalCostIndex: (1 - technology.hardwareCostDeclinePerYear) ** years,
    energyCostIndex: (1 + technology.energyEfficiencyGainPerYear) ** -years,
    algorithmicEfficiency: algorithmicEfficiencyAt(scenario, tick),
    trainingCostIndex: technology.trainingCostGrowthPerYear ** years,
    researchFrontier: capability.frontierAtStart + capability.frontierGainPointsPerYear * years,
    requirementShift: demand.requirementGrowthPointsPerYear * years,
  };
}

/**
 * A(t) = a^(t / 12): how many times less compute a token of fixed capability needs `tick` months
 * after the start (before it, for a negative tick: models on the market at the start).
 */
export function algorithmicEfficiencyAt(scenario: Scenario, tick: number): number {
  return scenario.technology.algorithmicEfficiencyPerYear ** (tick / 12);
}

/**
 * Compute units a million tokens needs from a model of `capability` trained when algorithmic
 * efficiency stood at `algorithmicEfficiency`: it doubles every `capabilityPointsPerCostDoubling`
 * points above the anchor, is never below `minComputeUnitsPerMTok` (a token of even the smallest
 * model worth serving needs some compute), and is fixed for the model's life (old models stay
 * expensive).
 */
export function computeUnitsPerMTok(
  scenario: Scenario,
  capability: number,
  algorithmicEfficiency: number,
): number {
  const { costAnchorCapability, capabilityPointsPerCostDoubling, minComputeUnitsPerMTok } =
    scenario.technology;
  return Math.max(
    minComputeUnitsPerMTok,
    2 ** ((capability - costAnchorCapability) / capabilityPointsPerCostDoubling) /
      algorithmicEfficiency,
  );
}

/**
 * USD per compute unit this month for a given cost factor: `capitalUsd` is what newly bought
 * hardware costs per unit-month over its life, `energyUsd` the energy, `totalUsd` their sum.
 */
export interface ComputeUnitCost {
  readonly capitalUsd: number;
  readonly energyUsd: number;
  readonly totalUsd: number;
}

/**
 * How much the capital cost in rental prices exceeds that of new hardware: rentals recover the
 * cost of hardware bought over the last `lifeMonths` months, when hardware was dearer. With
 * hardware cost falling by `decline` a year, the mean of (1 - decline)^(-tau / 12) over
 * tau = 0..life - 1 (2.2 for 30 % a year over 48 months).
 */
export function installedBaseFactor(decline: number, lifeMonths: number): number {
  const key = `${decline}/${lifeMonths}`;
  let factor = installedBaseFactors.get(key);
  if (factor === undefined) {
    let sum = 0;
    for (let age = 0; age < lifeMonths; age++) sum += (1 - decline) ** (-age / 12);
    factor = sum / lifeMonths;
    installedBaseFactors.set(key, factor);
  }
  return factor;
}

/** Memo of `installedBaseFactor`: it is asked for every offer every month, and never changes. */
const installedBaseFactors = new Map<string, number>();

/**
 * The market rental price of a compute unit this month: what an agent without datacenters of its
 * own pays (times its cost factor). Capital at the installed base's cost, plus energy.
 */
export function marketRentalUsd(
  scenario: Scenario,
  indices: TechnologyIndices,
  costFactor: number,
  shockMultiplier = 1,
): number {
  const { hardwareCostDeclinePerYear, hardwareLifeMonths } = scenario.technology;
  const today = computeUnitCost(scenario, indices, costFactor, shockMultiplier);
  return (
    today.capitalUsd * installedBaseFactor(hardwareCostDeclinePerYear, hardwareLifeMonths) +
    today.energyUsd
  );
}

export function computeUnitCost(
  scenario: Scenario,
  indices: TechnologyIndices,
  costFactor: number,
  shockMultiplier = 1,
): ComputeUnitCost {
  const { computeCostUsdPerUnit, energyShareOfServingCost } = scenario.technology;
  const scale = computeCostUsdPerUnit * costFactor * shockMultiplier;
  const capitalUsd = scale * (1 - energyShareOfServingCost) * indices.capitalCostIndex;
  const energyUsd = scale * energyShareOfServingCost * indices.energyCostIndex;
  return { capitalUsd, energyUsd, totalUsd: capitalUsd + energyUsd };
}

/** The research frontier `lagMonths` ago: what an open-weight release reaches now. */
export function laggedFrontier(scenario: Scenario, indices: TechnologyIndices, lagMonths: number) {
  return (
    indices.researchFrontier - (scenario.capability.frontierGainPointsPerYear * lagMonths) / 12
  );
}
