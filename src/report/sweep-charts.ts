/**
 * The charts of a sweep's report: how each kind's operating margin spread across the runs, the
 * paired aggregator-minus-lab difference the thesis is stated in, and, where `aisim sensitivity`
 * has ranked the inputs, which assumptions decide an outcome. Histograms are binned here, so that
 * a sweep of 100,000 runs draws as few bars as one of 100; the numbers in captions come from
 * comparisons.csv and the sensitivity files as written.
 */

import type { SensitivityFile, SweepFolder } from '../analysis/folders/sweep-folder.ts';
import { formatPercent, formatUsd } from '../output/terminal.ts';
import { holderOutcome, outcomeUnit } from '../results/outcomes.ts';
import type { MorrisRow, RankRow, SobolRow } from '../results/sensitivity-files.ts';
import type { PairedDifference } from '../results/sweep-files.ts';
import { AGENT_KINDS, type AgentKind } from '../scenario/schema.ts';
import {
  binCounts,
  binEdges,
  type Layer,
  MARGIN_FLOOR_PERCENT,
  niceCeiling,
  ticksThroughZero,
  USD_AXIS_LABEL_EXPR,
} from './chart-parts.ts';
import type { Chart } from './charts.ts';
import { HOLDER_NAMES } from './names.ts';
import { HOLDER_COLOURS, OBSERVED_COLOUR, SERIES_COLOURS } from './palette.ts';

/** The charts of the runs' outcomes, and a chart per sensitivity file (none without one). */
export function sweepCharts(sweep: SweepFolder): { runs: Chart[]; sensitivity: Chart[] } {
  return {
    runs: [marginHistograms(sweep), marginDifferenceChart(sweep)].filter(
      (chart): chart is Chart => chart !== undefined,
    ),
    sensitivity: sweep.sensitivity.map((file) => sensitivityChart(sweep, file)),
  };
}

/** The x axis title of the margin histograms. */
const MARGIN_AXIS_TITLE = 'Operating margin (%)';

/** The x axis title of the paired difference. */
const DIFFERENCE_AXIS_TITLE = 'Aggregators minus labs, operating margin (percentage points)';

/** The series of the paired difference, as its bars' descriptions name it. */
const DIFFERENCE_SERIES = `${HOLDER_NAMES.aggregator} - ${HOLDER_NAMES.lab}`;

/** A difference of margins is drawn down to twice the floor of a margin, then piles up there. */
const DIFFERENCE_FLOOR_POINTS = 2 * MARGIN_FLOOR_PERCENT;
const DIFFERENCE_CEILING_POINTS = -DIFFERENCE_FLOOR_POINTS;

/** Pixels per kind in the margin histograms, and per input in a sensitivity chart. */
const KIND_ROW_HEIGHT_PX = 64;
const INPUT_ROW_HEIGHT_PX = 40;

/** About 2 n^(1/3) bins (Rice's rule), from 20 for a small sweep to 40 for a large one. */
function histogramBinCount(runs: number): number {
  return Math.min(40, Math.max(20, Math.ceil(2 * Math.cbrt(runs))));
}

/** One bar of a histogram: `runs` runs from `start` up to `end`, described for screen readers. */
interface HistogramBar {
  readonly series: string;
  readonly start: number;
  readonly end: number;
  readonly runs: number;
  readonly description: string;
}

/** runs.csv's column of each run's operating margin of `kind`; undefined when it has none. */
function margins(sweep: SweepFolder, kind: AgentKind): Float64Array | undefined {
  return sweep.outcomes.get(holderOutcome('operating_margin', kind)!);
}

/** The kinds with an operating margin column in runs.csv, in the output contract's order. */
function sweepKinds(sweep: SweepFolder): AgentKind[] {
  return AGENT_KINDS.filter((kind) => margins(sweep, kind) !== undefined);
}

/** A run's operating margin of `kind`, in percent, clamped at the floor; NaN where undefined. */
function marginPercents(sweep: SweepFolder, kind: AgentKind): number[] {
  const column = margins(sweep, kind) ?? new Float64Array();
  return Array.from(column, (margin) => Math.max(margin * 100, MARGIN_FLOOR_PERCENT));
}

