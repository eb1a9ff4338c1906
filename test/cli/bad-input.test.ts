import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASELINE_FILE, type CliResult, runCli } from '../helpers.ts';
import { UNCERTAIN_FILE } from '../sweep/helpers.ts';

/** Scenario files with one fault each, written to a temporary folder of ES modules. */
const BAD_FILES: Record<string, string> = {
  'syntax.ts': "export default { name: 'syntax',, };\n",
  'no-default.ts': 'export const scenario = 1;\n',
  'not-a-scenario.ts': 'export default 42;\n',
  'missing-field.ts': `import baseline from '${BASELINE_FILE}';
const { technology: _dropped, ...rest } = baseline;
export default { ...rest, name: 'missing-field' };
`,
  'wrong-type.ts': extension(
    "technology: { hardwareCostDeclinePerYear: 'fast' as unknown as number }",
  ),
  'negative-rate.ts': extension('technology: { energyEfficiencyGainPerYear: -0.4 }'),
  'unknown-kind.ts': `import baseline from '${BASELINE_FILE}';
export default { ...baseline, name: 'unknown-kind', agents: { ...baseline.agents, rogue: { kind: 'pirate' } } };
`,
  'misspelt-kind.ts': `import baseline from '${BASELINE_FILE}';
export default { ...baseline, name: 'misspelt-kind', agents: { ...baseline.agents, rogue: { kind: 'agregator' } } };
`,
  // An extension that means to change meta, but adds a new agent without a kind.
  'misspelt-agent.ts': extension('agents: { metta: { brandUtility: 1 } } as never'),
  'start-after-end.ts': extension("start: '2031-01'"),
  // A pricing strategy of the file's own that fails in the middle of a run.
  'pricing-nan.ts': extension('agents: { openai: { pricing: () => Number.NaN } }'),
  'pricing-infinity.ts': extension(
    'agents: { openai: { pricing: (view) => (view.tick < 2 ? 1 : Number.POSITIVE_INFINITY) } }',
  ),
  'pricing-negative.ts': extension('agents: { anthropic: { pricing: () => -0.5 } }'),
  'pricing-throws.ts': extension(
    "agents: { openai: { pricing: () => { throw new Error('no price today\\nsecond line'); } } }",
  ),
  'product-pricing-nan.ts': extension(
    'agents: { apps: { product: { pricing: () => Number.NaN } } }',
  ),
};

function extension(overrides: string): string {
  return `import { defineScenario } from 'ai-market-sim/scenario';
import baseline from '${BASELINE_FILE}';
export default defineScenario({ extends: baseline, name: 'bad', ${overrides} });
`;
}

/** Few customers, for the cases that fail only once the run has begun. */
const FEW = ['--customers', '300'];

