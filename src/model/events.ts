/**
 * The scenario's events on the run's clock: which happen in a month, and the multipliers that
 * those with a duration (compute shortages, switching-cost regulations, funding climates) keep in force.
 * Effects: docs/MODEL.md, "Events".
 */
import { monthsBetween } from '../math/calendar.ts';
import type { Scenario, ScenarioEvent } from '../scenario/schema.ts';

export interface TimedEvent {
  readonly tick: number;
  readonly event: ScenarioEvent;
}

/** The scenario's events with the month each happens in, in date order. */
export function timedEvents(scenario: Scenario): TimedEvent[] {
  return scenario.events
    .map((event) => ({ tick: monthsBetween(scenario.start, event.date), event }))
    .sort((a, b) => a.tick - b.tick);
}

/** The events of one kind that happen this month. */
export function eventsAt<K extends ScenarioEvent['kind']>(
  events: readonly TimedEvent[],
  tick: number,
  kind: K,
): Extract<ScenarioEvent, { kind: K }>[] {
  return events
    .filter((timed) => timed.tick === tick && timed.event.kind === kind)
    .map((timed) => timed.event as Extract<ScenarioEvent, { kind: K }>);
}

/** The multipliers that events keep in force this month. */
export interface EventMultipliers {
  /** On the cost of a compute unit: the product of the compute shortages under way. */
  readonly computeCostMultiplier: number;
  /** On switching costs: the product of the regulations in force so far. */
  readonly switchingCostMultiplier: number;
  /** On funding rounds' size: the latest funding climate in force (1 before any). */
  readonly fundingClimate: number;
}

export function multipliersInForce(events: readonly TimedEvent[], tick: number): EventMultipliers {
  let computeCostMultiplier = 1;
  let switchingCostMultiplier = 1;
  let fundingClimate = 1;
  for (const { tick: at, event } of events) {
    if (event.kind === 'compute-shortage' && at <= tick && tick < at + event.months) {
      computeCostMultiplier *= event.costMultiplier;
    }
    if (event.kind === 'switching-cost-regulation' && at <= tick) {
      switchingCostMultiplier *= event.multiplier;
    }
    // Events are in date order, so the last one so far is the climate in force.
    if (event.kind === 'funding-climate' && at <= tick) fundingClimate = event.multiplier;
  }
  return { computeCostMultiplier, switchingCostMultiplier, fundingClimate };
}
