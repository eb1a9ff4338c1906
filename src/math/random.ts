/**
 * Random streams. Every purpose draws from its own seedrandom stream seeded with the run's seed
 * and the purpose's name, so that a new draw in one phase never shifts the numbers of another,
 * and adding or removing a purpose changes no other stream.
 *
 * Alea (Baagøe) is seedrandom's fastest generator, 53-bit doubles at over 100 M draws/s here,
 * which matters in the choice kernel.
 */
import seedrandom from 'seedrandom';

export const STREAM_PURPOSES = [
  'population',
  'releases',
  'pricing',
  'reevaluation',
  'choice',
] as const;
export type StreamPurpose = (typeof STREAM_PURPOSES)[number];

/** A uniform draw in [0, 1). */
export type Uniform = () => number;

export type RandomStreams = Readonly<Record<StreamPurpose, Uniform>>;

export function createStreams(seed: number): RandomStreams {
  const streams = {} as Record<StreamPurpose, Uniform>;
  for (const purpose of STREAM_PURPOSES) {
    streams[purpose] = seedrandom.alea(`ai-market-sim/${seed}/${purpose}`);
  }
  return streams;
}

/** A standard normal draw (Box-Muller, one of the pair; simple and exact). */
export function drawNormal(uniform: Uniform): number {
  const u = 1 - uniform(); // (0, 1]: log is finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
}

export function drawLogNormal(uniform: Uniform, median: number, sigma: number): number {
  return median * Math.exp(sigma * drawNormal(uniform));
}

/** An integer in [low, high], inclusive. */
export function integerBetween(uniform: Uniform, low: number, high: number): number {
  return low + Math.floor(uniform() * (high - low + 1));
}
