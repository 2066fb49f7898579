// JSONPath as AWS evaluates it (Jayway JsonPath semantics): definite paths (single names, single
// indexes, and a multi-name bracket at the end) select one value or fail; indefinite paths (wildcards,
// slices, filters, index lists, deep scan, a multi-name bracket before the end) select a list, possibly
// empty. Paths are read once, the way Jayway's path compiler reads them; filters are Jayway's
// (jsonpathFilter.ts), the other indefinite steps are evaluated by jsonpath-plus.
import type { JSONPath as JSONPathFunction } from 'jsonpath-plus';
import { isObject } from '../machineStructure';
import { compileFilter, type FilterPredicate, type OperandPath } from './jsonpathFilter';

/** Loaded on first use: definite paths (most of them) do not need it. */
let jsonPathPlus: typeof JSONPathFunction | undefined;

type Segment = string | number;

/** Returned when a definite path selects nothing. */
export const MISSING: unique symbol = Symbol('missing');

export interface CompiledPath {
  readonly text: string;
  /** True when the path selects one value (Jayway's "definite" path). */
  readonly definite: boolean;
  /** The selected value, or MISSING (definite paths only), with the reason in `missing`. */
  select(root: unknown): unknown;
  /** For a definite path that selected nothing: AWS's explanation (Jayway's wording). */
  explainMissing(root: unknown): string;
  /** True when the path names one node by names and indexes from the start (a Reference Path). */
  readonly reference: boolean;
  /** The name-and-index segments of a reference path. */
  readonly segments: readonly Segment[];
  /** What in the path the Developer Guide's *Paths* says AWS does not support, though Jayway runs it. */
  readonly unsupportedOnAws?: string;
}

/** A path Jayway refuses, with where in the text it stops reading. */
export class InvalidPathError extends Error {
  constructor(message: string, readonly offset: number, readonly length = 1) {
    super(message);
  }
}

/** One step of a path as Jayway reads it. */
type Step =
  | { kind: 'names'; names: string[] }
  | { kind: 'index'; index: number }
  | { kind: 'filter'; predicate: FilterPredicate; unsupportedOnAws?: string }
  /** Any other step, in jsonpath-plus's syntax: `*`, `..`, `[0,1]`, `[1:2]`. */
  | { kind: 'indefinite'; text: string };

/** A path inside a filter; a path Jayway refuses there makes the filter fail to compile. */
function operandPath(text: string): OperandPath {
  const compiled = compilePath(text);
  return { select: compiled.select, definite: compiled.definite, missing: MISSING };
}

/** The index after `from` of the first character that is not a space. */
function skipSpaces(text: string, from: number): number {
  while (text[from] === ' ') from++;
  return from;
}

/** Reads `['a']` or `['a', "b"]` at `open` (the `[`); returns the index after the `]`. */
function readNames(text: string, open: number, steps: Step[]): number {
  const quote = text[skipSpaces(text, open + 1)];
  const names: string[] = [];
  let i = skipSpaces(text, open + 1);
  for (;;) {
    if (text[i] !== quote) throw new InvalidPathError('Found empty property or a property not in quotes', i);
    let end = i + 1;
    while (end < text.length && text[end] !== quote) end += text[end] === '\\' ? 2 : 1;
    if (end >= text.length) throw new InvalidPathError(`Property has not been closed - missing closing ${quote}`, i, text.length - i);
    // Only an escaped delimiter is unescaped: AWS reads `$['a\"b']` as the name `a\"b` (corpus: ESCAPE_SEQUENCES_JSONPATH).
    names.push(text.slice(i + 1, end).replaceAll('\\' + quote, quote));
    i = skipSpaces(text, end + 1);
    if (text[i] === ']') break;
    if (text[i] !== ',') throw new InvalidPathError('Property must be separated by comma or Property must be terminated close square bracket', i);
    i = skipSpaces(text, i + 1);
  }
  steps.push({ kind: 'names', names });
  return i + 1;
}

/** The index of the `]` or `)` closing the bracket or parenthesis at `open`, honouring quotes and nesting; -1 when unclosed. */
export function closingBracket(text: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '[' || c === '(') depth++;
    else if ((c === ']' || c === ')') && --depth === 0) return i;
  }
  return -1;
}

