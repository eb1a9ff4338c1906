/**
 * Entry (docs/MODEL.md, "Entry"): a potential entrant enters the month after the expected
 * profit of entry beats its cost. It expects to do as well as the average lab in the market:
 * their mean gross profit (revenue less variable cost) last month, over its payback months,
 * against the cost of entering plus its first training run at the scheduled budget (with its
 * research compute). It raises its capital (`cashUsd`) as it enters, so a funding climate that
 * gives no rounds keeps it out.
 */
import type { ModelDeveloperSpec } from '../scenario/schema.ts';
import { inMarket, type RunContext } from './context.ts';
import { multipliersInForce } from './events.ts';
import { costPerBudgetUsd, scheduledBudgetUsd } from './finance.ts';
import type { Ledger } from './ledger.ts';
import type { World } from './world.ts';

/**
 * Expected profit of entry, USD: the mean lab's gross profit a month over `paybackMonths`, less
 * the cost of entry and of the first run.
 *
 * @example
 * expectedEntryProfitUsd(1e8, 24, 1e9); // 1.4e9: entry pays
 */
export function expectedEntryProfitUsd(
  meanGrossProfitUsdPerMonth: number,
  paybackMonths: number,
  entryCostUsd: number,
): number {
  return meanGrossProfitUsdPerMonth * paybackMonths - entryCostUsd;
}

/** The potential entrants that decide this month to enter next month, in agent order. */
export function entrantsThisMonth(world: World, context: RunContext, ledger: Ledger): number[] {
  const { tick } = world;
  const climate = multipliersInForce(context.events, tick).fundingClimate;
  let labs = 0;
  let grossProfit = 0;
  for (let a = 0; a < world.agents.length; a++) {
    if (world.agents[a]!.kind !== 'lab' || !inMarket(world, a)) continue;
    labs += 1;
    grossProfit += ledger.revenueUsd[a]! - ledger.variableCostUsd[a]!;
  }
  const mean = labs > 0 ? grossProfit / labs : 0;
  const entering: number[] = [];
  context.developers.forEach((spec, a) => {
    const entry = spec?.entry;
    if (!spec || !entry || climate <= 0) return;
    const agent = world.agents[a]!;
    if (Number.isFinite(agent.entryTick) || context.dates[tick]! < entry.from) return;
    const cost = entry.costUsd + firstRunCostUsd(spec, world, context);
    if (expectedEntryProfitUsd(mean, entry.paybackMonths, cost) > 0) entering.push(a);
  });
  return entering;
}

/** The development cost of a developer's first flagship at the scheduled budget, USD. */
function firstRunCostUsd(spec: ModelDeveloperSpec, world: World, context: RunContext): number {
  return scheduledBudgetUsd(spec, world) * costPerBudgetUsd(spec, context);
}
