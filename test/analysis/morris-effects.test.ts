import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { morrisEffects } from '../../src/analysis/sensitivity/morris-effects.ts';
import { morrisDesign } from '../../src/design/sample/morris.ts';

describe('Morris elementary effects', () => {
  it.each([4, 6])('of a linear model are its coefficients (p = %i)', (levels) => {
    const coefficients = [3, -2, 0, 0.5];
    const design = morrisDesign(25, 4, seedrandom.alea(`linear-${levels}`), { levels });
    const outputs = design.points.map((point) =>
      coefficients.reduce((sum, c, input) => sum + c * point[input]!, 0),
    );
    morrisEffects(design, outputs).forEach(({ mu, muStar, sigma }, input) => {
      expect(mu).toBeCloseTo(coefficients[input]!, 12);
      expect(muStar.estimate).toBeCloseTo(Math.abs(coefficients[input]!), 12);
      expect(sigma).toBeCloseTo(0, 12);
    });
  });

  it('are zero for an input the model ignores, and spread for one that interacts', () => {
    const design = morrisDesign(40, 3, seedrandom.alea('ignored'));
    // Input 2 has no effect; input 0 acts through a product with input 1.
    const outputs = design.points.map(([u0 = 0, u1 = 0]) => u0 * u1 + Math.sin(3 * u1));
    const [interacting, , ignored] = morrisEffects(design, outputs);
    expect(ignored!.mu).toBe(0);
    expect(ignored!.muStar.estimate).toBe(0);
    expect(ignored!.sigma).toBe(0);
    expect(ignored!.muStar.high).toBe(0);
    expect(interacting!.muStar.estimate).toBeGreaterThan(0.1);
    expect(interacting!.sigma).toBeGreaterThan(0.1);
  });

  it('give a bootstrap interval for mu* that holds the estimate, reproducibly', () => {
    const design = morrisDesign(30, 3, seedrandom.alea('bootstrap'));
    const outputs = design.points.map(([u0 = 0, u1 = 0, u2 = 0]) => u0 ** 2 + u0 * u2 + 0.1 * u1);
    const once = morrisEffects(design, outputs, { uniform: seedrandom.alea('b') });
    const again = morrisEffects(design, outputs, { uniform: seedrandom.alea('b') });
    expect(again).toEqual(once);
    for (const { muStar } of once) {
      expect(muStar.low).toBeLessThanOrEqual(muStar.estimate);
      expect(muStar.high).toBeGreaterThanOrEqual(muStar.estimate);
    }
    expect(once[0]!.muStar.high).toBeGreaterThan(once[0]!.muStar.low);
  });

  it('reject outputs that do not match the design', () => {
    const design = morrisDesign(3, 2, seedrandom.alea('short'));
    expect(() => morrisEffects(design, [1, 2, 3])).toThrow(RangeError);
  });
});