/** Reads the bracket at `open`: names, indexes, a slice, a wildcard or a filter; returns the index after it. */
function readBracket(text: string, open: number, steps: Step[]): number {
  const first = skipSpaces(text, open + 1);
  const c = text[first];
  if (c === "'" || c === '"') return readNames(text, open, steps);
  if (c === '*') {
    const close = skipSpaces(text, first + 1);
    if (text[close] !== ']') throw new InvalidPathError(`Expected wildcard token to end with ']' on position ${first + 1}`, first + 1);
    steps.push({ kind: 'indefinite', text: '[*]' });
    return close + 1;
  }
  if (c === '?') {
    const parenthesis = skipSpaces(text, first + 1);
    const closeParenthesis = text[parenthesis] === '(' ? closingBracket(text, parenthesis) : -1;
    const close = text[closeParenthesis] === ')' ? skipSpaces(text, closeParenthesis + 1) : -1;
    if (close < 0 || text[close] !== ']') throw new InvalidPathError("A filter must read [?(...)]", open, text.length - open);
    const filter = text.slice(open, close + 1);
    // Jayway reads an operand that is no path, quoted string, true, false, null, JSON or regex as a
    // number: a bare word (`@.status == active`) fails the path.
    const compiled = compileFilter(filter, operandPath);
    if (!('predicate' in compiled)) throw new InvalidPathError(`Could not compile inline filter : ${filter}`, open + compiled.offset, compiled.length);
    steps.push({ kind: 'filter', ...compiled });
    return close + 1;
  }
  const close = text.indexOf(']', open);
  const content = close < 0 ? '' : text.slice(open + 1, close).trim();
  if (close < 0 || !/^[\d,: -]+$/.test(content)) {
    throw new InvalidPathError(`Could not parse token starting at position ${open}. Expected ?, ', 0-9, * `, open, close < 0 ? text.length - open : close + 1 - open);
  }
  const parts = content.split(content.includes(':') ? ':' : ',').map((part) => part.trim());
  if (content.includes(':') ? parts.length > 3 || parts.some((part) => part && !/^-?\d+$/.test(part)) : parts.some((part) => !/^-?\d+$/.test(part))) {
    throw new InvalidPathError(`Invalid array index or slice: [${content}]`, open, close + 1 - open);
  }
  steps.push(!content.includes(':') && parts.length === 1 ? { kind: 'index', index: Number(parts[0]) } : { kind: 'indefinite', text: `[${content}]` });
  return close + 1;
}

/** Reads the steps after the root `$` as Jayway's path compiler reads them. */
function readSteps(text: string): Step[] {
  const steps: Step[] = [];
  if (text.length > 1 && text[1] !== '.' && text[1] !== '[') throw new InvalidPathError("Illegal character at position 1 expected '.' or '['", 1);
  let i = 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '.') {
      const scan = text[i + 1] === '.';
      if (scan) steps.push({ kind: 'indefinite', text: '..' });
      i += scan ? 2 : 1;
      // A single dot before a bracket is nothing (`$.a.[0]` is `$.a[0]`), not a deep scan.
      if (i >= text.length) throw new InvalidPathError("Path must not end with a '.' or '..'", i - 1);
      if (text[i] === '.') throw new InvalidPathError(`Character '.' on position ${i} is not valid.`, i);
      continue;
    }
    if (c === '[') {
      i = readBracket(text, i, steps);
      continue;
    }
    if (c === '*') {
      steps.push({ kind: 'indefinite', text: '*' });
      i++;
      continue;
    }
    let end = i;
    while (end < text.length && text[end] !== '.' && text[end] !== '[' && text[end] !== '(') {
      if (text[end] === ' ') throw new InvalidPathError("Use bracket notation ['my prop'] if your property contains blank characters", end);
      end++;
    }
    if (text[end] === '(') {
      const close = closingBracket(text, end);
      if (text[close] !== ')') throw new InvalidPathError(`Arguments to function: '${text.slice(i, end)}' are not closed properly.`, end);
      // Jayway has them; the Developer Guide's *Paths*: "Functions such as length() aren't supported".
      throw new InvalidPathError(`JSONPath functions such as '${text.slice(i, close + 1)}' are not supported: use an intrinsic function (States.ArrayLength, ...)`, i, close + 1 - i);
    } else {
      steps.push({ kind: 'names', names: [text.slice(i, end)] });
      i = end;
    }
  }
  return steps;
}

