/**
 * A chart of a report: a Vega-Lite spec with a title and a one-sentence caption, rendered to SVG
 * here in Node by Vega, so the page needs no script and no network. The look every chart shares
 * (size, fonts, title placement) is set here once.
 */
import * as vega from 'vega';
import type { Config, TopLevelSpec } from 'vega-lite';
import * as vl from 'vega-lite';
import { escapeHtml } from './html.ts';

export interface Chart {
  /** Shown above the plot, in the SVG. */
  readonly title: string;
  /** One sentence saying what the chart shows, shown under it. */
  readonly caption: string;
  /** The plot: data inline, no title, no size, no config (those are set here). */
  readonly spec: TopLevelSpec;
  /** The plot's height when it is not CHART_HEIGHT_PX: a chart with a row per scenario grows. */
  readonly heightPx?: number;
}

export const CHART_WIDTH_PX = 640;
export const CHART_HEIGHT_PX = 280;

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

const CONFIG: Config = {
  font: FONT,
  background: 'white',
  view: { stroke: '#ddd' },
  title: { anchor: 'start', fontSize: 15, fontWeight: 600, offset: 12 },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 500, gridColor: '#eee' },
  legend: { labelFontSize: 11, labelLimit: 0, titleFontSize: 12, titleFontWeight: 500 },
};

/** A Vega loader that refuses to load anything: every chart's data is inline. */
const OFFLINE_LOADER = {
  ...vega.loader(),
  load: (uri: string) => Promise.reject(new Error(`charts load nothing (asked for ${uri})`)),
};

/** The chart as an SVG document, its title inside it. */
export async function chartSvg(chart: Chart): Promise<string> {
  const spec = {
    ...chart.spec,
    title: chart.title,
    description: chart.caption,
    width: CHART_WIDTH_PX,
    height: chart.heightPx ?? CHART_HEIGHT_PX,
    config: CONFIG,
  } as TopLevelSpec;
  const { $schema: _schema, ...vegaSpec } = vl.compile(spec).spec;
  const view = new vega.View(vega.parse(vegaSpec), {
    renderer: 'none',
    loader: OFFLINE_LOADER,
  });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The chart as an HTML figure: the SVG, then its caption. */
export async function chartFigure(chart: Chart): Promise<string> {
  return `<figure>\n${await chartSvg(chart)}\n<figcaption>${escapeHtml(chart.caption)}</figcaption>\n</figure>`;
}

/**
 * A page's charts as figures, in order. Vega numbers the clip paths and gradients it defines with
 * counters that live as long as the process; they are reset here and the charts drawn one after
 * another, so that ids are unique within the page and the page's bytes do not depend on what the
 * process drew before (committed reports are reproduced byte for byte).
 */
export async function chartFigures(charts: readonly Chart[]): Promise<string[]> {
  vega.resetSVGDefIds();
  const figures: string[] = [];
  for (const chart of charts) figures.push(await chartFigure(chart));
  return figures;
}
