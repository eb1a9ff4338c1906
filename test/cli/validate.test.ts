import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CALIBRATION_FACTS } from '../../src/analysis/calibration.ts';
import { VALIDATION_COLUMNS } from '../../src/results/validation-file.ts';
import { runCli } from '../helpers.ts';

describe.concurrent('aisim validate', () => {
  it('the baseline passes every band of the calibration table in the median of 20 seeds', async () => {
    const out = mkdtempSync(join(tmpdir(), 'aisim-validate-'));
    const { code, stdout, stderr } = await runCli(['validate', '--runs', '20', '--out', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const csv = readFileSync(join(out, 'validation', 'baseline.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(csv[0]).toBe(VALIDATION_COLUMNS.join(','));
    expect(csv).toHaveLength(1 + CALIBRATION_FACTS.length); // the header and every fact
    for (const line of csv.slice(1)) expect(line).toMatch(/,20,pass,/);
    expect(stdout).toContain('Every median is within its band');
  });

  it('exits 1 when a median falls outside its band (algorithms improving only x3 a year)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'aisim-validate-'));
    const { code, stdout } = await runCli([
      'validate',
      '--runs',
      '3',
      '--set',
      'technology.algorithmicEfficiencyPerYear=3',
      '--out',
      out,
    ]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/fall of that price.*FAIL/);
    expect(readFileSync(join(out, 'validation', 'baseline.csv'), 'utf8')).toContain(',fail,');
  });

  it('measures each lab by name: Google at the frontier from the start fails its own 7 % share', async () => {
    const out = mkdtempSync(join(tmpdir(), 'aisim-validate-'));
    const { code, stdout } = await runCli([
      'validate',
      '--runs',
      '3',
      '--months',
      '28',
      '--set',
      'agents.google.researchGapPoints=0',
      '--out',
      out,
    ]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/enterprise API share of Google.*FAIL/);
    expect(stdout).toMatch(/enterprise API share of OpenAI.*pass/);
  });
});
