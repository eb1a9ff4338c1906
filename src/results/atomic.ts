/**
 * Atomic output: a result folder is written in full under a temporary name beside its final
 * place, then renamed into place, so a reader never sees half of it and a failure leaves the
 * previous results intact. Nothing is ever written outside the chosen parent folder.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';

/** Writes `files` into `<parent>/<name>/`, replacing that folder as a whole. Returns its path. */
export async function writeFolderAtomically(
  parent: string,
  name: string,
  files: Readonly<Record<string, string | Uint8Array>>,
): Promise<string> {
  const target = childPath(parent, name);
  for (const file of Object.keys(files)) childPath(target, file);
  await mkdir(resolve(parent), { recursive: true });
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staging = join(resolve(parent), `.${name}.tmp-${tag}`);
  const retired = join(resolve(parent), `.${name}.old-${tag}`);
  try {
    await mkdir(staging);
    for (const [file, content] of Object.entries(files))
      await writeFile(join(staging, file), content);
    const replacing = await exists(target);
    if (replacing) await rename(target, retired);
    try {
      await rename(staging, target);
    } catch (error) {
      if (replacing) await rename(retired, target);
      throw error;
    }
    if (replacing) await rm(retired, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return target;
}

/** Writes one file atomically: a temporary sibling, then a rename over the target. */
export async function writeFileAtomically(
  path: string,
  content: string | Uint8Array,
): Promise<void> {
  const staging = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(staging, content);
    await rename(staging, path);
  } finally {
    await rm(staging, { force: true });
  }
}

/**
 * `<parent>/<name>`, refusing any name that would land outside `parent`: separators, `..`,
 * absolute paths, hidden names.
 */
export function childPath(parent: string, name: string): string {
  const target = resolve(parent, name);
  const inside = relative(resolve(parent), target);
  if (
    name === '' ||
    name !== basename(name) ||
    name.startsWith('.') ||
    inside === '' ||
    inside.startsWith('..') ||
    isAbsolute(inside)
  ) {
    throw new Error(`refusing to write ${JSON.stringify(name)}: not a plain name inside ${parent}`);
  }
  return target;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