/** The steps (no filter among them) in jsonpath-plus's syntax. */
function toJsonPathPlus(steps: readonly Exclude<Step, { kind: 'filter' }>[]): string {
  let text = '$';
  for (const step of steps) {
    const part = step.kind === 'names' ? (step.names.length === 1 ? `['${step.names[0]}']` : `[${step.names.join(',')}]`)
      : step.kind === 'index' ? `[${step.index}]` : step.text;
    text += /^[[.]/.test(part) || text.endsWith('..') ? part : '.' + part;
  }
  return text;
}

/** Jayway's rendering of a path prefix: $['a'][0]. */
function render(segments: readonly Segment[]): string {
  return '$' + segments.map((s) => (typeof s === 'number' ? `[${s}]` : `['${s}']`)).join('');
}

function step(value: unknown, segment: Segment): unknown {
  if (typeof segment === 'number') {
    if (!Array.isArray(value)) return MISSING;
    // Jayway counts a negative index from the end.
    const index = segment < 0 ? value.length + segment : segment;
    return index >= 0 && index < value.length ? value[index] : MISSING;
  }
  return isObject(value) && Object.prototype.hasOwnProperty.call(value, segment) ? value[segment] : MISSING;
}

/** A multi-name bracket at the end of a path: one object with those of the names the value has. */
function merge(value: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const name of names) if (Object.prototype.hasOwnProperty.call(value, name)) merged[name] = value[name];
  return merged;
}

/** The segments of steps that are single names and indexes only; undefined when any other step is there. */
function namesAndIndexes(steps: readonly Step[]): Segment[] | undefined {
  return steps.every((s) => s.kind === 'index' || s.kind === 'names' && s.names.length === 1)
    ? steps.map((s) => (s.kind === 'index' ? s.index : (s as { names: string[] }).names[0]))
    : undefined;
}

const cache = new Map<string, CompiledPath>();

/**
 * Compiles a path whose root symbol is `$` (callers map `$$`, `$var` to their own roots and pass
 * the rest here as `$...`). Throws InvalidPathError on a path Jayway refuses.
 */
export function compilePath(text: string): CompiledPath {
  const cached = cache.get(text);
  if (cached) return cached;
  if (!text.startsWith('$')) throw new Error(`The value for the field must be a JSONPath starting with '$': ${text}`);
  // Jayway trims the spaces around a path.
  const steps = readSteps(text.replace(/ +$/, ''));
  const last = steps[steps.length - 1];
  const mergedNames = last?.kind === 'names' && last.names.length > 1 ? last.names : undefined;
  const upstream = mergedNames ? steps.slice(0, -1) : steps;
  const segments = namesAndIndexes(upstream);
  let compiled: CompiledPath;
  if (segments) {
    const walk = (root: unknown): { value: unknown; at: number } => {
      let value = root;
      for (let i = 0; i < segments.length; i++) {
        value = step(value, segments[i]);
        if (value === MISSING) return { value, at: i };
      }
      return { value, at: segments.length };
    };
    compiled = {
      text, definite: true, segments,
      reference: !mergedNames && segments.every((s) => typeof s === 'string' || s >= 0),
      select(root) {
        const { value } = walk(root);
        if (!mergedNames || value === MISSING) return value;
        return isObject(value) ? merge(value, mergedNames) : MISSING;
      },
      explainMissing(root) {
        const { value, at } = walk(root);
        if (value !== MISSING && mergedNames) {
          return `Expected to find an object with property [${mergedNames.map((n) => `'${n}'`).join(', ')}] in path ${render(segments)}`;
        }
        return at >= segments.length - 1 && !mergedNames
          ? `No results for path: ${render(segments)}`
          : `Missing property in path ${render(segments.slice(0, at + 1))}`;
      },
    };
  } else {
    const stages = indefiniteStages(upstream);
    compiled = {
      text, definite: false, reference: false, segments: [],
      unsupportedOnAws: upstream.map((s) => (s.kind === 'filter' ? s.unsupportedOnAws : undefined)).find((found) => found !== undefined),
      select(root) {
        if (root === null || typeof root !== 'object') return [];
        let values: unknown[] = [root];
        for (const stage of stages) values = stage(values, root);
        return mergedNames ? values.filter(isObject).map((value) => merge(value, mergedNames)) : values;
      },
      explainMissing() { return `No results for path: ${text}`; },
    };
  }
  cache.set(text, compiled);
  return compiled;
}

