/**
 * Every parameter path of a scenario, read off the schema itself: what `--set` and a sweep's
 * `uncertain` inputs accept, each with its unit (the schema's metadata), its value in the
 * scenario and its allowed range (the schema's checks). Records keyed by the author (agents,
 * reference levels) are listed with the scenario's own keys, and each agent and pricing rule
 * with the fields of its kind or strategy. A list (events, initial models, channels) is one
 * parameter: `--set` replaces it whole, as its paths do not reach inside lists.
 *
 * @example
 * const parameters = scenarioParameters(await loadScenario('scenarios/baseline.ts'));
 * parameters.find((p) => p.path === 'demand.priceElasticity');
 * // { path: 'demand.priceElasticity', type: 'number', unit: 'elasticity', value: 1.1,
 * //   range: { min: 0, minInclusive: false, ... } }
 */
import * as z from 'zod';
import { isPlainObject } from './paths.ts';
import { type Scenario, scenarioSchema } from './schema.ts';
import { isParameterUnit, PARAMETER_UNITS, type ParameterUnit } from './units.ts';

/** What kind of value a parameter takes. */
export type ParameterType =
  | 'number'
  | 'month'
  | 'text'
  | 'boolean'
  /** One of a few names (`values`): a kind, a strategy, a tier. */
  | 'choice'
  /** A list, set whole as JSON. */
  | 'list'
  /** A pricing function of the scenario file's own: set in the file, not by `--set`. */
  | 'function'
  /** An object the scenario leaves out (null), set whole as JSON. */
  | 'object';

/** The values a parameter may take, as far as its own field's checks say. */
export interface ParameterRange {
  readonly min?: number;
  readonly minInclusive?: boolean;
  readonly max?: number;
  readonly maxInclusive?: boolean;
  /** Whole numbers only. */
  readonly integer?: boolean;
  /** The names a choice (or a list's items) may be. */
  readonly values?: readonly string[];
  /** Null is allowed too (it means "none": no product, no partner, sized to the first month). */
  readonly nullable?: boolean;
}

export interface ScenarioParameter {
  /** The dotted path, as `--set` and `uncertain` take it. */
  readonly path: string;
  readonly type: ParameterType;
  /** A number's unit (from the schema's metadata); undefined for anything else. */
  readonly unit?: ParameterUnit;
  /** Its value in the scenario; undefined for an optional parameter the scenario leaves out. */
  readonly value: unknown;
  readonly range: ParameterRange;
}

/** The sweep's declaration of its uncertain inputs: not a parameter itself. */
const NOT_PARAMETERS = new Set(['uncertain']);

/** Every parameter of the scenario, in the schema's order. */
export function scenarioParameters(scenario: Scenario): ScenarioParameter[] {
  const shape = scenarioSchema.shape as Record<string, z.ZodType>;
  return Object.entries(shape).flatMap(([key, schema]) =>
    NOT_PARAMETERS.has(key) ? [] : walk(schema, (scenario as Record<string, unknown>)[key], key),
  );
}

/** Whether `path` is a parameter of the scenario (set or left out): what `--set` accepts. */
export function isScenarioParameter(scenario: Scenario, path: string): boolean {
  return scenarioParameters(scenario).some((parameter) => parameter.path === path);
}

/** A schema stripped of its wrappers, and what they said. */
interface Unwrapped {
  readonly schema: z.ZodType;
  readonly unit?: ParameterUnit;
  readonly nullable: boolean;
}

/** Removes defaults, optionals, nullables and transforms, keeping the unit any of them carries. */
function unwrap(schema: z.ZodType): Unwrapped {
  let at: z.ZodType = schema;
  let found: ParameterUnit | undefined;
  let nullable = false;
  for (;;) {
    const meta = z.globalRegistry.get(at)?.unit;
    if (found === undefined && isParameterUnit(meta)) found = meta;
    if (at instanceof z.ZodDefault || at instanceof z.ZodOptional) at = at.unwrap() as z.ZodType;
    else if (at instanceof z.ZodNullable) {
      nullable = true;
      at = at.unwrap() as z.ZodType;
    } else if (at instanceof z.ZodPipe) at = at.in as z.ZodType;
    else return { schema: at, ...(found === undefined ? {} : { unit: found }), nullable };
  }
}

