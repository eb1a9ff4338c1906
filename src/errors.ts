/**
 * Errors in what a user gave us: a scenario file, a parameter, a command-line option. The CLI
 * prints them as one line and exits with status 2; anything else is a bug and keeps its stack.
 */
export interface InputErrorOptions {
  readonly cause?: unknown;
  /** The field has no value at all: the message says so, `(got undefined)`. */
  readonly missing?: boolean;
  /** Further problems in the same input, each a line of its own after the first. */
  readonly more?: readonly InputProblem[];
  /** Problems found beyond those listed: a last line says "and N more". */
  readonly omitted?: number;
}

/** One problem in an input: the parameter path, what is wrong, the value at fault. */
export interface InputProblem {
  readonly field: string;
  readonly problem: string;
  readonly value?: unknown;
  readonly missing?: boolean;
}

export class InputError extends Error {
  override readonly name: string = 'InputError';
  readonly missing: boolean;
  readonly more: readonly InputProblem[];
  readonly omitted: number;

  /**
   * @param source the file or command-line option the input came from
   * @param field the parameter path within it, or '' when the whole input is at fault
   * @param problem what is wrong, in words
   * @param value the offending value, when there is one
   */
  constructor(
    readonly source: string,
    readonly field: string,
    readonly problem: string,
    readonly value?: unknown,
    options: InputErrorOptions = {},
  ) {
    const missing = options.missing === true;
    const more = options.more ?? [];
    const omitted = options.omitted ?? 0;
    super(
      [
        formatInputError(source, field, problem, value, missing),
        ...more.map((other) =>
          formatInputError(source, other.field, other.problem, other.value, other.missing === true),
        ),
        ...(omitted > 0 ? [`${source === '' ? '' : `${source}: `}and ${omitted} more`] : []),
      ].join('\n'),
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.missing = missing;
    this.more = more;
    this.omitted = omitted;
  }

  /**
   * The same error as it came from `source`: replaces an empty source, and goes before an
   * option's (`scenarios/baseline.ts: --set`).
   */
  from(source: string): InputError {
    return new InputError(
      this.source === '' ? source : `${source}: ${this.source}`,
      this.field,
      this.problem,
      this.value,
      { cause: this.cause, missing: this.missing, more: this.more, omitted: this.omitted },
    );
  }
}

function formatInputError(
  source: string,
  field: string,
  problem: string,
  value: unknown,
  missing: boolean,
): string {
  const where = [source, field].filter((part) => part !== '').join(': ');
  const shown = value === undefined && !missing ? '' : ` (got ${showValue(value)})`;
  return `${where === '' ? '' : `${where}: `}${problem}${shown}`;
}

/** A short, single-line rendering of a value for an error message. */
export function showValue(value: unknown): string {
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null)
    return String(value);
  if (value === undefined) return 'undefined';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
