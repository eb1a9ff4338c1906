/**
 * Physical bounds: what no month of a run may record. A run whose money turns non-finite, or
 * grows beyond anything an economy can hold, has left the model's domain (an elasticity of 50
 * makes demand explode); its numbers mean nothing, and it fails with one line naming the
 * quantity and the month instead of printing them.
 *
 * The limits are a table, each with its unit and its reason, meant to be tightened as the model
 * learns what is plausible; each is chosen so that no committed result and no run of the
 * uncertain baseline's domain comes near it.
 *
 * @example
 * checkPhysicalBounds(scenario, '2024-03', [{ name: 'consumer surplus', value: NaN, bound: 'usdPerMonth' }]);
 * // throws PhysicalBoundsError: consumer surplus is not finite in 2024-03
 */
import { RunError } from '../scenario/run-error.ts';
import type { Scenario } from '../scenario/schema.ts';

export interface PhysicalBound {
  /** The largest magnitude a quantity may take. */
  readonly limit: number;
  readonly unit: string;
  /** The limit as a message shows it. */
  readonly shown: string;
  readonly reason: string;
}

/** The limits, by name. */
export const PHYSICAL_BOUNDS = {
  /**
   * Any monthly flow of money: spend, revenue, a cost, a profit or loss, a surplus. What valid
   * inputs reach today: the uncertain baseline's most extreme corner (elasticity 1.6,
   * algorithmic efficiency 40x a year, frontier gain 50 points a year) about $1.1e15 of consumer
   * surplus in its last month; a lab that prices at zero (the price floor applies) about $2.9e16
   * of its cloud's revenue. The limit stands above both, so that it flags only runs whose
   * demand has exploded (elasticity 5 passes it in its sixth month, 50 in its first).
   */
  usdPerMonth: {
    limit: 1e17,
    unit: 'USD a month',
    shown: '$1e17 a month, about a thousand years of world GDP',
    reason: 'about a thousand years of world GDP (~$1.1e14 a year) in one month',
  },
} as const satisfies Readonly<Record<string, PhysicalBound>>;

export type PhysicalBoundName = keyof typeof PHYSICAL_BOUNDS;

/** One quantity a month recorded: its name in words, its value, and the bound it must keep. */
export interface RecordedQuantity {
  /** "consumer surplus", "openai's revenue". */
  readonly name: string;
  readonly value: number;
  /** The bound on its magnitude; without one, the quantity need only be finite. */
  readonly bound?: PhysicalBoundName;
}

/**
 * What is wrong with a quantity of `month`, in words, or undefined when it is within bounds:
 * "consumer surplus is not finite in 2024-03", "market spend is 7.28e+16 USD in 2023-04,
 * beyond physical bounds ($1e16 a month, about a century of world GDP)".
 */
export function boundsProblem(quantity: RecordedQuantity, month: string): string | undefined {
  const { name, value } = quantity;
  if (!Number.isFinite(value)) return `${name} is not finite in ${month}`;
  if (quantity.bound === undefined) return undefined;
  const bound: PhysicalBound = PHYSICAL_BOUNDS[quantity.bound];
  if (Math.abs(value) <= bound.limit) return undefined;
  const unit = bound.unit.split(' ')[0];
  return `${name} is ${value.toExponential(2)} ${unit} in ${month}, beyond physical bounds (${bound.shown})`;
}

/**
 * A run left the physical bounds: bad input, in the scenario or the options it ran with. The
 * engine does not know the file or the options; the caller does, and names them
 * (`runSourceOf(error.scenario)`, then `error.from(source)`).
 */
export class PhysicalBoundsError extends RunError {
  override readonly name = 'PhysicalBoundsError';

  constructor(
    scenario: Scenario,
    readonly quantity: string,
    readonly month: string,
    problem: string,
  ) {
    super(scenario, '', problem, undefined);
  }
}

/** Throws a PhysicalBoundsError for the first quantity of `month` out of bounds. */
export function checkPhysicalBounds(
  scenario: Scenario,
  month: string,
  quantities: Iterable<RecordedQuantity>,
): void {
  for (const quantity of quantities) {
    const problem = boundsProblem(quantity, month);
    if (problem !== undefined) {
      throw new PhysicalBoundsError(scenario, quantity.name, month, problem);
    }
  }
}
