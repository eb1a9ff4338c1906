/**
 * Reading a result folder's CSV files back into the typed rows of the output contract
 * (src/output/columns.ts), so that reports work from what a run wrote, not from a live run.
 * Empty cells become NaN, as they were before writing, and so do columns added to the contract
 * after the folder was written; a damaged file is an InputError naming the file, the line and
 * the column.
 */
import { readFile } from 'node:fs/promises';
import { parseString } from '@fast-csv/parse';
import { InputError } from '../../errors.ts';
import { isYearMonth } from '../../math/calendar.ts';
import {
  AGENT_COLUMNS,
  type AgentRow,
  type MarketRow,
  marketColumns,
  SUMMARY_COLUMNS,
  type SummaryRow,
} from '../../results/columns.ts';
import { formatCell } from '../../results/csv.ts';
import { KIND_MEASURES } from '../../results/outcomes.ts';
import { AGENT_KINDS } from '../../scenario/schema.ts';
import type { BatchRow, SeedOutcome } from '../batch.ts';
import { MORRIS_COLUMNS, SOBOL_COLUMNS } from '../sensitivity-report.ts';
import type { IntervalEstimate } from '../statistics.ts';
import {
  COMPARISON_COLUMNS,
  COMPARISON_NUMBER_COLUMNS,
  type ComparisonSummary,
  type OutcomeSummary,
  SWEEP_SUMMARY_COLUMNS,
} from '../sweep-summary.ts';

/** A CSV file as text cells by column name. */
export interface CsvTable {
  readonly file: string;
  readonly headers: readonly string[];
  readonly rows: readonly Readonly<Record<string, string>>[];
}

/** market.csv's rows, and the reference levels its `price_<level>` columns name. */
export interface MarketTable {
  readonly referenceLevels: readonly string[];
  readonly rows: readonly MarketRow[];
}

export async function readCsv(file: string): Promise<CsvTable> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(file, '', 'cannot read the file', undefined, { cause: error });
  }
  return new Promise((resolve, reject) => {
    let headers: string[] = [];
    const rows: Record<string, string>[] = [];
    parseString<Record<string, string>, Record<string, string>>(text, {
      headers: (names) => {
        headers = names.map(String);
        return names;
      },
    })
      .on('data', (row: Record<string, string>) => rows.push(row))
      .on('error', (error: Error) =>
        reject(new InputError(file, '', `not a valid CSV file: ${error.message}`)),
      )
      .on('end', () => resolve({ file, headers, rows }));
  });
}

/** market.csv's one-number columns; `price_<level>` and `surplus_<kind>` are read as records. */
type MarketNumberColumn = Exclude<keyof MarketRow, 'date' | 'prices' | 'surplus'>;
const MARKET_NUMBERS = marketColumns([]).filter(
  (column): column is MarketNumberColumn => column !== 'date' && !column.startsWith('surplus_'),
);

export async function readMarketCsv(file: string): Promise<MarketTable> {
  const table = await readCsv(file);
  requireColumns(table, ['tick', 'date']);
  const referenceLevels = table.headers.flatMap((header) => {
    const level = /^price_(.+)$/.exec(header)?.[1];
    return level === undefined ? [] : [level];
  });
  const rows = table.rows.map((_, index): MarketRow => {
    const cell = cells(table, index);
    return {
      ...cell.numbers(MARKET_NUMBERS),
      date: cell.month('date'),
      prices: cell.numbers(referenceLevels, (level) => `price_${level}`),
      surplus: cell.numbers(AGENT_KINDS, (kind) => `surplus_${kind}`),
    };
  });
  return { referenceLevels, rows };
}

const AGENT_TEXT = ['date', 'agent', 'kind'] as const;
type AgentNumberColumn = Exclude<(typeof AGENT_COLUMNS)[number], (typeof AGENT_TEXT)[number]>;
const AGENT_NUMBERS = AGENT_COLUMNS.filter(
  (column): column is AgentNumberColumn => !(AGENT_TEXT as readonly string[]).includes(column),
);

export async function readAgentsCsv(file: string): Promise<AgentRow[]> {
  const table = await readCsv(file);
  requireColumns(table, ['tick', ...AGENT_TEXT]);
  return table.rows.map((_, index) => {
    const cell = cells(table, index);
    return {
      ...cell.numbers(AGENT_NUMBERS),
      date: cell.month('date'),
      agent: cell.text('agent'),
      kind: cell.oneOf('kind', AGENT_KINDS),
    };
  });
}

