// The ASL language service: one module per feature, wired here. Every feature is a
// function of the parsed document (and a position) returning LSP types; nothing here
// knows about the connection, so the CLI and the tests use the same service.
import { getLanguageService as getJsonLanguageService } from 'vscode-json-languageservice';
import type {
  CodeAction, CodeLens, CompletionList, Diagnostic, DocumentSymbol, FoldingRange, FormattingOptions, Hover, Location, Position, Range,
  SelectionRange, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { AslDocument, createAslDocument } from './aslDocument';
import type { ValidationOptions } from '../core/validation';
import { doCodeActions } from './codeActions';
import { findCodeLenses } from './codeLens';
import { doComplete } from './completion';
import { findDefinition } from './definition';
import { doHover } from './hover';
import { findReferences } from './references';
import { doRename, prepareRename } from './rename';
import { format, getFoldingRanges, getSelectionRanges } from './structure';
import { findDocumentSymbols } from './symbols';
import { doValidation } from './validation';
import { parseJsonDocument } from './jsonTree';
import { parseYamlDocument } from './yamlDocument';
import { getGraphModel } from './graph';
import { designEdit, designState, type DesignOptions } from './design/operations';
import { designCompletion } from './design/completion';
import { createAnalyzer, type Analysis, type Compile, type DefinitionSource } from './analysis';
import { compileDefinition } from '../core/interpreter';
import type { GraphModel } from '../core/graph/model';
import { machineAnalysis } from './templateMachine';
import { createTemplateAnalyzer, type EmbeddedMachine, type ReadFile, type TemplateAnalysis } from './templates';
import type { DesignCompletionItem, DesignCompletionParams, DesignOperation, DesignPath, DesignResult, DesignState } from '../protocol';

export { RenameError } from './rename';

export interface AslLanguageService {
  /**
   * The one analysis of a definition's text (parse, diagnostics, location, compiled machine),
   * answered again while the text, language and options stay the same. Its language: `languageId`, else by the file name.
   */
  analyze(source: DefinitionSource, options?: ValidationOptions): Analysis;
  /**
   * The state machines of a template (SAM, CloudFormation, CDK, Terraform, Serverless), each through the one
   * analysis; undefined when the text is not a template holding one. `analyze` of `<template URI>#<id>` with
   * the template's text answers that machine's analysis, located in the template.
   */
  analyzeTemplate(uri: string, text: string, read?: ReadFile): TemplateAnalysis | undefined;
  /** The template machine whose DefinitionUri (templatefile, `${file(...)}`) names this definition file, beside it or above. */
  machineOfFile(uri: string, read?: ReadFile): { template: TemplateAnalysis; machine: EmbeddedMachine } | undefined;
  /** Drops the analysis of a document that closed. */
  forget(uri: string): void;
  /** Parses by language id: `asl-yaml` through the YAML parser, anything else as JSON. */
  parse(textDocument: TextDocument): AslDocument;
  /** `options.machineType` adds the rules of EXPRESS workflows. */
  doValidation(document: AslDocument, options?: ValidationOptions): Promise<Diagnostic[]>;
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

export const YAML_LANGUAGE_ID = 'asl-yaml';
const JSON_LANGUAGE_ID = 'asl';
const YAML_FILE = /\.ya?ml$/i;

/**
 * The language a definition is read in: by the editor's language id when given (`asl-yaml`, or a
 * `.yaml` file VS Code opened as plain `yaml`), else by the file name (`.yaml`, `.yml`: YAML).
 */
export function definitionLanguageId(uri: string, languageId?: string): typeof YAML_LANGUAGE_ID | typeof JSON_LANGUAGE_ID {
  const yaml = languageId === undefined ? YAML_FILE.test(uri) : languageId === YAML_LANGUAGE_ID || languageId === 'yaml';
  return yaml ? YAML_LANGUAGE_ID : JSON_LANGUAGE_ID;
}

/** `compile`: the interpreter's, unless a test stands in for it. */
/**
 * The value of a JSON text, from JSON.parse when the text is JSON (then it is the tree's value: the last
 * of repeated keys wins in both); undefined for a text it refuses (a syntax error, a comment), whose
 * value is then built from the tree.
 */
function plainValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function getLanguageService(compile: Compile = compileDefinition): AslLanguageService {
  const jsonService = getJsonLanguageService({});
  const parseJson = (textDocument: TextDocument) => {
    const json = parseJsonDocument(jsonService, textDocument);
    return createAslDocument(textDocument, json, json.root ? plainValue(textDocument.getText()) : undefined);
  };
  const parse = (textDocument: TextDocument) => textDocument.languageId === YAML_LANGUAGE_ID
    ? createAslDocument(textDocument, parseYamlDocument(jsonService, textDocument))
    : parseJson(textDocument);
  const validate = (document: AslDocument, options?: ValidationOptions) => doValidation(jsonService, document, options);
  const analyzer = createAnalyzer(parse, validate, compile);
  const templates = createTemplateAnalyzer(analyzer.analyze, analyzer.forget);
  return {
    analyze: (source, options) => machineAnalysis(templates.analyzeTemplate, source, analyzer.analyze) ?? analyzer.analyze(source, options),
    analyzeTemplate: templates.analyzeTemplate,
    machineOfFile: templates.machineOfFile,
    forget: (uri) => {
      analyzer.forget(uri);
      templates.forgetTemplate(uri);
    },
    parse,
    doValidation: validate,
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

