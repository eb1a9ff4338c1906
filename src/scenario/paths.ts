/**
 * Dotted parameter paths into a scenario, `agents.openai.trainingCostUsd`: the same paths serve
 * `--set`, a sweep's uncertain inputs and validation messages.
 */

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The value at a path, or undefined when the path names nothing. */
export function getParameter(scenario: unknown, path: string): unknown {
  let node: unknown = scenario;
  for (const key of path.split('.')) {
    if (!isPlainObject(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}
