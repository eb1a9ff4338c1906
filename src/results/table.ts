/**
 * A result file's columns, each declared once: its name in the header, its unit, and where its
 * value sits in a row. The writers take the header and every row's cells from the declaration
 * (csv.ts), the readers build the rows back from it, and the terminal and the report format a
 * value by its column's unit; no list of names is kept beside it.
 *
 * @example
 * const TABLE: Table<AgentRow> = [
 *   column('tick', 'ordinal', ['tick'], { required: true }),
 *   column('price', 'usd_per_mtok', ['price']),
 * ];
 * columnNames(TABLE);    // ['tick', 'price']: the header
 * rowCells(TABLE, row);  // [0, 2.5]: a row's cells, in that order
 */
import { isYearMonth } from '../math/calendar.ts';

/**
 * What a column's numbers measure, or how its text reads. A numeric unit's cell is a number
 * (empty when undefined); `text` and `month` cells are text; a `verdict` is `pass` or `fail`.
 */
export type Unit =
  /** US dollars. */
  | 'usd'
  /** US dollars per million tokens: a price. */
  | 'usd_per_mtok'
  /** US dollars per H100-class accelerator-hour: a compute rental. */
  | 'usd_per_accelerator_hour'
  /** Millions of tokens. */
  | 'mtok'
  /** A fraction, 1 being all: a margin, a share. */
  | 'share'
  /** A percentage, 100 being all. */
  | 'percent'
  /** Capability points on the scenario's scale. */
  | 'points'
  /** A correlation coefficient, -1 to 1. */
  | 'correlation'
  /** A Herfindahl index, 0-10,000. */
  | 'hhi'
  /** A number of things: runs, seeds, customers, switches. */
  | 'count'
  /** A place in an order: a month from 0, a run, a rank. */
  | 'ordinal'
  /** A random seed. */
  | 'seed'
  /** A scenario parameter's value, in that parameter's own unit. */
  | 'parameter'
  /** In the unit of the outcome or measure the row (or the file) is about. */
  | 'outcome'
  /** In the unit a calibration fact's row names in its `unit` column. */
  | 'fact'
  /** Text: a name, a kind, a description. */
  | 'text'
  /** A calendar month, YYYY-MM. */
  | 'month'
  /** Whether a check passed: `pass` or `fail`. */
  | 'verdict';

/** A cell as written: a number (empty when not finite) or text. */
export type Cell = number | string;

/** The units whose cells are text rather than numbers. */
const TEXT_UNITS: ReadonlySet<Unit> = new Set(['text', 'month', 'verdict']);

/** True when the unit's cells are numbers. */
export function isNumeric(unit: Unit): boolean {
  return !TEXT_UNITS.has(unit);
}

type Key = string | number;
type Step<T> = T extends readonly unknown[] ? number : Extract<keyof T, string>;
type At<T, K> = T extends readonly (infer Element)[] ? Element : K extends keyof T ? T[K] : never;

/**
 * Where a value sits in a row: a field, or a field of a field (`['profitUsd', 'estimate']`,
 * `['prices', 'gpt4']`, `['quantiles', 0]`), at most three deep.
 */
export type Path<T, Depth extends unknown[] = []> = Depth['length'] extends 3
  ? never
  : T extends object
    ? {
        [K in Step<T>]:
          | readonly [K]
          | readonly [K, ...Path<NonNullable<At<T, K>>, [...Depth, unknown]>];
      }[Step<T>]
    : never;

export interface Column<Row> {
  /** The header's name for it: stable API, never renamed. */
  readonly name: string;
  readonly unit: Unit;
  /** Where the column's value sits in a row: what is written, and where a read cell goes. */
  readonly path: Path<Row>;
  /** The only values a text column takes (kinds, scopes); a read cell is checked against them. */
  readonly values?: readonly string[];
  /** A file without this column is not of this kind; a missing column otherwise reads as empty. */
  readonly required?: boolean;
  /** An empty cell leaves the field out of the row read back, as it was left out when written. */
  readonly optional?: boolean;
}

/** A file's columns, in order. */
export type Table<Row> = readonly Column<Row>[];

/** A column whose value sits at `path` in a row. */
export function column<Row>(
  name: string,
  unit: Unit,
  path: Path<Row>,
  options: Pick<Column<Row>, 'values' | 'required' | 'optional'> = {},
): Column<Row> {
  return { name, unit, path, ...options };
}

/** A column named as the row's field that holds its value. */
export function field<Row>(
  name: keyof Row & string,
  unit: Unit,
  options: Pick<Column<Row>, 'values' | 'required' | 'optional'> = {},
): Column<Row> {
  return column(name, unit, [name] as unknown as Path<Row>, options);
}

