import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectResultKind } from '../../src/analysis/folders/detect.ts';
import { InputError } from '../../src/errors.ts';
import { formatOutcome } from '../../src/output/sweep-summary.ts';
import { formatCount, formatInUnit, formatPercent, formatUsd } from '../../src/output/terminal.ts';
import { buildReport, writeReport } from '../../src/report/report.ts';
import { type KindMeasure, MEASURE_UNITS } from '../../src/results/outcomes.ts';
import { cellNumber, readRecords, writeSmallRun, writeSmallSweep } from './fixture.ts';
import { axisLabelPositions, bodyRows, figures, guideTitles, KIND_NAMES, text } from './page.ts';

/** A Sobol sweep ranked on two outcomes, and a Morris sweep ranked on one. */
const SOBOL_OUTCOMES = ['operating_margin_lab', 'surplus_share_consumers'];
const MORRIS_OUTCOME = 'operating_margin_lab';
/** A money outcome, ranked too on the Morris sweep: its axis reads in dollars. */
const MORRIS_MONEY_OUTCOME = 'profit_lab';
const KINDS = ['lab', 'open_weight', 'hyperscaler', 'aggregator', 'host', 'chip'];

let sobolFolder: string;
let morrisFolder: string;
let html: string;
let morrisHtml: string;

beforeAll(async () => {
  [sobolFolder, morrisFolder] = await Promise.all([
    writeSmallSweep({ design: 'sobol', sensitivity: SOBOL_OUTCOMES }),
    writeSmallSweep({ design: 'morris', sensitivity: [MORRIS_OUTCOME, MORRIS_MONEY_OUTCOME] }),
  ]);
  const written = await writeReport(sobolFolder);
  expect(written).toBe(join(sobolFolder, 'report.html'));
  html = readFileSync(written, 'utf8');
  morrisHtml = await buildReport(morrisFolder);
});

/** The Morris report's chart of `outcome`. */
function morrisChart(outcome: string): string {
  return figures(morrisHtml).find(
    (chart) => chartTitle(chart) === `Which inputs move ${outcome}: Morris screening`,
  )!;
}

/** The chart's title: Vega draws it last, after the facets' headers (also titles). */
function chartTitle(figure: string): string | undefined {
  return [...figure.matchAll(/role-title-text[\s\S]*?<text[^>]*>([^<]+)<\/text>/g)].at(-1)?.[1];
}

function caption(figure: string): string {
  return text(/<figcaption>([\s\S]+?)<\/figcaption>/.exec(figure)![1]!);
}

/** The aria-labels of a chart's marks of one kind ("rect mark", "bar", "rule mark"). */
function markLabels(svg: string, role: string): string[] {
  const pattern = new RegExp(`aria-label="([^"]*)"[^>]*aria-roledescription="${role}"`, 'g');
  return [...svg.matchAll(pattern)].map((match) => text(match[1]!));
}

