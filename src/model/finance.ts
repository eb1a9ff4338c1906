/**
 * Finance (docs/MODEL.md, "Finance"): a model developer's cash, the training budget it can
 * afford, the funding round investors give it, and whether it has run out. Pure functions of
 * numbers, and `settleFinance`, the month's cash of every agent, which phase 6 puts in the world.
 */
import type { FinanceSpec, ModelDeveloperSpec } from '../scenario/schema.ts';
import { amortisationUsd, opexUsdPerMonth } from './accounts.ts';
import { inMarket, type RunContext } from './context.ts';
import { multipliersInForce } from './events.ts';
import type { Ledger } from './ledger.ts';
import type { World } from './world.ts';

/** What investors see of a firm when it seeks a round. */
export interface FirmPosition {
  /** Cash after this month's cash flow, USD. */
  readonly cashUsd: number;
  /** Net cash outflow a month, smoothed, USD (0 for a firm that earns its keep). */
  readonly burnUsdPerMonth: number;
  /** This month's revenue x 12, USD a year. */
  readonly runRateRevenueUsd: number;
  /** Points its best model on the market trails the best model on the market by (>= 0). */
  readonly gapPoints: number;
  /** The whole market's spend this month x 12, USD a year. */
  readonly marketRunRateUsd: number;
  /** Months since its last round (Infinity for none). */
  readonly monthsSinceRound: number;
  /** Development cost of its next flagship at the budget it wants, USD. */
  readonly nextRunUsd: number;
}

/**
 * The round a firm raises this month, USD (0 for none). It seeks one when its cash falls below
 * `roundTriggerMonths` of burn, at most one every `roundIntervalMonths`; investors pay the
 * larger of a revenue multiple of its run-rate revenue (post-money about 40x run-rate, about
 * 7 % sold a round: 2.8x) and a capability term, `roundMarketMultiple` times the market's
 * run-rate spend scaled down linearly with the points it trails the best model by, which lets a
 * frontier lab with little revenue raise (OpenAI 2023, xAI 2024); a firm `roundMaxGapPoints`
 * or more behind raises nothing. The funding climate multiplies the round. Investors fund a
 * runway, not a hoard: cash after the round is at most `roundRunwayMonths` of burn plus the
 * development cost of its next flagship.
 *
 * @example
 * // cash $1 B < 12 x $0.2 B of burn; 2.8 x $4 B = $11.2 B beats 1 x $10 B x (1 - 50 / 200),
 * // and is within the runway's 24 x $0.2 B + $8 B - $1 B = $11.8 B
 * fundingRound({ cashUsd: 1e9, burnUsdPerMonth: 2e8, runRateRevenueUsd: 4e9, gapPoints: 50,
 *   marketRunRateUsd: 1e10, monthsSinceRound: 12, nextRunUsd: 8e9 }, terms, 1); // 11.2e9
 */
export function fundingRound(
  firm: FirmPosition,
  terms: Pick<
    FinanceSpec,
    | 'roundRevenueMultiple'
    | 'roundMarketMultiple'
    | 'roundMaxGapPoints'
    | 'roundTriggerMonths'
    | 'roundIntervalMonths'
    | 'roundRunwayMonths'
  >,
  climate: number,
): number {
  const burn = Math.max(0, firm.burnUsdPerMonth);
  if (burn === 0 || firm.cashUsd >= terms.roundTriggerMonths * burn) return 0;
  if (firm.monthsSinceRound < terms.roundIntervalMonths) return 0;
  // No model on the market (NaN, infinite gap) is as far behind as can be.
  if (!(firm.gapPoints < terms.roundMaxGapPoints)) return 0;
  const rank = 1 - Math.max(0, firm.gapPoints) / terms.roundMaxGapPoints;
  const onRevenue = terms.roundRevenueMultiple * Math.max(0, firm.runRateRevenueUsd);
  const onCapability = rank * terms.roundMarketMultiple * Math.max(0, firm.marketRunRateUsd);
  const runway = terms.roundRunwayMonths * burn + Math.max(0, firm.nextRunUsd) - firm.cashUsd;
  return Math.min(climate * Math.max(onRevenue, onCapability), Math.max(0, runway));
}

/** What a developer knows when it sizes its next training run. */
export interface BudgetInputs {
  /** Scheduled final-run budget this month: `trainingCostUsd` x the training-cost index, USD. */
  readonly scheduledUsd: number;
  /** Cash now, USD. */
  readonly cashUsd: number;
  /** Last month's revenue less its variable cost, USD. */
  readonly grossProfitUsdPerMonth: number;
  /** Its opex a month now, USD. */
  readonly opexUsdPerMonth: number;
  /** Development cost per USD of final run: (1 + small model's share) x (1 + research multiple). */
  readonly costPerBudgetUsd: number;
}