/** Each series' non-empty bins over common edges, the bar described as "<series>: n runs ...". */
function histogramBars(
  series: readonly { readonly name: string; readonly values: readonly number[] }[],
  edges: readonly number[],
  unit: string,
): HistogramBar[] {
  return series.flatMap(({ name, values }) =>
    binCounts(values, edges).flatMap((runs, bin): HistogramBar[] => {
      if (runs === 0) return [];
      const start = edges[bin]!;
      const end = edges[bin + 1]!;
      return [
        {
          series: name,
          start,
          end,
          runs,
          description: `${name}: ${runs} run${runs === 1 ? '' : 's'} from ${start} to ${end} ${unit}`,
        },
      ];
    }),
  );
}

function marginHistograms(sweep: SweepFolder): Chart | undefined {
  const series = sweepKinds(sweep)
    .map((kind) => ({ kind, name: HOLDER_NAMES[kind], values: marginPercents(sweep, kind) }))
    .filter(({ values }) => values.some(Number.isFinite));
  if (series.length === 0) return undefined;
  const names = series.map(({ name }) => name);
  const edges = binEdges(
    series.flatMap(({ values }) => values),
    histogramBinCount(sweep.manifest.runs),
    [0],
  );
  const clamped = series.some(({ kind }) =>
    Array.from(margins(sweep, kind)!).some((margin) => margin * 100 < MARGIN_FLOOR_PERCENT),
  );
  return {
    title: 'Operating margin by kind across runs',
    caption: `How each kind\u2019s operating margin over the whole run spread across the ${sweep.manifest.runs} runs of the sweep, one histogram per kind on a common scale${clamped ? `, a margin below ${MARGIN_FLOOR_PERCENT} % counted in the leftmost bar` : ''}.`,
    heightPx: KIND_ROW_HEIGHT_PX,
    spec: {
      data: { values: histogramBars(series, edges, '%').map((bar) => ({ ...bar })) },
      mark: { type: 'rect', stroke: 'white', strokeWidth: 0.5 },
      encoding: {
        row: {
          field: 'series',
          type: 'nominal',
          sort: names,
          // Each kind's name over its histogram, where the eye starts reading the row.
          header: {
            title: null,
            labelOrient: 'top',
            labelAnchor: 'start',
            labelAngle: 0,
            labelAlign: 'left',
            labelFontSize: 12,
            labelPadding: 4,
          },
        },
        x: {
          field: 'start',
          type: 'quantitative',
          scale: { domain: [edges[0]!, edges.at(-1)!], nice: false, zero: false },
          axis: { title: MARGIN_AXIS_TITLE },
        },
        x2: { field: 'end' },
        y: {
          field: 'runs',
          type: 'quantitative',
          axis: { title: 'Runs', tickMinStep: 1, tickCount: 3, format: 'd' },
        },
        color: {
          field: 'series',
          type: 'nominal',
          scale: { domain: names, range: series.map(({ kind }) => HOLDER_COLOURS[kind]) },
          legend: null,
        },
        description: { field: 'description', type: 'nominal' },
      },
      // Each kind's tallest bar fills its row: one kind whose margin never varies (a fixed
      // markup) would otherwise flatten every other row.
      resolve: { scale: { y: 'independent' } },
    },
  };
}

/** The edges with one more bin where zero is the first or last, so a line at zero is not the frame. */
function awayFromZero(edges: readonly number[]): number[] {
  const step = (edges[1] ?? 1) - (edges[0] ?? 0);
  const padded = [...edges];
  if (padded[0] === 0) padded.unshift(-step);
  if (padded.at(-1) === 0) padded.push(step);
  return padded;
}

/** comparisons.csv's operating margin of `minuend` less the labs'; undefined when it has none. */
function marginComparison(sweep: SweepFolder, minuend: AgentKind): PairedDifference | undefined {
  return sweep.comparisons.find(
    ({ pair }) =>
      pair.measure === 'operating_margin' && pair.minuend === minuend && pair.subtrahend === 'lab',
  );
}

