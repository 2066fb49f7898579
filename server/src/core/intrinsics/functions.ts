import { randomUUID } from '../crypto';
import { javaRound, javaToString, JavaRandom } from './java';
import type { IntrinsicCall } from './parser';
import { deepEqual, describeValue, HASH_ALGORITHMS, hashHex, parseJson, partition, unsupportedAlgorithm } from './values';

/**
 * A value an argument must have; checked on literals by the validator and on every value at run time. An
 * `integer` is any number, rounded half up as AWS does (States.MathAdd(1.5, 0) is 2).
 */
export type ArgumentType = 'any' | 'string' | 'integer' | 'boolean' | 'array' | 'object';

interface Parameter {
  name: string;
  type: ArgumentType;
  /** Further constraint on a well-typed value: the problem, or undefined when fine. */
  check?: (value: never) => string | undefined;
}

export interface IntrinsicFunction {
  name: string;
  parameters: Parameter[];
  /** The last parameter repeats (States.Format, States.Array). */
  variadic?: boolean;
  /** Parameters from this index on may be left out (States.MathRandom's seed). */
  optionalFrom?: number;
  returns: string;
  description: string;
  /** Runs on well-typed arguments; throws FunctionFailure for what only the combination of arguments decides. */
  evaluate(args: never, call: IntrinsicCall): unknown;
}

/** A failure of the function itself; the evaluator turns it into AWS's States.Runtime cause. */
export class FunctionFailure extends Error {
  /** Set when the arguments of this function were refused (a type, a range): AWS's cause names the function then. */
  constructor(message: string, readonly invalidArgumentsOf?: string) {
    super(message);
  }
}

/** AWS's limits on the string arguments of States.Base64Encode/Decode and States.Hash. */
export const MAX_STRING_ARGUMENT_LENGTH = 10000;
export const MAX_ARRAY_RANGE_ITEMS = 1000;
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

const atMostMaxLength = (value: string) =>
  value.length > MAX_STRING_ARGUMENT_LENGTH
    ? `The input string is ${value.length} characters long; the maximum is ${MAX_STRING_ARGUMENT_LENGTH}`
    : undefined;
const positive = (value: number) => (value > 0 ? undefined : `The chunk size must be a positive integer, but was ${value}`);
const nonNegative = (value: number) => (value >= 0 ? undefined : `The index must be a non-negative integer, but was ${value}`);
const nonZero = (value: number) => (value !== 0 ? undefined : 'The step must not be 0');
const hashAlgorithm = (value: string) => ((HASH_ALGORITHMS as readonly string[]).includes(value) ? undefined : unsupportedAlgorithm(value));
const shallowMergeOnly = (value: boolean) => (value ? 'Deep merge is not supported: the third argument must be false' : undefined);
const withinInt = (value: number) =>
  value < INT_MIN || value > INT_MAX ? `The value ${value} is outside the integer range [${INT_MIN}, ${INT_MAX}]` : undefined;

