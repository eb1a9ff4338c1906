/**
 * CSV as pandas, R and Excel read it: a header row, comma-separated, RFC 4180 quoting by
 * @fast-csv/format, numbers in JavaScript's shortest round-trip form (so the same run gives the
 * same bytes), empty cells for missing values. Text cells that a spreadsheet would take for a
 * formula are escaped with a leading apostrophe (OWASP, CSV injection). A file is written from
 * its table (table.ts) and read back by the same table: empty cells become NaN again, and so do
 * columns added to the contract after the file was written; a damaged file is an InputError
 * naming the file, the line and the column.
 */
import { readFile } from 'node:fs/promises';
import { writeToString } from '@fast-csv/format';
import { parseString } from '@fast-csv/parse';
import { InputError } from '../errors.ts';
import {
  type Cell,
  columnNames,
  isNumeric,
  placeValue,
  readCell,
  rowCells,
  type Table,
} from './table.ts';

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

/** A table's file: its columns' names, then each row's cells. */
export function tableCsv<Row>(table: Table<Row>, rows: readonly Row[]): Promise<string> {
  return csvText(
    columnNames(table),
    rows.map((row) => rowCells(table, row)),
  );
}

/** A CSV file as read: its header, and each row's text cells by column name. */
export interface CsvFile {
  readonly file: string;
  readonly headers: readonly string[];
  readonly rows: readonly Readonly<Record<string, string>>[];
}

export async function readCsv(file: string): Promise<CsvFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(file, '', 'cannot read the file', undefined, { cause: error });
  }
  return parseCsv(text, file);
}

/** A CSV document's cells; `file` names it in errors. */
export function parseCsv(text: string, file: string): Promise<CsvFile> {
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

/** True when the file has every column of the table. */
export function hasColumns<Row>(csv: CsvFile, table: Table<Row>): boolean {
  return table.every((entry) => csv.headers.includes(entry.name));
}

/**
 * The file's rows, built by the table: each cell read by its column's unit and put where the
 * column's path says. A required column missing from the header is an InputError.
 */
export function tableRows<Row>(csv: CsvFile, table: Table<Row>): Row[] {
  const missing = table
    .filter((entry) => entry.required && !csv.headers.includes(entry.name))
    .map((entry) => entry.name);
  if (missing.length > 0)
    throw new InputError(csv.file, '', `missing column${missing.length > 1 ? 's' : ''}`, missing);
  return csv.rows.map((cells, index) => {
    const row: Record<string, unknown> = {};
    for (const entry of table) {
      const text = cells[entry.name];
      const read = readCell(
        entry,
        text === undefined || isNumeric(entry.unit) ? text : unescapeFormula(text),
      );
      if ('problem' in read)
        throw new InputError(
          csv.file,
          `line ${index + 2}, column ${entry.name}`,
          read.problem,
          read.raw,
        );
      if ('value' in read) placeValue(row, entry.path as readonly (string | number)[], read.value);
    }
    return row as Row;
  });
}

/** The rows of a file written from `table`. */
export async function readTable<Row>(file: string, table: Table<Row>): Promise<Row[]> {
  return tableRows(await readCsv(file), table);
}

/** Undoes the apostrophe `formatCell` puts before text a spreadsheet would run. */
function unescapeFormula(text: string): string {
  return text.startsWith("'") && formatCell(text.slice(1)) === text ? text.slice(1) : text;
}
