/**
 * CSV as pandas, R and Excel read it: a header row, comma-separated, RFC 4180 quoting by
 * @fast-csv/format, numbers in JavaScript's shortest round-trip form (so the same run gives the
 * same bytes), empty cells for missing values. Text cells that a spreadsheet would take for a
 * formula are escaped with a leading apostrophe (OWASP, CSV injection).
 */
import { writeToString } from '@fast-csv/format';
import type { Cell } from './columns.ts';

const FORMULA_START = /^[=+\-@\t\r]/;

/** The text of one cell. */
export function formatCell(value: Cell | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A whole CSV document: the header row, then one line per row, each ending in a newline. */
export async function csvText(
  headers: readonly string[],
  rows: Iterable<readonly (Cell | undefined)[]>,
): Promise<string> {
  const lines: string[][] = [headers.map(formatCell)];
  for (const row of rows) lines.push(row.map(formatCell));
  return writeToString(lines, { includeEndRowDelimiter: true });
}
