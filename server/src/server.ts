// The language server process: thin glue between the LSP connection and the language service.
import { CodeActionKind, type Position, createConnection, ErrorCodes, ProposedFeatures, ResponseError, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService, RenameError } from './languageService';
import type { AslDocument } from './languageService/aslDocument';
import type { Analysis } from './languageService/analysis';
import { DesignCompletionRequest, DesignEditRequest, DesignStateRequest, type GraphModel, GraphModelRequest, ServerInfoRequest, TemplateMachinesRequest, TemplatesRequest } from './protocol';
import { atPosition, designInTemplate, everyMachine, formatInTemplate, rangeInMachine, templateCodeLenses, templateMachines } from './languageService/templateFeatures';
import { readFromDisk, splitMachineUri, type TemplateAnalysis } from './languageService/templates';
import { templates, templateText } from './core/templates';
import { interpreter } from './execution/interpreter';
import { listenForRuns } from './execution/handlers';
import { listenForTests } from './testing/handlers';
import { listenForPublish } from './execution/remote/handlers';
import { launchInChildProcess } from './execution/launch';
import { version as SERVER_VERSION } from '../../package.json';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const service = getLanguageService();
const SERVER_INFO = { name: 'asl-workbench', version: SERVER_VERSION };

/** Revalidation waits for typing to settle, so keystrokes never queue validations. */
const VALIDATION_DELAY_MS = 200;
const pendingValidations = new Map<string, NodeJS.Timeout>();

connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    completionProvider: { triggerCharacters: ['"', ':', '$', '.', ' '] },
    hoverProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    renameProvider: { prepareProvider: true },
    documentSymbolProvider: true,
    foldingRangeProvider: true,
    selectionRangeProvider: true,
    documentFormattingProvider: true,
    documentRangeFormattingProvider: true,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
    codeLensProvider: { resolveProvider: false },
  },
  serverInfo: SERVER_INFO,
}));

connection.onRequest(ServerInfoRequest, () => SERVER_INFO);
connection.onRequest(TemplatesRequest, () => templates.map((template) =>
  ({ id: template.id, label: template.label, description: template.description, text: templateText(template) })));
connection.onRequest(GraphModelRequest, async ({ uri }) => {
  const version = documents.get(splitMachineUri(uri).templateUri)?.version;
  const entry = analysis(uri);
  if (!entry || version === undefined) return null;
  const model = await graphModelOf(entry);
  // A template's machine: its states located in the template.
  const { templateUri, id } = splitMachineUri(uri);
  const machine = id === undefined ? undefined : template(templateUri)?.machines.find((candidate) => candidate.uri === uri);
  return { version, model: machine ? template(templateUri)!.toTemplate(machine, model) : model };
});
/** Each analysis's graph model, built once: the graph asks again for a version when its diagnostics are published. */
const graphModels = new WeakMap<Analysis, Promise<GraphModel>>();
function graphModelOf(entry: Analysis): Promise<GraphModel> {
  let model = graphModels.get(entry);
  if (!model) graphModels.set(entry, model = entry.diagnostics().then((diagnostics) => service.getGraphModel(entry.document, diagnostics)));
  return model;
}
connection.onRequest(TemplateMachinesRequest, ({ uri }) => {
  const found = template(uri);
  return found ? templateMachines(found) : [];
});

connection.onRequest(DesignEditRequest, async ({ uri, version, operation }) => {
  // The editor's last change may still be on its way: an operation computed on another version would land in the wrong place.
  const { templateUri } = splitMachineUri(uri);
  if (!await versionArrived(templateUri, version)) return { error: 'The document changed meanwhile: try again.' };
  const entry = analysis(uri);
  if (!entry) return { error: 'The document is not open.' };
  // A template's machine: the edit written in the template (or the file its DefinitionUri names).
  const inTemplate = templateUri === uri ? undefined : template(templateUri);
  const machine = inTemplate?.machines.find((candidate) => candidate.uri === uri);
  const result = service.designEdit(entry.document, operation, { machineType: machine?.definition.machineType });
  if (!inTemplate || !machine) return result;
  const text = documents.get(templateUri)!.getText();
  const reanalyze = (edited: string) => service.analyzeTemplate(templateUri, edited, readOpenFirst);
  return designInTemplate(inTemplate, machine, result, { text, reanalyze, fileText: machine.definition.file && readOpenFirst(machine.targetUri) });
});

/** How long a request waits for the document version the client saw. */
const VERSION_WAIT_MS = 2000;

/** Resolves true once the server has `version` of the document (false when it has another, or never gets it). */
function versionArrived(uri: string, version: number): Promise<boolean> {
  const current = documents.get(uri)?.version;
  if (current === version) return Promise.resolve(true);
  if (current === undefined || current > version) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(false), VERSION_WAIT_MS);
    const listener = documents.onDidChangeContent(({ document }) => {
      if (document.uri === uri && document.version >= version) finish(document.version === version);
    });
    function finish(arrived: boolean) {
      clearTimeout(timer);
      listener.dispose();
      resolve(arrived);
    }
  });
}

