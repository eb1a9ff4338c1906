/**
 * The batch's terminal table: lab versus aggregator operating margins, scenario by scenario,
 * with the paired difference and the other kinds that decide the thesis.
 */
import type { BatchRow } from '../results/batch-files.ts';
import type { IntervalEstimate } from '../results/table.ts';
import { formatTable } from './terminal.ts';

/**
 * "12.3 % ±1.4", "-643 % ±117": a mean margin with the half-width of its 95 % interval, in
 * points; a tenth of a point only below 100 points, where it can matter.
 */
export function formatMargin(value: IntervalEstimate | undefined): string {
  if (!value || !Number.isFinite(value.estimate)) return '-';
  const half = (value.high - value.low) / 2;
  const spread = Number.isFinite(half) && half > 0 ? ` ±${points(half)}` : '';
  return `${points(value.estimate)} %${spread}`;
}

/** A fraction in points, to a tenth below 100 and whole above. */
function points(fraction: number): string {
  const tenths = (fraction * 100).toFixed(1);
  return Math.abs(Number(tenths)) >= 100 ? (fraction * 100).toFixed(0) : tenths;
}

/** A table as headers and rows of text, for the terminal (formatTable) or a page (htmlTable). */
export interface TextTable {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/**
 * The lab-versus-aggregator table, one row per scenario: the margins that decide the thesis and
 * the consumers' share of the surplus. The terminal and the batch report show the same table.
 */
export function batchMarginTable(rows: readonly BatchRow[]): TextTable {
  const scenarios = [...new Set(rows.map((row) => row.scenario))];
  const find = (scenario: string, scope: BatchRow['scope'], name?: string) =>
    rows.find(
      (row) =>
        row.scenario === scenario &&
        row.scope === scope &&
        (name === undefined || row.name === name),
    );
  return {
    headers: [
      'scenario',
      'labs',
      'aggregators',
      'aggregators - labs',
      'hyperscalers',
      'leading lab',
      'consumers\u2019 share',
    ],
    rows: scenarios.map((scenario) => [
      scenario,
      formatMargin(find(scenario, 'kind', 'lab')?.operatingMargin),
      formatMargin(find(scenario, 'kind', 'aggregator')?.operatingMargin),
      formatMargin(find(scenario, 'difference', 'aggregator-lab')?.operatingMargin),
      formatMargin(find(scenario, 'kind', 'hyperscaler')?.operatingMargin),
      formatMargin(find(scenario, 'leading_lab')?.operatingMargin),
      formatMargin(find(scenario, 'consumers')?.surplusShare),
    ]),
  };
}

export function formatBatchTable(rows: readonly BatchRow[]): string {
  const { headers, rows: cells } = batchMarginTable(rows);
  return formatTable(headers, cells);
}
