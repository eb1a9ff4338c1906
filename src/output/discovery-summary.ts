/** A condition's share and a discovery (PRIM's trajectory and box) as the terminal shows them. */
import type { Discovery } from '../analysis/discovery.ts';
import type { ConditionShare } from '../results/discovery-files.ts';
import { formatCount, formatPercent, formatTable } from './terminal.ts';

/**
 * "operating_margin_openai > 0.2: holds in 215 of 500 runs, 43.0 % (95 % interval 38.7 % to
 * 47.4 %, Wilson score)", and how many runs are left out where the condition is undefined.
 */
export function formatConditionShare(share: ConditionShare): string {
  const { estimate, low, high } = share.share;
  const left = share.runs - share.defined;
  return (
    `${share.condition}: holds in ${formatCount(share.holding)} of ${formatCount(share.defined)} runs, ` +
    `${formatPercent(estimate)} (95 % interval ${formatPercent(low)} to ${formatPercent(high)}, Wilson score)` +
    (left > 0
      ? `; ${formatCount(left)} run${left === 1 ? '' : 's'} left out, where it is undefined`
      : '')
  );
}

/** An input's value: three significant digits, whole numbers with separators from 1,000. */
export function formatParameter(value: number): string {
  if (!Number.isFinite(value)) return '-';
  if (Math.abs(value) >= 1000) return formatCount(value);
  return String(Number(value.toPrecision(3)));
}

/** A quasi-p-value: three decimals, or in powers of ten below 0.001; '-' for a side left free. */
export function formatQuasiP(value: number): string {
  if (!Number.isFinite(value)) return '-';
  return value >= 0.001 ? value.toFixed(3) : value.toExponential(1);
}

/** Why the chosen box was chosen, in words. */
export function chosenBoxRule(discovery: Discovery): string {
  const { threshold } = discovery.record.settings;
  return discovery.record.reachesThreshold
    ? `the highest coverage among the boxes of density ${formatPercent(threshold)} or more`
    : `no box reaches density ${formatPercent(threshold)}: the densest box`;
}

/** The share, PRIM's trajectory, and the chosen box with its restricted inputs. */
export function formatDiscovery(discovery: Discovery): string {
  const { record, trajectory, box } = discovery;
  const chosen = trajectory[record.chosenStep]!;
  const steps = trajectory.map((step) => [
    `${step.step}${step.chosen === 'yes' ? ' *' : ''}`,
    step.phase,
    formatPercent(step.coverage),
    formatPercent(step.density),
    formatPercent(step.mass),
    formatCount(step.runs),
    String(step.restricted),
  ]);
  const restrictions = box.map((row) => [
    row.input,
    `${formatParameter(row.low)} to ${formatParameter(row.high)}`,
    `${formatParameter(row.rangeLow)} to ${formatParameter(row.rangeHigh)}`,
    formatQuasiP(row.quasiPLow),
    formatQuasiP(row.quasiPHigh),
  ]);
  return [
    formatConditionShare(record),
    '',
    `PRIM's peeling trajectory (alpha ${record.settings.peelAlpha}${record.settings.pasteAlpha === undefined ? '' : `, pasting alpha ${record.settings.pasteAlpha}`}; * the chosen box)`,
    '',
    formatTable(
      ['step', 'phase', 'coverage', 'density', 'mass', 'runs', 'inputs restricted'],
      steps,
      ['left', 'left', 'right', 'right', 'right', 'right', 'right'],
    ),
    '',
    `Chosen box, step ${chosen.step} (${chosenBoxRule(discovery)}): coverage ${formatPercent(chosen.coverage)}, density ${formatPercent(chosen.density)}, ${formatCount(chosen.runs)} runs (mass ${formatPercent(chosen.mass)})`,
    '',
    restrictions.length === 0
      ? 'It restricts no input: the condition holds as often everywhere.'
      : formatTable(
          ['input', 'box', 'range of the runs', 'quasi-p low', 'quasi-p high'],
          restrictions,
        ),
  ].join('\n');
}
