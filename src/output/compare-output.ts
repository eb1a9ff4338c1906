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
} from '../results/compare-file.ts';
import { tableCsv } from '../results/csv.ts';
import { cellOf, type IntervalEstimate } from '../results/table.ts';
import { formatMargin } from './batch-summary.ts';
import { formatCount, formatTable, formatUsd } from './terminal.ts';

export function comparisonCsv(comparisons: readonly Comparison[]): Promise<string> {
  return tableCsv(COMPARISON_TABLE, comparisonRows(comparisons));
}

/**
 * `{ sources, rows }`: each source as the header describes it, and each row as an object keyed
 * by the CSV's column names, with null for an empty cell (JSON has no NaN).
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
  return `${JSON.stringify({ sources: comparisons.map(({ source }) => source), rows }, null, 2)}\n`;
}

/**
 * The terminal table: one block per scenario, a line per kind with its three measures. Blocks
 * rather than one wide table, because scenario by kind by measure is three dimensions and a
 * terminal shows two; a block keeps the measures side by side at 90 columns, and the kinds come
 * in the same order in every block so the eye can go from one to the next. With several sources
 * each kind has a line per source, adjacent, numbered as in the list of sources at the top.
 */
export function formatComparison(comparisons: readonly Comparison[]): string {
  const sources = comparisons.map(({ source }) => source);
  const rows = comparisonRows(comparisons);
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
        .map((row, index, group) => [
          // A line repeats no label of the line above: the eye reads the sources as one group.
          index > 0 && label(group[index - 1]!) === label(row) ? '' : label(row),
          ...(several ? [number(row.source)] : []),
          formatUsdInterval(row.profitUsd),
          formatMargin(row.operatingMargin),
          formatMargin(row.surplusShare),
        ]),
    );
    const headers = [
      scenario,
      ...(several ? ['source'] : []),
      'cumulative profit',
      'operating margin',
      'surplus share',
    ];
    return formatTable(headers, lines);
  });
  const methods = new Set(rows.map((row) => row.difference));
  const withConsumers = rows.some(
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
    methods.has('paired')
      ? `(paired): the difference within each run, ${pairing}; its mean ±95 % interval.`
      : '',
    methods.has('of_means')
      ? '(of means): the difference of the two means; no interval, as the batch folder has no batch-runs.csv to pair seeds from (aisim batch writes it).'
      : '',
    withConsumers
      ? 'consumers (surplus): the cumulative profit column holds consumers’ surplus, what they keep, beside each kind’s profit; consumers have no revenue, so no operating margin.'
      : '',
  ].filter((note) => note !== '');
  return [intro.join('\n'), ...blocks, ...(notes.length > 0 ? [notes.join('\n')] : [])].join(
    '\n\n',
  );
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
