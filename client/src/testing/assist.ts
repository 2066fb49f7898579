// Editing help in test files from the server (server/src/testing/assist.ts): the state and test-case
// names they use checked as they are typed, and completed.
import * as vscode from 'vscode';
import { TestFileAssistRequest } from '../../../server/src/protocol';
import type { WorkbenchHost } from '../context';

const TEST_FILES = '**/*.asl.test.{json,yaml,yml}';
const TEST_FILE = /\.asl\.test\.(json|ya?ml)$/i;
/** Checks wait for typing to settle. */
const CHECK_DELAY_MS = 300;

const toRange = (range: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
  new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);

export function registerTestFileAssist(workbench: WorkbenchHost): vscode.Disposable[] {
  const diagnostics = vscode.languages.createDiagnosticCollection('asl-test');
  const pending = new Map<string, NodeJS.Timeout>();

  const check = async (document: vscode.TextDocument) => {
    const version = document.version;
    const assist = await workbench.client.sendRequest(TestFileAssistRequest, { file: document.uri.fsPath, text: document.getText() }).catch(() => undefined);
    if (!assist || document.isClosed || document.version !== version) return;
    diagnostics.set(document.uri, assist.diagnostics.map((diagnostic) => {
      const shown = new vscode.Diagnostic(toRange(diagnostic.range), typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value, vscode.DiagnosticSeverity.Error);
      shown.source = diagnostic.source ?? 'asl-test';
      return shown;
    }));
  };
  const schedule = (document: vscode.TextDocument) => {
    if (!TEST_FILE.test(document.uri.fsPath)) return;
    clearTimeout(pending.get(document.uri.toString()));
    pending.set(document.uri.toString(), setTimeout(() => void check(document), CHECK_DELAY_MS));
  };

  const completion = vscode.languages.registerCompletionItemProvider({ pattern: TEST_FILES }, {
    async provideCompletionItems(document, position) {
      const assist = await workbench.client.sendRequest(TestFileAssistRequest, { file: document.uri.fsPath, text: document.getText(), offset: document.offsetAt(position) });
      const fits = assist.completions;
      if (!fits) return undefined;
      const json = document.uri.fsPath.toLowerCase().endsWith('.json');
      return fits.names.map((name) => {
        const item = new vscode.CompletionItem(name, vscode.CompletionItemKind.Value);
        item.insertText = json ? JSON.stringify(name) : name;
        if (fits.replace) {
          item.range = toRange(fits.replace);
          item.filterText = item.insertText;
        }
        return item;
      });
    },
  }, '"');

  vscode.workspace.textDocuments.forEach(schedule);
  return [
    diagnostics, completion,
    vscode.workspace.onDidOpenTextDocument(schedule),
    vscode.workspace.onDidChangeTextDocument(({ document }) => schedule(document)),
    vscode.workspace.onDidCloseTextDocument((document) => diagnostics.delete(document.uri)),
    { dispose: () => pending.forEach((timer) => clearTimeout(timer)) },
  ];
}
