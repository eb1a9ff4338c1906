import { beforeAll, describe, expect, it } from 'vitest';
import type { AgentRow, MarketRow } from '../../src/output/columns.ts';
import { divergingStack } from '../../src/report/chart-parts.ts';
import {
  leadingLab,
  operatingMarginPercent,
  surplusSharePercent,
} from '../../src/report/run-series.ts';
import { type RunFixture, writeSmallRun } from './fixture.ts';

let run: RunFixture;

beforeAll(async () => {
  run = await writeSmallRun();
});

function agent(overrides: Partial<AgentRow>): AgentRow {
  return {
    tick: 0,
    date: '2022-11',
    agent: 'a',
    kind: 'lab',
    price: 10,
    capability: 1000,
    tokens: 1,
    revenue: 100,
    variable_cost: 0,
    fixed_cost: 0,
    profit: 10,
    gross_margin: 0.1,
    operating_margin: 0.1,
    token_share: 0.1,
    customers: 1,
    enterprise_api_share: 0,
    ...overrides,
  } as AgentRow;
}

describe('the series of a run report', () => {
  it('surplus shares of consumers and the five kinds sum to 100 % each month', () => {
    const shares = surplusSharePercent(run.result.market);
    const months = new Set(shares.map((point) => point.date));
    expect(months.size).toBe(run.result.market.length);
    for (const month of months) {
      const inMonth = shares.filter((point) => point.date === month);
      expect(inMonth).toHaveLength(6);
      expect(inMonth.reduce((sum, point) => sum + point.value, 0)).toBeCloseTo(100, 9);
    }
  });

  it('a kind that loses money has a negative share of the surplus', () => {
    const month = { ...run.result.market[0]! } as MarketRow;
    month.consumer_surplus = 90;
    month.surplus = { lab: 20, open_weight: -10, hyperscaler: 0, aggregator: 0, host: 0 };
    const shares = surplusSharePercent([month]);
    expect(shares.find((point) => point.series === 'open_weight')?.value).toBeCloseTo(-10);
    expect(shares.find((point) => point.series === 'consumers')?.value).toBeCloseTo(90);
  });

  it('the leading lab is the lab with the largest token share in the first month', () => {
    const rows = [
      agent({ agent: 'small', token_share: 0.2 }),
      agent({ agent: 'cloud', kind: 'hyperscaler', token_share: 0.7 }),
      agent({ agent: 'big', token_share: 0.3 }),
      agent({ tick: 1, date: '2022-12', agent: 'small', token_share: 0.9 }),
    ];
    expect(leadingLab(rows)).toBe('big');
    expect(leadingLab(run.result.agents)).toBe('openai');
  });

  it('a kind’s operating margin is its summed profit over its summed revenue, not an average', () => {
    const rows = [
      agent({ agent: 'a', revenue: 100, profit: 50 }),
      agent({ agent: 'b', revenue: 300, profit: -50 }),
      agent({ agent: 'c', kind: 'host', revenue: 0, profit: -5 }),
    ];
    expect(operatingMarginPercent(rows)).toEqual([{ date: '2022-11', series: 'lab', value: 0 }]);
  });

  it('a diverging stack puts gains above zero and losses below, without gaps or overlaps', () => {
    const bands = divergingStack(
      [
        { date: '2024-01', series: 'x', value: 3 },
        { date: '2024-01', series: 'y', value: -2 },
        { date: '2024-01', series: 'z', value: 5 },
        { date: '2024-02', series: 'y', value: 4 },
      ],
      ['x', 'y', 'z'],
    );
    const band = (date: string, series: string, part: string) =>
      bands.find((b) => b.date === date && b.series === series && b.part === part);
    expect(band('2024-01', 'x', 'gain')).toMatchObject({ low: 0, high: 3 });
    expect(band('2024-01', 'z', 'gain')).toMatchObject({ low: 3, high: 8 });
    expect(band('2024-01', 'y', 'loss')).toMatchObject({ low: -2, high: 0 });
    expect(band('2024-01', 'y', 'gain')).toMatchObject({ low: 3, high: 3 });
    expect(band('2024-02', 'y', 'gain')).toMatchObject({ low: 0, high: 4 });
    expect(bands).toHaveLength(2 * 2 * 3);
  });
});
