/**
 * An open-weight provider: releases open models at the research frontier of some months ago,
 * a lag that shrinks over the years; every host and every cloud that hosts open models sells
 * them, and the provider too when it hosts; it rents compute on the market.
 */
import type { OpenWeightSpec } from '../../scenario/schema.ts';
import { laggedFrontier } from '../technology.ts';
import type { KindRules } from './kind.ts';

export const openWeight: KindRules<OpenWeightSpec> = {
  development: {
    developer: (spec) => spec,
    openWeights: true,
    flagshipTarget: (spec, technology, scenario) =>
      laggedFrontier(scenario, technology, openWeightLagMonths(spec, technology.years)),
    ownModelSellers: (spec, developer) =>
      spec.hosts ? [{ seller: developer, channel: 'api', resale: false }] : [],
    revenueShare: () => null,
  },
  openModelChannel: () => null,
  product: () => null,
  computeSupply: (spec) => ({ from: 'market', costFactor: spec.costFactor }),
  cloud: () => null,
  acceleratorMargin: () => null,
};

/** Months an open-weight release trails the research frontier, `years` after the start. */
export function openWeightLagMonths(
  spec: { lagMonthsAtStart: number; lagShrinkMonthsPerYear: number; minLagMonths: number },
  years: number,
): number {
  return Math.max(spec.minLagMonths, spec.lagMonthsAtStart - spec.lagShrinkMonthsPerYear * years);
}
