import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASELINE_FILE, runCli } from '../helpers.ts';

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
  'start-after-end.ts': extension("start: '2031-01'"),
};

function extension(overrides: string): string {
  return `import { defineScenario } from 'ai-market-sim';
import baseline from '${BASELINE_FILE}';
export default defineScenario({ extends: baseline, name: 'bad', ${overrides} });
`;
}

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
    names: ['missing-field.ts', 'technology', 'required'],
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
    name: 'a start after the end',
    args: (d) => [join(d, 'start-after-end.ts')],
    names: ['start-after-end.ts', 'start', '2031-01', '2030-12'],
  },
  {
    name: 'an unknown --set path',
    args: () => [BASELINE_FILE, '--set', 'agents.opnai.trainingCostUsd=5'],
    names: ['--set', 'agents.opnai.trainingCostUsd', '5', 'did you mean agents.openai'],
  },
  {
    name: 'an out-of-range --set value',
    args: () => [BASELINE_FILE, '--set', 'technology.hardwareCostDeclinePerYear=1.5'],
    names: ['--set', 'technology.hardwareCostDeclinePerYear', '1.5'],
  },
  {
    name: 'a non-numeric --seed',
    args: () => [BASELINE_FILE, '--seed', 'abc'],
    names: ['--seed', '"abc"'],
  },
];

describe.concurrent('bad input: one line naming the file, the field and the value; exit 2; nothing written', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'aisim-bad-'));
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    for (const [file, text] of Object.entries(BAD_FILES)) writeFileSync(join(dir, file), text);
  });

  it.each(CASES)('$name', async ({ args, names }) => {
    const out = mkdtempSync(join(tmpdir(), 'aisim-out-'));
    writeFileSync(join(out, 'earlier-result.txt'), 'kept\n');
    const { code, stdout, stderr } = await runCli(['run', ...args(dir), '--out', out]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines, stderr).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
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
