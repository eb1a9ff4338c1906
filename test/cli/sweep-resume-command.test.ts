/** The resume hint repeats the command as it was started: by a script path, by npx, or installed. */
import { describe, expect, it } from 'vitest';
import { invokedCommand, resumeCommand } from '../../src/cli/commands/sweep.ts';

describe('the command an interrupted sweep says to resume with', () => {
  it('is node and the script, relative to the working folder, when started by its path', () => {
    expect(invokedCommand('/work/repo/bin/aisim.js', '/work/repo', {})).toBe('node bin/aisim.js');
    expect(invokedCommand('/opt/aisim/bin/aisim.js', '/home/me', {})).toBe(
      'node /opt/aisim/bin/aisim.js',
    );
    expect(invokedCommand('/my repo/bin/aisim.js', '/elsewhere', {})).toBe(
      "node '/my repo/bin/aisim.js'",
    );
  });

  it('is aisim for the installed command, npx aisim under npx', () => {
    expect(invokedCommand('/usr/local/bin/aisim', '/home/me', {})).toBe('aisim');
    expect(invokedCommand('/p/node_modules/.bin/aisim', '/p', { npm_command: 'exec' })).toBe(
      'npx aisim',
    );
  });

  it('repeats every argument, quoted for the shell, with --resume once', () => {
    const args = ['sweep', 'my scenario.ts', '--runs', '20', '--set', "a='b'"];
    expect(resumeCommand(args, 'node bin/aisim.js')).toBe(
      `node bin/aisim.js sweep 'my scenario.ts' --runs 20 --set 'a='\\''b'\\''' --resume`,
    );
    expect(resumeCommand([...args.slice(0, 4), '--resume'], 'aisim')).toBe(
      "aisim sweep 'my scenario.ts' --runs 20 --resume",
    );
  });
});
