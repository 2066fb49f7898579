// JSONPath as AWS evaluates it (Jayway semantics): definite paths (names and indexes only) select
// one value or fail; indefinite paths (wildcards, slices, filters, unions, deep scan) select a list,
// possibly empty. Paths are parsed once; indefinite ones are evaluated by jsonpath-plus.
import type { JSONPath as JSONPathFunction } from 'jsonpath-plus';

/** Loaded on first use: definite paths (most of them) do not need it. */
let jsonPathPlus: typeof JSONPathFunction | undefined;

type Segment = string | number;

/** Returned when a definite path selects nothing. */
export const MISSING: unique symbol = Symbol('missing');

export interface CompiledPath {
  readonly text: string;
  /** True when the path has only names and indexes (then it selects one value). */
  readonly definite: boolean;
  /** The selected value, or MISSING (definite paths only), with the reason in `missing`. */
  select(root: unknown): unknown;
  /** For a definite path that selected nothing: AWS's explanation (Jayway's wording). */
  explainMissing(root: unknown): string;
  /** Name-and-index segments of a definite path. */
  readonly segments: readonly Segment[];
}

const NAME = /^[^.[\]\s'"()*?@,:]+/;

/** Parses `$...` (the root symbol is checked by the caller). Returns undefined segments for indefinite paths. */
function parseDefinite(body: string): Segment[] | undefined {
  const segments: Segment[] = [];
  let i = 0;
  while (i < body.length) {
    const rest = body.slice(i);
    if (rest.startsWith('..')) return undefined;
    if (rest[0] === '.') {
      const name = NAME.exec(rest.slice(1));
      if (!name) return undefined;
      segments.push(name[0]);
      i += 1 + name[0].length;
      continue;
    }
    if (rest[0] === '[') {
      const quoted = /^\[\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*\]/.exec(rest);
      if (quoted) {
        segments.push(quoted[1] !== undefined ? quoted[1].replace(/\\'/g, "'") : quoted[2].replace(/\\"/g, '"'));
        i += quoted[0].length;
        continue;
      }
      const index = /^\[\s*(\d+)\s*\]/.exec(rest);
      if (index) {
        segments.push(Number(index[1]));
        i += index[0].length;
        continue;
      }
      return undefined;
    }
    return undefined;
  }
  return segments;
}

/** Jayway's rendering of a path prefix: $['a'][0]. */
function render(segments: readonly Segment[]): string {
  return '$' + segments.map((s) => (typeof s === 'number' ? `[${s}]` : `['${s}']`)).join('');
}

function step(value: unknown, segment: Segment): unknown {
  if (typeof segment === 'number') {
    return Array.isArray(value) && segment < value.length ? value[segment] : MISSING;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, segment)) {
    return (value as Record<string, unknown>)[segment];
  }
  return MISSING;
}

const cache = new Map<string, CompiledPath>();

/**
 * Compiles a path whose root symbol is `$` (callers map `$$`, `$var` to their own roots and pass
 * the rest here as `$...`). Throws on a path that is not JSONPath.
 */
export function compilePath(text: string): CompiledPath {
  const cached = cache.get(text);
  if (cached) return cached;
  if (!text.startsWith('$')) throw new Error(`The value for the field must be a JSONPath starting with '$': ${text}`);
  const body = text.slice(1);
  const segments = parseDefinite(body);
  let compiled: CompiledPath;
  if (segments) {
    compiled = {
      text, definite: true, segments,
      select(root) {
        let value = root;
        for (const segment of segments) {
          value = step(value, segment);
          if (value === MISSING) return MISSING;
        }
        return value;
      },
      explainMissing(root) {
        let value = root;
        for (let i = 0; i < segments.length; i++) {
          value = step(value, segments[i]);
          if (value === MISSING) {
            return i === segments.length - 1
              ? `No results for path: ${render(segments)}`
              : `Missing property in path ${render(segments.slice(0, i + 1))}`;
          }
        }
        return `No results for path: ${render(segments)}`;
      },
    };
  } else {
    checkIndefinite(text);
    compiled = {
      text, definite: false, segments: [],
      select(root) {
        if (root === null || typeof root !== 'object') return [];
        jsonPathPlus ??= (require('jsonpath-plus') as { JSONPath: typeof JSONPathFunction }).JSONPath;
        return jsonPathPlus({ path: text, json: root as object, wrap: true, eval: 'safe' }) ?? [];
      },
      explainMissing() { return `No results for path: ${text}`; },
    };
  }
  cache.set(text, compiled);
  return compiled;
}

/** Rejects texts jsonpath-plus would read but Jayway would not (unbalanced brackets, trailing dots). */
function checkIndefinite(text: string): void {
  let depth = 0;
  for (const ch of text) {
    if (ch === '[') depth++;
    else if (ch === ']' && --depth < 0) break;
  }
  if (depth !== 0 || /\.$/.test(text) || /\s/.test(text.replace(/\[[^\]]*\]/g, ''))) {
    throw new Error(`Invalid JSONPath: ${text}`);
  }
}

/** A reference path (names and indexes only), as ResultPath and the *Path fields of Choice require. */
export function compileReferencePath(text: string): CompiledPath {
  const compiled = compilePath(text);
  if (!compiled.definite) throw new Error(`The value must be a reference path (names and indexes only): ${text}`);
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