/** The 18 intrinsic functions with AWS's semantics. */
export const intrinsicFunctions: readonly IntrinsicFunction[] = [
  {
    name: 'States.Format',
    parameters: [
      { name: 'template', type: 'string' },
      { name: 'values', type: 'any' },
    ],
    variadic: true,
    optionalFrom: 1,
    returns: 'string',
    description: "Builds a string: each {} in the template is replaced by the next value (objects print as {a=1, b=[x]}). Escape literal braces as \\{ and \\}.",
    evaluate: (args: unknown[], call) => formatTemplate(templatePieces(args[0] as string, call), args.slice(1)),
  },
  {
    name: 'States.StringToJson',
    parameters: [{ name: 'jsonString', type: 'string' }],
    returns: 'any',
    description: 'Parses a JSON text into its value; an empty or blank string gives null.',
    evaluate: ([text]: string[]) => {
      if (text.trim() === '') return null;
      try {
        return parseJson(text);
      } catch {
        throw new FunctionFailure(`The string ${JSON.stringify(text)} is not valid JSON`);
      }
    },
  },
  {
    name: 'States.JsonToString',
    parameters: [{ name: 'value', type: 'any' }],
    returns: 'string',
    description: 'Serializes a value to compact JSON text.',
    evaluate: ([value]: unknown[]) => JSON.stringify(value),
  },
  {
    name: 'States.Array',
    parameters: [{ name: 'values', type: 'any' }],
    variadic: true,
    optionalFrom: 0,
    returns: 'array',
    description: 'Returns an array of its arguments, in order.',
    evaluate: (args: unknown[]) => args,
  },
  {
    name: 'States.ArrayPartition',
    parameters: [
      { name: 'array', type: 'array' },
      { name: 'chunkSize', type: 'integer', check: positive },
    ],
    returns: 'array',
    description: 'Splits an array into chunks of chunkSize items (the last chunk may be shorter).',
    evaluate: ([array, size]: [unknown[], number]) => partition(array, size),
  },
  {
    name: 'States.ArrayContains',
    parameters: [
      { name: 'array', type: 'array' },
      { name: 'value', type: 'any' },
    ],
    returns: 'boolean',
    description: 'True when the array contains the value (compared as JSON).',
    evaluate: ([array, value]: [unknown[], unknown]) => array.some((item) => deepEqual(item, value)),
  },
  {
    name: 'States.ArrayRange',
    parameters: [
      { name: 'start', type: 'integer' },
      { name: 'end', type: 'integer' },
      { name: 'step', type: 'integer', check: nonZero },
    ],
    returns: 'array',
    description: `Returns the integers from start to end (inclusive when reached) by step; at most ${MAX_ARRAY_RANGE_ITEMS} items. Decimals are rounded half up.`,
    evaluate: ([start, end, step]: number[]) => {
      const count = Math.max(0, Math.floor((end - start) / step) + 1);
      if (count > MAX_ARRAY_RANGE_ITEMS) {
        throw new FunctionFailure(`The range would have ${count} items; the maximum is ${MAX_ARRAY_RANGE_ITEMS}`);
      }
      return Array.from({ length: count }, (_, i) => start + i * step);
    },
  },
  {
    name: 'States.ArrayGetItem',
    parameters: [
      { name: 'array', type: 'array' },
      { name: 'index', type: 'integer', check: nonNegative },
    ],
    returns: 'any',
    description: 'Returns the item at a zero-based index.',
    evaluate: ([array, index]: [unknown[], number]) => {
      if (index >= array.length) {
        throw new FunctionFailure(`The index ${index} is out of bounds for an array of length ${array.length}`);
      }
      return array[index];
    },
  },
  {
    name: 'States.ArrayLength',
    parameters: [{ name: 'array', type: 'array' }],
    returns: 'integer',
    description: 'Returns the number of items of an array.',
    evaluate: ([array]: unknown[][]) => array.length,
  },
  {
    name: 'States.ArrayUnique',
    parameters: [{ name: 'array', type: 'array' }],
    returns: 'array',
    description: 'Returns the array without duplicate values, keeping first occurrences in order.',
    evaluate: ([array]: unknown[][]) =>
      array.filter((item, index) => array.findIndex((other) => deepEqual(other, item)) === index),
  },
  {
    name: 'States.Base64Encode',
    parameters: [{ name: 'data', type: 'string', check: atMostMaxLength }],
    returns: 'string',
    description: `Encodes a string (UTF-8) in Base64; at most ${MAX_STRING_ARGUMENT_LENGTH} characters.`,
    evaluate: ([data]: string[]) => Buffer.from(data, 'utf8').toString('base64'),
  },
  {
    name: 'States.Base64Decode',
    parameters: [{ name: 'base64', type: 'string', check: atMostMaxLength }],
    returns: 'string',
    description: `Decodes a Base64 string to text (UTF-8); at most ${MAX_STRING_ARGUMENT_LENGTH} characters.`,
    evaluate: ([data]: string[]) => {
      if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(data)) {
        throw new FunctionFailure(`The string ${JSON.stringify(data)} is not valid Base64`);
      }
      return Buffer.from(data, 'base64').toString('utf8');
    },
  },
  {
    name: 'States.Hash',
    parameters: [
      { name: 'data', type: 'string', check: atMostMaxLength },
      { name: 'algorithm', type: 'string', check: hashAlgorithm },
    ],
    returns: 'string',
    description: `Returns the hex digest of a string with ${HASH_ALGORITHMS.join(', ')}; at most ${MAX_STRING_ARGUMENT_LENGTH} characters.`,
    evaluate: ([data, algorithm]: string[]) => hashHex(data, algorithm),
  },
  {
    name: 'States.JsonMerge',
    parameters: [
      { name: 'json1', type: 'object' },
      { name: 'json2', type: 'object' },
      { name: 'isDeepMerge', type: 'boolean', check: shallowMergeOnly },
    ],
    returns: 'object',
    description: 'Shallow-merges two objects: keys of the second win. Only false (shallow) is supported as the third argument.',
    evaluate: ([first, second]: object[]) => ({ ...first, ...second }),
  },
  {
    name: 'States.MathRandom',
    parameters: [
      { name: 'start', type: 'integer', check: withinInt },
      { name: 'end', type: 'integer', check: withinInt },
      { name: 'seed', type: 'integer' },
    ],
    optionalFrom: 2,
    returns: 'integer',
    description: 'Returns a random integer from start (inclusive) to end (exclusive); an optional seed makes it repeatable.',
    evaluate: ([start, end, seed]: (number | undefined)[]) => {
      const [low, high] = [start!, end!];
      if (high <= low) throw new FunctionFailure(`The end (${high}) must be greater than the start (${low})`);
      // The JVM computes end - start as an int: a wider range overflows and is refused.
      if (high - low > INT_MAX) throw new FunctionFailure(`The range from ${low} to ${high} is wider than ${INT_MAX}`);
      const offset = seed === undefined ? Math.floor(Math.random() * (high - low)) : new JavaRandom(seed).nextInt(high - low);
      return low + offset;
    },
  },
  {
    name: 'States.MathAdd',
    parameters: [
      { name: 'value1', type: 'integer', check: withinInt },
      { name: 'value2', type: 'integer', check: withinInt },
    ],
    returns: 'integer',
    description: 'Adds two integers; decimals are first rounded half up.',
    evaluate: ([first, second]: number[]) => first + second,
  },
  {
    name: 'States.StringSplit',
    parameters: [
      { name: 'string', type: 'string' },
      { name: 'delimiters', type: 'string' },
    ],
    returns: 'array',
    description: 'Splits a string at any of the delimiter characters, dropping empty pieces.',
    evaluate: ([text, delimiters]: string[]) => splitAtAny(text, delimiters),
  },
  {
    name: 'States.UUID',
    parameters: [],
    returns: 'string',
    description: 'Returns a new random version 4 UUID.',
    evaluate: () => randomUUID(),
  },
];

