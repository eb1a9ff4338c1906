/**
 * The tick engine. One run is a pure function of (scenario, seed): it reads no clock, no file
 * and no global state, and writes nothing; `runScenario` returns what it recorded.
 *
 * @example
 * const result = runScenario(scenario, { seed: 1 });
 * result.summary.find((row) => row.scope === 'kind' && row.name === 'lab')?.operating_margin;
 */

import { Arena } from '../math/arena.ts';
import { createStreams, type RandomStreams } from '../math/random.ts';
import { openingComputeMonth } from '../model/capacity.ts';
import { type ChoiceMarket, ChoiceScratch, type ChoiceTally } from '../model/choice.ts';
import { createContext, isActive, type RunContext } from '../model/context.ts';
import { openingCashUsd } from '../model/finance.ts';
import { admitCustomers, createPopulation, type Population } from '../model/population.ts';
import { firstReleaseTick, initialModels } from '../model/releases.ts';
import { technologyAt } from '../model/technology.ts';
import type { MonthVolumes } from '../model/volumes.ts';
import { type Model, newAgentState, type World } from '../model/world.ts';
import type { RunResult } from '../results/run-result.ts';
import type { Scenario } from '../scenario/schema.ts';
import { advanceTechnology } from './phases/advance-technology.ts';
import { chooseSuppliersPhase } from './phases/choose-suppliers.ts';
import { clearCompute } from './phases/clear-compute.ts';
import {
  checkLastMonth,
  createRecording,
  type Recording,
  record,
  summarize,
} from './phases/record.ts';
import { releaseModels } from './phases/release-models.ts';
import { setPrices } from './phases/set-prices.ts';
import { type MonthAccounts, settleAccounts } from './phases/settle-accounts.ts';
import { settleVolumes } from './phases/settle-volumes.ts';

export interface RunOptions {
  readonly seed: number;
}

/**
 * Everything one month produced, kept for inspection (tests, an interactive page). Its arrays
 * are cut from buffers the run reuses two months later (see Arena): copy what is to be kept.
 */
export interface Month {
  readonly market: ChoiceMarket;
  readonly tally: ChoiceTally;
  readonly volumes: MonthVolumes;
  readonly accounts: MonthAccounts;
}

/** A run that can be stepped month by month. */
export class Simulation {
  readonly context: RunContext;
  readonly population: Population;
  readonly recording: Recording;
  private readonly streams: RandomStreams;
  /** The choice kernel's working buffers, kept from month to month. */
  private readonly choiceScratch = new ChoiceScratch();
  /** Where each month's working arrays come from, by month parity (see Arena). */
  private readonly arenas = [new Arena(), new Arena()];
  private current: World;
  private last: Month | undefined;

  constructor(scenario: Scenario, options: RunOptions) {
    this.context = createContext(scenario, options.seed);
    this.streams = createStreams(options.seed);
    const cloudShares = this.context.hyperscalers.map(
      (index) => this.context.clouds[index]!.enterpriseBaseShare,
    );
    this.population = createPopulation(scenario, cloudShares, this.streams.population);
    this.current = initialWorld(this.context);
    this.recording = createRecording(this.context.agentIds.length);
  }

  get world(): World {
    return this.current;
  }

  /** The month just run, or undefined before the first step. */
  get lastMonth(): Month | undefined {
    return this.last;
  }

  /** Months run so far. */
  get tick(): number {
    return this.recording.market.length;
  }

  get done(): boolean {
    return this.tick >= this.context.dates.length;
  }

  /** Runs one month: the seven phases of docs/MODEL.md, in order. */
  step(): void {
    if (this.done) throw new Error('the run is over');
    const { context, population, streams } = this;
    const arrays = this.arenas[this.tick % 2]!.reset();
    let world = advanceTechnology(this.current, context, this.tick);
    world = clearCompute(world, context);
    // Customers who arrive this month enter the market (docs/MODEL.md, "Arrivals").
    admitCustomers(population, this.tick);
    world = releaseModels(world, context, streams.releases);
    world = setPrices(world, context, population, streams.pricing, arrays);
    const { market, tally } = chooseSuppliersPhase(
      world,
      context,
      population,
      streams,
      this.choiceScratch,
      arrays,
    );
    const volumes = settleVolumes(world, context, population, market, tally, arrays);
    const settled = settleAccounts(world, context, market, tally, volumes, arrays);
    world = settled.world;
    record(this.recording, world, context, market, volumes, settled.accounts, arrays);
    this.current = world;
    this.last = { market, tally, volumes, accounts: settled.accounts };
  }

  result(): RunResult {
    return {
      scenario: this.context.scenario,
      seed: this.context.seed,
      market: this.recording.market,
      agents: this.recording.agents,
      summary: summarize(this.recording, this.current),
    };
  }
}

/**
 * Runs a scenario over its whole horizon, holding each month to the physical bounds: a run that
 * leaves them throws a PhysicalBoundsError naming the quantity and the month. (A Simulation
 * stepped by hand is not checked, so that a test can look at what an explosion records.)
 */
export function runScenario(scenario: Scenario, options: RunOptions): RunResult {
  const simulation = new Simulation(scenario, options);
  while (!simulation.done) {
    simulation.step();
    checkLastMonth(simulation.recording, scenario);
  }
  return simulation.result();
}

/** The world before the first month: agents, and the models already on the market. */
function initialWorld(context: RunContext): World {
  const { scenario } = context;
  const world: World = {
    tick: 0,
    date: context.dates[0]!,
    technology: technologyAt(scenario, 0),
    computeCostMultiplier: 1,
    switchingCostMultiplier: 1,
    compute: openingComputeMonth(scenario, technologyAt(scenario, 0)),
    models: [],
    offers: [],
    agents: context.agentSpecs.map((spec, index) =>
      newAgentState(
        context.agentIds[index]!,
        spec.kind,
        index,
        firstReleaseTick(scenario, context.developers[index]!),
        openingCashUsd(spec.cashUsd, context.developers[index]!),
        context.entryTick[index],
      ),
    ),
  };
  const models: Model[] = [];
  context.developers.forEach((developer, index) => {
    if (!developer) return;
    if (!isActive(context, index, 0)) return; // an entrant brings its models when it enters
    models.push(...initialModels(0, models.length, context, index, developer));
  });
  return { ...world, models: Object.freeze(models) as Model[] };
}
