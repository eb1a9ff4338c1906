import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.ts';
import { Arena } from '../../src/math/arena.ts';
import { smallBaseline } from '../helpers.ts';

describe('Arena', () => {
  it('hands out zero-filled, non-overlapping, aligned arrays, zeroed again after a reset', () => {
    const arena = new Arena();
    const a = arena.float64(3);
    const b = arena.uint8(5);
    const c = arena.int32(7);
    const d = arena.float64(2);
    a.fill(1.5);
    b.fill(7);
    c.fill(-3);
    d.fill(2.5);
    expect([...a]).toEqual([1.5, 1.5, 1.5]);
    expect([...b]).toEqual([7, 7, 7, 7, 7]);
    expect([...c]).toEqual(Array(7).fill(-3));
    expect([...d]).toEqual([2.5, 2.5]);
    for (const array of [a, c, d]) expect(array.byteOffset % 8).toBe(0);
    arena.reset();
    const again = arena.float64(20);
    expect(again.buffer).toBe(a.buffer);
    expect([...again]).toEqual(Array(20).fill(0));
  });

  it('grows past its buffer without disturbing the arrays already handed out', () => {
    const arena = new Arena();
    const first = arena.float64(1000).fill(4);
    const large = arena.float64(1 << 16); // more than the initial buffer holds
    large.fill(9);
    const next = arena.int32(10);
    expect(first.every((value) => value === 4)).toBe(true);
    expect(large.buffer).not.toBe(first.buffer);
    expect([...next]).toEqual(Array(10).fill(0));
  });

  it('keeps the month just run intact while the next is run', async () => {
    const simulation = new Simulation(await smallBaseline(), { seed: 5 });
    simulation.step();
    simulation.step();
    const month = simulation.lastMonth!;
    const prices = [...month.market.price];
    const tokens = [...month.volumes.tokensMTok];
    simulation.step();
    expect([...month.market.price]).toEqual(prices);
    expect([...month.volumes.tokensMTok]).toEqual(tokens);
  });
});
