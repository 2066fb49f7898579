// Diagnostics for a document: JSON syntax errors (from vscode-json-languageservice), duplicate
// keys, and the ASL rules of core/validation mapped to ranges. Unquoted template placeholders
// (`"Resource": ${FunctionArn}`) are read as strings of the same length, so they are neither
// syntax errors nor shift a position.
import type { LanguageService as JsonLanguageService } from 'vscode-json-languageservice';
import { Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { validateDefinition, DefinitionIssue, ValidationOptions } from '../core/validation';
import { AslDocument, createAslDocument, nodeAtPath, rangeOfPath } from './aslDocument';

const SOURCE = 'asl';
/** vscode-json-languageservice's code for a duplicate object key. */
const DUPLICATE_KEY_CODE = 520;

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
      const replacement = length >= 5 ? `"\${${inner.slice(0, length - 5)}}"` : `"${'$'.repeat(length - 2)}"`;
      result = (result ?? text).slice(0, i) + replacement + (result ?? text).slice(close + 1);
      i = close;
    }
  }
  return result;
}

/** The offset in the document text of the `decodedOffset`-th character of the JSON string starting at `stringStart`. */
function offsetInString(text: string, stringStart: number, decodedOffset: number): number {
  let raw = stringStart + 1; // after the opening quote
  for (let decoded = 0; decoded < decodedOffset && raw < text.length && text[raw] !== '"'; decoded++) {
    if (text[raw] === '\\') raw += text[raw + 1] === 'u' ? 6 : 2;
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
      return { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(end) };
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

export async function doValidation(jsonService: JsonLanguageService, original: AslDocument, options: ValidationOptions = {}): Promise<Diagnostic[]> {
  const quoted = quoteUnquotedPlaceholders(original.textDocument.getText());
  const document = quoted === undefined ? original : createAslDocument(
    TextDocument.create(original.textDocument.uri, original.textDocument.languageId, original.textDocument.version, quoted),
    jsonService.parseJSONDocument(TextDocument.create(original.textDocument.uri, 'json', original.textDocument.version, quoted)),
  );
  const syntax = await jsonService.doValidation(document.textDocument, document.json, { comments: 'error', trailingCommas: 'error' });
  const diagnostics = syntax.map((diagnostic): Diagnostic => diagnostic.code === DUPLICATE_KEY_CODE
    ? { ...diagnostic, severity: DiagnosticSeverity.Error, source: SOURCE }
    : { ...diagnostic, source: SOURCE });
  const parses = !diagnostics.some((diagnostic) => diagnostic.code !== DUPLICATE_KEY_CODE && diagnostic.severity === DiagnosticSeverity.Error);
  // The ASL rules need the whole definition: on a document that does not parse, the syntax errors say what to fix first.
  if (parses) for (const issue of validateDefinition(document.value, options)) diagnostics.push(toDiagnostic(document, issue));
  return diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
