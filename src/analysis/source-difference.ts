/**
 * One source less another, run by run: `aisim compare A B --diff 2-1` (B - A). Each holder (a
 * kind, the leading lab, consumers, a pair of kinds asked for) of source 2 is paired with the
 * same holder of source 1, seed by seed for run folders and batches (both ran the same seeds),
 * run by run for sweeps (both ran the same seeds on the same sampled inputs: the same design and
 * master seed over the same uncertain inputs). The differences are summarised as their median,
 * with its 95 % interval from order statistics, and their mean, with its 95 % Student-t interval
 * (docs/sweeps.md, "Scenario against scenario"). Sources that cannot be paired so are refused
 * with one line saying why.
 */

import { InputError } from '../errors.ts';
import type { ComparisonRow } from '../results/compare-file.ts';
import type { IntervalEstimate } from '../results/table.ts';
import { type Comparison, medianEstimate, type RowRuns, type RunMeasures } from './compare.ts';
import { meanInterval95 } from './statistics.ts';

/** Two sources by their numbers as compare lists them (#1, #2, ...): minuend less subtrahend. */
export interface SourcePair {
  readonly minuend: number;
  readonly subtrahend: number;
}

/** `2-1`: how `--diff` names a pair of sources. */
export function sourcePairName(pair: SourcePair): string {
  return `${pair.minuend}-${pair.subtrahend}`;
}

/**
 * The minuend source's rows less the subtrahend's, holder by holder, paired seed by seed or run
 * by run. An InputError (naming `--diff` and the pair) when a number names no source, or when
 * the two cannot be paired: one a sweep and the other not, a source without per-seed values,
 * different seeds, different sweep designs or inputs, or scenarios that do not correspond.
 */
export function sourceDifference(comparisons: readonly Comparison[], pair: SourcePair): Comparison {
  const asked = sourcePairName(pair);
  const refuse = (problem: string): never => {
    throw new InputError('--diff', '', problem, asked);
  };
  const sources = comparisons.filter((comparison) => comparison.minus === undefined);
  const numbered = (number: number) =>
    sources[number - 1] ??
    refuse(
      `no source #${number}: the sources are numbered #1 to #${sources.length} as compare lists them${sources.some((comparison) => comparison.source.result === 'runs') ? ' (run folders of one scenario with different seeds are pooled into one source)' : ''}`,
    );
  const b = numbered(pair.minuend);
  const a = numbered(pair.subtrahend);
  if (a === b) refuse('expected two different sources');
  const name = (number: number, comparison: Comparison) =>
    `#${number} (${comparison.source.folder})`;
  const nameA = name(pair.subtrahend, a);
  const nameB = name(pair.minuend, b);
  const by = a.source.sweep === undefined ? 'seed by seed' : 'run by run';
  const cannot = (why: string) => refuse(`cannot pair ${nameB} with ${nameA} ${by}: ${why}`);

  for (const [comparison, shown] of [
    [a, nameA],
    [b, nameB],
  ] as const) {
    if (
      comparison.rows.some((row, index) => row.difference !== 'of_means' && !comparison.runs[index])
    )
      cannot(
        `${shown} keeps no seed-by-seed values (a batch folder without batch-runs.csv: run the batch again)`,
      );
  }
  const sweepA = a.source.sweep;
  const sweepB = b.source.sweep;
  if ((sweepA === undefined) !== (sweepB === undefined))
    cannot("a sweep's runs pair only with another sweep's");
  if (sweepA !== undefined && sweepB !== undefined) {
    if (sweepA.design !== sweepB.design)
      cannot(`different designs (${sweepA.design} and ${sweepB.design})`);
    if (sweepA.runs !== sweepB.runs)
      cannot(`different numbers of runs (${sweepA.runs} and ${sweepB.runs})`);
    const why = sweepRunsDifference(a, b);
    if (why !== undefined) cannot(why);
  } else {
    const seedsA = seedsOf(a);
    const seedsB = seedsOf(b);
    if (seedsA.join() !== seedsB.join())
      cannot(
        `different seeds (#${pair.subtrahend}: ${seedsText(seedsA)}; #${pair.minuend}: ${seedsText(seedsB)}); paired differences need the same seeds`,
      );
  }

  const scenarios =
    scenarioPairs(a, b) ??
    cannot(
      `their scenarios do not correspond (#${pair.subtrahend}: ${scenariosOf(a).join(', ')}; #${pair.minuend}: ${scenariosOf(b).join(', ')}): pair one scenario with one, or the same scenarios by name`,
    );
  const rows: ComparisonRow[] = [];
  const runs: RowRuns[] = [];
  for (const [scenarioB, scenarioA] of scenarios) {
    b.rows.forEach((rowB, indexB) => {
      if (rowB.scenario !== scenarioB) return;
      const indexA = a.rows.findIndex(
        (rowA) =>
          rowA.scenario === scenarioA && rowA.scope === rowB.scope && rowA.name === rowB.name,
      );
      const runsA = a.runs[indexA];
      const runsB = b.runs[indexB];
      if (runsA === undefined || runsB === undefined) return;
      const paired = pairedRuns(runsB, runsA);
      const measure = (at: number) =>
        [...paired.values()]
          .map((measures) => measures[at]!)
          .filter((value) => !Number.isNaN(value));
      const { displayName, ...row } = rowB;
      rows.push({
        ...row,
        ...(displayName === undefined ? {} : { displayName }),
        source: b.source,
        minus: a.source,
        minusScenario: scenarioA,
        seeds: paired.size,
        difference: 'paired',
        profitUsd: meanOrNothing(measure(0)),
        operatingMargin: meanOrNothing(measure(1)),
        surplusShare: meanOrNothing(measure(2)),
        medians: {
          profitUsd: medianEstimate(measure(0)),
          operatingMargin: medianEstimate(measure(1)),
          surplusShare: medianEstimate(measure(2)),
        },
      });
      runs.push(paired);
    });
  }
  return { source: b.source, minus: a.source, rows, runs };
}

