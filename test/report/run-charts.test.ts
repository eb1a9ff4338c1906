/**
 * What a run report's charts draw equals what the run wrote: each line's vertices, read back from
 * the SVG, are market.csv's or agents.csv's values month by month, placed where the chart's own
 * axis labels say those values and months are; observations sit on the same scales; and the
 * marks are drawn so that each can be seen and each caption names its sources.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  FLAGSHIP_PRICES,
  GPT35_LEVEL_PRICES,
  OPEN_GAP,
  SMALL_MODEL_PRICES,
} from '../../src/analysis/observations.ts';
import { writeReport } from '../../src/report/report.ts';
import { cellNumber, readRecords, writeSmallRun } from './fixture.ts';
import {
  affineFit,
  axisLabelPositions,
  drawnLines,
  drawnPoints,
  figures,
  KIND_NAMES,
  text,
} from './page.ts';

type CsvRecord = Record<string, string>;

let folder: string;
let charts: string[];
let market: CsvRecord[];
let agents: CsvRecord[];

beforeAll(async () => {
  ({ folder } = await writeSmallRun());
  charts = figures(readFileSync(await writeReport(folder), 'utf8'));
  market = readRecords(folder, 'market.csv');
  agents = readRecords(folder, 'agents.csv');
});

const LEVEL_NAMES: Record<string, string> = { gpt35: 'GPT-3.5 level', gpt4: 'GPT-4 level' };

/** Milliseconds at the start of a YYYY-MM month, UTC: where a chart puts the month. */
function monthMs(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, 1);
}

/** A number as an axis label writes it: "−100", "1,000", "0.02". */
function labelNumber(label: string): number {
  return Number(label.replace('\u2212', '-').replace(/,/g, ''));
}

type Series = Map<string, (readonly [date: string, value: number])[]>;

/**
 * Checks that the chart's lines are exactly `expected`, series by series and month by month:
 * each vertex where an affine map of the month and of the value (its logarithm on a log scale)
 * puts it, to a hundredth of a pixel; that the same maps put the observed points (if any) and the
 * axis labels; and returns the x and y maps' fits.
 */
function expectPlotted(
  svg: string,
  expected: Series,
  options: { readonly log?: boolean; readonly step?: boolean } = {},
) {
  const scale = (value: number) => (options.log ? Math.log10(value) : value);
  const lines = drawnLines(svg);
  expect(lines.map((line) => line.fields.series).sort()).toEqual([...expected.keys()].sort());
  const xs: [number, number][] = [];
  const ys: [number, number][] = [];
  for (const line of lines) {
    const values = expected.get(line.fields.series!)!;
    // A step line turns at each month: (x0, y0), (x1, y0), (x1, y1), ...; its months are the even vertices.
    const vertices = options.step ? line.vertices.filter((_, i) => i % 2 === 0) : line.vertices;
    expect(vertices, line.fields.series).toHaveLength(values.length);
    for (const [index, [date, value]] of values.entries()) {
      xs.push([monthMs(date), vertices[index]![0]]);
      ys.push([scale(value), vertices[index]![1]]);
    }
  }
  for (const point of drawnPoints(svg)) {
    xs.push([monthMs(point.fields.month!), point.x]);
    ys.push([scale(labelNumber(point.fields.value!)), point.y]);
  }
  const x = affineFit(xs);
  const y = affineFit(ys);
  expect(x.largestMiss).toBeLessThan(0.01);
  expect(y.largestMiss).toBeLessThan(0.01);
  expect(x.slope).toBeGreaterThan(0);
  expect(y.slope).toBeLessThan(0); // higher values higher up
  // The month axis labels each January where the lines put it.
  const months = axisLabelPositions(svg, 'X');
  expect(months.length).toBeGreaterThan(1);
  for (const label of months) {
    expect(label.text).toMatch(/^\d{4}-01$/);
    expect(Math.abs(x.at(monthMs(label.text)) - label.x)).toBeLessThan(0.01);
  }
  // Each value label sits where the lines put its value, written on a middle baseline: Vega
  // moves such text round(0.3 x 11 px) = 3 px down.
  const values = axisLabelPositions(svg, 'Y');
  expect(values.length).toBeGreaterThan(1);
  for (const label of values)
    expect(Math.abs(label.y - 3 - y.at(scale(labelNumber(label.text))))).toBeLessThan(0.01);
  return { x, y };
}

/** The chart's observed points are these values, in order (aria-labels keep 12 digits). */
function expectObserved(svg: string, values: readonly number[]): void {
  const shown = drawnPoints(svg).map((point) => labelNumber(point.fields.value!));
  expect(shown).toHaveLength(values.length);
  for (const [index, value] of values.entries())
    expect(Math.abs(shown[index]! - value) / value).toBeLessThan(1e-11);
}

