/**
 * A chip vendor: sells the accelerators of every capacity order, at its unit cost over 1 - its
 * gross margin; it sells no tokens, rents no compute and has no cloud.
 */
import type { ChipSpec } from '../../scenario/schema.ts';
import type { KindRules } from './kind.ts';

export const chip: KindRules<ChipSpec> = {
  development: null,
  openModelChannel: () => null,
  product: () => null,
  // It serves no offers: the market is where its compute would come from.
  computeSupply: () => ({ from: 'market', costFactor: 1 }),
  cloud: () => null,
  acceleratorMargin: (spec) => spec.grossMargin,
};
