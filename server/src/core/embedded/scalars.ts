// A string scalar of a template (YAML in any style, or JSON, which YAML reads) decoded character by
// character with the template span of each, so a definition written inside a string maps back exactly.
import type { Scalar } from 'yaml';
import type { Encode } from './mappedText';

/** One decoded character and the template text it came from (an escape sequence spans several). */
export interface Piece {
  char: string;
  start: number;
  end: number;
}

export interface DecodedScalar {
  pieces: Piece[];
  /** How text inserted into this scalar is written in the template. */
  encode: Encode;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '0': '\0', a: '\x07', v: '\v', e: '\x1b', ' ': ' ', _: '\u00a0', N: '\u0085', L: '\u2028', P: '\u2029',
};
const HEX_LENGTHS: Record<string, number> = { x: 2, u: 4, U: 8 };

export const jsonStringEncode: Encode = (text) => JSON.stringify(text).slice(1, -1);

/**
 * The scalar's characters with their template spans; undefined when its text folds lines (a
 * multi-line plain or quoted scalar) in a way this does not decode: then the definition still reads
 * its value, without a character map.
 */
export function decodeScalar(text: string, scalar: Scalar): DecodedScalar | undefined {
  const [start, end] = scalar.range ?? [0, 0];
  const value = String(scalar.value);
  let decoded: DecodedScalar | undefined;
  switch (scalar.type) {
    case 'QUOTE_DOUBLE': decoded = doubleQuoted(text, start + 1, end - 1); break;
    case 'QUOTE_SINGLE': decoded = singleQuoted(text, start + 1, end - 1); break;
    case 'BLOCK_LITERAL': decoded = blockLiteral(text, start, end); break;
    case 'PLAIN': decoded = { pieces: copied(text, start, end), encode: (inserted) => inserted }; break;
    default: decoded = undefined;
  }
  if (!decoded) return undefined;
  const result = decoded.pieces.map((piece) => piece.char).join('');
  // Block scalars' final line breaks depend on chomping, which a JSON or YAML definition ignores.
  const same = scalar.type === 'BLOCK_LITERAL' ? result.replace(/\n+$/, '') === value.replace(/\n+$/, '') : result === value;
  return same ? decoded : undefined;
}

function copied(text: string, start: number, end: number): Piece[] {
  const pieces: Piece[] = [];
  for (let i = start; i < end; i++) pieces.push({ char: text[i], start: i, end: i + 1 });
  return pieces;
}

function doubleQuoted(text: string, start: number, end: number): DecodedScalar | undefined {
  const pieces: Piece[] = [];
  for (let i = start; i < end;) {
    const char = text[i];
    if (char === '\n' || char === '\r') return undefined;
    if (char !== '\\') {
      pieces.push({ char, start: i, end: i + 1 });
      i++;
      continue;
    }
    const kind = text[i + 1];
    if (kind in SIMPLE_ESCAPES) {
      pieces.push({ char: SIMPLE_ESCAPES[kind], start: i, end: i + 2 });
      i += 2;
    } else if (kind in HEX_LENGTHS) {
      const digits = text.slice(i + 2, i + 2 + HEX_LENGTHS[kind]);
      if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== HEX_LENGTHS[kind]) return undefined;
      pieces.push({ char: String.fromCodePoint(parseInt(digits, 16)), start: i, end: i + 2 + digits.length });
      i += 2 + digits.length;
    } else return undefined;
  }
  return { pieces, encode: jsonStringEncode };
}

function singleQuoted(text: string, start: number, end: number): DecodedScalar | undefined {
  const pieces: Piece[] = [];
  for (let i = start; i < end;) {
    if (text[i] === '\n' || text[i] === '\r') return undefined;
    const quote = text[i] === "'" && text[i + 1] === "'";
    pieces.push({ char: text[i], start: i, end: i + (quote ? 2 : 1) });
    i += quote ? 2 : 1;
  }
  return { pieces, encode: (inserted) => inserted.replace(/'/g, "''") };
}

/** `|` and its lines: each line without the block's indentation. */
function blockLiteral(text: string, start: number, end: number): DecodedScalar | undefined {
  const headerEnd = text.indexOf('\n', start);
  if (headerEnd < 0 || headerEnd >= end) return { pieces: [], encode: (inserted) => inserted };
  const explicit = /\d/.exec(text.slice(start, headerEnd))?.[0];
  let indent = explicit === undefined ? -1 : Number(explicit);
  const pieces: Piece[] = [];
  for (let lineStart = headerEnd + 1; lineStart < end;) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 || newline > end ? end : newline;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    if (line.trim() !== '') {
      if (indent < 0) indent = line.length - line.trimStart().length;
      pieces.push(...copied(text, lineStart + indent, lineStart + line.length));
    } else if (line.length > indent && indent >= 0) {
      pieces.push(...copied(text, lineStart + indent, lineStart + line.length));
    }
    if (lineEnd < end || newline === end) pieces.push({ char: '\n', start: lineEnd, end: lineEnd + 1 });
    lineStart = lineEnd + 1;
  }
  const margin = ' '.repeat(Math.max(indent, 0));
  return { pieces, encode: (inserted) => inserted.replace(/\n/g, `\n${margin}`) };
}
