// The route from a definition's text to its analysis (parse, validation, templates), without the
// editor's features: the CLI's commands, the test runner and the debugger need only this, and a process
// that loads only this starts sooner. The language service (index.ts) is this plus its features.
import type { Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { compileDefinition } from '../core/interpreter';
import type { ValidationOptions } from '../core/validation';
import { createAnalyzer, type Analysis, type Compile, type DefinitionSource } from './analysis';
import { createAslDocument, type AslDocument } from './aslDocument';
import { parseJsonDocument } from './jsonTree';
import { machineAnalysis } from './templateMachine';
import { createTemplateAnalyzer, type EmbeddedMachine, type ReadFile, type TemplateAnalysis } from './templates';
import { doValidation } from './validation';
import { parseYamlDocument } from './yamlDocument';

export interface DefinitionService {
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

/** `compile`: the interpreter's, unless a test stands in for it. */
export function getDefinitionService(compile: Compile = compileDefinition): DefinitionService {
  const parseJson = (textDocument: TextDocument) => {
    const json = parseJsonDocument(textDocument);
    return createAslDocument(textDocument, json, json.root ? plainValue(textDocument.getText()) : undefined);
  };
  const parse = (textDocument: TextDocument) => textDocument.languageId === YAML_LANGUAGE_ID
    ? createAslDocument(textDocument, parseYamlDocument(textDocument))
    : parseJson(textDocument);
  const validate = (document: AslDocument, options?: ValidationOptions) => doValidation(document, options);
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
  };
}