/** A table's columns for a row type that extends its own: every path is there too. */
export function extendedTable<Row extends Base, Base>(table: Table<Base>): Table<Row> {
  return table as unknown as Table<Row>;
}

/** The table with every column required: a file without any of them is not of this kind. */
export function allRequired<Row>(table: Table<Row>): Table<Row> {
  return table.map((entry) => ({ ...entry, required: true }));
}

/** A file's header: its columns' names, in order. */
export function columnNames<Row>(table: Table<Row>): string[] {
  return table.map((entry) => entry.name);
}

/** The header of a table whose every column is named as its row's field (see `field`). */
export function fieldNames<Row>(table: Table<Row>): (keyof Row & string)[] {
  return table.map((entry) => {
    if (entry.path.length !== 1 || entry.path[0] !== entry.name)
      throw new Error(`column ${entry.name} is not the row's field of that name`);
    return entry.name as keyof Row & string;
  });
}

/** A column's cell in a row; undefined where the row has no value (an empty cell). */
export function cellOf<Row>(entry: Column<Row>, row: Row): Cell | undefined {
  let value: unknown = row;
  for (const key of entry.path as readonly Key[]) {
    value =
      value === undefined || value === null ? undefined : (value as Record<Key, unknown>)[key];
  }
  if (entry.unit === 'verdict') return value ? 'pass' : 'fail';
  return value as Cell | undefined;
}

/** A row's cells, in the table's order. */
export function rowCells<Row>(table: Table<Row>, row: Row): (Cell | undefined)[] {
  return table.map((entry) => cellOf(entry, row));
}

/** The unit of the table's column `name`; undefined when it has none of that name. */
export function unitOf<Row>(table: Table<Row>, name: string): Unit | undefined {
  return table.find((entry) => entry.name === name)?.unit;
}

/** A cell read back, or why it cannot be: the reader names the file, line and column. */
export type ReadCell =
  | { readonly value: unknown }
  | { readonly absent: true }
  | { readonly problem: string; readonly raw: string };

/**
 * The value of a cell as written by `cellOf`, from its text (`undefined` when the file has no
 * such column): a number, NaN when empty; text; a month; a verdict. Text has already had its
 * formula escape undone.
 */
export function readCell<Row>(entry: Column<Row>, text: string | undefined): ReadCell {
  if (isNumeric(entry.unit)) {
    const raw = (text ?? '').trim();
    if (raw === '') return entry.optional ? { absent: true } : { value: Number.NaN };
    const value = Number(raw);
    return Number.isNaN(value) ? { problem: 'not a number', raw } : { value };
  }
  const value = text ?? '';
  if (value === '' && entry.optional) return { absent: true };
  if (entry.unit === 'verdict') {
    return value === 'pass' || value === 'fail'
      ? { value: value === 'pass' }
      : { problem: 'expected one of pass, fail', raw: value };
  }
  if (entry.unit === 'month' && !isYearMonth(value))
    return { problem: 'not a YYYY-MM month', raw: value };
  if (entry.values !== undefined && !entry.values.includes(value))
    return { problem: `expected one of ${entry.values.join(', ')}`, raw: value };
  return { value };
}

/** Puts `value` at `path` in `row`, making the records and arrays on the way. */
export function placeValue(row: Record<Key, unknown>, path: readonly Key[], value: unknown): void {
  let at: Record<Key, unknown> = row;
  path.forEach((key, depth) => {
    if (depth === path.length - 1) {
      at[key] = value;
      return;
    }
    if (at[key] === undefined) at[key] = typeof path[depth + 1] === 'number' ? [] : {};
    at = at[key] as Record<Key, unknown>;
  });
}

/** A point estimate with an interval [low, high]: in a file, three columns. */
export interface IntervalEstimate {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

/** The fields of a row that hold an interval. */
type IntervalField<Row> = {
  [K in keyof Row]: Row[K] extends IntervalEstimate ? K : never;
}[keyof Row] &
  string;

/** An interval's three columns: its estimate, its low and its high bound. */
export function intervalColumns<Row>(
  names: readonly [estimate: string, low: string, high: string],
  unit: Unit,
  field: IntervalField<Row>,
): Column<Row>[] {
  // The type above keeps `field` to intervals, which the path type cannot see through.
  const at = (end: keyof IntervalEstimate) => [field, end] as unknown as Path<Row>;
  return [
    column(names[0], unit, at('estimate')),
    column(names[1], unit, at('low')),
    column(names[2], unit, at('high')),
  ];
}