function walk(schema: z.ZodType, value: unknown, path: string): ScenarioParameter[] {
  const { schema: inner, unit, nullable } = unwrap(schema);
  const leaf = (type: ParameterType, range: ParameterRange = {}): ScenarioParameter[] => [
    {
      path,
      type,
      ...(unit === undefined ? {} : { unit }),
      value,
      range: nullable ? { ...range, nullable } : range,
    },
  ];
  if (inner instanceof z.ZodObject) {
    if (!isPlainObject(value)) return leaf('object');
    const shape = inner.shape as Record<string, z.ZodType>;
    return Object.entries(shape).flatMap(([key, field]) =>
      walk(field, value[key], `${path}.${key}`),
    );
  }
  if (inner instanceof z.ZodRecord) {
    if (!isPlainObject(value)) return leaf('object');
    return Object.entries(value).flatMap(([key, item]) =>
      walk(inner.valueType as z.ZodType, item, `${path}.${key}`),
    );
  }
  if (inner instanceof z.ZodUnion) {
    const options = inner.options as readonly z.ZodType[];
    const chosen = options.find((option) => option.safeParse(value).success);
    if (chosen === undefined || typeof value === 'function') return leaf('function');
    // The chosen alternative's `kind` or `strategy` may be any of the union's.
    const keys = discriminatedChoices(inner);
    return walk(chosen, value, path).map((parameter) =>
      keys !== undefined && parameter.path === `${path}.${keys.key}`
        ? { ...parameter, range: { values: keys.values } }
        : parameter,
    );
  }
  if (inner instanceof z.ZodNumber) return leaf('number', numberRange(inner));
  if (inner instanceof z.ZodBoolean) return leaf('boolean', { values: ['true', 'false'] });
  if (inner instanceof z.ZodEnum) return leaf('choice', { values: inner.options.map(String) });
  if (inner instanceof z.ZodLiteral)
    return leaf('choice', { values: [...inner.values].map(String) });
  if (inner instanceof z.ZodArray) {
    const element = unwrap(inner.element as z.ZodType).schema;
    return leaf(
      'list',
      element instanceof z.ZodEnum ? { values: element.options.map(String) } : {},
    );
  }
  if (inner instanceof z.ZodString) return leaf(unit === 'month' ? 'month' : 'text');
  return leaf('function');
}

/** A discriminated union's key and every value it takes (`kind`: lab, open_weight, ...). */
function discriminatedChoices(
  union: z.ZodUnion,
): { readonly key: string; readonly values: readonly string[] } | undefined {
  const key = (union.def as { discriminator?: string }).discriminator;
  if (key === undefined) return undefined;
  const values = (union.options as readonly z.ZodType[]).flatMap((option) => {
    const field =
      option instanceof z.ZodObject ? (option.shape as Record<string, z.ZodType>)[key] : undefined;
    return field instanceof z.ZodLiteral ? [...field.values].map(String) : [];
  });
  return { key, values };
}

/** A number's bounds from its checks: `.min(0)`, `.gt(-1)`, `.positive()`, `.int()`. */
function numberRange(schema: z.ZodNumber): ParameterRange {
  const range: {
    min?: number;
    minInclusive?: boolean;
    max?: number;
    maxInclusive?: boolean;
    integer?: boolean;
  } = {};
  for (const check of schema.def.checks ?? []) {
    const def = check._zod.def as {
      check: string;
      value?: number;
      inclusive?: boolean;
      format?: string;
    };
    if (def.check === 'greater_than' && def.value !== undefined) {
      range.min = def.value;
      range.minInclusive = def.inclusive === true;
    } else if (def.check === 'less_than' && def.value !== undefined) {
      range.max = def.value;
      range.maxInclusive = def.inclusive === true;
    } else if (def.check === 'number_format' && def.format === 'safeint') range.integer = true;
  }
  return range;
}

/** "[0, 1)", "(0, ∞)", "whole, [1, 32]", "one of lab, host", "YYYY-MM", or "or null" added. */
export function rangeText(parameter: ScenarioParameter): string {
  const { range, type } = parameter;
  const text = (() => {
    if (range.values !== undefined)
      return `${type === 'list' ? 'list of ' : 'one of '}${range.values.join(', ')}`;
    if (type === 'number') {
      const low = range.min === undefined ? '(-∞' : `${range.minInclusive ? '[' : '('}${range.min}`;
      const high = range.max === undefined ? '∞)' : `${range.max}${range.maxInclusive ? ']' : ')'}`;
      return `${range.integer ? 'whole, ' : ''}${low}, ${high}`;
    }
    if (type === 'month') return PARAMETER_UNITS.month;
    if (type === 'function') return 'a pricing function (in the file)';
    if (type === 'object') return 'an object';
    return type;
  })();
  return range.nullable ? `${text}, or null` : text;
}
