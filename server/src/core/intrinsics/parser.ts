import { IntrinsicSyntaxError } from './errors';

/** A `States.Name(arg, ...)` call. Offsets index the parsed string; `end` is exclusive. */
export interface IntrinsicCall {
  name: string;
  args: IntrinsicArgument[];
  start: number;
  end: number;
  /** The whole string that was parsed (shared by nested calls): AWS quotes it in runtime error causes. */
  source?: string;
}

export type IntrinsicArgument =
  | { kind: 'literal'; value: string | number | boolean | null; start: number; end: number }
  | { kind: 'path'; path: string; start: number; end: number } // '$.a', '$$.Execution.Id', '$var.x', '$'
  | { kind: 'call'; call: IntrinsicCall; start: number; end: number };

const CALL_PREFIX = 'States.';
const NAME_CHAR = /[A-Za-z0-9_]/;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const KEYWORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const ESCAPABLE = new Set(["'", '{', '}', '\\']);

/** True when the text is written as an intrinsic call (`States.Name(`...), not an error name like `States.ALL`. */
export function looksLikeIntrinsic(text: string): boolean {
  return /^\s*States\.[A-Za-z0-9_]*\s*\(/.test(text);
}

/** Parses once (at compile time); throws IntrinsicSyntaxError with the position. */
export function parseIntrinsic(text: string): IntrinsicCall {
  return new Parser(text).parseWhole();
}

/**
 * Deeper nesting is refused as a syntax error so that a hostile string cannot overflow the stack. AWS stops
 * at MAX_NESTED_CALLS (10), which checkIntrinsic reports with AWS's message; this bound is far above it.
 */
export const MAX_PARSED_NESTING = 1000;

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  parseWhole(): IntrinsicCall {
    this.skipBlanks();
    if (!this.text.startsWith(CALL_PREFIX, this.pos)) {
      throw this.error(`Expected an intrinsic function call such as States.Format(...)`, this.pos, this.text.length - this.pos);
    }
    const call = this.parseCall();
    this.skipBlanks();
    if (this.pos < this.text.length) {
      throw this.error('Unexpected text after the intrinsic function call', this.pos, this.text.length - this.pos);
    }
    return call;
  }

  private parseCall(): IntrinsicCall {
    const start = this.pos;
    this.pos += CALL_PREFIX.length;
    const nameStart = this.pos;
    while (this.pos < this.text.length && NAME_CHAR.test(this.text[this.pos])) this.pos++;
    if (this.pos === nameStart) throw this.error(`Expected a function name after 'States.'`, nameStart, 1);
    const name = this.text.slice(start, this.pos);
    this.skipBlanks();
    if (this.text[this.pos] !== '(') throw this.error(`Expected '(' after ${name}`, this.pos, 1);
    const open = this.pos++;
    const args: IntrinsicArgument[] = [];
    this.skipBlanks();
    if (this.text[this.pos] === ')') {
      this.pos++;
      return { name, args, start, end: this.pos, source: this.text };
    }
    for (;;) {
      if (this.pos >= this.text.length) throw this.unclosed(name, open);
      args.push(this.parseArgument());
      this.skipBlanks();
      const c = this.text[this.pos];
      if (c === ')') {
        this.pos++;
        return { name, args, start, end: this.pos, source: this.text };
      }
      if (c === undefined) throw this.unclosed(name, open);
      if (c !== ',') throw this.error(`Expected ',' or ')' after an argument of ${name}`, this.pos, 1);
      const comma = this.pos++;
      this.skipBlanks();
      if (this.pos >= this.text.length) throw this.unclosed(name, open);
      if (this.text[this.pos] === ')') throw this.error(`Expected an argument after ','`, comma, 1);
    }
  }

  private parseArgument(): IntrinsicArgument {
    const start = this.pos;
    const c = this.text[this.pos];
    if (c === "'") return this.parseString();
    if (c === '$') return this.parsePath();
    if (c === '-' || (c >= '0' && c <= '9')) return this.parseNumber();
    if (this.text.startsWith(CALL_PREFIX, this.pos)) {
      if (++this.depth >= MAX_PARSED_NESTING) throw this.error(`Intrinsic function calls nested more than ${MAX_PARSED_NESTING} deep`, start, CALL_PREFIX.length);
      const call = this.parseCall();
      this.depth--;
      return { kind: 'call', call, start, end: this.pos };
    }
    KEYWORD.lastIndex = this.pos;
    const word = KEYWORD.exec(this.text)?.[0];
    if (word === 'true' || word === 'false' || word === 'null') {
      this.pos += word.length;
      this.expectDelimiter(start, `'${word}'`);
      return { kind: 'literal', value: word === 'null' ? null : word === 'true', start, end: this.pos };
    }
    const length = word ? word.length : 1;
    throw this.error(
      `Unexpected ${word ? `'${word}'` : `character '${c}'`}: an argument is a string in single quotes, a number, true, false, null, a path starting with $, or a States. call`,
      start,
      length,
    );
  }

  private parseString(): IntrinsicArgument {
    const start = this.pos++;
    let value = '';
    for (;;) {
      if (this.pos >= this.text.length) {
        throw this.error('Unterminated string literal: missing closing quote', start, this.text.length - start);
      }
      const c = this.text[this.pos];
      if (c === "'") {
        this.pos++;
        return { kind: 'literal', value, start, end: this.pos };
      }
      if (c === '\\') {
        const escaped = this.text[this.pos + 1];
        if (escaped === undefined || !ESCAPABLE.has(escaped)) {
          throw this.error(
            `Invalid escape sequence in a string literal: only \\', \\{, \\} and \\\\ are allowed`,
            this.pos,
            escaped === undefined ? 1 : 2,
          );
        }
        value += escaped;
        this.pos += 2;
        continue;
      }
      value += c;
      this.pos++;
    }
  }

  private parseNumber(): IntrinsicArgument {
    const start = this.pos;
    NUMBER.lastIndex = start;
    const match = NUMBER.exec(this.text);
    if (!match) throw this.error('Invalid number', start, 1);
    this.pos += match[0].length;
    this.expectDelimiter(start, 'number');
    return { kind: 'literal', value: Number(match[0]), start, end: this.pos };
  }

  /** A path runs to the next blank, ',' or ')' outside brackets, parentheses and quotes (filters may hold any of them). */
  private parsePath(): IntrinsicArgument {
    const start = this.pos;
    const closers: string[] = [];
    let quote: string | undefined;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (quote) {
        if (c === '\\') this.pos++;
        else if (c === quote) quote = undefined;
      } else if (c === "'" || c === '"') {
        quote = c;
      } else if (c === '[' || c === '(') {
        closers.push(c === '[' ? ']' : ')');
      } else if (closers.length > 0 && c === closers[closers.length - 1]) {
        closers.pop();
      } else if (closers.length === 0 && (c === ',' || c === ')' || /\s/.test(c))) {
        break;
      } else if (c === ']' || c === ')') {
        throw this.error(`Unbalanced '${c}' in path`, this.pos, 1);
      }
      this.pos++;
    }
    if (quote) throw this.error('Unterminated quoted name in path', start, this.pos - start);
    if (closers.length > 0) throw this.error(`Missing '${closers[closers.length - 1]}' in path`, start, this.pos - start);
    return { kind: 'path', path: this.text.slice(start, this.pos), start, end: this.pos };
  }

  private expectDelimiter(start: number, what: string): void {
    const c = this.text[this.pos];
    if (c !== undefined && c !== ',' && c !== ')' && !/\s/.test(c)) {
      let end = this.pos;
      while (end < this.text.length && !/[\s,)]/.test(this.text[end])) end++;
      throw this.error(`Invalid ${what}: unexpected '${this.text.slice(this.pos, end)}'`, start, end - start);
    }
  }

  private skipBlanks(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  private unclosed(name: string, open: number): IntrinsicSyntaxError {
    return this.error(`Missing ')' to close ${name}(`, open, 1);
  }

  private error(message: string, offset: number, length: number): IntrinsicSyntaxError {
    return new IntrinsicSyntaxError(message, offset, Math.max(0, length));
  }
}
