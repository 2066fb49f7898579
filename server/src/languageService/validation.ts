// Diagnostics for a document: syntax errors (JSON's as vscode-json-languageservice reports them, YAML's from
// the YAML parser), duplicate keys, and the ASL rules of core/validation mapped to ranges.
// Unquoted template placeholders in JSON (`"Resource": ${FunctionArn}`) are read as strings of
// the same length, so they are neither syntax errors nor shift a position.
import type { ASTNode } from 'vscode-json-languageservice';
import { Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { validateStructure, DefinitionIssue, ValidationOptions } from '../core/validation';
import { AslDocument, createAslDocument, nodeAtPath, rangeOfNode, rangeOfPath } from './aslDocument';
import { YAML_LANGUAGE_ID } from './definitionService';
import { JsonErrorCode, syntaxDiagnostics } from './jsonDocument';
import { parseJsonDocument, repeatedKeys } from './jsonTree';

const SOURCE = 'asl';

/**
 * Names for the JSON parser's error codes, which are bare numbers the Problems panel would show as
 * "asl(514)". A duplicate key is not among them: it is reported here for JSON and YAML alike.
 */
const JSON_SYNTAX_CODES = new Map<number, string>([
  [JsonErrorCode.UnexpectedEndOfComment, 'unterminated-comment'],
  [JsonErrorCode.UnexpectedEndOfString, 'unterminated-string'],
  [JsonErrorCode.UnexpectedEndOfNumber, 'unterminated-number'],
  [JsonErrorCode.InvalidUnicode, 'invalid-unicode-escape'],
  [JsonErrorCode.InvalidEscapeCharacter, 'invalid-escape-character'],
  [JsonErrorCode.InvalidCharacter, 'invalid-character'],
  [JsonErrorCode.PropertyExpected, 'property-expected'],
  [JsonErrorCode.CommaExpected, 'comma-expected'],
  [JsonErrorCode.ColonExpected, 'colon-expected'],
  [JsonErrorCode.ValueExpected, 'value-expected'],
  [JsonErrorCode.CommaOrCloseBacketExpected, 'comma-or-closing-bracket-expected'],
  [JsonErrorCode.CommaOrCloseBraceExpected, 'comma-or-closing-brace-expected'],
  [JsonErrorCode.TrailingComma, 'trailing-comma'],
  [JsonErrorCode.CommentNotPermitted, 'comment-not-permitted'],
  [JsonErrorCode.PropertyKeysMustBeDoublequoted, 'key-not-double-quoted'],
]);

/** A syntax diagnostic with a readable code: the YAML parser's codes already are; the JSON parser's are numbers. */
function withReadableCode(diagnostic: Diagnostic): Diagnostic {
  if (typeof diagnostic.code !== 'number') return { ...diagnostic, source: SOURCE };
  return { ...diagnostic, code: JSON_SYNTAX_CODES.get(diagnostic.code) ?? 'syntax-error', source: SOURCE };
}

const SEVERITY: Record<DefinitionIssue['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

/**
 * The text with each `${...}` that stands outside a string replaced by a string literal of
 * the same length that still reads as a placeholder; undefined when there is none.
 */
export function quoteUnquotedPlaceholders(text: string): string | undefined {
  if (!text.includes('${')) return undefined;
  let result: string | undefined;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '$' && text[i + 1] === '{') {
      const close = text.indexOf('}', i);
      if (close < 0 || /[\n"]/.test(text.slice(i, close))) continue;
      const length = close + 1 - i;
      const inner = text.slice(i + 2, close);
      // `${X}` is one character short of `"${}"`: it becomes `"${"`, which core reads as a placeholder too.
      const replacement = length >= 5 ? `"\${${inner.slice(0, length - 5)}}"` : length === 4 ? '"${"' : '"$"';
      result = (result ?? text).slice(0, i) + replacement + (result ?? text).slice(close + 1);
      i = close;
    }
  }
  return result;
}

/** Length in the text of the escape sequence at `index` of a double-quoted (JSON or YAML) string. */
function escapeLength(text: string, index: number): number {
  switch (text[index + 1]) {
    case 'u': return 6;
    case 'x': return 4;
    case 'U': return 10;
    default: return 2;
  }
}

/**
 * The offset in the document text of the `decodedOffset`-th character of the string scalar
 * starting at `start` (JSON string, or YAML double-quoted, single-quoted or plain scalar);
 * undefined for YAML block scalars, whose folding this does not follow.
 */
function offsetInString(text: string, start: number, decodedOffset: number): number | undefined {
  const quote = text[start];
  if (quote === '|' || quote === '>') return undefined;
  if (quote !== '"' && quote !== "'") return start + decodedOffset;
  let raw = start + 1;
  for (let decoded = 0; decoded < decodedOffset && raw < text.length; decoded++) {
    if (quote === '"' && text[raw] === '\\') raw += escapeLength(text, raw);
    else if (quote === "'" && text[raw] === "'" && text[raw + 1] === "'") raw += 2;
    else raw += 1;
  }
  return raw;
}

function rangeOfIssue(document: AslDocument, issue: DefinitionIssue): Range {
  if (issue.offset !== undefined) {
    const node = nodeAtPath(document.json.root, issue.path);
    if (node?.type === 'string') {
      const text = document.textDocument.getText();
      const start = offsetInString(text, node.offset, issue.offset);
      const end = offsetInString(text, node.offset, issue.offset + (issue.length ?? 0));
      if (start !== undefined && end !== undefined) return { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(end) };
    }
  }
  return rangeOfPath(document, issue.path, issue.part);
}

export function toDiagnostic(document: AslDocument, issue: DefinitionIssue): Diagnostic {
  const diagnostic: Diagnostic = { range: rangeOfIssue(document, issue), severity: SEVERITY[issue.severity], message: issue.message, source: SOURCE };
  if (issue.code) diagnostic.code = issue.code;
  if (issue.data) diagnostic.data = issue.data;
  return diagnostic;
}

const SMALL_OBJECT = 16;

const duplicateKeyMessage = (key: string) => `Duplicate object key '${key}': only its last value counts`;

/** Every key that repeats an earlier key of the same object (JSON.parse and YAML loaders keep the last). */
function duplicateKeys(document: AslDocument): Diagnostic[] {
  // The JSON parse found them as it read the keys; a YAML tree is walked.
  const repeated = repeatedKeys(document.json);
  if (repeated) {
    const { textDocument } = document;
    return repeated.map(({ key, offset, length }) => ({
      range: { start: textDocument.positionAt(offset), end: textDocument.positionAt(offset + length) }, severity: DiagnosticSeverity.Error, message: duplicateKeyMessage(key), source: SOURCE,
    }));
  }
  const diagnostics: Diagnostic[] = [];
  const visit = (node: ASTNode | undefined) => {
    if (node?.type === 'object') {
      const { properties } = node;
      // Most objects are small: comparing with the earlier keys costs less than a Set per object.
      const seen = properties.length > SMALL_OBJECT ? new Set<string>() : undefined;
      for (let i = 0; i < properties.length; i++) {
        const key = properties[i].keyNode.value;
        let repeated = false;
        if (seen) {
          repeated = seen.has(key);
          seen.add(key);
        } else {
          for (let j = 0; j < i && !repeated; j++) repeated = properties[j].keyNode.value === key;
        }
        if (repeated) {
          diagnostics.push({ range: rangeOfNode(document.textDocument, properties[i].keyNode), severity: DiagnosticSeverity.Error, message: duplicateKeyMessage(key), source: SOURCE });
        }
        visit(properties[i].valueNode);
      }
    } else if (node?.type === 'array') node.items.forEach(visit);
  };
  visit(document.json.root);
  return diagnostics;
}

/** The JSON text with its unquoted placeholders quoted, which is what is validated; undefined when the document is validated as parsed. */
function quotedText(document: AslDocument): string | undefined {
  return document.textDocument.languageId === YAML_LANGUAGE_ID ? undefined : quoteUnquotedPlaceholders(document.textDocument.getText());
}

/** Whether the validator reads the document's own value and structure (not a copy with its placeholders quoted). */
export function validatedAsParsed(document: AslDocument): boolean {
  return quotedText(document) === undefined;
}

export async function doValidation(original: AslDocument, options: ValidationOptions = {}): Promise<Diagnostic[]> {
  const quoted = quotedText(original);
  const document = quoted === undefined ? original : createAslDocument(
    TextDocument.create(original.textDocument.uri, original.textDocument.languageId, original.textDocument.version, quoted),
    parseJsonDocument(TextDocument.create(original.textDocument.uri, 'json', original.textDocument.version, quoted)),
  );
  const diagnostics = syntaxDiagnostics(document.json).filter((diagnostic) => diagnostic.code !== JsonErrorCode.DuplicateKey).map(withReadableCode);
  const parses = !diagnostics.some((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error);
  diagnostics.push(...duplicateKeys(document));
  // The ASL rules need the whole definition: on a document that does not parse, the syntax errors say what to fix first.
  if (parses) for (const issue of validateStructure(document.structure, options)) diagnostics.push(toDiagnostic(document, issue));
  return diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
