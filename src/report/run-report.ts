/**
 * The report of one run: what was run, who earned what over the whole run (summary.csv), and the
 * run's charts, as one self-contained HTML page.
 */

import type { RunFolder, RunInfo } from '../analysis/folders/run-folder.ts';
import { runAssumptionsLine } from '../output/assumptions.ts';
import { formatCount, formatPercent, formatUsd } from '../output/terminal.ts';
import { titleWithoutHorizon } from '../scenario/overrides.ts';
import { chartFigures } from './charts.ts';
import { assumptionsHtml, escapeHtml, htmlFacts, htmlTable } from './html.ts';
import { holderName } from './names.ts';
import { htmlPage } from './page.ts';
import { runCharts } from './run-charts.ts';

export async function runReportHtml(run: RunFolder): Promise<string> {
  const figures = await chartFigures(runCharts(run));
  const { scenario, seed } = run.info;
  return htmlPage({
    title: `${scenario} (seed ${seed}): aisim report`,
    header: runHeader(run.info),
    sections: [
      `<section>\n<h2>Who earned what, cumulated over the run</h2>\n${summaryTable(run)}\n</section>`,
      `<section>\n<h2>Month by month</h2>\n${figures.join('\n')}\n</section>`,
    ],
    footer: `Written by aisim report from run.json, market.csv, agents.csv and summary.csv of ${scenario} (seed ${seed}).`,
  });
}

function runHeader(info: RunInfo): string {
  const facts: [string, string][] = [
    ['scenario', info.scenario],
    ['seed', String(info.seed)],
    ['months', `${info.months} (${info.start} to ${info.end})`],
    ['simulated customers', Number.isFinite(info.customers) ? formatCount(info.customers) : '-'],
  ];
  return [
    `<h1>${escapeHtml(runHeading(info))}</h1>`,
    info.question === '' ? '' : `<p class="question">${escapeHtml(info.question)}</p>`,
    assumptionsHtml([runAssumptionsLine(info)]),
    htmlFacts(facts),
  ]
    .filter((part) => part !== '')
    .join('\n');
}

/**
 * The scenario's title with the months this run covered: "Baseline, 2022-11 to 2024-10" for a
 * `--months 24` run of "Baseline, 2022-11 to 2030-12". A date range at the end of the title is
 * the scenario's default horizon, so it gives way to run.json's start and end.
 */
export function runHeading(info: RunInfo): string {
  const name = titleWithoutHorizon(info.title || info.scenario);
  return info.start === '' || info.end === '' ? name : `${name}, ${info.start} to ${info.end}`;
}

/** The kind rows and the consumers row of summary.csv; consumers' "profit" is their surplus. */
function summaryTable(run: RunFolder): string {
  const rows = run.summary
    .filter((row) => row.scope !== 'agent')
    .map((row) => [
      holderName(row.name),
      formatUsd(row.revenue),
      formatUsd(row.scope === 'consumers' ? row.surplus : row.profit),
      formatPercent(row.operating_margin),
      formatPercent(row.surplus_share),
    ]);
  return htmlTable(
    ['cumulated over the run', 'revenue', 'profit or surplus', 'operating margin', 'surplus share'],
    rows,
  );
}
