/**
 * `aisim compare` and `aisim report` are thin shells: a script importing the package gets the
 * same comparison and the same page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReport } from 'ai-market-sim/report';
import { describe, expect, it } from 'vitest';
import { compareFolders, comparisonCsv, formatComparison } from '../../src/index.ts';
import { runCli } from '../helpers.ts';
import { writeSmallRun } from './fixture.ts';

describe('the library API of compare and report', () => {
  it('gives what the CLI prints and writes, from the package entry', async () => {
    const { folder } = await writeSmallRun();
    const pairs = [{ minuend: 'aggregator', subtrahend: 'lab' }] as const;
    const comparisons = await compareFolders([folder], pairs);
    const table = await runCli(['compare', folder, '--diff', 'aggregator-lab']);
    expect(table.code).toBe(0);
    expect(table.stdout).toBe(`${formatComparison(comparisons)}\n`);
    const csv = await runCli(['compare', folder, '--diff', 'aggregator-lab', '--csv']);
    expect(csv.stdout).toBe(await comparisonCsv(comparisons));
    const report = await runCli(['report', folder]);
    expect(report.code).toBe(0);
    expect(readFileSync(join(folder, 'report.html'), 'utf8')).toBe(await buildReport(folder));
  });
});
