/**
 * The report of a sweep: what was run (the scenario, the design, each uncertain input and its
 * distribution), each outcome across the runs (summary.csv), the paired differences within runs
 * (comparisons.csv), and the sweep's charts, as one self-contained HTML page. Nothing on it
 * depends on where or when it was written (no path, no date), so the same sweep gives the same
 * bytes.
 */

import type { DiscoveryFiles, SweepFolder } from '../analysis/folders/sweep-folder.ts';
import type { DesignSpec } from '../design/plan.ts';
import { distributionText } from '../math/distributions.ts';
import { sweepAssumptionsLine } from '../output/assumptions.ts';
import { formatParameter, formatQuasiP } from '../output/discovery-summary.ts';
import { formatOutcome, windowText } from '../output/sweep-summary.ts';
import { formatCount, formatInUnit, formatPercent } from '../output/terminal.ts';
import type { Window } from '../results/batch-files.ts';
import { DISCOVERY_BOX_CSV, DISCOVERY_CSV, DISCOVERY_JSON } from '../results/discovery-files.ts';
import { MEASURE_UNITS, outcomeUnit } from '../results/outcomes.ts';
import { SUMMARY_QUANTILES } from '../results/sweep-files.ts';
import { chartFigures } from './charts.ts';
import { discoveryChart } from './discovery-chart.ts';
import { assumptionsHtml, escapeHtml, htmlFacts, htmlTable } from './html.ts';
import { HOLDER_NAMES } from './names.ts';
import { htmlPage } from './page.ts';
import { sweepCharts } from './sweep-charts.ts';

