/**
 * The baseline's prices are an equilibrium: in sampled months, every list price the month's
 * game set meets its setter's first-order condition, by the solver's own terms and by a
 * numerical derivative of the setter's profit, or sits at its ceiling with profit still rising
 * (or at its marginal cost with profit still falling).
 */
import { describe, expect, it } from 'vitest';
import { advanceTechnology } from '../../src/engine/phases/advance-technology.ts';
import { releaseModels } from '../../src/engine/phases/release-models.ts';
import { Simulation } from '../../src/engine/simulation.ts';
import { createStreams } from '../../src/math/random.ts';
import { firmProfitUsd, gameResiduals, gameVolumesMTok } from '../../src/model/pricing-game.ts';
import { monthQuotes } from '../../src/model/quotes.ts';
import { smallBaseline } from '../helpers.ts';

describe('equilibrium prices in a run', () => {
  it('meet every setter’s first-order condition to 1e-6 in sampled months', async () => {
    const simulation = new Simulation(await smallBaseline({ months: 30 }), { seed: 3 });
    const sampled = new Set([0, 7, 13, 22, 29]);
    let checked = 0;
    while (!simulation.done) {
      const tick = simulation.tick;
      if (sampled.has(tick)) {
        // The world as this month's pricing phase sees it.
        const streams = createStreams(100 + tick);
        let world = advanceTechnology(simulation.world, simulation.context, tick);
        world = releaseModels(world, simulation.context, streams.releases);
        const quoted = monthQuotes(
          world,
          simulation.context,
          simulation.population,
          streams.pricing,
        );
        expect(quoted.games.length).toBeGreaterThan(0);
        for (const { game, solution, ceilingUsdPerMTok, floorUsdPerMTok } of quoted.games) {
          expect(solution.status).toBe('converged');
          const x = Array.from(solution.decisionPricesUsdPerMTok);
          const prices = Array.from(game.decisionOf, (d) => x[d]!);
          const volumes = gameVolumesMTok(game, prices);
          const residuals = gameResiduals(game, x);
          for (let d = 0; d < game.decisions; d++) {
            if (game.held[d] === 1) continue;
            const members = [...game.decisionOf.keys()].filter((j) => game.decisionOf[j] === d);
            const revenue = members.reduce(
              (sum, j) => sum + game.ownerTake[j]! * prices[j]! * volumes[j]!,
              0,
            );
            if (revenue === 0) continue;
            const setter = game.setterOf[d]!;
            const profitAt = (price: number) =>
              firmProfitUsd(
                game,
                setter,
                prices.map((p, j) => (game.decisionOf[j] === d ? price : p)),
              );
            const h = 1e-6 * x[d]!;
            // The profit's elasticity in the price, per unit of the decision's revenue.
            const slope =
              ((profitAt(x[d]! + h) - profitAt(x[d]! - h)) / (2 * h)) * (x[d]! / revenue);
            if (x[d]! >= ceilingUsdPerMTok[d]!) {
              expect(slope).toBeGreaterThan(-1e-6);
            } else if (x[d]! <= floorUsdPerMTok[d]!) {
              expect(slope).toBeLessThan(1e-6);
            } else {
              expect(Math.abs(residuals[d]!)).toBeLessThanOrEqual(1e-6);
              expect(Math.abs(slope)).toBeLessThan(1e-5);
            }
            checked++;
          }
        }
      }
      simulation.step();
    }
    expect(checked).toBeGreaterThan(10);
  });
});