/** Each case: the arguments after `run`, and what the one-line message must name. */
const CASES: { name: string; args: (dir: string) => string[]; names: string[] }[] = [
  {
    name: 'a missing file',
    args: (d) => [join(d, 'absent.ts')],
    names: ['absent.ts', 'no such file'],
  },
  {
    name: 'a TS syntax error',
    args: (d) => [join(d, 'syntax.ts')],
    names: ['syntax.ts', 'line 1', 'syntax error'],
  },
  {
    name: 'no default export',
    args: (d) => [join(d, 'no-default.ts')],
    names: ['no-default.ts', 'default export'],
  },
  {
    name: 'a default export that is not a scenario',
    args: (d) => [join(d, 'not-a-scenario.ts')],
    names: ['not-a-scenario.ts', 'not a scenario', '42'],
  },
  {
    name: 'a missing required field',
    args: (d) => [join(d, 'missing-field.ts')],
    names: ['missing-field.ts: technology: is required (object) (got undefined)'],
  },
  {
    name: 'a wrong type',
    args: (d) => [join(d, 'wrong-type.ts')],
    names: ['wrong-type.ts', 'technology.hardwareCostDeclinePerYear', '"fast"'],
  },
  {
    name: 'a negative rate',
    args: (d) => [join(d, 'negative-rate.ts')],
    names: ['negative-rate.ts', 'technology.energyEfficiencyGainPerYear', '-0.4'],
  },
  {
    name: 'an unknown agent kind',
    args: (d) => [join(d, 'unknown-kind.ts')],
    names: ['unknown-kind.ts', 'agents.rogue.kind', '"pirate"'],
  },
  {
    name: 'a misspelt agent kind, with the kind it resembles',
    args: (d) => [join(d, 'misspelt-kind.ts')],
    names: ['misspelt-kind.ts', 'agents.rogue.kind', 'did you mean aggregator?', '"agregator"'],
  },
  {
    name: 'a misspelt agent id, which adds an agent without a kind, with the agent it resembles',
    args: (d) => [join(d, 'misspelt-agent.ts')],
    names: ['misspelt-agent.ts', 'agents.metta.kind', 'did you mean the agent meta?'],
  },
  {
    name: 'a start after the end',
    args: (d) => [join(d, 'start-after-end.ts')],
    names: ['start-after-end.ts', 'start', '2031-01', '2030-12'],
  },
  {
    name: 'an unknown --set path',
    args: () => [BASELINE_FILE, '--set', 'agents.opnai.trainingCostUsd=5'],
    names: [
      `${BASELINE_FILE}: --set: agents.opnai.trainingCostUsd: unknown parameter`,
      'did you mean agents.openai',
      '(got 5)',
    ],
  },
  {
    name: 'an out-of-range --set value',
    args: () => [BASELINE_FILE, '--set', 'technology.hardwareCostDeclinePerYear=1.5'],
    names: [`${BASELINE_FILE}: --set: technology.hardwareCostDeclinePerYear`, '(got 1.5)'],
  },
  {
    name: 'a --set without a value',
    args: () => [BASELINE_FILE, '--set', 'technology.hardwareCostDeclinePerYear'],
    names: [`${BASELINE_FILE}: --set: technology.hardwareCostDeclinePerYear: expected path=value`],
  },
  {
    name: 'a non-numeric --seed',
    args: () => [BASELINE_FILE, '--seed', 'abc'],
    names: [`${BASELINE_FILE}: --seed: expected a whole number`, '(got "abc")'],
  },
  {
    name: 'an out-of-range --customers',
    args: () => [BASELINE_FILE, '--customers', '0'],
    names: [`${BASELINE_FILE}: --customers: expected a whole number, 1 or more`, '(got "0")'],
  },
  {
    name: 'a pricing strategy that returns NaN',
    args: (d) => [join(d, 'pricing-nan.ts'), ...FEW],
    names: [
      'pricing-nan.ts: agents.openai.pricing: expected a price of 0 or more',
      'for openai/',
      '(got NaN)',
    ],
  },
  {
    name: 'a pricing strategy that returns Infinity',
    args: (d) => [join(d, 'pricing-infinity.ts'), ...FEW],
    names: ['pricing-infinity.ts: agents.openai.pricing:', '2023-01', '(got Infinity)'],
  },
  {
    name: 'a pricing strategy that returns a negative price',
    args: (d) => [join(d, 'pricing-negative.ts'), ...FEW],
    names: ['pricing-negative.ts: agents.anthropic.pricing:', 'for anthropic/', '(got -0.5)'],
  },
  {
    name: 'a pricing strategy that throws',
    args: (d) => [join(d, 'pricing-throws.ts'), ...FEW],
    names: ['pricing-throws.ts: agents.openai.pricing: threw for openai/', ': no price today'],
  },
  {
    name: "a product's pricing strategy that returns NaN",
    args: (d) => [join(d, 'product-pricing-nan.ts'), ...FEW],
    names: ['product-pricing-nan.ts: agents.apps.product.pricing:', 'apps/product', '(got NaN)'],
  },
];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aisim-bad-'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  for (const [file, text] of Object.entries(BAD_FILES)) writeFileSync(join(dir, file), text);
});

