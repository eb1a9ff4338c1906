/**
 * Scenario discovery by PRIM, the patient rule induction method (Friedman and Fisher 1999), as
 * EMA Workbench's `prim` does it for a condition that holds or not in each run (Bryant and
 * Lempert 2010; Kwakkel 2017): starting from the box that holds every run, peel off, one input
 * and one side at a time, the alpha share of the box's runs whose removal raises the share of
 * runs in the box where the condition holds the most per run removed; stop when no peel raises
 * it or the box would hold fewer than `massMin` of the runs. Optionally paste back (widen the
 * last box by alpha shares) while that raises it. Every box on the way is the trajectory: its
 * coverage (the runs where the condition holds that the box catches) against its density (the
 * share of the box's runs where it holds). Pure: numbers in, numbers out.
 *
 * The box chosen is the one with the highest coverage among those whose density is at least
 * `threshold` (ties: the higher density, then the earlier box); when none reaches it, the
 * densest (ties: the higher coverage, then the earlier). Each restricted side of the chosen box
 * gets a quasi-p-value: the one-sided binomial test of its runs where the condition holds,
 * were the box's density that of the box with that side dropped (EMA Workbench's
 * `_calculate_quasip`): how likely the restriction's gain is by chance.
 *
 * @example
 * const found = prim([xColumn, zColumn], holds, { threshold: 0.8 });
 * found.trajectory[found.chosen]; // { coverage: 0.93, density: 0.85, limits: [[0.6, 1], ...] }
 * found.restrictions;             // [{ input: 0, low: 0.6, high: 1, quasiPLow: 1e-12, ... }]
 */
import { binomialUpperTail } from './statistics.ts';

export interface PrimOptions {
  /** The share of a box's runs one peel removes (default 0.05). */
  readonly peelAlpha?: number;
  /** The share of runs one paste adds (EMA Workbench: 0.05); no pasting when absent. */
  readonly pasteAlpha?: number;
  /** The smallest share of all runs a box may hold (default 0.05). */
  readonly massMin?: number;
  /** The density the chosen box must reach (default 0.8). */
  readonly threshold?: number;
}

export const PRIM_DEFAULTS = { peelAlpha: 0.05, massMin: 0.05, threshold: 0.8 } as const;

/** Each input's low and high limit, both included. */
export type BoxLimits = readonly (readonly [number, number])[];

/** One box of the trajectory. */
export interface PrimStep {
  /** `start` (every run), `peel` or `paste`. */
  readonly phase: 'start' | 'peel' | 'paste';
  readonly limits: BoxLimits;
  /** Runs in the box, and of them those where the condition holds. */
  readonly runs: number;
  readonly holding: number;
  /** holding / all runs where the condition holds. */
  readonly coverage: number;
  /** holding / runs. */
  readonly density: number;
  /** runs / all runs. */
  readonly mass: number;
  /** Inputs whose limits are narrower than every run's range. */
  readonly restricted: number;
}

/** A restricted input of the chosen box. */
export interface Restriction {
  /** The input's index among the columns given. */
  readonly input: number;
  readonly low: number;
  readonly high: number;
  /** The input's range over all runs: the start box's limits. */
  readonly rangeLow: number;
  readonly rangeHigh: number;
  /** Each side's quasi-p-value; NaN for a side not restricted. */
  readonly quasiPLow: number;
  readonly quasiPHigh: number;
}

export interface PrimResult {
  readonly trajectory: readonly PrimStep[];
  /** The index of the chosen box in the trajectory. */
  readonly chosen: number;
  /** Whether the chosen box reaches the density threshold. */
  readonly reachesThreshold: boolean;
  /** The chosen box's restricted inputs, narrowest (relative to its range) first. */
  readonly restrictions: readonly Restriction[];
}

/**
 * PRIM over `inputs` (one column per input, a value per run) for a condition that holds in
 * the runs where `holds` is true. Every column has a value per run; no value is NaN.
 */
