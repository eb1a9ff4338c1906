/**
 * The report of a sweep: what was run (the scenario, the design, each uncertain input and its
 * distribution), each outcome across the runs (summary.csv), the paired differences within runs
 * (comparisons.csv), and the sweep's charts, as one self-contained HTML page. Nothing on it
 * depends on where or when it was written (no path, no date), so the same sweep gives the same
 * bytes.
 */

import type { SweepFolder } from '../analysis/folders/sweep-folder.ts';
import type { DesignSpec } from '../design/plan.ts';
import { distributionText } from '../math/distributions.ts';
import { sweepAssumptionsLine } from '../output/assumptions.ts';
import { formatOutcome } from '../output/sweep-summary.ts';
import { formatCount, formatInUnit, formatPercent } from '../output/terminal.ts';
import { MEASURE_UNITS, outcomeUnit } from '../results/outcomes.ts';
import { SUMMARY_QUANTILES } from '../results/sweep-files.ts';
import { chartFigures } from './charts.ts';
import { assumptionsHtml, escapeHtml, htmlFacts, htmlTable } from './html.ts';
import { HOLDER_NAMES } from './names.ts';
import { htmlPage } from './page.ts';
import { sweepCharts } from './sweep-charts.ts';

export async function sweepReportHtml(sweep: SweepFolder): Promise<string> {
  const charts = sweepCharts(sweep);
  const figures = await chartFigures([...charts.runs, ...charts.sensitivity]);
  const runFigures = figures.slice(0, charts.runs.length);
  const sensitivityFigures = figures.slice(charts.runs.length);
  const { manifest } = sweep;
  const title = `Sweep of ${manifest.scenario}: ${formatCount(manifest.runs)} runs over ${manifest.inputs.length} uncertain input${manifest.inputs.length === 1 ? '' : 's'}`;
  const sources = ['sweep.json', 'runs.csv', 'summary.csv', 'comparisons.csv'].concat(
    sweep.sensitivity.map((file) => file.file),
  );
  return htmlPage({
    title: `${title}: aisim report`,
    header: sweepHeader(title, sweep),
    sections: [
      [
        '<section>',
        '<h2>Outcomes across runs</h2>',
        outcomeTable(sweep),
        `<p class="note">${escapeHtml(OUTCOME_NOTE)}</p>`,
        '</section>',
      ].join('\n'),
      ...(sweep.comparisons.length === 0
        ? []
        : [
            [
              '<section>',
              '<h2>Paired differences within runs</h2>',
              comparisonTable(sweep),
              `<p class="note">${escapeHtml(COMPARISON_NOTE)}</p>`,
              '</section>',
            ].join('\n'),
          ]),
      ...(runFigures.length === 0
        ? []
        : [`<section>\n<h2>Run by run</h2>\n${runFigures.join('\n')}\n</section>`]),
      ...(sensitivityFigures.length === 0
        ? []
        : [
            `<section>\n<h2>Which assumptions decide</h2>\n${sensitivityFigures.join('\n')}\n</section>`,
          ]),
    ],
    footer: `Written by aisim report from ${sources.join(', ')}${manifest.version === '' ? '' : ` (ai-market-sim ${manifest.version})`}.`,
  });
}

const OUTCOME_NOTE =
  'Each outcome is cumulated over a run\u2019s whole horizon (final_ outcomes: its last month). Mean over the runs in which the outcome is defined, the 95 % confidence interval of that mean, and the 5 %, 50 % and 95 % quantiles across runs: the middle 90 % of runs lie between the first and the last.';

const COMPARISON_NOTE =
  'Each kind less the labs, run by run: both sides come from the same run, the same seed and the same inputs, so the interval of the mean difference is narrower than the two means\u2019 intervals apart. Runs above 0 is the share of runs in which the kind did better than the labs.';

function sweepHeader(title: string, sweep: SweepFolder): string {
  const { manifest } = sweep;
  const { options } = manifest;
  const facts: [string, string][] = [
    ['scenario', manifest.scenario],
    ['design', designText(manifest.design)],
    ['runs', formatCount(manifest.runs)],
    ['master seed', String(manifest.seed)],
    [
      'simulated customers',
      options.customers === undefined ? 'the scenario\u2019s own' : formatCount(options.customers),
    ],
    ...(options.months === undefined
      ? []
      : [['months', String(options.months)] as [string, string]]),
    ...(options.settings.length === 0
      ? []
      : [['settings', options.settings.join(', ')] as [string, string]]),
  ];
  const inputs = htmlTable(
    ['uncertain input', 'distribution'],
    manifest.inputs.map((input) => [input.path, distributionText(input.distribution)]),
  );
  return [
    `<h1>${escapeHtml(title)}</h1>`,
    assumptionsHtml([sweepAssumptionsLine(manifest)]),
    htmlFacts(facts),
    inputs,
  ].join('\n');
}

/** "sobol, 256 base rows": the design and the size it was asked for. */
function designText(design: DesignSpec): string {
  switch (design.name) {
    case 'random':
    case 'lhs':
      return `${design.name}, ${formatCount(design.runs)} runs`;
    case 'sobol':
      return `sobol, ${formatCount(design.baseRows)} base rows`;
    case 'morris':
      return `morris, ${formatCount(design.trajectories)} trajectories on ${design.levels} levels`;
    case 'grid':
      return `grid, ${design.levels} levels an input`;
  }
}

/** summary.csv, a row per outcome: its mean, sd, interval of the mean and quantiles, in units. */
function outcomeTable(sweep: SweepFolder): string {
  const rows = sweep.summary.map((row) => {
    const show = (value: number) => outcomeValue(row.outcome, value);
    return [
      outcomeLabel(row.outcome),
      formatCount(row.runs),
      show(row.mean.estimate),
      show(row.sd),
      `${show(row.mean.low)} to ${show(row.mean.high)}`,
      ...row.quantiles.map(show),
    ];
  });
  return htmlTable(
    [
      'outcome',
      'runs',
      'mean',
      'sd',
      '95 % interval of the mean',
      ...SUMMARY_QUANTILES.map((p) => `${p * 100} %`),
    ],
    rows,
  );
}

/** An outcome's name with the unit its values are in where they carry none: prices, the gap. */
export function outcomeLabel(outcome: string): string {
  switch (outcomeUnit(outcome)) {
    case 'usd_per_mtok':
      return `${outcome} (USD/MTok)`;
    case 'percent':
      return `${outcome} (%)`;
    default:
      return outcome;
  }
}

/** An outcome's value as summary tables write it; a percentage outcome with its "%". */
export function outcomeValue(outcome: string, value: number): string {
  const shown = formatOutcome(outcome, value);
  return outcomeUnit(outcome) === 'percent' && Number.isFinite(value) ? `${shown} %` : shown;
}

/** comparisons.csv, a row per measure and pair. */
function comparisonTable(sweep: SweepFolder): string {
  const rows = sweep.comparisons.map((row) => {
    const { measure, minuend, subtrahend } = row.pair;
    const show = (value: number) => formatInUnit(MEASURE_UNITS[measure], value);
    return [
      `${measure.replace(/_/g, ' ')}: ${HOLDER_NAMES[minuend]} - ${HOLDER_NAMES[subtrahend]}`,
      formatCount(row.runs),
      show(row.mean.estimate),
      `${show(row.mean.low)} to ${show(row.mean.high)}`,
      formatPercent(row.shareAboveZero),
    ];
  });
  return htmlTable(['difference', 'runs', 'mean', '95 % interval', 'runs above 0'], rows);
}
