import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGENT_COLUMNS, marketColumns, SUMMARY_COLUMNS } from '../../src/results/columns.ts';
import { BASELINE_FILE, loadBaseline, runCli } from '../helpers.ts';

const SMALL = ['--customers', '1000', '--months', '12'];
const FILES = ['agents.csv', 'market.csv', 'run.json', 'summary.csv'];

describe.concurrent('aisim run', () => {
  it('writes the four files of the output contract and prints a summary', async () => {
    const out = mkdtempSync(join(tmpdir(), 'aisim-run-'));
    const { code, stdout, stderr } = await runCli([
      'run',
      BASELINE_FILE,
      '--seed',
      '3',
      '--out',
      out,
      ...SMALL,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(readdirSync(out)).toEqual(['baseline']);
    expect(readdirSync(join(out, 'baseline')).sort()).toEqual(FILES);
    const header = (file: string) =>
      readFileSync(join(out, 'baseline', file), 'utf8').split('\n')[0];
    expect(header('market.csv')).toBe(marketColumns(['gpt35', 'gpt4']).join(','));
    expect(header('agents.csv')).toBe(AGENT_COLUMNS.join(','));
    expect(header('summary.csv')).toBe(SUMMARY_COLUMNS.join(','));
    const run = JSON.parse(readFileSync(join(out, 'baseline', 'run.json'), 'utf8'));
    expect(run).toMatchObject({
      scenario: 'baseline',
      seed: 3,
      start: '2022-11',
      end: '2023-10',
      months: 12,
    });
    expect(run.parameters.customers).toBe(1000);
    const market = readFileSync(join(out, 'baseline', 'market.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(market).toHaveLength(13);
    for (const kind of ['lab', 'hyperscaler', 'aggregator', 'consumers', 'price_gpt35']) {
      expect(stdout).toContain(kind);
    }
  });

  it('replaces an earlier result of the same scenario as a whole, and leaves other folders alone', async () => {
    const out = mkdtempSync(join(tmpdir(), 'aisim-run-'));
    mkdirSync(join(out, 'baseline'));
    writeFileSync(join(out, 'baseline', 'stale.csv'), 'old\n');
    mkdirSync(join(out, 'other'));
    writeFileSync(join(out, 'other', 'kept.csv'), 'kept\n');
    const { code } = await runCli(['run', BASELINE_FILE, '--out', out, ...SMALL]);
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['baseline', 'other']);
    expect(readdirSync(join(out, 'baseline')).sort()).toEqual(FILES);
    expect(readFileSync(join(out, 'other', 'kept.csv'), 'utf8')).toBe('kept\n');
  });

  it('loads a user scenario from anywhere on disk, in CommonJS or ES module scope', async () => {
    const commonjs = mkdtempSync(join(tmpdir(), 'aisim-user-'));
    const esm = mkdtempSync(join(tmpdir(), 'aisim-user-'));
    writeFileSync(join(esm, 'package.json'), '{ "type": "module" }\n');
    const source = (name: string) => `import { defineScenario } from 'ai-market-sim/scenario';
import baseline from '${BASELINE_FILE}';

export default defineScenario({
  extends: baseline,
  name: '${name}',
  demand: { segments: { enterprise: { switchingCostPerSpendMonth: { median: 1 } } } },
});
`;
    writeFileSync(join(commonjs, 'mine.ts'), source('mine-cjs'));
    writeFileSync(join(esm, 'mine.ts'), source('mine-esm'));
    const out = mkdtempSync(join(tmpdir(), 'aisim-run-'));
    for (const [dir, name] of [
      [commonjs, 'mine-cjs'],
      [esm, 'mine-esm'],
    ] as const) {
      const { code, stderr } = await runCli(['run', join(dir, 'mine.ts'), '--out', out, ...SMALL], {
        cwd: dir,
      });
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const run = JSON.parse(readFileSync(join(out, name, 'run.json'), 'utf8'));
      expect(run.parameters.demand.segments.enterprise.switchingCostPerSpendMonth.median).toBe(1);
    }
  });

  it('a scenario outside the repository imports the baseline by package path, in a run and in sweep workers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aisim-user-'));
    // A pricing function cannot be copied to a worker thread: each worker loads the file itself.
    writeFileSync(
      join(dir, 'outside.ts'),
      `import { defineScenario, type PricingStrategy } from 'ai-market-sim/scenario';
import baseline from 'ai-market-sim/scenarios/baseline.ts';

const flatPrice: PricingStrategy = () => 4.25;

export default defineScenario({
  extends: baseline,
  name: 'outside',
  agents: { anthropic: { pricing: flatPrice } },
  uncertain: { 'demand.priceElasticity': { dist: 'uniform', min: 0.9, max: 1.2 } },
});
`,
    );
    const out = mkdtempSync(join(tmpdir(), 'aisim-run-'));
    const run = await runCli(['run', join(dir, 'outside.ts'), '--out', out, ...SMALL], {
      cwd: dir,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const parameters = JSON.parse(
      readFileSync(join(out, 'outside', 'run.json'), 'utf8'),
    ).parameters;
    const baseline = await loadBaseline();
    // The baseline's own numbers, reached through the package path.
    expect(parameters.technology).toEqual(baseline.technology);
    expect(Object.keys(parameters.agents)).toEqual(Object.keys(baseline.agents));
    const sweep = await runCli(
      ['sweep', join(dir, 'outside.ts'), '--runs', '2', '--workers', '2', '--out', out, ...SMALL],
      { cwd: dir },
    );
    expect(sweep.stderr).toBe('');
    expect(sweep.code).toBe(0);
    expect(
      readFileSync(join(out, 'outside-sweep', 'runs.csv'), 'utf8')
        .trimEnd()
        .split('\n'),
    ).toHaveLength(3);
  });

  it("a scenario file's own pricing strategy sets its seller's prices", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aisim-user-'));
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(
      join(dir, 'flat-anthropic.ts'),
      `import { defineScenario, type PricingStrategy } from 'ai-market-sim/scenario';
import baseline from '${BASELINE_FILE}';

/** One list price, whatever the cost or the rivals. */
const flatPrice: PricingStrategy = () => 4.25;

export default defineScenario({
  extends: baseline,
  name: 'flat-anthropic',
  agents: { anthropic: { pricing: flatPrice } },
});
`,
    );
    const out = mkdtempSync(join(tmpdir(), 'aisim-run-'));
    const { code, stderr } = await runCli([
      'run',
      join(dir, 'flat-anthropic.ts'),
      '--out',
      out,
      ...SMALL,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const [header, ...lines] = readFileSync(join(out, 'flat-anthropic', 'agents.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    const columns = header!.split(',');
    const rows = lines.map((line) => line.split(','));
    const priced = (agent: string) =>
      rows
        .filter((row) => row[columns.indexOf('agent')] === agent)
        .map((row) => row[columns.indexOf('price')]!)
        .filter((price) => price !== '');
    expect(priced('anthropic').length).toBeGreaterThan(0);
    expect(new Set(priced('anthropic'))).toEqual(new Set(['4.25']));
    expect(priced('openai').some((price) => price !== '4.25')).toBe(true);
    const run = JSON.parse(readFileSync(join(out, 'flat-anthropic', 'run.json'), 'utf8'));
    expect(run.parameters.agents.anthropic.pricing).toBe('[function flatPrice]');
  });

  it('same scenario and seed from the command line: the same bytes', async () => {
    const [a, b] = [
      mkdtempSync(join(tmpdir(), 'aisim-a-')),
      mkdtempSync(join(tmpdir(), 'aisim-b-')),
    ];
    await Promise.all([a, b].map((out) => runCli(['run', BASELINE_FILE, '--out', out, ...SMALL])));
    for (const file of FILES) {
      expect(readFileSync(join(b, 'baseline', file), 'utf8'), file).toBe(
        readFileSync(join(a, 'baseline', file), 'utf8'),
      );
    }
  });

  it('a scenario name that would escape the output folder is refused, and nothing is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aisim-evil-'));
    const parent = mkdtempSync(join(tmpdir(), 'aisim-parent-'));
    const out = join(parent, 'out');
    mkdirSync(out);
    writeFileSync(
      join(dir, 'evil.ts'),
      `import baseline from '${BASELINE_FILE}';\nexport default { ...baseline, name: '../escaped' };\n`,
    );
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    const { code, stderr } = await runCli(['run', join(dir, 'evil.ts'), '--out', out, ...SMALL]);
    expect(code).toBe(2);
    expect(stderr).toContain('name');
    expect(stderr).toContain('../escaped');
    expect(readdirSync(parent)).toEqual(['out']);
    expect(readdirSync(out)).toEqual([]);
  });

  it('--help explains the command', async () => {
    const { code, stdout } = await runCli(['run', '--help']);
    expect(code).toBe(0);
    for (const option of ['--seed', '--out', '--set', '--customers', '--months'])
      expect(stdout).toContain(option);
  });
});
