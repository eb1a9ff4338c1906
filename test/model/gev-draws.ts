/**
 * Simulated customers of a nested logit, built from first principles rather than from its closed
 * form: correlated (generalised-extreme-value) taste shocks drawn as a positive stable nest shock
 * plus independent Gumbel draws, and the choice each customer then makes.
 */
import type { Uniform } from '../../src/math/random.ts';
import { createNesting, type Nesting } from '../../src/model/nested-logit.ts';

/** A standard Gumbel draw. */
export function gumbel(u: Uniform): number {
  return -Math.log(-Math.log(1 - u()));
}

/**
 * A positive stable draw S of index a in (0, 1], E[exp(-t S)] = exp(-t^a) (Kanter 1975; a = 1:
 * S = 1). Given S, draws e_j = (1 - rho)(ln S + G_j), G_j standard Gumbel, have the joint
 * distribution exp(-(sum_j exp(-e_j / (1 - rho)))^(1 - rho)) of nested logit's shocks in a nest
 * with a = 1 - rho: integrate exp(-S sum_j exp(-e_j / a)) over S.
 */
export function positiveStable(u: Uniform, a: number): number {
  if (a === 1) return 1;
  const angle = Math.PI * (1 - u());
  const exponential = -Math.log(1 - u());
  return (
    (Math.sin(a * angle) / Math.sin(angle) ** (1 / a)) *
    (Math.sin((1 - a) * angle) / exponential) ** ((1 - a) / a)
  );
}

/** Simulated customers: choice frequencies (outside option last) and mean maximum utility. */
export function simulateChoices(
  utility: readonly number[],
  outside: number,
  nesting: Nesting,
  draws: number,
  u: Uniform,
) {
  const { offers, nests, nestOf, rho } = nesting;
  const counts = new Float64Array(offers + 1);
  const nestShock = new Float64Array(nests);
  let sumOfMaxima = 0;
  for (let n = 0; n < draws; n++) {
    for (let g = 0; g < nests; g++) nestShock[g] = Math.log(positiveStable(u, 1 - rho[g]!));
    let best = outside + gumbel(u);
    let chosen = offers;
    for (let j = 0; j < offers; j++) {
      const g = nestOf[j]!;
      const value = utility[j]! + (1 - rho[g]!) * (nestShock[g]! + gumbel(u));
      if (value > best) {
        best = value;
        chosen = j;
      }
    }
    counts[chosen] = counts[chosen]! + 1;
    sumOfMaxima += best;
  }
  return { frequencies: counts.map((c) => c / draws), meanMaximum: sumOfMaxima / draws };
}

/** Five offers' utilities and the outside option's, in plain and nested logit of different rho. */
export const FIVE_OFFERS = {
  utility: [0.8, 0.5, 0.1, 0.6, -0.2],
  outside: 0.3,
  cases: [
    ['plain logit', createNesting([0, 1, 2, 3, 4], 0)],
    ['nested logit', createNesting([0, 0, 0, 1, 1], [0.6, 0.3])],
    ['nested logit, rho near 1', createNesting([0, 0, 1, 1, 2], [0.9, 0.5, 0])],
  ] as const,
};
