/** The types of package-resolve.js, a plain-JavaScript module (see there). */

/** package.json's `exports` as file URLs: exact specifiers, and patterns by their prefix. */
export interface PackageExports {
  readonly exact: Readonly<Record<string, string>>;
  readonly patterns: readonly { readonly prefix: string; readonly target: string }[];
}

export function initialize(data: PackageExports): void;

export function resolvePackageSpecifier(
  specifier: string,
  exports: PackageExports,
): string | undefined;
