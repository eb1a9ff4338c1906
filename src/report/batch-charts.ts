/**
 * The charts of a batch's report: every scenario's operating margin by kind at a glance, then
 * the paired aggregator-minus-lab difference that the thesis is stated in, with its interval.
 * Both read batch.csv's rows only.
 */

import type { BatchFolder } from '../analysis/folders/batch-folder.ts';
import { formatPercent } from '../output/terminal.ts';
import type { BatchRow } from '../results/batch-files.ts';
import { AGENT_KINDS } from '../scenario/schema.ts';
import { MARGIN_FLOOR_PERCENT } from './chart-parts.ts';
import type { Chart } from './charts.ts';
import { holderName } from './names.ts';
import { GUIDE_COLOUR, HOLDER_COLOURS } from './palette.ts';

export function batchCharts(batch: BatchFolder): Chart[] {
  const difference = marginDifferenceChart(batch);
  return [marginHeatmap(batch), ...(difference === undefined ? [] : [difference])];
}

/** The heatmap's column for the leading lab, beside the kinds. */
export const LEADING_LAB_COLUMN = 'leading lab';

/** A margin can reach +100 % at most (no cost at all); the colour scale is symmetric about 0. */
const MARGIN_CEILING_PERCENT = -MARGIN_FLOOR_PERCENT;

/** Above this size (in either direction) a cell is dark, and its label is written in white. */
const DARK_CELL_PERCENT = 60;

/** The axis of charts with a row per scenario: names in full, however long. */
const SCENARIO_AXIS = { title: 'scenario', labelLimit: 0 } as const;

/** Pixels per scenario in charts with a row per scenario. */
const ROW_HEIGHT_PX = 32;

/** One cell of the heatmap: a scenario's mean margin for one kind, in percent. */
export interface MarginCell {
  readonly scenario: string;
  /** The kind as a reader calls it ("open-weight providers"), or the leading lab's column. */
  readonly column: string;
  /** Null where the kind has no revenue (or no agent) in the scenario. */
  readonly marginPercent: number | null;
  readonly label: string;
  readonly dark: boolean;
}

/** The scenarios in batch.json's order, then any that only batch.csv names. */
export function batchScenarios(batch: BatchFolder): string[] {
  return [
    ...new Set([
      ...batch.info.scenarios.map((scenario) => scenario.name),
      ...batch.rows.map((row) => row.scenario),
    ]),
  ];
}

/** Every scenario by every kind that appears in the batch, and the leading lab. */
export function marginCells(batch: BatchFolder): MarginCell[] {
  const kinds = AGENT_KINDS.filter((kind) =>
    batch.rows.some((row) => row.scope === 'kind' && row.name === kind),
  );
  const find = (scenario: string, column: string): BatchRow | undefined =>
    batch.rows.find(
      (row) =>
        row.scenario === scenario &&
        (column === LEADING_LAB_COLUMN
          ? row.scope === 'leading_lab'
          : row.scope === 'kind' && row.name === column),
    );
  return batchScenarios(batch).flatMap((scenario) =>
    [...kinds, LEADING_LAB_COLUMN].map((column) => {
      const margin = find(scenario, column)?.operatingMargin.estimate ?? Number.NaN;
      const percent = Number.isFinite(margin) ? margin * 100 : null;
      return {
        scenario,
        column: holderName(column),
        marginPercent: percent,
        label: formatPercent(margin),
        dark: percent !== null && Math.abs(percent) > DARK_CELL_PERCENT,
      };
    }),
  );
}

function marginHeatmap(batch: BatchFolder): Chart {
  const cells = marginCells(batch);
  const scenarios = batchScenarios(batch);
  const columns = [...new Set(cells.map((cell) => cell.column))];
  const clamped = cells.some(
    (cell) => cell.marginPercent !== null && cell.marginPercent < MARGIN_FLOOR_PERCENT,
  );
  const x = {
    field: 'column',
    type: 'nominal',
    sort: columns,
    // Names of two words on two lines, so that six columns' labels fit above them; Vega writes
    // further lines below the first, so a one-word name is put on the second.
    axis: {
      title: 'kind',
      orient: 'top',
      labelAngle: 0,
      labelExpr:
        "length(split(datum.label, ' ')) > 1 ? split(datum.label, ' ') : ['', datum.label]",
      labelLineHeight: 12,
      labelPadding: 14,
    },
  } as const;
  const y = {
    field: 'scenario',
    type: 'nominal',
    sort: scenarios,
    axis: SCENARIO_AXIS,
  } as const;
  return {
    title: 'Operating margin by scenario and kind',
    caption: `Each kind\u2019s cumulative profit as a share of its cumulative revenue over ${windowText(batch)}, the mean over ${seedsText(batch)}, red for a loss and blue for a profit, the colour scale stopping at ${MARGIN_FLOOR_PERCENT} % and +${MARGIN_CEILING_PERCENT} %${clamped ? ` so that a deeper loss, whose value is printed in its cell, has the colour of ${MARGIN_FLOOR_PERCENT} %` : ''}.`,
    heightPx: Math.max(2, scenarios.length) * ROW_HEIGHT_PX,
    spec: {
      data: { values: cells.map((cell) => ({ ...cell })) },
      encoding: { x, y },
      layer: [
        {
          transform: [{ filter: 'isValid(datum.marginPercent)' }],
          mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
          encoding: {
            color: {
              field: 'marginPercent',
              type: 'quantitative',
              scale: {
                scheme: 'redblue',
                domain: [MARGIN_FLOOR_PERCENT, MARGIN_CEILING_PERCENT],
                domainMid: 0,
                clamp: true,
              },
              legend: { title: 'operating margin (%)', titleLimit: 0, gradientLength: 160 },
            },
          },
        },
        {
          mark: { type: 'text', fontSize: 11 },
          encoding: {
            text: { field: 'label', type: 'nominal' },
            color: {
              condition: { test: 'datum.dark', value: 'white' },
              value: '#1a1a1a',
            },
          },
        },
      ],
    },
  };
}

