import { describe, expect, it } from 'vitest';
import { sensitivityReport, sensitivityTable } from '../../src/analysis/sensitivity-report.ts';
import { InputError } from '../../src/errors.ts';
import { formatSensitivityTable } from '../../src/output/sensitivity-table.ts';
import { toySensitivity } from './toy-sensitivity.ts';

describe('the sensitivity report', () => {
  it('ranks inputs by Sobol total index, near their analytic values', () => {
    const { plan, built, outputs } = toySensitivity(
      { name: 'sobol', baseRows: 512, skip: 512 },
      512 * 5,
    );
    const report = sensitivityReport(plan, built, 'y', outputs, { resamples: 200 });
    expect(report.ranking.map((i) => report.inputs[i])).toEqual(['a', 'c', 'b']);
    if (report.method !== 'sobol') throw new Error('expected Sobol');
    // Var(4a) = 16/12, Var(c^2) = 4/45: S_a = 0.9375, S_c = 0.0625, S_b = 0.
    expect(report.indices.first[0]!.estimate).toBeCloseTo(0.9375, 1);
    expect(report.indices.total[2]!.estimate).toBeCloseTo(0.0625, 1);
    expect(Math.abs(report.indices.total[1]!.estimate)).toBeLessThan(1e-9);
    const table = sensitivityTable(report);
    expect(table.columns[0]).toBe('rank');
    expect(table.rows.map((row) => row.slice(0, 2))).toEqual([
      [1, 'a'],
      [2, 'c'],
      [3, 'b'],
    ]);
    expect(formatSensitivityTable(report)).toMatch(/1 {2}a +0\.9\d/);
    expect(formatSensitivityTable(report)).not.toMatch(/outside \[0, 1\]/);
  });

  it('cautions when a small sample of a heavy-tailed outcome puts indices outside [0, 1]', () => {
    const { plan, built, outputs } = toySensitivity({ name: 'sobol', baseRows: 8, skip: 8 }, 40);
    // One run in the tail: a b-matrix row (AB_a) far out, as a margin of -6,000 % would be.
    outputs[1] = 1e4;
    const report = sensitivityReport(plan, built, 'y', outputs, { resamples: 200 });
    if (report.method !== 'sobol') throw new Error('expected Sobol');
    const estimates = [...report.indices.first, ...report.indices.total].map((i) => i.estimate);
    expect(estimates.some((x) => x < -0.1 || x > 1.1)).toBe(true);
    expect(formatSensitivityTable(report)).toMatch(/outside \[0, 1\][\s\S]*more base rows/);
  });

  it('ranks inputs by Morris mu*, an idle input at exactly 0', () => {
    const { plan, built, outputs } = toySensitivity(
      { name: 'morris', trajectories: 20, levels: 4 },
      80,
    );
    const report = sensitivityReport(plan, built, 'y', outputs, { resamples: 200 });
    if (report.method !== 'morris') throw new Error('expected Morris');
    expect(report.ranking.map((i) => report.inputs[i])).toEqual(['a', 'c', 'b']);
    expect(report.effects[0]!.muStar.estimate).toBeCloseTo(4, 9);
    expect(report.effects[1]!.muStar.estimate).toBe(0);
  });

  it.each([
    ['lhs', { name: 'lhs', runs: 60 }],
    ['random', { name: 'random', runs: 60 }],
    ['grid', { name: 'grid', levels: 4 }],
  ] as const)(
    'ranks the inputs of a %s design by |PRCC|, dropping runs without the outcome',
    (_, design) => {
      const runs = design.name === 'grid' ? 4 ** 3 : design.runs;
      const { plan, built, outputs } = toySensitivity(design, runs);
      outputs[3] = Number.NaN;
      const report = sensitivityReport(plan, built, 'y', outputs, { resamples: 100 });
      if (report.method !== 'rank') throw new Error('expected rank correlations');
      expect(report.inputs[report.ranking[0]!]).toBe('a');
      expect(report.correlations.dropped).toBe(1);
      expect(report.correlations.prcc[0]!.estimate).toBeGreaterThan(0.9);
      const table = sensitivityTable(report);
      expect(table.columns.slice(0, 3)).toEqual(['rank', 'input', 'prcc']);
      expect(formatSensitivityTable(report)).toMatch(
        /Rank correlations with y \(\d+ runs; 1 run without the outcome left out\)[\s\S]*1 {2}a +(0\.9\d|1\.00)/,
      );
    },
  );

  it('refuses a Sobol outcome missing from a run', () => {
    const sobol = toySensitivity({ name: 'sobol', baseRows: 8, skip: 8 }, 40);
    sobol.outputs[5] = Number.NaN;
    expect(() => sensitivityReport(sobol.plan, sobol.built, 'y', sobol.outputs)).toThrow(
      InputError,
    );
  });
});
