/**
 * The report of a batch: what was run (the window, the seeds, each scenario and its question),
 * the lab-versus-aggregator table `aisim batch` prints, and the batch's charts, as one
 * self-contained HTML page. Nothing on it depends on where or when it was written (no path, no
 * date), so the same batch gives the same bytes and a committed report can be reproduced.
 */

import type { BatchFolder, BatchInfo } from '../analysis/folders/batch-folder.ts';
import { batchAssumptionLines } from '../output/assumptions.ts';
import { batchMarginTable } from '../output/batch-summary.ts';
import { formatCount } from '../output/terminal.ts';
import { batchCharts, batchScenarios, seedsText, windowText } from './batch-charts.ts';
import { chartFigures } from './charts.ts';
import { assumptionsHtml, escapeHtml, htmlFacts, htmlTable } from './html.ts';
import { htmlPage } from './page.ts';

export async function batchReportHtml(batch: BatchFolder): Promise<string> {
  const figures = await chartFigures(batchCharts(batch));
  const table = batchMarginTable(batch.rows);
  const scenarios = batchScenarios(batch).length;
  const title = `Batch of ${scenarios} scenario${scenarios === 1 ? '' : 's'}, ${seedsText(batch)} each`;
  return htmlPage({
    title: `${title}: aisim report`,
    header: batchHeader(title, batch),
    sections: [
      [
        '<section>',
        '<h2>Lab versus aggregator</h2>',
        htmlTable(table.headers, table.rows),
        `<p class="note">${escapeHtml(tableNote(batch))}</p>`,
        ...overSharedNote(batch).map((note) => `<p class="note">${escapeHtml(note)}</p>`),
        '</section>',
      ].join('\n'),
      `<section>\n<h2>Scenario by scenario</h2>\n${figures.join('\n')}\n</section>`,
    ],
    footer: `Written by aisim report from batch.json and batch.csv${batch.info.version === '' ? '' : ` (ai-market-sim ${batch.info.version})`}.`,
  });
}

function batchHeader(title: string, batch: BatchFolder): string {
  const { info } = batch;
  const facts: [string, string][] = [
    ['window', windowText(batch)],
    ['seeds', seedList(info)],
    [
      'simulated customers',
      info.customers === undefined ? 'each scenario\u2019s own' : formatCount(info.customers),
    ],
    ...(info.months === undefined ? [] : [['months', String(info.months)] as [string, string]]),
    ...(info.settings.length === 0
      ? []
      : [['settings', info.settings.join(', ')] as [string, string]]),
  ];
  const questions = new Map(info.scenarios.map((scenario) => [scenario.name, scenario.question]));
  const scenarios = batchScenarios(batch)
    .map((name) => {
      const question = questions.get(name);
      return `<li><strong>${escapeHtml(name)}</strong>${question ? `: ${escapeHtml(question)}` : ''}</li>`;
    })
    .join('\n');
  return [
    `<h1>${escapeHtml(title)}</h1>`,
    assumptionsHtml(batchAssumptionLines(info)),
    htmlFacts(facts),
    `<ul class="scenarios">\n${scenarios}\n</ul>`,
  ].join('\n');
}

/** "5 (1 to 5)", or the seeds themselves when they are not a run of whole numbers. */
function seedList(info: BatchInfo): string {
  const { seeds } = info;
  const first = seeds[0];
  const last = seeds.at(-1);
  if (first === undefined || last === undefined) return '-';
  const consecutive = seeds.every((seed, index) => seed === first + index);
  if (seeds.length === 1) return String(first);
  return consecutive ? `${seeds.length} (${first} to ${last})` : seeds.join(', ');
}

function tableNote(batch: BatchFolder): string {
  return `Operating margins (cumulative profit over cumulative revenue) over ${windowText(batch)}: the mean over ${seedsText(batch)} \u00b1 the half-width of its 95 % interval, in percentage points. Aggregators - labs is the paired difference, taken seed by seed within the same runs; leading lab is the lab with the largest share of customers\u2019 tokens in the first month; consumers\u2019 share is their share of the total surplus (consumer surplus plus every producer kind\u2019s profit).`;
}

/**
 * A line on consumers' shares above 100 %, which read as an error until one sees that producers
 * together lost money; none when no scenario has one.
 */
function overSharedNote(batch: BatchFolder): string[] {
  const scenarios = batch.rows
    .filter((row) => row.scope === 'consumers' && row.surplusShare.estimate > 1)
    .map((row) => row.scenario);
  if (scenarios.length === 0) return [];
  return [
    `A consumers\u2019 share above 100 % (${scenarios.join(', ')}) means that the producers together lost money over the window: the total surplus is then smaller than the consumers\u2019 alone.`,
  ];
}
