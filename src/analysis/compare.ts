/**
 * What `aisim compare` reports: for each result source and scenario, each kind's cumulative
 * profit, operating margin and share of total surplus (and the leading lab's, and consumers'
 * surplus, in the profit column, and share), in the rows of a batch; and, when asked, the
 * difference of two holders (kinds or consumers), paired seed by seed wherever the source keeps
 * each seed's values. A run folder
 * gives one value per measure (summary.csv, no interval); several run folders of one scenario
 * with the same parameters and different seeds are pooled into one source, a mean over their
 * seeds with its 95 % interval; a batch folder gives its means over seeds with their intervals
 * (batch.csv) and pairs differences seed by seed (batch-runs.csv); a sweep folder gives a mean
 * over its runs with its 95 % interval (summary.csv) and pairs differences run by run
 * (comparisons.csv, or runs.csv). Every row leads with its median over the seeds or runs, with
 * the median's 95 % interval and the quartiles, wherever the source keeps each seed's or run's
 * values (`runs`), from which ./source-difference.ts also pairs two sources. Pure: the folders
 * are read by ./folders. The rows and their columns are in results/compare-file.ts.
 */

import type { BatchRow, SeedOutcome } from '../results/batch-files.ts';
import type { SurplusHolder } from '../results/columns.ts';
import type {
  ComparedSource,
  ComparisonRow,
  DifferenceMethod,
  MedianEstimate,
} from '../results/compare-file.ts';
import { holderOutcome, KIND_MEASURES, type KindMeasure } from '../results/outcomes.ts';
import type { IntervalEstimate } from '../results/table.ts';
import { AGENT_KINDS } from '../scenario/schema.ts';
import { leadingLab } from './accounts.ts';
import { differenceRow, type KindPair, pairName, summarizeSeeds } from './batch.ts';
import type { BatchFolder } from './folders/batch-folder.ts';
import type { RunFolder } from './folders/run-folder.ts';
import type { SweepFolder } from './folders/sweep-folder.ts';
import { meanInterval95, medianInterval95, sampleQuantile } from './statistics.ts';

export { type KindPair, pairName };

/** A row's measures in one seed or run: profit (consumers: their surplus), margin, share. */
export type RunMeasures = readonly [
  profitUsd: number,
  operatingMargin: number,
  surplusShare: number,
];

/** A row's measures by seed (run folders, batches) or by run index (sweeps). */
export type RowRuns = ReadonlyMap<number, RunMeasures>;

/** A sweep's runs as runs.csv gives them: each run's seed and sampled inputs, in run order. */
export interface SweepRuns {
  readonly seeds: ArrayLike<number>;
  readonly inputs: ReadonlyMap<string, ArrayLike<number>>;
}

/**
 * One source's rows: its kinds, leading lab and consumers, scenario by scenario, then the
 * differences. For the difference of two sources (`minus` set): the source's rows less the same
 * rows of `minus`, paired seed by seed or run by run.
 */
export interface Comparison {
  readonly source: ComparedSource;
  readonly rows: readonly ComparisonRow[];
  /** Each row's values by seed or run, in the order of `rows`; undefined where none are kept. */
  readonly runs: readonly (RowRuns | undefined)[];
  /** A sweep's runs, which another sweep must share to be paired with it. */
  readonly sweepRuns?: SweepRuns;
  /** For the difference of two sources: the source subtracted. */
  readonly minus?: ComparedSource;
}

/** A result folder as read, tagged with its kind. */
export type ResultFolder =
  | { readonly result: 'run'; readonly run: RunFolder }
  | { readonly result: 'batch'; readonly batch: BatchFolder }
  | { readonly result: 'sweep'; readonly sweep: SweepFolder };

/**
 * Every folder's comparison, in the order given, run folders of one scenario pooled where
 * `poolRuns` pools them (the pool takes the place of its first folder).
 */
export function compareResults(
  results: readonly ResultFolder[],
  pairs: readonly KindPair[] = [],
): Comparison[] {
  const pools = poolRuns(
    results.flatMap((result) => (result.result === 'run' ? [result.run] : [])),
  );
  return results.flatMap((result): Comparison[] => {
    if (result.result === 'batch') return [batchComparison(result.batch, pairs)];
    if (result.result === 'sweep') return [sweepComparison(result.sweep, pairs)];
    const pool = pools.find((runs) => runs[0] === result.run);
    return pool === undefined ? [] : [runsComparison(pool, pairs)];
  });
}

