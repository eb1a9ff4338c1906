import { describe, expect, it } from 'vitest';
import { parseCondition } from '../../src/analysis/condition.ts';
import { binomialUpperTail, wilsonInterval95 } from '../../src/analysis/statistics.ts';
import { InputError } from '../../src/errors.ts';

const NAMES = [
  'operating_margin_openai',
  'profit_lab',
  'profit_aggregator',
  'demand.priceElasticity',
];

/** The condition's truth for the given values (undefined names read as NaN). */
function holds(text: string, values: Record<string, number>): boolean | undefined {
  return parseCondition(text, NAMES).holds((name) => values[name] ?? Number.NaN);
}

/** The one-line message parseCondition throws for `text`. */
function problem(text: string): string {
  try {
    parseCondition(text, NAMES);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error(`no error for ${text}`);
}

describe('a --where condition', () => {
  it('compares outcomes with numbers, percentages and each other', () => {
    expect(holds('operating_margin_openai > 0.2', { operating_margin_openai: 0.25 })).toBe(true);
    expect(holds('operating_margin_openai > 20%', { operating_margin_openai: 0.15 })).toBe(false);
    expect(holds('operating_margin_openai >= 25 %', { operating_margin_openai: 0.25 })).toBe(true);
    expect(holds('profit_aggregator > profit_lab', { profit_aggregator: 2, profit_lab: 1 })).toBe(
      true,
    );
    expect(holds('profit_lab != 0', { profit_lab: 0 })).toBe(false);
    expect(holds('profit_lab == 1e9', { profit_lab: 1_000_000_000 })).toBe(true);
    expect(holds('profit_lab < 1_000', { profit_lab: 999 })).toBe(true);
    expect(holds('demand.priceElasticity <= 1.1', { 'demand.priceElasticity': 1.1 })).toBe(true);
    expect(holds('`profit_lab` > -1', { profit_lab: 0 })).toBe(true);
  });

  it('combines comparisons with and, or, not and parentheses, in the usual precedence', () => {
    const values = { profit_lab: 1, profit_aggregator: 5, operating_margin_openai: 0.3 };
    expect(
      holds('profit_lab > 2 or profit_aggregator > 4 and operating_margin_openai > 0.2', values),
    ).toBe(true);
    expect(
      holds('(profit_lab > 2 or profit_aggregator > 4) and operating_margin_openai > 0.5', values),
    ).toBe(false);
    expect(holds('not profit_lab > 2 and profit_aggregator > 4', values)).toBe(true);
    expect(holds('not (profit_lab < 2 and profit_aggregator > 4)', values)).toBe(false);
    // Arithmetic: * and / before + and -; a chain a < b < c is both comparisons.
    expect(holds('profit_aggregator - profit_lab * 2 == 3', values)).toBe(true);
    expect(holds('(profit_aggregator - profit_lab) / 2 == 2', values)).toBe(true);
    expect(holds('-profit_lab < 0', values)).toBe(true);
    expect(holds('0 < operating_margin_openai < 0.25', values)).toBe(false);
    expect(holds('0 < operating_margin_openai <= 0.3', values)).toBe(true);
  });

  it('is undefined in a run where a number it compares is undefined', () => {
    expect(holds('operating_margin_openai > 0.2', {})).toBeUndefined();
    expect(
      holds('profit_lab / profit_aggregator > 1', { profit_lab: 0, profit_aggregator: 0 }),
    ).toBeUndefined();
    expect(
      holds('profit_lab > 0 or operating_margin_openai > 0.2', { profit_lab: 1 }),
    ).toBeUndefined();
    expect(parseCondition('profit_lab > profit_aggregator or profit_lab > 0', NAMES).names).toEqual(
      ['profit_lab', 'profit_aggregator'],
    );
  });

  it('names the option, the position and the unknown name with a guess, in one line', () => {
    expect(problem('operating_margin_opnai > 0.2')).toBe(
      '--where: unknown outcome or input operating_margin_opnai (did you mean operating_margin_openai?) at character 1 (got "operating_margin_opnai > 0.2")',
    );
    expect(problem('profit_lab > 0 and xyz < 1')).toMatch(
      /^--where: unknown outcome or input xyz at character 20 \(got/,
    );
    expect(problem('profit_lab')).toMatch(/expected a comparison .* at character 1/);
    expect(problem('profit_lab > ')).toMatch(
      /expected a number, a name or "\(" but found the end at character 14/,
    );
    expect(problem('(profit_lab > 1')).toMatch(/expected "\)" but found the end at character 16/);
    expect(problem('profit_lab > 1 profit_lab')).toMatch(
      /expected "and", "or" or the end but found profit_lab at character 16/,
    );
    expect(problem('profit_lab = 1')).toMatch(/unknown operator = \(write ==\) at character 12/);
    expect(problem('profit_lab > 1 && profit_lab < 2')).toMatch(
      /unknown operator && \(write and\)/,
    );
    expect(problem('profit_lab > 1 ; 2')).toMatch(/unexpected character ";" at character 16/);
    expect(problem('(profit_lab > 1) + 2 > 0')).toMatch(
      /expected a number, not a condition at character 1/,
    );
    expect(problem('profit_lab > 1 and 2')).toMatch(/expected a comparison/);
    for (const text of ['process.exit(1) > 0', 'constructor > 0', '__proto__ > 0'])
      expect(problem(text)).toMatch(/unknown outcome or input/);
  });
});

describe('the share of runs where a condition holds', () => {
  it("has Wilson's 95 % interval, as Newcombe (1998) tabulates it", () => {
    // Newcombe, Statistics in Medicine 17 (1998) 857-872, Table I, method 3 (score).
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [k, n, low, high] of cases) {
      const interval = wilsonInterval95(k, n);
      expect(interval.estimate).toBe(k / n);
      expect(interval.low).toBeCloseTo(low, 4);
      expect(interval.high).toBeCloseTo(high, 4);
    }
    expect(wilsonInterval95(0, 0).estimate).toBeNaN();
  });

  it('its binomial tail agrees with the sum of the probabilities term by term', () => {
    const direct = (k: number, n: number, p: number) => {
      let sum = 0;
      for (let i = k; i <= n; i++) {
        let choose = 1;
        for (let j = 1; j <= i; j++) choose = (choose * (n - i + j)) / j;
        sum += choose * p ** i * (1 - p) ** (n - i);
      }
      return sum;
    };
    for (const [k, n, p] of [
      [4, 4, 0.4],
      [30, 50, 0.45],
      [120, 400, 0.25],
      [1, 10, 0.01],
      [0, 10, 0.3],
    ] as const) {
      expect(binomialUpperTail(k, n, p)).toBeCloseTo(direct(k, n, p), 12);
    }
    expect(binomialUpperTail(11, 10, 0.5)).toBe(0);
    expect(binomialUpperTail(5, 10, 1)).toBe(1);
    // Large n: no overflow, and a tiny tail stays positive.
    expect(binomialUpperTail(900, 1000, 0.5)).toBeGreaterThan(0);
    expect(binomialUpperTail(900, 1000, 0.5)).toBeLessThan(1e-100);
  });
});
