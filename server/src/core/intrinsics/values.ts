// Helpers shared by the intrinsics and AWS's JSONata functions.
import { nodeCrypto } from '../crypto';

/** Equality of JSON values: numbers by value, objects regardless of key order. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => deepEqual(item, other[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((key) => key in right && deepEqual(left[key], right[key]));
}

/** Chunks of `size` items, the last one possibly shorter. */
export function partition<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** A value named for an error message: its JSON type and (shortened) JSON text. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const type = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `the ${typeof value}`;
  if (value === null) return 'null';
  const text = JSON.stringify(value);
  return `${type} ${text.length > 80 ? `${text.slice(0, 77)}...` : text}`;
}

/** The algorithms of States.Hash and $hash, by AWS's names. */
export const HASH_ALGORITHMS = ['MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'] as const;
const NODE_HASH_NAMES: Record<string, string> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

/** Lower-case hex digest of the UTF-8 text; undefined for an algorithm AWS does not offer. */
export function hashHex(data: string, algorithm: string): string | undefined {
  const nodeName = Object.hasOwn(NODE_HASH_NAMES, algorithm) ? NODE_HASH_NAMES[algorithm] : undefined;
  return nodeName && nodeCrypto().createHash(nodeName).update(data, 'utf8').digest('hex');
}

export function unsupportedAlgorithm(algorithm: string): string {
  return `The hashing algorithm '${algorithm}' is not supported; use one of ${HASH_ALGORITHMS.join(', ')}`;
}

/** JSON.parse as the JVM reads numbers: -0 is 0. Throws SyntaxError like JSON.parse. */
export function parseJson(text: string): unknown {
  return JSON.parse(text, (_key, value) => (Object.is(value, -0) ? 0 : value));
}
