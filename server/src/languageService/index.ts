// The ASL language service: one module per feature, wired here. Every feature is a
// function of the parsed document (and a position) returning LSP types; nothing here
// knows about the connection, so the CLI and the tests use the same service.
import { getLanguageService as getJsonLanguageService } from 'vscode-json-languageservice';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { AslDocument, createAslDocument } from './aslDocument';
import type { ValidationOptions } from '../core/validation';
import { doValidation } from './validation';

export interface AslLanguageService {
  parse(textDocument: TextDocument): AslDocument;
  /** `options.machineType` adds the rules of EXPRESS workflows. */
  doValidation(document: AslDocument, options?: ValidationOptions): Promise<Diagnostic[]>;
}

export function getLanguageService(): AslLanguageService {
  const jsonService = getJsonLanguageService({});
  return {
    parse: (textDocument) => createAslDocument(textDocument, jsonService.parseJSONDocument(textDocument)),
    doValidation: (document, options) => doValidation(jsonService, document, options),
  };
}
