/**
 * The charts of one run's report, in reading order: what a fixed capability costs, how far open
 * weights trail, what the leading lab charges, who holds the surplus (all holders, then the
 * producers' small shares drawn apart), and who earns a margin. Observations of the public
 * record (src/analysis/observations.ts) are drawn over the simulated series they calibrate, and
 * each caption names their sources.
 */

import { leadingLab } from '../analysis/accounts.ts';
import { agentName, type RunFolder } from '../analysis/folders/run-folder.ts';
import {
  FLAGSHIP_PRICES,
  GPT35_LEVEL_PRICES,
  OPEN_GAP,
  SMALL_MODEL_PRICES,
} from '../analysis/observations.ts';
import { AGENT_KINDS } from '../scenario/schema.ts';
import {
  divergingStack,
  type Layer,
  MARGIN_FLOOR_PERCENT,
  MONTH_X,
  monthlyData,
  niceBounds,
  observedLayers,
  type SeriesPoint,
  valueY,
  ZERO_RULE,
} from './chart-parts.ts';
import type { Chart } from './charts.ts';
import { HOLDER_NAMES, holderName, levelName, sourcesText } from './names.ts';
import { HOLDER_COLOURS, SERIES_COLOURS, SURPLUS_HOLDERS } from './palette.ts';
import {
  agentPriceUsdPerMTok,
  cumulativeSurplusSharePercent,
  establishedSurplusMonths,
  openGapPercent,
  operatingMarginPercent,
  referencePricesUsdPerMTok,
} from './run-series.ts';

export function runCharts(run: RunFolder): Chart[] {
  return [
    referencePriceChart(run),
    openGapChart(run),
    flagshipPriceChart(run),
    surplusShareChart(run),
    producerShareChart(run),
    operatingMarginChart(run),
  ];
}

const LOG_PRICE_Y = valueY('USD per million tokens (log scale)', { type: 'log' });

/**
 * Dash patterns of the reference levels, lowest level first: the lowest is dashed and drawn on
 * top, so that where two levels have the same cheapest offer (the cheapest model above the
 * higher level is also the cheapest above the lower) both lines show.
 */
const LEVEL_DASHES: readonly (readonly number[])[] = [
  [6, 4],
  [1, 0],
  [2, 3],
  [8, 3, 2, 3],
];

function referencePriceChart(run: RunFolder): Chart {
  const levels = [...run.referenceLevels];
  const names = levels.map(levelName);
  const observations = [
    ...GPT35_LEVEL_PRICES.map((o) => ({ ...o, series: 'cheapest at GPT-3.5 level' })),
    ...SMALL_MODEL_PRICES.map((o) => ({ ...o, series: 'capable small model' })),
  ];
  const observed = observations.map(({ date, usdPerMTok, label, series }) => ({
    date,
    value: usdPerMTok,
    label,
    series,
  }));
  const prices = referencePricesUsdPerMTok(run.market, levels).map((point) => ({
    ...point,
    series: levelName(point.series),
  }));
  const encoding = {
    x: MONTH_X,
    y: LOG_PRICE_Y,
    color: {
      field: 'series',
      type: 'nominal',
      scale: { domain: names, range: SERIES_COLOURS.slice(0, names.length) },
      legend: { title: 'simulated', symbolStrokeWidth: 2 },
    },
    strokeDash: {
      field: 'series',
      type: 'nominal',
      scale: { domain: names, range: names.map((_, index) => [...dashOf(index)]) },
      legend: { title: 'simulated', symbolStrokeWidth: 2 },
    },
  } as const;
  // Highest level first, so that each lower level is drawn over the levels above it.
  const lines: Layer[] = [...names].reverse().map((name) => ({
    data: monthlyData(prices.filter((point) => point.series === name)),
    mark: { type: 'line', strokeWidth: name === names[0] ? 2 : 2.5 },
    encoding,
  }));
  return {
    title: 'Price at each reference capability level',
    caption: `The cheapest offer reaching each reference level month by month on a log scale, dashed over solid where two levels share it, with observed prices as points: the cheapest at the GPT-3.5 level, from ${sourcesText(GPT35_LEVEL_PRICES)}, and a capable small model\u2019s, from ${sourcesText(SMALL_MODEL_PRICES)}.`,
    spec: { layer: [...lines, ...observedLayers(observed, LOG_PRICE_Y)] },
  };
}