/** The texts of a chart's axis labels, in the order drawn. */
function axisLabels(svg: string): string[] {
  return [...svg.matchAll(/role-axis-label"[^>]*>([\s\S]*?)<\/g>/g)].flatMap((group) =>
    [...group[1]!.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => text(match[1]!)),
  );
}

/** A histogram bar's description: "lab: 3 runs from 10 to 20 %". */
interface Bar {
  readonly series: string;
  readonly runs: number;
  readonly start: number;
  readonly end: number;
}

function histogramBars(svg: string, unit: string): Bar[] {
  return markLabels(svg, 'rect mark').flatMap((label) => {
    const match = new RegExp(`^(.+): (\\d+) runs? from (\\S+) to (\\S+) ${unit}$`).exec(label);
    return match === null
      ? []
      : [
          {
            series: match[1]!,
            runs: Number(match[2]),
            start: Number(match[3]),
            end: Number(match[4]),
          },
        ];
  });
}

/**
 * Checks bars against the values they count: a bar holds the values from its start up to its
 * end (the chart's last edge included), the bars hold every value, and all have one width.
 */
function expectBarsCount(
  bars: readonly Bar[],
  values: readonly number[],
  what: string,
  top = Math.max(...bars.map((bar) => bar.end)),
): void {
  for (const bar of bars) {
    const inside = values.filter(
      (value) => value >= bar.start && (value < bar.end || (value === top && bar.end === top)),
    );
    expect(bar.runs, `${what}: ${bar.start} to ${bar.end}`).toBe(inside.length);
  }
  expect(
    bars.reduce((sum, bar) => sum + bar.runs, 0),
    what,
  ).toBe(values.length);
  const widths = new Set(bars.map((bar) => (bar.end - bar.start).toPrecision(6)));
  expect(widths.size, `${what}: one bin width`).toBe(1);
}

/** How the report shows a number on a bar's description: three significant digits. */
const significant = (value: number) => Number(value.toPrecision(3));

describe('the report of a sweep', () => {
  it('is recognised by its sweep.json', async () => {
    expect(await detectResultKind(sobolFolder)).toBe('sweep');
  });

  it('shows the margins across runs, the paired difference and a chart per sensitivity file, each titled, with axis titles and a one-sentence caption', () => {
    const charts = figures(html);
    expect(charts.map(chartTitle)).toEqual([
      'Operating margin by kind across runs',
      'Aggregators minus labs: operating margin, paired run by run',
      ...SOBOL_OUTCOMES.map((outcome) => `Which inputs decide ${outcome}: Sobol indices`),
    ]);
    expect(guideTitles(charts[0]!)).toEqual(['Operating margin (%)', 'Runs']);
    expect(guideTitles(charts[1]!)).toEqual([
      'Aggregators minus labs, operating margin (percentage points)',
      'Runs',
    ]);
    for (const [index, outcome] of SOBOL_OUTCOMES.entries())
      expect(guideTitles(charts[2 + index]!)).toEqual([
        `Sobol index (share of the variance of ${outcome})`,
        'Uncertain input (ranked)',
        'index',
      ]);
    for (const chart of charts) {
      expect(chart).toMatch(/<\/svg>\s*<figcaption>[\s\S]+?<\/figcaption>\s*$/);
      // One sentence: ends with a full stop and has no other sentence end inside.
      expect(caption(chart)).toMatch(/^[^.]+(\.\d[^.]*|\.[a-z][^.]*)*\.$/);
    }
    const runs = readRecords(sobolFolder, 'runs.csv').length;
    expect(caption(charts[0]!)).toContain(`the ${runs} runs of the sweep`);
    expect(caption(charts[2]!)).toContain('from 2 base rows');
  });

  it('counts every run of runs.csv in the margin histograms, kind by kind, on a common scale', () => {
    const runs = readRecords(sobolFolder, 'runs.csv');
    const summary = readRecords(sobolFolder, 'summary.csv');
    const bars = histogramBars(figures(html)[0]!, '%');
    expect([...new Set(bars.map((bar) => bar.series))]).toEqual(
      KINDS.map((kind) => KIND_NAMES[kind]),
    );
    const top = Math.max(...bars.map((bar) => bar.end));
    const bottom = Math.min(...bars.map((bar) => bar.start));
    for (const kind of KINDS) {
      const column = `operating_margin_${kind}`;
      // A margin below -100 % is counted at -100 %, as the caption says when it happens.
      const values = runs
        .map((run) => Math.max(cellNumber(run[column]) * 100, -100))
        .filter((value) => !Number.isNaN(value));
      expect(values.length).toBe(cellNumber(summary.find((row) => row.outcome === column)?.runs));
      expectBarsCount(
        bars.filter((bar) => bar.series === KIND_NAMES[kind]),
        values,
        kind,
        top,
      );
      expect(Math.min(...values)).toBeGreaterThanOrEqual(bottom);
      expect(Math.max(...values)).toBeLessThanOrEqual(top);
    }
    const clamped = runs.some((run) =>
      KINDS.some((kind) => cellNumber(run[`operating_margin_${kind}`]) < -1),
    );
    expect(caption(figures(html)[0]!).includes('counted in the leftmost bar')).toBe(clamped);
  });

  it('counts runs.csv\u2019s paired differences and states comparisons.csv\u2019s share above zero and mean with its interval', () => {
    const chart = figures(html)[1]!;
    const runs = readRecords(sobolFolder, 'runs.csv');
    const paired = readRecords(sobolFolder, 'comparisons.csv').find(
      (row) =>
        row.measure === 'operating_margin' &&
        row.minuend === 'aggregator' &&
        row.subtrahend === 'lab',
    )!;
    const differences = runs
      .map(
        (run) =>
          (cellNumber(run.operating_margin_aggregator) - cellNumber(run.operating_margin_lab)) *
          100,
      )
      .filter((difference) => !Number.isNaN(difference))
      .map((difference) => Math.min(Math.max(difference, -200), 200));
    expect(differences.length).toBe(cellNumber(paired.runs));
    expectBarsCount(histogramBars(chart, 'points'), differences, 'aggregators - labs');

    const points = (cell: string | undefined) => (cellNumber(cell) * 100).toFixed(1);
    const words = caption(chart);
    expect(words).toContain(`each of the ${paired.runs} runs`);
    expect(words).toContain(
      `above zero (dashed) in ${formatPercent(cellNumber(paired.share_above_zero))} of runs`,
    );
    expect(words).toContain(
      `mean difference (solid line) ${points(paired.mean)} points, 95 % interval ${points(paired.mean_low)} to ${points(paired.mean_high)} points`,
    );
    expect(markLabels(chart, 'rule mark')).toEqual([
      `mean difference: ${points(paired.mean)} points`,
      'zero',
    ]);
    expect(markLabels(chart, 'rect mark')).toContain(
      `95 % interval of the mean difference: ${points(paired.mean_low)} to ${points(paired.mean_high)} points`,
    );
  });

  it('draws the interval band, the mean and the zero line over the bars, and leaves headroom over the tallest bar', () => {
    const chart = figures(html)[1]!;
    // Vega draws marks in document order: later is on top.
    const order = [
      ...chart.matchAll(
        /aria-label="([^"]*)"[^>]*aria-roledescription="(rect mark|rule mark)"([^>]*)>/g,
      ),
    ].map((match) => ({ label: text(match[1]!), role: match[2]!, rest: match[3]! }));
    const bars = order.flatMap((mark, index) => (/ runs? from /.test(mark.label) ? [index] : []));
    const band = order.findIndex((mark) => mark.label.startsWith('95 % interval'));
    const mean = order.findIndex((mark) => mark.label.startsWith('mean difference'));
    const zero = order.findIndex((mark) => mark.label === 'zero');
    expect(bars.length).toBeGreaterThan(0);
    expect(band).toBeGreaterThan(Math.max(...bars));
    expect(mean).toBeGreaterThan(band);
    expect(zero).toBeGreaterThan(band);
    // The band lets the bars show through; the zero line is dashed and dark enough to see on a bar.
    const opacity = Number(
      /fill-opacity="([^"]*)"|opacity="([^"]*)"/.exec(order[band]!.rest)?.slice(1).find(Boolean),
    );
    expect(opacity).toBeGreaterThan(0);
    expect(opacity).toBeLessThan(0.5);
    expect(order[zero]!.rest).toMatch(/stroke="#222222"/);
    expect(order[zero]!.rest).toMatch(/stroke-dasharray="/);
    // The y axis runs beyond the tallest bar, to a round number.
    const tallest = Math.max(...histogramBars(chart, 'points').map((bar) => bar.runs));
    const axis = /Y-axis titled 'Runs' for a linear scale with values from 0 to (\d+)/.exec(chart);
    expect(Number(axis?.[1])).toBeGreaterThan(tallest);
  });

  it('draws each Sobol file\u2019s total and first-order indices with their intervals, inputs in rank order', () => {
    const inputs = (
      JSON.parse(readFileSync(join(sobolFolder, 'sweep.json'), 'utf8')) as {
        inputs: { path: string }[];
      }
    ).inputs.map((input) => input.path);
    for (const [index, outcome] of SOBOL_OUTCOMES.entries()) {
      const chart = figures(html)[2 + index]!;
      const csv = readRecords(sobolFolder, `sensitivity-${outcome}.csv`);
      expect(csv.map((row) => Number(row.rank))).toEqual(csv.map((_, place) => place + 1));
      expect([...csv.map((row) => row.input)].sort()).toEqual([...inputs].sort());
      // The input axis lists the inputs top to bottom in the file's order, which is its ranking.
      expect(axisLabels(chart).filter((label) => inputs.includes(label))).toEqual(
        csv.map((row) => row.input),
      );
      const shown = markLabels(chart, 'bar');
      const expected = csv.flatMap((row) =>
        (
          [
            ['total', 'total'],
            ['first-order', 'first'],
          ] as const
        ).map(
          ([measure, column]) =>
            `${row.input}: ${measure} index ${significant(cellNumber(row[column]))} (95 % interval ${significant(cellNumber(row[`${column}_low`]))} to ${significant(cellNumber(row[`${column}_high`]))})`,
        ),
      );
      expect(shown).toEqual(expected);
      // An interval line for every bar.
      expect(markLabels(chart, 'rule mark')).toHaveLength(expected.length);
    }
  });

  it('draws a Morris file\u2019s mu* with its interval, in the outcome\u2019s units, inputs in rank order', () => {
    const charts = figures(morrisHtml);
    expect(charts.map(chartTitle).slice(0, 2)).toEqual([
      'Operating margin by kind across runs',
      'Aggregators minus labs: operating margin, paired run by run',
    ]);
    expect(charts.map(chartTitle).slice(2).sort()).toEqual([
      `Which inputs move ${MORRIS_OUTCOME}: Morris screening`,
      `Which inputs move ${MORRIS_MONEY_OUTCOME}: Morris screening`,
    ]);
    const chart = morrisChart(MORRIS_OUTCOME);
    expect(guideTitles(chart)).toEqual([
      'Uncertain input (ranked)',
      `mu*: mean absolute change in ${MORRIS_OUTCOME} (percentage points)`,
    ]);
    expect(caption(chart)).toContain('over 2 trajectories');
    const csv = readRecords(morrisFolder, `sensitivity-${MORRIS_OUTCOME}.csv`);
    // An operating margin is a fraction in the file and shown in percentage points.
    const points = (cell: string | undefined) => significant(cellNumber(cell) * 100);
    expect(markLabels(chart, 'bar')).toEqual(
      csv.map(
        (row) =>
          `${row.input}: mu* ${points(row.mu_star)} percentage points (95 % interval ${points(row.mu_star_low)} to ${points(row.mu_star_high)})`,
      ),
    );
    expect(axisLabels(chart).filter((label) => label.includes('.'))).toEqual(
      csv.map((row) => row.input),
    );
  });

  it('shows a rank sensitivity file of an LHS sweep as PRCC and Spearman bars, one per input', async () => {
    const folder = await writeSmallSweep({ design: 'lhs', sensitivity: [MORRIS_OUTCOME] });
    const page = await buildReport(folder);
    const chart = figures(page).find(
      (figure) => chartTitle(figure) === `Which inputs decide ${MORRIS_OUTCOME}: rank correlations`,
    )!;
    expect(chart).toBeDefined();
    expect(guideTitles(chart)).toContain(`Rank correlation with ${MORRIS_OUTCOME} (-1 to 1)`);
    expect(caption(chart)).toContain('(PRCC)');
    const csv = readRecords(folder, `sensitivity-${MORRIS_OUTCOME}.csv`);
    // An interval the sweep is too small to define (PRCC with as many inputs as runs) reads '-'.
    const show = (cell: string | undefined) => {
      const value = cellNumber(cell);
      return Number.isFinite(value) ? significant(value) : '-';
    };
    expect(markLabels(chart, 'bar')).toEqual(
      csv.flatMap((row) => [
        `${row.input}: PRCC ${show(row.prcc)} (95 % interval ${show(row.prcc_low)} to ${show(row.prcc_high)})`,
        `${row.input}: Spearman ${show(row.spearman)} (95 % interval ${show(row.spearman_low)} to ${show(row.spearman_high)})`,
      ]),
    );
  });

  it('writes a money outcome\u2019s axis and bars in dollars with SI prefixes, not raw numbers', () => {
    const chart = morrisChart(MORRIS_MONEY_OUTCOME);
    expect(guideTitles(chart)).toContain(
      `mu*: mean absolute change in ${MORRIS_MONEY_OUTCOME} (USD)`,
    );
    const labels = axisLabelPositions(chart, 'X').map((label) => label.text);
    expect(labels.length).toBeGreaterThan(1);
    for (const label of labels) expect(label).toMatch(/^-?\$(0|\d+(\.\d+)?[KMBT]?)$/);
    const csv = readRecords(morrisFolder, `sensitivity-${MORRIS_MONEY_OUTCOME}.csv`);
    expect(markLabels(chart, 'bar')).toEqual(
      csv.map(
        (row) =>
          `${row.input}: mu* ${formatUsd(cellNumber(row.mu_star))} USD (95 % interval ${formatUsd(cellNumber(row.mu_star_low))} to ${formatUsd(cellNumber(row.mu_star_high))})`,
      ),
    );
  });

  it('marks zero on the paired difference\u2019s axis', () => {
    for (const page of [html, morrisHtml]) {
      const labels = axisLabelPositions(figures(page)[1]!, 'X').map((label) => label.text);
      expect(labels).toContain('0');
    }
  });

  it('keeps every caption to one sentence of at most 45 words', () => {
    for (const page of [html, morrisHtml])
      for (const chart of figures(page)) {
        const words = caption(chart).split(/\s+/).length;
        expect(words, caption(chart)).toBeLessThanOrEqual(45);
      }
  });

  it('shows summary.csv and comparisons.csv in its tables, number for number', () => {
    const tables = [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map((match) => match[1]!);
    // The inputs table is in the header; then the outcomes and the paired differences.
    const [, outcomes, differences] = tables;
    expect(bodyRows(outcomes!)).toEqual(
      readRecords(sobolFolder, 'summary.csv').map((row) => {
        // Prices in USD/MTok and the gap in %, as the outcome's label says.
        const unit = row.outcome!.startsWith('final_price')
          ? ' (USD/MTok)'
          : row.outcome!.endsWith('_pct')
            ? ' (%)'
            : '';
        const show = (cell: string | undefined) =>
          `${formatOutcome(row.outcome!, cellNumber(cell))}${unit === ' (%)' ? ' %' : ''}`;
        return [
          `${row.outcome}${unit}`,
          formatCount(cellNumber(row.runs)),
          show(row.q50),
          show(row.q05),
          show(row.q25),
          show(row.q75),
          show(row.q95),
          show(row.mean),
          `${show(row.mean_low)} to ${show(row.mean_high)}`,
          show(row.sd),
        ];
      }),
    );
    // The median leads, then the quantiles; the mean comes after them.
    expect([...outcomes!.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1])).toEqual([
      'outcome',
      'runs',
      'median',
      '5 %',
      '25 %',
      '75 %',
      '95 %',
      'mean',
      '95 % interval of the mean',
      'sd',
    ]);
    expect(outcomes).toContain('final_price_gpt35 (USD/MTok)');
    expect(outcomes).toContain('final_open_gap_pct (%)');
    // A value cell never wraps inside itself: "17.1 % ±14.0" or "a to b" stays on one line.
    for (const cell of outcomes!.matchAll(/<td>([^<]*)<\/td>/g)) expect(cell[1]).not.toContain(' ');
    expect(html).toMatch(/th, td \{[^}]*white-space: nowrap/);
    expect(html).not.toMatch(/(^|\s)td \{[^}]*white-space: normal/);
    expect(bodyRows(differences!)).toEqual(
      readRecords(sobolFolder, 'comparisons.csv').map((row) => {
        const unit = MEASURE_UNITS[row.measure as KindMeasure];
        const show = (cell: string | undefined) => formatInUnit(unit, cellNumber(cell));
        return [
          `${row.measure!.replace(/_/g, ' ')}: ${KIND_NAMES[row.minuend!]} - ${KIND_NAMES[row.subtrahend!]}`,
          formatCount(cellNumber(row.runs)),
          show(row.mean),
          `${show(row.mean_low)} to ${show(row.mean_high)}`,
          formatPercent(cellNumber(row.share_above_zero)),
        ];
      }),
    );
  });

  it('says what was run: the design, the runs, the seed, the run options and each input with its distribution', () => {
    const sweep = JSON.parse(readFileSync(join(sobolFolder, 'sweep.json'), 'utf8')) as {
      scenario: string;
      runs: number;
      inputs: { path: string; distribution: Record<string, unknown> }[];
    };
    const header = /<header>([\s\S]*?)<\/header>/.exec(html)![1]!;
    const facts = text(
      /<dl class="facts">([\s\S]*?)<\/dl>/.exec(header)![1]!.replace(/<\/dd>/g, '; '),
    );
    expect(facts).toContain(`scenario${sweep.scenario};`);
    expect(facts).toContain('designsobol, 2 base rows;');
    expect(facts).toContain(`runs${sweep.runs};`);
    expect(facts).toContain('master seed1;');
    expect(facts).toContain('simulated customers500;');
    expect(facts).toContain('months24;');
    const rows = [...header.matchAll(/<tr><th scope="row">([^<]*)<\/th><td>([^<]*)<\/td><\/tr>/g)];
    expect(rows.map((row) => text(row[1]!))).toEqual(sweep.inputs.map((input) => input.path));
    for (const [index, input] of sweep.inputs.entries()) {
      // A distribution's numbers, in order; a discrete one's values are a list.
      const parameters = Object.values(input.distribution).flatMap((value) =>
        typeof value === 'number'
          ? [String(value)]
          : Array.isArray(value)
            ? [`[${value.join(', ')}]`]
            : [],
      );
      expect(text(rows[index]![2]!)).toContain(`(${parameters.join(', ')})`);
    }
  });

  it('gives the same bytes every time, whatever the process drew before, and names no path', async () => {
    // A run report in between moves Vega's id counters on; the sweep page must not notice.
    await buildReport((await writeSmallRun()).folder);
    expect(await buildReport(sobolFolder)).toBe(html);
    expect(html).not.toContain(sobolFolder);
    expect(html).not.toContain(tmpdir());
    expect(html).not.toMatch(/20\d\d-\d\d-\d\dT/); // no timestamp
    expect(html).not.toMatch(/(?:src|href)=|url\((?!#)/); // nothing to fetch
  });

  it('has no sensitivity section when aisim sensitivity has not been run', async () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'aisim-plain-')), 'sweep');
    cpSync(sobolFolder, copy, { recursive: true });
    for (const outcome of SOBOL_OUTCOMES) rmSync(join(copy, `sensitivity-${outcome}.csv`));
    const page = await buildReport(copy);
    expect(figures(page).map(chartTitle)).toEqual(figures(html).slice(0, 2).map(chartTitle));
    expect(page).not.toContain('Which assumptions decide');
    expect(html).toContain('Which assumptions decide');
  });

  it('a runs.csv that lacks runs is an InputError naming the file', async () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'aisim-short-')), 'sweep');
    cpSync(sobolFolder, copy, { recursive: true });
    const lines = readFileSync(join(copy, 'runs.csv'), 'utf8').trimEnd().split('\n');
    writeFileSync(join(copy, 'runs.csv'), `${lines.slice(0, -1).join('\n')}\n`);
    const error = await buildReport(copy).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain(join(copy, 'runs.csv'));
    expect((error as InputError).message).toContain(`holds ${lines.length - 2} runs`);
    expect((error as InputError).message).not.toContain('\n');
  });
});

