// JSONPath filters `[?(...)]` as Jayway JsonPath compiles and evaluates them (its FilterCompiler,
// EvaluatorFactory and ValueNodes): `||`, `&&`, `!`, parentheses; operands that are paths from `@`
// (the item) or `$` (the document), quoted strings, numbers, true/false/null, JSON literals and
// /regex/flags; the operators == != === !== < <= > >= =~ in nin subsetof anyof noneof size empty
// contains; a path alone tests that the item has it.
import '../linearRegex';
import { isObject } from '../machineStructure';

/** A path operand compiled by the caller's path compiler: it selects from the item (`@`) or the document (`$`). */
export interface OperandPath {
  /** The selected value, or `missing` when a definite path selects nothing (an indefinite one selects a list). */
  select(value: unknown): unknown;
  readonly definite: boolean;
  readonly missing: unknown;
}

type CompileOperandPath = (text: string) => OperandPath;

/** Jayway's value nodes: `json` is an array or object; `undefined` a path that selected nothing. */
type Value =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number; text: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'json'; value: unknown }
  | { kind: 'pattern'; regex: RegExp }
  | { kind: 'undefined' };

type Operand = Value | { kind: 'path'; path: OperandPath; fromRoot: boolean; existsCheck: boolean; shouldExist: boolean };

type Expression =
  | { kind: 'or' | 'and'; operands: Expression[] }
  | { kind: 'not'; operand: Expression }
  | { kind: 'relation'; left: Operand; operator: string; right: Operand };

/** A filter's predicate over an item, with the document for `$` paths. */
export type FilterPredicate = (item: unknown, root: unknown) => boolean;

/** A compiled filter, and what in it the Developer Guide says AWS does not support (Jayway runs it). */
export interface CompiledFilter {
  predicate: FilterPredicate;
  unsupportedOnAws?: string;
}

/** Where in the filter's text (from its `[`) Jayway stops compiling it, and the length of what it stopped at. */
export interface FilterProblem {
  offset: number;
  length: number;
}

class FilterSyntaxError extends Error {}

const RELATIONAL_CHARACTERS = '<>=~!';
const OPERATORS = new Set(['>=', '<=', '==', '===', '!=', '!==', '<', '>', '=~', 'NIN', 'IN', 'CONTAINS', 'SIZE', 'EMPTY', 'SUBSETOF', 'ANYOF', 'NONEOF']);
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE]-?\d+)?$/;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };

/**
 * Compiles the filter `[?(...)]`, or says where Jayway cannot compile it. Paths inside are compiled by
 * `compileOperandPath` (given `$...`, relative to the item for `@`).
 */
export function compileFilter(filter: string, compileOperandPath: CompileOperandPath): CompiledFilter | FilterProblem {
  const start = filter.indexOf('(') + 1;
  const body = filter.slice(start, filter.lastIndexOf(')'));
  const reader = new FilterReader(body, compileOperandPath);
  try {
    const expression = reader.readOr();
    reader.skipBlanks();
    if (reader.position >= body.length) return { predicate: (item, root) => evaluate(expression, item, root), unsupportedOnAws: reader.unsupportedOnAws };
  } catch {
    // A literal, a pattern or a path inside that does not compile: the filter does not either.
  }
  reader.skipBlanks();
  return { offset: start + reader.position, length: Math.max(1, /^[^\s()]*/.exec(body.slice(reader.position))![0].length) };
}

/** Reads a filter's text as Jayway's FilterCompiler does. */
class FilterReader {
  position = 0;
  /** The first feature the Developer Guide's *Paths* says AWS does not support: lexical operators, regexes, references to other values. */
  unsupportedOnAws?: string;
  constructor(private readonly text: string, private readonly compileOperandPath: CompileOperandPath) {}

  skipBlanks(): void {
    while (this.text[this.position] === ' ') this.position++;
  }

  private current(): string | undefined {
    this.skipBlanks();
    return this.text[this.position];
  }

  /** Reads `token` after blanks when it is there. */
  private take(token: string): boolean {
    this.skipBlanks();
    if (!this.text.startsWith(token, this.position)) return false;
    this.position += token.length;
    return true;
  }

  readOr(): Expression {
    const operands = [this.readAnd()];
    while (this.take('||')) operands.push(this.readAnd());
    return operands.length === 1 ? operands[0] : { kind: 'or', operands };
  }

  private readAnd(): Expression {
    const operands = [this.readAndOperand()];
    while (this.take('&&')) operands.push(this.readAndOperand());
    return operands.length === 1 ? operands[0] : { kind: 'and', operands };
  }

