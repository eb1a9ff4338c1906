/**
 * `aisim sweep --from/--to --where` and `aisim discover` through the real command line: a
 * sweep's outcomes cover its window, per agent and for the leading lab; the share of runs where
 * a condition holds and PRIM's box agree with a count made here from runs.csv.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeSmallSweep } from '../report/fixture.ts';
import { aisim, readRuns, SWEEP_FOLDER, UNCERTAIN_FILE } from '../sweep/helpers.ts';

const temporary = () => mkdtempSync(join(tmpdir(), 'aisim-discover-'));
const WINDOW = { from: '2023-06', to: '2024-06' };
/** A condition on an input alone: PRIM must find the input's own cut. */
const ON_INPUT = 'demand.priceElasticity > 1.1';

let out: string;
let folder: string;
let sweptStdout: string;
let header: string[];
let rows: number[][];
const column = (name: string) => rows.map((row) => row[header.indexOf(name)]!);

beforeAll(async () => {
  out = temporary();
  const swept = await aisim([
    'sweep',
    UNCERTAIN_FILE,
    '--runs',
    '40',
    '--customers',
    '300',
    '--months',
    '24',
    '--workers',
    '2',
    '--from',
    WINDOW.from,
    '--to',
    WINDOW.to,
    '--where',
    'operating_margin_leading_lab > 20%',
    '--where',
    ON_INPUT,
    '--out',
    out,
  ]);
  expect(swept.stderr).toBe('');
  expect(swept.code).toBe(0);
  sweptStdout = swept.stdout;
  folder = join(out, SWEEP_FOLDER);
  const runs = readRuns(join(folder, 'runs.csv'));
  header = runs.header;
  rows = runs.rows.map((row) => row.map((cell) => (cell === '' ? Number.NaN : Number(cell))));
});