/** A CSV column's defined values by month, as [date, value] pairs. */
function column(records: readonly CsvRecord[], name: string, factor = 1) {
  return records
    .map((record) => [record.date!, cellNumber(record[name]) * factor] as const)
    .filter(([, value]) => Number.isFinite(value));
}

/** The leading lab, from agents.csv: the lab with the largest token share in the first month. */
function leadingLab(): string {
  const first = Math.min(...agents.map((row) => Number(row.tick)));
  const labs = agents.filter((row) => Number(row.tick) === first && row.kind === 'lab');
  labs.sort((a, b) => Number(b.token_share) - Number(a.token_share));
  return labs[0]!.agent!;
}

function caption(figure: string): string {
  return text(/<figcaption>([\s\S]+?)<\/figcaption>/.exec(figure)![1]!);
}

describe('the charts of a run report draw what the run wrote', () => {
  it('prices at each reference level are market.csv’s price_<level> columns, on a log scale, with the observations on it', () => {
    const levels = Object.keys(market[0]!)
      .filter((name) => name.startsWith('price_'))
      .map((name) => name.slice('price_'.length));
    expect(levels).toEqual(['gpt35', 'gpt4']);
    expectPlotted(
      charts[0]!,
      new Map(levels.map((level) => [LEVEL_NAMES[level]!, column(market, `price_${level}`)])),
      { log: true },
    );
    expectObserved(
      charts[0]!,
      [...GPT35_LEVEL_PRICES, ...SMALL_MODEL_PRICES].map((o) => o.usdPerMTok),
    );
  });

  it('the open-closed gap is market.csv’s open_gap_pct, with Chatbot Arena’s observations', () => {
    expectPlotted(charts[1]!, new Map([['simulated', column(market, 'open_gap_pct')]]));
    expectObserved(
      charts[1]!,
      OPEN_GAP.map((o) => o.percent),
    );
  });

  it('the flagship price is agents.csv’s price of the leading lab, a step a month', () => {
    const lab = leadingLab();
    const rows = agents.filter((row) => row.agent === lab);
    // Named for readers as run.json names the lab ("OpenAI"), in the legend, title and caption.
    const name = JSON.parse(readFileSync(`${folder}/run.json`, 'utf8')).parameters.agents[lab]
      .displayName as string;
    expect(name).not.toBe(lab);
    expectPlotted(charts[2]!, new Map([[name, column(rows, 'price')]]), { log: true, step: true });
    expect(charts[2]).toContain(`Flagship price of the leading lab (${name})`);
    expect(caption(charts[2]!)).toContain(`The price of ${name}`);
    expect(caption(charts[2]!)).not.toContain(lab);
    expectObserved(
      charts[2]!,
      FLAGSHIP_PRICES.map((o) => o.usdPerMTok),
    );
  });

  it('the producers’ shares are their profit cumulated in market.csv over the surplus created so far', () => {
    const sums = new Map<string, number>();
    const expected: Series = new Map(Object.values(KIND_NAMES).map((name) => [name, []]));
    for (const row of market) {
      let total = 0;
      for (const holder of [...Object.keys(KIND_NAMES), 'consumers']) {
        const value = cellNumber(
          holder === 'consumers' ? row.consumer_surplus : row[`surplus_${holder}`],
        );
        sums.set(holder, (sums.get(holder) ?? 0) + value);
        total += sums.get(holder)!;
      }
      if (!(total > 0)) continue;
      for (const [kind, name] of Object.entries(KIND_NAMES))
        expected.get(name)!.push([row.date!, (sums.get(kind)! / total) * 100]);
    }
    expectPlotted(charts[4]!, expected);
  });

  it('operating margins are agents.csv’s profit over revenue, summed by kind each month', () => {
    const totals = new Map<string, { date: string; profit: number; revenue: number }>();
    for (const row of agents) {
      const key = `${row.date} ${row.kind}`;
      const total = totals.get(key) ?? { date: row.date!, profit: 0, revenue: 0 };
      total.profit += cellNumber(row.profit) || 0;
      total.revenue += cellNumber(row.revenue) || 0;
      totals.set(key, total);
    }
    const expected: Series = new Map();
    for (const [key, total] of totals) {
      if (!(total.revenue > 0)) continue;
      const name = KIND_NAMES[key.split(' ')[1]!]!;
      expected.set(name, [
        ...(expected.get(name) ?? []),
        [total.date, (total.profit / total.revenue) * 100],
      ]);
    }
    expectPlotted(charts[5]!, expected);
  });
});

