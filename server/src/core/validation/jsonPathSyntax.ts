// Syntax of the JSONPath strings ASL accepts: Paths (`$.a[0].b`, `$..x`, filters, `$$.Execution`,
// `$variable.field`) and Reference Paths (a single node: names and indexes only). The check is
// names the common faults where they lie, then asks the interpreter's reader (Jayway's grammar) so that a
// path the validator passes is never refused at run time.
import { closingBracket, compilePath, InvalidPathError } from '../interpreter/jsonpath';
import { perText } from '../perText';

export interface PathSyntaxError {
  message: string;
  offset: number;
  length: number;
  /** The path runs (as Jayway runs it), but AWS documents the feature as unsupported. */
  warning?: true;
}

export interface PathReads {
  /** The workflow variable the path starts from (`$name...`), if any. */
  variable?: string;
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

const SINGLE_NODE_BRACKET = /^\[\s*(?:\d+|'[^']*'|"[^"]*")\s*\]$/;

const checkPath = perText((path) => pathSyntaxError(path, false));
const checkReferencePath = perText((path) => pathSyntaxError(path, true));

/**
 * Checks `text` as a Path (or a Reference Path when `reference`). Returns the first error, or
 * undefined when the text is well formed; the answer for a text is kept (callers do not change it).
 */
export function checkJsonPath(path: string, reference: boolean): PathSyntaxError | undefined {
  return reference ? checkReferencePath(path) : checkPath(path);
}

function pathSyntaxError(path: string, reference: boolean): PathSyntaxError | undefined {
  // Jayway ignores the spaces after a path.
  const text = path.replace(/ +$/, '');
  if (!text.startsWith('$')) return { message: `The path '${path}' must start with '$'`, offset: 0, length: Math.min(text.length, 1) };
  let i = 1;
  if (text.startsWith('$$')) i = 2;
  else {
    const variable = VARIABLE_NAME.exec(text.slice(1));
    if (variable) i = 1 + variable[0].length;
  }
  const rootLength = i;
  while (i < text.length) {
    const c = text[i];
    if (c === '.') {
      if (text[i + 1] === '.') {
        if (reference) return { message: "A reference path cannot use the deep scan '..'", offset: i, length: 2 };
        i += 2;
      } else i += 1;
      // `$.[0]` and `$.a.[0]`: engines read the dot before a bracket as nothing.
      if (text[i] === '[') continue;
      const start = i;
      while (i < text.length && text[i] !== '.' && text[i] !== '[') {
        if (text[i] === '(') {
          const close = text.indexOf(')', i);
          if (close < 0) return { message: "Unclosed '(' in the path", offset: i, length: 1 };
          i = close + 1;
        } else i++;
      }
      if (i === start) return { message: 'A name is missing after the dot in the path', offset: start - 1, length: 1 };
      const name = text.slice(start, i);
      if (reference && (name === '*' || name.includes('('))) {
        return { message: `A reference path identifies a single node: '${name}' is not allowed`, offset: start, length: name.length };
      }
    } else if (c === '[') {
      const end = closingBracket(text, i);
      if (end < 0 || text[end] !== ']') return { message: "Unclosed '[' in the path", offset: i, length: text.length - i };
      const bracket = text.slice(i, end + 1);
      if (bracket.trim() === '[]') return { message: 'An empty [] in the path', offset: i, length: 2 };
      if (reference && !SINGLE_NODE_BRACKET.test(bracket)) {
        return { message: `A reference path identifies a single node: '${bracket}' is not allowed`, offset: i, length: bracket.length };
      }
      i = end + 1;
    } else {
      return { message: `Unexpected '${c}' in the path`, offset: i, length: 1 };
    }
  }
  try {
    const unsupported = compilePath('$' + text.slice(rootLength)).unsupportedOnAws;
    // The Developer Guide's *Paths* lists what AWS does not support in a filter.
    if (unsupported) return { message: `AWS does not support ${unsupported} in a JSONPath filter (Step Functions Local and Jayway run it)`, offset: 0, length: text.length, warning: true };
  } catch (error) {
    if (!(error instanceof InvalidPathError)) throw error;
    return { message: error.message, offset: error.offset + rootLength - 1, length: error.length };
  }
  return undefined;
}

/** The workflow variable a path reads (`$name` or `$name.field`), if it reads one. */
export function variableOfPath(text: string): string | undefined {
  if (!text.startsWith('$') || text.startsWith('$$')) return undefined;
  return VARIABLE_NAME.exec(text.slice(1))?.[0];
}
