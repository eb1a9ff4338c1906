/**
 * What `aisim compare` reports: for each result folder and scenario, each kind's cumulative
 * profit, operating margin and share of total surplus (and the leading lab's, and consumers'
 * share), in the rows of a batch; and, when asked, the difference of two kinds' margins. A run
 * folder gives one value per measure (summary.csv, no interval); a batch folder a mean over seeds
 * with its 95 % interval (batch.csv). Pure: the folders are read by src/report.
 */
import type { BatchFolder } from '../report/batch-folder.ts';
import type { ResultKind } from '../report/detect.ts';
import type { RunFolder } from '../report/run-folder.ts';
import type { AgentKind } from '../scenario/schema.ts';
import { leadingLab, type Window } from './accounts.ts';
import type { BatchRow } from './batch.ts';
import type { IntervalEstimate } from './statistics.ts';

/** Two producer kinds whose operating margins are compared: minuend minus subtrahend. */
export interface KindPair {
  readonly minuend: AgentKind;
  readonly subtrahend: AgentKind;
}

/**
 * How a difference was taken. `paired`: seed by seed within the same runs (common random
 * numbers), so its interval is that of the differences; with one seed, the run's own difference.
 * `of_means`: the difference of the two kinds' means over seeds, without an interval, because a
 * batch folder keeps no per-seed values to pair.
 */
export type DifferenceMethod = 'paired' | 'of_means';

/** One result folder, as the comparison's header describes it. */
export interface ComparedSource {
  /** The folder as the user named it. */
  readonly folder: string;
  readonly result: ResultKind;
  readonly seeds: readonly number[];
  /** The months the figures cover: the whole run for a run folder, the batch's window for a batch. */
  readonly window: Window;
}

/** A row of batch.csv's shape, from one source; a difference row says how it was taken. */
export interface ComparisonRow extends BatchRow {
  readonly source: ComparedSource;
  readonly difference?: DifferenceMethod;
}

export interface Comparison {
  readonly source: ComparedSource;
  readonly rows: readonly ComparisonRow[];
}

/** The name batch.csv gives a difference row: `aggregator-lab`. */
export function pairName(pair: KindPair): string {
  return `${pair.minuend}-${pair.subtrahend}`;
}

/**
 * A run folder's kind, leading-lab and consumers rows from its summary.csv, over the whole run,
 * then each pair's difference. Values carry no interval (NaN bounds): there is one seed.
 */
export function runComparison(run: RunFolder, pairs: readonly KindPair[] = []): Comparison {
  const source: ComparedSource = {
    folder: run.folder,
    result: 'run',
    seeds: Number.isFinite(run.info.seed) ? [run.info.seed] : [],
    window: { from: run.info.start, to: run.info.end },
  };
  const lead = leadingLab(run.agents);
  const rows = run.summary.flatMap((summary): BatchRow[] => {
    const scope =
      summary.scope === 'agent'
        ? summary.name === lead
          ? 'leading_lab'
          : undefined
        : summary.scope;
    if (scope === undefined) return [];
    return [
      {
        scenario: run.info.scenario,
        scope,
        name: summary.name,
        kind: summary.kind,
        seeds: 1,
        profitUsd: pointValue(summary.profit),
        operatingMargin: pointValue(summary.operating_margin),
        surplusShare: pointValue(summary.surplus_share),
      },
    ];
  });
  return { source, rows: withDifferences(source, ordered(rows), pairs) };
}

/**
 * A batch folder's kind, leading-lab and consumers rows from its batch.csv, scenario by scenario,
 * each followed by the differences asked for: batch.csv's paired difference where it holds one
 * for the pair (or for the reverse pair, negated), the difference of means otherwise.
 */
export function batchComparison(batch: BatchFolder, pairs: readonly KindPair[] = []): Comparison {
  const source: ComparedSource = {
    folder: batch.folder,
    result: 'batch',
    seeds: batch.info.seeds,
    window: batch.info.window,
  };
  return { source, rows: withDifferences(source, batch.rows, pairs) };
}

/** Every source's rows, in the order the sources were given. */
export function comparisonRows(comparisons: readonly Comparison[]): ComparisonRow[] {
  return comparisons.flatMap((comparison) => [...comparison.rows]);
}

/**
 * The difference of two kinds' measures in one scenario, from that scenario's rows. A recorded
 * paired difference wins; without one, the means are subtracted, which is still the paired
 * difference when there is a single seed.
 */
export function kindDifference(
  scenarioRows: readonly BatchRow[],
  pair: KindPair,
): BatchRow & { readonly difference: DifferenceMethod } {
  const name = pairName(pair);
  const reverse = pairName({ minuend: pair.subtrahend, subtrahend: pair.minuend });
  const recorded = scenarioRows.find((row) => row.scope === 'difference' && row.name === name);
  if (recorded !== undefined) return { ...recorded, difference: 'paired' };
  const reversed = scenarioRows.find((row) => row.scope === 'difference' && row.name === reverse);
  if (reversed !== undefined)
    return {
      ...reversed,
      name,
      kind: pair.minuend,
      difference: 'paired',
      profitUsd: negated(reversed.profitUsd),
      operatingMargin: negated(reversed.operatingMargin),
      surplusShare: negated(reversed.surplusShare),
    };
  const kindRow = (kind: AgentKind) =>
    scenarioRows.find((row) => row.scope === 'kind' && row.name === kind);
  const minuend = kindRow(pair.minuend);
  const subtrahend = kindRow(pair.subtrahend);
  const measure = (value: (row: BatchRow) => IntervalEstimate) =>
    pointValue(
      (minuend ? value(minuend).estimate : Number.NaN) -
        (subtrahend ? value(subtrahend).estimate : Number.NaN),
    );
  const seeds = Math.max(minuend?.seeds ?? 0, subtrahend?.seeds ?? 0);
  return {
    scenario: scenarioRows[0]?.scenario ?? '',
    scope: 'difference',
    name,
    kind: pair.minuend,
    seeds,
    difference: seeds > 1 ? 'of_means' : 'paired',
    profitUsd: measure((row) => row.profitUsd),
    operatingMargin: measure((row) => row.operatingMargin),
    surplusShare: measure((row) => row.surplusShare),
  };
}

/** Each scenario's rows other than differences, then the differences asked for. */
function withDifferences(
  source: ComparedSource,
  rows: readonly BatchRow[],
  pairs: readonly KindPair[],
): ComparisonRow[] {
  const scenarios = [...new Set(rows.map((row) => row.scenario))];
  return scenarios.flatMap((scenario) => {
    const scenarioRows = rows.filter((row) => row.scenario === scenario);
    return [
      ...scenarioRows
        .filter((row) => row.scope !== 'difference')
        .map((row): ComparisonRow => ({ ...row, source })),
      ...pairs.map((pair): ComparisonRow => ({ ...kindDifference(scenarioRows, pair), source })),
    ];
  });
}

/** Kinds in summary.csv's order, then the leading lab, then consumers, as in batch.csv. */
function ordered(rows: readonly BatchRow[]): BatchRow[] {
  const rank: Readonly<Record<BatchRow['scope'], number>> = {
    kind: 0,
    leading_lab: 1,
    consumers: 2,
    difference: 3,
  };
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => rank[a.row.scope] - rank[b.row.scope] || a.index - b.index)
    .map(({ row }) => row);
}

/** One value with no interval around it. */
function pointValue(value: number): IntervalEstimate {
  return { estimate: value, low: Number.NaN, high: Number.NaN };
}

function negated(value: IntervalEstimate): IntervalEstimate {
  return { estimate: -value.estimate, low: -value.high, high: -value.low };
}