/** "-51.2": a difference of fractions in percentage points, one decimal. */
function pointsText(fraction: number): string {
  return Number.isFinite(fraction) ? (fraction * 100).toFixed(1) : '-';
}

function marginDifferenceChart(sweep: SweepFolder): Chart | undefined {
  const summary = marginComparison(sweep, 'aggregator');
  const aggregator = margins(sweep, 'aggregator');
  const lab = margins(sweep, 'lab');
  if (summary === undefined || aggregator === undefined || lab === undefined) return undefined;
  const differences = Array.from(aggregator, (margin, run) => (margin - lab[run]!) * 100).filter(
    (difference) => !Number.isNaN(difference),
  );
  if (differences.length === 0) return undefined;
  const clamped = differences.some(
    (difference) => difference < DIFFERENCE_FLOOR_POINTS || difference > DIFFERENCE_CEILING_POINTS,
  );
  const shown = differences.map((difference) =>
    Math.min(Math.max(difference, DIFFERENCE_FLOOR_POINTS), DIFFERENCE_CEILING_POINTS),
  );
  const edges = awayFromZero(binEdges(shown, histogramBinCount(shown.length), [0]));
  const bars = histogramBars([{ name: DIFFERENCE_SERIES, values: shown }], edges, 'points');
  const domain = [edges[0]!, edges.at(-1)!];
  const x = {
    field: 'start',
    type: 'quantitative',
    scale: { domain, nice: false, zero: false },
    // Zero is where the thesis turns: always a tick.
    axis: { title: DIFFERENCE_AXIS_TITLE, values: ticksThroughZero(domain[0]!, domain[1]!) },
  } as const;
  const { mean } = summary;
  // The interval of the mean as a translucent band over the bars, then the mean and zero as lines
  // over both, so that none of the three hides behind a tall bar.
  const description = { field: 'description', type: 'nominal' } as const;
  const band: Layer = {
    data: {
      values: [
        {
          start: mean.low * 100,
          end: mean.high * 100,
          description: `95 % interval of the mean difference: ${pointsText(mean.low)} to ${pointsText(mean.high)} points`,
        },
      ],
    },
    mark: { type: 'rect', color: OBSERVED_COLOUR, opacity: 0.15, clip: true },
    encoding: { x, x2: { field: 'end' }, description },
  };
  const rules: Layer[] = [
    {
      data: {
        values: [
          {
            start: mean.estimate * 100,
            description: `mean difference: ${pointsText(mean.estimate)} points`,
          },
        ],
      },
      mark: { type: 'rule', color: OBSERVED_COLOUR, strokeWidth: 2, clip: true },
      encoding: { x, description },
    },
    {
      data: { values: [{ start: 0, description: 'zero' }] },
      mark: { type: 'rule', color: OBSERVED_COLOUR, strokeWidth: 1.5, strokeDash: [5, 3] },
      encoding: { x, description },
    },
  ];
  return {
    title: 'Aggregators minus labs: operating margin, paired run by run',
    caption: `Aggregators\u2019 operating margin less labs\u2019 in each of the ${summary.runs} runs, above zero (dashed) in ${formatPercent(summary.shareAboveZero)} of runs; mean difference (solid line) ${pointsText(mean.estimate)} points, 95 % interval ${pointsText(mean.low)} to ${pointsText(mean.high)} points (shaded)${clamped ? `; beyond \u00b1${DIFFERENCE_CEILING_POINTS} points in the outer bar` : ''}.`,
    spec: {
      layer: [
        {
          data: { values: bars.map((bar) => ({ ...bar })) },
          mark: {
            type: 'rect',
            color: HOLDER_COLOURS.aggregator,
            stroke: 'white',
            strokeWidth: 0.5,
          },
          encoding: {
            x,
            x2: { field: 'end' },
            y: {
              field: 'runs',
              type: 'quantitative',
              // Headroom over the tallest bar, so that it does not touch the frame, to a whole
              // number of runs (a few runs would otherwise end the axis at 2.5).
              scale: {
                domain: [0, Math.ceil(niceCeiling(Math.max(...bars.map((bar) => bar.runs))))],
              },
              axis: { title: 'Runs', tickMinStep: 1, format: 'd' },
            },
            description: { field: 'description', type: 'nominal' },
          },
        },
        band,
        ...rules,
      ],
    },
  };
}

