/**
 * The charts of one run's report, in reading order: what a fixed capability costs, how far open
 * weights trail, what the leading lab charges, who holds the surplus, and who earns a margin.
 * Observations of the public record (src/analysis/observations.ts) are drawn over the simulated
 * series they calibrate.
 */
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
  observedLayers,
  valueY,
  ZERO_RULE,
} from './chart-parts.ts';
import type { Chart } from './charts.ts';
import { HOLDER_COLOURS, SERIES_COLOURS, SURPLUS_HOLDERS } from './palette.ts';
import type { RunFolder } from './run-folder.ts';
import {
  agentPriceUsdPerMTok,
  leadingLab,
  openGapPercent,
  operatingMarginPercent,
  referencePricesUsdPerMTok,
  surplusSharePercent,
} from './run-series.ts';

export function runCharts(run: RunFolder): Chart[] {
  return [
    referencePriceChart(run),
    openGapChart(run),
    flagshipPriceChart(run),
    surplusShareChart(run),
    operatingMarginChart(run),
  ];
}

const LOG_PRICE_Y = valueY('USD per million tokens (log scale)', { type: 'log' });

function referencePriceChart(run: RunFolder): Chart {
  const levels = [...run.referenceLevels];
  const observed = [
    ...GPT35_LEVEL_PRICES.map((o) => ({ ...o, series: 'cheapest at GPT-3.5 level' })),
    ...SMALL_MODEL_PRICES.map((o) => ({ ...o, series: 'capable small model' })),
  ].map(({ date, usdPerMTok, label, series }) => ({ date, value: usdPerMTok, label, series }));
  return {
    title: 'Price at each reference capability level',
    caption: `The cheapest API or cloud offer whose model reaches each reference capability level (${levels.join(', ')}) month by month, on a log scale, with the observed cheapest prices at the GPT-3.5 level and the price of a capable small model as labelled points.`,
    spec: {
      layer: [
        {
          data: monthlyData(referencePricesUsdPerMTok(run.market, levels)),
          mark: { type: 'line', strokeWidth: 2 },
          encoding: {
            x: MONTH_X,
            y: LOG_PRICE_Y,
            color: {
              field: 'series',
              type: 'nominal',
              scale: { domain: levels, range: [...SERIES_COLOURS] },
              legend: { title: 'simulated, level' },
            },
          },
        },
        ...observedLayers(observed, LOG_PRICE_Y),
      ],
    },
  };
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
    caption:
      'How far the best open-weight model trails the best closed one, as a percentage of the best closed model\u2019s capability, with the gap observed on Chatbot Arena as labelled points.',
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
            data: monthlyData(agentPriceUsdPerMTok(run.agents, lab)),
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
  return {
    title: `Flagship price of the leading lab${lab === undefined ? '' : ` (${lab})`}`,
    caption:
      lab === undefined
        ? 'No lab sold anything in the first month, so there is no leading lab to follow; the points are the leading lab\u2019s observed flagship launch prices.'
        : `The price of ${lab}\u2019s most capable offer, ${lab} being the lab with the largest share of customers\u2019 tokens in the first month, on a log scale, with the leading lab\u2019s observed flagship launch prices as labelled points.`,
    spec: { layer: [...simulated, ...observedLayers(observed, LOG_PRICE_Y)] },
  };
}

function surplusShareChart(run: RunFolder): Chart {
  const bands = divergingStack(surplusSharePercent(run.market), SURPLUS_HOLDERS);
  return {
    title: 'Who holds the surplus',
    caption:
      'Each month\u2019s total surplus (consumer surplus plus every producer kind\u2019s profit) split between consumers and the producer kinds, stacked, with the shares of kinds that lose money stacked below zero.',
    spec: {
      data: monthlyData(bands),
      mark: { type: 'area' },
      encoding: {
        x: MONTH_X,
        y: { field: 'high', type: 'quantitative', axis: { title: 'share of total surplus (%)' } },
        y2: { field: 'low' },
        color: {
          field: 'series',
          type: 'nominal',
          scale: {
            domain: [...SURPLUS_HOLDERS],
            range: SURPLUS_HOLDERS.map((holder) => HOLDER_COLOURS[holder]),
          },
          legend: { title: 'holder' },
        },
        detail: { field: 'part', type: 'nominal' },
      },
    },
  };
}

function operatingMarginChart(run: RunFolder): Chart {
  const margins = operatingMarginPercent(run.agents);
  const kinds = AGENT_KINDS.filter((kind) => margins.some((point) => point.series === kind));
  const clipped = margins.some((point) => point.value < MARGIN_FLOOR_PERCENT);
  return {
    title: 'Operating margin by kind',
    caption: `Each producer kind\u2019s profit as a share of its revenue month by month, summed over its agents and left out in months where it sells nothing${clipped ? `; margins below ${MARGIN_FLOOR_PERCENT} % run off the bottom edge` : ''}.`,
    spec: {
      layer: [
        ZERO_RULE,
        {
          data: monthlyData(margins),
          mark: { type: 'line', strokeWidth: 2, clip: true },
          encoding: {
            x: MONTH_X,
            y: valueY('operating margin (%)', clipped ? { domainMin: MARGIN_FLOOR_PERCENT } : {}),
            color: {
              field: 'series',
              type: 'nominal',
              scale: { domain: kinds, range: kinds.map((kind) => HOLDER_COLOURS[kind]) },
              legend: { title: 'kind' },
            },
          },
        },
      ],
    },
  };
}
