/** The calibration check as a table and a CSV: fact, observed, band, simulated median and range. */
import type { FactCheck } from '../analysis/calibration.ts';
import { tableCsv } from '../results/csv.ts';
import { VALIDATION_TABLE } from '../results/validation-file.ts';
import { formatTable } from './terminal.ts';

export function validationCsv(checks: readonly FactCheck[]): Promise<string> {
  return tableCsv(VALIDATION_TABLE, checks);
}

export function formatValidation(checks: readonly FactCheck[]): string {
  const number = (value: number) => (Number.isFinite(value) ? value.toPrecision(3) : '-');
  return formatTable(
    ['fact', 'observed', 'band', 'simulated median', '5-95 % range', 'result'],
    checks.map((check) => [
      check.fact.description,
      check.fact.observed,
      `${number(check.fact.band[0])} - ${number(check.fact.band[1])} ${check.fact.unit}`,
      number(check.median),
      `${number(check.p5)} - ${number(check.p95)}`,
      check.pass ? 'pass' : 'FAIL',
    ]),
    ['left', 'left', 'left', 'right', 'right', 'left'],
  );
}