export function prim(
  inputs: readonly ArrayLike<number>[],
  holds: ArrayLike<boolean>,
  options: PrimOptions = {},
): PrimResult {
  const peelAlpha = options.peelAlpha ?? PRIM_DEFAULTS.peelAlpha;
  const massMin = options.massMin ?? PRIM_DEFAULTS.massMin;
  const threshold = options.threshold ?? PRIM_DEFAULTS.threshold;
  const n = holds.length;
  for (const column of inputs)
    if (column.length !== n) throw new RangeError('every input needs a value per run');
  const y = Uint8Array.from({ length: n }, (_, run) => (holds[run] ? 1 : 0));
  const totalHolding = y.reduce((sum, value) => sum + value, 0);
  const all = Int32Array.from({ length: n }, (_, run) => run);
  const start: BoxLimits = inputs.map((column) => {
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (let run = 0; run < n; run++) {
      low = Math.min(low, column[run]!);
      high = Math.max(high, column[run]!);
    }
    return [low, high] as const;
  });
  const restrictedCount = (limits: BoxLimits) =>
    limits.filter(([low, high], j) => low !== start[j]![0] || high !== start[j]![1]).length;
  const holdingIn = (runs: Int32Array) => runs.reduce((sum, run) => sum + y[run]!, 0);
  const step = (phase: PrimStep['phase'], limits: BoxLimits, runs: Int32Array): PrimStep => {
    const holding = holdingIn(runs);
    return {
      phase,
      limits,
      runs: runs.length,
      holding,
      coverage: totalHolding > 0 ? holding / totalHolding : Number.NaN,
      density: runs.length > 0 ? holding / runs.length : Number.NaN,
      mass: n > 0 ? runs.length / n : Number.NaN,
      restricted: restrictedCount(limits),
    };
  };

  const trajectory: PrimStep[] = [step('start', start, all)];
  let box: { limits: BoxLimits; runs: Int32Array } = { limits: start, runs: all };

  // Peeling: each input's top and bottom alpha share of the box's runs, upper side first.
  for (;;) {
    const candidates: Candidate[] = [];
    inputs.forEach((column, j) => {
      const values = Float64Array.from(box.runs, (run) => column[run]!);
      for (const side of ['upper', 'lower'] as const) {
        const cut = boxQuantile(values, side === 'upper' ? 1 - peelAlpha : peelAlpha);
        const runs = box.runs.filter((run) =>
          side === 'upper' ? column[run]! <= cut : column[run]! >= cut,
        );
        const limits = withLimit(box.limits, j, side, cut);
        candidates.push({ limits, runs, score: gainPerRun(box.runs, runs, y) });
      }
    });
    const best = bestCandidate(candidates, inputs.length, restrictedCount);
    if (
      best === undefined ||
      !(best.runs.length / n >= massMin && best.runs.length < box.runs.length && best.score > 0)
    )
      break;
    box = best;
    trajectory.push(step('peel', box.limits, box.runs));
  }

  // Pasting (optional): widen a restricted side by the alpha share of the runs beyond it.
  if (options.pasteAlpha !== undefined) {
    const pasteAlpha = options.pasteAlpha;
    for (;;) {
      const candidates: Candidate[] = [];
      inputs.forEach((column, j) => {
        const [low, high] = box.limits[j]!;
        const [rangeLow, rangeHigh] = start[j]!;
        if (low === rangeLow && high === rangeHigh) return;
        for (const side of ['lower', 'upper'] as const) {
          // The runs beyond this side, within the box's other limits.
          const slab = withLimits(
            box.limits,
            j,
            side === 'lower' ? [rangeLow, low] : [high, rangeHigh],
          );
          const beyond = runsIn(inputs, all, slab);
          const values = Float64Array.from(beyond, (run) => column[run]!);
          const edge =
            values.length === 0
              ? side === 'lower'
                ? rangeLow
                : rangeHigh
              : boxQuantile(values, side === 'lower' ? 1 - pasteAlpha : pasteAlpha);
          const limits = withLimit(box.limits, j, side, edge);
          const runs = runsIn(inputs, all, limits);
          candidates.push({ limits, runs, score: gainPerRun(box.runs, runs, y) });
        }
      });
      const best = bestCandidate(candidates, inputs.length, restrictedCount);
      if (
        best === undefined ||
        !(
          best.runs.length / n >= massMin &&
          best.runs.length > box.runs.length &&
          best.score > 0 &&
          mean(best.runs, y) > mean(box.runs, y)
        )
      )
        break;
      box = best;
      trajectory.push(step('paste', box.limits, box.runs));
    }
  }

  const chosen = chooseBox(trajectory, threshold);
  const choice = trajectory[chosen]!;
  return {
    trajectory,
    chosen,
    reachesThreshold: choice.density >= threshold,
    restrictions: restrictions(inputs, all, y, start, choice),
  };
}

interface Candidate {
  readonly limits: BoxLimits;
  readonly runs: Int32Array;
  readonly score: number;
}

/**
 * The best candidate: the highest gain per run, then the fewest restricted inputs, then the
 * first in the order tried (EMA Workbench sorts stably on the first two).
 */
