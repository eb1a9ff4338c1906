/**
 * An aggregator: owns a product (an app) and no models; it buys the product's tokens wholesale
 * from the cheapest offer close enough to the best on sale.
 */
import type { AggregatorSpec } from '../../scenario/schema.ts';
import type { KindRules } from './kind.ts';

export const aggregator: KindRules<AggregatorSpec> = {
  development: null,
  openModelChannel: () => null,
  product: (spec) => ({
    spec: spec.product,
    supply: {
      from: 'wholesale',
      toleranceBelowFrontierPoints: spec.upstreamToleranceBelowFrontierPoints,
    },
  }),
  // Its tokens are served by its supplier; were it to serve any, it would rent at market price.
  computeSupply: () => ({ from: 'market', costFactor: 1 }),
  cloud: () => null,
  acceleratorMargin: () => null,
};
