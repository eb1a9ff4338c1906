/**
 * Terminal output: aligned tables and human-readable money, shares and prices. Pure string
 * functions; the CLI decides where they go.
 */
import type { Unit } from '../results/table.ts';

export type Align = 'left' | 'right';

/** An aligned text table with a header row and two spaces between columns. */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[] = headers.map((_, i) => (i === 0 ? 'left' : 'right')),
): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        align[column] === 'left' ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** $1.23B, -$45.6M, $789K, $12: money at a glance. */
export function formatUsd(value: number): string {
  if (!Number.isFinite(value)) return '-';
  const sign = value < 0 ? '-' : '';
  const size = Math.abs(value);
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [scale, suffix] of units) {
    if (size >= scale)
      return `${sign}$${(size / scale).toFixed(size / scale >= 100 ? 0 : 2)}${suffix}`;
  }
  return `${sign}$${size.toFixed(2)}`;
}

/** A fraction as a percentage with one decimal: 0.1234 -> "12.3 %". */
export function formatPercent(fraction: number): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(1)} %` : '-';
}

/** A price in USD per million tokens, with three significant digits. */
export function formatPrice(usdPerMTok: number): string {
  if (!Number.isFinite(usdPerMTok)) return '-';
  if (usdPerMTok >= 100) return usdPerMTok.toFixed(0);
  return usdPerMTok.toPrecision(3);
}

/** 10000 -> "10,000". */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/**
 * A value as a reader wants it, by its unit: money, a percentage for a share, a price; other
 * numbers (a percentage already, an unknown unit) with one decimal.
 */
export function formatInUnit(unit: Unit | undefined, value: number): string {
  switch (unit) {
    case 'usd':
      return formatUsd(value);
    case 'share':
      return formatPercent(value);
    case 'usd_per_mtok':
    case 'usd_per_accelerator_hour':
      return formatPrice(value);
    default:
      return Number.isFinite(value) ? value.toFixed(1) : '-';
  }
}
