/** Which scenario files a list of files and folders names: every `.ts` file of a folder, sorted. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.ts';

export function scenarioFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    if (!existsSync(path)) throw new InputError(path, '', 'no such file or folder');
    if (statSync(path).isDirectory()) {
      const inside = readdirSync(path)
        .filter((name) => name.endsWith('.ts') && !name.startsWith('.') && !name.endsWith('.d.ts'))
        .sort()
        .map((name) => join(path, name));
      if (inside.length === 0)
        throw new InputError(path, '', 'no scenario files (.ts) in this folder');
      files.push(...inside);
    } else {
      files.push(path);
    }
  }
  return [...new Set(files)];
}
