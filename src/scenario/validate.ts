/**
 * Validation: a scenario as written becomes a `Scenario` with every default filled in, or an
 * `InputError` naming the file, the parameter and the value at fault.
 */
import type * as z from 'zod';
import { InputError } from '../errors.ts';
import { type Scenario, scenarioSchema } from './schema.ts';

/** Problems listed one a line; beyond these, a last line counts the rest. */
export const LISTED_PROBLEMS = 20;

/**
 * The scenario with its defaults, or an InputError that lists every problem, one a line
 * (`file: path: problem (got value)`), up to LISTED_PROBLEMS, then "and N more".
 */
export function validateScenario(input: unknown, source: string): Scenario {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InputError(source, '', 'the default export is not a scenario object', input);
  }
  const result = scenarioSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => describeIssue(issue, input));
  const [first, ...more] = problems.filter(
    (problem, index) => problems.findIndex((other) => sameProblem(other, problem)) === index,
  ) as [Problem, ...Problem[]];
  const listed = more.slice(0, LISTED_PROBLEMS - 1);
  throw new InputError(source, first.field, first.problem, first.value, {
    missing: first.missing === true,
    more: listed,
    omitted: more.length - listed.length,
  });
}

function sameProblem(a: Problem, b: Problem): boolean {
  return a.field === b.field && a.problem === b.problem;
}

interface Problem {
  readonly field: string;
  readonly problem: string;
  readonly value: unknown;
  /** A required field that has no value. */
  readonly missing?: boolean;
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): Problem {
  const path = issue.path.map(String);
  const value = valueAt(input, path);
  const field = path.join('.');
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0]!;
      const suggestion = closest(key, parameterNames(path, input));
      return {
        field: [...path, key].join('.'),
        problem: `unknown parameter${suggestion ? ` (did you mean ${suggestion}?)` : ''}`,
        value: undefined,
      };
    }
    case 'invalid_type':
      return value === undefined
        ? { field, problem: `is required (${issue.expected})`, value: undefined, missing: true }
        : { field, problem: `expected ${issue.expected}`, value };
    case 'too_small':
      return {
        field,
        problem: `must be ${issue.inclusive ? 'at least' : 'above'} ${issue.minimum}`,
        value,
      };
    case 'too_big':
      return {
        field,
        problem: `must be ${issue.inclusive ? 'at most' : 'below'} ${issue.maximum}`,
        value,
      };
    case 'invalid_union': {
      const options = 'options' in issue ? (issue.options as unknown[]) : undefined;
      if (options && path.at(-1) === 'kind') {
        return { field, problem: unknownKind(path, value, options.map(String), input), value };
      }
      if (options && path.at(-1) === 'strategy') {
        return {
          field,
          problem: `unknown pricing strategy (expected one of ${options.join(', ')})`,
          value,
        };
      }
      return { field, problem: 'does not match any allowed form', value };
    }
    case 'invalid_value':
      return {
        field,
        problem: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
        value,
      };
    default:
      return { field, problem: issue.message, value };
  }
}

/**
 * Why an agent's kind is not one the schema knows, with a "did you mean": a misspelt kind, or,
 * for an agent without one, another agent's id that the author probably meant to change (an
 * extension that writes `agents.metta` adds a new agent, which needs a kind).
 */
function unknownKind(
  path: readonly string[],
  value: unknown,
  kinds: readonly string[],
  input: unknown,
): string {
  const expected = `expected one of ${kinds.join(', ')}`;
  if (typeof value === 'string') {
    const kind = closest(value, kinds);
    return `unknown agent kind (${kind ? `did you mean ${kind}? ` : ''}${expected})`;
  }
  const id = path.at(-2) ?? '';
  const agents = valueAt(input, path.slice(0, -2));
  const others = typeof agents === 'object' && agents !== null ? Object.keys(agents) : [];
  const agent = closest(
    id,
    others.filter((other) => other !== id),
  );
  return agent
    ? `unknown agent kind (did you mean the agent ${agent}? a new agent needs a kind: ${kinds.join(', ')})`
    : `unknown agent kind (${expected})`;
}

function valueAt(input: unknown, path: readonly string[]): unknown {
  let node = input;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * The parameter names the schema allows in the object at `path`, to suggest one close to a
 * misspelt key. Walks zod's schema definitions; an agent's options follow its `kind`.
 */
export function parameterNames(path: readonly string[], input: unknown): string[] {
  let schema: z.core.$ZodType | undefined = scenarioSchema;
  for (let depth = 0; depth <= path.length && schema; depth++) {
    schema = unwrap(schema, valueAt(input, path.slice(0, depth)));
    if (depth === path.length) break;
    const def = schema._zod.def as {
      type: string;
      shape?: Record<string, z.core.$ZodType>;
      valueType?: z.core.$ZodType;
      element?: z.core.$ZodType;
    };
    const key = path[depth]!;
    schema =
      def.type === 'object'
        ? def.shape?.[key]
        : def.type === 'record'
          ? def.valueType
          : def.type === 'array'
            ? def.element
            : undefined;
  }
  const def = schema?._zod.def as { type: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/** Looks through defaults, optionals, nullables, refinements and unions to an object schema. */
function unwrap(schema: z.core.$ZodType, value: unknown): z.core.$ZodType {
  let current = schema;
  for (;;) {
    const def = current._zod.def as {
      type: string;
      innerType?: z.core.$ZodType;
      in?: z.core.$ZodType;
      options?: z.core.$ZodType[];
      discriminator?: string;
    };
    if (def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else if (def.type === 'union' && def.options) {
      const tag = def.discriminator;
      const wanted =
        tag && typeof value === 'object' && value !== null
          ? (value as Record<string, unknown>)[tag]
          : undefined;
      const match = def.options.find((option) => {
        const shape = (option._zod.def as { shape?: Record<string, z.core.$ZodType> }).shape;
        const literal = tag ? shape?.[tag]?._zod.def : undefined;
        return (literal as { values?: unknown[] } | undefined)?.values?.includes(wanted);
      });
      const objectOption = def.options.find((option) => option._zod.def.type === 'object');
      if (!match && !objectOption) return current;
      current = (match ?? objectOption)!;
    } else return current;
  }
}

/**
 * The candidate within a small edit distance of `word`, or that one of them begins, if any (for
 * "did you mean").
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const prefixed = candidates.find((candidate) => {
    const other = candidate.toLowerCase();
    return (
      Math.min(lower.length, other.length) >= 4 &&
      (other.startsWith(lower) || lower.startsWith(other))
    );
  });
  if (prefixed) return prefixed;
  let best: string | undefined;
  let bestDistance = Math.min(3, Math.floor(word.length / 2));
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance <= bestDistance) {
      best = candidate;
      bestDistance = distance - 1;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}
