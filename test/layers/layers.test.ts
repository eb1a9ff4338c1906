/**
 * The layers of src/ import downwards only (.dependency-cruiser.cjs, run by `npm test`): the
 * check passes on src/, and a model file that imports the engine fails it, naming the rule.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const cruiser = fileURLToPath(new URL('../../node_modules/.bin/depcruise', import.meta.url));
const config = fileURLToPath(new URL('../../.dependency-cruiser.cjs', import.meta.url));

async function cruise(cwd: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(
      cruiser,
      ['src', '--config', config, '--output-type', 'err-long'],
      { cwd },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe('the layer check', () => {
  it('passes on src/', async () => {
    const { code, output } = await cruise(root);
    expect(output).toContain('no dependency violations');
    expect(code).toBe(0);
  });

  it('fails on a model file that imports the engine, and names the rule and the files', async () => {
    const { code, output } = await cruise(fileURLToPath(new URL('fixture', import.meta.url)));
    expect(code).not.toBe(0);
    expect(output).toContain('model-imports-only-below');
    expect(output).toContain('src/model/price.ts → src/engine/tick.ts');
    expect(output.replace(/\s+/g, ' ')).toContain(
      'may import only the layers below it: foundation, math, scenario.',
    );
  });
});
