// The language server process: thin glue between the LSP connection and the language service.
import { CodeActionKind, createConnection, ErrorCodes, ProposedFeatures, ResponseError, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService, RenameError } from './languageService';
import type { AslDocument } from './languageService/aslDocument';
import type { Analysis } from './languageService/analysis';
import { DesignEditRequest, DesignStateRequest, GraphModelRequest, ServerInfoRequest, TemplatesRequest } from './protocol';
import { templates, templateText } from './core/templates';
import { interpreter } from './execution/engine';
import { listenForRuns } from './execution/handlers';
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
  const version = documents.get(uri)?.version;
  const entry = analysis(uri);
  if (!entry || version === undefined) return null;
  return { version, model: service.getGraphModel(entry.document, await entry.diagnostics()) };
});

connection.onRequest(DesignEditRequest, async ({ uri, version, operation }) => {
  // The editor's last change may still be on its way: an operation computed on another version would land in the wrong place.
  if (!await versionArrived(uri, version)) return { error: 'The document changed meanwhile: try again.' };
  const entry = analysis(uri);
  return entry ? service.designEdit(entry.document, operation) : { error: 'The document is not open.' };
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

/** The analysis of an open document's version, shared by every request (Run Locally's too). */
function analysis(uri: string): Analysis | undefined {
  const textDocument = documents.get(uri);
  return textDocument && service.analyze({ uri, languageId: textDocument.languageId, text: textDocument.getText(), version: textDocument.version });
}

function parsed(uri: string): AslDocument | undefined {
  return analysis(uri)?.document;
}

/** Runs a feature on the parsed document, or answers `empty` when the document is not open. */
function withDocument<T, E>(uri: string, empty: E, feature: (document: AslDocument) => T): T | E {
  const document = parsed(uri);
  return document ? feature(document) : empty;
}

connection.onCompletion(({ textDocument, position }) => withDocument(textDocument.uri, null, (document) => service.doComplete(document, position)));
connection.onHover(({ textDocument, position }) => withDocument(textDocument.uri, null, (document) => service.doHover(document, position)));
connection.onDefinition(({ textDocument, position }) => withDocument(textDocument.uri, [], (document) => service.findDefinition(document, position)));
connection.onReferences(({ textDocument, position, context }) =>
  withDocument(textDocument.uri, [], (document) => service.findReferences(document, position, context.includeDeclaration)));
connection.onPrepareRename(({ textDocument, position }) => withDocument(textDocument.uri, null, (document) => service.prepareRename(document, position)));
connection.onRenameRequest(({ textDocument, position, newName }) => withDocument(textDocument.uri, null, (document) => {
  try {
    return service.doRename(document, position, newName);
  } catch (error) {
    // A refused name is an answer for the user, not a server failure.
    if (error instanceof RenameError) return new ResponseError(ErrorCodes.InvalidRequest, error.message);
    throw error;
  }
}));
connection.onDocumentSymbol(({ textDocument }) => withDocument(textDocument.uri, [], (document) => service.findDocumentSymbols(document)));
connection.onFoldingRanges(({ textDocument }) => withDocument(textDocument.uri, [], (document) => service.getFoldingRanges(document)));
connection.onSelectionRanges(({ textDocument, positions }) => withDocument(textDocument.uri, [], (document) => service.getSelectionRanges(document, positions)));
connection.onDocumentFormatting(({ textDocument, options }) => withDocument(textDocument.uri, [], (document) => service.format(document, undefined, options)));
connection.onDocumentRangeFormatting(({ textDocument, range, options }) => withDocument(textDocument.uri, [], (document) => service.format(document, range, options)));
connection.onCodeAction(({ textDocument, range, context }) => withDocument(textDocument.uri, [], (document) => service.doCodeActions(document, range, context.diagnostics)));
connection.onCodeLens(({ textDocument }) => withDocument(textDocument.uri, [], (document) => service.findCodeLenses(document)));
// Executions run in processes of their own (dist/executionProcess.js, bundled beside this file).
listenForRuns(connection, service, interpreter, launchInChildProcess());

documents.onDidChangeContent(({ document }) => scheduleValidation(document));
documents.onDidClose(({ document }) => {
  service.forget(document.uri);
  clearTimeout(pendingValidations.get(document.uri));
  pendingValidations.delete(document.uri);
  void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
});

function scheduleValidation(document: TextDocument): void {
  clearTimeout(pendingValidations.get(document.uri));
  pendingValidations.set(document.uri, setTimeout(() => {
    pendingValidations.delete(document.uri);
    void validate(document);
  }, VALIDATION_DELAY_MS));
}

async function validate(document: TextDocument): Promise<void> {
  const version = document.version;
  const entry = analysis(document.uri);
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
