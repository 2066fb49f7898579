// State machines inside templates (SAM, CloudFormation, CDK output, Terraform, Serverless): each
// embedded definition is analysed through the one analysis, as a document of its own whose URI is
// the template's with `#<id>` (`template.yaml#OrderMachine`), and every answer is mapped back onto
// the template's text: ranges through the definition's character map, edits escaped as the
// template writes them (a rename inside a DefinitionString keeps its `\"`), nothing outside it.
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, MarkupKind, SymbolKind, type Diagnostic, type DocumentSymbol, type Hover, type Position, type Range } from 'vscode-languageserver-types';
import { mayHoldMachine, scanAfterEdit, scanTemplate, type EmbeddedDefinition, type TemplateProblem, type TemplateScan } from '../core/embedded/templates';
import type { Analysis, DefinitionSource } from './analysis';

/** The file beside a template (or above it) whose values win over the template's: `{ "Name": "value" }`. */
export const VALUES_FILE = 'asl-workbench.values.json';
const SOURCE = 'asl';

/** Reads a file a template refers to: the editor's unsaved text first, else the disk. */
export type ReadFile = (uri: string) => string | undefined;

export interface EmbeddedMachine {
  readonly definition: EmbeddedDefinition;
  /** `<template URI>#<id>`: the machine's own URI, which Run Locally, the graph and the CLI name it by. */
  readonly uri: string;
  /** The document the mapped offsets point into: the template, or the file DefinitionUri names. */
  readonly targetUri: string;
  readonly analysis: Analysis;
}

export interface TemplateAnalysis {
  readonly uri: string;
  readonly scan: TemplateScan;
  readonly machines: EmbeddedMachine[];
  /** Every machine's diagnostics at template positions, with the template's own problems. */
  diagnostics(): Promise<Diagnostic[]>;
  /** One machine's diagnostics at template positions (or in its own file, given the file's text). */
  machineDiagnostics(machine: EmbeddedMachine, fileText?: string): Promise<Diagnostic[]>;
  /** The machine whose definition holds the position, and the position inside its definition. */
  at(position: Position): { machine: EmbeddedMachine; position: Position } | undefined;
  /**
   * A feature's answer for a machine, its ranges, URIs and edits taken back to the template; for a
   * definition in a file of its own (DefinitionUri), into that file given its text, else onto the reference.
   */
  toTemplate<T>(machine: EmbeddedMachine, answer: T, fileText?: string): T;
  /** A placeholder's value and origin at a position of the template, or of a machine's own file given its text. */
  hover(position: Position, file?: { machine: EmbeddedMachine; text: string }): Hover | undefined;
  /** A template span as a range. */
  rangeOf(start: number, end: number): Range;
  symbols(inner: (machine: EmbeddedMachine) => DocumentSymbol[]): DocumentSymbol[];
}

type Analyze = (source: DefinitionSource, options: { machineType?: 'STANDARD' | 'EXPRESS' }) => Analysis;

/** `file:///t.yaml#Machine` -> the template's URI and the machine's id. */
export function splitMachineUri(uri: string): { templateUri: string; id?: string } {
  const hash = uri.indexOf('#');
  return hash < 0 ? { templateUri: uri } : { templateUri: uri.slice(0, hash), id: decodeURIComponent(uri.slice(hash + 1)) };
}

export function machineUri(templateUri: string, id: string): string {
  return `${templateUri}#${encodeURIComponent(id)}`;
}

