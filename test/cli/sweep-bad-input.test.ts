/**
 * Bad input to `aisim sweep` and `aisim merge`: one line on stderr, exit 2, and the results
 * already in the output folder exactly as they were.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { aisim, SWEEP_FOLDER, snapshot, UNCERTAIN_FILE } from '../sweep/helpers.ts';
import { toyShards } from '../sweep/toy-sweep.ts';

const SMALL = ['--customers', '300', '--months', '6', '--workers', '1'];

/**
 * Scenario files that extend the uncertain baseline, under its name, each with one fault: the
 * uncertain inputs it adds or replaces, and any other field it changes.
 */
const FILES: Record<string, string> = {
  'unknown-path.ts': "uncertain: { 'technology.hardwareCostDeclinePerYer': uniform(0.2, 0.4) }",
  'negative-sd.ts': "uncertain: { 'technology.energyEfficiencyGainPerYear': normal(0.4, -0.1) }",
  // The uncertain baseline's elasticity is a uniform: a normal replaces it whole.
  'negative-sd-inherited.ts': "uncertain: { 'demand.priceElasticity': normal(1.1, -0.1) }",
  'min-above-max.ts': "uncertain: { 'technology.hardwareCostDeclinePerYear': uniform(0.4, 0.2) }",
  'leaves-range.ts': "uncertain: { 'technology.energyEfficiencyGainPerYear': normal(0.4, 0.2) }",
  // The same inputs under another title: the scenario edited since its sweep started.
  'edited.ts': "title: 'Edited since the sweep'",
};

let folder: string;
let out: string;
let before: Record<string, string>;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'aisim-sweep-bad-'));
  for (const [name, fields] of Object.entries(FILES)) {
    writeFileSync(
      join(folder, name),
      `import { defineScenario, normal, uniform } from 'ai-market-sim/scenario';
import base from '${UNCERTAIN_FILE}';
export default defineScenario({ extends: base, name: 'uncertain-baseline', ${fields} });
`,
    );
  }
  out = mkdtempSync(join(tmpdir(), 'aisim-sweep-bad-out-'));
  const { code } = await aisim(['sweep', UNCERTAIN_FILE, '--runs', '4', ...SMALL, '--out', out]);
  expect(code).toBe(0);
  before = snapshot(out);
  expect(Object.keys(before)).toContain(`${SWEEP_FOLDER}/runs.csv`);
});

const CASES: { name: string; args: () => string[]; env?: Record<string, string>; says: RegExp }[] =
  [
    {
      name: 'an unknown parameter path',
      args: () => ['sweep', join(folder, 'unknown-path.ts'), '--runs', '4'],
      says: /unknown-path\.ts: uncertain\.technology\.hardwareCostDeclinePerYer: unknown parameter path/,
    },
    {
      name: 'a normal with sd below 0',
      args: () => ['sweep', join(folder, 'negative-sd.ts'), '--runs', '4'],
      says: /negative-sd\.ts: uncertain\.technology\.energyEfficiencyGainPerYear: sd must be at least 0/,
    },
    {
      name: 'a uniform with min above max',
      args: () => ['sweep', join(folder, 'min-above-max.ts'), '--runs', '4'],
      says: /min-above-max\.ts: uncertain\.technology\.hardwareCostDeclinePerYear: min must not be above max/,
    },
    {
      name: "a distribution that leaves its parameter's range",
      args: () => ['sweep', join(folder, 'leaves-range.ts'), '--runs', '400'],
      says: /leaves-range\.ts: uncertain input: technology\.energyEfficiencyGainPerYear: must be at least 0/,
    },
    {
      name: 'a normal with sd below 0 in place of an inherited uniform',
      args: () => ['sweep', join(folder, 'negative-sd-inherited.ts'), '--runs', '4'],
      says: /negative-sd-inherited\.ts: uncertain\.demand\.priceElasticity: sd must be at least 0 \(got /,
    },
    {
      name: '--shard 5/4',
      args: () => ['sweep', UNCERTAIN_FILE, '--runs', '4', '--shard', '5/4'],
      says: /--shard: shard index must be below the shard count/,
    },
    {
      name: '--runs 0',
      args: () => ['sweep', UNCERTAIN_FILE, '--runs', '0'],
      says: /--runs: expected a whole number, 1 or more \(got "0"\)/,
    },
    {
      name: "resuming into another sweep's folder",
      args: () => ['sweep', UNCERTAIN_FILE, '--runs', '4', '--seed', '2', '--resume'],
      says: /uncertain-baseline-sweep: sweep\.json: belongs to another sweep \(its seed differs\)/,
    },
    {
      name: 'resuming with the scenario file edited since the sweep started',
      args: () => ['sweep', join(folder, 'edited.ts'), '--runs', '4', '--resume'],
      says: /uncertain-baseline-sweep: the scenario file changed since the sweep started \(content hash [0-9a-f]{12}, sweep has [0-9a-f]{12}\)/,
    },
    {
      name: 'resuming with other run options',
      args: () => [
        'sweep',
        UNCERTAIN_FILE,
        '--runs',
        '4',
        '--set',
        'demand.priceElasticity=1.2',
        '--resume',
      ],
      says: /uncertain-baseline-sweep: sweep\.json: belongs to another sweep \(its options differ\)/,
    },
    {
      name: 'a Slurm array task without SLURM_ARRAY_TASK_COUNT',
      args: () => ['sweep', UNCERTAIN_FILE, '--runs', '4'],
      env: { SLURM_ARRAY_TASK_ID: '3' },
      says: /^aisim: SLURM_ARRAY_TASK_COUNT: is not set: SLURM_ARRAY_TASK_ID is 3, so this is a Slurm job array: set SLURM_ARRAY_TASK_COUNT to /,
    },
    {
      name: 'starting over a sweep without --resume',
      args: () => ['sweep', UNCERTAIN_FILE, '--runs', '4'],
      says: /holds a sweep already: add --resume/,
    },
  ];

describe.concurrent('aisim sweep, given bad input', () => {
  it.each(CASES)('$name: one line, exit 2, results untouched', async ({ args, env, says }) => {
    const command = args();
    const options = command[0] === 'sweep' ? SMALL : [];
    const { code, stdout, stderr } = await aisim([...command, ...options, '--out', out], env);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^aisim: [^\n]+\n$/);
    expect(stderr).toMatch(says);
    expect(snapshot(out)).toEqual(before);
  });
});

describe('aisim merge, given shards that are not all there', () => {
  it('names every missing and unfinished shard in one line, exits 2 and writes nothing', async () => {
    const folders = toyShards(6, [0, 4, 2, 5], [4, 5]);
    const merged = join(mkdtempSync(join(tmpdir(), 'aisim-merge-bad-')), 'merged');
    const { code, stdout, stderr } = await aisim(['merge', ...folders, '--out', merged]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'aisim: merge: shards 1, 3 of 6 are missing (2 of 6): run them (--shard i/6), then merge again; ' +
        'shards 4, 5 of 6 are not complete (no runs.csv): finish them with the same aisim sweep command and --resume\n',
    );
    expect(existsSync(merged)).toBe(false);
  });
});