/** A developer's scheduled final-run budget this month: `trainingCostUsd` x the index, USD. */
export function scheduledBudgetUsd(spec: ModelDeveloperSpec, world: World): number {
  return spec.trainingCostUsd * world.technology.trainingCostIndex;
}

/** What `developer` knows of its next run this month, on `cashUsd` and a month's gross profit. */
export function budgetInputs(
  world: World,
  context: RunContext,
  developer: number,
  cashUsd: number,
  grossProfitUsdPerMonth: number,
): BudgetInputs {
  const spec = context.developers[developer]!;
  return {
    scheduledUsd: scheduledBudgetUsd(spec, world),
    cashUsd,
    grossProfitUsdPerMonth,
    opexUsdPerMonth: opexUsdPerMonth(
      spec,
      context.products[developer] ?? null,
      world.technology.years,
    ),
    costPerBudgetUsd: costPerBudgetUsd(spec, context),
  };
}

/**
 * The final-run budget of a developer's next flagship, USD. It wants `trainingBudgetMultiple`
 * times the scheduled budget; one with neither `finance` nor `parentFunding` spends it. One on
 * cash (its own rounds' or its parent's) spends at most `budgetShareOfCash` of its cash plus the
 * gross profit it expects over the model's lifetime, and never so much that less than
 * `reserveMonths` of opex would be left.
 */
export function trainingBudgetUsd(spec: ModelDeveloperSpec, inputs: BudgetInputs): number {
  const wanted = inputs.scheduledUsd * spec.trainingBudgetMultiple;
  const rule = spec.finance ?? spec.parentFunding;
  if (!rule) return wanted;
  const { budgetShareOfCash, reserveMonths } = rule;
  const expected = Math.max(0, inputs.grossProfitUsdPerMonth) * spec.releases.lifetimeMonths;
  const affordable = Math.min(
    budgetShareOfCash * Math.max(0, inputs.cashUsd) + expected,
    inputs.cashUsd - reserveMonths * inputs.opexUsdPerMonth,
  );
  return Math.max(0, Math.min(wanted, affordable / inputs.costPerBudgetUsd));
}

/**
 * Capability points a run of `budgetUsd` gains over a run of the scheduled budget: the scaling
 * law's slope times log10 of their ratio (docs/MODEL.md, "Investment"). 0 at the schedule.
 */
export function scalingGainPoints(
  budgetUsd: number,
  scheduledUsd: number,
  pointsPerTenfold: number,
): number {
  if (budgetUsd === scheduledUsd || scheduledUsd <= 0) return 0;
  return pointsPerTenfold * Math.log10(budgetUsd / scheduledUsd);
}

/**
 * What a parent pays in at the end of month `tick`, USD: at the end of each budget year
 * (`PARENT_YEAR_MONTHS`, counted from the start) it brings its developer's cash back up to the
 * losses it tolerates a year, so that it funds at most that much of a year's losses (more only to
 * pay a debt, which the budget rule's reserve avoids).
 *
 * @example
 * parentTopUpUsd(4e9, 16e9, 11); // 12e9: the year's losses, paid at the end of month 11
 * parentTopUpUsd(4e9, 16e9, 12); // 0: mid-year
 */
export function parentTopUpUsd(
  cashUsd: number,
  lossToleranceUsdPerYear: number,
  tick: number,
): number {
  if ((tick + 1) % PARENT_YEAR_MONTHS !== 0) return 0;
  return Math.max(0, lossToleranceUsdPerYear - cashUsd);
}

/** A parent's budget year, months. */
export const PARENT_YEAR_MONTHS = 12;

/**
 * An agent's cash at the start, USD: its `cashUsd`; a developer funded by a parent starts its
 * first budget year with at least the losses its parent tolerates a year.
 */
export function openingCashUsd(cashUsd: number, developer: ModelDeveloperSpec | null): number {
  const parent = developer?.parentFunding;
  return parent ? Math.max(cashUsd, parent.lossToleranceUsdPerYear) : cashUsd;
}

/**
 * Whether a flagship run is worth training (docs/MODEL.md, "Investment"): its expected
 * capability, points, beats the best model its developer has on the market (-Infinity for none):
 * no lab ships a flagship weaker than the one it sells. A run is measured against the
 * developer's own models, not against a schedule: when money is short everywhere, the runs
 * developers can afford are what the market gets.
 *
 * @example
 * runWorthTraining(1250, 1200); // true: an upgrade
 * runWorthTraining(1190, 1200); // false: weaker than what it sells
 */
