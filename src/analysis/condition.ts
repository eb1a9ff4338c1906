/**
 * A condition on a sweep's runs, as `--where` takes it: `operating_margin_openai > 20%`,
 * `profit_aggregator > profit_lab and not final_open_gap_pct < 1`. A small language read by a
 * tokenizer and a recursive-descent parser, never evaluated as JavaScript:
 *
 *   condition  = or
 *   or         = and { "or" and }
 *   and        = not { "and" not }
 *   not        = "not" not | comparison
 *   comparison = sum [ op sum { op sum } ]      op: < <= > >= == !=   (a < b < c: both hold)
 *   sum        = product { ("+" | "-") product }
 *   product    = unary { ("*" | "/") unary }
 *   unary      = "-" unary | primary
 *   primary    = number [ "%" ] | name | "(" condition ")"
 *
 * A name is an outcome or an input column of runs.csv (letters, digits, `_` and `.`; one with
 * other characters in `backquotes`); a number may have `_` between digits, an exponent, and `%`
 * (20% or 20 % is 0.2, as shares are fractions). A condition must compare: `profit_lab` alone is refused.
 *
 * @example
 * const condition = parseCondition('operating_margin_openai > 20%', ['operating_margin_openai']);
 * condition.holds(() => 0.25); // true
 */
import { InputError } from '../errors.ts';
import { closest } from '../scenario/validate.ts';

export interface Condition {
  /** The condition as written. */
  readonly text: string;
  /** The names it reads, in the order they first appear. */
  readonly names: readonly string[];
  /**
   * Whether it holds, given each name's value; undefined when a comparison meets an undefined
   * number (NaN: an outcome undefined in the run, or 0 / 0).
   */
  holds(value: (name: string) => number): boolean | undefined;
}

type Comparator = '<' | '<=' | '>' | '>=' | '==' | '!=';

type Token =
  | { readonly kind: 'number'; readonly value: number; readonly at: number }
  | { readonly kind: 'name'; readonly name: string; readonly at: number }
  | { readonly kind: 'word'; readonly word: 'and' | 'or' | 'not'; readonly at: number }
  | {
      readonly kind: 'symbol';
      readonly symbol: Comparator | '+' | '-' | '*' | '/' | '(' | ')';
      readonly at: number;
    }
  | { readonly kind: 'end'; readonly at: number };

type NumberNode =
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'name'; readonly name: string }
  | { readonly type: 'negate'; readonly operand: NumberNode }
  | {
      readonly type: 'arithmetic';
      readonly operator: '+' | '-' | '*' | '/';
      readonly left: NumberNode;
      readonly right: NumberNode;
    };

type TruthNode =
  | { readonly type: 'compare'; readonly operands: NumberNode[]; readonly operators: Comparator[] }
  | { readonly type: 'not'; readonly operand: TruthNode }
  | { readonly type: 'and' | 'or'; readonly left: TruthNode; readonly right: TruthNode };

/** A parsed part: a number or a truth value, with where it starts (1-based) for errors. */
type Part =
  | { readonly sort: 'number'; readonly node: NumberNode; readonly at: number }
  | { readonly sort: 'truth'; readonly node: TruthNode; readonly at: number };

const COMPARATORS: readonly Comparator[] = ['<=', '>=', '==', '!=', '<', '>'];

/**
 * Parses `text` into a condition over `known` names; an InputError naming `source` (`--where`),
 * the position and the problem, with a "did you mean" for a name it does not know.
 */