/**
 * Run folders grouped for pooling, in the order of their first folder: runs of the same scenario
 * over the same months, with the same customers and parameters, and different seeds. A run whose
 * seed another of its group shares (the same run twice) is pooled with none.
 */
export function poolRuns(runs: readonly RunFolder[]): RunFolder[][] {
  const groups = new Map<string, RunFolder[]>();
  for (const run of runs) {
    const { scenario, start, end, months, customers, parametersJson } = run.info;
    const key = JSON.stringify([scenario, start, end, months, customers, parametersJson]);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [run]);
    else group.push(run);
  }
  return [...groups.values()].flatMap((group) => {
    const seeds = new Set(group.map((run) => run.info.seed));
    const distinct =
      seeds.size === group.length && group.every((run) => Number.isFinite(run.info.seed));
    return distinct ? [group] : group.map((run) => [run]);
  });
}

/** One run folder's rows: see `runsComparison`. */
export function runComparison(run: RunFolder, pairs: readonly KindPair[] = []): Comparison {
  return runsComparison([run], pairs);
}

/**
 * Run folders of one scenario (see `poolRuns`): each kind, the leading lab (the first run's) and
 * consumers from their summary.csv, over the whole run, then each pair's difference, taken
 * within each run. One run gives its values without an interval (NaN bounds); several give the
 * mean over their seeds with its 95 % interval, a difference paired seed by seed.
 */
export function runsComparison(
  runs: readonly RunFolder[],
  pairs: readonly KindPair[] = [],
): Comparison {
  const first = runs[0];
  if (first === undefined) throw new Error('runsComparison needs at least one run folder');
  const pooled = runs.length > 1;
  const source: ComparedSource = {
    folder: runs.map((run) => run.folder).join(' + '),
    ...(pooled ? { folders: runs.map((run) => run.folder) } : {}),
    result: pooled ? 'runs' : 'run',
    seeds: runs.map((run) => run.info.seed).filter(Number.isFinite),
    window: { from: first.info.start, to: first.info.end },
  };
  const lead = leadingLab(first.agents);
  const outcomes = runs.flatMap((run) => runOutcomes(run, lead));
  const shown = (row: BatchRow): BatchRow => (pooled ? row : withoutIntervals(row));
  const rows: ComparisonRow[] = [
    ...withConsumerSurplus(summarizeSeeds(outcomes), outcomes).map(
      (row): ComparisonRow => ({
        ...shown(row),
        source,
        ...(row.scope === 'leading_lab' && Object.hasOwn(first.displayNames, row.name)
          ? { displayName: first.displayNames[row.name]! }
          : {}),
      }),
    ),
    ...pairs.map(
      (pair): ComparisonRow => ({
        ...shown(differenceRow(first.info.scenario, outcomes, pair)),
        source,
        difference: 'paired',
      }),
    ),
  ];
  return withMedians(
    source,
    rows,
    rows.map((row) => seedRuns(outcomes, row)),
  );
}

/** A run folder's summary.csv as one seed's outcomes: kinds, the leading lab, consumers. */
function runOutcomes(run: RunFolder, lead: string | undefined): SeedOutcome[] {
  const outcome = (
    row: RunFolder['summary'][number],
    scope: SeedOutcome['scope'],
  ): SeedOutcome => ({
    scenario: run.info.scenario,
    seed: run.info.seed,
    scope,
    name: row.name,
    kind: row.kind,
    revenueUsd: row.revenue,
    profitUsd: row.profit,
    operatingMargin: row.operating_margin,
    surplusUsd: row.surplus,
    surplusShare: row.surplus_share,
  });
  const { summary } = run;
  return [
    ...summary.filter((row) => row.scope === 'kind').map((row) => outcome(row, 'kind')),
    ...summary
      .filter((row) => row.scope === 'agent' && row.name === lead)
      .map((row) => outcome(row, 'leading_lab')),
    ...summary.filter((row) => row.scope === 'consumers').map((row) => outcome(row, 'consumers')),
  ];
}

