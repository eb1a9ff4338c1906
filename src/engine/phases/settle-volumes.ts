/**
 * Phase 5: token volumes respond to price, and consumers keep their surplus. The model computes
 * both from the sums the choice kernel kept per offer (`model/volumes.ts`).
 */

import { FRESH_ARRAYS, type TypedArrays } from '../../math/arena.ts';
import type { ChoiceMarket, ChoiceTally } from '../../model/choice.ts';
import type { RunContext } from '../../model/context.ts';
import type { Population } from '../../model/population.ts';
import { type MonthVolumes, monthVolumes } from '../../model/volumes.ts';
import type { World } from '../../model/world.ts';

export function settleVolumes(
  world: World,
  context: RunContext,
  population: Population,
  market: ChoiceMarket,
  tally: ChoiceTally,
  arrays: TypedArrays = FRESH_ARRAYS,
): MonthVolumes {
  return monthVolumes(world, context.scenario, population, market, tally, arrays);
}
