import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, runSeed } from '../../src/design/seeds.ts';
import { withParameter } from '../../src/scenario/parameters.ts';
import { loadBaseline } from '../helpers.ts';

describe('the seed derivation', () => {
  it('is the first 6 bytes of SHA-256("<seed>/<hash>/<run>"), as docs/sweeps.md states', () => {
    // printf '42/abc/0' | sha256sum  ->  f8ac127dbfd0...
    expect(runSeed(42, 'abc', 0)).toBe(0xf8ac127dbfd0);
    expect(runSeed(42, 'abc', 0)).toBe(273417928294352);
  });

  it('gives every run, master seed and scenario its own seed below 2^48', () => {
    const seeds = new Set<number>();
    for (const master of [1, 2]) {
      for (const hash of ['a', 'b']) {
        for (let run = 0; run < 250; run++) seeds.add(runSeed(master, hash, run));
      }
    }
    expect(seeds.size).toBe(1000);
    for (const seed of seeds) {
      expect(Number.isSafeInteger(seed)).toBe(true);
      expect(seed).toBeLessThan(2 ** 48);
    }
  });
});

describe('the content hash', () => {
  it('does not depend on the order keys were written in, and functions count by their text', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 2, y: 3 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":3,"z":2}]},"b":1}',
    );
    const f = (x: number) => x + 1;
    expect(canonicalJson({ f })).toBe(JSON.stringify({ f: String(f) }));
    expect(contentHash({ a: 1, b: 2 })).toBe(contentHash({ b: 2, a: 1 }));
  });

  it('changes with any parameter of the scenario', async () => {
    const baseline = await loadBaseline();
    const hash = contentHash(baseline);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(
      contentHash(withParameter(baseline, 'technology.hardwareCostDeclinePerYear', 0.31)),
    ).not.toBe(hash);
    expect(contentHash(withParameter(baseline, 'customers', baseline.customers))).toBe(hash);
  });
});
