/**
 * Technology: the exogenous paths of compute cost, algorithmic efficiency, training cost and the
 * research frontier, and the serving-cost formula. Equations: docs/MODEL.md, "Technology".
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
    algorithmicEfficiency: technology.algorithmicEfficiencyPerYear ** years,
    trainingCostIndex: technology.trainingCostGrowthPerYear ** years,
    researchFrontier: capability.frontierAtStart + capability.frontierGainPointsPerYear * years,
    requirementShift: demand.requirementGrowthPointsPerYear * years,
  };
}

/**
 * Compute units a million tokens needs from a model of `capability` trained when algorithmic
 * efficiency stood at `algorithmicEfficiency`: it doubles every `capabilityPointsPerCostDoubling`
 * points above the anchor, and is fixed for the model's life (old models stay expensive).
 */
export function computeUnitsPerMTok(
  scenario: Scenario,
  capability: number,
  algorithmicEfficiency: number,
): number {
  const { costAnchorCapability, capabilityPointsPerCostDoubling } = scenario.technology;
  return (
    2 ** ((capability - costAnchorCapability) / capabilityPointsPerCostDoubling) /
    algorithmicEfficiency
  );
}

/** USD per compute unit this month, split into capital and energy, for a given cost factor. */
export interface ComputeUnitCost {
  readonly capitalUsd: number;
  readonly energyUsd: number;
  readonly totalUsd: number;
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

/** Months an open-weight release trails the research frontier this month. */
export function openWeightLagMonths(
  spec: { lagMonthsAtStart: number; lagShrinkMonthsPerYear: number; minLagMonths: number },
  years: number,
): number {
  return Math.max(spec.minLagMonths, spec.lagMonthsAtStart - spec.lagShrinkMonthsPerYear * years);
}

/** The research frontier `lagMonths` ago: what an open-weight release reaches now. */
export function laggedFrontier(scenario: Scenario, indices: TechnologyIndices, lagMonths: number) {
  return (
    indices.researchFrontier - (scenario.capability.frontierGainPointsPerYear * lagMonths) / 12
  );
}
