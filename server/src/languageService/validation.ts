// Diagnostics for a document: JSON syntax errors first (from vscode-json-languageservice);
// the ASL rules are added on top of a document that parses.
import type { LanguageService as JsonLanguageService } from 'vscode-json-languageservice';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { AslDocument } from './aslDocument';

export async function doValidation(jsonService: JsonLanguageService, document: AslDocument): Promise<Diagnostic[]> {
  const syntax = await jsonService.doValidation(document.textDocument, document.json, { comments: 'error', trailingCommas: 'error' });
  return syntax.map((diagnostic) => ({ ...diagnostic, source: 'asl' }));
}
