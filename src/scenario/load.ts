/**
 * Loading scenario files: any `.ts` file on disk whose default export is a scenario. tsx
 * compiles it at run time; `import ... from 'ai-market-sim'`, and the package's subpaths
 * (`'ai-market-sim/scenarios/baseline.ts'`), resolve to this package wherever the file lives, in
 * ES module and CommonJS scope alike.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import Module, { register } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { InputError } from '../errors.ts';
import { resolveLineage } from './differences.ts';
import { fromFile, withLineage } from './files.ts';
import { type PackageExports, resolvePackageSpecifier } from './package-resolve.js';
import type { Scenario } from './schema.ts';
import { hasThreadLoader } from './thread-loader.ts';
import { validateScenario } from './validate.ts';

const PACKAGE_NAME = 'ai-market-sim';
const PACKAGE_ROOT = new URL('../../', import.meta.url);

/**
 * Loads, validates and returns the scenario a file exports by default; `lineageOf` tells the
 * scenario it extends and how it differs from it.
 */
export async function loadScenario(file: string): Promise<Scenario> {
  const input = await importScenario(file);
  const scenario = fromFile(validateScenario(input, file), file);
  return withLineage(scenario, resolveLineage(input, scenario));
}

/** The raw default export of a scenario file (not yet validated). */
export async function importScenario(file: string): Promise<unknown> {
  const path = resolve(file);
  if (!existsSync(path)) throw new InputError(file, '', 'no such file');
  if (!statSync(path).isFile()) throw new InputError(file, '', 'not a file');
  aliasPackageName();
  let namespace: Record<string, unknown>;
  try {
    const url = pathToFileURL(path).href;
    const shared = hasThreadLoader() && isModuleScope(path);
    namespace = (await (shared ? import(url) : tsImport(url, import.meta.url))) as Record<
      string,
      unknown
    >;
  } catch (error) {
    throw loadError(file, error);
  }
  let exported = namespace.default;
  // A file in CommonJS scope arrives as module.exports, with the default one level deeper.
  if (isModuleObject(exported)) exported = exported.default;
  if (exported === undefined) {
    throw new InputError(
      file,
      'default export',
      'missing: the file must `export default defineScenario({ ... })`',
    );
  }
  return exported;
}

/**
 * Whether a file is an ES module by Node's rule, which tsx follows for `.ts`: `.mts` is, `.cts`
 * is not, and otherwise the nearest package.json's `type` decides. (A file in CommonJS scope
 * would `require` the library while the command's own modules are still evaluating, which Node
 * refuses; `tsImport` loads it apart.)
 */
function isModuleScope(path: string): boolean {
  if (path.endsWith('.mts')) return true;
  if (path.endsWith('.cts')) return false;
  for (let folder = dirname(path); ; folder = dirname(folder)) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest)) {
      try {
        return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type === 'module';
      } catch {
        return false;
      }
    }
    if (dirname(folder) === folder) return false;
  }
}

function isModuleObject(value: unknown): value is { default: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    'default' in value &&
    ((value as { __esModule?: boolean }).__esModule === true ||
      Object.keys(value).every((k) => k === 'default'))
  );
}

/** A one-line InputError for a file that does not compile or throws while loading. */
function loadError(file: string, error: unknown): InputError {
  const message = error instanceof Error ? error.message : String(error);
  const syntax = /:(\d+):(\d+): ERROR: (.+)/.exec(message);
  if (syntax) {
    return new InputError(
      file,
      `line ${syntax[1]}, column ${syntax[2]}`,
      `syntax error: ${syntax[3]}`,
      undefined,
      {
        cause: error,
      },
    );
  }
  if (error instanceof InputError) return error;
  const firstLine = message.split('\n').find((line) => line.trim() !== '') ?? message;
  return new InputError(file, '', `cannot load: ${firstLine.trim()}`, undefined, { cause: error });
}

/**
 * Where each of the package's specifiers leads, from package.json's `exports` (the one list of
 * what the package offers): `'ai-market-sim'` to its entry, `'ai-market-sim/report'` to the
 * report, and a pattern such as `"./scenarios/*"` to any file under that folder.
 */
export function packageExports(): PackageExports {
  const manifest = JSON.parse(readFileSync(new URL('package.json', PACKAGE_ROOT), 'utf8')) as {
    exports?: Record<string, string>;
  };
  const exact: Record<string, string> = {};
  const patterns: { prefix: string; target: string }[] = [];
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    const specifier = subpath === '.' ? PACKAGE_NAME : `${PACKAGE_NAME}/${subpath.slice(2)}`;
    const url = new URL(target, PACKAGE_ROOT).href;
    if (specifier.endsWith('/*') && url.endsWith('/*'))
      patterns.push({ prefix: specifier.slice(0, -1), target: url.slice(0, -1) });
    else exact[specifier] = url;
  }
  return { exact, patterns };
}

let aliased = false;

/**
 * Makes `ai-market-sim` and its subpaths resolve to this package from any file: an ES module
 * resolve hook, and the CommonJS resolver for files tsx loads as CommonJS (outside a
 * `"type": "module"` package), both through `resolvePackageSpecifier`.
 */
function aliasPackageName(): void {
  if (aliased) return;
  aliased = true;
  const exports = packageExports();
  register(new URL('./package-resolve.js', import.meta.url), { data: exports });
  const resolver = Module as unknown as {
    _resolveFilename: (request: string, ...rest: unknown[]) => string;
  };
  const original = resolver._resolveFilename;
  resolver._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    const url = resolvePackageSpecifier(request, exports);
    return url === undefined ? original.call(this, request, ...rest) : fileURLToPath(url);
  };
}
