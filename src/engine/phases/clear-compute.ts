/**
 * Phase 1b: the compute market clears at the start of the month, on the demand expected for it,
 * so that every compute cost is known before prices are set (docs/MODEL.md, "Compute market").
 */

import { clearMonthCompute } from '../../model/capacity.ts';
import type { RunContext } from '../../model/context.ts';
import type { World } from '../../model/world.ts';
import { produce } from '../immer.ts';

export function clearCompute(world: World, context: RunContext): World {
  const compute = clearMonthCompute(world, context);
  return produce(world, (draft) => {
    draft.compute = compute;
  });
}