describe('the charts of a run report can be read', () => {
  it('where two levels share their cheapest offer, the lower level’s line is dashed and drawn over the higher’s', () => {
    const lines = drawnLines(charts[0]!);
    expect(lines.map((line) => line.fields.series)).toEqual(['GPT-4 level', 'GPT-3.5 level']);
    const [higher, lower] = lines;
    expect(lower!.dash).toBe('6,4');
    expect(higher!.dash ?? '1,0').toBe('1,0');
    // The case that needs it happens in this run: the same price at both levels in some month.
    expect(market.some((row) => row.price_gpt35 !== '' && row.price_gpt35 === row.price_gpt4)).toBe(
      true,
    );
  });

  it('every observation’s label has a white halo under it, so that a line it crosses does not hide it', () => {
    for (const chart of charts.slice(0, 3)) {
      const groups = [
        ...chart.matchAll(/<g class="mark-text role-mark[^"]*"([^>]*)>([\s\S]*?)<\/g>/g),
      ];
      const texts = (group: string) =>
        [...group.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)].map((match) => ({
          at: /transform="([^"]*)"/.exec(match[1]!)![1],
          attributes: match[1]!,
          words: match[2],
        }));
      expect(groups).toHaveLength(2);
      const [halo, label] = groups.map((group) => ({
        attributes: group[1]!,
        texts: texts(group[2]!),
      }));
      expect(halo!.attributes).toContain('aria-hidden="true"');
      expect(halo!.texts.map(({ at, words }) => [at, words])).toEqual(
        label!.texts.map(({ at, words }) => [at, words]),
      );
      for (const { attributes } of halo!.texts) {
        expect(attributes).toContain('stroke="white"');
        expect(Number(/stroke-width="([^"]*)"/.exec(attributes)![1])).toBeGreaterThanOrEqual(3);
      }
      expect(label!.texts.length).toBeGreaterThan(0);
    }
  });

  it('each caption names the sources of its observations', () => {
    const sources = (observations: readonly { source: string }[]) => [
      ...new Set(observations.map((observation) => observation.source)),
    ];
    for (const source of sources([...GPT35_LEVEL_PRICES, ...SMALL_MODEL_PRICES]))
      expect(caption(charts[0]!)).toContain(source);
    expect(caption(charts[1]!)).toContain('Chatbot Arena');
    for (const source of sources(OPEN_GAP)) expect(caption(charts[1]!)).toContain(source);
    for (const source of sources(FLAGSHIP_PRICES)) expect(caption(charts[2]!)).toContain(source);
    expect(sources(GPT35_LEVEL_PRICES).join()).toContain('AI Index');
    expect(sources(FLAGSHIP_PRICES).join()).toContain('OpenAI');
  });

  it('the stack of shares fits its scale to the months by which 1 % of the surplus was created, and names the months off it', () => {
    const holders = ['consumers', ...Object.keys(KIND_NAMES)];
    const sums = new Map(holders.map((holder) => [holder, 0]));
    const months: { date: string; created: number; low: number; high: number }[] = [];
    for (const row of market) {
      for (const holder of holders)
        sums.set(
          holder,
          sums.get(holder)! +
            cellNumber(holder === 'consumers' ? row.consumer_surplus : row[`surplus_${holder}`]),
        );
      const created = [...sums.values()].reduce((a, b) => a + b, 0);
      const shares = [...sums.values()].map((value) => (value / created) * 100);
      months.push({
        date: row.date!,
        created,
        low: shares.filter((share) => share < 0).reduce((a, b) => a + b, 0),
        high: shares.filter((share) => share > 0).reduce((a, b) => a + b, 0),
      });
    }
    const total = months.at(-1)!.created;
    const shown = months.filter((month) => month.created > 0);
    const established = shown.filter((month) => month.created >= 0.01 * total);
    const axis = /Y-axis titled '([^']*)' for a linear scale with values from (\S+) to (\S+)"/.exec(
      charts[3]!,
    )!;
    expect(axis[1]).toBe('share of the surplus so far (%)');
    const [low, high] = [labelNumber(axis[2]!), labelNumber(axis[3]!)];
    expect(low).toBeLessThanOrEqual(Math.min(0, ...established.map((month) => month.low)));
    expect(high).toBeGreaterThanOrEqual(Math.max(100, ...established.map((month) => month.high)));
    // A nice scale, not one stretched to the first months' hundreds of percent.
    expect(high - low).toBeLessThanOrEqual(200);
    const beyond = shown.filter((month) => month.low < low || month.high > high);
    // Whether the first months run beyond the scale depends on the engine's numbers; the
    // caption names them when they do, and says nothing of it when they do not.
    const named =
      beyond.length === 1
        ? `one month (${beyond[0]!.date})`
        : `${beyond.length} months (${beyond[0]?.date} to ${beyond.at(-1)?.date})`;
    if (beyond.length > 0) expect(caption(charts[3]!)).toContain(`, off it in ${named}.`);
    else expect(caption(charts[3]!)).not.toContain('off it');
  });
});