type Stage = (values: unknown[], root: unknown) => unknown[];

/**
 * An indefinite path's steps as stages over the list of selected values: Jayway's filters, and runs of
 * other steps given to jsonpath-plus. A filter keeps the matching elements of an array and an object
 * that matches; after a deep scan, so is every object and array below that the filter itself matches
 * (Jayway's ScanPathToken).
 */
function indefiniteStages(steps: readonly Step[]): Stage[] {
  const stages: Stage[] = [];
  let run: Exclude<Step, { kind: 'filter' }>[] = [];
  const endRun = () => {
    if (run.length === 0) return;
    const segments = namesAndIndexes(run);
    const query = toJsonPathPlus(run);
    run = [];
    // Names and indexes after a filter (`[?(...)].id`) are walked here: one jsonpath-plus call per value costs more.
    if (segments) {
      stages.push((values) => values.flatMap((value) => {
        for (const segment of segments) if ((value = step(value, segment)) === MISSING) return [];
        return [value];
      }));
      return;
    }
    stages.push((values) => values.flatMap((value) => {
      if (value === null || typeof value !== 'object') return [];
      jsonPathPlus ??= (require('jsonpath-plus') as { JSONPath: typeof JSONPathFunction }).JSONPath;
      return jsonPathPlus({ path: query, json: value, wrap: true, eval: false }) as unknown[] ?? [];
    }));
  };
  for (const step of steps) {
    if (step.kind !== 'filter') {
      run.push(step);
      continue;
    }
    const scanned = run.at(-1)?.kind === 'indefinite' && (run.at(-1) as { text: string }).text === '..';
    if (scanned) run.pop();
    endRun();
    const { predicate } = step;
    // On AWS `@` matches objects only, not scalar values (Developer Guide, *Paths*).
    const filter = (value: unknown, root: unknown): unknown[] => Array.isArray(value) ? value.filter((item) => isObject(item) && !Array.isArray(item) && predicate(item, root))
      : isObject(value) && predicate(value, root) ? [value] : [];
    stages.push(scanned
      ? (values, root) => values.flatMap((value) => scan(value, (node) => (predicate(node, root) ? filter(node, root) : [])))
      : (values, root) => values.flatMap((value) => filter(value, root)));
  }
  endRun();
  return stages;
}

/** Every object and array from `value` down, in document order, each given to `select`. */
function scan(value: unknown, select: (node: unknown) => unknown[], into: unknown[] = []): unknown[] {
  if (value === null || typeof value !== 'object') return into;
  into.push(...select(value));
  for (const child of Array.isArray(value) ? value : Object.values(value)) scan(child, select, into);
  return into;
}

/** A reference path (names and indexes only), as ResultPath and the *Path fields of Choice require. */
export function compileReferencePath(text: string): CompiledPath {
  const compiled = compilePath(text);
  if (!compiled.reference) {
    throw new Error(`The value must be a reference path (names and indexes only): ${text}`);
  }
  return compiled;
}

/** Returns a copy of `root` with `value` placed at the path, creating objects on the way (ResultPath). */
export function setAtPath(root: unknown, segments: readonly Segment[], value: unknown, text: string): unknown {
  if (segments.length === 0) return value;
  const [head, ...rest] = segments;
  if (typeof head === 'number') {
    if (!Array.isArray(root) || head >= root.length) {
      throw new Error(`Invalid path '${text}': ${render(segments.slice(0, 1))} cannot be set on the input`);
    }
    const copy = root.slice();
    copy[head] = setAtPath(root[head], rest, value, text);
    return copy;
  }
  const base = root !== null && typeof root === 'object' && !Array.isArray(root) ? root as Record<string, unknown> : undefined;
  if (!base) throw new Error(`Invalid path '${text}': the input is not an object`);
  const child = Object.prototype.hasOwnProperty.call(base, head) ? base[head] : {};
  return { ...base, [head]: setAtPath(rest.length && (child === null || typeof child !== 'object') ? {} : child, rest, value, text) };
}
