// The ASL language service: one module per feature, wired here. Every feature is a
// function of the parsed document (and a position) returning LSP types; nothing here
// knows about the connection, so the CLI and the tests use the same service.
import { getLanguageService as getJsonLanguageService } from 'vscode-json-languageservice';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { AslDocument, createAslDocument } from './aslDocument';
import { doValidation } from './validation';
import { getGraphModel } from './graph';
import type { GraphModel } from '../core/graph/model';

export interface AslLanguageService {
  parse(textDocument: TextDocument): AslDocument;
  doValidation(document: AslDocument): Promise<Diagnostic[]>;
  getGraphModel(document: AslDocument, diagnostics: Diagnostic[]): GraphModel;
}

export function getLanguageService(): AslLanguageService {
  const jsonService = getJsonLanguageService({});
  return {
    parse: (textDocument) => createAslDocument(textDocument, jsonService.parseJSONDocument(textDocument)),
    doValidation: (document) => doValidation(jsonService, document),
    getGraphModel,
  };
}
