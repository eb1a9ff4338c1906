/**
 * Calendar months. One tick is one month; dates are `YYYY-MM` strings.
 *
 * @example
 * monthsBetween('2022-11', '2030-12') // 97
 * addMonths('2022-11', 3)             // '2023-02'
 */

export type YearMonth = `${number}-${number}`;

const YEAR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isYearMonth(text: string): text is YearMonth {
  return YEAR_MONTH.test(text);
}

/** Months since year 0, so that differences are month counts. */
export function monthIndex(date: string): number {
  const match = YEAR_MONTH.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM date: ${date}`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

export function monthsBetween(from: string, to: string): number {
  return monthIndex(to) - monthIndex(from);
}

export function addMonths(date: string, months: number): YearMonth {
  const index = monthIndex(date) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}` as YearMonth;
}

/** The dates of a run's ticks: tick 0 is the start month, the last tick is the end month. */
export function tickDates(start: string, end: string): YearMonth[] {
  const count = monthsBetween(start, end) + 1;
  return Array.from({ length: count }, (_, tick) => addMonths(start, tick));
}
