import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/results/csv.ts';
import { PARAMETER_COLUMNS } from '../../src/results/parameter-file.ts';
import { scenarioParameters } from '../../src/scenario/parameter-list.ts';
import { loadBaseline, runCli } from '../helpers.ts';

describe.concurrent('aisim params', () => {
  it("lists the baseline's parameters: a table, and the same rows as CSV and JSON", async () => {
    const expected = scenarioParameters(await loadBaseline());
    const table = await runCli(['params']);
    expect(table.stderr).toBe('');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^demand\.priceElasticity +elasticity +1\.1 +\(0, ∞\)$/m);
    const csv = await runCli(['params', '--csv']);
    const { headers, rows } = await parseCsv(csv.stdout, 'stdout');
    expect(headers).toEqual(PARAMETER_COLUMNS);
    expect(rows.map((row) => row.path)).toEqual(expected.map((p) => p.path));
    const json = JSON.parse((await runCli(['params', '--json'])).stdout);
    expect(json.parameters.map((p: { path: string }) => p.path)).toEqual(
      expected.map((p) => p.path),
    );
    const lockIn = json.parameters.find(
      (p: { path: string }) => p.path === 'agents.apps.product.lockIn',
    );
    expect(lockIn).toMatchObject({
      type: 'number',
      unit: 'factor',
      value: expected.find((p) => p.path === 'agents.apps.product.lockIn')?.value,
      value_text: null,
      min: 0,
      max: null,
      range: '[0, ∞)',
    });
    const start = json.parameters.find((p: { path: string }) => p.path === 'start');
    expect(start).toMatchObject({ type: 'month', value: null, value_text: '2022-11' });
  });

  it("shows a scenario's values after --set, and refuses a bad one in one line", async () => {
    const set = await runCli([
      'params',
      'scenarios/price-war.ts',
      '--set',
      'demand.priceElasticity=1.4',
    ]);
    expect(set.code).toBe(0);
    expect(set.stdout).toMatch(/^demand\.priceElasticity +elasticity +1\.4 /m);
    expect(set.stdout).toMatch(/^agents\.challenger\.pricing +\(function\)/m);
    const bad = await runCli(['params', '--set', 'demand.priceElasticity=-1']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('demand.priceElasticity');
  });
});
