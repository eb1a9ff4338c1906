/**
 * A lab: trains closed models and releases flagships at the research frontier less its research
 * gap; sells them through its API and, with a partner hyperscaler, through the partner's cloud;
 * rents compute from a hyperscaler or the market; may own a product that runs on its best model.
 */
import type { LabSpec } from '../../scenario/schema.ts';
import type { KindRules, ModelSeller } from './kind.ts';

export const lab: KindRules<LabSpec> = {
  development: {
    developer: (spec) => spec,
    openWeights: false,
    flagshipTarget: (spec, technology) =>
      technology.researchFrontier - researchGapPoints(spec, technology.years),
    ownModelSellers: (spec, developer, indexOf) => {
      const sellers: ModelSeller[] = [{ seller: developer, channel: 'api', resale: false }];
      if (spec.compute.partner && spec.compute.from !== null) {
        sellers.push({ seller: indexOf.get(spec.compute.from)!, channel: 'cloud', resale: true });
      }
      return sellers;
    },
    revenueShare: (spec, indexOf) =>
      spec.compute.partner && spec.compute.from !== null
        ? { partner: indexOf.get(spec.compute.from)!, share: spec.compute.revenueShare }
        : null,
  },
  openModelChannel: () => null,
  product: (spec) => spec.product && { spec: spec.product, supply: { from: 'own-models' } },
  computeSupply: (spec) =>
    spec.compute.from === null
      ? { from: 'market', costFactor: 1 }
      : { from: 'hyperscaler', hyperscaler: spec.compute.from, partner: spec.compute.partner },
  cloud: () => null,
  acceleratorMargin: () => null,
};

/**
 * Points a lab's flagships trail the research frontier by, `years` after the start: the gap at
 * the start, closing by so many points a year down to its floor (never below it, never above
 * the start).
 */
export function researchGapPoints(spec: LabSpec, years: number): number {
  const start = spec.researchGapPoints;
  const floor = Math.min(spec.minResearchGapPoints, start);
  return Math.max(floor, start - spec.researchGapShrinkPointsPerYear * years);
}
