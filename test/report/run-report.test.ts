import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { formatPercent, formatUsd } from '../../src/output/terminal.ts';
import { buildReport, writeReport } from '../../src/report/report.ts';
import { runHeading } from '../../src/report/run-report.ts';
import { writeSmallRun } from './fixture.ts';
import { bodyRows, figures, guideTitles, text } from './page.ts';

/** summary.csv's names of kinds and consumers, as the report writes them. */
const NAMES: Record<string, string> = {
  lab: 'labs',
  open_weight: 'open-weight providers',
  hyperscaler: 'hyperscalers',
  aggregator: 'aggregators',
  host: 'inference hosts',
  chip: 'chip vendors',
  consumers: 'consumers',
};

let folder: string;
let html: string;

beforeAll(async () => {
  ({ folder } = await writeSmallRun());
  const written = await writeReport(folder);
  expect(written).toBe(join(folder, 'report.html'));
  html = readFileSync(written, 'utf8');
});

describe('the report of one run', () => {
  it('shows six charts, each an inline SVG with a title inside it and a caption under it', () => {
    const charts = figures(html);
    expect(charts).toHaveLength(6);
    expect(html.match(/<svg[\s>]/g)).toHaveLength(6);
    for (const chart of charts) {
      expect(chart.match(/<svg[\s>]/g)).toHaveLength(1);
      const title = /class="mark-text role-title-text"[\s\S]*?<text[^>]*>([^<]+)<\/text>/.exec(
        chart,
      );
      expect(title?.[1]?.trim()).toBeTruthy();
      const caption = /<\/svg>\s*<figcaption>([\s\S]+?)<\/figcaption>\s*$/.exec(chart);
      expect(caption, 'a figcaption right after the chart').not.toBeNull();
      // One sentence: ends with a full stop and has no other sentence end inside.
      expect(text(caption![1]!)).toMatch(/^[^.]+(\.\d[^.]*|\.[a-z][^.]*)*\.$/);
      // A crisp sentence: its words, less the names of the sources it credits.
      const credits = /\bfrom [A-Z].*?(?=, and |\.$)/g;
      const words = text(caption![1]!).replace(credits, 'from X').split(/\s+/).length;
      expect(words, text(caption![1]!)).toBeLessThanOrEqual(45);
    }
    const titles = charts.map(
      (chart) => /role-title-text[\s\S]*?<text[^>]*>([^<]+)<\/text>/.exec(chart)![1],
    );
    expect(titles[2]).toContain('OpenAI');
    // Every month axis says how its months are written, and labels them so.
    for (const chart of charts) {
      expect(guideTitles(chart)).toContain('Month (YYYY-MM)');
      expect(guideTitles(chart)).not.toContain('month');
    }
  });

  it('names kinds and reference levels as a reader does, not by their identifiers', () => {
    const legends = figures(html).flatMap((chart) =>
      [...chart.matchAll(/role-legend-label[\s\S]*?<\/g>/g)].flatMap((group) =>
        [...group[0].matchAll(/<text[^>]*>([^<]+)<\/text>/g)].map((match) => text(match[1]!)),
      ),
    );
    for (const name of ['GPT-3.5 level', 'GPT-4 level', 'open-weight providers', 'inference hosts'])
      expect(legends).toContain(name);
    for (const identifier of ['gpt35', 'gpt4', 'open_weight', 'host', 'lab'])
      expect(legends).not.toContain(identifier);
  });

  it('shows each kind and consumers with the cumulated numbers of summary.csv', () => {
    const [header, ...lines] = readFileSync(join(folder, 'summary.csv'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => line.split(','));
    const column = (row: string[], name: string) => {
      const cell = row[header!.indexOf(name)]!;
      return cell === '' ? Number.NaN : Number(cell);
    };
    const expected = lines
      .filter((row) => row[0] !== 'agent')
      .map((row) => [
        NAMES[row[1]!],
        formatUsd(column(row, 'revenue')),
        formatUsd(column(row, row[0] === 'consumers' ? 'surplus' : 'profit')),
        formatPercent(column(row, 'operating_margin')),
        formatPercent(column(row, 'surplus_share')),
      ]);
    expect(expected.map((row) => row[0])).toEqual([
      'labs',
      'open-weight providers',
      'hyperscalers',
      'aggregators',
      'inference hosts',
      'chip vendors',
      'consumers',
    ]);

    const table = /<table>([\s\S]*?)<\/table>/.exec(html)![1]!;
    const shown = bodyRows(table);
    expect(shown).toEqual(expected);
  });

  it('says what was run: scenario, title, question, seed, months, customers', () => {
    const run = JSON.parse(readFileSync(join(folder, 'run.json'), 'utf8'));
    const header = text(/<header>([\s\S]*?)<\/header>/.exec(html)![1]!);
    for (const fact of [run.scenario, run.question, `seed${run.seed}`, '36', '2,000'])
      expect(header.replace(/\n/g, '')).toContain(String(fact));
    // The heading gives the months this run covered, not the scenario's default horizon.
    const heading = text(/<h1>([\s\S]*?)<\/h1>/.exec(html)![1]!);
    const name = String(run.title).replace(/,?\s*\d{4}-\d{2} to \d{4}-\d{2}$/, '');
    expect(heading).toBe(`${name}, ${run.start} to ${run.end}`);
    // run.json's title too names the months run, not the scenario's default horizon.
    expect(run.title).toBe(`${name}, ${run.start} to ${run.end}`);
    expect(run.parameters.title).not.toContain(run.end);
  });

  it('builds its heading from the run\u2019s own months, whatever range the title names', () => {
    const info = {
      scenario: 'baseline',
      title: 'Baseline, 2022-11 to 2030-12',
      question: '',
      seed: 1,
      start: '2022-11',
      end: '2024-10',
      months: 24,
      customers: 100,
      parametersJson: '{}',
    };
    expect(runHeading(info)).toBe('Baseline, 2022-11 to 2024-10');
    expect(runHeading({ ...info, title: 'Price war' })).toBe('Price war, 2022-11 to 2024-10');
  });

  it('refers to nothing a browser would fetch', () => {
    // Inline SVG carries its namespace names; browsers never fetch them. Nothing else may.
    const NAMESPACES = [
      'xmlns="http://www.w3.org/2000/svg"',
      'xmlns:xlink="http://www.w3.org/1999/xlink"',
    ];
    let rest = html;
    for (const attribute of NAMESPACES) rest = rest.split(attribute).join('');
    // Each pattern: what could make a browser load something. Failures show only the match.
    const found = (pattern: RegExp) => pattern.exec(rest)?.[0];
    expect(found(/https?:/i)).toBeUndefined();
    expect(found(/\/\/[a-z0-9.-]+\.[a-z]{2,}/i)).toBeUndefined(); // protocol-relative URLs
    expect(
      found(/<(script|link|img|iframe|object|embed|image|use|video|audio)[\s>]/i),
    ).toBeUndefined();
    expect(found(/\s(src|href|xlink:href|srcset|poster|data)=/i)).toBeUndefined();
    // url(#id) names a clip path in the same document; any other url() or @import would load.
    expect(found(/url\((?!#)[^)]*\)|@import/i)).toBeUndefined();
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'`,
    );
  });

  it('a missing folder or a folder that holds no result is an InputError naming the folder', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'aisim-empty-'));
    const noSeed = mkdtempSync(join(tmpdir(), 'aisim-noseed-'));
    writeFileSync(join(noSeed, 'run.json'), '{ "scenario": "baseline" }\n');
    for (const bad of [join(empty, 'absent'), empty, noSeed]) {
      const error = await buildReport(bad).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toContain(bad);
      expect((error as InputError).message).not.toContain('\n');
    }
    expect(readdirSync(empty)).toEqual([]);
    expect(readdirSync(noSeed)).toEqual(['run.json']);
    expect(existsSync(join(empty, 'absent'))).toBe(false);
  });
});
