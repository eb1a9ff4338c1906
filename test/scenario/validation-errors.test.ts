/**
 * A scenario with several problems lists every one, a line each in the form of the first
 * (`file: path: problem (got value)`), up to a limit, then counts the rest.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { importScenario } from '../../src/scenario/load.ts';
import { withParameter } from '../../src/scenario/parameters.ts';
import type { ScenarioInput } from '../../src/scenario/schema.ts';
import { LISTED_PROBLEMS, validateScenario } from '../../src/scenario/validate.ts';
import { BASELINE_FILE } from '../helpers.ts';

function problems(input: unknown): string[] {
  try {
    validateScenario(input, 'x.ts');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message.split('\n');
  }
  throw new Error('expected the scenario to be refused');
}

describe('validation errors', () => {
  it('lists every problem, one a line, each naming the file, the path and the value', async () => {
    const base = (await importScenario(BASELINE_FILE)) as ScenarioInput;
    let input: unknown = withParameter(base, 'technology.energyEfficiencyGainPerYear', -0.4);
    input = withParameter(input, 'demand.priceElasticity', 'high');
    input = withParameter(input, 'customers', 0);
    const lines = problems(input);
    expect(lines).toHaveLength(3);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^x\.ts: technology\.energyEfficiencyGainPerYear: .* \(got -0\.4\)$/),
        expect.stringMatching(/^x\.ts: demand\.priceElasticity: expected number \(got "high"\)$/),
        expect.stringMatching(/^x\.ts: customers: must be at least 1 \(got 0\)$/),
      ]),
    );
  });

  it(`lists ${LISTED_PROBLEMS} problems at most, then says how many more there are`, async () => {
    const base = (await importScenario(BASELINE_FILE)) as ScenarioInput;
    const ids = Object.keys(base.agents);
    // Three problems in every agent: more than are listed.
    const input = structuredClone(base) as unknown as Record<string, Record<string, object>>;
    for (const id of ids) {
      Object.assign(input.agents![id]!, { brandUtility: 'x', displayName: 7, unknownKey: 1 });
    }
    const total = ids.length * 3;
    expect(total).toBeGreaterThan(LISTED_PROBLEMS);
    const lines = problems(input);
    expect(lines).toHaveLength(LISTED_PROBLEMS + 1);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^x\.ts: agents\.\w+\.\w+: \S/);
    expect(lines.at(-1)).toBe(`x.ts: and ${total - LISTED_PROBLEMS} more`);
  });
});