/**
 * A batch folder's kind, leading-lab and consumers rows from its batch.csv, scenario by scenario,
 * each followed by the differences asked for, paired seed by seed from batch-runs.csv. A batch
 * folder without batch-runs.csv falls back on batch.csv: its paired difference where it holds
 * one for the pair (or for the reverse pair, negated), the difference of means otherwise.
 */
export function batchComparison(batch: BatchFolder, pairs: readonly KindPair[] = []): Comparison {
  const source: ComparedSource = {
    folder: batch.folder,
    result: 'batch',
    seeds: batch.info.seeds,
    window: batch.info.window,
  };
  const scenarios = [...new Set(batch.rows.map((row) => row.scenario))];
  const rows = scenarios.flatMap((scenario) => {
    const scenarioRows = batch.rows.filter((row) => row.scenario === scenario);
    const outcomes = batch.runs?.filter((outcome) => outcome.scenario === scenario) ?? [];
    const difference = (pair: KindPair): BatchRow & { difference: DifferenceMethod } =>
      outcomes.length > 0
        ? { ...differenceRow(scenario, outcomes, pair), difference: 'paired' }
        : kindDifference(scenarioRows, pair);
    return [
      ...withConsumerSurplus(
        scenarioRows.filter((row) => row.scope !== 'difference'),
        outcomes,
      ).map((row): ComparisonRow => ({ ...row, source })),
      ...pairs.map((pair): ComparisonRow => ({ ...difference(pair), source })),
    ];
  });
  const { runs } = batch;
  return withMedians(
    source,
    rows,
    rows.map((row) =>
      runs === undefined || row.difference === 'of_means' ? undefined : seedRuns(runs, row),
    ),
  );
}

/**
 * A sweep folder's kind and consumers rows from its summary.csv: each measure's mean over the
 * runs in which it is defined, with the 95 % interval of that mean, over each run's whole
 * horizon. Then the differences asked for, paired run by run: comparisons.csv's where it holds
 * the pair (or the reverse pair, negated), otherwise computed from runs.csv as comparisons.csv
 * is. A sweep keeps no per-agent outcomes, so it has no leading lab.
 */
export function sweepComparison(sweep: SweepFolder, pairs: readonly KindPair[] = []): Comparison {
  const { manifest } = sweep;
  const source: ComparedSource = {
    folder: sweep.folder,
    result: 'sweep',
    seeds: [],
    window: manifest.window ?? {},
    sweep: {
      runs: manifest.runs,
      design: manifest.design.name,
      masterSeed: manifest.seed,
      ...(manifest.options.months === undefined ? {} : { months: manifest.options.months }),
    },
  };
  const summary = (measure: KindMeasure, holder: SurplusHolder) => {
    const outcome = holderOutcome(measure, holder);
    return sweep.summary.find((row) => row.outcome === outcome);
  };
  const mean = (measure: KindMeasure, holder: SurplusHolder) =>
    summary(measure, holder)?.mean ?? pointValue(Number.NaN);
  const kinds = AGENT_KINDS.filter((kind) =>
    KIND_MEASURES.some((measure) => summary(measure, kind) !== undefined),
  );
  const rows: ComparisonRow[] = kinds.map((kind) => ({
    source,
    scenario: manifest.scenario,
    scope: 'kind',
    name: kind,
    kind,
    seeds: summary('profit', kind)?.runs ?? 0,
    profitUsd: mean('profit', kind),
    operatingMargin: mean('operating_margin', kind),
    surplusShare: mean('surplus_share', kind),
  }));
  const consumers = summary('surplus_share', 'consumers');
  if (consumers !== undefined)
    rows.push({
      source,
      scenario: manifest.scenario,
      scope: 'consumers',
      name: 'consumers',
      kind: 'consumers',
      seeds: consumers.runs,
      // As in a run's and a batch's rows: consumers earn no profit; their surplus stands there.
      profitUsd: mean('profit', 'consumers'),
      operatingMargin: pointValue(Number.NaN),
      surplusShare: consumers.mean,
    });
  for (const pair of pairs) rows.push({ ...sweepDifference(sweep, pair), source });
  return {
    ...withMedians(
      source,
      rows,
      rows.map((row) => sweepRowRuns(sweep, row)),
    ),
    sweepRuns: { seeds: sweep.seeds, inputs: sweep.inputs },
  };
}

