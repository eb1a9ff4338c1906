/**
 * What `aisim compare` reports: for each result folder and scenario, each kind's cumulative
 * profit, operating margin and share of total surplus (and the leading lab's, and consumers'
 * share), in the rows of a batch; and, when asked, the difference of two kinds' margins. A run
 * folder gives one value per measure (summary.csv, no interval); a batch folder a mean over seeds
 * with its 95 % interval (batch.csv); a sweep folder a mean over its runs with its 95 % interval
 * (summary.csv), and differences paired run by run (comparisons.csv, or runs.csv). Pure: the
 * folders are read by src/report.
 */
import type { BatchFolder } from '../report/batch-folder.ts';
import type { ResultKind } from '../report/detect.ts';
import type { RunFolder } from '../report/run-folder.ts';
import type { SweepFolder } from '../report/sweep-folder.ts';
import { AGENT_KINDS, type AgentKind } from '../scenario/schema.ts';
import { leadingLab, type Window } from './accounts.ts';
import type { BatchRow } from './batch.ts';
import type { IntervalEstimate } from './statistics.ts';
import { KIND_MEASURES, type KindMeasure, summarizeComparison } from './sweep-summary.ts';

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
  /** The runs' seeds; empty for a sweep, whose runs' seeds derive from its master seed. */
  readonly seeds: readonly number[];
  /**
   * The months the figures cover: the whole run for a run folder, the batch's window for a
   * batch; a sweep's runs are cumulated over their whole horizon, given as no bounds.
   */
  readonly window: Window;
  /** A sweep's size, design and master seed (sweep.json); only for a sweep. */
  readonly sweep?: SweptRuns;
}

/** What a sweep source adds to its description. */
export interface SweptRuns {
  readonly runs: number;
  readonly design: string;
  readonly masterSeed: number;
  /** Months in each run, when the sweep set them (`--months`). */
  readonly months?: number;
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

/**
 * A sweep folder's kind and consumers rows from its summary.csv: each measure's mean over the
 * runs in which it is defined, with the 95 % interval of that mean, over each run's whole
 * horizon. Then the differences asked for, paired run by run: comparisons.csv's where it holds
 * the pair (or the reverse pair, negated), otherwise computed from runs.csv with the statistics
 * that write comparisons.csv. A sweep keeps no per-agent outcomes, so it has no leading lab.
 */
export function sweepComparison(sweep: SweepFolder, pairs: readonly KindPair[] = []): Comparison {
  const { manifest } = sweep;
  const source: ComparedSource = {
    folder: sweep.folder,
    result: 'sweep',
    seeds: [],
    window: {},
    sweep: {
      runs: manifest.runs,
      design: manifest.design.name,
      masterSeed: manifest.seed,
      ...(manifest.options.months === undefined ? {} : { months: manifest.options.months }),
    },
  };
  const summary = (outcome: string) => sweep.summary.find((row) => row.outcome === outcome);
  const mean = (outcome: string) => summary(outcome)?.mean ?? pointValue(Number.NaN);
  const kinds = AGENT_KINDS.filter((kind) =>
    KIND_MEASURES.some((measure) => summary(`${measure}_${kind}`) !== undefined),
  );
  const rows: ComparisonRow[] = kinds.map((kind) => ({
    source,
    scenario: manifest.scenario,
    scope: 'kind',
    name: kind,
    kind,
    seeds: summary(`profit_${kind}`)?.runs ?? 0,
    profitUsd: mean(`profit_${kind}`),
    operatingMargin: mean(`operating_margin_${kind}`),
    surplusShare: mean(`surplus_share_${kind}`),
  }));
  const consumers = summary('surplus_share_consumers');
  if (consumers !== undefined)
    rows.push({
      source,
      scenario: manifest.scenario,
      scope: 'consumers',
      name: 'consumers',
      kind: 'consumers',
      seeds: consumers.runs,
      // As in a run's and a batch's rows: consumers earn a surplus, not a profit.
      profitUsd: pointValue(Number.NaN),
      operatingMargin: pointValue(Number.NaN),
      surplusShare: consumers.mean,
    });
  for (const pair of pairs) rows.push({ ...sweepDifference(sweep, pair), source });
  return { source, rows };
}

/** Two kinds' difference on each measure, paired run by run. */
export function sweepDifference(
  sweep: SweepFolder,
  pair: KindPair,
): BatchRow & { readonly difference: DifferenceMethod } {
  const paired = Object.fromEntries(
    KIND_MEASURES.map((measure) => [measure, pairedDifference(sweep, pair, measure)]),
  ) as Record<KindMeasure, { mean: IntervalEstimate; runs: number }>;
  return {
    scenario: sweep.manifest.scenario,
    scope: 'difference',
    name: pairName(pair),
    kind: pair.minuend,
    seeds: paired.operating_margin.runs,
    difference: 'paired',
    profitUsd: paired.profit.mean,
    operatingMargin: paired.operating_margin.mean,
    surplusShare: paired.surplus_share.mean,
  };
}

/** One measure's paired difference: comparisons.csv's row, its reverse negated, or runs.csv's. */
function pairedDifference(
  sweep: SweepFolder,
  pair: KindPair,
  measure: KindMeasure,
): { mean: IntervalEstimate; runs: number } {
  const recorded = (minuend: AgentKind, subtrahend: AgentKind) =>
    sweep.comparisons.find(
      ({ comparison }) =>
        comparison.measure === measure &&
        comparison.minuend === minuend &&
        comparison.subtrahend === subtrahend,
    );
  const forward = recorded(pair.minuend, pair.subtrahend);
  if (forward !== undefined) return { mean: forward.mean, runs: forward.runs };
  const reverse = recorded(pair.subtrahend, pair.minuend);
  if (reverse !== undefined) return { mean: negated(reverse.mean), runs: reverse.runs };
  const columns = [`${measure}_${pair.minuend}`, `${measure}_${pair.subtrahend}`] as const;
  const minuend = sweep.outcomes.get(columns[0]);
  const subtrahend = sweep.outcomes.get(columns[1]);
  if (minuend === undefined || subtrahend === undefined)
    return { mean: pointValue(Number.NaN), runs: 0 };
  const { mean, runs } = summarizeComparison(
    { measure, minuend: pair.minuend, subtrahend: pair.subtrahend, columns },
    minuend,
    subtrahend,
  );
  return { mean, runs };
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
