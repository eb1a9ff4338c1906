/** A toy model of three inputs on [0, 1] for sensitivity tests: y = 4 a + c^2, and b does nothing. */
import { buildDesign, type DesignSpec, type SweepPlan } from '../../src/design/plan.ts';
import { quantile, uniform } from '../../src/math/distributions.ts';

export function toySensitivity(design: DesignSpec, runs: number) {
  const plan: SweepPlan = {
    masterSeed: 1,
    contentHash: 'toy',
    design,
    inputs: ['a', 'b', 'c'].map((path) => ({ path, distribution: uniform(0, 1) })),
    runs,
  };
  const built = buildDesign(plan);
  const outputs = Float64Array.from(built.points, (point) => {
    const [a, , c] = plan.inputs.map((input, i) => quantile(input.distribution, point[i]!));
    return 4 * a! + c! ** 2;
  });
  return { plan, built, outputs };
}