/**
 * A row's measures seed by seed, from each seed's outcomes (batch-runs.csv, or run folders'
 * summary.csv): a holder's own, or a pair's difference taken within each seed as
 * `differenceRow` takes it (profit against what the other side keeps).
 */
function seedRuns(outcomes: readonly SeedOutcome[], row: BatchRow): RowRuns {
  const holder = (scopes: readonly string[], name: string) =>
    new Map(
      outcomes
        .filter((o) => o.scenario === row.scenario && scopes.includes(o.scope) && o.name === name)
        .map((o) => [o.seed, o]),
    );
  if (row.scope !== 'difference') {
    const own = (o: SeedOutcome): RunMeasures => [
      o.scope === 'consumers' ? o.surplusUsd : o.profitUsd,
      o.operatingMargin,
      o.surplusShare,
    ];
    return new Map([...holder([row.scope], row.name)].map(([seed, o]) => [seed, own(o)]));
  }
  // Kinds have no hyphen, so a pair's name splits into its two holders.
  const [minuendName, subtrahendName] = row.name.split('-') as [string, string];
  const subtrahend = holder(HOLDER_SCOPES, subtrahendName);
  const runs = new Map<number, RunMeasures>();
  for (const [seed, a] of holder(HOLDER_SCOPES, minuendName)) {
    const b = subtrahend.get(seed);
    if (b === undefined) continue;
    runs.set(seed, [
      a.surplusUsd - b.surplusUsd,
      a.operatingMargin - b.operatingMargin,
      a.surplusShare - b.surplusShare,
    ]);
  }
  return runs;
}

/** The scopes a pair's holders are found in: a kind's own row, or consumers'. */
const HOLDER_SCOPES: readonly string[] = ['kind', 'consumers'];

/**
 * A sweep row's measures run by run, from runs.csv: a kind's or consumers' outcome columns, or
 * a pair's difference within each run.
 */
function sweepRowRuns(sweep: SweepFolder, row: BatchRow): RowRuns {
  const columns = (holder: string) =>
    KIND_MEASURES.map((measure) => {
      const name = holderOutcome(measure, holder as SurplusHolder);
      return name === undefined ? undefined : sweep.outcomes.get(name);
    });
  const at = (values: ArrayLike<number> | undefined, run: number) => values?.[run] ?? Number.NaN;
  const [own, other] =
    row.scope === 'difference'
      ? (row.name.split('-').map(columns) as [
          ReturnType<typeof columns>,
          ReturnType<typeof columns>,
        ])
      : [columns(row.name), undefined];
  const runs = new Map<number, RunMeasures>();
  for (let run = 0; run < sweep.manifest.runs; run++) {
    const value = (measure: number) =>
      at(own[measure], run) - (other === undefined ? 0 : at(other[measure], run));
    runs.set(run, [value(0), value(1), value(2)]);
  }
  return runs;
}

/** The source's comparison, each row with the medians of its values by seed or run. */
function withMedians(
  source: ComparedSource,
  rows: readonly ComparisonRow[],
  runs: readonly (RowRuns | undefined)[],
): Comparison {
  return {
    source,
    rows: rows.map((row, index) => {
      const values = runs[index];
      if (values === undefined) return row;
      const measure = (at: number) => [...values.values()].map((measures) => measures[at]!);
      return {
        ...row,
        medians: {
          profitUsd: medianEstimate(measure(0)),
          operatingMargin: medianEstimate(measure(1)),
          surplusShare: medianEstimate(measure(2)),
        },
      };
    }),
    runs,
  };
}

/**
 * The median of the values with its 95 % interval (order statistics) and the quartiles (type 7,
 * as summary.csv's); NaN values are left out, quartiles need two values.
 */
export function medianEstimate(values: readonly number[]): MedianEstimate {
  const defined = values.filter((value) => !Number.isNaN(value));
  const quartile = (probability: number) =>
    defined.length < 2 ? Number.NaN : sampleQuantile(defined, probability);
  return { ...medianInterval95(defined), q25: quartile(0.25), q75: quartile(0.75) };
}