/** Reads from disk (a `file:` URI); the server puts the editor's open documents first. */
export const readFromDisk: ReadFile = (uri) => {
  try {
    return fs.readFileSync(fileURLToPath(uri), 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
};

/** The values file nearest the template, from its folder up. */
function valuesFor(templateUri: string, read: ReadFile): Record<string, string> {
  if (!templateUri.startsWith('file:')) return {};
  for (let folder = path.dirname(fileURLToPath(templateUri)); ; folder = path.dirname(folder)) {
    const text = read(pathToFileURL(path.join(folder, VALUES_FILE)).toString());
    if (text !== undefined) {
      try {
        const values = JSON.parse(text) as unknown;
        if (values && typeof values === 'object') return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
      } catch {
        return {};
      }
    }
    if (path.dirname(folder) === folder) return {};
  }
}

/** Files that may be templates, by name (as the client's document selector picks them). */
const TEMPLATE_FILE = /^(template|.+[.-]template|.+\.cfn)\.(ya?ml|json)$|^serverless\.ya?ml$|\.tf$/i;
/** How many folders up from a definition file a template referring to it is looked for. */
const TEMPLATE_SEARCH_DEPTH = 3;

/** One template analysis per URI and text (and the texts of the files it refers to), as the one analysis keeps one per document version. */
export function createTemplateAnalyzer(analyze: Analyze, forget: (uri: string) => void) {
  const cache = new Map<string, { text: string; values: string; files: Map<string, string | undefined>; analysis: TemplateAnalysis | undefined }>();
  const analyzeTemplate = (uri: string, text: string, read: ReadFile = readFromDisk): TemplateAnalysis | undefined => {
    // An ordinary definition: its folders are not searched for a values file.
    if (!mayHoldMachine(uri, text)) {
      cache.delete(uri);
      return undefined;
    }
    const values = valuesFor(uri, read);
    const valuesKey = JSON.stringify(values);
    const cached = cache.get(uri);
    const filesUnchanged = (files: Map<string, string | undefined>) => [...files].every(([file, seen]) => read(file) === seen);
    if (cached && cached.text === text && cached.values === valuesKey && filesUnchanged(cached.files)) return cached.analysis;
    const relative = (file: string) => uri.startsWith('file:') ? pathToFileURL(path.resolve(path.dirname(fileURLToPath(uri)), file)).toString() : undefined;
    // Typing inside a definition edits its text in place; anything else reads the template again.
    const edited = cached?.analysis && cached.values === valuesKey && filesUnchanged(cached.files) ? scanAfterEdit(cached.analysis.scan, cached.text, text) : undefined;
    const files = edited ? cached!.files : new Map<string, string | undefined>();
    const readFile = (file: string) => {
      const target = relative(file);
      if (!target) return undefined;
      const fileText = read(target);
      files.set(target, fileText);
      return fileText;
    };
    const scan = edited ?? scanTemplate(uri, text, { values, readFile });
    const analysis = scan && templateAnalysis(uri, text, scan, analyze, relative);
    cache.set(uri, { text, values: valuesKey, files, analysis });
    return analysis;
  };
  return {
    /** The template's analysis, or undefined when the text holds no state machine (it then gets nothing). */
    analyzeTemplate,
    /**
     * The template machine whose DefinitionUri (templatefile, `${file(...)}`) names a definition file, found
     * beside the file or in the folders above it: its values fill the file's placeholders.
     */
    machineOfFile(uri: string, read: ReadFile = readFromDisk): { template: TemplateAnalysis; machine: EmbeddedMachine } | undefined {
      if (!uri.startsWith('file:')) return undefined;
      const file = fileURLToPath(uri);
      let folder = path.dirname(file);
      for (let depth = 0; depth < TEMPLATE_SEARCH_DEPTH; depth++, folder = path.dirname(folder)) {
        let names: string[];
        try {
          names = fs.readdirSync(folder).filter((name) => TEMPLATE_FILE.test(name));
        } catch {
          names = [];
        }
        for (const name of names) {
          const templateUri = pathToFileURL(path.join(folder, name)).toString();
          const text = read(templateUri);
          const template = text === undefined ? undefined : analyzeTemplate(templateUri, text, read);
          const machine = template?.machines.find((candidate) => candidate.definition.file && fileURLToPath(candidate.targetUri) === file);
          if (machine) return { template: template!, machine };
        }
        if (path.dirname(folder) === folder) break;
      }
      return undefined;
    },
    /** The template closed: neither it nor its machines' analyses are kept. */
    forgetTemplate(uri: string): void {
      for (const machine of cache.get(uri)?.analysis?.machines ?? []) forget(machine.uri);
      cache.delete(uri);
    },
  };
}

function templateAnalysis(uri: string, text: string, scan: TemplateScan, analyze: Analyze, relative: (file: string) => string | undefined): TemplateAnalysis {
  const template = TextDocument.create(uri, 'template', 0, text);
  const machines: EmbeddedMachine[] = scan.definitions.map((definition) => {
    const own = machineUri(uri, definition.id);
    return {
      definition,
      uri: own,
      targetUri: definition.file ? relative(definition.file.path) ?? uri : uri,
      analysis: analyze({ uri: own, languageId: definition.language === 'yaml' ? 'asl-yaml' : 'asl', text: definition.mapped.text }, { machineType: definition.machineType }),
    };
  });
  const range = (start: number, end: number): Range => ({ start: template.positionAt(start), end: template.positionAt(end) });
  const problem = ({ message, start, end, severity }: TemplateProblem): Diagnostic =>
    ({ range: range(start, end), message, severity: severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, source: SOURCE });
  const inTemplate = (machine: EmbeddedMachine) => !machine.definition.file;
  const definitionRange = (machine: EmbeddedMachine) => {
    const { mapped } = machine.definition;
    return [mapped.startInTemplate(0), mapped.endInTemplate(mapped.text.length)];
  };

  const toTemplate = <T>(machine: EmbeddedMachine, answer: T, fileText?: string): T => {
    const { mapped, file } = machine.definition;
    const own = machine.analysis.document.textDocument;
    // A definition in a file of its own maps into that file when its text is given, else onto its reference.
    const target = !file ? template : fileText !== undefined ? TextDocument.create(machine.targetUri, 'asl', 0, fileText) : undefined;
    const targetUri = file ? machine.targetUri : uri;
    const span = (start: number, end: number): Range => ({ start: target!.positionAt(start), end: target!.positionAt(Math.max(start, end)) });
    const mapRange = (value: Range): Range => {
      if (!target) return range(file!.start, file!.end);
      const start = mapped.startInTemplate(own.offsetAt(value.start));
      const endOffset = own.offsetAt(value.end);
      return span(start, endOffset === own.offsetAt(value.start) ? start : mapped.endInTemplate(endOffset));
    };
    const mapEdit = (edit: { range: Range; newText: string }) => {
      if (!target || machine.definition.readOnly) return undefined;
      const mappedEdit = mapped.editInTemplate(own.offsetAt(edit.range.start), own.offsetAt(edit.range.end), edit.newText);
      return mappedEdit && { ...edit, range: span(mappedEdit.start, mappedEdit.end), newText: mappedEdit.newText };
    };
    const walk = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(walk).filter((item) => item !== DROP);
      if (!value || typeof value !== 'object') return value === machine.uri ? targetUri : value;
      const object = value as Record<string, unknown>;
      if (isRange(object)) return mapRange(object as unknown as Range);
      if (isRange(object.range) && typeof object.newText === 'string') return mapEdit(object as unknown as { range: Range; newText: string }) ?? DROP;
      const result: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(object)) {
        const mappedValue = walk(inner);
        // An edit that cannot land on the template is left out (a completion then inserts its label).
        if (mappedValue !== DROP) result[key === machine.uri ? targetUri : key] = mappedValue;
      }
      return result;
    };
    return walk(answer) as T;
  };

  const machineDiagnostics = async (machine: EmbeddedMachine, fileText?: string): Promise<Diagnostic[]> => {
    const own = await machine.analysis.diagnostics();
    if (!machine.definition.file) return [...machine.definition.problems.map(problem), ...toTemplate(machine, own)];
    if (fileText !== undefined) {
      const file = TextDocument.create(machine.targetUri, 'asl', 0, fileText);
      return [...machine.definition.problems.map((found) => ({ ...problem(found), range: { start: file.positionAt(found.start), end: file.positionAt(found.end) } })), ...toTemplate(machine, own, fileText)];
    }
    // The definition is in a file of its own: its problems, by line there, at the reference (placeholders' values hold no line break).
    const { path: file, start, end } = machine.definition.file;
    return [...machine.definition.problems.map(problem), ...own].map((diagnostic) =>
      ({ ...diagnostic, message: `${file}:${diagnostic.range.start.line + 1}: ${diagnostic.message}`, range: range(start, end) }));
  };

  return {
    uri,
    scan,
    machines,
    async diagnostics() {
      const all = scan.problems.map(problem);
      for (const machine of machines) all.push(...await machineDiagnostics(machine));
      return all;
    },
    machineDiagnostics,
    at(position) {
      const offset = template.offsetAt(position);
      for (const machine of machines) {
        if (!inTemplate(machine)) continue;
        const [start, end] = definitionRange(machine);
        const inner = offset >= start && offset <= end ? machine.definition.mapped.toDefinition(offset) : undefined;
        if (inner !== undefined) return { machine, position: machine.analysis.document.textDocument.positionAt(inner) };
      }
      return undefined;
    },
    toTemplate,
    rangeOf: range,
    hover(position, file) {
      const document = file ? TextDocument.create(file.machine.targetUri, 'asl', 0, file.text) : template;
      const offset = document.offsetAt(position);
      for (const machine of file ? [file.machine] : machines.filter(inTemplate)) {
        const placeholder = machine.definition.placeholders.find((candidate) => offset >= candidate.start && offset < candidate.end);
        if (placeholder) {
          return {
            range: { start: document.positionAt(placeholder.start), end: document.positionAt(placeholder.end) },
            contents: { kind: MarkupKind.Markdown, value: `\`${placeholder.name}\` = \`${placeholder.value}\`\n\nfrom ${placeholder.origin}` },
          };
        }
      }
      return undefined;
    },
    symbols(inner) {
      return machines.map((machine) => {
        const { idStart, idEnd, id } = machine.definition;
        const [, end] = inTemplate(machine) ? definitionRange(machine) : [idEnd, idEnd];
        return {
          name: id,
          detail: machine.definition.readOnly ? 'state machine (read-only)' : 'state machine',
          kind: SymbolKind.Class,
          range: range(idStart, Math.max(idEnd, end)),
          selectionRange: range(idStart, idEnd),
          children: inTemplate(machine) ? toTemplate(machine, inner(machine)) : [],
        };
      });
    },
  };
}

const DROP = Symbol('drop');

function isPosition(value: unknown): boolean {
  return !!value && typeof value === 'object' && typeof (value as Position).line === 'number' && typeof (value as Position).character === 'number';
}

function isRange(value: unknown): boolean {
  return !!value && typeof value === 'object' && isPosition((value as Range).start) && isPosition((value as Range).end);
}