describe('a sweep report with a discovery', () => {
  const CONDITION = 'demand.priceElasticity > 1.1 and operating_margin_hyperscaler > 0.1';
  let folder: string;
  let page: string;

  beforeAll(async () => {
    folder = await writeSmallSweep({
      design: 'lhs',
      discover: CONDITION,
      window: { from: '2023-01', to: '2024-06' },
    });
    page = await buildReport(folder);
  });

  it('shows the condition\u2019s share with its interval, as discovery.json records it', () => {
    const record = JSON.parse(readFileSync(join(folder, 'discovery.json'), 'utf8'));
    const section = /<section>\s*<h2>Where ([^<]*)<\/h2>([\s\S]*?)<\/section>/.exec(page);
    expect(section).not.toBeNull();
    expect(text(section![1]!)).toBe(CONDITION);
    const body = text(section![2]!);
    expect(body).toContain(
      `${CONDITION} holds in ${formatCount(record.holding)} of ${formatCount(record.defined)} runs: ${formatPercent(record.share.estimate)} (95 % interval ${formatPercent(record.share.low)} to ${formatPercent(record.share.high)}, Wilson score)`,
    );
    // The interval is Wilson's, recomputed here: 1.96 standard errors about the shifted centre.
    const { holding: k, defined: n } = record;
    const z = 1.959963984540054;
    const centre = (k / n + (z * z) / (2 * n)) / (1 + (z * z) / n);
    const half =
      (z / (1 + (z * z) / n)) * Math.sqrt(((k / n) * (1 - k / n)) / n + (z * z) / (4 * n * n));
    expect(record.share.low).toBeCloseTo(Math.max(0, centre - half), 12);
    expect(record.share.high).toBeCloseTo(Math.min(1, centre + half), 12);
  });

  it('shows the chosen box from discovery.csv and each restriction from discovery-box.csv', () => {
    const trajectory = readRecords(folder, 'discovery.csv');
    const chosen = trajectory.find((row) => row.chosen === 'yes')!;
    const section = /<h2>Where [\s\S]*?<\/section>/.exec(page)![0];
    const facts = text(/<dl class="facts">([\s\S]*?)<\/dl>/.exec(section)![1]!);
    expect(facts).toContain(`step ${chosen.step} of ${trajectory.length - 1}`);
    expect(facts).toContain(formatPercent(cellNumber(chosen.coverage)));
    expect(facts).toContain(formatPercent(cellNumber(chosen.density)));
    const box = readRecords(folder, 'discovery-box.csv');
    const tables = [...section.matchAll(/<table>([\s\S]*?)<\/table>/g)].map((match) => match[1]!);
    if (box.length === 0) expect(section).toContain('restricts no input');
    else expect(bodyRows(tables[0]!).map((row) => row[0])).toEqual(box.map((row) => row.input));
    // The trajectory chart: a point per box and the chosen box ringed.
    const chart = figures(section)[0]!;
    expect(text(chartTitle(chart)!)).toBe(`Peeling trajectory: where ${CONDITION}`);
    expect(markLabels(chart, 'point').length).toBe(trajectory.length + 1);
    expect(page).toContain('discovery.json, discovery.csv, discovery-box.csv');
  });

  it('says which months the outcomes cover', () => {
    const header = /<header>([\s\S]*?)<\/header>/.exec(page)![1]!;
    expect(text(header)).toContain('over 2023-01 to 2024-06');
  });
});
