/**
 * Command-line options that several commands share, declared and parsed here once; and option
 * values, checked here so that a bad value is a one-line error naming the option and the value.
 */
import { isAbsolute, relative } from 'node:path';
import type { Options } from 'yargs';
import { InputError } from '../errors.ts';
import { isYearMonth } from '../math/calendar.ts';
import type { Window } from '../results/batch-files.ts';
import type { RunOverrides } from '../scenario/overrides.ts';

export const DEFAULT_OUT = 'results';

/** `--out DIR`, default `results`; `describe` says what the command writes there. */
export function outOption(describe: string) {
  return { type: 'string', default: DEFAULT_OUT, describe } as const satisfies Options;
}

/**
 * `--overwrite`: replace a result folder that holds results of other inputs, which is refused
 * otherwise (the same inputs are always written again).
 */
export const overwriteOption = {
  type: 'boolean',
  default: false,
  describe:
    'Replace a result folder that holds results of other inputs (default: refuse; the same inputs are rewritten)',
} as const satisfies Options;

/** The options every command that runs a scenario takes: `--set`, `--customers`, `--months`. */
export const runOptions = {
  set: {
    type: 'string',
    array: true,
    describe: 'Override a parameter, e.g. --set technology.hardwareCostDeclinePerYear=0.25',
  },
  customers: { type: 'string', describe: 'Simulated customers (default: the scenario)' },
  months: { type: 'string', describe: 'Months to run from the start (default: to the end)' },
} as const satisfies Record<string, Options>;

/** The values of `runOptions`, checked in the order the options are listed. */
export function parseRunOverrides(argv: {
  readonly set?: unknown;
  readonly customers?: unknown;
  readonly months?: unknown;
}): RunOverrides {
  return {
    settings: asList(argv.set),
    customers: argv.customers === undefined ? undefined : parseCount(argv.customers, '--customers'),
    months: argv.months === undefined ? undefined : parseCount(argv.months, '--months'),
  };
}

/** `--from` and `--to`: the months a command's figures cover. */
export const windowOptions = {
  from: { type: 'string', describe: 'First month of the window the figures cover (YYYY-MM)' },
  to: { type: 'string', describe: 'Last month of that window (YYYY-MM)' },
} as const satisfies Record<string, Options>;

/** The values of `windowOptions`: each a month, YYYY-MM, or absent. */
export function parseWindow(argv: { readonly from?: unknown; readonly to?: unknown }): Window {
  return { from: parseMonth(argv.from, '--from'), to: parseMonth(argv.to, '--to') };
}

function parseMonth(value: unknown, option: string): string | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  if (!isYearMonth(text)) throw new InputError(option, '', 'expected a month as YYYY-MM', text);
  return text;
}

/** A seed: a whole number from 0 to 2^53 - 1. */
export function parseSeed(value: unknown, option = '--seed'): number {
  return parseWholeNumber(value, option, 0);
}

/** A whole number of at least 1 (customers, months, runs, seeds). */
export function parseCount(value: unknown, option: string): number {
  return parseWholeNumber(value, option, 1);
}

function parseWholeNumber(value: unknown, option: string, minimum: number): number {
  const text = String(value).trim();
  const number = /^[+]?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < minimum) {
    const kind = minimum === 0 ? 'a whole number, 0 or more' : `a whole number, ${minimum} or more`;
    throw new InputError(option, '', `expected ${kind}`, value);
  }
  return number;
}

/** A fraction in [low, high] (`open`: both ends excluded), e.g. a density threshold, 0.8. */
export function parseFraction(
  value: unknown,
  option: string,
  low = 0,
  high = 1,
  open = false,
): number {
  const text = String(value).trim();
  const number = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : Number.NaN;
  const inside = open ? number > low && number < high : number >= low && number <= high;
  if (!inside)
    throw new InputError(
      option,
      '',
      `expected a number ${open ? 'between' : 'from'} ${low} ${open ? 'and' : 'to'} ${high}${open ? ', both excluded' : ''}`,
      value,
    );
  return number;
}

/** Repeated options arrive as a string or an array of strings. */
export function asList(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** A path as the user would type it: relative to the working directory when inside it. */
export function displayPath(path: string): string {
  const inside = relative(process.cwd(), path);
  return inside === '' ? '.' : inside.startsWith('..') || isAbsolute(inside) ? path : inside;
}
