/** An inference host: sells every open-weight model through its API, on rented compute. */
import type { HostSpec } from '../../scenario/schema.ts';
import type { KindRules } from './kind.ts';

export const host: KindRules<HostSpec> = {
  development: null,
  openModelChannel: () => 'api',
  product: () => null,
  computeSupply: (spec) => ({ from: 'market', costFactor: spec.costFactor }),
  cloud: () => null,
  acceleratorMargin: () => null,
};
