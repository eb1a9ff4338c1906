/** A sensitivity report as the terminal shows it: the ranked table and how to read it. */
import type { SensitivityReport } from '../analysis/sensitivity-report.ts';
import type { IntervalEstimate } from '../results/table.ts';
import { formatTable } from './terminal.ts';

/** How far outside [0, 1] an index estimate may fall by sampling error alone before a caution. */
const INDEX_SLACK = 0.1;

/** The ranked table for the terminal, with a line on how to read it. */
export function formatSensitivityTable(report: SensitivityReport): string {
  if (report.method === 'sobol') {
    const { first, total, baseRuns } = report.indices;
    const rows = report.ranking.map((input, place) => [
      String(place + 1),
      report.inputs[input]!,
      withInterval(total[input]!, 2),
      withInterval(first[input]!, 2),
    ]);
    const explained = first.reduce((sum, index) => sum + index.estimate, 0);
    // Indices are shares of variance, within [0, 1]; estimates well outside say the sample is
    // too small for the outcome's tails, and only the ranking is to be read.
    const outside = [...first, ...total].some(
      (index) => index.estimate < -INDEX_SLACK || index.estimate > 1 + INDEX_SLACK,
    );
    const caution = outside
      ? [
          '',
          'Some estimates fall outside [0, 1], where indices belong: at this sample size the',
          "outcome's tails dominate its variance. Read the ranking, not the values, and run the",
          'sweep with more base rows (--runs) to narrow the intervals.',
        ]
      : [];
    return [
      `Sobol indices of ${report.outcome} (${baseRuns} base rows), 95 % bootstrap intervals`,
      '',
      formatTable(['rank', 'input', 'total index', 'first-order index'], rows, [
        'right',
        'left',
        'right',
        'right',
      ]),
      '',
      `Total: the share of the outcome's variance an input explains, alone or with others; an`,
      `input with a total near 0 can be fixed. First-order indices sum to ${explained.toFixed(2)}:`,
      'the rest is interactions and the runs’ own randomness.',
      ...caution,
    ].join('\n');
  }
  if (report.method === 'rank') {
    const { prcc, spearman, runs, dropped } = report.correlations;
    const rows = report.ranking.map((input, place) => [
      String(place + 1),
      report.inputs[input]!,
      withInterval(prcc[input]!, 2),
      withInterval(spearman[input]!, 2),
    ]);
    const droppedNote =
      dropped > 0 ? `; ${dropped} run${dropped === 1 ? '' : 's'} without the outcome left out` : '';
    return [
      `Rank correlations with ${report.outcome} (${runs} runs${droppedNote}), 95 % bootstrap intervals`,
      '',
      formatTable(['rank', 'input', 'PRCC', 'Spearman'], rows, ['right', 'left', 'right', 'right']),
      '',
      'PRCC: how closely the outcome rises (+) or falls (-) with the input once the other inputs',
      'are accounted for, from -1 to 1; an input whose interval straddles 0 has no monotone effect',
      'this sweep can see. Spearman: the same without accounting for the others.',
    ].join('\n');
  }
  const rows = report.ranking.map((input, place) => {
    const effect = report.effects[input]!;
    return [
      String(place + 1),
      report.inputs[input]!,
      withInterval(effect.muStar, 3, true),
      significant(effect.mu),
      significant(effect.sigma),
    ];
  });
  return [
    `Morris elementary effects on ${report.outcome} (${report.effects[0]?.elementaryEffects.length ?? 0} trajectories), 95 % bootstrap intervals`,
    '',
    formatTable(['rank', 'input', 'mu*', 'mu', 'sigma'], rows, [
      'right',
      'left',
      'right',
      'right',
      'right',
    ]),
    '',
    'mu*: the mean absolute change in the outcome when the input moves half its range (in',
    'probability); mu: the same with signs (its direction); sigma: large when the input acts',
    'non-linearly or through interactions.',
  ].join('\n');
}

function withInterval(value: IntervalEstimate, digits: number, useSignificant = false): string {
  const show = (x: number) => (useSignificant ? significant(x) : fixed(x, digits));
  return `${show(value.estimate)} [${show(value.low)}, ${show(value.high)}]`;
}

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '-';
}

function significant(value: number): string {
  if (!Number.isFinite(value)) return '-';
  if (value !== 0 && (Math.abs(value) >= 1e6 || Math.abs(value) < 1e-3)) {
    return value.toExponential(2);
  }
  return Number(value.toPrecision(3)).toString();
}
