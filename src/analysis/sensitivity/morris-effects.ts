/**
 * Morris elementary effects from the model outputs of a Morris design: per input, mu (mean
 * effect; its sign says the direction, but opposite effects cancel), mu* (mean absolute effect,
 * Campolongo et al. 2007: the ranking measure) and sigma (spread of the effects: large when the
 * input acts non-linearly or through interactions).
 *
 * An elementary effect is (f(x + step e_i) - f(x)) / step, with the step measured in the
 * unit-hypercube coordinates of the design's points (`stepSize`, 1/2 with centred levels). So
 * for f linear in those coordinates, f = sum c_i u_i, every effect of input i is exactly c_i.
 * For an input uniform on [min, max] an effect per unit of the input is EE / (max - min).
 *
 * @example
 * const design = morrisDesign(20, 4, seedrandom.alea('screening'));
 * const outputs = design.points.map((point) => model(point));
 * morrisEffects(design, outputs)[2].muStar.estimate // importance of input 2
 */
import seedrandom from 'seedrandom';
import type { MorrisDesign } from '../../design/sample/morris.ts';
import { integerBetween, type Uniform } from '../../math/random.ts';
import type { IntervalEstimate } from '../../results/table.ts';
import { percentileInterval } from '../statistics.ts';

export type { IntervalEstimate };

export interface MorrisEffect {
  /** Mean elementary effect. */
  readonly mu: number;
  /** Mean absolute elementary effect, with a bootstrap interval over trajectories. */
  readonly muStar: IntervalEstimate;
  /** Sample standard deviation of the effects (n - 1; NaN with a single trajectory). */
  readonly sigma: number;
  /** The elementary effects themselves, one per trajectory. */
  readonly elementaryEffects: Float64Array;
}

export interface MorrisEffectsOptions {
  /** Bootstrap resamples of the trajectories. Default 1000. */
  readonly resamples?: number;
  /** Coverage of the percentile interval. Default 0.95. */
  readonly confidence?: number;
  /** Draws for the bootstrap; a fixed stream by default, so results are reproducible. */
  readonly uniform?: Uniform;
}

/** Effects per input from `outputs[k]`, the model's output at `design.points[k]`. */
export function morrisEffects(
  design: MorrisDesign,
  outputs: ArrayLike<number>,
  options: MorrisEffectsOptions = {},
): MorrisEffect[] {
  const { trajectories, dimensions, stepSize, changedInput, stepSign } = design;
  if (outputs.length !== design.points.length) {
    throw new RangeError(`expected ${design.points.length} outputs, got ${outputs.length}`);
  }
  if (trajectories < 1) throw new RangeError('Morris effects need at least 1 trajectory');
  const effects = Array.from({ length: dimensions }, () => new Float64Array(trajectories));
  for (let trajectory = 0; trajectory < trajectories; trajectory++) {
    const firstRow = trajectory * (dimensions + 1);
    for (let step = 0; step < dimensions; step++) {
      const before = outputs[firstRow + step]!;
      const after = outputs[firstRow + step + 1]!;
      if (!Number.isFinite(before) || !Number.isFinite(after)) {
        throw new RangeError(`trajectory ${trajectory} has a non-finite output`);
      }
      const input = changedInput[trajectory * dimensions + step]!;
      const signedStep = stepSign[trajectory * dimensions + step]! * stepSize;
      effects[input]![trajectory] = (after - before) / signedStep;
    }
  }

  const resamples = options.resamples ?? 1000;
  const confidence = options.confidence ?? 0.95;
  const uniform = options.uniform ?? seedrandom.alea('ai-market-sim/morris-effects/bootstrap');
  const muStarResamples = Array.from({ length: dimensions }, () => new Float64Array(resamples));
  for (let resample = 0; resample < resamples; resample++) {
    const sums = new Float64Array(dimensions);
    for (let draw = 0; draw < trajectories; draw++) {
      const trajectory = integerBetween(uniform, 0, trajectories - 1);
      for (let input = 0; input < dimensions; input++) {
        sums[input]! += Math.abs(effects[input]![trajectory]!);
      }
    }
    for (let input = 0; input < dimensions; input++) {
      muStarResamples[input]![resample] = sums[input]! / trajectories;
    }
  }

  return effects.map((elementaryEffects, input) => {
    let sum = 0;
    let absoluteSum = 0;
    for (const effect of elementaryEffects) {
      sum += effect;
      absoluteSum += Math.abs(effect);
    }
    const mu = sum / trajectories;
    let squares = 0;
    for (const effect of elementaryEffects) squares += (effect - mu) ** 2;
    return {
      mu,
      muStar: {
        estimate: absoluteSum / trajectories,
        ...percentileInterval(muStarResamples[input]!, confidence),
      },
      sigma: trajectories > 1 ? Math.sqrt(squares / (trajectories - 1)) : Number.NaN,
      elementaryEffects,
    };
  });
}
