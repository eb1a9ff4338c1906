import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/engine/simulation.ts';
import { formatOutcome } from '../../src/output/sweep-summary.ts';
import { formatPercent, formatPrice, formatUsd } from '../../src/output/terminal.ts';
import { outcomeLabel, outcomeValue } from '../../src/report/sweep-report.ts';
import {
  holderOutcome,
  KIND_MEASURES,
  MEASURE_UNITS,
  outcomeColumns,
  outcomeNames,
  outcomeUnit,
  outcomeValues,
  presentKinds,
} from '../../src/results/outcomes.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { AGENT_KINDS, type Scenario } from '../../src/scenario/schema.ts';
import { REPO, smallBaseline } from '../helpers.ts';

/** Every scenario of the library, and the sweep's. */
const FILES = [
  ...readdirSync(join(REPO, 'scenarios'))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join('scenarios', file)),
  join('scenarios', 'sweeps', 'uncertain-baseline.ts'),
];

let scenarios: Scenario[];

beforeAll(async () => {
  scenarios = await Promise.all(FILES.map((file) => loadScenario(join(REPO, file))));
});

describe("runs.csv's outcomes", () => {
  it('every outcome of every scenario has a unit, and its name says which', () => {
    expect(scenarios.length).toBeGreaterThan(5);
    for (const scenario of scenarios) {
      const columns = outcomeColumns(scenario);
      expect(columns.map((column) => column.name)).toEqual(outcomeNames(scenario));
      expect(new Set(outcomeNames(scenario)).size).toBe(columns.length);
      for (const column of columns) expect(outcomeUnit(column.name), column.name).toBe(column.unit);
    }
  });

  it('a kind measure is in its measure unit for each kind, consumers as the measure they stand for', () => {
    for (const measure of KIND_MEASURES) {
      for (const kind of AGENT_KINDS) {
        expect(outcomeUnit(holderOutcome(measure, kind)!)).toBe(MEASURE_UNITS[measure]);
      }
      const consumers = holderOutcome(measure, 'consumers');
      if (consumers !== undefined) expect(outcomeUnit(consumers)).toBe(MEASURE_UNITS[measure]);
    }
    // Consumers keep a surplus and a share of it, but earn no margin.
    expect(holderOutcome('operating_margin', 'consumers')).toBeUndefined();
    expect(outcomeUnit('operating_margin_consumers')).toBeUndefined();
    expect(outcomeUnit('profit')).toBeUndefined();
  });

  it('names a column per kind present and per reference level, in that order', () => {
    for (const scenario of scenarios) {
      const names = outcomeNames(scenario);
      const kinds = presentKinds(scenario);
      const levels = Object.keys(scenario.capability.referenceLevels);
      expect(names.filter((name) => outcomeUnit(name) === 'usd_per_mtok')).toEqual(
        levels.map((level) => `final_price_${level}`),
      );
      // Each kind present, then the leading lab, then each agent by its id.
      expect(names.filter((name) => name.startsWith('operating_margin_'))).toEqual([
        ...kinds.map((kind) => holderOutcome('operating_margin', kind)),
        'operating_margin_leading_lab',
        ...Object.keys(scenario.agents).map((id) => `operating_margin_${id}`),
      ]);
    }
  });

  it("reads each outcome off the run's summary and last month", async () => {
    const scenario = await smallBaseline({ months: 12, customers: 500 });
    const result = runScenario(scenario, { seed: 3 });
    const values = outcomeValues(scenario, result);
    const columns = outcomeColumns(scenario);
    expect(values).toHaveLength(columns.length);
    expect(columns.map((column) => column.value(result))).toEqual(values);
    const value = (name: string) => values[outcomeNames(scenario).indexOf(name)];
    const lab = result.summary.find((row) => row.scope === 'kind' && row.name === 'lab')!;
    const consumers = result.summary.find((row) => row.scope === 'consumers')!;
    const last = result.market.at(-1)!;
    expect(value('operating_margin_lab')).toBe(lab.operating_margin);
    expect(value('consumer_surplus')).toBe(consumers.surplus);
    expect(value('surplus_share_consumers')).toBe(consumers.surplus_share);
    expect(value('final_price_gpt4')).toBe(last.prices.gpt4);
    expect(value('final_open_gap_pct')).toBe(last.open_gap_pct);
    // Each agent's measures are its summary row's; the leading lab's, the lab selling the most
    // tokens in the first month.
    for (const row of result.summary.filter((summary) => summary.scope === 'agent')) {
      expect(value(`profit_${row.name}`)).toBe(row.profit);
      expect(value(`operating_margin_${row.name}`)).toBe(row.operating_margin);
      expect(value(`surplus_share_${row.name}`)).toBe(row.surplus_share);
    }
    const firstMonth = result.agents.filter((row) => row.tick === 0 && row.kind === 'lab');
    const leader = firstMonth.reduce((best, row) =>
      row.token_share > best.token_share ? row : best,
    );
    expect(value('operating_margin_leading_lab')).toBe(value(`operating_margin_${leader.agent}`));
    expect(value('profit_leading_lab')).toBe(value(`profit_${leader.agent}`));
  });

  it('over a window, each measure sums the window’s months and final_ outcomes are its last month', async () => {
    const scenario = await smallBaseline({ months: 12, customers: 500 });
    const result = runScenario(scenario, { seed: 3 });
    const window = { from: '2023-02', to: '2023-07' };
    const values = outcomeValues(scenario, result, window);
    const value = (name: string) => values[outcomeNames(scenario).indexOf(name)]!;
    const inside = (date: string) => date >= window.from && date <= window.to;
    const rows = result.agents.filter((row) => inside(row.date));
    expect(new Set(rows.map((row) => row.date)).size).toBe(6);
    const sum = (selected: typeof rows, pick: (row: (typeof rows)[number]) => number) =>
      selected.reduce((total, row) => total + pick(row), 0);
    const months = result.market.filter((row) => inside(row.date));
    const consumers = months.reduce((total, row) => total + row.consumer_surplus, 0);
    const profits = sum(rows, (row) => row.revenue - row.variable_cost - row.fixed_cost);
    for (const agent of ['openai', 'google', 'apps']) {
      const own = rows.filter((row) => row.agent === agent);
      const revenue = sum(own, (row) => row.revenue);
      const profit = revenue - sum(own, (row) => row.variable_cost + row.fixed_cost);
      expect(value(`profit_${agent}`)).toBeCloseTo(profit, -2);
      expect(value(`operating_margin_${agent}`)).toBeCloseTo(profit / revenue, 9);
      expect(value(`surplus_share_${agent}`)).toBeCloseTo(profit / (profits + consumers), 9);
    }
    const labs = rows.filter((row) => row.kind === 'lab');
    const labRevenue = sum(labs, (row) => row.revenue);
    const labProfit = labRevenue - sum(labs, (row) => row.variable_cost + row.fixed_cost);
    expect(value('operating_margin_lab')).toBeCloseTo(labProfit / labRevenue, 9);
    expect(value('consumer_surplus')).toBeCloseTo(consumers, -2);
    expect(value('final_price_gpt4')).toBe(months.at(-1)!.prices.gpt4);
    // Not the whole run's: the window's months differ from the run's.
    expect(value('operating_margin_lab')).not.toBe(
      outcomeValues(scenario, result)[outcomeNames(scenario).indexOf('operating_margin_lab')],
    );
  });

  it('an agent whose id is a kind’s name has agent_ before it in its columns', async () => {
    const scenario = await smallBaseline({ months: 12, customers: 500 });
    const { together, ...others } = scenario.agents;
    const renamed = { ...scenario, agents: { ...others, host: together! } } as Scenario;
    const names = outcomeNames(renamed);
    expect(names).toContain('profit_agent_host');
    expect(names.filter((name) => name === 'profit_host')).toHaveLength(1);
    expect(new Set(names).size).toBe(names.length);
    expect(outcomeUnit('operating_margin_agent_host')).toBe('share');
    expect(outcomeUnit('operating_margin_openai')).toBe('share');
  });

  it('are shown in their unit: money, a percentage, a price, a gap in percent', () => {
    expect(formatOutcome('profit_lab', 1.5e9)).toBe(formatUsd(1.5e9));
    expect(formatOutcome('consumer_surplus', 2e12)).toBe(formatUsd(2e12));
    expect(formatOutcome('operating_margin_host', 0.123)).toBe(formatPercent(0.123));
    expect(formatOutcome('final_price_gpt35', 0.4567)).toBe(formatPrice(0.4567));
    expect(formatOutcome('final_open_gap_pct', 7.25)).toBe('7.3');
    expect(outcomeValue('final_open_gap_pct', 7.25)).toBe('7.3 %');
    expect(outcomeLabel('final_price_gpt35')).toBe('final_price_gpt35 (USD/MTok)');
    expect(outcomeLabel('final_open_gap_pct')).toBe('final_open_gap_pct (%)');
    expect(outcomeLabel('profit_lab')).toBe('profit_lab');
  });
});
