/** Phase 1: technology indices advance to this month; scheduled shortages and regulations apply. */

import type { RunContext } from '../../model/context.ts';
import { technologyAt } from '../../model/technology.ts';
import type { World } from '../../model/world.ts';
import { produce } from '../immer.ts';

export function advanceTechnology(world: World, context: RunContext, tick: number): World {
  let computeCostMultiplier = 1;
  let switchingCostMultiplier = 1;
  for (const { tick: at, event } of context.events) {
    if (event.kind === 'compute-shortage' && at <= tick && tick < at + event.months) {
      computeCostMultiplier *= event.costMultiplier;
    }
    if (event.kind === 'switching-cost-regulation' && at <= tick) {
      switchingCostMultiplier *= event.multiplier;
    }
  }
  return produce(world, (draft) => {
    draft.tick = tick;
    draft.date = context.dates[tick]!;
    draft.technology = technologyAt(context.scenario, tick);
    draft.computeCostMultiplier = computeCostMultiplier;
    draft.switchingCostMultiplier = switchingCostMultiplier;
  });
}
