/**
 * `aisim compare`'s output: an aligned terminal table, or the same rows as CSV or JSON for a
 * script, in the columns of results/compare-file.ts. Pooled run folders are one source: `source`
 * names their folders joined by " + ", `result` is `runs`.
 */

import { type Comparison, comparisonRows } from '../analysis/compare.ts';
import {
  COMPARISON_TABLE,
  type ComparedSource,
  type ComparisonRow,
  type RowMedians,
} from '../results/compare-file.ts';
import { tableCsv } from '../results/csv.ts';
import { cellOf, type IntervalEstimate } from '../results/table.ts';
import { formatMargin } from './batch-summary.ts';
import { type Align, formatCount, formatPercent, formatTable, formatUsd } from './terminal.ts';

export function comparisonCsv(comparisons: readonly Comparison[]): Promise<string> {
  return tableCsv(COMPARISON_TABLE, comparisonRows(comparisons));
}

/**
 * `{ sources, rows }`: each source as the header describes it, and each row as an object keyed
 * by the CSV's column names, with null for an empty cell (JSON has no NaN). A difference of two
 * sources is in the rows (its `minus_source`), not among the sources.
 */
export function comparisonJson(comparisons: readonly Comparison[]): string {
  const rows = comparisonRows(comparisons).map((row) =>
    Object.fromEntries(
      COMPARISON_TABLE.map((column) => {
        const cell = cellOf(column, row);
        const empty = cell === undefined || (typeof cell === 'number' && !Number.isFinite(cell));
        return [column.name, empty ? null : cell];
      }),
    ),
  );
  const sources = comparisons
    .filter((comparison) => comparison.minus === undefined)
    .map(({ source }) => source);
  return `${JSON.stringify({ sources, rows }, null, 2)}\n`;
}

/**
 * The terminal table: one block per scenario, lines per kind with its three measures. Blocks
 * rather than one wide table, because scenario by kind by measure is three dimensions and a
 * terminal shows two; a block keeps the measures side by side, and the kinds come in the same
 * order in every block so the eye can go from one to the next. With several sources each kind
 * has lines per source, adjacent, numbered as in the list of sources at the top. A source with
 * several seeds or runs leads with the median, then the quartiles (the middle half of the
 * values), then the mean with its 95 % interval: ratios such as margins are long-tailed, and
 * their mean can sit far from any typical run. Each difference of two sources follows in blocks
 * of its own: the median of the paired differences, the median's 95 % interval, the mean.
 */
export function formatComparison(comparisons: readonly Comparison[]): string {
  const levels = comparisons.filter((comparison) => comparison.minus === undefined);
  const sources = levels.map(({ source }) => source);
  const rows = comparisonRows(levels);
  const several = sources.length > 1;
  const number = (source: ComparedSource) => `#${sources.indexOf(source) + 1}`;
  const intro = [
    several
      ? sources.map((source) => `${number(source)} ${describeSource(source)}`).join('\n')
      : describeSource(sources[0]!),
    sources.some((source) => source.sweep !== undefined)
      ? 'Cumulated over those months (a sweep: over each run); ± is the half-width of the 95 % interval over seeds or runs (in points for percentages).'
      : 'Cumulated over those months; ± is the half-width of the 95 % interval over seeds (in points for percentages).',
  ];
  const scenarios = [...new Set(rows.map((row) => row.scenario))];
  const blocks = scenarios.map((scenario) => {
    const scenarioRows = rows.filter((row) => row.scenario === scenario);
    const lines = [...new Set(scenarioRows.map(lineKey))].flatMap((key) =>
      scenarioRows
        .filter((row) => lineKey(row) === key)
        .flatMap((row, index, group) =>
          rowLines(row, [
            // A line repeats no label of the line above: the eye reads the sources as one group.
            index > 0 && label(group[index - 1]!) === label(row) ? '' : label(row),
            ...(several ? [number(row.source)] : []),
          ]),
        ),
    );
    return statisticTable([scenario, ...(several ? ['source'] : [])], lines);
  });
  const differenceBlocks = comparisons
    .filter((comparison) => comparison.minus !== undefined)
    .flatMap((comparison) => differenceTables(comparison, number));
  const methods = new Set(rows.map((row) => row.difference));
  const allRows = comparisonRows(comparisons);
  const withConsumers = allRows.some(
    (row) =>
      row.scope === 'consumers' ||
      (row.scope === 'difference' && row.name.split('-').includes('consumers')),
  );
  const pairedRows = rows.filter((row) => row.difference === 'paired');
  const pairedSweep = pairedRows.some((row) => row.source.sweep !== undefined);
  const pairedSeeds = pairedRows.some((row) => row.source.sweep === undefined);
  const pairing = pairedSeeds
    ? `seed by seed${pairedSweep ? ' (a sweep: run by run)' : ''}`
    : 'run by run';
  const notes = [
    rows.some(hasSpread)
      ? 'median, 25-75 %: the middle value over seeds or runs, and the range of their middle half; mean: ± the half-width of its 95 % interval.'
      : '',
    methods.has('paired')
      ? `(paired): the difference within each run, ${pairing}; its median, quartiles and mean ±95 % interval.`
      : '',
    methods.has('of_means')
      ? '(of means): the difference of the two means; no interval, as the batch folder has no batch-runs.csv to pair seeds from (aisim batch writes it).'
      : '',
    differenceBlocks.length > 0
      ? `#B - #A: each holder in source B less the same holder in source A, paired seed by seed (sweeps: run by run, on the same seeds and inputs); median with its 95 % interval (order statistics; none below 6 pairs), mean ± the half-width of its 95 % interval (Student's t).`
      : '',
    withConsumers
      ? 'consumers (surplus): the cumulative profit column holds consumers’ surplus, what they keep, beside each kind’s profit; consumers have no revenue, so no operating margin.'
      : '',
  ].filter((note) => note !== '');
  return [
    intro.join('\n'),
    ...blocks,
    ...differenceBlocks,
    ...(notes.length > 0 ? [notes.join('\n')] : []),
  ].join('\n\n');
}

