/** Phase 1: technology indices advance to this month; scheduled shortages and regulations apply. */

import type { RunContext } from '../../model/context.ts';
import { multipliersInForce } from '../../model/events.ts';
import { technologyAt } from '../../model/technology.ts';
import type { World } from '../../model/world.ts';
import { produce } from '../immer.ts';

export function advanceTechnology(world: World, context: RunContext, tick: number): World {
  const { computeCostMultiplier, switchingCostMultiplier } = multipliersInForce(
    context.events,
    tick,
  );
  return produce(world, (draft) => {
    draft.tick = tick;
    draft.date = context.dates[tick]!;
    draft.technology = technologyAt(context.scenario, tick);
    draft.computeCostMultiplier = computeCostMultiplier;
    draft.switchingCostMultiplier = switchingCostMultiplier;
  });
}
