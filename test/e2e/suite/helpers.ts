// Shared by the in-host suites: the extension under test and the fixture workspace.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { RequestType } from 'vscode-languageserver-protocol';
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
export function sendToServer<P, R>(type: RequestType<P, R, void>, params: P): Promise<R> {
  return extension().exports.client.sendRequest<R>(type.method, params);
}
