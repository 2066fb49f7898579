// What AWS checks when a state machine is created and an execution started (CreateStateMachine,
// StartExecution), with AWS's error codes and messages. The CLI, the language server's run path
// and the start form apply these same functions (the start form is a webview: no Node here).
import { escapePointerSegment } from './jsonPointer';

/** An API call refused, as the AWS SDK reports it. */
export interface ApiError {
  /** AWS's error code: ValidationException, InvalidName, InvalidExecutionInput. */
  error: string;
  message: string;
}

/** StartExecution's `input` (UTF-8 bytes, the API model's constraint) and each state's payload quota. */
export const MAX_PAYLOAD_BYTES = 262_144;
/** CreateStateMachine's `definition`, in characters (the API model's constraint). */
export const MAX_DEFINITION_LENGTH = 1_048_576;
/** Names of executions (and state machines, activities): 1 to 80 characters. */
export const MAX_NAME_LENGTH = 80;
/**
 * How deep a JSON document may nest. AWS documents no limit; it reads JSON with Jackson (its parse
 * errors are Jackson's), whose StreamReadConstraints refuse documents nested deeper than 1000
 * levels by default (2.15 to 2.x). Every recursive walk here (parsers, validator, compiler,
 * interpreter, graph) is safe within that bound, with about 1.6 times the stack to spare.
 */
export const MAX_NESTING = 1000;

export const NESTING_MESSAGE = `Nested more than ${MAX_NESTING} levels deep: the document is not read further.`;

/**
 * JSON text may write a number no double holds (1e999): JSON.parse reads it as Infinity, which
 * JSON.stringify writes as null. AWS's behaviour is not documented; it is refused, never read as null.
 */
export const NUMBER_RANGE_MESSAGE = 'A number is beyond the range of a double';

/**
 * StartExecution's rules on names: whitespace, brackets `< > { } [ ]`, wildcards `? *`, the special
 * characters `" # % \ ^ | ~ ` $ & , ; : /`, control characters (U+0000-001F, U+007F-009F,
 * U+FFFE-FFFF), surrogates and U+10FFFF are refused. A dot, a dash or a letter of any script is not.
 * Made on first use: a Unicode property class costs a run that names no execution a fifth of a millisecond.
 */
let forbiddenInName: RegExp | undefined;

/** The model's length constraint, worded as AWS words it; a sensitive member's value is not repeated. */
function lengthConstraint(member: string, value: string | undefined, constraint: string): ApiError {
  const shown = value === undefined ? '' : `'${value}' `;
  return { error: 'ValidationException', message: `1 validation error detected: Value ${shown}at '${member}' failed to satisfy constraint: Member must have length ${constraint}` };
}

/** Why StartExecution refuses an execution name; `character` is the first forbidden one, if that is why. */
export function executionNameProblem(name: string): (ApiError & { character?: string }) | undefined {
  if (name.length < 1) return lengthConstraint('name', name, 'greater than or equal to 1');
  if (name.length > MAX_NAME_LENGTH) return lengthConstraint('name', name, `less than or equal to ${MAX_NAME_LENGTH}`);
  forbiddenInName ??= /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f\ufffe\uffff\u{10ffff}]|\p{Cs}/u;
  const forbidden = forbiddenInName.exec(name);
  return forbidden ? { error: 'InvalidName', message: `Invalid Name: '${name}'`, character: forbidden[0] } : undefined;
}

/** Why CreateStateMachine refuses a definition of this size. */
export function definitionSizeProblem(definitionText: string): ApiError | undefined {
  return definitionText.length > MAX_DEFINITION_LENGTH ? lengthConstraint('definition', undefined, `less than or equal to ${MAX_DEFINITION_LENGTH}`) : undefined;
}

/**
 * StartExecution's `input`: at most 256 KiB of UTF-8 (unless `maxBytes` lifts the quota), JSON,
 * nested at most MAX_NESTING levels, and without a number beyond the range of a double.
 */
export function parseExecutionInput(text: string, maxBytes = MAX_PAYLOAD_BYTES): { value: unknown } | ApiError {
  if (text.length > maxBytes / 3 && new TextEncoder().encode(text).length > maxBytes) {
    return lengthConstraint('input', undefined, `less than or equal to ${maxBytes}`);
  }
  const invalid = (detail: string): ApiError => ({ error: 'InvalidExecutionInput', message: `Invalid State Machine Execution Input: '${detail}'` });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return invalid(jsonProblem(text) ?? 'Invalid JSON');
  }
  const tooDeep = pathBeyondNesting(value);
  if (tooDeep !== undefined) return invalid(`${NESTING_MESSAGE} (at ${tooDeep || '/'})`);
  const infinite = pathOfInfiniteNumber(value);
  if (infinite !== undefined) return invalid(`${NUMBER_RANGE_MESSAGE} (at ${infinite || '/'})`);
  return { value };
}

type Matches = (node: unknown, depth: number) => boolean;

/**
 * Whether a node matches, or the value nests deeper than MAX_NESTING (left to find's walk, which has
 * no recursion to overflow): a walk that allocates nothing per node, so that a large payload, which
 * matches nowhere as a rule, is checked in a fraction of the time find's walk takes.
 */