const functionsByName = new Map(intrinsicFunctions.map((fn) => [fn.name, fn]));

export function findIntrinsicFunction(name: string): IntrinsicFunction | undefined {
  return functionsByName.get(name);
}

/** The parameter an argument at `index` binds to (the last one repeats for variadic functions). */
export function parameterAt(fn: IntrinsicFunction, index: number): Parameter | undefined {
  if (index < fn.parameters.length) return fn.parameters[index];
  return fn.variadic ? fn.parameters[fn.parameters.length - 1] : undefined;
}

/** Allowed argument counts. */
export function arity(fn: IntrinsicFunction): { min: number; max: number } {
  const count = fn.parameters.length;
  return { min: fn.optionalFrom ?? count, max: fn.variadic ? Infinity : count };
}

/** The problem with an argument value for its parameter, or undefined. */
export function argumentProblem(parameter: Parameter, value: unknown): string | undefined {
  if (!hasType(value, parameter.type)) {
    return `The argument '${parameter.name}' must be ${TYPE_PHRASES[parameter.type]}, but was ${describeValue(value)}`;
  }
  return parameter.check?.(coerceArgument(parameter, value) as never);
}

/** The value a function receives: integers rounded. */
export function coerceArgument(parameter: Parameter, value: unknown): unknown {
  return parameter.type === 'integer' ? javaRound(value as number) : value;
}

const TYPE_PHRASES: Record<ArgumentType, string> = {
  any: 'a value',
  string: 'a string',
  integer: 'an integer',
  boolean: 'a boolean',
  array: 'an array',
  object: 'an object',
};

function hasType(value: unknown, type: ArgumentType): boolean {
  switch (type) {
    case 'any':
      return true;
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}

/** A template as text pieces and placeholder slots. A literal template honours \{ and \} (escaped braces are not slots). */
type TemplatePiece = string | { slot: true };

/** Pieces of literal templates, split once per parsed call. */
const literalTemplates = new WeakMap<IntrinsicCall, TemplatePiece[]>();

export function templatePieces(template: string, call?: IntrinsicCall): TemplatePiece[] {
  const templateArgument = call?.args[0];
  if (templateArgument?.kind !== 'literal' || call?.source === undefined) return splitTemplate(template, false);
  let pieces = literalTemplates.get(call);
  if (!pieces) {
    pieces = splitTemplate(call.source.slice(templateArgument.start + 1, templateArgument.end - 1), true);
    literalTemplates.set(call, pieces);
  }
  return pieces;
}

function splitTemplate(text: string, escaped: boolean): TemplatePiece[] {
  const pieces: TemplatePiece[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (escaped && c === '\\') {
      current += text[++i] ?? '';
    } else if (c === '{' && text[i + 1] === '}') {
      pieces.push(current, { slot: true });
      current = '';
      i++;
    } else {
      current += c;
    }
  }
  pieces.push(current);
  return pieces;
}

/** The problem when a template's placeholders and the values given differ in number, or undefined. */
export function placeholderMismatch(pieces: TemplatePiece[], valueCount: number): string | undefined {
  const slots = pieces.filter((piece) => typeof piece !== 'string').length;
  if (slots === valueCount) return undefined;
  return `The template has ${slots} placeholder${slots === 1 ? '' : 's'} {} but ${valueCount} value${valueCount === 1 ? ' was' : 's were'} given`;
}

function formatTemplate(pieces: TemplatePiece[], values: unknown[]): string {
  const mismatch = placeholderMismatch(pieces, values.length);
  if (mismatch) throw new FunctionFailure(mismatch);
  let next = 0;
  return pieces.map((piece) => (typeof piece === 'string' ? piece : javaToString(values[next++]))).join('');
}

/** java.util.StringTokenizer: every delimiter character separates, empty tokens are dropped. */
function splitAtAny(text: string, delimiters: string): string[] {
  const separators = new Set(Array.from(delimiters));
  const tokens: string[] = [];
  let current = '';
  for (const c of text) {
    if (separators.has(c)) {
      if (current) tokens.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  if (current) tokens.push(current);
  return tokens;
}
