// The functions AWS Step Functions adds to JSONata ($partition, $range, $hash, $random with a seed, $uuid,
// $parse) and the one it takes away ($eval), as bindings for `expression.evaluate(input, awsFunctionBindings)`
// (spread the state's variables and `states` over them).
import { randomUUID } from '../crypto';
import { JavaRandom } from '../intrinsics/java';
import { hashHex, parseJson, partition, unsupportedAlgorithm } from '../intrinsics/values';

/** Thrown for argument values of the right type that the function refuses; JSONata adds `position` and `token`. */
export class AwsFunctionError extends Error {}

interface Parameter {
  /** As in a JSONata signature: `array` also takes a single value, wrapped in an array. */
  type: 'array' | 'number' | 'string';
  optional?: boolean;
  /** Takes the context value when the argument is left out (`'{}' ~> $parse()`). */
  context?: boolean;
}

interface AwsJsonataFunction {
  /** Without the `$`. */
  name: string;
  parameters: Parameter[];
  /** Runs on checked arguments; JSONata's convention holds: an undefined required argument gives undefined. */
  implementation: (...args: never[]) => unknown;
}

/** Beyond this many items $range stops with an error instead of exhausting memory (AWS fails at a few 100,000). */
export const MAX_RANGE_ITEMS = 10_000_000;

const awsJsonataFunctions: readonly AwsJsonataFunction[] = [
  {
    name: 'partition',
    parameters: [{ type: 'array' }, { type: 'number' }],
    implementation: (array: unknown[], size: number) => {
      const chunkSize = Math.trunc(size);
      if (!(chunkSize > 0)) throw new AwsFunctionError(`The chunk size of $partition must be a positive integer, but was ${size}`);
      return partition(array, chunkSize);
    },
  },
  {
    name: 'range',
    parameters: [{ type: 'number' }, { type: 'number' }, { type: 'number' }],
    // AWS truncates non-integers toward zero, includes the end when a step lands on it, and returns a JSONata
    // sequence (a one-item range is the item itself).
    implementation: (start: number, end: number, step: number) => {
      const [first, last, increment] = [start, end, step].map(Math.trunc);
      if (increment === 0) throw new AwsFunctionError('The step of $range must not be 0');
      const count = Math.max(0, Math.floor((last - first) / increment) + 1);
      if (count > MAX_RANGE_ITEMS) throw new AwsFunctionError(`$range would produce ${count} items; the limit is ${MAX_RANGE_ITEMS}`);
      const items = Array.from({ length: count }, (_, i) => first + i * increment);
      return Object.defineProperty(items, 'sequence', { value: true }); // JSONata's mark of a sequence, kept out of deep equality
    },
  },
  {
    name: 'hash',
    parameters: [{ type: 'string' }, { type: 'string' }],
    implementation: (data: string, algorithm: string) => {
      const digest = hashHex(data, algorithm);
      if (digest === undefined) throw new AwsFunctionError(unsupportedAlgorithm(algorithm));
      return digest;
    },
  },
  {
    name: 'random',
    parameters: [{ type: 'number', optional: true }],
    // Seeded, it is java.util.Random's nextDouble, as AWS computes it: $random(42) is 0.7275636800328681.
    implementation: (seed?: number) => (seed === undefined ? Math.random() : new JavaRandom(Math.trunc(seed)).nextDouble()),
  },
  {
    name: 'uuid',
    parameters: [],
    implementation: () => randomUUID(),
  },
  {
    name: 'parse',
    parameters: [{ type: 'string', context: true }],
    implementation: (text: string) => {
      try {
        return parseJson(text);
      } catch {
        throw new AwsFunctionError(`$parse could not parse ${JSON.stringify(text)} as JSON`);
      }
    },
  },
];

/** Functions of JSONata 2.0.6 that AWS does not offer. */
export const unavailableJsonataFunctions: readonly string[] = ['eval'];

/** AWS's names of the added functions, without `$`. */
export const awsJsonataFunctionNames: readonly string[] = awsJsonataFunctions.map((fn) => fn.name);

/**
 * Bindings for `expression.evaluate(input, bindings)`. The functions check their arguments as a JSONata
 * signature would (T0410/T0411 errors, which JSONata completes with the function's name); `eval` is bound to a
 * non-function so that calling it fails like an unknown function, as on AWS ("T1006: Attempted to invoke a non-function").
 */
export const awsFunctionBindings: Readonly<Record<string, unknown>> = Object.freeze({
  ...Object.fromEntries(
    awsJsonataFunctions.map((fn) => [
      fn.name,
      // JSONata calls a plain function with the context value as `this`.
      function (this: unknown, ...args: unknown[]) {
        const checked = checkArguments(fn.parameters, args, this);
        const missing = fn.parameters.some((parameter, i) => !parameter.optional && checked[i] === undefined);
        return missing ? undefined : fn.implementation(...(checked as never[]));
      },
    ]),
  ),
  ...Object.fromEntries(unavailableJsonataFunctions.map((name) => [name, false])),
});

/** JSONata's signature rules for the simple signatures above. */
function checkArguments(parameters: Parameter[], given: unknown[], context: unknown): unknown[] {
  let args = given;
  if (args.length === parameters.length - 1 && parameters[0]?.context) {
    if (!matches(parameters[0], context)) throw signatureError('T0411', 1, context);
    args = [context, ...args];
  }
  if (args.length > parameters.length) throw signatureError('T0410', parameters.length + 1, args[parameters.length]);
  return parameters.map((parameter, i) => {
    if (i >= args.length) {
      if (!parameter.optional) throw signatureError('T0410', i + 1, undefined);
      return undefined;
    }
    const value = args[i];
    if (value === undefined) return undefined;
    if (!matches(parameter, value)) throw signatureError('T0410', i + 1, value);
    return parameter.type === 'array' && !Array.isArray(value) ? [value] : value;
  });
}

function matches(parameter: Parameter, value: unknown): boolean {
  return parameter.type === 'array' ? value !== undefined : typeof value === parameter.type;
}

/** A JSONata error object: JSONata fills in `message` from the code, with `token` (the function) and `index`. */
function signatureError(code: 'T0410' | 'T0411', index: number, value: unknown): object {
  return { code, index, value, stack: new Error().stack };
}
