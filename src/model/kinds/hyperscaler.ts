/**
 * A hyperscaler: runs a cloud. It builds datacenters and pays for them, rents compute to labs,
 * sells open models through its cloud when it hosts them, resells its partner lab's models, and
 * is the home cloud of part of the enterprises.
 */
import type { HyperscalerSpec } from '../../scenario/schema.ts';
import type { KindRules } from './kind.ts';

export const hyperscaler: KindRules<HyperscalerSpec> = {
  development: null,
  openModelChannel: (spec) => (spec.hostsOpenModels ? 'cloud' : null),
  product: () => null,
  computeSupply: (spec) => ({ from: 'own-datacenters', costFactor: spec.costFactor }),
  cloud: (spec) => spec,
  acceleratorMargin: () => null,
};
