/**
 * What a result assumed, in plain words: the line every terminal summary and every report shows
 * first, before any number. "Assumptions: --set technology.hardwareCostDeclinePerYear=0.2,
 * --months 48; differs from baseline in: demand.priceElasticity 1.1 -> 1.5".
 */
import { showValue } from '../errors.ts';
import type { SweepManifest } from '../execution/sweep-manifest.ts';
import { type Distribution, distributionText } from '../math/distributions.ts';
import { type RunOptionsRecord, readLineage, type SweepRunRecord } from '../results/assumptions.ts';
import type { BatchMetadata, Window } from '../results/batch-files.ts';
import type { ParameterDifference, ScenarioLineage } from '../scenario/differences.ts';
import { overrideWords } from '../scenario/overrides.ts';

interface Assumptions {
  /** The run options given; undefined when the record has none (an older version's). */
  readonly options: RunOptionsRecord | undefined;
  /** The window the figures cover, for commands that have one. */
  readonly window?: Window;
  /** A sweep's run run again alone. */
  readonly sweepRun?: SweepRunRecord | undefined;
}

/** What run.json records of a run's assumptions (and the library's `WrittenRun.metadata`). */
export interface RunAssumptions {
  readonly options?: RunOptionsRecord | undefined;
  readonly sweepRun?: SweepRunRecord | undefined;
  readonly lineage?: ScenarioLineage | undefined;
}

/** A run's line: "Assumptions: --set a=1, --months 48; differs from baseline in: x 1 -> 2". */
export function runAssumptionsLine(run: RunAssumptions): string {
  return assumptionsLine({ options: run.options, sweepRun: run.sweepRun }, run.lineage);
}

/** A sweep's line: its run options, and how its scenario differs from the one it extends. */
export function sweepAssumptionsLine(manifest: SweepManifest): string {
  return assumptionsLine({ options: manifest.options }, readLineage(manifest));
}

/**
 * A batch's lines: the options every scenario ran with, then one line for each scenario that
 * extends another, "  price-war differs from baseline in: ...".
 */
export function batchAssumptionLines(metadata: BatchMetadata): string[] {
  const options: RunOptionsRecord = {
    settings: metadata.settings,
    ...(metadata.customers === undefined ? {} : { customers: metadata.customers }),
    ...(metadata.months === undefined ? {} : { months: metadata.months }),
  };
  return [
    `Assumptions: ${optionsText({ options, window: metadata.window })}`,
    ...metadata.scenarios.flatMap((scenario) => {
      const lineage = readLineage(scenario);
      return lineage === undefined ? [] : [`  ${scenario.name} ${lineageText(lineage)}`];
    }),
  ];
}

function assumptionsLine(assumptions: Assumptions, lineage: ScenarioLineage | undefined): string {
  const options = `Assumptions: ${optionsText(assumptions)}`;
  return lineage === undefined ? options : `${options}; ${lineageText(lineage)}`;
}

/** "--set a=1, --customers 2000, --from 2025-01", or "no overrides". */
function optionsText(assumptions: Assumptions): string {
  const { options, window, sweepRun } = assumptions;
  if (options === undefined) return 'not recorded';
  const parts = [
    ...(sweepRun === undefined ? [] : [sweepRunText(sweepRun)]),
    ...overrideWords(options),
    ...(window?.from === undefined ? [] : [`--from ${window.from}`]),
    ...(window?.to === undefined ? [] : [`--to ${window.to}`]),
  ];
  return parts.length === 0 ? 'no overrides' : parts.join(', ');
}

/** "run 17 of a sweep (demand.priceElasticity = 1.234, ...)". */
function sweepRunText(sweepRun: SweepRunRecord): string {
  const inputs = Object.entries(sweepRun.inputs).map(
    ([path, value]) => `${path} = ${Number(value.toPrecision(4))}`,
  );
  return `run ${sweepRun.run} of a sweep${inputs.length === 0 ? '' : ` (${inputs.join(', ')})`}`;
}

/** "differs from baseline in: x 1 -> 2, agents.challenger added", or "same as baseline ...". */
export function lineageText(lineage: ScenarioLineage): string {
  if (lineage.differences.length === 0) {
    return `same as ${lineage.extends} in every parameter`;
  }
  return `differs from ${lineage.extends} in: ${lineage.differences.map(differenceText).join(', ')}`;
}

/** "x 1 -> 2", "agents.challenger added", "uncertain.x added as uniform(1, 2)", "x removed". */
export function differenceText(difference: ParameterDifference): string {
  const { path } = difference;
  const hasBase = 'base' in difference;
  const hasValue = 'value' in difference;
  if (hasBase && hasValue) {
    return `${path} ${valueText(difference.base)} -> ${valueText(difference.value)}`;
  }
  if (hasValue) {
    const value = difference.value;
    const shown = isDistribution(value) || !isObject(value);
    return `${path} added${shown ? ` as ${valueText(value)}` : ''}`;
  }
  return `${path} removed`;
}

/** A value in a line of words: a distribution as a file writes it, an object as `{...}`. */
function valueText(value: unknown): string {
  if (value === null) return 'none';
  if (typeof value === 'string') return value;
  if (isDistribution(value)) return distributionText(value);
  if (isObject(value) && !Array.isArray(value)) return '{...}';
  return showValue(value);
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

const DISTRIBUTIONS: readonly unknown[] = [
  'uniform',
  'normal',
  'lognormal',
  'triangular',
  'discrete',
] satisfies Distribution['dist'][];

function isDistribution(value: unknown): value is Distribution {
  return isObject(value) && DISTRIBUTIONS.includes((value as { dist?: unknown }).dist);
}
