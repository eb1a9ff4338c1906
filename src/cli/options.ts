/**
 * Command-line option values: parsed and checked here, so that a bad value is a one-line error
 * naming the option and the value.
 */
import { isAbsolute, relative } from 'node:path';
import { InputError } from '../errors.ts';

/** A seed: a whole number from 0 to 2^53 - 1. */
export function parseSeed(value: unknown, option = '--seed'): number {
  return parseWholeNumber(value, option, 0);
}

/** A whole number of at least 1 (customers, months, runs). */
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
