// The parsed document every feature reads, from JSON (jsonTree.ts) or YAML (yamlDocument.ts): its tree, its
// syntax errors and comments, the node at an offset, and the syntax diagnostics. vscode-json-languageservice's
// document class holds the same, but reaching it initialises the whole package (its services, schemas and
// their dependencies), which a process that only validates and runs a definition never uses: a millisecond
// and more of the CLI's start-up. The language service's own features still take these documents.
import type { ASTNode, JSONDocument } from 'vscode-json-languageservice';
import { Diagnostic, DiagnosticSeverity, type Range } from 'vscode-languageserver-types';

/** The codes of vscode-json-languageservice's syntax diagnostics (its ErrorCode enum), which clients know. */
export const JsonErrorCode = {
  Undefined: 0,
  UnexpectedEndOfComment: 0x101,
  UnexpectedEndOfString: 0x102,
  UnexpectedEndOfNumber: 0x103,
  InvalidUnicode: 0x104,
  InvalidEscapeCharacter: 0x105,
  InvalidCharacter: 0x106,
  PropertyExpected: 0x201,
  CommaExpected: 0x202,
  ColonExpected: 0x203,
  ValueExpected: 0x204,
  CommaOrCloseBacketExpected: 0x205,
  CommaOrCloseBraceExpected: 0x206,
  TrailingComma: 0x207,
  DuplicateKey: 0x208,
  CommentNotPermitted: 0x209,
  PropertyKeysMustBeDoublequoted: 0x210,
} as const;

export class ParsedJson implements JSONDocument {
  constructor(readonly root: ASTNode | undefined, readonly syntaxErrors: Diagnostic[] = [], readonly comments: Range[] = []) {}

  /** The innermost node whose range holds `offset`; with `includeRightBound`, a node ending there holds it too. */
  getNodeFromOffset(offset: number, includeRightBound = false): ASTNode | undefined {
    const holds = (node: ASTNode) => offset >= node.offset && (offset < node.offset + node.length || (includeRightBound && offset === node.offset + node.length));
    if (!this.root || !holds(this.root)) return undefined;
    let node = this.root;
    for (let inner = node.children?.find(holds); inner; inner = inner.children?.find(holds)) node = inner;
    return node;
  }
}

const COMMENT_MESSAGE = 'Comments are not permitted in JSON.';

/**
 * The syntax diagnostics the language service's validation gives without a schema, comments and trailing
 * commas errors: each syntax error, then each comment, one per position and message.
 */
export function syntaxDiagnostics(json: ParsedJson): Diagnostic[] {
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const add = (diagnostic: Diagnostic) => {
    const at = `${diagnostic.range.start.line} ${diagnostic.range.start.character} ${diagnostic.message}`;
    if (seen.has(at)) return;
    seen.add(at);
    diagnostics.push(diagnostic);
  };
  for (const error of json.syntaxErrors) add(error.code === JsonErrorCode.TrailingComma ? { ...error, severity: DiagnosticSeverity.Error } : error);
  for (const comment of json.comments) add(Diagnostic.create(comment, COMMENT_MESSAGE, DiagnosticSeverity.Error, JsonErrorCode.CommentNotPermitted));
  return diagnostics;
}