function bestCandidate(
  candidates: readonly Candidate[],
  inputs: number,
  restrictedCount: (limits: BoxLimits) => number,
): Candidate | undefined {
  let best: Candidate | undefined;
  let bestFree = -1;
  for (const candidate of candidates) {
    const free = inputs - restrictedCount(candidate.limits);
    if (
      best === undefined ||
      candidate.score > best.score ||
      (candidate.score === best.score && free > bestFree)
    ) {
      best = candidate;
      bestFree = free;
    }
  }
  return best;
}

/**
 * EMA Workbench's objective ("lenient1"): the change in the share of runs where the condition
 * holds, over the number of runs removed or added; 0 when the share does not change. An empty
 * box's share counts as 0.
 */
function gainPerRun(before: Int32Array, after: Int32Array, y: Uint8Array): number {
  const old = mean(before, y);
  const now = after.length > 0 ? mean(after, y) : 0;
  if (now === old || after.length === before.length) return 0;
  return (now - old) / Math.abs(before.length - after.length);
}

function mean(runs: Int32Array, y: Uint8Array): number {
  let sum = 0;
  for (const run of runs) sum += y[run]!;
  return sum / runs.length;
}

/**
 * The quantile a peel or paste cuts at (EMA Workbench's `get_quantile`, after SDToolkit): at
 * position (n - 1) q of the sorted values, the midpoint between the order statistics on either
 * side, moved outwards past ties, so that a cut falls between two distinct values where it can.
 */
export function boxQuantile(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  const position = (sorted.length - 1) * q;
  let lower = Math.floor(position);
  let upper = Math.ceil(position);
  if (q > 0.5) while (sorted[lower] === sorted[upper] && lower > 0) lower--;
  else while (sorted[lower] === sorted[upper] && upper < sorted.length - 1) upper++;
  return (sorted[lower]! + sorted[upper]!) / 2;
}

function withLimit(
  limits: BoxLimits,
  input: number,
  side: 'lower' | 'upper',
  value: number,
): BoxLimits {
  const [low, high] = limits[input]!;
  return withLimits(limits, input, side === 'lower' ? [value, high] : [low, value]);
}

function withLimits(limits: BoxLimits, input: number, range: readonly [number, number]) {
  return limits.map((limit, j) => (j === input ? range : limit));
}

/** The runs of `runs` inside the box, every limit included. */
function runsIn(inputs: readonly ArrayLike<number>[], runs: Int32Array, limits: BoxLimits) {
  return runs.filter((run) =>
    limits.every(([low, high], j) => {
      const value = inputs[j]![run]!;
      return value >= low && value <= high;
    }),
  );
}

/** The rule of the module's doc comment. */
function chooseBox(trajectory: readonly PrimStep[], threshold: number): number {
  let chosen = -1;
  trajectory.forEach((candidate, index) => {
    if (!(candidate.density >= threshold)) return;
    const best = trajectory[chosen];
    if (
      best === undefined ||
      candidate.coverage > best.coverage ||
      (candidate.coverage === best.coverage && candidate.density > best.density)
    )
      chosen = index;
  });
  if (chosen >= 0) return chosen;
  chosen = 0;
  trajectory.forEach((candidate, index) => {
    const best = trajectory[chosen]!;
    if (
      candidate.density > best.density ||
      (candidate.density === best.density && candidate.coverage > best.coverage)
    )
      chosen = index;
  });
  return chosen;
}

/** The chosen box's restricted inputs with each side's quasi-p-value. */
function restrictions(
  inputs: readonly ArrayLike<number>[],
  all: Int32Array,
  y: Uint8Array,
  start: BoxLimits,
  box: PrimStep,
): Restriction[] {
  const quasiP = (input: number, side: 'lower' | 'upper'): number => {
    const [rangeLow, rangeHigh] = start[input]!;
    const dropped = withLimit(box.limits, input, side, side === 'lower' ? rangeLow : rangeHigh);
    const runs = runsIn(inputs, all, dropped);
    let holding = 0;
    for (const run of runs) holding += y[run]!;
    return binomialUpperTail(box.holding, box.runs, holding / runs.length);
  };
  const found: Restriction[] = [];
  box.limits.forEach(([low, high], input) => {
    const [rangeLow, rangeHigh] = start[input]!;
    if (low === rangeLow && high === rangeHigh) return;
    found.push({
      input,
      low,
      high,
      rangeLow,
      rangeHigh,
      quasiPLow: low === rangeLow ? Number.NaN : quasiP(input, 'lower'),
      quasiPHigh: high === rangeHigh ? Number.NaN : quasiP(input, 'upper'),
    });
  });
  const width = (r: Restriction) =>
    r.rangeHigh > r.rangeLow ? (r.high - r.low) / (r.rangeHigh - r.rangeLow) : 1;
  return found.sort((a, b) => width(a) - width(b) || a.input - b.input);
}
