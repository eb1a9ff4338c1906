/**
 * Which file each loaded scenario came from. A problem found after loading (a `--set` path, a
 * pricing strategy that fails in the middle of a run) lies in that file, and its message names
 * it; the scenario itself stays plain data that a worker thread can be sent.
 */
const files = new WeakMap<object, string>();

/** Records that `scenario` came from `file` (as the user named it); returns the scenario. */
export function fromFile<T extends object>(scenario: T, file: string | undefined): T {
  if (file !== undefined) files.set(scenario, file);
  return scenario;
}

/** The file `scenario` was loaded from, or undefined for one built in code. */
export function fileOf(scenario: object): string | undefined {
  return files.get(scenario);
}