/** How an outcome's values are shown on an axis: scaled (fractions to points) and in what unit. */
function outcomeScale(outcome: string): { readonly factor: number; readonly unit: string } {
  switch (outcomeUnit(outcome)) {
    case 'share':
      return { factor: 100, unit: 'percentage points' };
    case 'usd':
      return { factor: 1, unit: 'USD' };
    case 'usd_per_mtok':
      return { factor: 1, unit: 'USD per million tokens' };
    case 'percent':
      return { factor: 1, unit: 'percentage points' };
    default:
      return { factor: 1, unit: 'the outcome\u2019s units' };
  }
}

/** One bar of a sensitivity chart: an input's index or effect with its interval. */
interface SensitivityBar {
  readonly input: string;
  readonly measure: string;
  readonly value: number;
  readonly low: number;
  readonly high: number;
  readonly description: string;
}

function sensitivityChart(sweep: SweepFolder, file: SensitivityFile): Chart {
  const { outcome, ranked } = file;
  const inputs = [...ranked.rows].sort((a, b) => a.rank - b.rank).map((row) => row.input);
  const y = {
    field: 'input',
    type: 'nominal',
    sort: inputs,
    // Above the labels, level: input paths are long, and a title beside them would cross them.
    axis: {
      title: 'Uncertain input (ranked)',
      labelLimit: 0,
      titleAngle: 0,
      titleAlign: 'right',
      titleBaseline: 'bottom',
      titleX: -8,
      titleY: -6,
    },
  } as const;
  const heightPx = Math.max(3, inputs.length) * INPUT_ROW_HEIGHT_PX;
  if (ranked.method === 'sobol') {
    const { design } = sweep.manifest;
    const baseRows = design.name === 'sobol' ? `${design.baseRows} base rows` : 'the base rows';
    const measures = ['total', 'first-order'];
    const bars = ranked.rows.flatMap((row: SobolRow): SensitivityBar[] =>
      (
        [
          ['total', row.total],
          ['first-order', row.first],
        ] as const
      ).map(([measure, index]) => ({
        input: row.input,
        measure,
        value: index.estimate,
        low: index.low,
        high: index.high,
        description: `${row.input}: ${measure} index ${significant(index.estimate)} (95 % interval ${significant(index.low)} to ${significant(index.high)})`,
      })),
    );
    return {
      title: `Which inputs decide ${outcome}: Sobol indices`,
      caption: `Each input\u2019s share of the variance of ${outcome}, with interactions (total) and alone (first-order), from ${baseRows} with 95 % bootstrap intervals as black lines${clipped(bars) ? ' (a wider one runs off the edge)' : ''}: a total near zero means the input could be fixed.`,
      heightPx,
      spec: rankedBars(bars, y, `Sobol index (share of the variance of ${outcome})`, measures),
    };
  }
  if (ranked.method === 'rank') {
    const measures = ['PRCC', 'Spearman'];
    const bars = ranked.rows.flatMap((row: RankRow): SensitivityBar[] =>
      (
        [
          ['PRCC', row.prcc],
          ['Spearman', row.spearman],
        ] as const
      ).map(([measure, correlation]) => ({
        input: row.input,
        measure,
        value: correlation.estimate,
        low: correlation.low,
        high: correlation.high,
        description: `${row.input}: ${measure} ${significant(correlation.estimate)} (95 % interval ${significant(correlation.low)} to ${significant(correlation.high)})`,
      })),
    );
    return {
      title: `Which inputs decide ${outcome}: rank correlations`,
      caption: `How closely ${outcome} rises (positive) or falls (negative) with each input across the runs, the other inputs accounted for (PRCC) and not (Spearman), with 95 % bootstrap intervals as black lines${clipped(bars) ? ' (a wider one runs off the edge)' : ''}: an interval across zero means no monotone effect the sweep can see.`,
      heightPx,
      spec: rankedBars(bars, y, `Rank correlation with ${outcome} (-1 to 1)`, measures),
    };
  }
  const { factor, unit } = outcomeScale(outcome);
  // Money as "$4.56B", as the axis writes it; other units to three significant digits.
  const amount = unit === 'USD' ? (value: number) => formatUsd(value) : significant;
  const { design } = sweep.manifest;
  const trajectories =
    design.name === 'morris' ? `${design.trajectories} trajectories` : 'its trajectories';
  const bars = ranked.rows.map((row: MorrisRow): SensitivityBar => {
    const [value, low, high] = [row.muStar.estimate, row.muStar.low, row.muStar.high].map(
      (number) => number * factor,
    ) as [number, number, number];
    return {
      input: row.input,
      measure: 'mu*',
      value,
      low,
      high,
      description: `${row.input}: mu* ${amount(value)} ${unit} (95 % interval ${amount(low)} to ${amount(high)})`,
    };
  });
  return {
    title: `Which inputs move ${outcome}: Morris screening`,
    caption: `Each input\u2019s mu*, the mean absolute change in ${outcome} when the input moves half its range in probability, over ${trajectories}, with its 95 % bootstrap interval as a black line${clipped(bars) ? ' (a wider one runs off the edge)' : ''}.`,
    heightPx,
    spec: rankedBars(bars, y, `mu*: mean absolute change in ${outcome} (${unit})`, ['mu*'], {
      usd: unit === 'USD',
    }),
  };
}