/** Each key both sides hold: the minuend's measures less the subtrahend's. */
function pairedRuns(minuend: RowRuns, subtrahend: RowRuns): RowRuns {
  const paired = new Map<number, RunMeasures>();
  for (const [key, b] of minuend) {
    const a = subtrahend.get(key);
    if (a !== undefined) paired.set(key, [b[0] - a[0], b[1] - a[1], b[2] - a[2]]);
  }
  return paired;
}

/** The mean and its interval; NaN without any value (a measure the holder does not have). */
function meanOrNothing(values: readonly number[]): IntervalEstimate {
  return values.length === 0
    ? { estimate: Number.NaN, low: Number.NaN, high: Number.NaN }
    : meanInterval95(values);
}

/** Every seed a source's rows hold values for, ascending. */
function seedsOf(comparison: Comparison): number[] {
  const seeds = new Set<number>();
  for (const runs of comparison.runs) for (const seed of runs?.keys() ?? []) seeds.add(seed);
  return [...seeds].sort((x, y) => x - y);
}

/** "1 to 5" for consecutive seeds, else "1, 2 and 7". */
function seedsText(seeds: readonly number[]): string {
  const first = seeds[0];
  const last = seeds.at(-1);
  if (first === undefined || last === undefined) return 'none';
  if (seeds.length > 2 && last - first === seeds.length - 1) return `seeds ${first} to ${last}`;
  return `seed${seeds.length > 1 ? 's' : ''} ${seeds.join(', ')}`;
}

/** Why two sweeps' runs differ (a run's seed, an input's path or value), or undefined. */
function sweepRunsDifference(a: Comparison, b: Comparison): string | undefined {
  const runsA = a.sweepRuns;
  const runsB = b.sweepRuns;
  if (runsA === undefined || runsB === undefined) return 'a sweep without its runs';
  const pathsA = [...runsA.inputs.keys()];
  const pathsB = [...runsB.inputs.keys()];
  if (pathsA.join() !== pathsB.join())
    return `different uncertain inputs (${pathsA.join(', ') || 'none'}; ${pathsB.join(', ') || 'none'})`;
  for (let run = 0; run < runsA.seeds.length; run++) {
    if (runsA.seeds[run] !== runsB.seeds[run])
      return `run ${run} has seed ${runsA.seeds[run]} in one and ${runsB.seeds[run]} in the other (a sweep's run seeds derive from its scenario: run the second sweep with --pair-with the first's folder)`;
    for (const path of pathsA) {
      const x = runsA.inputs.get(path)![run];
      const y = runsB.inputs.get(path)![run];
      if (x !== y && !(Number.isNaN(x) && Number.isNaN(y)))
        return `run ${run} has ${path} = ${x} in one and ${y} in the other`;
    }
  }
  return undefined;
}

function scenariosOf(comparison: Comparison): string[] {
  return [...new Set(comparison.rows.map((row) => row.scenario))];
}

/**
 * Which scenario of the minuend pairs with which of the subtrahend: one with one whatever their
 * names, or the same names on both sides; undefined otherwise.
 */
function scenarioPairs(a: Comparison, b: Comparison): [string, string][] | undefined {
  const inA = scenariosOf(a);
  const inB = scenariosOf(b);
  if (inA.length === 1 && inB.length === 1) return [[inB[0]!, inA[0]!]];
  const same = inA.length === inB.length && inB.every((scenario) => inA.includes(scenario));
  return same ? inB.map((scenario) => [scenario, scenario]) : undefined;
}