function dashOf(index: number): readonly number[] {
  return LEVEL_DASHES[index % LEVEL_DASHES.length]!;
}

const GAP_Y = valueY('open-closed gap (%)');

function openGapChart(run: RunFolder): Chart {
  const observed = OPEN_GAP.map(({ date, percent, label }) => ({
    date,
    value: percent,
    label: `${percent} %`,
    series: label,
  }));
  return {
    title: 'Gap between the best closed and the best open-weight model',
    caption: `How far the best open-weight model trails the best closed one, as a percentage of the best closed model\u2019s capability, with the gap observed on Chatbot Arena as labelled points (as reported in ${sourcesText(OPEN_GAP)}).`,
    spec: {
      layer: [
        ZERO_RULE,
        {
          data: monthlyData(openGapPercent(run.market)),
          mark: { type: 'line', strokeWidth: 2 },
          encoding: {
            x: MONTH_X,
            y: GAP_Y,
            color: {
              field: 'series',
              type: 'nominal',
              scale: { range: [HOLDER_COLOURS.open_weight] },
              legend: { title: null },
            },
          },
        },
        ...observedLayers(observed, GAP_Y),
      ],
    },
  };
}

function flagshipPriceChart(run: RunFolder): Chart {
  const lab = leadingLab(run.agents);
  const labName = lab === undefined ? undefined : agentName(run, lab);
  const observed = FLAGSHIP_PRICES.map(({ date, usdPerMTok, label }) => ({
    date,
    value: usdPerMTok,
    label,
    series: 'leading lab\u2019s flagship at launch',
  }));
  const simulated: Layer[] =
    lab === undefined
      ? []
      : [
          {
            data: monthlyData(
              agentPriceUsdPerMTok(run.agents, lab).map((point) => ({
                ...point,
                series: labName ?? lab,
              })),
            ),
            mark: { type: 'line', strokeWidth: 2, interpolate: 'step-after' },
            encoding: {
              x: MONTH_X,
              y: LOG_PRICE_Y,
              color: {
                field: 'series',
                type: 'nominal',
                scale: { range: [HOLDER_COLOURS.lab] },
                legend: { title: 'simulated' },
              },
            },
          },
        ];
  const sources = sourcesText(FLAGSHIP_PRICES);
  return {
    title: `Flagship price of the leading lab${labName === undefined ? '' : ` (${labName})`}`,
    caption:
      labName === undefined
        ? `No lab sold anything in the first month, so there is no leading lab to follow; the points are the leading lab\u2019s observed flagship launch prices, from ${sources}.`
        : `The price of ${labName}\u2019s most capable offer (${labName} led the first month\u2019s tokens), on a log scale, with observed flagship launch prices as labelled points, from ${sources}.`,
    spec: { layer: [...simulated, ...observedLayers(observed, LOG_PRICE_Y)] },
  };
}

/**
 * A share chart's scale fits the months by which at least this share of the run's surplus has
 * been created; a share of less may run off the chart, and the caption says when.
 */
export const SHARE_SCALE_FLOOR = 0.01;

/** The end of a share chart's caption: how its scale was fitted, and where shares leave it. */
function shareScaleText(beyond: string): string {
  return `scaled to months after ${SHARE_SCALE_FLOOR * 100} % of the run\u2019s surplus existed${beyond === '' ? '' : `, off it ${beyond}`}`;
}

