// The syntax tree of a JSON document, as vscode-json-languageservice's parseJSONDocument gives it
// (every feature was written against it): the same nodes, values, syntax errors and comment ranges.
// One pass over the text's char codes checks the syntax and records each node as numbers in typed
// arrays; a node object is made only when a feature reaches it (an object's properties when first
// read), so a validation that reads the states of a machine does not build the nodes inside them.
// The language service's scanner builds a string per token (each run of spaces char by char, a
// JSON.parse per number) and its parser a dictionary of keys per object: here trivia is skipped, a
// string without escapes stays in the text, a number is read in place and a repeated key is found
// among the object's earlier keys.
import type {
  ArrayASTNode, ASTNode, BooleanASTNode, NullASTNode, NumberASTNode, ObjectASTNode, PropertyASTNode, StringASTNode,
} from 'vscode-json-languageservice';
import { Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { JsonErrorCode, ParsedJson } from './jsonDocument';
import { MAX_NESTING, nestingDiagnostic, offsetBeyondNesting } from './nesting';

const enum Kind { Object, Array, Property, String, UnclosedString, DecodedString, BareString, Integer, Number, True, False, Null }
const enum Token { OpenBrace = 1, CloseBrace, OpenBracket, CloseBracket, Comma, Colon, Null, True, False, String, Number, Unknown = 16, EOF }
const enum ScanError { None, EndOfComment, EndOfString, EndOfNumber, InvalidUnicode, InvalidEscape, InvalidCharacter }
const enum Char {
  Tab = 9, LineFeed = 10, CarriageReturn = 13, Space = 32, Quote = 34, Asterisk = 42, Plus = 43, Comma = 44, Minus = 45, Dot = 46, Slash = 47,
  Zero = 48, Nine = 57, Colon = 58, UpperA = 65, UpperE = 69, UpperF = 70, OpenBracket = 91, Backslash = 92, CloseBracket = 93,
  LowerA = 97, LowerB = 98, LowerE = 101, LowerF = 102, LowerN = 110, LowerR = 114, LowerT = 116, LowerU = 117, OpenBrace = 123, CloseBrace = 125,
}

const SCAN_ERRORS: Record<Exclude<ScanError, ScanError.None>, [string, number]> = {
  [ScanError.InvalidUnicode]: ['Invalid unicode sequence in string.', JsonErrorCode.InvalidUnicode],
  [ScanError.InvalidEscape]: ['Invalid escape character in string.', JsonErrorCode.InvalidEscapeCharacter],
  [ScanError.EndOfNumber]: ['Unexpected end of number.', JsonErrorCode.UnexpectedEndOfNumber],
  [ScanError.EndOfComment]: ['Unexpected end of comment.', JsonErrorCode.UnexpectedEndOfComment],
  [ScanError.EndOfString]: ['Unexpected end of string.', JsonErrorCode.UnexpectedEndOfString],
  [ScanError.InvalidCharacter]: ['Invalid characters in string. Control characters must be escaped.', JsonErrorCode.InvalidCharacter],
};

const isDigit = (code: number) => code >= Char.Zero && code <= Char.Nine;
const isLineBreak = (code: number) => code === Char.LineFeed || code === Char.CarriageReturn;
/** A character that continues a bare word (a keyword, or an unquoted key the parser reports). */
function isWordCharacter(code: number): boolean {
  switch (code) {
    case Char.Space: case Char.Tab: case Char.LineFeed: case Char.CarriageReturn:
    case Char.CloseBrace: case Char.CloseBracket: case Char.OpenBrace: case Char.OpenBracket:
    case Char.Quote: case Char.Colon: case Char.Comma: case Char.Slash:
      return false;
  }
  return true;
}

/** The records of a parsed text, one per node in document order (a node before what it holds), and the nodes made of them. */
class Records {
  constructor(
    readonly text: string,
    readonly kinds: Uint8Array,
    readonly offsets: Int32Array,
    readonly lengths: Int32Array,
    /** The record after a node and all it holds. */
    readonly ends: Int32Array,
    /** A property's colon offset; the index of a decoded string's value or of a number's. */
    readonly extras: Int32Array,
    readonly decodedStrings: string[],
    readonly numbers: number[],
    /** The key records of the properties whose key repeats an earlier key of their object. */
    readonly repeatedKeys: number[],
  ) {}

  stringValue(index: number): string {
    const offset = this.offsets[index];
    switch (this.kinds[index]) {
      case Kind.String: return this.text.slice(offset + 1, offset + this.lengths[index] - 1);
      case Kind.UnclosedString: return this.text.slice(offset + 1, offset + this.lengths[index]);
      case Kind.BareString: return this.text.slice(offset, offset + this.lengths[index]);
      default: return this.decodedStrings[this.extras[index]];
    }
  }

  node(parent: ASTNode | undefined, index: number): ASTNode {
    const offset = this.offsets[index];
    const length = this.lengths[index];
    switch (this.kinds[index]) {
      case Kind.Object: return new ObjectNode(parent, offset, length, this, index);
      case Kind.Array: return new ArrayNode(parent, offset, length, this, index);
      case Kind.Property: {
        const property = new PropertyNode(parent, offset, length, this.extras[index]);
        property.keyNode = this.node(property, index + 1) as StringASTNode;
        if (this.ends[index] > index + 2) property.valueNode = this.node(property, index + 2);
        return property;
      }
      case Kind.Integer: case Kind.Number: return new NumberNode(parent, offset, length, this.numbers[this.extras[index]], this.kinds[index] === Kind.Integer);
      case Kind.True: return new ValueNode(parent, offset, length, 'boolean', true) as BooleanASTNode;
      case Kind.False: return new ValueNode(parent, offset, length, 'boolean', false) as BooleanASTNode;
      case Kind.Null: return new ValueNode(parent, offset, length, 'null', null) as NullASTNode;
      default: return new ValueNode(parent, offset, length, 'string', this.stringValue(index)) as StringASTNode;
    }
  }

  /** The nodes of what a container record holds. */
  children<T extends ASTNode>(parent: ASTNode, index: number): T[] {
    const result: T[] = [];
    for (let child = index + 1, end = this.ends[index]; child < end; child = this.ends[child]) result.push(this.node(parent, child) as T);
    return result;
  }
}

// Fields are declared and assigned in constructors: V8 (Node 20) defines class fields several times slower.
abstract class Node {
  declare parent: ASTNode | undefined;
  declare offset: number;
  declare length: number;
  constructor(parent: ASTNode | undefined, offset: number, length: number) {
    this.offset = offset;
    this.length = length;
    this.parent = parent;
  }
  get children(): ASTNode[] {
    return [];
  }
}

const NOT_MADE: ASTNode[] = [];

/** An object or an array, whose children are made from their records when first read. */
abstract class ContainerNode<Child extends ASTNode> extends Node {
  declare private records: Records;
  declare private index: number;
  /** NOT_MADE until first read: the field always holds an array, so that V8 never changes its representation. */
  declare private made: Child[];
  constructor(parent: ASTNode | undefined, offset: number, length: number, records: Records, index: number) {
    super(parent, offset, length);
    this.records = records;
    this.index = index;
    this.made = NOT_MADE as Child[];
  }
  protected madeChildren(): Child[] {
    if (this.made === NOT_MADE) this.made = this.records.children(this as unknown as ASTNode, this.index);
    return this.made;
  }
  override get children(): ASTNode[] {
    return this.madeChildren();
  }
}

class ObjectNode extends ContainerNode<PropertyASTNode> implements ObjectASTNode {
  declare readonly type: 'object';
  constructor(parent: ASTNode | undefined, offset: number, length: number, records: Records, index: number) {
    super(parent, offset, length, records, index);
    this.type = 'object';
  }
  get properties(): PropertyASTNode[] {
    return this.madeChildren();
  }
}

class ArrayNode extends ContainerNode<ASTNode> implements ArrayASTNode {
  declare readonly type: 'array';
  constructor(parent: ASTNode | undefined, offset: number, length: number, records: Records, index: number) {
    super(parent, offset, length, records, index);
    this.type = 'array';
  }
  get items(): ASTNode[] {
    return this.madeChildren();
  }
}

class PropertyNode extends Node implements PropertyASTNode {
  declare readonly type: 'property';
  declare readonly colonOffset: number;
  declare keyNode: StringASTNode;
  /** Set only when the property has a value, as in the language service's tree. */
  declare valueNode?: ASTNode;
  constructor(parent: ASTNode | undefined, offset: number, length: number, colonOffset: number) {
    super(parent, offset, length);
    this.type = 'property';
    this.colonOffset = colonOffset;
  }
  override get children(): ASTNode[] {
    return this.valueNode ? [this.keyNode, this.valueNode] : [this.keyNode];
  }
}

/** A string, a boolean or null: a type and a value. */
class ValueNode<Type extends 'string' | 'boolean' | 'null', Value extends string | boolean | null> extends Node {
  declare readonly type: Type;
  declare readonly value: Value;
  constructor(parent: ASTNode | undefined, offset: number, length: number, type: Type, value: Value) {
    super(parent, offset, length);
    this.type = type;
    this.value = value;
  }
}

class NumberNode extends Node implements NumberASTNode {
  declare readonly type: 'number';
  declare readonly isInteger: boolean;
  declare readonly value: number;
  constructor(parent: ASTNode | undefined, offset: number, length: number, value: number, isInteger: boolean) {
    super(parent, offset, length);
    this.type = 'number';
    this.isInteger = isInteger;
    this.value = value;
  }
}

/** A document nested deeper than AWS accepts, found at `offset`. */
class TooDeep extends Error {
  constructor(readonly offset: number) {
    super('nested too deep');
  }
}

/** The records of the documents parsed here, for what the tree does not say (which keys repeat). */
const parsedRecords = new WeakMap<ParsedJson, Records>();

/** Above this many keys, an object's earlier keys are looked up in a map rather than compared one by one. */
const INDEXED_KEYS = 16;

/**
 * The document's tree as `jsonService.parseJSONDocument` builds it (comments collected); a text nested
 * deeper than AWS accepts (core/apiLimits) has no tree but that one error, as the parse used to check first.
 */
export function parseJsonDocument(textDocument: TextDocument): ParsedJson {
  const text = textDocument.getText();
  try {
    const { root, records, problems, comments, countedLikeText } = parse(textDocument, text);
    // A comment or a broken string hides brackets from the parse that the check of nesting counts.
    const tooDeep = countedLikeText ? undefined : offsetBeyondNesting(text);
    if (tooDeep !== undefined) return new ParsedJson(undefined, [nestingDiagnostic(textDocument, tooDeep)]);
    const json = new ParsedJson(root === undefined ? undefined : records.node(undefined, root), problems, comments);
    parsedRecords.set(json, records);
    return json;
  } catch (error) {
    if (!(error instanceof TooDeep)) throw error;
    return new ParsedJson(undefined, [nestingDiagnostic(textDocument, error.offset)]);
  }
}

/**
 * Each property whose key repeats an earlier key of its object, for a document parsed here (JSON.parse
 * and the interpreter keep the last); undefined for another (a YAML document's tree is walked instead).
 */
export function repeatedKeys(json: ParsedJson): { key: string; offset: number; length: number }[] | undefined {
  const records = parsedRecords.get(json);
  return records?.repeatedKeys.map((index) => ({ key: records.stringValue(index), offset: records.offsets[index], length: records.lengths[index] }));
}

function parse(textDocument: TextDocument, text: string) {
  const length = text.length;
  const problems: Diagnostic[] = [];
  const comments: Range[] = [];
  let lastProblemOffset = -1;
  let pos = 0;
  let token = Token.Unknown;
  let tokenOffset = 0;
  let scanError = ScanError.None;
  /** The value of the last string token when it has escapes; else its value is its text. */
  let decodedString: string | undefined;
  let stringClosed = false;
  /** The value and kind of the last number token. */
  let numberValue = Number.NaN;
  let numberIsInteger = true;
  /**
   * Brackets open, counted as nesting.ts counts them in the text, while that count and the parse's agree:
   * until a comment or a string broken by a line end, which that count reads through.
   */
  let brackets = 0;
  let countedLikeText = true;
  /** Containers open in the parse (stray closing brackets can leave more open than `brackets` says). */
  let depth = 0;

  let capacity = Math.max(64, length >> 3);
  let kinds = new Uint8Array(capacity);
  let offsets = new Int32Array(capacity);
  let lengths = new Int32Array(capacity);
  let ends = new Int32Array(capacity);
  let extras = new Int32Array(capacity);
  let count = 0;
  const decodedStrings: string[] = [];
  const numbers: number[] = [];
  const repeated: number[] = [];

  function grow(): void {
    capacity *= 2;
    const larger = <T extends Uint8Array | Int32Array>(array: T, make: new (size: number) => T): T => {
      const copy = new make(capacity);
      copy.set(array);
      return copy;
    };
    kinds = larger(kinds, Uint8Array);
    offsets = larger(offsets, Int32Array);
    lengths = larger(lengths, Int32Array);
    ends = larger(ends, Int32Array);
    extras = larger(extras, Int32Array);
  }

  /** A new record at the current token; it ends where it starts until it is finished. */
  function record(kind: Kind, offset = tokenOffset, size = 0): number {
    if (count === capacity) grow();
    kinds[count] = kind;
    offsets[count] = offset;
    lengths[count] = size;
    ends[count] = count + 1;
    extras[count] = -1;
    return count++;
  }

  function countOpening(): void {
    if (++brackets > MAX_NESTING && countedLikeText) throw new TooDeep(tokenOffset);
  }

  function scanHexDigits(): number {
    let digits = 0;
    let value = 0;
    while (digits < 4) {
      const code = text.charCodeAt(pos);
      if (code >= Char.Zero && code <= Char.Nine) value = value * 16 + code - Char.Zero;
      else if (code >= Char.UpperA && code <= Char.UpperF) value = value * 16 + code - Char.UpperA + 10;
      else if (code >= Char.LowerA && code <= Char.LowerF) value = value * 16 + code - Char.LowerA + 10;
      else break;
      pos++;
      digits++;
    }
    return digits < 4 ? -1 : value;
  }

  /**
   * From after the opening quote. A string without escapes stays in the text (its value is a slice of it,
   * taken when a node is made); the value of one with escapes is decoded here.
   */
  function scanString(): void {
    let decoded: string | undefined;
    let start = pos;
    for (;;) {
      if (pos >= length) {
        scanError = ScanError.EndOfString;
        break;
      }
      const code = text.charCodeAt(pos);
      if (code === Char.Quote) break;
      if (code === Char.Backslash) {
        decoded = (decoded ?? '') + text.slice(start, pos);
        start = ++pos;
        if (pos >= length) {
          scanError = ScanError.EndOfString;
          break;
        }
        switch (text.charCodeAt(pos++)) {
          case Char.Quote: decoded += '"'; break;
          case Char.Backslash: decoded += '\\'; break;
          case Char.Slash: decoded += '/'; break;
          case Char.LowerB: decoded += '\b'; break;
          case Char.LowerF: decoded += '\f'; break;
          case Char.LowerN: decoded += '\n'; break;
          case Char.LowerR: decoded += '\r'; break;
          case Char.LowerT: decoded += '\t'; break;
          case Char.LowerU: {
            const unit = scanHexDigits();
            if (unit >= 0) decoded += String.fromCharCode(unit);
            else scanError = ScanError.InvalidUnicode;
            break;
          }
          default: scanError = ScanError.InvalidEscape;
        }
        start = pos;
        continue;
      }
      if (code <= 0x1f) {
        if (isLineBreak(code)) {
          scanError = ScanError.EndOfString;
          break;
        }
        // Reported, and the string goes on.
        scanError = ScanError.InvalidCharacter;
      }
      pos++;
    }
    decodedString = decoded === undefined ? undefined : decoded + text.slice(start, pos);
    stringClosed = pos < length && text.charCodeAt(pos) === Char.Quote;
    if (stringClosed) pos++;
  }

  /** From the first digit (after a minus, if any); an integer of up to 15 digits is summed as it is read. */
  function scanNumber(): void {
    let integer = 0;
    let digits = 0;
    let code = text.charCodeAt(pos);
    if (code === Char.Zero) {
      pos++;
      digits = 1;
    } else {
      do {
        integer = integer * 10 + code - Char.Zero;
        digits++;
        code = text.charCodeAt(++pos);
      } while (isDigit(code));
    }
    let exact = digits <= 15;
    numberIsInteger = true;
    if (text.charCodeAt(pos) === Char.Dot) {
      pos++;
      if (!isDigit(text.charCodeAt(pos))) {
        scanError = ScanError.EndOfNumber;
        return;
      }
      do pos++; while (isDigit(text.charCodeAt(pos)));
      numberIsInteger = false;
      exact = false;
    }
    code = text.charCodeAt(pos);
    if (code === Char.UpperE || code === Char.LowerE) {
      pos++;
      code = text.charCodeAt(pos);
      if (code === Char.Plus || code === Char.Minus) pos++;
      if (!isDigit(text.charCodeAt(pos))) {
        scanError = ScanError.EndOfNumber;
        return;
      }
      do pos++; while (isDigit(text.charCodeAt(pos)));
      exact = false;
    }
    const negative = text.charCodeAt(tokenOffset) === Char.Minus;
    numberValue = exact ? (negative ? -integer : integer) : Number(text.slice(tokenOffset, pos));
  }

  /** One token that is not trivia, from `pos`. */
  function scanToken(code: number): Token {
    switch (code) {
      case Char.OpenBrace: pos++; countOpening(); return Token.OpenBrace;
      case Char.CloseBrace: pos++; brackets--; return Token.CloseBrace;
      case Char.OpenBracket: pos++; countOpening(); return Token.OpenBracket;
      case Char.CloseBracket: pos++; brackets--; return Token.CloseBracket;
      case Char.Colon: pos++; return Token.Colon;
      case Char.Comma: pos++; return Token.Comma;
      case Char.Quote:
        pos++;
        scanString();
        return Token.String;
      case Char.Slash:
        pos++;
        return Token.Unknown;
      case Char.Minus:
        pos++;
        if (pos === length || !isDigit(text.charCodeAt(pos))) return Token.Unknown;
        scanNumber();
        return Token.Number;
    }
    if (isDigit(code)) {
      scanNumber();
      return Token.Number;
    }
    do code = text.charCodeAt(++pos); while (pos < length && isWordCharacter(code));
    switch (pos - tokenOffset) {
      case 4:
        if (text.startsWith('true', tokenOffset)) return Token.True;
        if (text.startsWith('null', tokenOffset)) return Token.Null;
        break;
      case 5:
        if (text.startsWith('false', tokenOffset)) return Token.False;
        break;
    }
    return Token.Unknown;
  }

  /** A comment from `pos` (at its slash), or false when the slash starts none. */
  function scanComment(): boolean {
    const next = text.charCodeAt(pos + 1);
    if (next === Char.Slash) {
      pos += 2;
      while (pos < length && !isLineBreak(text.charCodeAt(pos))) pos++;
    } else if (next === Char.Asterisk) {
      pos += 2;
      let closed = false;
      while (pos < length - 1) {
        const code = text.charCodeAt(pos);
        if (code === Char.Asterisk && text.charCodeAt(pos + 1) === Char.Slash) {
          pos += 2;
          closed = true;
          break;
        }
        pos++;
        // A CR LF is stepped over whole, which decides where an unclosed comment ends.
        if (code === Char.CarriageReturn && text.charCodeAt(pos) === Char.LineFeed) pos++;
      }
      if (!closed) {
        // One past the end, as the language service's scanner leaves it: the error's range and the EOF token after it show it.
        pos++;
        scanError = ScanError.EndOfComment;
      }
    } else {
      return false;
    }
    return true;
  }

  /** The next token that is not trivia; comments are collected, and every token's scan error is reported. */
  function next(): Token {
    for (;;) {
      scanError = ScanError.None;
      let code = text.charCodeAt(pos);
      while (code === Char.Space || code === Char.Tab || code === Char.LineFeed || code === Char.CarriageReturn) code = text.charCodeAt(++pos);
      tokenOffset = pos;
      if (pos >= length) {
        tokenOffset = length;
        return token = Token.EOF;
      }
      if (code === Char.Slash && scanComment()) {
        countedLikeText = false;
        if (scanError !== ScanError.None) reportScanError();
        comments.push(Range.create(textDocument.positionAt(tokenOffset), textDocument.positionAt(pos)));
        continue;
      }
      token = scanToken(code);
      if (scanError !== ScanError.None) {
        if (scanError === ScanError.EndOfString) countedLikeText = false;
        reportScanError();
      }
      return token;
    }
  }

  /** The current token, read through a call: TypeScript would keep narrowing `token` across the calls that move it. */
  function current(): Token {
    return token;
  }

  function reportScanError(): void {
    const [message, code] = SCAN_ERRORS[scanError as Exclude<ScanError, ScanError.None>];
    error(message, code);
  }

  function errorAtRange(message: string, code: number, start: number, end: number, severity: DiagnosticSeverity = DiagnosticSeverity.Error): void {
    if (problems.length === 0 || start !== lastProblemOffset) {
      problems.push(Diagnostic.create(Range.create(textDocument.positionAt(start), textDocument.positionAt(end)), message, severity, code, textDocument.languageId));
      lastProblemOffset = start;
    }
  }

  /**
   * An error at the current token (at the last character before it, at the end of the text); the `node`
   * record ends there. With `skipUntil`, tokens are skipped up to that closing token or a comma.
   */
  function error(message: string, code: number, node = -1, skipUntil?: Token.CloseBrace | Token.CloseBracket): number {
    let start = tokenOffset;
    let end = pos;
    if (start === end && start > 0) {
      start--;
      while (start > 0 && /\s/.test(text.charAt(start))) start--;
      end = start + 1;
    }
    errorAtRange(message, code, start, end);
    if (node >= 0) {
      lengths[node] = pos - offsets[node];
      ends[node] = count;
    }
    if (skipUntil !== undefined) {
      while (token !== Token.EOF && token !== skipUntil && token !== Token.Comma) next();
    }
    return node;
  }

  /** The node ends with the current token, which is consumed. */
  function finish(node: number): number {
    lengths[node] = pos - offsets[node];
    ends[node] = count;
    next();
    return node;
  }

  function enter(): void {
    if (++depth > MAX_NESTING) throw new TooDeep(offsetBeyondNesting(text) ?? tokenOffset);
  }

  function parseArray(): number {
    enter();
    const node = record(Kind.Array);
    next();
    let needsComma = false;
    while (token !== Token.CloseBracket && token !== Token.EOF) {
      if (token === Token.Comma) {
        if (!needsComma) error('Value expected', JsonErrorCode.ValueExpected);
        const commaOffset = tokenOffset;
        if (next() === Token.CloseBracket) {
          if (needsComma) errorAtRange('Trailing comma', JsonErrorCode.TrailingComma, commaOffset, commaOffset + 1);
          continue;
        }
      } else if (needsComma) {
        error('Expected comma', JsonErrorCode.CommaExpected);
      }
      if (parseValue() < 0) error('Value expected', JsonErrorCode.ValueExpected, -1, Token.CloseBracket);
      needsComma = true;
    }
    depth--;
    if (token !== Token.CloseBracket) return error('Expected comma or closing bracket', JsonErrorCode.CommaOrCloseBacketExpected, node);
    return finish(node);
  }

  /** Whether two key records hold the same key. */
  function sameKey(a: number, b: number): boolean {
    const plainA = kinds[a] !== Kind.DecodedString;
    const plainB = kinds[b] !== Kind.DecodedString;
    if (!plainA || !plainB) return keyValue(a) === keyValue(b);
    // Two keys without escapes: compared in the text, where the value of each lies between `start` and `start + size`.
    const startA = kinds[a] === Kind.BareString ? offsets[a] : offsets[a] + 1;
    const startB = kinds[b] === Kind.BareString ? offsets[b] : offsets[b] + 1;
    const size = keyEnd(a) - startA;
    if (size !== keyEnd(b) - startB) return false;
    for (let i = 0; i < size; i++) {
      if (text.charCodeAt(startA + i) !== text.charCodeAt(startB + i)) return false;
    }
    return true;
  }

  function keyEnd(key: number): number {
    return offsets[key] + lengths[key] - (kinds[key] === Kind.String ? 1 : 0);
  }

  function keyValue(key: number): string {
    const offset = offsets[key];
    switch (kinds[key]) {
      case Kind.DecodedString: return decodedStrings[extras[key]];
      case Kind.BareString: return text.slice(offset, offset + lengths[key]);
      default: return text.slice(offset + 1, keyEnd(key));
    }
  }

  /**
   * A repeated key is a warning at it and, the first time, at the key it repeats, unless it is "//" (a
   * convention for comments in JSON), as in the language service; each is kept for the validator.
   */
  function checkRepeatedKey(object: number, keys: Map<string, number> | undefined, property: number): void {
    const key = property + 1;
    /** The first property with that key, or -1 once it has repeated. */
    let first: number | undefined;
    if (keys) {
      const value = keyValue(key);
      first = keys.get(value);
      keys.set(value, first === undefined ? property : -1);
    } else {
      for (let earlier = object + 1; earlier < property; earlier = ends[earlier]) {
        if (!sameKey(earlier + 1, key)) continue;
        if (first !== undefined) {
          first = -1;
          break;
        }
        first = earlier;
      }
    }
    if (first === undefined) return;
    repeated.push(key);
    if (keyValue(key) === '//') return;
    errorAtRange('Duplicate object key', JsonErrorCode.DuplicateKey, offsets[key], offsets[key] + lengths[key], DiagnosticSeverity.Warning);
    if (first >= 0) errorAtRange('Duplicate object key', JsonErrorCode.DuplicateKey, offsets[first + 1], offsets[first + 1] + lengths[first + 1], DiagnosticSeverity.Warning);
  }

  function parseProperty(object: number, keys: Map<string, number> | undefined): number {
    const node = record(Kind.Property);
    if (token === Token.String) {
      parseString();
    } else if (token === Token.Unknown) {
      error('Property keys must be doublequoted', JsonErrorCode.PropertyKeysMustBeDoublequoted);
      record(Kind.BareString, tokenOffset, pos - tokenOffset);
      next();
    } else {
      count = node;
      return -1;
    }
    const key = node + 1;
    checkRepeatedKey(object, keys, node);
    if (current() === Token.Colon) {
      extras[node] = tokenOffset;
      next();
    } else {
      error('Colon expected', JsonErrorCode.ColonExpected);
      // A key alone on its line, the next line a new property: the key is the whole property.
      if (token === Token.String && textDocument.positionAt(offsets[key] + lengths[key]).line < textDocument.positionAt(tokenOffset).line) {
        lengths[node] = lengths[key];
        ends[node] = count;
        return node;
      }
    }
    const value = parseValue();
    if (value < 0) return error('Value expected', JsonErrorCode.ValueExpected, node, Token.CloseBrace);
    lengths[node] = offsets[value] + lengths[value] - offsets[node];
    ends[node] = count;
    return node;
  }

  function parseObject(): number {
    enter();
    const node = record(Kind.Object);
    let keys: Map<string, number> | undefined;
    let size = 0;
    next();
    let needsComma = false;
    while (token !== Token.CloseBrace && token !== Token.EOF) {
      if (token === Token.Comma) {
        if (!needsComma) error('Property expected', JsonErrorCode.PropertyExpected);
        const commaOffset = tokenOffset;
        if (next() === Token.CloseBrace) {
          if (needsComma) errorAtRange('Trailing comma', JsonErrorCode.TrailingComma, commaOffset, commaOffset + 1);
          continue;
        }
      } else if (needsComma) {
        error('Expected comma', JsonErrorCode.CommaExpected);
      }
      if (!keys && size === INDEXED_KEYS) keys = indexKeys(node);
      if (parseProperty(node, keys) >= 0) size++;
      else error('Property expected', JsonErrorCode.PropertyExpected, -1, Token.CloseBrace);
      needsComma = true;
    }
    depth--;
    if (token !== Token.CloseBrace) return error('Expected comma or closing brace', JsonErrorCode.CommaOrCloseBraceExpected, node);
    return finish(node);
  }

  /** An object's keys so far: the first property of each, or -1 once it has repeated. */
  function indexKeys(object: number): Map<string, number> {
    const keys = new Map<string, number>();
    for (let property = object + 1; property < count; property = ends[property]) {
      const key = keyValue(property + 1);
      keys.set(key, keys.has(key) ? -1 : property);
    }
    return keys;
  }

  function parseString(): number {
    let node: number;
    if (decodedString !== undefined) {
      node = record(Kind.DecodedString);
      extras[node] = decodedStrings.push(decodedString) - 1;
    } else {
      node = record(stringClosed ? Kind.String : Kind.UnclosedString);
    }
    return finish(node);
  }

  function parseNumber(): number {
    // A number with a scan error keeps no value, as in the language service.
    const valid = scanError === ScanError.None;
    const node = record(!valid || numberIsInteger ? Kind.Integer : Kind.Number);
    extras[node] = numbers.push(valid ? numberValue : Number.NaN) - 1;
    return finish(node);
  }

  /** The record of the value at the current token, or -1 when none starts there. */
  function parseValue(): number {
    switch (token) {
      case Token.OpenBracket: return parseArray();
      case Token.OpenBrace: return parseObject();
      case Token.String: return parseString();
      case Token.Number: return parseNumber();
      case Token.Null: return finish(record(Kind.Null));
      case Token.True: return finish(record(Kind.True));
      case Token.False: return finish(record(Kind.False));
      default: return -1;
    }
  }

  let root: number | undefined;
  if (next() !== Token.EOF) {
    root = parseValue();
    if (root < 0) {
      root = undefined;
      error('Expected a JSON object, array or literal.', JsonErrorCode.Undefined);
    } else if (current() !== Token.EOF) {
      error('End of file expected.', JsonErrorCode.Undefined);
    }
  }
  const records = new Records(text, kinds, offsets, lengths, ends, extras, decodedStrings, numbers, repeated);
  return { root, records, problems, comments, countedLikeText };
}
