import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { REPO, runCli } from '../helpers.ts';

/** `npm start`'s command, with the output folder moved to a temporary one. */
function startArguments(out: string): string[] {
  const command = packageJson.scripts.start.split('&&')[0]!.trim().split(/\s+/);
  expect(command.slice(0, 2)).toEqual(['node', 'bin/aisim.js']);
  const args = command.slice(2);
  const at = args.indexOf('--out');
  expect(args[at + 1]).toBe('results');
  args[at + 1] = out;
  return args;
}

describe('npm start', () => {
  it('reproduces every committed file in results/, byte for byte', async () => {
    const out = mkdtempSync(join(tmpdir(), 'aisim-start-'));
    const { code, stdout, stderr } = await runCli(startArguments(out));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // README's findings quote the margin table as `npm start` prints it.
    const table = stdout.slice(stdout.indexOf('scenario '), stdout.indexOf('\n\nWrote'));
    expect(table.split('\n').length).toBeGreaterThan(9);
    expect(readFileSync(join(REPO, 'README.md'), 'utf8')).toContain(`\n${table}\n`);
    const committed = join(REPO, 'results', 'batch');
    const files = readdirSync(committed).sort();
    expect(files).toContain('batch.csv');
    for (const file of files) {
      expect(readFileSync(join(out, 'batch', file), 'utf8'), file).toBe(
        readFileSync(join(committed, file), 'utf8'),
      );
    }
  });
});