connection.onRequest(DesignStateRequest, ({ uri, state }) => {
  const entry = analysis(uri);
  return (entry && service.designState(entry.document, state)) ?? null;
});

connection.onRequest(DesignCompletionRequest, (params) => {
  const entry = analysis(params.uri);
  return entry ? service.designCompletion(entry.document, params) : [];
});

const ASL_LANGUAGES = new Set(['asl', 'asl-yaml']);

/** The analysis of an open document's version (or of `<template>#<id>`, a machine in an open template), shared by every request (Run Locally's too). */
function analysis(uri: string): Analysis | undefined {
  const textDocument = documents.get(splitMachineUri(uri).templateUri);
  if (!textDocument || (!ASL_LANGUAGES.has(textDocument.languageId) && textDocument.uri === uri)) return undefined;
  return service.analyze({ uri, languageId: textDocument.languageId, text: textDocument.getText(), version: textDocument.version });
}

/** An open document that is not a definition: the template it is, when it holds state machines. */
function template(uri: string): TemplateAnalysis | undefined {
  const textDocument = documents.get(uri);
  if (!textDocument || ASL_LANGUAGES.has(textDocument.languageId)) return undefined;
  // What the template refers to (DefinitionUri, the values file) as the editor holds it, saved or not.
  return service.analyzeTemplate(uri, textDocument.getText(), readOpenFirst);
}

/** For an open definition file holding placeholders, the template machine whose DefinitionUri names it. */
function referencedBy(uri: string) {
  const textDocument = documents.get(uri);
  if (!textDocument || !ASL_LANGUAGES.has(textDocument.languageId) || !textDocument.getText().includes('${')) return undefined;
  return service.machineOfFile(uri, readOpenFirst);
}

/** A file as the editor holds it, saved or not, else as on disk. */
function readOpenFirst(uri: string): string | undefined {
  return documents.get(uri)?.getText() ?? readFromDisk(uri);
}

/** Runs a feature on the parsed document, or answers `empty` when the document is not an open definition. */
function withDocument<T, E>(uri: string, empty: E, feature: (document: AslDocument) => T): T | E {
  const document = analysis(uri)?.document;
  return document ? feature(document) : empty;
}

/** A feature at a position: in a definition, or in the template machine's definition that holds the position. */
function withPosition<T, E>(uri: string, position: Position, empty: E, feature: (document: AslDocument, position: Position) => T): T | E {
  const inTemplate = template(uri);
  return inTemplate ? atPosition(inTemplate, position, empty, feature) : withDocument(uri, empty, (document) => feature(document, position));
}

/** A feature of the whole document: in a template, every machine's answers. */
function withEveryMachine<T>(uri: string, feature: (document: AslDocument) => T[]): T[] {
  const inTemplate = template(uri);
  return inTemplate ? everyMachine(inTemplate, feature) : withDocument(uri, [], feature);
}

/** A refused edit (a name, a CDK template's definition) is an answer for the user, not a server failure. */
function refusal<T>(edit: () => T): T | ResponseError<void> {
  try {
    return edit();
  } catch (error) {
    if (error instanceof RenameError) return new ResponseError(ErrorCodes.InvalidRequest, error.message);
    throw error;
  }
}

connection.onCompletion(({ textDocument, position }) => readOnly(textDocument.uri, position) ? null
  : withPosition(textDocument.uri, position, null, (document, at) => service.doComplete(document, at)));
connection.onHover(({ textDocument, position }) => {
  const referenced = referencedBy(textDocument.uri);
  const placeholder = referenced ? referenced.template.hover(position, { machine: referenced.machine, text: documents.get(textDocument.uri)!.getText() }) : template(textDocument.uri)?.hover(position);
  return placeholder ?? withPosition(textDocument.uri, position, null, (document, at) => service.doHover(document, at));
});
connection.onDefinition(({ textDocument, position }) => withPosition(textDocument.uri, position, [], (document, at) => service.findDefinition(document, at)));
connection.onReferences(({ textDocument, position, context }) =>
  withPosition(textDocument.uri, position, [], (document, at) => service.findReferences(document, at, context.includeDeclaration)));