const MEASURE_HEADERS = ['cumulative profit', 'operating margin', 'surplus share'];

/**
 * A block: the label columns (the holder, and the source's number), the statistic each line
 * shows (median, 25-75 %, mean), then the measures. The holder and the statistic read from the
 * left, numbers from the right. Single runs have no statistic to name: a block of them only
 * keeps no column for it.
 */
function statisticTable(labels: readonly string[], lines: readonly string[][]): string {
  const statistic = labels.length;
  const headers = [...labels, '', ...MEASURE_HEADERS];
  const align = headers.map(
    (_, column): Align => (column === 0 || column === statistic ? 'left' : 'right'),
  );
  if (lines.every((line) => line[statistic] === ''))
    return formatTable(
      headers.filter((_, column) => column !== statistic),
      lines.map((line) => line.filter((_, column) => column !== statistic)),
      align.filter((_, column) => column !== statistic),
    );
  return formatTable(headers, lines, align);
}

/** Whether a row has a spread to show: several seeds or runs, each of whose values is kept. */
function hasSpread(row: ComparisonRow): boolean {
  return row.medians !== undefined && row.seeds > 1;
}

/**
 * A row's lines: median, quartiles and mean where it has a spread; otherwise one line, its value
 * (a run) or its mean (a batch without per-seed values).
 */
function rowLines(row: ComparisonRow, lead: readonly string[]): string[][] {
  const blank = lead.map(() => '');
  const { medians } = row;
  if (medians === undefined || !hasSpread(row))
    return [
      [
        ...lead,
        row.seeds > 1 ? 'mean' : '',
        formatUsdInterval(row.profitUsd),
        formatMargin(row.operatingMargin),
        formatMargin(row.surplusShare),
      ],
    ];
  return [
    [...lead, 'median', ...medianCells(medians)],
    [
      ...blank,
      '25-75 %',
      usdRange(medians.profitUsd.q25, medians.profitUsd.q75),
      percentRange(medians.operatingMargin.q25, medians.operatingMargin.q75),
      percentRange(medians.surplusShare.q25, medians.surplusShare.q75),
    ],
    [
      ...blank,
      'mean',
      formatUsdInterval(row.profitUsd),
      formatMargin(row.operatingMargin),
      formatMargin(row.surplusShare),
    ],
  ];
}

function medianCells(medians: RowMedians): string[] {
  return [
    formatUsd(medians.profitUsd.estimate),
    formatPercent(medians.operatingMargin.estimate),
    formatPercent(medians.surplusShare.estimate),
  ];
}

/**
 * The blocks of one difference of two sources, a block per pair of scenarios: for each holder,
 * the median of the paired differences, its 95 % interval and their mean ± its interval.
 */