  private readAndOperand(): Expression {
    const start = this.position;
    if (this.take('!')) {
      const next = this.current();
      // `!@.a` is a path that must not exist, read as a relation below.
      if (next === '@' || next === '$') this.position = start;
      else return { kind: 'not', operand: this.readAndOperand() };
    }
    if (this.take('(')) {
      const inner = this.readOr();
      if (!this.take(')')) throw new FilterSyntaxError();
      return inner;
    }
    return this.readRelation();
  }

  private readRelation(): Expression {
    const left = this.readOperand();
    const savepoint = this.position;
    const operator = this.readOperator();
    if (operator) {
      try {
        const right = this.readOperand();
        this.unsupportedOnAws ??= /^[A-Z]/.test(operator) ? `the lexical operator '${operator.toLowerCase()}'`
          : operator === '=~' ? 'filtering by regular expression'
          : left.kind === 'path' && right.kind === 'path' ? 'filtering by referencing another value' : undefined;
        return { kind: 'relation', left, operator, right };
      } catch (error) {
        if (!(error instanceof FilterSyntaxError)) throw error;
      }
    }
    this.position = savepoint;
    // No operator: the path must (or, after `!`, must not) exist.
    if (left.kind !== 'path') throw new FilterSyntaxError();
    return { kind: 'relation', left: { ...left, existsCheck: true }, operator: 'EXISTS', right: { kind: 'boolean', value: left.shouldExist } };
  }

  private readOperator(): string | undefined {
    this.skipBlanks();
    const start = this.position;
    const relational = RELATIONAL_CHARACTERS.includes(this.text[start] ?? ' ');
    while (this.position < this.text.length && (relational ? RELATIONAL_CHARACTERS.includes(this.text[this.position]) : this.text[this.position] !== ' ')) this.position++;
    const operator = this.text.slice(start, this.position).toUpperCase();
    return OPERATORS.has(operator) ? operator : undefined;
  }

  private readOperand(): Operand {
    let c = this.current();
    let shouldExist = true;
    if (c === '!') {
      this.position++;
      c = this.current();
      if (c !== '@' && c !== '$') throw new FilterSyntaxError();
      shouldExist = false;
    }
    if (c === '@' || c === '$') return this.readPath(shouldExist);
    switch (c) {
      case "'":
      case '"':
        return { kind: 'string', value: unescape(this.readDelimited(c).slice(1, -1)) };
      case 't':
      case 'f':
        return { kind: 'boolean', value: this.readWord(c === 't' ? 'true' : 'false') === 'true' };
      case 'n':
        this.readWord('null');
        return { kind: 'null' };
      case '[':
      case '{':
        return { kind: 'json', value: parsePermissiveJson(this.readBalanced(c, c === '[' ? ']' : '}')) };
      case '/':
        return { kind: 'pattern', regex: this.readPattern() };
      default:
        return this.readNumber();
    }
  }

  private readWord(word: string): string {
    if (!this.text.startsWith(word, this.position)) throw new FilterSyntaxError();
    this.position += word.length;
    return word;
  }

  /** A quoted string or a pattern: up to the next unescaped delimiter. */
  private readDelimited(delimiter: string): string {
    const start = this.position;
    let i = start + 1;
    while (i < this.text.length && this.text[i] !== delimiter) i += this.text[i] === '\\' ? 2 : 1;
    if (i >= this.text.length) throw new FilterSyntaxError();
    this.position = i + 1;
    return this.text.slice(start, i + 1);
  }

  private readBalanced(open: string, close: string): string {
    const start = this.position;
    let depth = 0;
    for (let i = start; i < this.text.length; i++) {
      const c = this.text[i];
      if (c === "'" || c === '"') {
        this.position = i;
        this.readDelimited(c);
        i = this.position - 1;
      } else if (c === open) depth++;
      else if (c === close && --depth === 0) {
        this.position = i + 1;
        return this.text.slice(start, i + 1);
      }
    }
    throw new FilterSyntaxError();
  }

  private readPattern(): RegExp {
    const literal = this.readDelimited('/');
    const flags = /^[dimsuUx]*/.exec(this.text.slice(this.position))![0];
    this.position += flags.length;
    // Java's Pattern.matches: the whole input must match. Java's `i` folds ASCII letters only; folded in
    // the pattern itself, it leaves V8 the flags its linear-time engine takes over with (../linearRegex).
    const source = flags.includes('i') ? foldAsciiCase(literal.slice(1, -1)) : literal.slice(1, -1);
    return new RegExp(`^(?:${source})$`, [...new Set(flags.replace(/[^ms]/g, ''))].join(''));
  }

