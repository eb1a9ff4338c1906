import type { InputErrorOptions } from '../errors.ts';
import { RunError } from './run-error.ts';
import type { Scenario } from './schema.ts';

/**
 * A scenario's own pricing strategy (a function in its file) returned something that is not a
 * price, or threw: bad input, reported as `<file>: agents.<id>.pricing: ...`. The engine does
 * not know the file; the caller does (`fileOf(error.scenario)`, then `error.from(file)`).
 */
export class PricingError extends RunError {
  override readonly name = 'PricingError';

  constructor(
    scenario: Scenario,
    field: string,
    problem: string,
    value: unknown,
    options?: InputErrorOptions,
  ) {
    super(scenario, field, problem, value, options);
  }
}
