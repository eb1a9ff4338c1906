import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectResultKind } from '../../src/analysis/folders/detect.ts';
import { InputError } from '../../src/errors.ts';
import { formatMargin } from '../../src/output/batch-summary.ts';
import { formatPercent } from '../../src/output/terminal.ts';
import { buildReport, writeReport } from '../../src/report/report.ts';
import { REPO } from '../helpers.ts';
import {
  cellNumber,
  csvRecords,
  SMALL_BATCH_WINDOW,
  writeSmallBatch,
  writeSmallRun,
} from './fixture.ts';
import {
  affineFit,
  axisLabelPositions,
  bodyRows,
  drawnPoints,
  figures,
  guideTitles,
  KIND_NAMES,
  text,
} from './page.ts';

let folder: string;
let html: string;
let batchCsv: Record<string, string>[];

beforeAll(async () => {
  ({ folder } = await writeSmallBatch());
  const written = await writeReport(folder);
  expect(written).toBe(join(folder, 'report.html'));
  html = readFileSync(written, 'utf8');
  batchCsv = csvRecords(readFileSync(join(folder, 'batch.csv'), 'utf8'));
});

/** A heatmap mark's fields from its aria-label: "column: lab; scenario: baseline; label: 17.2 %". */
function markFields(svg: string, mark: 'rect' | 'text'): Record<string, string>[] {
  const element = mark === 'rect' ? 'path' : 'text';
  const pattern = new RegExp(
    `<${element} aria-label="([^"]*)"[^>]*aria-roledescription="${mark} mark"[^>]*>`,
    'g',
  );
  return [...svg.matchAll(pattern)].map((match) =>
    Object.fromEntries(
      match[1]!.split('; ').map((pair) => {
        const at = pair.indexOf(': ');
        return [pair.slice(0, at), pair.slice(at + 2)];
      }),
    ),
  );
}

/** Any mark's fields from its aria-label, by the role Vega gives it ("rule mark", "point"). */
function markFieldsOf(svg: string, role: string): Record<string, string>[] {
  const pattern = new RegExp(`aria-label="([^"]*)"[^>]*aria-roledescription="${role}"`, 'g');
  return [...svg.matchAll(pattern)].map((match) =>
    Object.fromEntries(
      match[1]!.split('; ').map((pair) => {
        const at = pair.indexOf(': ');
        return [pair.slice(0, at), pair.slice(at + 2)];
      }),
    ),
  );
}

const row = (scenario: string, scope: string, name?: string) =>
  batchCsv.find(
    (record) =>
      record.scenario === scenario &&
      record.scope === scope &&
      (name === undefined || record.name === name),
  );

const interval = (record: Record<string, string> | undefined, measure: string) =>
  record === undefined
    ? undefined
    : {
        estimate: cellNumber(record[`${measure}_mean`]),
        low: cellNumber(record[`${measure}_low`]),
        high: cellNumber(record[`${measure}_high`]),
      };

