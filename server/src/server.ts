// The language server process: thin glue between the LSP connection and the language service.
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from './languageService';
import { ServerInfoRequest } from './protocol';
import { interpreter } from './execution/engine';
import { listenForRuns } from './execution/handlers';
import { version as SERVER_VERSION } from '../../package.json';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const service = getLanguageService();

/** Revalidation waits for typing to settle, so keystrokes never queue validations. */
const VALIDATION_DELAY_MS = 200;
const pendingValidations = new Map<string, NodeJS.Timeout>();

connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: TextDocumentSyncKind.Incremental,
  },
  serverInfo: { name: 'asl-workbench', version: SERVER_VERSION },
}));

connection.onRequest(ServerInfoRequest, () => ({ name: 'asl-workbench', version: SERVER_VERSION }));
listenForRuns(connection, service, interpreter);

documents.onDidChangeContent(({ document }) => scheduleValidation(document));
documents.onDidClose(({ document }) => {
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
  try {
    const diagnostics = await service.doValidation(service.parse(document));
    // A newer edit has its own validation coming; stale results would flicker.
    if (documents.get(document.uri)?.version !== version) return;
    await connection.sendDiagnostics({ uri: document.uri, version, diagnostics });
  } catch (error) {
    connection.console.error(`Validation of ${document.uri} failed: ${error instanceof Error ? error.stack : String(error)}`);
  }
}

documents.listen(connection);
connection.listen();