/** A number to three significant digits, as a screen reader reads a bar: 0.00123, 6.39, 4560000. */
function significant(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(3))) : '-';
}

/** Horizontal bars, one per input and measure side by side, each with its interval as a line. */
function rankedBars(
  bars: readonly SensitivityBar[],
  y: { readonly field: 'input'; readonly type: 'nominal' },
  xTitle: string,
  measures: readonly string[],
  options: { readonly usd?: boolean } = {},
): Chart['spec'] {
  const yOffset = { field: 'measure', type: 'nominal', sort: measures } as const;
  const intervals = bars.filter((bar) => Number.isFinite(bar.low) && Number.isFinite(bar.high));
  const x = {
    field: 'value',
    type: 'quantitative',
    scale: { domain: barDomain(bars) },
    axis: { title: xTitle, ...(options.usd ? { labelExpr: USD_AXIS_LABEL_EXPR } : {}) },
  } as const;
  return {
    layer: [
      {
        data: { values: bars.map((bar) => ({ ...bar })) },
        mark: { type: 'bar', clip: true },
        encoding: {
          y,
          yOffset,
          x,
          color: {
            field: 'measure',
            type: 'nominal',
            scale: { domain: [...measures], range: SERIES_COLOURS.slice(0, measures.length) },
            legend: measures.length > 1 ? { title: 'index' } : null,
          },
          description: { field: 'description', type: 'nominal' },
        },
      },
      {
        data: { values: intervals.map((bar) => ({ ...bar })) },
        mark: { type: 'rule', color: OBSERVED_COLOUR, strokeWidth: 1.5, clip: true },
        encoding: { y, yOffset, x: { ...x, field: 'low' }, x2: { field: 'high' } },
      },
    ],
  };
}

/**
 * The x range: every bar and zero, and the intervals as far as one more such span on either
 * side, so that the wide interval of a small sweep does not shrink every bar to a sliver.
 */
function barDomain(bars: readonly SensitivityBar[]): [number, number] {
  const values = bars.map((bar) => bar.value).filter(Number.isFinite);
  const least = Math.min(0, ...values);
  const most = Math.max(0, ...values);
  const span = most - least || 1;
  const lows = bars.map((bar) => bar.low).filter(Number.isFinite);
  const highs = bars.map((bar) => bar.high).filter(Number.isFinite);
  return [
    Math.max(Math.min(least, ...lows), least - span),
    Math.min(Math.max(most, ...highs), most + span),
  ];
}

/** True when some interval runs beyond the chart's range. */
function clipped(bars: readonly SensitivityBar[]): boolean {
  const [low, high] = barDomain(bars);
  return bars.some((bar) => bar.low < low || bar.high > high);
}
