// How `ai-market-sim` and its subpaths resolve from a scenario file anywhere on disk: a module
// resolve hook (module.register runs it on the loader's thread, where tsx does not compile
// TypeScript, hence plain JavaScript), and the one matching function, which the CommonJS
// resolver in load.ts uses too.

/**
 * @typedef {{ exact: Record<string, string>, patterns: { prefix: string, target: string }[] }} PackageExports
 * package.json's `exports` as file URLs by specifier: exact ones, and patterns such as
 * `ai-market-sim/scenarios/*`, given as the prefix before the star and the folder it leads to.
 */

/** @type {PackageExports} */
let packageExports = { exact: {}, patterns: [] };

/** @param {PackageExports} data */
export function initialize(data) {
  packageExports = data;
}

/**
 * The file URL a specifier of the package leads to, or undefined for any other specifier. As in
 * Node's own exports patterns, the star stands for a path inside its folder, never `..`.
 * @param {string} specifier
 * @param {PackageExports} exports
 * @returns {string | undefined}
 */
export function resolvePackageSpecifier(specifier, exports) {
  if (Object.hasOwn(exports.exact, specifier)) return exports.exact[specifier];
  for (const { prefix, target } of exports.patterns) {
    const rest = specifier.slice(prefix.length);
    if (specifier.startsWith(prefix) && rest !== '' && !rest.split('/').includes('..'))
      return new URL(rest, target).href;
  }
  return undefined;
}

/**
 * @param {string} specifier
 * @param {unknown} context
 * @param {(specifier: string, context: unknown) => Promise<unknown>} next
 */
export async function resolve(specifier, context, next) {
  const url = resolvePackageSpecifier(specifier, packageExports);
  // On down the chain as the file it leads to, so that tsx, next, knows it for TypeScript.
  return next(url ?? specifier, context);
}