function surplusShareChart(run: RunFolder): Chart {
  const bands = divergingStack(cumulativeSurplusSharePercent(run.market), SURPLUS_HOLDERS).map(
    (band) => ({ ...band, series: holderName(band.series) }),
  );
  const established = establishedSurplusMonths(run.market, SHARE_SCALE_FLOOR);
  const fitted = bands.filter((band) => established.has(band.date));
  const domain = niceBounds(
    Math.min(0, ...fitted.map((band) => band.low)),
    Math.max(100, ...fitted.map((band) => band.high)),
  );
  const beyond = monthsBeyond(
    bands.flatMap((band) => [
      { date: band.date, value: band.low },
      { date: band.date, value: band.high },
    ]),
    domain,
  );
  const names = SURPLUS_HOLDERS.map((holder) => HOLDER_NAMES[holder]);
  return {
    title: 'Who holds the surplus created so far',
    caption: `Each holder\u2019s share of the surplus created so far (consumer surplus plus all profit), stacked, losses below zero, ending at the table\u2019s shares; ${shareScaleText(beyond)}.`,
    spec: {
      data: monthlyData(bands),
      mark: { type: 'area', clip: true },
      encoding: {
        x: MONTH_X,
        y: {
          field: 'high',
          type: 'quantitative',
          scale: { domain, nice: false },
          axis: { title: 'share of the surplus so far (%)' },
        },
        y2: { field: 'low' },
        color: {
          field: 'series',
          type: 'nominal',
          scale: {
            domain: names,
            range: SURPLUS_HOLDERS.map((holder) => HOLDER_COLOURS[holder]),
          },
          legend: { title: 'holder' },
        },
        detail: { field: 'part', type: 'nominal' },
      },
    },
  };
}

function producerShareChart(run: RunFolder): Chart {
  const shares = cumulativeSurplusSharePercent(run.market)
    .filter((point) => point.series !== 'consumers')
    .map((point) => ({ ...point, series: holderName(point.series) }));
  const established = establishedSurplusMonths(run.market, SHARE_SCALE_FLOOR);
  const fitted = shares.filter((point) => established.has(point.date)).map((p) => p.value);
  const domain = niceBounds(Math.min(0, ...fitted), Math.max(0, ...fitted));
  const beyond = monthsBeyond(shares, domain);
  return {
    title: 'The producers\u2019 shares of the surplus created so far',
    caption: `Each producer kind\u2019s cumulated profit as a share of the surplus created so far, on its own scale (consumers hold the rest); ${shareScaleText(beyond)}.`,
    spec: {
      layer: [ZERO_RULE, kindLines(shares, valueY('share of the surplus so far (%)', { domain }))],
    },
  };
}

/** A line per producer kind present in `points` (named as readers name them), in its colour. */
function kindLines(points: readonly SeriesPoint[], y: ReturnType<typeof valueY>) {
  const kinds = AGENT_KINDS.filter((kind) =>
    points.some((point) => point.series === HOLDER_NAMES[kind]),
  );
  return {
    data: monthlyData(points),
    mark: { type: 'line', strokeWidth: 2, clip: true },
    encoding: {
      x: MONTH_X,
      y,
      color: {
        field: 'series',
        type: 'nominal',
        scale: {
          domain: kinds.map((kind) => HOLDER_NAMES[kind]),
          range: kinds.map((kind) => HOLDER_COLOURS[kind]),
        },
        legend: { title: 'kind' },
      },
    },
  } as const;
}

/** "in 6 months (2022-11 to 2023-04)": the months with a value outside the domain, or ''. */
function monthsBeyond(
  points: readonly Pick<SeriesPoint, 'date' | 'value'>[],
  [low, high]: readonly [number, number],
): string {
  const months = [
    ...new Set(
      points.filter((point) => point.value < low || point.value > high).map((point) => point.date),
    ),
  ].sort();
  if (months.length === 0) return '';
  if (months.length === 1) return `in one month (${months[0]})`;
  return `in ${months.length} months (${months[0]} to ${months.at(-1)})`;
}

function operatingMarginChart(run: RunFolder): Chart {
  const margins = operatingMarginPercent(run.agents).map((point) => ({
    ...point,
    series: holderName(point.series),
  }));
  const clipped = margins.some((point) => point.value < MARGIN_FLOOR_PERCENT);
  return {
    title: 'Operating margin by kind',
    caption: `Each producer kind\u2019s profit as a share of its revenue month by month, summed over its agents and left out in months where it sells nothing${clipped ? `; margins below ${MARGIN_FLOOR_PERCENT} % run off the bottom edge` : ''}.`,
    spec: {
      layer: [
        ZERO_RULE,
        kindLines(
          margins,
          valueY('operating margin (%)', clipped ? { domainMin: MARGIN_FLOOR_PERCENT } : {}),
        ),
      ],
    },
  };
}