/** The one line a command printed to stderr, with exit status 2 and no stack trace. */
function expectOneLine({ code, stdout, stderr }: CliResult): string {
  expect(code, stderr).toBe(2);
  expect(stdout).toBe('');
  expect(stderr.trimEnd().split('\n'), stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  return stderr;
}

describe.concurrent('bad input: one line naming the file, the field and the value; exit 2; nothing written', () => {
  it.each(CASES)('$name', async ({ args, names }) => {
    const out = mkdtempSync(join(tmpdir(), 'aisim-out-'));
    writeFileSync(join(out, 'earlier-result.txt'), 'kept\n');
    const stderr = expectOneLine(await runCli(['run', ...args(dir), '--out', out]));
    for (const name of names) expect(stderr).toContain(name);
    expect(readdirSync(out)).toEqual(['earlier-result.txt']);
    expect(readFileSync(join(out, 'earlier-result.txt'), 'utf8')).toBe('kept\n');
  });

  it('an output folder that does not exist is not created', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'aisim-out-')), 'never');
    const { code } = await runCli(['run', join(dir, 'negative-rate.ts'), '--out', out]);
    expect(code).toBe(2);
    expect(() => readdirSync(out)).toThrow();
  });
});

describe.concurrent('batch and sweep report the same bad input in the same one line', () => {
  it('batch: the file whose pricing strategy fails, among several; nothing written', async () => {
    const out = mkdtempSync(join(tmpdir(), 'aisim-out-'));
    const stderr = expectOneLine(
      await runCli([
        'batch',
        BASELINE_FILE,
        join(dir, 'pricing-nan.ts'),
        '--seeds',
        '1',
        '--out',
        out,
        '--customers',
        '300',
        '--months',
        '3',
      ]),
    );
    expect(stderr).toContain(`${join(dir, 'pricing-nan.ts')}: agents.openai.pricing:`);
    expect(stderr).toContain('(got NaN)');
    expect(readdirSync(out)).toEqual([]);
  });

  it('batch: an unknown --set path, naming the file it is unknown in', async () => {
    const out = mkdtempSync(join(tmpdir(), 'aisim-out-'));
    const stderr = expectOneLine(
      await runCli([
        'batch',
        BASELINE_FILE,
        '--set',
        'agents.opnai.trainingCostUsd=5',
        '--out',
        out,
      ]),
    );
    expect(stderr).toContain(
      `${BASELINE_FILE}: --set: agents.opnai.trainingCostUsd: unknown parameter`,
    );
    expect(readdirSync(out)).toEqual([]);
  });

  it('sweep: a non-numeric --seed names the file', async () => {
    const out = mkdtempSync(join(tmpdir(), 'aisim-out-'));
    const stderr = expectOneLine(
      await runCli(['sweep', UNCERTAIN_FILE, '--runs', '2', '--seed', 'abc', '--out', out]),
    );
    expect(stderr).toContain(`${UNCERTAIN_FILE}: --seed: expected a whole number`);
    expect(readdirSync(out)).toEqual([]);
  });

  it('sweep: a pricing strategy that fails in a worker thread reaches the main thread as one line', async () => {
    const file = join(dir, 'sweep-pricing-nan.ts');
    writeFileSync(
      file,
      `import { defineScenario } from 'ai-market-sim/scenario';
import uncertain from '${UNCERTAIN_FILE}';
export default defineScenario({
  extends: uncertain,
  name: 'sweep-pricing-nan',
  agents: { openai: { pricing: (view) => (view.tick < 2 ? 1 : Number.NaN) } },
});
`,
    );
    const out = mkdtempSync(join(tmpdir(), 'aisim-out-'));
    const stderr = expectOneLine(
      await runCli([
        'sweep',
        file,
        '--runs',
        '2',
        '--workers',
        '1',
        '--customers',
        '300',
        '--months',
        '4',
        '--out',
        out,
      ]),
    );
    expect(stderr).toMatch(
      /^aisim: \S+sweep-pricing-nan\.ts: run \d+: agents\.openai\.pricing: expected a price of 0 or more USD per million tokens for openai\/\S+ in 2023-01 \(got NaN\)\n$/,
    );
  });
});
