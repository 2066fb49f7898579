// The ASL language service: one module per feature, wired here. Every feature is a
// function of the parsed document (and a position) returning LSP types; nothing here
// knows about the connection, so the CLI and the tests use the same service.
import { getLanguageService as getJsonLanguageService } from 'vscode-json-languageservice';
import type {
  CodeAction, CodeLens, CompletionList, Diagnostic, DocumentSymbol, FoldingRange, FormattingOptions, Hover, Location, Position, Range,
  SelectionRange, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { AslDocument } from './aslDocument';
import { doCodeActions } from './codeActions';
import { findCodeLenses } from './codeLens';
import { doComplete } from './completion';
import { findDefinition } from './definition';
import { doHover } from './hover';
import { findReferences } from './references';
import { doRename, prepareRename } from './rename';
import { format, getFoldingRanges, getSelectionRanges } from './structure';
import { findDocumentSymbols } from './symbols';
import { getGraphModel } from './graph';
import { designEdit, designState, type DesignOptions } from './design/operations';
import { designCompletion } from './design/completion';
import type { Compile } from './analysis';
import { getDefinitionService, type DefinitionService } from './definitionService';
import { compileDefinition } from '../core/interpreter';
import type { GraphModel } from '../core/graph/model';
import type { DesignCompletionItem, DesignCompletionParams, DesignOperation, DesignPath, DesignResult, DesignState } from '../protocol';

export { RenameError } from './rename';
export { definitionLanguageId, YAML_LANGUAGE_ID, type DefinitionService } from './definitionService';

/** The analysis route (definitionService.ts) and the editor's features. */
export interface AslLanguageService extends DefinitionService {
  doComplete(document: AslDocument, position: Position): CompletionList;
  doHover(document: AslDocument, position: Position): Hover | null;
  findDefinition(document: AslDocument, position: Position): Location[];
  findReferences(document: AslDocument, position: Position, includeDeclaration: boolean): Location[];
  prepareRename(document: AslDocument, position: Position): { range: Range; placeholder: string } | null;
  /** Throws RenameError (with a message for the user) when the new name is refused. */
  doRename(document: AslDocument, position: Position, newName: string): WorkspaceEdit | null;
  findDocumentSymbols(document: AslDocument): DocumentSymbol[];
  getFoldingRanges(document: AslDocument): FoldingRange[];
  getSelectionRanges(document: AslDocument, positions: Position[]): SelectionRange[];
  format(document: AslDocument, range: Range | undefined, options: FormattingOptions): TextEdit[];
  doCodeActions(document: AslDocument, range: Range, diagnostics: Diagnostic[]): CodeAction[];
  findCodeLenses(document: AslDocument): CodeLens[];
  getGraphModel(document: AslDocument, diagnostics: Diagnostic[]): GraphModel;
  /** A design operation of the graph as one minimal edit of the text, or why it cannot be done. */
  designEdit(document: AslDocument, operation: DesignOperation, options?: DesignOptions): DesignResult;
  /** What the designer's inspector shows of a state. */
  designState(document: AslDocument, path: DesignPath): DesignState | undefined;
  /** The completion in a field of the inspector, as at that field's place in the document. */
  designCompletion(document: AslDocument, params: DesignCompletionParams): DesignCompletionItem[];
}

export function getLanguageService(compile: Compile = compileDefinition): AslLanguageService {
  const jsonService = getJsonLanguageService({});
  const definitions = getDefinitionService(compile);
  const { parse } = definitions;
  return {
    ...definitions,
    doComplete,
    doHover,
    findDefinition,
    findReferences,
    prepareRename,
    doRename,
    findDocumentSymbols,
    getFoldingRanges: (document) => getFoldingRanges(jsonService, document),
    getSelectionRanges: (document, positions) => getSelectionRanges(jsonService, document, positions),
    format: (document, range, options) => format(jsonService, document, range, options),
    doCodeActions,
    findCodeLenses,
    getGraphModel,
    designEdit,
    designState,
    designCompletion: (document, params) => designCompletion(document, parse, params),
  };
}

