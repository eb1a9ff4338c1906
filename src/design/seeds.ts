/**
 * The seed derivation of a sweep, in one place (docs/sweeps.md states it for users):
 *
 *   content hash = SHA-256, in lower-case hex, of the canonical JSON of the resolved scenario
 *                  (after --set, --customers and --months): object keys sorted, no spaces,
 *                  functions written as their source text
 *   run seed     = the first 6 bytes of SHA-256(`${masterSeed}/${contentHash}/${runIndex}`),
 *                  read as a big-endian unsigned integer (0 .. 2^48 - 1)
 *   design draws = seedrandom Alea seeded with `ai-market-sim/sweep-design/${masterSeed}/${contentHash}`
 *
 * A run's seed depends on nothing but the sweep's master seed, what the scenario says and the
 * run's index: never on workers, shards or the order runs finish in. So any run can be re-run
 * alone (`aisim run --from-sweep DIR --run K`) and gives the same numbers.
 *
 * @example
 * const hash = contentHash(scenario);   // '3f5c...' (64 hex digits)
 * runSeed(42, hash, 0);                 // e.g. 181212418841593, the same on every machine
 */
import { createHash } from 'node:crypto';
import seedrandom from 'seedrandom';
import type { Uniform } from '../math/random.ts';

/**
 * JSON with object keys sorted at every depth and no whitespace; functions become their source
 * text, `undefined` members are left out (as JSON.stringify does).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalValue(value));
}

function canonicalValue(value: unknown): unknown {
  if (typeof value === 'function') return String(value);
  if (Array.isArray(value)) return value.map((item) => canonicalValue(item) ?? null);
  if (typeof value === 'object' && value !== null) {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = canonicalValue((value as Record<string, unknown>)[key]);
      if (item !== undefined) sorted[key] = item;
    }
    return sorted;
  }
  return value;
}

/** SHA-256 of the scenario's canonical JSON, 64 lower-case hex digits. */
export function contentHash(scenario: unknown): string {
  return createHash('sha256').update(canonicalJson(scenario), 'utf8').digest('hex');
}

/** The seed of run `runIndex` (0-based) of a sweep: a whole number below 2^48. */
export function runSeed(masterSeed: number, scenarioHash: string, runIndex: number): number {
  return createHash('sha256')
    .update(`${masterSeed}/${scenarioHash}/${runIndex}`, 'utf8')
    .digest()
    .readUIntBE(0, 6);
}

/** The random stream that draws a sweep's design (random, Latin hypercube and Morris designs). */
export function designStream(masterSeed: number, scenarioHash: string): Uniform {
  return seedrandom.alea(`ai-market-sim/sweep-design/${masterSeed}/${scenarioHash}`);
}

/** The derivation in words, stored in sweep.json so a reader of the folder need look no further. */
export const SEED_DERIVATION =
  'seed of run k = first 6 bytes, big-endian, of SHA-256("<seed>/<contentHash>/<k>"); ' +
  'contentHash = SHA-256 of the canonical JSON of the resolved scenario; design draws from ' +
  'Alea("ai-market-sim/sweep-design/<seed>/<contentHash>")';