export async function sweepReportHtml(sweep: SweepFolder): Promise<string> {
  const charts = sweepCharts(sweep);
  const discovery = sweep.discovery;
  const figures = await chartFigures([
    ...charts.runs,
    ...charts.sensitivity,
    ...(discovery === undefined ? [] : [discoveryChart(discovery)]),
  ]);
  const runFigures = figures.slice(0, charts.runs.length);
  const sensitivityFigures = figures.slice(
    charts.runs.length,
    charts.runs.length + charts.sensitivity.length,
  );
  const discoveryFigure = figures[charts.runs.length + charts.sensitivity.length];
  const { manifest } = sweep;
  const title = `Sweep of ${manifest.scenario}: ${formatCount(manifest.runs)} runs over ${manifest.inputs.length} uncertain input${manifest.inputs.length === 1 ? '' : 's'}`;
  const sources = ['sweep.json', 'runs.csv', 'summary.csv', 'comparisons.csv'].concat(
    sweep.sensitivity.map((file) => file.file),
    discovery === undefined ? [] : [DISCOVERY_JSON, DISCOVERY_CSV, DISCOVERY_BOX_CSV],
  );
  return htmlPage({
    title: `${title}: aisim report`,
    header: sweepHeader(title, sweep),
    sections: [
      [
        '<section>',
        '<h2>Outcomes across runs</h2>',
        outcomeTable(sweep),
        `<p class="note">${escapeHtml(outcomeNote(sweep.manifest.window))}</p>`,
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
      ...(discovery === undefined || discoveryFigure === undefined
        ? []
        : [discoverySection(discovery, discoveryFigure)]),
    ],
    footer: `Written by aisim report from ${sources.join(', ')}${manifest.version === '' ? '' : ` (ai-market-sim ${manifest.version})`}.`,
  });
}

/** What the outcome table shows, over the sweep's window or each run's whole horizon. */
function outcomeNote(window: Window | undefined): string {
  const span = windowText(window);
  return `Each outcome is cumulated ${span === '' ? 'over a run\u2019s whole horizon' : span} (final_ outcomes: ${span === '' ? 'its' : 'the window\u2019s'} last month); _leading_lab is the lab with the largest share of tokens in a run\u2019s first month. Over the runs in which the outcome is defined: the median, then the quantiles across runs (half the runs lie between 25 % and 75 %, nine in ten between 5 % and 95 %), then the mean with its 95 % confidence interval and the standard deviation.`;
}

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
    ...(windowText(manifest.window) === ''
      ? []
      : [['outcomes', windowText(manifest.window)] as [string, string]]),
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

const DISCOVERY_NOTE =
  'From aisim discover (PRIM, as in EMA Workbench). Coverage: the share of the runs where the condition holds that lie in the box; density: the share of the box\u2019s runs where it holds. A restriction\u2019s quasi-p-value is the one-sided binomial probability of the box\u2019s runs holding as often as they do, were the box\u2019s density that of the box without the restriction: small means the restriction matters. Runs in which the condition is undefined are left out.';

/** The condition's share, the chosen box and its restrictions, and the trajectory chart. */
function discoverySection(discovery: DiscoveryFiles, figure: string): string {
  const { record, trajectory, box } = discovery;
  const chosen = trajectory[record.chosenStep]!;
  const left = record.runs - record.defined;
  const share = `<p><code>${escapeHtml(record.condition)}</code> holds in ${formatCount(record.holding)} of ${formatCount(record.defined)} runs: <strong>${formatPercent(record.share.estimate)}</strong> (95 % interval ${formatPercent(record.share.low)} to ${formatPercent(record.share.high)}, Wilson score)${left > 0 ? `; ${formatCount(left)} run${left === 1 ? '' : 's'} left out, where it is undefined` : ''}.</p>`;
  const facts = htmlFacts([
    [
      'chosen box',
      `step ${chosen.step} of ${trajectory.length - 1}: ${record.reachesThreshold ? `the highest coverage of density ${formatPercent(record.settings.threshold)} or more` : `the densest (none reaches ${formatPercent(record.settings.threshold)})`}`,
    ],
    ['coverage', formatPercent(chosen.coverage)],
    ['density', formatPercent(chosen.density)],
    ['runs in the box', `${formatCount(chosen.runs)} (${formatPercent(chosen.mass)} of them)`],
    [
      'peeling',
      `alpha ${record.settings.peelAlpha}, smallest box ${formatPercent(record.settings.massMin)} of the runs${record.settings.pasteAlpha === undefined ? '' : `, pasting alpha ${record.settings.pasteAlpha}`}`,
    ],
  ]);
  const table =
    box.length === 0
      ? '<p>The box restricts no input: the condition holds as often everywhere.</p>'
      : htmlTable(
          ['restricted input', 'box', 'range of the runs', 'quasi-p low', 'quasi-p high'],
          box.map((row) => [
            row.input,
            `${formatParameter(row.low)} to ${formatParameter(row.high)}`,
            `${formatParameter(row.rangeLow)} to ${formatParameter(row.rangeHigh)}`,
            formatQuasiP(row.quasiPLow),
            formatQuasiP(row.quasiPHigh),
          ]),
        );
  return [
    '<section>',
    `<h2>Where ${escapeHtml(record.condition)}</h2>`,
    share,
    facts,
    table,
    figure,
    `<p class="note">${escapeHtml(DISCOVERY_NOTE)}</p>`,
    '</section>',
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

/**
 * summary.csv, a row per outcome: its median and quantiles across runs first, then its mean with
 * the interval of that mean, and its sd, in units.
 */
function outcomeTable(sweep: SweepFolder): string {
  const rows = sweep.summary.map((row) => {
    const show = (value: number) => outcomeValue(row.outcome, value);
    return [
      outcomeLabel(row.outcome),
      formatCount(row.runs),
      ...row.quantiles.map(show),
      show(row.mean.estimate),
      `${show(row.mean.low)} to ${show(row.mean.high)}`,
      show(row.sd),
    ];
  });
  return htmlTable(
    [
      'outcome',
      'runs',
      ...SUMMARY_QUANTILES.map((p) => (p === 0.5 ? 'median' : `${p * 100} %`)),
      'mean',
      '95 % interval of the mean',
      'sd',
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