const SUMMARY_TEXT = ['scope', 'name', 'kind'] as const;
type SummaryNumberColumn = Exclude<(typeof SUMMARY_COLUMNS)[number], (typeof SUMMARY_TEXT)[number]>;
const SUMMARY_NUMBERS = SUMMARY_COLUMNS.filter(
  (column): column is SummaryNumberColumn => !(SUMMARY_TEXT as readonly string[]).includes(column),
);
const SCOPES = ['agent', 'kind', 'consumers'] as const;
const SUMMARY_KINDS = [...AGENT_KINDS, 'consumers'] as const;

export async function readSummaryCsv(file: string): Promise<SummaryRow[]> {
  const table = await readCsv(file);
  requireColumns(table, SUMMARY_TEXT);
  return table.rows.map((_, index) => {
    const cell = cells(table, index);
    return {
      ...cell.numbers(SUMMARY_NUMBERS),
      scope: cell.oneOf('scope', SCOPES),
      name: cell.text('name'),
      kind: cell.oneOf('kind', SUMMARY_KINDS),
    };
  });
}

const BATCH_TEXT = ['scenario', 'scope', 'name', 'kind'] as const;
const BATCH_SCOPES = ['kind', 'leading_lab', 'consumers', 'difference'] as const;

/**
 * batch.csv's rows (columns in src/analysis/batch.ts): each measure's `_mean`, `_low` and `_high`
 * cells become one interval.
 */
export async function readBatchCsv(file: string): Promise<BatchRow[]> {
  const table = await readCsv(file);
  requireColumns(table, BATCH_TEXT);
  return table.rows.map((_, index) => {
    const cell = cells(table, index);
    const interval = (measure: string): IntervalEstimate => {
      const { mean, low, high } = cell.numbers(
        ['mean', 'low', 'high'],
        (end) => `${measure}_${end}`,
      );
      return { estimate: mean, low, high };
    };
    return {
      scenario: cell.text('scenario'),
      scope: cell.oneOf('scope', BATCH_SCOPES),
      name: cell.text('name'),
      kind: cell.oneOf('kind', SUMMARY_KINDS),
      seeds: cell.numbers(['seeds']).seeds,
      profitUsd: interval('profit'),
      operatingMargin: interval('operating_margin'),
      surplusShare: interval('surplus_share'),
    };
  });
}

const BATCH_RUN_TEXT = ['scenario', 'scope', 'name', 'kind'] as const;
const BATCH_RUN_SCOPES = ['kind', 'leading_lab', 'consumers'] as const;

/** batch-runs.csv's rows (columns in src/analysis/batch.ts): one holder in one seed's run. */
export async function readBatchRunsCsv(file: string): Promise<SeedOutcome[]> {
  const table = await readCsv(file);
  requireColumns(table, [...BATCH_RUN_TEXT, 'seed']);
  return table.rows.map((_, index) => {
    const cell = cells(table, index);
    const number = cell.numbers([
      'seed',
      'revenue',
      'profit',
      'operating_margin',
      'surplus',
      'surplus_share',
    ]);
    return {
      scenario: cell.text('scenario'),
      seed: number.seed,
      scope: cell.oneOf('scope', BATCH_RUN_SCOPES),
      name: cell.text('name'),
      kind: cell.oneOf('kind', SUMMARY_KINDS),
      revenueUsd: number.revenue,
      profitUsd: number.profit,
      operatingMargin: number.operating_margin,
      surplusUsd: number.surplus,
      surplusShare: number.surplus_share,
    };
  });
}

/** summary.csv of a sweep (columns in src/analysis/sweep-summary.ts), one row per outcome. */
export async function readSweepSummaryCsv(file: string): Promise<OutcomeSummary[]> {
  const table = await readCsv(file);
  requireColumns(table, SWEEP_SUMMARY_COLUMNS);
  return table.rows.map((_, index) => {
    const cell = cells(table, index);
    const number = cell.numbers(SWEEP_SUMMARY_COLUMNS.filter((column) => column !== 'outcome'));
    return {
      outcome: cell.text('outcome'),
      runs: number.runs,
      sd: number.sd,
      quantiles: [number.q05, number.q25, number.q50, number.q75, number.q95],
      mean: { estimate: number.mean, low: number.mean_low, high: number.mean_high },
    };
  });
}

/** comparisons.csv of a sweep: the paired differences within runs, one row per measure and pair. */
export async function readSweepComparisonsCsv(file: string): Promise<ComparisonSummary[]> {
  const table = await readCsv(file);
  requireColumns(table, COMPARISON_COLUMNS);
  return table.rows.map((_, index) => {
    const cell = cells(table, index);
    const measure = cell.oneOf('measure', KIND_MEASURES);
    const minuend = cell.oneOf('minuend', AGENT_KINDS);
    const subtrahend = cell.oneOf('subtrahend', AGENT_KINDS);
    const number = cell.numbers(COMPARISON_NUMBER_COLUMNS);
    return {
      comparison: {
        measure,
        minuend,
        subtrahend,
        columns: [`${measure}_${minuend}`, `${measure}_${subtrahend}`],
      },
      runs: number.runs,
      mean: { estimate: number.mean, low: number.mean_low, high: number.mean_high },
      shareAboveZero: number.share_above_zero,
      quantiles: [number.q05, number.q50, number.q95],
    };
  });
}

