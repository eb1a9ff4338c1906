/**
 * `aisim params --csv` and `--json`: one row per parameter path of a scenario, with its unit,
 * its value and its allowed range, from scenario/parameter-list.ts. Column names are stable
 * API: add columns, rename none.
 */
import { rangeText, type ScenarioParameter } from '../scenario/parameter-list.ts';
import { column, columnNames, field, type Table } from './table.ts';

export interface ParameterRow {
  /** The dotted path `--set` and `uncertain` take. */
  readonly path: string;
  /** number, month, text, boolean, choice, list, function or object. */
  readonly type: string;
  /** A number's unit (usd, usd_per_mtok, fraction, months, ...); empty for anything else. */
  readonly unit: string;
  /** A number's value; empty for anything else, and for a parameter the scenario leaves out. */
  readonly value: number;
  /**
   * Anything else's value as `--set` takes it: text, a month, true or false, null, JSON for a
   * list, `(function)` for a pricing function; empty for a number.
   */
  readonly valueText: string;
  /** The allowed range as text: `[0, 1)`, `(0, ∞)`, `whole, [1, 32]`, `one of ...`. */
  readonly range: string;
  /** A number's bounds (see `range` for whether each is included); empty when unbounded. */
  readonly min: number;
  readonly max: number;
}

export const PARAMETER_TABLE: Table<ParameterRow> = [
  field('path', 'text', { required: true }),
  field('type', 'text', { required: true }),
  field('unit', 'text'),
  field('value', 'parameter'),
  column('value_text', 'text', ['valueText']),
  field('range', 'text'),
  field('min', 'parameter'),
  field('max', 'parameter'),
];

export const PARAMETER_COLUMNS = columnNames(PARAMETER_TABLE);

/** A parameter as a row: its value as `--set` would write it. */
export function parameterRow(parameter: ScenarioParameter): ParameterRow {
  const { path, type, unit, value, range } = parameter;
  return {
    path,
    type,
    unit: unit ?? '',
    value: typeof value === 'number' ? value : Number.NaN,
    valueText: typeof value === 'number' ? '' : (settingText(value) ?? ''),
    range: rangeText(parameter),
    min: range.min ?? Number.NaN,
    max: range.max ?? Number.NaN,
  };
}

/** A value as `--set` takes it: text as it is; numbers, true, false, null and lists as JSON. */
export function settingText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'function') return '(function)';
  return JSON.stringify(value);
}
