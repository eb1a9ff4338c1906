import { beforeAll, describe, expect, it } from 'vitest';
import { leadingLab } from '../../src/analysis/accounts.ts';
import { divergingStack } from '../../src/report/chart-parts.ts';
import {
  cumulativeSurplusSharePercent,
  establishedSurplusMonths,
  operatingMarginPercent,
} from '../../src/report/run-series.ts';
import type { AgentRow, MarketRow } from '../../src/results/columns.ts';
import { cellNumber, type RunFixture, readRecords, writeSmallRun } from './fixture.ts';

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
  it('shares of the surplus created so far: consumers and the six kinds sum to 100 % each month', () => {
    const shares = cumulativeSurplusSharePercent(run.result.market);
    const months = new Set(shares.map((point) => point.date));
    // Every month whose surplus created so far is a gain (the first may be a loss).
    let created = 0;
    const gains = run.result.market.filter((row) => {
      created += row.consumer_surplus + Object.values(row.surplus).reduce((a, b) => a + b, 0);
      return created > 0;
    });
    expect([...months]).toEqual(gains.map((row) => row.date));
    expect(months.size).toBeGreaterThan(run.result.market.length - 6);
    for (const month of months) {
      const inMonth = shares.filter((point) => point.date === month);
      expect(inMonth).toHaveLength(7);
      expect(inMonth.reduce((sum, point) => sum + point.value, 0)).toBeCloseTo(100, 9);
    }
  });

  it('the last month’s shares of the surplus created so far are summary.csv’s surplus shares', () => {
    const last = run.result.market.at(-1)!.date;
    const shares = cumulativeSurplusSharePercent(run.result.market).filter(
      (point) => point.date === last,
    );
    const summary = readRecords(run.folder, 'summary.csv').filter(
      (record) => record.scope !== 'agent',
    );
    expect(shares.map((point) => point.series)).toEqual([
      'consumers',
      'lab',
      'open_weight',
      'hyperscaler',
      'aggregator',
      'host',
      'chip',
    ]);
    for (const point of shares) {
      const expected = cellNumber(
        summary.find((record) => record.name === point.series)?.surplus_share,
      );
      expect(point.value / 100, point.series).toBeCloseTo(expected, 12);
    }
  });

  it('a kind that has lost money has a negative share; a month whose cumulated total is no gain is left out', () => {
    const month = (date: string, consumers: number, lab: number, open: number): MarketRow =>
      ({
        ...run.result.market[0]!,
        date,
        consumer_surplus: consumers,
        surplus: { lab, open_weight: open, hyperscaler: 0, aggregator: 0, host: 0, chip: 0 },
      }) as MarketRow;
    const shares = cumulativeSurplusSharePercent([
      month('2024-01', 10, -20, 0),
      month('2024-02', 80, 40, -10),
    ]);
    expect(shares.some((point) => point.date === '2024-01')).toBe(false);
    const share = (series: string) => shares.find((point) => point.series === series)?.value;
    expect(share('open_weight')).toBeCloseTo(-10);
    expect(share('lab')).toBeCloseTo(20);
    expect(share('consumers')).toBeCloseTo(90);
  });

  it('the months by which a given share of the run’s surplus has been created', () => {
    const month = (date: string, consumers: number): MarketRow =>
      ({
        ...run.result.market[0]!,
        date,
        consumer_surplus: consumers,
        surplus: { lab: 0, open_weight: 0, hyperscaler: 0, aggregator: 0, host: 0, chip: 0 },
      }) as MarketRow;
    const market = [month('2024-01', 1), month('2024-02', 9), month('2024-03', 90)];
    expect([...establishedSurplusMonths(market, 0.01)]).toEqual(['2024-01', '2024-02', '2024-03']);
    expect([...establishedSurplusMonths(market, 0.1)]).toEqual(['2024-02', '2024-03']);
    expect([...establishedSurplusMonths(market, 0.5)]).toEqual(['2024-03']);
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