export function parseCondition(
  text: string,
  known: readonly string[],
  source = '--where',
): Condition {
  const fail = (at: number, problem: string): never => {
    throw new InputError(source, '', `${problem} at character ${at}`, text);
  };
  const tokens = tokenize(text, fail);
  let next = 0;
  const peek = () => tokens[next]!;
  const take = () => tokens[next++]!;
  const names: string[] = [];
  const knownNames = new Set(known);

  const describe = (token: Token): string => {
    switch (token.kind) {
      case 'number':
        return `the number ${token.value}`;
      case 'name':
        return token.name;
      case 'word':
        return `"${token.word}"`;
      case 'symbol':
        return `"${token.symbol}"`;
      case 'end':
        return 'the end';
    }
  };
  const isSymbol = (token: Token, ...symbols: string[]) =>
    token.kind === 'symbol' && symbols.includes(token.symbol);
  const isWord = (token: Token, word: string) => token.kind === 'word' && token.word === word;

  const asNumber = (part: Part): NumberNode =>
    part.sort === 'number' ? part.node : fail(part.at, 'expected a number, not a condition');
  const asTruth = (part: Part): TruthNode =>
    part.sort === 'truth'
      ? part.node
      : fail(part.at, 'expected a comparison (<, <=, >, >=, ==, !=), not a number alone');

  const parseOr = (): Part => {
    let left = parseAnd();
    while (isWord(peek(), 'or')) {
      take();
      const right = parseAnd();
      left = {
        sort: 'truth',
        node: { type: 'or', left: asTruth(left), right: asTruth(right) },
        at: left.at,
      };
    }
    return left;
  };
  const parseAnd = (): Part => {
    let left = parseNot();
    while (isWord(peek(), 'and')) {
      take();
      const right = parseNot();
      left = {
        sort: 'truth',
        node: { type: 'and', left: asTruth(left), right: asTruth(right) },
        at: left.at,
      };
    }
    return left;
  };
  const parseNot = (): Part => {
    if (isWord(peek(), 'not')) {
      const { at } = take();
      return { sort: 'truth', node: { type: 'not', operand: asTruth(parseNot()) }, at };
    }
    return parseComparison();
  };
  const parseComparison = (): Part => {
    const first = parseSum();
    const token = peek();
    if (!(token.kind === 'symbol' && COMPARATORS.includes(token.symbol as Comparator)))
      return first;
    const operands = [asNumber(first)];
    const operators: Comparator[] = [];
    while (
      peek().kind === 'symbol' &&
      COMPARATORS.includes((peek() as { symbol: Comparator }).symbol)
    ) {
      operators.push((take() as { symbol: Comparator }).symbol);
      operands.push(asNumber(parseSum()));
    }
    return { sort: 'truth', node: { type: 'compare', operands, operators }, at: first.at };
  };
  const parseSum = (): Part => {
    let left = parseProduct();
    while (isSymbol(peek(), '+', '-')) {
      const operator = (take() as { symbol: '+' | '-' }).symbol;
      const right = parseProduct();
      left = {
        sort: 'number',
        node: { type: 'arithmetic', operator, left: asNumber(left), right: asNumber(right) },
        at: left.at,
      };
    }
    return left;
  };
  const parseProduct = (): Part => {
    let left = parseUnary();
    while (isSymbol(peek(), '*', '/')) {
      const operator = (take() as { symbol: '*' | '/' }).symbol;
      const right = parseUnary();
      left = {
        sort: 'number',
        node: { type: 'arithmetic', operator, left: asNumber(left), right: asNumber(right) },
        at: left.at,
      };
    }
    return left;
  };
  const parseUnary = (): Part => {
    if (isSymbol(peek(), '-')) {
      const { at } = take();
      return { sort: 'number', node: { type: 'negate', operand: asNumber(parseUnary()) }, at };
    }
    return parsePrimary();
  };
  const parsePrimary = (): Part => {
    const token = take();
    if (token.kind === 'number')
      return { sort: 'number', node: { type: 'number', value: token.value }, at: token.at };
    if (token.kind === 'name') {
      if (!knownNames.has(token.name)) {
        const guess = closest(token.name, known);
        fail(
          token.at,
          `unknown outcome or input ${token.name}${guess ? ` (did you mean ${guess}?)` : ''}`,
        );
      }
      if (!names.includes(token.name)) names.push(token.name);
      return { sort: 'number', node: { type: 'name', name: token.name }, at: token.at };
    }
    if (isSymbol(token, '(')) {
      const inner = parseOr();
      const close = take();
      if (!isSymbol(close, ')')) fail(close.at, `expected ")" but found ${describe(close)}`);
      return { ...inner, at: token.at };
    }
    return fail(token.at, `expected a number, a name or "(" but found ${describe(token)}`);
  };

  const top = parseOr();
  const end = peek();
  if (end.kind !== 'end')
    fail(end.at, `expected "and", "or" or the end but found ${describe(end)}`);
  const root = asTruth(top);
  return {
    text,
    names,
    holds: (value) => truth(root, value),
  };
}

