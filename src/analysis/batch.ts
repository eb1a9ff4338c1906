/**
 * A batch: several scenarios, each over several seeds, summarised by kind. For every scenario
 * and kind (and consumers, and the scenario's leading lab): cumulative profit, operating margin
 * and share of total surplus over a window of months, each as the mean over seeds with its 95 %
 * confidence interval (batch.csv); and each seed's own values (batch-runs.csv), from which any
 * two holders' difference is taken seed by seed, on common random numbers.
 */

import type { BatchRow, SeedOutcome, Window } from '../results/batch-files.ts';
import type { SurplusHolder } from '../results/columns.ts';
import type { RunResult } from '../results/run-result.ts';
import {
  agentAccounts,
  kindAccounts,
  leadingLab,
  surplusOver,
  type WindowAccounts,
} from '../results/window-accounts.ts';
import { AGENT_KINDS, type AgentKind } from '../scenario/schema.ts';
import { meanInterval95 } from './statistics.ts';

/** Two holders whose outcomes are differenced, minuend minus subtrahend: `aggregator-lab`. */
export interface KindPair {
  readonly minuend: SurplusHolder;
  readonly subtrahend: SurplusHolder;
}

/** The name batch.csv and `aisim compare` give a difference: `aggregator-lab`. */
export function pairName(pair: KindPair): string {
  return `${pair.minuend}-${pair.subtrahend}`;
}

/** The difference batch.csv records for every scenario. */
export const RECORDED_PAIR: KindPair = { minuend: 'aggregator', subtrahend: 'lab' };

/**
 * Each seed's outcomes over the window: each kind present (in AGENT_KINDS order), the leading
 * lab (the first seed's, followed in every seed), then consumers.
 */
export function seedOutcomes(
  scenario: string,
  results: readonly RunResult[],
  window: Window,
): SeedOutcome[] {
  const present = AGENT_KINDS.filter((kind) => results[0]?.agents.some((row) => row.kind === kind));
  const lead = results[0] ? leadingLab(results[0].agents) : undefined;
  return results.flatMap((result) => {
    const surplus = surplusOver(result.market, window);
    const producer = (
      scope: 'kind' | 'leading_lab',
      name: string,
      kind: AgentKind,
      accounts: WindowAccounts,
    ): SeedOutcome => ({
      scenario,
      seed: result.seed,
      scope,
      name,
      kind,
      revenueUsd: accounts.revenueUsd,
      profitUsd: accounts.profitUsd,
      operatingMargin: accounts.operatingMargin,
      surplusUsd: accounts.profitUsd,
      surplusShare: accounts.profitUsd / surplus.total,
    });
    return [
      ...present.map((kind) =>
        producer('kind', kind, kind, kindAccounts(result.agents, kind, window)),
      ),
      ...(lead
        ? [producer('leading_lab', lead, 'lab', agentAccounts(result.agents, lead, window))]
        : []),
      {
        scenario,
        seed: result.seed,
        scope: 'consumers',
        name: 'consumers',
        kind: 'consumers',
        revenueUsd: Number.NaN,
        profitUsd: Number.NaN,
        operatingMargin: Number.NaN,
        surplusUsd: surplus.consumers,
        surplusShare: surplus.consumers / surplus.total,
      } satisfies SeedOutcome,
    ];
  });
}

/**
 * batch.csv's rows of one scenario: each holder's measures as the mean over its seeds with the
 * 95 % interval, in the order the holders first appear.
 */
export function summarizeSeeds(outcomes: readonly SeedOutcome[]): BatchRow[] {
  const groups = new Map<string, SeedOutcome[]>();
  for (const outcome of outcomes) {
    const key = `${outcome.scenario}\u0000${outcome.scope}\u0000${outcome.name}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [outcome]);
    else group.push(outcome);
  }
  return [...groups.values()].map((group) => {
    const { scenario, scope, name, kind } = group[0]!;
    return {
      scenario,
      scope,
      name,
      kind,
      seeds: group.length,
      profitUsd: meanInterval95(group.map((outcome) => outcome.profitUsd)),
      operatingMargin: meanInterval95(group.map((outcome) => outcome.operatingMargin)),
      surplusShare: meanInterval95(group.map((outcome) => outcome.surplusShare)),
    };
  });
}

export function batchRows(
  scenario: string,
  results: readonly RunResult[],
  window: Window,
): BatchRow[] {
  return summarizeSeeds(seedOutcomes(scenario, results, window));
}

/**
 * Two holders' difference in one scenario, seed by seed (common random numbers: both sides come
 * from the same runs), as its mean with the 95 % interval over seeds. Profit is compared with
 * what the other side keeps: a producer's profit, or consumers' surplus; consumers have no
 * margin, so a difference with them has none. A seed without either side counts as undefined.
 */
export function differenceRow(
  scenario: string,
  outcomes: readonly SeedOutcome[],
  pair: KindPair,
): BatchRow {
  const holder = (name: SurplusHolder) =>
    new Map(
      outcomes
        .filter(
          (outcome) =>
            outcome.scenario === scenario &&
            outcome.name === name &&
            (outcome.scope === 'kind' || outcome.scope === 'consumers'),
        )
        .map((outcome) => [outcome.seed, outcome]),
    );
  const minuend = holder(pair.minuend);
  const subtrahend = holder(pair.subtrahend);
  const seeds = [
    ...new Set(outcomes.filter((o) => o.scenario === scenario).map((outcome) => outcome.seed)),
  ];
  const paired = (value: (outcome: SeedOutcome) => number) =>
    meanInterval95(
      seeds.map((seed) => {
        const a = minuend.get(seed);
        const b = subtrahend.get(seed);
        return a === undefined || b === undefined ? Number.NaN : value(a) - value(b);
      }),
    );
  return {
    scenario,
    scope: 'difference',
    name: pairName(pair),
    kind: pair.minuend,
    seeds: seeds.length,
    profitUsd: paired((outcome) => outcome.surplusUsd),
    operatingMargin: paired((outcome) => outcome.operatingMargin),
    surplusShare: paired((outcome) => outcome.surplusShare),
  };
}