describe('aisim sweep --from --to --where', () => {
  it('records the window and measures each agent and the leading lab over it', async () => {
    const sweep = JSON.parse(readFileSync(join(folder, 'sweep.json'), 'utf8'));
    expect(sweep.window).toEqual(WINDOW);
    expect(sweptStdout).toContain(`over ${WINDOW.from} to ${WINDOW.to}`);
    for (const name of [
      'operating_margin_openai',
      'profit_anthropic',
      'operating_margin_leading_lab',
    ])
      expect(header).toContain(name);
    // Run 5 alone: OpenAI's accounts summed over the window's months of its agents.csv.
    const rerun = temporary();
    const { code } = await aisim(['run', '--from-sweep', folder, '--run', '5', '--out', rerun]);
    expect(code).toBe(0);
    const agents = readRuns(join(rerun, 'uncertain-baseline', 'agents.csv'));
    const cell = (row: string[], name: string) => row[agents.header.indexOf(name)]!;
    const openai = agents.rows.filter(
      (row) =>
        cell(row, 'agent') === 'openai' &&
        cell(row, 'date') >= WINDOW.from &&
        cell(row, 'date') <= WINDOW.to,
    );
    expect(openai).toHaveLength(13);
    const sum = (name: string) => openai.reduce((total, row) => total + Number(cell(row, name)), 0);
    const revenue = sum('revenue');
    const margin = (revenue - sum('variable_cost') - sum('fixed_cost')) / revenue;
    expect(column('operating_margin_openai')[5]).toBeCloseTo(margin, 12);
  });

  it('prints the share of runs where each condition holds, as counted from runs.csv', () => {
    const margins = column('operating_margin_leading_lab');
    const defined = margins.filter((margin) => !Number.isNaN(margin));
    const holding = defined.filter((margin) => margin > 0.2).length;
    const line = sweptStdout
      .split('\n')
      .find((text) => text.includes('operating_margin_leading_lab > 20%:'));
    expect(line).toContain(
      `holds in ${holding} of ${defined.length} runs, ${((100 * holding) / defined.length).toFixed(1)} %`,
    );
    expect(line).toContain('Wilson score');
    const elastic = column('demand.priceElasticity').filter((value) => value > 1.1).length;
    expect(sweptStdout).toContain(`${ON_INPUT}: holds in ${elastic} of 40 runs`);
  });

  it('refuses a condition naming no column before it runs anything: one line, exit 2', async () => {
    const fresh = temporary();
    const { code, stderr } = await aisim([
      'sweep',
      UNCERTAIN_FILE,
      '--runs',
      '4',
      '--where',
      'operating_margin_opnai > 0.2',
      '--out',
      fresh,
    ]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'aisim: --where: unknown outcome or input operating_margin_opnai (did you mean operating_margin_openai?) at character 1 (got "operating_margin_opnai > 0.2")\n',
    );
    expect(existsSync(join(fresh, SWEEP_FOLDER))).toBe(false);
  });

  it('refuses a window after the scenario ends', async () => {
    const fresh = temporary();
    const { code, stderr } = await aisim([
      'sweep',
      UNCERTAIN_FILE,
      '--runs',
      '4',
      '--months',
      '24',
      '--from',
      '2031-01',
      '--out',
      fresh,
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^aisim: --from: is after the scenario's last month \(2024-10\) \(got "2031-01"\)\n$/,
    );
    expect(existsSync(join(fresh, SWEEP_FOLDER))).toBe(false);
  });
});

describe('aisim discover', () => {
  it('refuses a bad condition with one line and writes nothing', async () => {
    const { code, stderr } = await aisim(['discover', folder, '--where', 'profit_lab >']);
    expect(code).toBe(2);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toContain('--where: expected a number, a name or "(" but found the end');
    expect(existsSync(join(folder, 'discovery.json'))).toBe(false);
  });

  it('finds the cut of a condition on an input: its box, coverage and density as counted here', async () => {
    const { code, stdout } = await aisim([
      'discover',
      folder,
      '--where',
      ON_INPUT,
      '--threshold',
      '0.95',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('Wrote');
    const trajectory = readRuns(join(folder, 'discovery.csv'));
    const box = readRuns(join(folder, 'discovery-box.csv'));
    const record = JSON.parse(readFileSync(join(folder, 'discovery.json'), 'utf8'));
    const elasticity = column('demand.priceElasticity');
    const holds = elasticity.map((value) => value > 1.1);
    const holding = holds.filter(Boolean).length;
    expect(record).toMatchObject({ condition: ON_INPUT, runs: 40, defined: 40, holding });
    // The chosen box restricts the elasticity from below, near 1.1: a peel takes 5 % of the
    // box's runs at a time, so the cut lands within a run or two of it.
    const restricted = box.rows.map((row) => row[box.header.indexOf('input')]);
    expect(restricted).toContain('demand.priceElasticity');
    const limits = box.rows.find((row) => row[0] === 'demand.priceElasticity')!;
    const low = Number(limits[box.header.indexOf('low')]);
    const sorted = [...elasticity].sort((a, b) => a - b);
    const firstAbove = sorted.findIndex((value) => value > 1.1);
    expect(low).toBeGreaterThan(sorted[firstAbove - 3]!);
    expect(low).toBeLessThanOrEqual(sorted[firstAbove]!);
    // Its coverage and density, recounted from runs.csv with its limits.
    const inBox = rows.map((_, run) =>
      box.rows.every((row) => {
        const value = column(row[0]!)[run]!;
        return (
          value >= Number(row[box.header.indexOf('low')]) &&
          value <= Number(row[box.header.indexOf('high')])
        );
      }),
    );
    const boxRuns = inBox.filter(Boolean).length;
    const boxHolding = inBox.filter((inside, run) => inside && holds[run]).length;
    const chosen = trajectory.rows.find(
      (row) => row[trajectory.header.indexOf('chosen')] === 'yes',
    )!;
    const field = (name: string) => Number(chosen[trajectory.header.indexOf(name)]);
    expect(field('step')).toBe(record.chosenStep);
    expect(field('runs')).toBe(boxRuns);
    expect(field('holding')).toBe(boxHolding);
    expect(field('coverage')).toBe(boxHolding / holding);
    expect(field('density')).toBe(boxHolding / boxRuns);
    expect(field('density')).toBeGreaterThanOrEqual(0.95);
    expect(field('coverage')).toBeGreaterThanOrEqual(0.9);
  });

  it('works on a Morris design too', async () => {
    const morris = await writeSmallSweep({
      design: 'morris',
      discover: 'operating_margin_lab > operating_margin_hyperscaler',
    });
    const record = JSON.parse(readFileSync(join(morris, 'discovery.json'), 'utf8'));
    // Two trajectories of (inputs + 1) runs each.
    const manifest = JSON.parse(readFileSync(join(morris, 'sweep.json'), 'utf8'));
    expect(record.runs).toBe(2 * (manifest.inputs.length + 1));
    const trajectory = readRuns(join(morris, 'discovery.csv'));
    expect(Number(trajectory.rows[0]![trajectory.header.indexOf('runs')])).toBe(record.defined);
  });
});
