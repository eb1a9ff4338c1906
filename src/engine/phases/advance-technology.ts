/** Phase 1: technology indices advance to this month. */
import { technologyAt } from '../../model/technology.ts';
import type { RunContext } from '../context.ts';
import { produce } from '../immer.ts';
import type { World } from '../world.ts';

export function advanceTechnology(world: World, context: RunContext, tick: number): World {
  return produce(world, (draft) => {
    draft.tick = tick;
    draft.date = context.dates[tick]!;
    draft.technology = technologyAt(context.scenario, tick);
  });
}