connection.onPrepareRename(({ textDocument, position }) => refusal(() => {
  readOnlyAt(textDocument.uri, position);
  return withPosition(textDocument.uri, position, null, (document, at) => service.prepareRename(document, at));
}));
connection.onRenameRequest(({ textDocument, position, newName }) => refusal(() => {
  readOnlyAt(textDocument.uri, position);
  return withPosition(textDocument.uri, position, null, (document, at) => service.doRename(document, at, newName));
}));
connection.onDocumentSymbol(({ textDocument }) => {
  const inTemplate = template(textDocument.uri);
  return inTemplate ? inTemplate.symbols((machine) => service.findDocumentSymbols(machine.analysis.document)) : withDocument(textDocument.uri, [], (document) => service.findDocumentSymbols(document));
});
// A template keeps its own folding (YAML's, JSON's): ours covers definition files only.
connection.onFoldingRanges(({ textDocument }) => withDocument(textDocument.uri, [], (document) => service.getFoldingRanges(document)));
connection.onSelectionRanges(({ textDocument, positions }) => {
  const inTemplate = template(textDocument.uri);
  if (!inTemplate) return withDocument(textDocument.uri, [], (document) => service.getSelectionRanges(document, positions));
  return positions.flatMap((position) => atPosition(inTemplate, position, [], (document, at) => service.getSelectionRanges(document, [at])));
});
connection.onDocumentFormatting(({ textDocument, options }) => withEveryMachine(textDocument.uri, (document) => {
  const edits = service.format(document, undefined, options);
  return template(textDocument.uri) ? formatInTemplate(document, edits) : edits;
}));
connection.onDocumentRangeFormatting(({ textDocument, range, options }) => {
  const inTemplate = template(textDocument.uri);
  if (!inTemplate) return withDocument(textDocument.uri, [], (document) => service.format(document, range, options));
  const inner = rangeInMachine(inTemplate, range);
  return inner ? inTemplate.toTemplate(inner.machine, formatInTemplate(inner.machine.analysis.document, service.format(inner.machine.analysis.document, inner.range, options))) : [];
});
connection.onCodeAction(({ textDocument, range, context }) => {
  const inTemplate = template(textDocument.uri);
  if (!inTemplate) return withDocument(textDocument.uri, [], (document) => service.doCodeActions(document, range, context.diagnostics));
  const inner = rangeInMachine(inTemplate, range);
  if (!inner || inner.machine.definition.readOnly) return [];
  // The editor hands back diagnostics at template positions: those of this machine, at its definition's.
  const diagnostics = context.diagnostics.flatMap((diagnostic) => {
    const at = rangeInMachine(inTemplate, diagnostic.range);
    return at?.machine === inner.machine ? [{ ...diagnostic, range: at.range }] : [];
  });
  return inTemplate.toTemplate(inner.machine, service.doCodeActions(inner.machine.analysis.document, inner.range, diagnostics));
});
connection.onCodeLens(({ textDocument }) => {
  const inTemplate = template(textDocument.uri);
  return inTemplate ? templateCodeLenses(inTemplate) : withDocument(textDocument.uri, [], (document) => service.findCodeLenses(document));
});

/** Why the definition at the position may not be edited here (a CDK template's), if it may not. */
function readOnly(uri: string, position: Position): string | undefined {
  return template(uri)?.at(position)?.machine.definition.readOnly;
}

/** Throws the refusal when the position is in a definition that may not be edited here. */
function readOnlyAt(uri: string, position: Position): void {
  const why = readOnly(uri, position);
  if (why) throw new RenameError(`This definition is read-only: ${why}.`);
}
// Executions run in processes of their own (dist/executionProcess.js, bundled beside this file).
listenForRuns(connection, service, interpreter, launchInChildProcess());
listenForTests(connection, service);
listenForPublish(connection, service);

documents.onDidChangeContent(({ document }) => scheduleValidation(document));
documents.onDidClose(({ document }) => {
  service.forget(document.uri);
  clearTimeout(pendingValidations.get(document.uri));
  pendingValidations.delete(document.uri);
  void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
});

const NO_DIAGNOSTICS = { diagnostics: async () => [] };

function scheduleValidation(document: TextDocument): void {
  clearTimeout(pendingValidations.get(document.uri));
  pendingValidations.set(document.uri, setTimeout(() => {
    pendingValidations.delete(document.uri);
    void validate(document);
  }, VALIDATION_DELAY_MS));
}

async function validate(document: TextDocument): Promise<void> {
  const version = document.version;
  // A template's machines; an ordinary YAML or JSON file gets no diagnostics at all. A definition file a
  // template names (DefinitionUri) is checked with that template's values in its placeholders.
  const referenced = referencedBy(document.uri);
  const entry = referenced ? { diagnostics: () => referenced.template.machineDiagnostics(referenced.machine, document.getText()) }
    : ASL_LANGUAGES.has(document.languageId) ? analysis(document.uri) : template(document.uri) ?? NO_DIAGNOSTICS;
  if (!entry) return;
  try {
    const diagnostics = await entry.diagnostics();
    // A newer edit has its own validation coming; stale results would flicker.
    if (documents.get(document.uri)?.version !== version) return;
    await connection.sendDiagnostics({ uri: document.uri, version, diagnostics });
  } catch (error) {
    connection.console.error(`Validation of ${document.uri} failed: ${error instanceof Error ? error.stack : String(error)}`);
  }
}

documents.listen(connection);
connection.listen();
