/**
 * Building blocks the report charts share: monthly data with `YYYY-MM` dates placed at the start
 * of the month in UTC (so a chart does not shift with the machine's time zone), the month axis, a
 * line at zero, and observations of the public record drawn as labelled points over simulated
 * series. Each layer carries its own x and y, so that a guide without dates (the zero line) is
 * not filtered out for lacking them.
 */
import type { TopLevelSpec } from 'vega-lite';
import { monthIndex } from '../math/calendar.ts';
import { GUIDE_COLOUR, OBSERVED_COLOUR } from './palette.ts';

/** One layer of a layered chart. */
export type Layer = NonNullable<Extract<TopLevelSpec, { layer: unknown }>['layer']>[number];

/** A value in one month of one named series: long format, one row per point. */
export interface SeriesPoint {
  readonly date: string;
  readonly series: string;
  readonly value: number;
}

/** An observed value, with the words to print beside its point. */
export interface ObservedPoint {
  readonly date: string;
  readonly value: number;
  readonly label: string;
  /** Its entry in the legend of observations. */
  readonly series: string;
}

/** Inline data whose `date` is a `YYYY-MM` month, plotted at the month's first instant (UTC). */
export function monthlyData(values: readonly { readonly date: string }[]) {
  return { values: values.map((value) => ({ ...value, month: monthStartUtcMs(value.date) })) };
}

/** Milliseconds since 1970 at the start of a `YYYY-MM` month, in UTC. */
export function monthStartUtcMs(date: string): number {
  const index = monthIndex(date);
  return Date.UTC(Math.floor(index / 12), index % 12, 1);
}

/**
 * Below this, an operating margin leaves a chart's scale (runs off a line chart, takes the
 * darkest colour of a heatmap) rather than squash every other margin into a line: a loss of more
 * than the revenue is a loss of more than the revenue, however deep.
 */
export const MARGIN_FLOOR_PERCENT = -100;

/** The x axis of every time chart: `month` from monthlyData, a tick at each January. */
export const MONTH_X = {
  field: 'month',
  type: 'temporal',
  scale: { type: 'utc' },
  axis: { title: 'Month (YYYY-MM)', format: '%Y-%m', tickCount: 'year' },
} as const;

/** The y channel of a chart's layers: `value`, with the chart's scale and axis title. */
export type YEncoding = {
  readonly field: 'value';
  readonly type: 'quantitative';
  readonly scale?: {
    readonly type?: 'log';
    readonly domainMin?: number;
    readonly domain?: [number, number];
  };
  readonly axis: { readonly title: string };
};

/** A y channel on `value`: a linear scale unless told, and the axis title (with its unit). */
export function valueY(title: string, scale: YEncoding['scale'] = {}): YEncoding {
  return { field: 'value', type: 'quantitative', scale, axis: { title } };
}

/** A horizontal line at y = 0. */
export const ZERO_RULE: Layer = {
  data: { values: [{ value: 0 }] },
  mark: { type: 'rule', color: GUIDE_COLOUR, strokeDash: [4, 3] },
  encoding: { y: { field: 'value', type: 'quantitative' } },
};

/**
 * Observed points, a distinct shape per series, each labelled with its `label`. The label has a
 * white halo (the same text, stroked in white, drawn first) so that a line it crosses does not
 * cross it out; the halo is hidden from screen readers, which read the label once.
 */
export function observedLayers(points: readonly ObservedPoint[], y: YEncoding): Layer[] {
  const data = monthlyData(points);
  const label = { type: 'text', align: 'left', dx: 7, dy: -8, fontSize: 10 } as const;
  const text = { x: MONTH_X, y, text: { field: 'label', type: 'nominal' } } as const;
  return [
    {
      data,
      mark: { type: 'point', filled: true, size: 70, color: OBSERVED_COLOUR, opacity: 1 },
      encoding: {
        x: MONTH_X,
        y,
        shape: {
          field: 'series',
          type: 'nominal',
          legend: { title: 'observed', symbolLimit: 0 },
          scale: { range: ['diamond', 'square', 'triangle-up', 'circle', 'cross'] },
        },
      },
    },
    {
      data,
      mark: {
        ...label,
        color: 'white',
        stroke: 'white',
        strokeWidth: 4,
        strokeJoin: 'round',
        aria: false,
      },
      encoding: text,
    },
    { data, mark: { ...label, color: OBSERVED_COLOUR }, encoding: text },
  ];
}

/**
 * Round bounds around [low, high]: multiples of a round step (1, 2, 2.5 or 5 times a power of
 * ten) about a `ticks`-th of the span, so that an axis given them as its domain starts and ends
 * on a tick.
 */
export function niceBounds(low: number, high: number, ticks = 6): [number, number] {
  const span = high > low ? high - low : Math.max(Math.abs(low), 1);
  const step = roundStep(span / ticks);
  const round = (value: number) => Number(value.toPrecision(12));
  return [round(Math.floor(low / step) * step), round(Math.ceil(high / step) * step)];
}

