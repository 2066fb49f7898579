// One analysis per document version, the one route from a definition's text to a checked,
// compiled definition: the editor's features, Run Locally and the CLI's `run` and `validate` all
// read it, so they parse, validate, locate and refuse a definition alike. Each part is computed
// once, when first asked: completion needs the parse only, a run the compiled machine.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { definitionSizeProblem } from '../core/apiLimits';
import type { CompileResult } from '../core/interpreter';
import type { MachineStructure } from '../core/machineStructure';
import type { ValidationOptions } from '../core/validation';
import { DiagnosticCode } from '../core/validation/codes';
import type { SourceText } from '../protocol';
import { rangeOfPath, type AslDocument, type JsonPath } from './aslDocument';
import { validatedAsParsed } from './validation';
import { definitionLanguageId, YAML_LANGUAGE_ID } from './definitionService';

/** The interpreter's compile, given the structure the analysis has validated (a test may stand in for it). */
export type Compile = (definition: unknown, validated?: MachineStructure) => CompileResult;
type Machine = Extract<CompileResult, { machine: unknown }>['machine'];

/** A definition's text; `version` is the editor's, absent for a file read from disk. */
export interface DefinitionSource extends SourceText {
  version?: number;
}

/** What CreateStateMachine answers: the errors that refuse the definition, else the compiled machine. */
export type Compiled = { errors: Diagnostic[] } | { errors: []; machine: Machine };

export interface Analysis {
  readonly document: AslDocument;
  /** The definition as a plain value; undefined when nothing parses. */
  readonly value: unknown;
  /** The editor's diagnostics and AWS's limit on a definition's size. */
  diagnostics(): Promise<Diagnostic[]>;
  /** The range of the key at a path into the definition (of the nearest part that exists). */
  locate(path: JsonPath): Range;
  compiled(): Promise<Compiled>;
}

/** Where the analysis of a document starts: its parse, by its language id. */
type Parse = (textDocument: TextDocument) => AslDocument;
type Validate = (document: AslDocument, options?: ValidationOptions) => Promise<Diagnostic[]>;

/**
 * The analyses of the documents last seen, one per URI: asking again for the same text, language
 * and options answers the same analysis (TextDocument.getText() gives the same string while the
 * version stands, so comparing is cheap).
 */
export function createAnalyzer(parse: Parse, validate: Validate, compile: Compile) {
  const analyses = new Map<string, { languageId: string; text: string; machineType?: string; analysis: Analysis }>();
  return {
    analyze(source: DefinitionSource, options: ValidationOptions = {}): Analysis {
      const languageId = definitionLanguageId(source.uri, source.languageId);
      const cached = analyses.get(source.uri);
      if (cached && cached.text === source.text && cached.languageId === languageId && cached.machineType === options.machineType) return cached.analysis;
      const analysis = analyze(parse(TextDocument.create(source.uri, languageId, source.version ?? 0, source.text)), validate, compile, options);
      analyses.set(source.uri, { languageId, text: source.text, machineType: options.machineType, analysis });
      return analysis;
    },
    /** The document closed: its analysis is not kept. */
    forget(uri: string): void {
      analyses.delete(uri);
    },
  };
}

function analyze(document: AslDocument, validate: Validate, compile: Compile, options: ValidationOptions): Analysis {
  let diagnostics: Promise<Diagnostic[]> | undefined;
  let compiled: Promise<Compiled> | undefined;
  const locate = (path: JsonPath) => rangeOfPath(document, path, 'key');
  const analysis: Analysis = {
    document,
    value: document.value,
    locate,
    diagnostics: () => diagnostics ??= validated(document, validate, options),
    compiled: () => compiled ??= analysis.diagnostics().then((all): Compiled => {
      // What refuses a run: an error, or a placeholder the run cannot read (refusesRun in core/validation).
      const errors = all.filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error || diagnostic.code === DiagnosticCode.unrunnablePlaceholder);
      if (errors.length) return { errors };
      // A JSON text with unquoted placeholders was validated as a copy: the compile checks its own value.
      const result = compile(document.value, validatedAsParsed(document) ? document.structure : undefined);
      if ('machine' in result) return { errors: [], machine: result.machine };
      return { errors: result.errors.map(({ message, path }) => ({ range: locate(path ?? []), severity: DiagnosticSeverity.Error, message, source: 'asl' })) };
    }),
  };
  return analysis;
}

async function validated(document: AslDocument, validate: Validate, options: ValidationOptions): Promise<Diagnostic[]> {
  const diagnostics = await validate(document, options);
  // AWS measures the definition as sent: a YAML definition is sent as JSON.
  const sent = document.textDocument.languageId === YAML_LANGUAGE_ID ? JSON.stringify(document.value) ?? '' : document.textDocument.getText();
  const tooLarge = definitionSizeProblem(sent);
  if (tooLarge) {
    diagnostics.unshift({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Error, source: 'asl', message: `${tooLarge.error}: ${tooLarge.message}` });
  }
  return diagnostics;
}