  private readNumber(): Value {
    const start = this.position;
    while (this.position < this.text.length && /[\d.eE-]/.test(this.text[this.position])) this.position++;
    const text = this.text.slice(start, this.position);
    if (!NUMBER.test(text)) throw new SyntaxError(`Not a number: ${text}`);
    return { kind: 'number', value: Number(text), text };
  }

  /** A path from `@` or `$`: up to a relational operator, a space or a `)` that closes no function call. */
  private readPath(shouldExist: boolean): Operand {
    const start = this.position;
    let i = start + 1;
    while (i < this.text.length) {
      const c = this.text[i];
      if (c === '[') {
        this.position = i;
        this.readBalanced('[', ']');
        i = this.position;
        continue;
      }
      const closesFunction = c === ')' && this.text[i - 1] === '(' && this.text.slice(start, i).includes('.');
      if (RELATIONAL_CHARACTERS.includes(c) || c === ' ' || (c === ')' && !closesFunction)) break;
      i++;
    }
    this.position = i;
    const text = this.text.slice(start, i);
    return { kind: 'path', path: this.compileOperandPath('$' + text.slice(1)), fromRoot: text[0] === '$', existsCheck: false, shouldExist };
  }
}

const LETTER = /[a-zA-Z]/;
/** An escape as a unit: `\u{..}`, `\uXXXX`, `\xXX`, `\cX`, `\p{..}`, `\k<name>`, or one character. */
const ESCAPE = /^\\(?:u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[a-zA-Z]|[pP]\{[^}]*\}|k<[^>]*>|[^])/;
const GROUP_NAME = /^\(\?<(?![=!])[^>]*>/;
const otherCase = (letter: string) => (letter === letter.toLowerCase() ? letter.toUpperCase() : letter.toLowerCase());

/** The pattern with each ASCII letter matching either case (`a` as `[aA]`, `[a-f]` as `[a-fA-F]`), as Java's `i` does. */
function foldAsciiCase(pattern: string): string {
  let folded = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const rest = pattern.slice(i);
    const verbatim = (rest[0] === '\\' ? ESCAPE : GROUP_NAME).exec(rest)?.[0];
    if (verbatim) {
      folded += verbatim;
      i += verbatim.length - 1;
    } else if (inClass) {
      const range = /^([a-z]-[a-z]|[A-Z]-[A-Z])/.exec(rest)?.[0];
      if (range) {
        folded += range + otherCase(range[0]) + '-' + otherCase(range[2]);
        i += 2;
      } else {
        inClass = rest[0] !== ']';
        folded += LETTER.test(rest[0]) ? rest[0] + otherCase(rest[0]) : rest[0];
      }
    } else {
      inClass = rest[0] === '[';
      folded += LETTER.test(rest[0]) ? `[${rest[0]}${otherCase(rest[0])}]` : rest[0];
      if (inClass && rest[1] === '^') folded += pattern[++i];
    }
  }
  return folded;
}

function unescape(text: string): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, escaped: string) => escaped.length > 1 ? String.fromCharCode(parseInt(escaped.slice(1), 16)) : ESCAPES[escaped] ?? escaped);
}

/** JSON as json-smart's permissive mode reads a filter's literal: strings may be single-quoted. */
function parsePermissiveJson(text: string): unknown {
  return JSON.parse(text.replace(/'((?:[^'\\]|\\.)*)'|"(?:[^"\\]|\\.)*"/g, (match, single: string | undefined) =>
    single === undefined ? match : JSON.stringify(unescape(single))));
}

function evaluate(expression: Expression, item: unknown, root: unknown): boolean {
  switch (expression.kind) {
    case 'or': return expression.operands.some((operand) => evaluate(operand, item, root));
    case 'and': return expression.operands.every((operand) => evaluate(operand, item, root));
    case 'not': return !evaluate(expression.operand, item, root);
    case 'relation': return relate(valueOf(expression.left, item, root), expression.operator, valueOf(expression.right, item, root));
  }
}

function valueOf(operand: Operand, item: unknown, root: unknown): Value {
  if (operand.kind !== 'path') return operand;
  const selected = operand.path.select(operand.fromRoot ? root : item);
  if (operand.existsCheck) return { kind: 'boolean', value: operand.path.definite ? selected !== operand.path.missing : (selected as unknown[]).length > 0 };
  return selected === operand.path.missing ? { kind: 'undefined' } : fromJson(selected);
}