/** Two holders' difference on each measure, paired run by run. */
export function sweepDifference(
  sweep: SweepFolder,
  pair: KindPair,
): BatchRow & { readonly difference: DifferenceMethod } {
  const paired = Object.fromEntries(
    KIND_MEASURES.map((measure) => [measure, sweepPairedDifference(sweep, pair, measure)]),
  ) as Record<KindMeasure, { mean: IntervalEstimate; runs: number }>;
  return {
    scenario: sweep.manifest.scenario,
    scope: 'difference',
    name: pairName(pair),
    kind: pair.minuend,
    seeds: Math.max(...KIND_MEASURES.map((measure) => paired[measure].runs)),
    difference: 'paired',
    profitUsd: paired.profit.mean,
    operatingMargin: paired.operating_margin.mean,
    surplusShare: paired.surplus_share.mean,
  };
}

/** One measure's paired difference: comparisons.csv's row, its reverse negated, or runs.csv's. */
function sweepPairedDifference(
  sweep: SweepFolder,
  pair: KindPair,
  measure: KindMeasure,
): { mean: IntervalEstimate; runs: number } {
  const recorded = (minuend: SurplusHolder, subtrahend: SurplusHolder) =>
    sweep.comparisons.find(
      ({ pair }) =>
        pair.measure === measure && pair.minuend === minuend && pair.subtrahend === subtrahend,
    );
  const forward = recorded(pair.minuend, pair.subtrahend);
  if (forward !== undefined) return { mean: forward.mean, runs: forward.runs };
  const reverse = recorded(pair.subtrahend, pair.minuend);
  if (reverse !== undefined) return { mean: negated(reverse.mean), runs: reverse.runs };
  const column = (holder: SurplusHolder) => {
    const name = holderOutcome(measure, holder);
    return name === undefined ? undefined : sweep.outcomes.get(name);
  };
  const minuend = column(pair.minuend);
  const subtrahend = column(pair.subtrahend);
  if (minuend === undefined || subtrahend === undefined)
    return { mean: pointValue(Number.NaN), runs: 0 };
  // As comparisons.csv: over the runs in which both sides are defined.
  const differences: number[] = [];
  for (let run = 0; run < minuend.length; run++) {
    const difference = minuend[run]! - subtrahend[run]!;
    if (!Number.isNaN(difference)) differences.push(difference);
  }
  return { mean: meanInterval95(differences), runs: differences.length };
}

/** Every source's rows, in the order the sources were given. */
export function comparisonRows(comparisons: readonly Comparison[]): ComparisonRow[] {
  return comparisons.flatMap((comparison) => [...comparison.rows]);
}

/**
 * The difference of two holders' measures in one scenario of a batch folder without
 * batch-runs.csv, from batch.csv's rows. A recorded paired difference wins; without one, the
 * means are subtracted, which is still the paired difference when there is a single seed.
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
  const holderRow = (holder: SurplusHolder) =>
    scenarioRows.find(
      (row) => (row.scope === 'kind' || row.scope === 'consumers') && row.name === holder,
    );
  const minuend = holderRow(pair.minuend);
  const subtrahend = holderRow(pair.subtrahend);
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

/**
 * Consumers' rows with their surplus in the profit column, where a kind has its profit: the mean
 * over seeds of what consumers keep, with its 95 % interval. Consumers earn no profit, so the
 * column is otherwise empty; without per-seed outcomes (a batch folder without batch-runs.csv)
 * it stays so.
 */
function withConsumerSurplus(
  rows: readonly BatchRow[],
  outcomes: readonly SeedOutcome[],
): BatchRow[] {
  return rows.map((row) => {
    if (row.scope !== 'consumers') return row;
    const surplus = outcomes
      .filter((outcome) => outcome.scenario === row.scenario && outcome.scope === 'consumers')
      .map((outcome) => outcome.surplusUsd);
    return surplus.length === 0 ? row : { ...row, profitUsd: meanInterval95(surplus) };
  });
}

/** A row's values without their intervals: one run has none. */
function withoutIntervals(row: BatchRow): BatchRow {
  return {
    ...row,
    profitUsd: pointValue(row.profitUsd.estimate),
    operatingMargin: pointValue(row.operatingMargin.estimate),
    surplusShare: pointValue(row.surplusShare.estimate),
  };
}

/** One value with no interval around it. */
function pointValue(value: number): IntervalEstimate {
  return { estimate: value, low: Number.NaN, high: Number.NaN };
}

function negated(value: IntervalEstimate): IntervalEstimate {
  return { estimate: -value.estimate, low: -value.high, high: -value.low };
}