/** One input's row of a Sobol sensitivity-<outcome>.csv: its indices with bootstrap intervals. */
export interface SobolRow {
  readonly rank: number;
  readonly input: string;
  readonly total: IntervalEstimate;
  readonly first: IntervalEstimate;
}

/** One input's row of a Morris sensitivity-<outcome>.csv, in the outcome's units. */
export interface MorrisRow {
  readonly rank: number;
  readonly input: string;
  readonly muStar: IntervalEstimate;
  readonly mu: number;
  readonly sigma: number;
}

export type SensitivityTable =
  | { readonly method: 'sobol'; readonly rows: readonly SobolRow[] }
  | { readonly method: 'morris'; readonly rows: readonly MorrisRow[] };

/**
 * A sensitivity-<outcome>.csv as `aisim sensitivity` writes it (columns in
 * src/analysis/sensitivity-report.ts): Sobol indices or Morris effects, told apart by their
 * columns, rows in rank order.
 */
export async function readSensitivityCsv(file: string): Promise<SensitivityTable> {
  const table = await readCsv(file);
  const has = (columns: readonly string[]) =>
    columns.every((column) => table.headers.includes(column));
  const interval = (cell: ReturnType<typeof cells>, name: string): IntervalEstimate => {
    const { mid, low, high } = cell.numbers(['mid', 'low', 'high'], (end) =>
      end === 'mid' ? name : `${name}_${end}`,
    );
    return { estimate: mid, low, high };
  };
  if (has(SOBOL_COLUMNS))
    return {
      method: 'sobol',
      rows: table.rows.map((_, index) => {
        const cell = cells(table, index);
        return {
          rank: cell.numbers(['rank']).rank,
          input: cell.text('input'),
          total: interval(cell, 'total'),
          first: interval(cell, 'first'),
        };
      }),
    };
  if (has(MORRIS_COLUMNS))
    return {
      method: 'morris',
      rows: table.rows.map((_, index) => {
        const cell = cells(table, index);
        const { rank, mu, sigma } = cell.numbers(['rank', 'mu', 'sigma']);
        return { rank, input: cell.text('input'), muStar: interval(cell, 'mu_star'), mu, sigma };
      }),
    };
  throw new InputError(
    file,
    '',
    `expected the columns of Sobol indices (${SOBOL_COLUMNS.join(', ')}) or of Morris effects (${MORRIS_COLUMNS.join(', ')})`,
  );
}

function requireColumns(table: CsvTable, columns: readonly string[]): void {
  const missing = columns.filter((column) => !table.headers.includes(column));
  if (missing.length > 0)
    throw new InputError(table.file, '', `missing column${missing.length > 1 ? 's' : ''}`, missing);
}

/** Typed access to one row's cells; a bad cell is an error naming its line and column. */
function cells(table: CsvTable, index: number) {
  const row = table.rows[index]!;
  const where = (column: string) => `line ${index + 2}, column ${column}`;
  const text = (column: string): string => unescapeFormula(row[column] ?? '');
  /** A missing column reads as empty: columns are added over versions, never renamed. */
  const number = (column: string): number => {
    const raw = (row[column] ?? '').trim();
    if (raw === '') return Number.NaN;
    const value = Number(raw);
    if (Number.isNaN(value)) throw new InputError(table.file, where(column), 'not a number', raw);
    return value;
  };
  return {
    text,
    /** A `YYYY-MM` month. */
    month(column: string): string {
      const value = text(column);
      if (!isYearMonth(value))
        throw new InputError(table.file, where(column), 'not a YYYY-MM month', value);
      return value;
    },
    /** Numeric cells by key; `column` names each key's column (the key itself by default). */
    numbers<const K extends string>(
      keys: readonly K[],
      column: (key: K) => string = (key) => key,
    ): Record<K, number> {
      return Object.fromEntries(keys.map((key) => [key, number(column(key))])) as Record<K, number>;
    },
    oneOf<const T extends string>(column: string, allowed: readonly T[]): T {
      const value = text(column);
      if (!(allowed as readonly string[]).includes(value))
        throw new InputError(
          table.file,
          where(column),
          `expected one of ${allowed.join(', ')}`,
          value,
        );
      return value as T;
    },
  };
}

/** Undoes the apostrophe src/output/csv.ts puts before text a spreadsheet would run. */
function unescapeFormula(text: string): string {
  return text.startsWith("'") && formatCell(text.slice(1)) === text ? text.slice(1) : text;
}
