// Shared by the in-host suites: the extension under test and the fixture workspace.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { WorkbenchContext } from '../../../client/src/context';

export const EXTENSION_ID = 'asl-workbench.asl-workbench';

export function extension(): vscode.Extension<WorkbenchContext> {
  const found = vscode.extensions.getExtension<WorkbenchContext>(EXTENSION_ID);
  assert.ok(found, `${EXTENSION_ID} is not loaded`);
  return found;
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture workspace is not open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Resolves with the first non-empty diagnostics of `uri`. */
export function diagnosticsOf(uri: vscode.Uri, timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (diagnostics.length === 0) return false;
      listener.dispose();
      clearTimeout(timer);
      resolve(diagnostics);
      return true;
    };
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => { listener.dispose(); reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)); }, timeoutMs);
    check();
  });
}

/**
 * Sends a request declared in server/src/protocol.ts to the running language server. By method
 * name: the bundled client has its own copy of vscode-jsonrpc, which rejects the test's RequestType
 * objects ("Unknown parameter structure auto").
 */
export function sendToServer<R>(type: RequestType0<R, void>): Promise<R>;
export function sendToServer<P, R>(type: RequestType<P, R, void>, params: P): Promise<R>;
export function sendToServer<R>(type: { method: string }, ...params: [] | [unknown]): Promise<R> {
  const client = extension().exports.client;
  return params.length === 0 ? client.sendRequest<R>(type.method) : client.sendRequest<R>(type.method, params[0]);
}

/**
 * Resolves once every untitled document the extension host knows is still in a tab. VS Code reuses the
 * name of a closed untitled document ("Untitled-1") before the extension host has dropped it, and
 * `openTextDocument({ content })` then hands back the old document with the old text.
 */
export async function closedUntitledDocumentsDropped(timeoutMs = 10_000): Promise<void> {
  const inTabs = () => new Set(vscode.window.tabGroups.all.flatMap((group) => group.tabs)
    .map((tab) => (tab.input instanceof vscode.TabInputText ? tab.input.uri.toString() : '')));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const shown = inTabs();
    const lingering = vscode.workspace.textDocuments.filter((document) => document.isUntitled && !shown.has(document.uri.toString()));
    if (lingering.length === 0) return;
    if (Date.now() > deadline) throw new Error(`closed untitled documents still open after ${timeoutMs} ms: ${lingering.map((d) => d.uri.toString()).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A new untitled document with `content`, safe right after other untitled documents were closed. */
export async function openUntitled(content: string, language: string): Promise<vscode.TextDocument> {
  await closedUntitledDocumentsDropped();
  return vscode.workspace.openTextDocument({ language, content });
}

/** Resolves with the first value `next` gives, checked on each event of `onEvent`. */
export function when<E, T>(onEvent: vscode.Event<E>, next: (event: E) => T | undefined, timeoutMs: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { listener.dispose(); reject(new Error(`${what} did not happen within ${timeoutMs} ms`)); }, timeoutMs);
    const listener = onEvent((event) => {
      const found = next(event);
      if (found === undefined) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(found);
    });
  });
}