export function runWorthTraining(expectedPoints: number, ownBestPoints: number): boolean {
  return expectedPoints > ownBestPoints;
}

/** The smoothed net cash flow after this month's, USD a month (an exponential average). */
export function smoothedCashFlow(previous: number, month: number, smoothing: number): number {
  return previous + smoothing * (month - previous);
}

/** An agent's cash, smoothed cash flow and capital raised after this month. */
export interface FinanceUpdate {
  readonly cashUsd: number;
  readonly cashFlowUsd: number;
  readonly raisedUsd: number;
  readonly lastRoundTick: number;
}

/**
 * Every agent's cash after this month (docs/MODEL.md, "Finance"). Cash moves by the month's
 * profit with the training runs counted when paid, not when amortised: profit + this month's
 * amortisation - the development cost of the models released this month. A developer on its own
 * cash may then raise a round (`fundingRound`), one funded by a parent gets its yearly top-up
 * (`parentTopUpUsd`); whether it then leaves the market is `departures`' (model/acquisition.ts).
 * Rounds are transfers from outside investors: they are in `raisedUsd`, not in the ledger, so
 * they are neither revenue nor surplus.
 */
export function settleFinance(world: World, context: RunContext, ledger: Ledger): FinanceUpdate[] {
  const { tick } = world;
  const agents = world.agents.length;
  const paid = new Float64Array(agents);
  const amortised = new Float64Array(agents);
  const ownBest = new Float64Array(agents).fill(Number.NEGATIVE_INFINITY);
  let best = Number.NEGATIVE_INFINITY;
  for (let m = 0; m < world.models.length; m++) {
    const model = world.models[m]!;
    const d = model.developer;
    if (model.releasedTick === tick) paid[d] = paid[d]! + model.trainingCostUsd;
    if (inMarket(world, d)) amortised[d] = amortised[d]! + amortisationUsd(model, tick);
    if (model.releasedTick <= tick && tick < model.retiresTick && inMarket(world, d)) {
      best = Math.max(best, model.capability);
      ownBest[d] = Math.max(ownBest[d]!, model.capability);
    }
  }
  const terms = context.scenario.finance;
  const climate = multipliersInForce(context.events, tick).fundingClimate;
  return world.agents.map((agent, a) => {
    const flow = ledger.profitUsd(a) + amortised[a]! - paid[a]!;
    const cashFlowUsd = smoothedCashFlow(agent.cashFlowUsd, flow, terms.burnSmoothing);
    let cashUsd = agent.cashUsd + flow;
    let roundUsd = 0;
    if (context.developers[a]?.finance && inMarket(world, a)) {
      roundUsd = fundingRound(
        {
          cashUsd,
          burnUsdPerMonth: -cashFlowUsd,
          runRateRevenueUsd: 12 * ledger.revenueUsd[a]!,
          gapPoints: best - ownBest[a]!,
          marketRunRateUsd: 12 * ledger.spendUsd,
          monthsSinceRound: tick - agent.lastRoundTick,
          nextRunUsd: nextRunUsd(context.developers[a]!, world, context),
        },
        terms,
        climate,
      );
      cashUsd += roundUsd;
    } else if (context.developers[a]?.parentFunding && inMarket(world, a)) {
      const { lossToleranceUsdPerYear } = context.developers[a]!.parentFunding!;
      roundUsd = parentTopUpUsd(cashUsd, lossToleranceUsdPerYear, tick);
      cashUsd += roundUsd;
    }
    const lastRoundTick = roundUsd > 0 ? tick : agent.lastRoundTick;
    return { cashUsd, cashFlowUsd, raisedUsd: agent.raisedUsd + roundUsd, lastRoundTick };
  });
}

/**
 * Development cost per USD of a developer's final run: its small model's share and the research
 * compute behind them, `(1 + trainingCostShare)(1 + researchComputeMultiple)`.
 */
export function costPerBudgetUsd(spec: ModelDeveloperSpec, context: RunContext): number {
  const small = spec.releases.smallModel?.trainingCostShare ?? 0;
  return (1 + small) * (1 + context.scenario.finance.researchComputeMultiple);
}

/** The development cost of a developer's next flagship at the budget it wants, USD. */
export function nextRunUsd(spec: ModelDeveloperSpec, world: World, context: RunContext): number {
  return (
    scheduledBudgetUsd(spec, world) * spec.trainingBudgetMultiple * costPerBudgetUsd(spec, context)
  );
}
