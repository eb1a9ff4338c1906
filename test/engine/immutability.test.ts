import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.ts';
import { smallBaseline } from '../helpers.ts';

describe('the world changes only through immer updates', () => {
  it('a month leaves the world before it as it was, and shares what it did not change', async () => {
    const simulation = new Simulation(await smallBaseline({ months: 30 }), { seed: 4 });
    simulation.step();
    while (!simulation.done) {
      const before = simulation.world;
      const snapshot = structuredClone(before);
      simulation.step();
      const after = simulation.world;
      expect(before, `month ${after.date}`).toEqual(snapshot);
      expect(after).not.toBe(before);
      // Offers no longer on sale are not touched: the new world holds the same objects.
      before.offers.forEach((offer, index) => {
        if (!offer.active && !after.offers[index]!.active) expect(after.offers[index]).toBe(offer);
      });
      // Every record the phases leave in the world is frozen, so none can change in place.
      for (const list of [after.offers, after.agents, after.models]) {
        expect(Object.isFrozen(list)).toBe(true);
        for (const item of list) expect(Object.isFrozen(item)).toBe(true);
      }
    }
  });
});
