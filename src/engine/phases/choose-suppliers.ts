/**
 * Phase 4: customers re-evaluate and choose. The model builds the month's choice market
 * (`model/choice-market.ts`: the logit weights of every taste group for every offer on sale)
 * and the choice kernel (`model/choice.ts`) moves the population's customers in place; then
 * each enterprise's primary vendor is taken (`model/workloads.ts`).
 */

import { FRESH_ARRAYS, type TypedArrays } from '../../math/arena.ts';
import type { RandomStreams } from '../../math/random.ts';
import {
  type ChoiceMarket,
  type ChoiceScratch,
  type ChoiceTally,
  chooseSuppliers,
  createTally,
} from '../../model/choice.ts';
import { choiceMarket } from '../../model/choice-market.ts';
import type { RunContext } from '../../model/context.ts';
import type { Population } from '../../model/population.ts';
import { countVendors } from '../../model/workloads.ts';
import type { World } from '../../model/world.ts';
import { SEGMENTS } from '../../scenario/schema.ts';

export function chooseSuppliersPhase(
  world: World,
  context: RunContext,
  population: Population,
  streams: Pick<RandomStreams, 'reevaluation' | 'choice'>,
  scratch: ChoiceScratch,
  arrays: TypedArrays = FRESH_ARRAYS,
): { market: ChoiceMarket; tally: ChoiceTally } {
  population.byOffer.update(world.offers);
  const market = choiceMarket(
    world,
    context.scenario.demand,
    context.hyperscalers,
    population,
    arrays,
  );
  const tally = createTally(SEGMENTS.length, market.slots, arrays);
  chooseSuppliers(market, population, streams.reevaluation, streams.choice, tally, scratch);
  Object.assign(
    tally.enterpriseVendors,
    countVendors(population, SEGMENTS.indexOf('enterprise'), market),
  );
  return { market, tally };
}