function fromJson(value: unknown): Value {
  switch (typeof value) {
    case 'string': return { kind: 'string', value };
    case 'number': return { kind: 'number', value, text: String(value) };
    case 'boolean': return { kind: 'boolean', value };
    default: return value === null ? { kind: 'null' } : { kind: 'json', value };
  }
}

/** The value list of a node (a JSON array), as Jayway's `asValueListNode`; undefined for anything else. */
function listOf(node: Value): Value[] | undefined {
  return node.kind === 'json' && Array.isArray(node.value) ? node.value.map(fromJson) : undefined;
}

/** Jayway's ValueNode.equals: strings and numbers compare with each other, JSON by value. */
function equals(left: Value, right: Value): boolean {
  switch (left.kind) {
    case 'string':
      return (right.kind === 'string' || right.kind === 'number') && left.value === (right.kind === 'string' ? right.value : right.text);
    case 'number':
      if (right.kind === 'number') return left.value === right.value;
      return right.kind === 'string' && NUMBER.test(right.value) && left.value === Number(right.value);
    case 'boolean': return right.kind === 'boolean' && left.value === right.value;
    case 'null': return right.kind === 'null';
    case 'json': return right.kind === 'json' && jsonEquals(left.value, right.value);
    default: return false;
  }
}

function jsonEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEquals(item, b[i]));
  if (!isObject(a) || !isObject(b) || Array.isArray(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && jsonEquals(a[key], b[key]));
}

/** A value as a pattern matches it: strings and numbers as text, booleans as true/false, others as "". */
function patternInput(node: Value): string {
  return node.kind === 'string' ? node.value : node.kind === 'number' ? node.text : node.kind === 'boolean' ? String(node.value) : '';
}

function compare(left: Value, right: Value): number | undefined {
  if (left.kind === 'number' && right.kind === 'number') return left.value - right.value;
  if (left.kind === 'string' && right.kind === 'string') return left.value < right.value ? -1 : left.value > right.value ? 1 : 0;
  return undefined;
}

function relate(left: Value, operator: string, right: Value): boolean {
  switch (operator) {
    case 'EXISTS': return left.kind === 'boolean' && right.kind === 'boolean' && left.value === right.value;
    case '==': return equals(left, right);
    case '!=': return !equals(left, right);
    case '===': return left.kind === right.kind && equals(left, right);
    case '!==': return !(left.kind === right.kind && equals(left, right));
    case '<': { const order = compare(left, right); return order !== undefined && order < 0; }
    case '<=': { const order = compare(left, right); return order !== undefined && order <= 0; }
    case '>': { const order = compare(left, right); return order !== undefined && order > 0; }
    case '>=': { const order = compare(left, right); return order !== undefined && order >= 0; }
    case '=~': {
      if ((left.kind === 'pattern') === (right.kind === 'pattern')) return false;
      const [pattern, subject] = left.kind === 'pattern' ? [left.regex, right] : [(right as { regex: RegExp }).regex, left];
      const list = listOf(subject);
      return list ? list.some((node) => pattern.test(patternInput(node))) : pattern.test(patternInput(subject));
    }
    case 'SIZE':
      if (right.kind !== 'number') return false;
      if (left.kind === 'string') return left.value.length === right.value;
      return left.kind === 'json' && (Array.isArray(left.value) ? left.value.length : -1) === right.value;
    case 'EMPTY': {
      if (right.kind !== 'boolean') return false;
      if (left.kind === 'string') return (left.value.length === 0) === right.value;
      return left.kind === 'json' && (Object.keys(left.value as object).length === 0) === right.value;
    }
    case 'IN': return listOf(right)?.some((node) => equals(left, node)) ?? false;
    case 'NIN': return !(listOf(right)?.some((node) => equals(left, node)) ?? false);
    case 'CONTAINS':
      if (left.kind === 'string' && right.kind === 'string') return left.value.includes(right.value);
      return listOf(left)?.some((node) => equals(node, right)) ?? false;
    case 'SUBSETOF': {
      const [subset, set] = [listOf(left), listOf(right)];
      return subset !== undefined && set !== undefined && subset.every((node) => set.some((candidate) => equals(node, candidate)));
    }
    case 'ANYOF':
    case 'NONEOF': {
      const [a, b] = [listOf(left), listOf(right)];
      if (a === undefined || b === undefined) return false;
      const any = a.some((node) => b.some((candidate) => equals(node, candidate)));
      return operator === 'ANYOF' ? any : !any;
    }
    default: return false;
  }
}
