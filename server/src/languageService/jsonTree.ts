// The syntax tree of a JSON document, built in one pass over the text's char codes: the same nodes
// (types, offsets, lengths, values, parents), syntax errors and comment ranges as
// vscode-json-languageservice's parseJSONDocument, whose tree every feature reads. Its scanner builds
// a string for every token (each run of spaces char by char, a JSON.parse per number) and its parser a
// dictionary of seen keys per object; here trivia is skipped, a string without escapes is one slice, a
// number is read in place and a repeated key is found among the object's earlier keys.
import { ErrorCode } from 'vscode-json-languageservice';
import type {
  ArrayASTNode, ASTNode, BooleanASTNode, JSONDocument, LanguageService as JsonLanguageService, NullASTNode, NumberASTNode, ObjectASTNode,
  PropertyASTNode, StringASTNode,
} from 'vscode-json-languageservice';
import { Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';

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

class ObjectNode extends Node implements ObjectASTNode {
  declare readonly type: 'object';
  declare readonly properties: PropertyNode[];
  constructor(parent: ASTNode | undefined, offset: number) {
    super(parent, offset, 0);
    this.type = 'object';
    this.properties = [];
  }
  override get children(): ASTNode[] {
    return this.properties;
  }
}

class ArrayNode extends Node implements ArrayASTNode {
  declare readonly type: 'array';
  declare readonly items: ASTNode[];
  constructor(parent: ASTNode | undefined, offset: number) {
    super(parent, offset, 0);
    this.type = 'array';
    this.items = [];
  }
  override get children(): ASTNode[] {
    return this.items;
  }
}

class PropertyNode extends Node implements PropertyASTNode {
  declare readonly type: 'property';
  declare colonOffset: number;
  declare keyNode: StringASTNode;
  /** Set only when the property has a value, as in the language service's tree. */
  declare valueNode?: ASTNode;
  constructor(parent: ObjectNode, offset: number, keyNode: StringASTNode) {
    super(parent, offset, 0);
    this.type = 'property';
    this.colonOffset = -1;
    this.keyNode = keyNode;
  }
  override get children(): ASTNode[] {
    return this.valueNode ? [this.keyNode, this.valueNode] : [this.keyNode];
  }
}

class StringNode extends Node implements StringASTNode {
  declare readonly type: 'string';
  declare value: string;
  constructor(parent: ASTNode | undefined, offset: number, length: number) {
    super(parent, offset, length);
    this.type = 'string';
    this.value = '';
  }
}

class NumberNode extends Node implements NumberASTNode {
  declare readonly type: 'number';
  declare isInteger: boolean;
  declare value: number;
  constructor(parent: ASTNode | undefined, offset: number) {
    super(parent, offset, 0);
    this.type = 'number';
    this.isInteger = true;
    this.value = Number.NaN;
  }
}

class BooleanNode extends Node implements BooleanASTNode {
  declare readonly type: 'boolean';
  declare readonly value: boolean;
  constructor(parent: ASTNode | undefined, value: boolean, offset: number) {
    super(parent, offset, 0);
    this.type = 'boolean';
    this.value = value;
  }
}

class NullNode extends Node implements NullASTNode {
  declare readonly type: 'null';
  declare readonly value: null;
  constructor(parent: ASTNode | undefined, offset: number) {
    super(parent, offset, 0);
    this.type = 'null';
    this.value = null;
  }
}

const enum Token { OpenBrace = 1, CloseBrace, OpenBracket, CloseBracket, Comma, Colon, Null, True, False, String, Number, Unknown = 16, EOF }
const enum ScanError { None, EndOfComment, EndOfString, EndOfNumber, InvalidUnicode, InvalidEscape, InvalidCharacter }
const enum Char {
  Tab = 9, LineFeed = 10, CarriageReturn = 13, Space = 32, Quote = 34, Asterisk = 42, Plus = 43, Comma = 44, Minus = 45, Dot = 46, Slash = 47,
  Zero = 48, Nine = 57, Colon = 58, UpperA = 65, UpperE = 69, UpperF = 70, OpenBracket = 91, Backslash = 92, CloseBracket = 93,
  LowerA = 97, LowerB = 98, LowerE = 101, LowerF = 102, LowerN = 110, LowerR = 114, LowerT = 116, LowerU = 117, OpenBrace = 123, CloseBrace = 125,
}

const SCAN_ERRORS: Record<Exclude<ScanError, ScanError.None>, [string, ErrorCode]> = {
  [ScanError.InvalidUnicode]: ['Invalid unicode sequence in string.', ErrorCode.InvalidUnicode],
  [ScanError.InvalidEscape]: ['Invalid escape character in string.', ErrorCode.InvalidEscapeCharacter],
  [ScanError.EndOfNumber]: ['Unexpected end of number.', ErrorCode.UnexpectedEndOfNumber],
  [ScanError.EndOfComment]: ['Unexpected end of comment.', ErrorCode.UnexpectedEndOfComment],
  [ScanError.EndOfString]: ['Unexpected end of string.', ErrorCode.UnexpectedEndOfString],
  [ScanError.InvalidCharacter]: ['Invalid characters in string. Control characters must be escaped.', ErrorCode.InvalidCharacter],
};

/** Above this many keys, an object's earlier keys are looked up in a map rather than compared one by one. */
const INDEXED_KEYS = 16;

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

/** The document's tree as `jsonService.parseJSONDocument` builds it (comments collected). */
export function parseJsonDocument(jsonService: JsonLanguageService, textDocument: TextDocument): JSONDocument {
  const text = textDocument.getText();
  const length = text.length;
  const problems: Diagnostic[] = [];
  const comments: Range[] = [];
  let lastProblemOffset = -1;
  let pos = 0;
  let token = Token.Unknown;
  let tokenOffset = 0;
  let scanError = ScanError.None;
  /** The value of the last string token. */
  let stringValue = '';
  /** The value and kind of the last number token. */
  let numberValue = Number.NaN;
  let numberIsInteger = true;

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

  /** From after the opening quote; a string without escapes is one slice of the text. */
  function scanString(): string {
    let result = '';
    let start = pos;
    for (;;) {
      if (pos >= length) {
        scanError = ScanError.EndOfString;
        return result + text.slice(start, pos);
      }
      const code = text.charCodeAt(pos);
      if (code === Char.Quote) {
        result += text.slice(start, pos);
        pos++;
        return result;
      }
      if (code === Char.Backslash) {
        result += text.slice(start, pos);
        pos++;
        if (pos >= length) {
          scanError = ScanError.EndOfString;
          return result;
        }
        switch (text.charCodeAt(pos++)) {
          case Char.Quote: result += '"'; break;
          case Char.Backslash: result += '\\'; break;
          case Char.Slash: result += '/'; break;
          case Char.LowerB: result += '\b'; break;
          case Char.LowerF: result += '\f'; break;
          case Char.LowerN: result += '\n'; break;
          case Char.LowerR: result += '\r'; break;
          case Char.LowerT: result += '\t'; break;
          case Char.LowerU: {
            const unit = scanHexDigits();
            if (unit >= 0) result += String.fromCharCode(unit);
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
          return result + text.slice(start, pos);
        }
        // Reported, and the string goes on.
        scanError = ScanError.InvalidCharacter;
      }
      pos++;
    }
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
      case Char.OpenBrace: pos++; return Token.OpenBrace;
      case Char.CloseBrace: pos++; return Token.CloseBrace;
      case Char.OpenBracket: pos++; return Token.OpenBracket;
      case Char.CloseBracket: pos++; return Token.CloseBracket;
      case Char.Colon: pos++; return Token.Colon;
      case Char.Comma: pos++; return Token.Comma;
      case Char.Quote:
        pos++;
        stringValue = scanString();
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
        if (scanError !== ScanError.None) reportScanError();
        comments.push(Range.create(textDocument.positionAt(tokenOffset), textDocument.positionAt(pos)));
        continue;
      }
      token = scanToken(code);
      if (scanError !== ScanError.None) reportScanError();
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

  function errorAtRange(message: string, code: ErrorCode, start: number, end: number, severity: DiagnosticSeverity = DiagnosticSeverity.Error): void {
    if (problems.length === 0 || start !== lastProblemOffset) {
      problems.push(Diagnostic.create(Range.create(textDocument.positionAt(start), textDocument.positionAt(end)), message, severity, code, textDocument.languageId));
      lastProblemOffset = start;
    }
  }

  /**
   * An error at the current token (at the last character before it, at the end of the text); `node`
   * ends there. With `skipUntil`, tokens are skipped up to that closing token or a comma.
   */
  function error<T extends Node>(message: string, code: ErrorCode, node?: T, skipUntil?: Token.CloseBrace | Token.CloseBracket): T | undefined {
    let start = tokenOffset;
    let end = pos;
    if (start === end && start > 0) {
      start--;
      while (start > 0 && /\s/.test(text.charAt(start))) start--;
      end = start + 1;
    }
    errorAtRange(message, code, start, end);
    if (node) node.length = pos - node.offset;
    if (skipUntil !== undefined) {
      while (token !== Token.EOF && token !== skipUntil && token !== Token.Comma) next();
    }
    return node;
  }

  /** The node ends with the current token, which is consumed. */
  function finish<T extends Node>(node: T): T {
    node.length = pos - node.offset;
    next();
    return node;
  }

  function parseArray(parent: ASTNode | undefined): ArrayNode | undefined {
    const node = new ArrayNode(parent, tokenOffset);
    next();
    let needsComma = false;
    while (token !== Token.CloseBracket && token !== Token.EOF) {
      if (token === Token.Comma) {
        if (!needsComma) error('Value expected', ErrorCode.ValueExpected);
        const commaOffset = tokenOffset;
        if (next() === Token.CloseBracket) {
          if (needsComma) errorAtRange('Trailing comma', ErrorCode.TrailingComma, commaOffset, commaOffset + 1);
          continue;
        }
      } else if (needsComma) {
        error('Expected comma', ErrorCode.CommaExpected);
      }
      const item = parseValue(node);
      if (item) node.items.push(item);
      else error('Value expected', ErrorCode.ValueExpected, undefined, Token.CloseBracket);
      needsComma = true;
    }
    if (token !== Token.CloseBracket) return error('Expected comma or closing bracket', ErrorCode.CommaOrCloseBacketExpected, node);
    return finish(node);
  }

  /** A repeated key is a warning at it and, the first time, at the key it repeats; "//" may repeat (a convention for comments). */
  function checkRepeatedKey(object: ObjectNode, keys: Map<string, PropertyNode | true> | undefined, property: PropertyNode): void {
    const key = property.keyNode.value;
    if (key === '//') return;
    let first: PropertyNode | true | undefined;
    if (keys) {
      first = keys.get(key);
      keys.set(key, first ? true : property);
    } else {
      for (const earlier of object.properties) {
        if (earlier.keyNode.value !== key) continue;
        if (first) {
          first = true;
          break;
        }
        first = earlier;
      }
    }
    if (!first) return;
    const { keyNode } = property;
    errorAtRange('Duplicate object key', ErrorCode.DuplicateKey, keyNode.offset, keyNode.offset + keyNode.length, DiagnosticSeverity.Warning);
    if (first !== true) errorAtRange('Duplicate object key', ErrorCode.DuplicateKey, first.keyNode.offset, first.keyNode.offset + first.keyNode.length, DiagnosticSeverity.Warning);
  }

  function parseProperty(parent: ObjectNode, keys: Map<string, PropertyNode | true> | undefined): PropertyNode | undefined {
    const node = new PropertyNode(parent, tokenOffset, KEY_PLACEHOLDER);
    let key: StringNode;
    if (token === Token.String) {
      key = parseString(node);
    } else if (token === Token.Unknown) {
      error('Property keys must be doublequoted', ErrorCode.PropertyKeysMustBeDoublequoted);
      key = new StringNode(node, tokenOffset, pos - tokenOffset);
      key.value = text.slice(tokenOffset, pos);
      next();
    } else {
      return undefined;
    }
    node.keyNode = key;
    checkRepeatedKey(parent, keys, node);
    if (current() === Token.Colon) {
      node.colonOffset = tokenOffset;
      next();
    } else {
      error('Colon expected', ErrorCode.ColonExpected);
      // A key alone on its line, the next line a new property: the key is the whole property.
      if (token === Token.String && textDocument.positionAt(key.offset + key.length).line < textDocument.positionAt(tokenOffset).line) {
        node.length = key.length;
        return node;
      }
    }
    const value = parseValue(node);
    if (!value) return error('Value expected', ErrorCode.ValueExpected, node, Token.CloseBrace);
    node.valueNode = value;
    node.length = value.offset + value.length - node.offset;
    return node;
  }

  function parseObject(parent: ASTNode | undefined): ObjectNode | undefined {
    const node = new ObjectNode(parent, tokenOffset);
    let keys: Map<string, PropertyNode | true> | undefined;
    next();
    let needsComma = false;
    while (token !== Token.CloseBrace && token !== Token.EOF) {
      if (token === Token.Comma) {
        if (!needsComma) error('Property expected', ErrorCode.PropertyExpected);
        const commaOffset = tokenOffset;
        if (next() === Token.CloseBrace) {
          if (needsComma) errorAtRange('Trailing comma', ErrorCode.TrailingComma, commaOffset, commaOffset + 1);
          continue;
        }
      } else if (needsComma) {
        error('Expected comma', ErrorCode.CommaExpected);
      }
      if (!keys && node.properties.length === INDEXED_KEYS) keys = indexKeys(node.properties);
      const property = parseProperty(node, keys);
      if (property) node.properties.push(property);
      else error('Property expected', ErrorCode.PropertyExpected, undefined, Token.CloseBrace);
      needsComma = true;
    }
    if (token !== Token.CloseBrace) return error('Expected comma or closing brace', ErrorCode.CommaOrCloseBraceExpected, node);
    return finish(node);
  }

  function parseString(parent: ASTNode | undefined): StringNode {
    const node = new StringNode(parent, tokenOffset, 0);
    node.value = stringValue;
    return finish(node);
  }

  function parseNumber(parent: ASTNode | undefined): NumberNode {
    const node = new NumberNode(parent, tokenOffset);
    // A number with a scan error keeps no value, as in the language service.
    if (scanError === ScanError.None) {
      node.value = numberValue;
      node.isInteger = numberIsInteger;
    }
    return finish(node);
  }

  function parseValue(parent: ASTNode | undefined): ASTNode | undefined {
    switch (token) {
      case Token.OpenBracket: return parseArray(parent);
      case Token.OpenBrace: return parseObject(parent);
      case Token.String: return parseString(parent);
      case Token.Number: return parseNumber(parent);
      case Token.Null: return finish(new NullNode(parent, tokenOffset));
      case Token.True: return finish(new BooleanNode(parent, true, tokenOffset));
      case Token.False: return finish(new BooleanNode(parent, false, tokenOffset));
      default: return undefined;
    }
  }

  let root: ASTNode | undefined;
  if (next() !== Token.EOF) {
    root = parseValue(undefined);
    if (!root) error('Expected a JSON object, array or literal.', ErrorCode.Undefined);
    else if (current() !== Token.EOF) error('End of file expected.', ErrorCode.Undefined);
  }
  return jsonService.newJSONDocument(root, problems, comments);
}

/** The key of a property until its key is read. */
const KEY_PLACEHOLDER = new StringNode(undefined, 0, 0);

/** An object's keys so far: the first property of each, or true once it has repeated. */
function indexKeys(properties: PropertyNode[]): Map<string, PropertyNode | true> {
  const keys = new Map<string, PropertyNode | true>();
  for (const property of properties) {
    const key = property.keyNode.value;
    if (key !== '//') keys.set(key, keys.has(key) ? true : property);
  }
  return keys;
}