/** The words and symbols of `text`, each with its 1-based position; then an end token. */
function tokenize(text: string, fail: (at: number, problem: string) => never): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const at = i + 1;
    const rest = text.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const number = /^(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d+)?/.exec(
      rest,
    );
    if (number) {
      i += number[0].length;
      let value = Number(number[0].replaceAll('_', ''));
      // 20% and 20 % (as the terminal writes shares) are 0.2.
      const percent = /^\s*%/.exec(text.slice(i));
      if (percent) {
        value /= 100;
        i += percent[0].length;
      }
      if (/^[A-Za-z_]/.test(text.slice(i)))
        fail(i + 1, 'expected a space or an operator after a number');
      tokens.push({ kind: 'number', value, at });
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(rest);
    if (word) {
      i += word[0].length;
      const lower = word[0].toLowerCase();
      if (lower === 'and' || lower === 'or' || lower === 'not')
        tokens.push({ kind: 'word', word: lower, at });
      else tokens.push({ kind: 'name', name: word[0], at });
      continue;
    }
    if (rest.startsWith('`')) {
      const close = text.indexOf('`', i + 1);
      if (close < 0) fail(at, 'expected a closing `');
      tokens.push({ kind: 'name', name: text.slice(i + 1, close), at });
      i = close + 1;
      continue;
    }
    const comparator = COMPARATORS.find((symbol) => rest.startsWith(symbol));
    if (comparator) {
      tokens.push({ kind: 'symbol', symbol: comparator, at });
      i += comparator.length;
      continue;
    }
    const misused: Record<string, string> = { '&&': 'and', '||': 'or', '!': 'not', '=': '==' };
    const wrong = ['&&', '||', '!', '='].find((symbol) => rest.startsWith(symbol));
    if (wrong) fail(at, `unknown operator ${wrong} (write ${misused[wrong]})`);
    const symbol = '+-*/()'.includes(rest[0]!)
      ? (rest[0] as '+' | '-' | '*' | '/' | '(' | ')')
      : undefined;
    if (symbol) {
      tokens.push({ kind: 'symbol', symbol, at });
      i++;
      continue;
    }
    fail(at, `unexpected character ${JSON.stringify(rest[0])}`);
  }
  tokens.push({ kind: 'end', at: text.length + 1 });
  return tokens;
}

/** A comparison's or a condition's truth; undefined where a compared number is NaN. */
function truth(node: TruthNode, value: (name: string) => number): boolean | undefined {
  switch (node.type) {
    case 'compare': {
      const numbers = node.operands.map((operand) => number(operand, value));
      if (numbers.some(Number.isNaN)) return undefined;
      return node.operators.every((operator, index) =>
        compare(operator, numbers[index]!, numbers[index + 1]!),
      );
    }
    case 'not': {
      const operand = truth(node.operand, value);
      return operand === undefined ? undefined : !operand;
    }
    case 'and':
    case 'or': {
      const left = truth(node.left, value);
      const right = truth(node.right, value);
      return left === undefined || right === undefined
        ? undefined
        : node.type === 'and'
          ? left && right
          : left || right;
    }
  }
}

function number(node: NumberNode, value: (name: string) => number): number {
  switch (node.type) {
    case 'number':
      return node.value;
    case 'name':
      return value(node.name);
    case 'negate':
      return -number(node.operand, value);
    case 'arithmetic': {
      const left = number(node.left, value);
      const right = number(node.right, value);
      switch (node.operator) {
        case '+':
          return left + right;
        case '-':
          return left - right;
        case '*':
          return left * right;
        case '/':
          return left / right;
      }
    }
  }
}

function compare(operator: Comparator, left: number, right: number): boolean {
  switch (operator) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '==':
      return left === right;
    case '!=':
      return left !== right;
  }
}