/**
 * Tick values for an axis over [low, high]: the multiples of a round step about a `ticks`-th of
 * the span, so that zero, when in range, is always a tick (a reader looks for it first).
 */
export function ticksThroughZero(low: number, high: number, ticks = 6): number[] {
  const span = high > low ? high - low : Math.max(Math.abs(low), 1);
  const step = roundStep(span / ticks);
  const first = Math.ceil(low / step - 1e-9);
  const last = Math.floor(high / step + 1e-9);
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) =>
    Number(((first + i) * step).toPrecision(12)),
  );
}

/**
 * An axis's labels for amounts in USD: "$4B", "-$250M", "$0", as formatUsd writes amounts
 * (SI prefixes, with B for billions rather than G), never "4,000,000,000".
 */
export const USD_AXIS_LABEL_EXPR =
  "replace(replace(replace(format(datum.value, '$~s'), 'G', 'B'), 'k', 'K'), '\u2212', '-')";

/** The smallest round number (see `niceBounds`) strictly above `value`, for headroom over a bar. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const step = roundStep(value / 5);
  return Number(((Math.floor(value / step) + 1) * step).toPrecision(12));
}

/** One series' band in one month of a diverging stack: gains above zero, losses below. */
export interface StackBand {
  readonly date: string;
  readonly series: string;
  readonly part: 'gain' | 'loss';
  readonly low: number;
  readonly high: number;
}

/**
 * Stacks each month's values in `order`: positive values upward from zero, negative ones
 * downward. Every series has a gain band and a loss band in every month, empty when it does not
 * apply, so that a series whose sign changes moves between the two stacks without its area
 * cutting across the others (which a plain stack of a sign-changing series does).
 */
export function divergingStack(
  points: readonly SeriesPoint[],
  order: readonly string[],
): StackBand[] {
  const byMonth = new Map<string, SeriesPoint[]>();
  for (const point of points) {
    const month = byMonth.get(point.date);
    if (month === undefined) byMonth.set(point.date, [point]);
    else month.push(point);
  }
  return [...byMonth].flatMap(([date, monthPoints]) => {
    let top = 0;
    let bottom = 0;
    return order.flatMap((series): StackBand[] => {
      const value = monthPoints.find((point) => point.series === series)?.value ?? 0;
      const gain = Math.max(value, 0);
      const loss = Math.min(value, 0);
      const bands: StackBand[] = [
        { date, series, part: 'gain', low: top, high: top + gain },
        { date, series, part: 'loss', low: bottom + loss, high: bottom },
      ];
      top += gain;
      bottom += loss;
      return bands;
    });
  });
}

/**
 * The edges of histogram bins shared by several series, so that their bars line up: about
 * `maxBins` bins (one or two more where the round edges need them) of a round width (1, 2, 2.5 or 5 times a power of ten) that cover every finite
 * value and every number in `include` (zero, say, so that a line at zero falls inside the chart).
 * Bin i holds values from edges[i] up to, not including, edges[i + 1]; the last bin holds its
 * upper edge too. No finite value gives no edges.
 */
export function binEdges(
  values: Iterable<number>,
  maxBins: number,
  include: readonly number[] = [],
): number[] {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  const widen = (value: number) => {
    if (!Number.isFinite(value)) return;
    low = Math.min(low, value);
    high = Math.max(high, value);
  };
  for (const value of values) widen(value);
  if (!Number.isFinite(low)) return [];
  for (const value of include) widen(value);
  const span = high > low ? high - low : Math.max(Math.abs(low), 1);
  const step = roundStep(span / maxBins);
  const start = Math.floor(low / step) * step;
  // Rounded to 12 significant digits, so that 0.1 + 0.2 is an edge at 0.3.
  const edge = (i: number) => Number((start + i * step).toPrecision(12));
  let first = 0;
  while (edge(first) > low) first--;
  let last = Math.max(first + 1, Math.ceil((high - start) / step));
  while (edge(last) < high) last++;
  return Array.from({ length: last - first + 1 }, (_, i) => edge(first + i));
}

/** The number of finite values in each bin of `edges` (see binEdges). */
export function binCounts(values: Iterable<number>, edges: readonly number[]): number[] {
  const counts = new Array<number>(Math.max(0, edges.length - 1)).fill(0);
  for (const value of values) {
    const bin = binOf(value, edges);
    if (bin !== undefined) counts[bin]!++;
  }
  return counts;
}

/** The bin that holds `value`, or undefined when it is outside the edges or not finite. */
export function binOf(value: number, edges: readonly number[]): number | undefined {
  const last = edges.length - 2;
  if (last < 0 || !(value >= edges[0]! && value <= edges[last + 1]!)) return undefined;
  let low = 0;
  let high = last;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (edges[middle]! <= value) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The smallest of 1, 2, 2.5, 5 and 10 times a power of ten that is at least `raw`. */
function roundStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const multiple = [1, 2, 2.5, 5, 10].find((candidate) => candidate * power >= raw) ?? 10;
  return Number((multiple * power).toPrecision(12));
}
