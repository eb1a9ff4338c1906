import { InputError, type InputErrorOptions } from '../errors.ts';
import type { Scenario } from './schema.ts';

/**
 * Bad input found only while a scenario runs: a pricing strategy of its file's that fails, or a
 * run that leaves the physical bounds. The engine does not know the file or the run options;
 * the caller does (`runSourceOf(error.scenario)`, then `error.from(source)`).
 */
export class RunError extends InputError {
  override readonly name: string = 'RunError';

  constructor(
    readonly scenario: Scenario,
    field: string,
    problem: string,
    value: unknown,
    options?: InputErrorOptions,
  ) {
    super('', field, problem, value, options);
  }
}