function differenceTables(
  comparison: Comparison,
  number: (source: ComparedSource) => string,
): string[] {
  const minus = comparison.minus!;
  const key = (row: ComparisonRow) => `${row.scenario}\u0000${row.minusScenario}`;
  return [...new Set(comparison.rows.map(key))].map((pair) => {
    const rows = comparison.rows.filter((row) => key(row) === pair);
    const [scenario, minusScenario] = pair.split('\u0000') as [string, string];
    const count = rows[0]?.seeds ?? 0;
    const by = comparison.source.sweep === undefined ? 'seed by seed' : 'run by run';
    const title =
      scenario === minusScenario
        ? `${scenario}: ${number(comparison.source)} - ${number(minus)}`
        : `${scenario} ${number(comparison.source)} - ${minusScenario} ${number(minus)}`;
    const lines = rows.flatMap((row) => {
      const { medians } = row;
      if (medians === undefined) return [];
      // One pair (two single runs): the difference itself, with nothing to summarise.
      if (row.seeds < 2)
        return [
          [
            label(row),
            '',
            formatUsd(row.profitUsd.estimate),
            formatPercent(row.operatingMargin.estimate),
            formatPercent(row.surplusShare.estimate),
          ],
        ];
      return [
        [label(row), 'median', ...medianCells(medians)],
        [
          '',
          '95 % CI',
          usdRange(medians.profitUsd.low, medians.profitUsd.high),
          percentRange(medians.operatingMargin.low, medians.operatingMargin.high),
          percentRange(medians.surplusShare.low, medians.surplusShare.high),
        ],
        [
          '',
          'mean',
          formatUsdInterval(row.profitUsd),
          formatMargin(row.operatingMargin),
          formatMargin(row.surplusShare),
        ],
      ];
    });
    return `Paired ${by}, ${formatCount(count)} pair${count === 1 ? '' : 's'}:\n${statisticTable([title], lines)}`;
  });
}

/** "$1.20B to $3.40B", or "-" where a bound is undefined. */
function usdRange(low: number, high: number): string {
  return Number.isFinite(low) && Number.isFinite(high)
    ? `${formatUsd(low)} to ${formatUsd(high)}`
    : '-';
}

/** "-4.1 to 12.0 %", or "-" where a bound is undefined. */
function percentRange(low: number, high: number): string {
  return Number.isFinite(low) && Number.isFinite(high)
    ? `${(low * 100).toFixed(1)} to ${(high * 100).toFixed(1)} %`
    : '-';
}

/**
 * "results/batch: batch, 5 seeds, 2025-01 to 2030-12"; for run folders pooled "a/baseline +
 * b/baseline: 2 runs pooled, seeds 1 and 2, 2022-11 to 2030-12"; for a sweep "results/x-sweep:
 * sweep, 1,000 runs (lhs design, master seed 1), each over its whole run (24 months)".
 */
export function describeSource(source: ComparedSource): string {
  const { seeds, window, sweep } = source;
  if (sweep !== undefined)
    return `${source.folder}: sweep, ${formatCount(sweep.runs)} runs (${sweep.design} design, master seed ${sweep.masterSeed}), each over its whole run${sweep.months === undefined ? '' : ` (${sweep.months} months)`}`;
  const months = `${window.from ?? 'start'} to ${window.to ?? 'end'}`;
  if (source.result === 'runs')
    return `${source.folder}: ${seeds.length} runs pooled, seeds ${listText(seeds.map(String))}, ${months}`;
  const seedText = seeds.length === 1 ? `seed ${seeds[0]}` : `${seeds.length} seeds`;
  return `${source.folder}: ${source.result}, ${seedText}, ${months}`;
}

/** "1, 2 and 3". */
function listText(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** "$132.33B ±$20.15B": a mean amount with the half-width of its 95 % interval. */
export function formatUsdInterval(value: IntervalEstimate): string {
  if (!Number.isFinite(value.estimate)) return '-';
  const half = (value.high - value.low) / 2;
  const spread = Number.isFinite(half) && half > 0 ? ` ±${formatUsd(half)}` : '';
  return `${formatUsd(value.estimate)}${spread}`;
}

/** The words a row goes by: its kind, the leading lab, consumers, or the pair it differences. */
function label(row: ComparisonRow): string {
  switch (row.scope) {
    case 'leading_lab':
      return `leading lab (${row.displayName ?? row.name})`;
    case 'difference': {
      const pair = row.name.replace('-', ' - ');
      return `${pair} (${row.difference === 'of_means' ? 'of means' : 'paired'})`;
    }
    case 'consumers':
      return 'consumers (surplus)';
    default:
      return row.name;
  }
}

/** Rows that share a line group: the same kind, the leading lab whoever it is, the same pair. */
function lineKey(row: ComparisonRow): string {
  return row.scope === 'leading_lab' ? row.scope : `${row.scope}:${row.name}`;
}
