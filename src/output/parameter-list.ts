/**
 * `aisim params`'s output: every parameter path of a scenario with its unit, value and allowed
 * range, as an aligned terminal table, or the rows of results/parameter-file.ts as CSV or JSON.
 */
import { tableCsv } from '../results/csv.ts';
import { PARAMETER_TABLE, parameterRow, settingText } from '../results/parameter-file.ts';
import { cellOf } from '../results/table.ts';
import type { ScenarioParameter } from '../scenario/parameter-list.ts';
import { PARAMETER_UNITS } from '../scenario/units.ts';
import { formatTable } from './terminal.ts';

/** A list's or a long text's cell is cut here: the CSV and JSON hold it whole. */
const VALUE_WIDTH = 32;

export function formatParameterTable(
  scenario: { readonly name: string; readonly file?: string },
  parameters: readonly ScenarioParameter[],
): string {
  const lines = parameters.map((parameter) => {
    const row = parameterRow(parameter);
    const value = settingText(parameter.value) ?? '(not set)';
    return [
      row.path,
      parameter.unit === undefined ? '' : PARAMETER_UNITS[parameter.unit],
      value.length > VALUE_WIDTH ? `${value.slice(0, VALUE_WIDTH - 3)}...` : value,
      row.range,
    ];
  });
  const title = `${parameters.length} parameters of ${scenario.name}${scenario.file === undefined ? '' : ` (${scenario.file})`}: each path takes --set path=value, and a number's path an uncertain input of a sweep.`;
  return [
    title,
    '',
    formatTable(['parameter', 'unit', 'value', 'allowed'], lines, [
      'left',
      'left',
      'right',
      'left',
    ]),
    '',
    'allowed: [a, b] includes its bounds, (a, b) excludes them; lists are set whole, as JSON.',
  ].join('\n');
}

export function parametersCsv(parameters: readonly ScenarioParameter[]): Promise<string> {
  return tableCsv(PARAMETER_TABLE, parameters.map(parameterRow));
}

/** `{ scenario, parameters }`: each row keyed by the CSV's column names, null for an empty cell. */
export function parametersJson(
  scenario: { readonly name: string; readonly file?: string },
  parameters: readonly ScenarioParameter[],
): string {
  const rows = parameters.map((parameter) => {
    const row = parameterRow(parameter);
    return Object.fromEntries(
      PARAMETER_TABLE.map((column) => {
        const cell = cellOf(column, row);
        const empty =
          cell === undefined || cell === '' || (typeof cell === 'number' && !Number.isFinite(cell));
        return [column.name, empty ? null : cell];
      }),
    );
  });
  return `${JSON.stringify({ scenario: scenario.name, file: scenario.file ?? null, parameters: rows }, null, 2)}\n`;
}
