/** Which scenario files a list of files and folders names, and those files loaded for a batch. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.ts';
import { loadScenario } from '../scenario/load.ts';
import { applyOverrides, type RunOverrides } from '../scenario/overrides.ts';
import type { Scenario } from '../scenario/schema.ts';

/** The files that `paths` names: each file, and every `.ts` file of each folder, sorted. */
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

export interface ScenarioFile {
  readonly file: string;
  readonly scenario: Scenario;
}

/**
 * Every scenario file that `paths` names, loaded with the run options and checked before
 * anything runs: a bad file, or two scenarios of one name (whose results would share a row),
 * stops the whole.
 */
export async function loadScenarioFiles(
  paths: readonly string[],
  overrides: RunOverrides,
): Promise<ScenarioFile[]> {
  const loaded: ScenarioFile[] = [];
  for (const file of scenarioFiles(paths)) {
    loaded.push({ file, scenario: applyOverrides(await loadScenario(file), overrides) });
  }
  const names = new Map<string, string>();
  for (const { file, scenario } of loaded) {
    const other = names.get(scenario.name);
    if (other) throw new InputError(file, 'name', `also the name of ${other}`, scenario.name);
    names.set(scenario.name, file);
  }
  return loaded;
}
