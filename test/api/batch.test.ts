/**
 * The batch as a library: `runBatch` runs every scenario over seeds 1..N, writes the folder
 * `aisim batch` writes (the command is a shell over it), reports its runs to an observer, and
 * refuses a bad batch before anything runs.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.ts';
import { BASELINE_FILE, REPO, runCli } from '../helpers.ts';

const temporary = () => mkdtempSync(join(tmpdir(), 'aisim-batch-api-'));
const SCENARIOS = ['scenarios/baseline.ts', 'scenarios/price-war.ts'];
const FILES = ['batch.csv', 'batch-runs.csv', 'batch.json'];

/** What an observer was told, in order. */
function recorder() {
  const told: string[] = [];
  const observer: api.RunObserver = {
    start: (runs) => told.push(`start ${runs}`),
    run: () => told.push('run'),
  };
  return { told, observer };
}

describe('runBatch', () => {
  it('writes the same files as aisim batch given the same options, and tells its observer of each run', async () => {
    const out = temporary();
    const { told, observer } = recorder();
    const batch = await api.runBatch({
      paths: SCENARIOS.map((file) => join(REPO, file)),
      seeds: 2,
      window: { from: '2023-01' },
      overrides: { customers: 300, months: 18, settings: ['demand.priceElasticity=1.1'] },
      outDir: out,
      observer,
      show: (path) => relative(REPO, path),
    });
    expect(told).toEqual(['start 4', 'run', 'run', 'run', 'run']);
    expect(batch.folder).toBe(join(out, 'batch'));
    expect(batch.seeds).toEqual([1, 2]);

    const cli = temporary();
    const { code, stdout, stderr } = await runCli([
      'batch',
      ...SCENARIOS,
      '--seeds',
      '2',
      '--from',
      '2023-01',
      '--customers',
      '300',
      '--months',
      '18',
      '--set',
      'demand.priceElasticity=1.1',
      '--out',
      cli,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(api.formatBatchTable(batch.rows));
    for (const file of FILES) {
      expect(readFileSync(join(cli, 'batch', file), 'utf8'), file).toBe(
        readFileSync(join(batch.folder, file), 'utf8'),
      );
    }
    const manifest = JSON.parse(readFileSync(join(batch.folder, 'batch.json'), 'utf8'));
    expect(manifest.scenarios.map((scenario: { file: string }) => scenario.file)).toEqual(
      SCENARIOS,
    );
    expect(manifest).toMatchObject({ seeds: [1, 2], window: { from: '2023-01' }, months: 18 });
  });

  it('runs seed k as aisim run --seed k, and pairs the aggregator-minus-lab difference seed by seed', async () => {
    const overrides = { customers: 300, months: 12 };
    const batch = await api.runBatch({
      paths: [BASELINE_FILE],
      seeds: 3,
      overrides,
      outDir: temporary(),
    });
    const scenario = api.applyOverrides(await api.loadScenario(BASELINE_FILE), overrides);
    const outcome = (seed: number, name: string) =>
      batch.outcomes.find(
        (row) => row.seed === seed && row.name === name && row.scope !== 'leading_lab',
      )!;
    for (const seed of [1, 2, 3]) {
      const alone = api.runScenario(scenario, { seed });
      for (const kind of ['lab', 'aggregator', 'hyperscaler'] as const) {
        const summary = alone.summary.find((row) => row.scope === 'kind' && row.name === kind)!;
        expect(outcome(seed, kind).profitUsd, `seed ${seed}, ${kind}`).toBeCloseTo(
          summary.profit,
          -1,
        );
      }
    }
    const differences = [1, 2, 3].map(
      (seed) => outcome(seed, 'aggregator').operatingMargin - outcome(seed, 'lab').operatingMargin,
    );
    const paired = batch.rows.find((row) => row.scope === 'difference')!;
    expect(paired).toMatchObject({ name: 'aggregator-lab', seeds: 3 });
    expect(paired.operatingMargin.estimate).toBeCloseTo(
      (differences[0]! + differences[1]! + differences[2]!) / 3,
      12,
    );
    expect(paired.operatingMargin.low).toBeLessThan(paired.operatingMargin.estimate);
  });

  it('refuses two scenarios of one name before running anything, and writes nothing', async () => {
    const twin = join(temporary(), 'twin.ts');
    writeFileSync(
      twin,
      `import baseline from ${JSON.stringify(BASELINE_FILE)};\nexport default baseline;\n`,
    );
    const out = temporary();
    const { told, observer } = recorder();
    const batch = api.runBatch({ paths: [BASELINE_FILE, twin], seeds: 1, outDir: out, observer });
    await expect(batch).rejects.toThrow(api.InputError);
    await expect(batch).rejects.toThrow(`also the name of ${BASELINE_FILE}`);
    expect(told).toEqual([]);
    expect(existsSync(join(out, 'batch'))).toBe(false);
  });
});