/** One scenario's aggregator-minus-lab difference, in percentage points. */
interface DifferencePoint {
  readonly scenario: string;
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

/** batch.csv's paired aggregator-minus-lab rows; undefined when the batch holds none. */
function marginDifferenceChart(batch: BatchFolder): Chart | undefined {
  const points: DifferencePoint[] = batchScenarios(batch).flatMap((scenario) => {
    const row = batch.rows.find(
      (candidate) =>
        candidate.scenario === scenario &&
        candidate.scope === 'difference' &&
        candidate.name === 'aggregator-lab',
    );
    const margin = row?.operatingMargin;
    if (margin === undefined || !Number.isFinite(margin.estimate)) return [];
    return [
      { scenario, estimate: margin.estimate * 100, low: margin.low * 100, high: margin.high * 100 },
    ];
  });
  if (points.length === 0) return undefined;
  const domain = differenceDomain(points);
  const intervals = points.filter(
    (point) => Number.isFinite(point.low) && Number.isFinite(point.high),
  );
  const clipped = intervals.some((point) => point.low < domain[0] || point.high > domain[1]);
  const x = {
    field: 'estimate',
    type: 'quantitative',
    scale: { domain, nice: true },
    axis: { title: 'aggregators minus labs, operating margin (percentage points)' },
  } as const;
  const y = {
    field: 'scenario',
    type: 'nominal',
    sort: points.map((point) => point.scenario),
    axis: SCENARIO_AXIS,
  } as const;
  return {
    title: 'Aggregators minus labs: operating margin, paired',
    caption: `The aggregators\u2019 operating margin less the labs\u2019 in each scenario, taken seed by seed within the same runs over ${windowText(batch)}, as its mean (point) and 95 % interval (line) over ${seedsText(batch)}, so that a point right of zero says the aggregators kept the wider margin${clipped ? ' and an interval wider than the chart runs off its edge' : ''}.`,
    heightPx: Math.max(2, points.length) * ROW_HEIGHT_PX,
    spec: {
      layer: [
        {
          data: { values: [{ estimate: 0 }] },
          mark: { type: 'rule', color: GUIDE_COLOUR, strokeDash: [4, 3] },
          encoding: { x: { ...x, field: 'estimate' } },
        },
        {
          data: { values: intervals.map((point) => ({ ...point })) },
          mark: { type: 'rule', strokeWidth: 2, color: HOLDER_COLOURS.aggregator, clip: true },
          encoding: { x: { ...x, field: 'low' }, x2: { field: 'high' }, y },
        },
        {
          data: { values: points.map((point) => ({ ...point })) },
          mark: {
            type: 'point',
            filled: true,
            size: 80,
            color: HOLDER_COLOURS.aggregator,
            opacity: 1,
          },
          encoding: { x, y },
        },
      ],
    },
  };
}

/**
 * The x range: every mean and zero, and the intervals as far as one more such span on either
 * side, so that one scenario's wide interval does not shrink every point to the middle.
 */
function differenceDomain(points: readonly DifferencePoint[]): [number, number] {
  const means = points.map((point) => point.estimate);
  const least = Math.min(0, ...means);
  const most = Math.max(0, ...means);
  const span = Math.max(most - least, 10);
  const finite = (values: number[]) => values.filter(Number.isFinite);
  const lowest = Math.min(least, ...finite(points.map((point) => point.low)));
  const highest = Math.max(most, ...finite(points.map((point) => point.high)));
  return [Math.max(lowest, least - span), Math.min(highest, most + span)];
}

/** "2025-01 to 2030-12", or the run's start or end where the window leaves them open. */
export function windowText(batch: BatchFolder): string {
  const { from, to } = batch.info.window;
  if (from === undefined && to === undefined) return 'the whole run';
  return `${from ?? 'the start'} to ${to ?? 'the end'}`;
}

/** "5 seeds". */
export function seedsText(batch: BatchFolder): string {
  const count = batch.info.seeds.length || (batch.rows[0]?.seeds ?? 0);
  return count === 1 ? '1 seed' : `${count} seeds`;
}
