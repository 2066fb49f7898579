// The functions AWS Step Functions adds to JSONata ($partition, $range, $hash, $random with a seed, $uuid,
// $parse) and the one it takes away ($eval). Register them once per compiled expression:
//   const expression = jsonata(text); registerAwsFunctions(expression); ... await expression.evaluate(input, bindings)
import { randomUUID } from 'node:crypto';
import type jsonata from 'jsonata';
import { JavaRandom } from '../intrinsics/java';
import { hashHex, parseJson, partition, unsupportedAlgorithm } from '../intrinsics/values';

/** Thrown by the added functions for values JSONata's signature check lets through; JSONata adds `position` and `token`. */
export class AwsFunctionError extends Error {}

export interface AwsJsonataFunction {
  /** Without the `$`. */
  name: string;
  /** JSONata signature: JSONata itself rejects ill-typed arguments with T0410/T0411, as on AWS. */
  signature: string;
  implementation: (...args: never[]) => unknown;
}

/** Beyond this many items $range stops with an error instead of exhausting memory (AWS fails at a few 100,000). */
export const MAX_RANGE_ITEMS = 10_000_000;

export const awsJsonataFunctions: readonly AwsJsonataFunction[] = [
  {
    name: 'partition',
    signature: '<an:a<a>>',
    implementation: (array: unknown[], size: number) => {
      const chunkSize = Math.trunc(size);
      if (!(chunkSize > 0)) throw new AwsFunctionError(`The chunk size of $partition must be a positive integer, but was ${size}`);
      return partition(array, chunkSize);
    },
  },
  {
    name: 'range',
    signature: '<nnn:a<n>>',
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
    signature: '<ss:s>',
    implementation: (data: string, algorithm: string) => {
      const digest = hashHex(data, algorithm);
      if (digest === undefined) throw new AwsFunctionError(unsupportedAlgorithm(algorithm));
      return digest;
    },
  },
  {
    name: 'random',
    signature: '<n?:n>',
    // Seeded, it is java.util.Random's nextDouble, as AWS computes it: $random(42) is 0.7275636800328681.
    implementation: (seed?: number) => (seed === undefined ? Math.random() : new JavaRandom(Math.trunc(seed)).nextDouble()),
  },
  {
    name: 'uuid',
    signature: '<:s>',
    implementation: () => randomUUID(),
  },
  {
    name: 'parse',
    signature: '<s-:x>',
    implementation: (text: string) => {
      try {
        return parseJson(text);
      } catch {
        throw new AwsFunctionError(`$parse could not parse ${JSON.stringify(text)} as JSON`);
      }
    },
  },
];

/** Functions of JSONata 2.0.6 that AWS does not offer. Calling one fails with T1006, as on AWS. */
export const unavailableJsonataFunctions: readonly string[] = ['eval'];

/** Adds AWS's functions to a compiled expression and hides the ones AWS removes. */
export function registerAwsFunctions(expression: jsonata.Expression): void {
  for (const fn of awsJsonataFunctions) expression.registerFunction(fn.name, fn.implementation as never, fn.signature);
  // A bound non-function makes a call fail exactly like an unknown function ("T1006: Attempted to invoke a non-function").
  for (const name of unavailableJsonataFunctions) expression.assign(name, false);
}
