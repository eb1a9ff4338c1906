/**
 * Loading scenario files: any `.ts` file on disk whose default export is a scenario. tsx
 * compiles it at run time; `import ... from 'ai-market-sim'` resolves to this package wherever
 * the file lives, in ES module and CommonJS scope alike.
 */
import { existsSync, statSync } from 'node:fs';
import Module, { register } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { InputError } from '../errors.ts';
import { resolveLineage } from './differences.ts';
import { fromFile, withLineage } from './files.ts';
import type { Scenario } from './schema.ts';
import { validateScenario } from './validate.ts';

const PACKAGE_NAME = 'ai-market-sim';
const ENTRY_URL = new URL('../index.ts', import.meta.url);

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
    namespace = (await tsImport(pathToFileURL(path).href, import.meta.url)) as Record<
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

let aliased = false;

/**
 * Makes `ai-market-sim` resolve to this package from any file: an ES module resolve hook, and
 * the CommonJS resolver for files tsx loads as CommonJS (outside a `"type": "module"` package).
 */
function aliasPackageName(): void {
  if (aliased) return;
  aliased = true;
  const entryUrl = ENTRY_URL.href;
  const hook = `export async function resolve(specifier, context, next) {
    if (specifier === ${JSON.stringify(PACKAGE_NAME)}) return { url: ${JSON.stringify(entryUrl)}, shortCircuit: true };
    return next(specifier, context);
  }`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
  const entryPath = fileURLToPath(ENTRY_URL);
  const resolver = Module as unknown as {
    _resolveFilename: (request: string, ...rest: unknown[]) => string;
  };
  const original = resolver._resolveFilename;
  resolver._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === PACKAGE_NAME ? entryPath : original.call(this, request, ...rest);
  };
}
