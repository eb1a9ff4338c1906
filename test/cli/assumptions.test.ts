/**
 * Results say what they assumed, and are never silently replaced by results of other inputs:
 * run.json records the options given and the differences from the scenario extended, the
 * summary and the report show them first; a folder of other inputs is refused without
 * --overwrite; a run that leaves the physical bounds, a window outside the horizon and a sweep
 * with nothing to vary are bad input, refused before anything is written.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASELINE_FILE, type CliResult, REPO, runCli } from '../helpers.ts';

const SMALL = ['--customers', '300', '--months', '12'];
const SETTING = 'technology.hardwareCostDeclinePerYear=0.2';
const PRICE_WAR = join(REPO, 'scenarios', 'price-war.ts');

function freshOut(): string {
  return mkdtempSync(join(tmpdir(), 'aisim-assumed-'));
}

/** The one line a command printed to stderr, with exit status 2 and nothing on stdout. */
function oneLine({ code, stdout, stderr }: CliResult): string {
  expect(code, stderr).toBe(2);
  expect(stdout).toBe('');
  expect(stderr.trimEnd().split('\n'), stderr).toHaveLength(1);
  return stderr;
}

describe.concurrent('assumptions on record', () => {
  it('run.json lists a --set override, the summary shows it first, and so does the report', async () => {
    const out = freshOut();
    const run = await runCli(['run', BASELINE_FILE, '--set', SETTING, ...SMALL, '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const folder = join(out, 'baseline');
    const record = JSON.parse(readFileSync(join(folder, 'run.json'), 'utf8'));
    expect(record.options).toEqual({ settings: [SETTING], customers: 300, months: 12 });
    // The title names the months run, not the scenario's whole horizon.
    expect(record.title).toBe(`Baseline, ${record.start} to ${record.end}`);
    expect(record.end).toBe('2023-10');
    expect(run.stdout.split('\n')[0]).toBe(
      `Assumptions: --set ${SETTING}, --customers 300, --months 12`,
    );
    const report = await runCli(['report', folder]);
    expect(report.code, report.stderr).toBe(0);
    const html = readFileSync(join(folder, 'report.html'), 'utf8');
    const assumptions = html.indexOf(`--set ${SETTING}, --customers 300, --months 12`);
    expect(assumptions).toBeGreaterThan(0);
    expect(assumptions).toBeLessThan(html.indexOf('<main>'));
  });

  it("a scenario's differences from the one it extends are recorded and shown", async () => {
    const out = freshOut();
    const run = await runCli(['run', PRICE_WAR, ...SMALL, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const record = JSON.parse(readFileSync(join(out, 'price-war', 'run.json'), 'utf8'));
    expect(record.extends).toBe('baseline');
    const paths = record.differences.map((difference: { path: string }) => difference.path);
    for (const path of paths) expect(run.stdout.split('\n')[0]).toContain(path);
    // The entrant is one difference, an agent the base does not have.
    const added = record.differences.filter(
      (difference: object) => !('base' in difference) && 'value' in difference,
    );
    expect(added.length).toBeGreaterThan(0);
    for (const { path } of added) {
      expect(path).toMatch(/^agents\./);
      expect(run.stdout.split('\n')[0]).toContain(`${path} added`);
    }
    expect(run.stdout.split('\n')[0]).toMatch(
      /^Assumptions: --customers 300, --months 12; differs from baseline in: /,
    );
  });
});

describe.concurrent('no silent overwrite', () => {
  it('a second run with other inputs does not replace the first; the same inputs do', async () => {
    const out = freshOut();
    const first = await runCli(['run', BASELINE_FILE, ...SMALL, '--out', out]);
    expect(first.code, first.stderr).toBe(0);
    const recordFile = join(out, 'baseline', 'run.json');
    const before = readFileSync(recordFile, 'utf8');
    const marketBefore = readFileSync(join(out, 'baseline', 'market.csv'), 'utf8');

    const stderr = oneLine(
      await runCli(['run', BASELINE_FILE, '--set', SETTING, ...SMALL, '--out', out]),
    );
    expect(stderr).toContain(join(out, 'baseline'));
    expect(stderr).toContain('holds results of other inputs (its --set differs)');
    expect(stderr).toContain('--overwrite');
    expect(readFileSync(recordFile, 'utf8')).toBe(before);
    expect(readFileSync(join(out, 'baseline', 'market.csv'), 'utf8')).toBe(marketBefore);
    expect(
      oneLine(await runCli(['run', BASELINE_FILE, '--seed', '2', ...SMALL, '--out', out])),
    ).toContain('its --seed differs');

    const again = await runCli(['run', BASELINE_FILE, ...SMALL, '--out', out]);
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(recordFile, 'utf8')).toBe(before);

    const overwritten = await runCli([
      'run',
      BASELINE_FILE,
      '--set',
      SETTING,
      ...SMALL,
      '--out',
      out,
      '--overwrite',
    ]);
    expect(overwritten.code, overwritten.stderr).toBe(0);
    expect(JSON.parse(readFileSync(recordFile, 'utf8')).options.settings).toEqual([SETTING]);
  });

  it('a batch of other inputs does not replace the first batch', async () => {
    const out = freshOut();
    const args = ['batch', BASELINE_FILE, '--seeds', '1', ...SMALL, '--out', out];
    const first = await runCli(args);
    expect(first.code, first.stderr).toBe(0);
    const before = readFileSync(join(out, 'batch', 'batch.json'), 'utf8');
    expect(oneLine(await runCli([...args, '--from', '2023-01']))).toContain(
      'holds results of other inputs (its --from differs)',
    );
    expect(readFileSync(join(out, 'batch', 'batch.json'), 'utf8')).toBe(before);
    const again = await runCli(args);
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(join(out, 'batch', 'batch.json'), 'utf8')).toBe(before);
  });
});

describe.concurrent('errors a user makes: exit 2, one line, nothing written', () => {
  it('--set demand.priceElasticity=50 on the baseline leaves the physical bounds', async () => {
    const out = join(freshOut(), 'results');
    const stderr = oneLine(
      await runCli(['run', BASELINE_FILE, '--set', 'demand.priceElasticity=50', '--out', out]),
    );
    expect(stderr).toMatch(
      /^aisim: \S+baseline\.ts: --set demand\.priceElasticity=50: .+ (is not finite in \d{4}-\d{2}|in \d{4}-\d{2}, beyond physical bounds)/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('a batch window after the scenario ends, or that ends before it begins', async () => {
    const out = join(freshOut(), 'results');
    const after = oneLine(
      await runCli(['batch', BASELINE_FILE, '--seeds', '1', '--from', '2031-01', '--out', out]),
    );
    expect(after).toMatch(
      /^aisim: \S*baseline\.ts: --from: is after the scenario ends \(2030-12\) \(got "2031-01"\)\n$/,
    );
    const reversed = oneLine(
      await runCli([
        'batch',
        BASELINE_FILE,
        '--seeds',
        '1',
        '--from',
        '2025-01',
        '--to',
        '2024-01',
        '--out',
        out,
      ]),
    );
    expect(reversed).toContain('--to: is before --from (2025-01) (got "2024-01")');
    // --months moves the horizon's end: a window after it is outside.
    expect(
      oneLine(
        await runCli([
          'batch',
          BASELINE_FILE,
          '--seeds',
          '1',
          ...SMALL,
          '--to',
          '2024-01',
          '--out',
          out,
        ]),
      ),
    ).toContain('--to: is after the scenario ends (2023-10)');
    expect(existsSync(out)).toBe(false);
  });

  it('a sweep of a scenario without uncertain inputs says so before it runs', async () => {
    const out = freshOut();
    const stderr = oneLine(await runCli(['sweep', BASELINE_FILE, '--runs', '4', '--out', out]));
    expect(stderr).toMatch(/^aisim: \S*baseline\.ts: uncertain: declares no uncertain inputs/);
    expect(stderr).toContain('--design random');
    expect(readdirSync(out)).toEqual([]);
    // A random design over seeds alone is what it asks for: it runs, and says so first.
    const random = await runCli([
      'sweep',
      BASELINE_FILE,
      '--design',
      'random',
      '--runs',
      '2',
      '--workers',
      '1',
      ...SMALL,
      '--out',
      out,
    ]);
    expect(random.code, random.stderr).toBe(0);
    expect(random.stderr).toMatch(
      /^aisim: note: \S*baseline\.ts declares no uncertain inputs: the 2 runs of this random design differ by their seeds alone\n/,
    );
  });
});