describe('the report of a batch', () => {
  it('is recognised by its batch.json', async () => {
    expect(await detectResultKind(folder)).toBe('batch');
  });

  it('shows a heatmap and the paired difference, each titled, with axis titles and a one-sentence caption', () => {
    const charts = figures(html);
    expect(charts).toHaveLength(2);
    const titles = charts.map(
      (chart) => /role-title-text[\s\S]*?<text[^>]*>([^<]+)<\/text>/.exec(chart)?.[1],
    );
    expect(titles).toEqual([
      'Operating margin by scenario and kind',
      'Aggregators minus labs: operating margin, paired',
    ]);
    expect(guideTitles(charts[0]!)).toEqual(['kind', 'operating margin (%)', 'scenario']);
    expect(guideTitles(charts[1]!)).toEqual([
      'aggregators minus labs, operating margin (percentage points)',
      'scenario',
    ]);
    for (const chart of charts) {
      const caption = /<\/svg>\s*<figcaption>([\s\S]+?)<\/figcaption>\s*$/.exec(chart);
      expect(caption, 'a figcaption right after the chart').not.toBeNull();
      // One sentence: ends with a full stop and has no other sentence end inside.
      expect(text(caption![1]!)).toMatch(/^[^.]+(\.\d[^.]*|\.[a-z][^.]*)*\.$/);
      expect(text(caption![1]!)).toContain('2 seeds');
    }
  });

  it('labels each heatmap cell with the mean margin of batch.csv', () => {
    const labels = markFields(figures(html)[0]!, 'text');
    const scenarios = [...new Set(batchCsv.map((record) => record.scenario!))];
    const columns = [
      'lab',
      'open_weight',
      'hyperscaler',
      'aggregator',
      'host',
      'chip',
      'leading lab',
    ];
    expect(labels.map((label) => [label.scenario, label.column])).toEqual(
      scenarios.flatMap((scenario) =>
        columns.map((column) => [scenario, KIND_NAMES[column] ?? column]),
      ),
    );
    for (const label of labels) {
      const kind = Object.keys(KIND_NAMES).find((key) => KIND_NAMES[key] === label.column);
      const record =
        label.column === 'leading lab'
          ? row(label.scenario!, 'leading_lab')
          : row(label.scenario!, 'kind', kind);
      expect(label.label, `${label.scenario} ${label.column}`).toBe(
        formatPercent(cellNumber(record?.operating_margin_mean)),
      );
    }
  });

  it('colours every margin below -100 % alike, prints its value, and says so in the caption', async () => {
    // Give the small batch's open-weight kind a loss of six times its revenue in one scenario
    // and of twice in the other, and keep every other margin inside (-100 %, 100 %).
    const deepFolder = join(mkdtempSync(join(tmpdir(), 'aisim-deep-')), 'batch');
    mkdirSync(deepFolder);
    copyFileSync(join(folder, 'batch.json'), join(deepFolder, 'batch.json'));
    const [header, ...lines] = readFileSync(join(folder, 'batch.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    const columns = header!.split(',');
    const deepMargins = [-6, -2];
    let deepRows = 0;
    const edited = lines.map((line) => {
      const cells = line.split(',');
      if (cells[columns.indexOf('name')] !== 'open_weight') {
        // Every other margin inside (-100 %, 100 %), whatever the run gave; a kind that sold
        // nothing (no margin) is given one, so that every cell has a colour.
        for (const end of ['mean', 'low', 'high']) {
          const column = columns.indexOf(`operating_margin_${end}`);
          const value = Number(cells[column]);
          const known = cells[column] !== '' && Number.isFinite(value);
          if (known) cells[column] = String(Math.max(-0.5, Math.min(0.5, value)));
          else if (cells[columns.indexOf('scope')] === 'kind') cells[column] = '0';
        }
        return cells.join(',');
      }
      const margin = deepMargins[deepRows++]!;
      for (const [end, value] of [
        ['mean', margin],
        ['low', margin - 1],
        ['high', margin + 1],
      ] as const)
        cells[columns.indexOf(`operating_margin_${end}`)] = String(value);
      return cells.join(',');
    });
    expect(deepRows).toBe(2);
    writeFileSync(join(deepFolder, 'batch.csv'), `${[header, ...edited].join('\n')}\n`);

    const heatmap = figures(await buildReport(deepFolder))[0]!;
    const cells = [
      ...heatmap.matchAll(/aria-label="([^"]*)"[^>]*rect mark"[^>]*fill="([^"]+)"/g),
    ].map((match) => ({
      percent: Number(/marginPercent: (\S+)$/.exec(match[1]!)![1]!.replace('\u2212', '-')),
      fill: match[2]!,
    }));
    // Two scenarios, six kinds and the leading lab.
    expect(cells).toHaveLength(14);
    const deep = cells.filter((cell) => cell.percent < -100);
    const inside = cells.filter((cell) => Math.abs(cell.percent) < 90);
    expect(deep.map((cell) => cell.percent)).toEqual([-600, -200]);
    expect(inside.length).toBeGreaterThan(0);
    expect(new Set(deep.map((cell) => cell.fill)).size).toBe(1);
    for (const cell of inside) expect(cell.fill).not.toBe(deep[0]!.fill);
    const labels = markFields(heatmap, 'text').map((label) => label.label);
    expect(labels).toContain('-600.0 %');
    expect(labels).toContain('-200.0 %');
    expect(text(/<figcaption>([\s\S]+?)<\/figcaption>/.exec(heatmap)![1]!)).toContain(
      'a deeper loss, whose value is printed in its cell, has the colour of -100 %',
    );
    // The batch as run says so only if one of its margins is below -100 %.
    const deeper = batchCsv.some((record) => Number(record.operating_margin_mean) < -1);
    const said = text(/<figcaption>([\s\S]+?)<\/figcaption>/.exec(figures(html)[0]!)![1]!);
    expect(said.includes('deeper loss')).toBe(deeper);
  });

  it('shows the lab-versus-aggregator table with the numbers of batch.csv', () => {
    const scenarios = [...new Set(batchCsv.map((record) => record.scenario!))];
    const expected = scenarios.map((scenario) => [
      scenario,
      formatMargin(interval(row(scenario, 'kind', 'lab'), 'operating_margin')),
      formatMargin(interval(row(scenario, 'kind', 'aggregator'), 'operating_margin')),
      formatMargin(interval(row(scenario, 'difference', 'aggregator-lab'), 'operating_margin')),
      formatMargin(interval(row(scenario, 'kind', 'hyperscaler'), 'operating_margin')),
      formatMargin(interval(row(scenario, 'leading_lab'), 'operating_margin')),
      formatMargin(interval(row(scenario, 'consumers'), 'surplus_share')),
    ]);
    expect(expected.flat().filter((cell) => cell.includes('±'))).toHaveLength(scenarios.length * 6);
    const table = /<table>([\s\S]*?)<\/table>/.exec(html)![1]!;
    const headers = [...table.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => text(m[1]!));
    expect(headers).toEqual([
      'scenario',
      'labs',
      'aggregators',
      'aggregators - labs',
      'hyperscalers',
      'leading lab',
      'consumers\u2019 share',
    ]);
    const shown = bodyRows(table);
    expect(shown).toEqual(expected);
    // Each table sits in a box, no wider than the window, that scrolls sideways, so that the
    // page never has to (test/report/browser.test.ts measures it in Chromium).
    expect(html).toMatch(/<div class="table-scroll">\s*<table>/);
    expect(html).toContain(
      '.table-scroll { width: max-content; max-width: calc(50% + 50vw - 1.5rem); overflow-x: auto; }',
    );
  });

  it('draws batch.csv\u2019s paired aggregator-minus-lab differences: each point its mean, each line its interval', () => {
    const chart = figures(html)[1]!;
    const scenarios = [...new Set(batchCsv.map((record) => record.scenario!))];
    const percent = (cell: string | undefined) => cellNumber(cell) * 100;
    const close = (shown: string | undefined, expected: number) =>
      expect(Math.abs(Number(shown!.replace('\u2212', '-')) - expected)).toBeLessThan(
        1e-9 * Math.max(1, Math.abs(expected)),
      );
    const points = drawnPoints(chart);
    expect(points.map((point) => point.fields.scenario)).toEqual(scenarios);
    const rules = markFieldsOf(chart, 'rule mark').filter((rule) => rule.scenario !== undefined);
    expect(rules.map((rule) => rule.scenario)).toEqual(scenarios);
    for (const [index, scenario] of scenarios.entries()) {
      const record = row(scenario, 'difference', 'aggregator-lab')!;
      close(points[index]!.fields.estimate, percent(record.operating_margin_mean));
      close(rules[index]!.low, percent(record.operating_margin_low));
      close(rules[index]!.high, percent(record.operating_margin_high));
    }
    // And each point is where the x axis puts its value.
    const fit = affineFit(
      points.map((point) => [Number(point.fields.estimate!.replace('\u2212', '-')), point.x]),
    );
    expect(fit.slope).toBeGreaterThan(0);
    for (const label of axisLabelPositions(chart, 'X'))
      expect(Math.abs(fit.at(Number(label.text.replace('\u2212', '-'))) - label.x)).toBeLessThan(
        0.01,
      );
  });

  it('says in a note when consumers hold more than all the surplus, and only then', async () => {
    expect(html).not.toContain('A consumers\u2019 share above 100 %');
    const over = join(mkdtempSync(join(tmpdir(), 'aisim-over-')), 'batch');
    mkdirSync(over);
    copyFileSync(join(folder, 'batch.json'), join(over, 'batch.json'));
    const [header, ...lines] = readFileSync(join(folder, 'batch.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    const columns = header!.split(',');
    const edited = lines.map((line) => {
      const cells = line.split(',');
      if (cells[columns.indexOf('scope')] !== 'consumers' || cells[0] !== 'price-war') return line;
      cells[columns.indexOf('surplus_share_mean')] = '1.25';
      return cells.join(',');
    });
    writeFileSync(join(over, 'batch.csv'), `${[header, ...edited].join('\n')}\n`);
    const page = await buildReport(over);
    const notes = [...page.matchAll(/<p class="note">([^<]*)<\/p>/g)].map((match) =>
      text(match[1]!),
    );
    expect(notes).toContain(
      'A consumers\u2019 share above 100 % (price-war) means that the producers together lost money over the window: the total surplus is then smaller than the consumers\u2019 alone.',
    );
  });

  it('says what was run: the window, the seeds, each scenario with its question', () => {
    const batch = JSON.parse(readFileSync(join(folder, 'batch.json'), 'utf8'));
    const header = text(/<header>([\s\S]*?)<\/header>/.exec(html)![1]!).replace(/\n/g, ' ');
    expect(header).toContain(`${SMALL_BATCH_WINDOW.from} to ${SMALL_BATCH_WINDOW.to}`);
    expect(header).toContain('seeds2 (1 to 2)');
    expect(header).toContain('2,000');
    expect(batch.scenarios).toHaveLength(2);
    for (const scenario of batch.scenarios) {
      expect(header).toContain(scenario.name);
      expect(header).toContain(scenario.question);
    }
  });

  it('gives the same bytes every time, whatever the process drew before, and names no path', async () => {
    // A run report in between moves Vega's id counters on; the batch page must not notice.
    await buildReport((await writeSmallRun()).folder);
    expect(await buildReport(folder)).toBe(html);
    expect(html).not.toContain(folder);
    expect(html).not.toContain(tmpdir());
    expect(html).not.toMatch(/20\d\d-\d\d-\d\dT/); // no timestamp
  });

  it.skipIf(!existsSync(join(REPO, 'results', 'report.html')))(
    'the committed results/report.html is the report of the committed results/batch',
    async () => {
      expect(await buildReport(join(REPO, 'results', 'batch'))).toBe(
        readFileSync(join(REPO, 'results', 'report.html'), 'utf8'),
      );
    },
  );

  it('a batch.json of another kind is no result: an InputError naming the folder', async () => {
    const other = mkdtempSync(join(tmpdir(), 'aisim-notbatch-'));
    writeFileSync(join(other, 'batch.json'), '{ "kind": "sweep" }\n');
    const error = await buildReport(other).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain(other);
    expect((error as InputError).message).not.toContain('\n');
  });
});

describe('a batch folder’s batch-runs.csv', () => {
  /** Student's t at 0.975 with one degree of freedom (two seeds), from standard tables. */
  const T_ONE_DEGREE = 12.706;
  const MEASURES = ['profit', 'operating_margin', 'surplus_share'] as const;

  let runs: Record<string, string>[];
  beforeAll(() => {
    runs = csvRecords(readFileSync(join(folder, 'batch-runs.csv'), 'utf8'));
  });

  /** The mean of two values and its 95 % interval, as batch.csv should give it. */
  function interval(values: readonly number[]) {
    expect(values).toHaveLength(2);
    const mean = (values[0]! + values[1]!) / 2;
    const sd = Math.abs(values[0]! - values[1]!) / Math.SQRT2;
    const half = (T_ONE_DEGREE * sd) / Math.SQRT2;
    return { estimate: mean, low: mean - half, high: mean + half };
  }

  function expectClose(shown: number, expected: number, what: string) {
    if (Number.isNaN(expected)) expect(shown, what).toBeNaN();
    else
      expect(Math.abs(shown - expected), what).toBeLessThanOrEqual(
        1e-12 * Math.max(1, Math.abs(expected)),
      );
  }

  it('has a row per scenario, seed and holder, tidy, with its own stable columns', () => {
    expect(Object.keys(runs[0]!)).toEqual([
      'scenario',
      'seed',
      'scope',
      'name',
      'kind',
      'revenue',
      'profit',
      'operating_margin',
      'surplus',
      'surplus_share',
    ]);
    const holders = batchCsv.filter((record) => record.scope !== 'difference');
    const scenarios = [...new Set(holders.map((record) => record.scenario!))];
    expect(runs.map((run) => [run.scenario, run.seed, run.scope, run.name])).toEqual(
      scenarios.flatMap((scenario) =>
        ['1', '2'].flatMap((seed) =>
          holders
            .filter((record) => record.scenario === scenario)
            .map((record) => [scenario, seed, record.scope, record.name]),
        ),
      ),
    );
    // In each seed, the holders' surplus adds up to the total their shares are of.
    for (const scenario of scenarios)
      for (const seed of ['1', '2']) {
        const holdersOfSeed = runs.filter(
          (run) => run.scenario === scenario && run.seed === seed && run.scope !== 'leading_lab',
        );
        const total = holdersOfSeed.reduce((sum, run) => sum + cellNumber(run.surplus), 0);
        for (const run of holdersOfSeed)
          expectClose(cellNumber(run.surplus_share), cellNumber(run.surplus) / total, run.name!);
        const consumers = holdersOfSeed.find((run) => run.scope === 'consumers')!;
        expect([consumers.revenue, consumers.profit, consumers.operating_margin]).toEqual([
          '',
          '',
          '',
        ]);
      }
  });

  it('gives batch.csv’s means and intervals, seed by seed', () => {
    for (const record of batchCsv.filter((r) => r.scope !== 'difference')) {
      const seeds = runs.filter(
        (run) =>
          run.scenario === record.scenario &&
          run.scope === record.scope &&
          run.name === record.name,
      );
      for (const measure of MEASURES) {
        const expected = interval(seeds.map((run) => cellNumber(run[measure])));
        const what = `${record.scenario} ${record.name} ${measure}`;
        expectClose(cellNumber(record[`${measure}_mean`]), expected.estimate, what);
        expectClose(cellNumber(record[`${measure}_low`]), expected.low, what);
        expectClose(cellNumber(record[`${measure}_high`]), expected.high, what);
      }
    }
  });

  it('gives batch.csv’s paired aggregator-minus-lab difference: the mean of the seeds’ differences and its interval', () => {
    for (const record of batchCsv.filter((r) => r.scope === 'difference')) {
      expect(record.name).toBe('aggregator-lab');
      const side = (name: string) =>
        runs.filter(
          (run) => run.scenario === record.scenario && run.scope === 'kind' && run.name === name,
        );
      const [aggregators, labs] = [side('aggregator'), side('lab')];
      for (const measure of MEASURES) {
        const differences = aggregators.map(
          (run, index) => cellNumber(run[measure]) - cellNumber(labs[index]![measure]),
        );
        const expected = interval(differences);
        const what = `${record.scenario} ${measure}`;
        expectClose(cellNumber(record[`${measure}_mean`]), expected.estimate, what);
        expectClose(cellNumber(record[`${measure}_low`]), expected.low, what);
        expectClose(cellNumber(record[`${measure}_high`]), expected.high, what);
      }
    }
  });
});