function mayMatch(node: unknown, depth: number, matches: Matches): boolean {
  if (matches(node, depth)) return true;
  if (node === null || typeof node !== 'object') return false;
  if (depth > MAX_NESTING) return true;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) if (mayMatch(node[i], depth + 1, matches)) return true;
  } else {
    for (const key in node) if (mayMatch((node as Record<string, unknown>)[key], depth + 1, matches)) return true;
  }
  return false;
}

const infinite: Matches = (node) => typeof node === 'number' && !Number.isFinite(node);
const beyondNesting: Matches = (node, depth) => depth > MAX_NESTING && node !== null && typeof node === 'object';

/** The JSON pointer of the first number beyond the range of a double (parsed as Infinity). */
export function pathOfInfiniteNumber(value: unknown): string | undefined {
  return mayMatch(value, 1, infinite) ? find(value, infinite) : undefined;
}

/** The JSON pointer of the first container nested deeper than MAX_NESTING levels (the root is level 1). */
export function pathBeyondNesting(value: unknown): string | undefined {
  return mayMatch(value, 1, beyondNesting) ? find(value, beyondNesting) : undefined;
}

/** A container being visited: its keys (none for an array: its indexes) and the next child's position. */
interface Open {
  node: object;
  keys: string[] | undefined;
  next: number;
}

/**
 * The JSON pointer of the first node (depth first, without recursion) that `matches`. One entry per open
 * container, so the stack grows with the depth, not the width: a 100,000-item array is not 100,000 entries.
 */
function find(value: unknown, matches: (node: unknown, depth: number) => boolean): string | undefined {
  if (matches(value, 1)) return '';
  const open: Open[] = [];
  const enter = (node: unknown) => {
    if (node !== null && typeof node === 'object') open.push({ node, keys: Array.isArray(node) ? undefined : Object.keys(node), next: 0 });
  };
  enter(value);
  while (open.length) {
    const top = open[open.length - 1];
    if (top.next >= (top.keys ?? (top.node as unknown[])).length) {
      open.pop();
      continue;
    }
    const index = top.next++;
    const child = top.keys ? (top.node as Record<string, unknown>)[top.keys[index]] : (top.node as unknown[])[index];
    if (matches(child, open.length + 1)) {
      return open.map(({ keys, next }) => `/${escapePointerSegment(keys ? keys[next - 1] : String(next - 1))}`).join('');
    }
    enter(child);
  }
  return undefined;
}

/** Where a JSON text stops parsing, as a message with line and column, or undefined when it parses. */
export function jsonProblem(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch {
    const { offset, message } = firstJsonError(text);
    const before = text.slice(0, offset).split('\n');
    return `${message} at line ${before.length} column ${before[before.length - 1].length + 1}`;
  }
}

/**
 * Scans text that JSON.parse rejected for where and why it first goes wrong (the engines' own
 * messages do not always say where).
 */
function firstJsonError(text: string): { offset: number; message: string } {
  let at = 0;
  let depth = 0;
  const fail = (message: string): never => { throw { offset: at, message }; };
  const space = () => { while (/[ \t\n\r]/.test(text[at] ?? '')) at++; };
  const describe = () => at >= text.length ? 'the end of the input' : `'${text[at]}'`;
  const string = () => {
    at++;
    while (text[at] !== '"') {
      if (at >= text.length || text[at] === '\n') fail('Unterminated string');
      if (text[at] === '\\') {
        at++;
        if (text[at] === 'u' ? !/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5)) : !'"\\/bfnrt'.includes(text[at] ?? 'x')) fail('Invalid escape in a string');
        at += text[at] === 'u' ? 5 : 1;
      } else if (text.charCodeAt(at) < 0x20) {
        fail('Control character in a string');
      } else {
        at++;
      }
    }
    at++;
  };
  const value = (): void => {
    space();
    const char = text[at];
    // Without a bound, a long run of brackets would overflow the stack of this recursive scan.
    if ((char === '{' || char === '[') && depth >= MAX_NESTING) fail(NESTING_MESSAGE);
    if (char === '{') {
      depth++;
      at++;
      space();
      if (text[at] === '}') { at++; depth--; return; }
      for (;;) {
        space();
        if (text[at] !== '"') fail(`Expected a property name in double quotes, found ${describe()}`);
        string();
        space();
        if (text[at] !== ':') fail(`Expected ':', found ${describe()}`);
        at++;
        value();
        space();
        if (text[at] === '}') { at++; depth--; return; }
        if (text[at] !== ',') fail(`Expected ',' or '}', found ${describe()}`);
        at++;
      }
    }
    if (char === '[') {
      depth++;
      at++;
      space();
      if (text[at] === ']') { at++; depth--; return; }
      for (;;) {
        value();
        space();
        if (text[at] === ']') { at++; depth--; return; }
        if (text[at] !== ',') fail(`Expected ',' or ']', found ${describe()}`);
        at++;
      }
    }
    if (char === '"') return string();
    const literal = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(at));
    if (!literal) fail(`Expected a value, found ${describe()}`);
    at += literal![0].length;
  };
  try {
    value();
    space();
    if (at < text.length) fail(`Unexpected ${describe()} after the JSON value`);
  } catch (error) {
    if (error && typeof error === 'object' && 'offset' in error) return error as { offset: number; message: string };
    throw error;
  }
  return { offset: at, message: 'Invalid JSON' };
}
