// The extension activates on ASL documents, starts its language server, and that server
// reports real JSON syntax errors where they are.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { ServerInfoRequest } from '../../../server/src/protocol';
import { version } from '../../../package.json';
import { diagnosticsOf, extension, sendToServer, workspaceFile } from './helpers';
import { report } from './results';

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('activation', () => {
  it('activates on opening an .asl.json and its language server answers', async () => {
    const asl = extension();
    assert.strictEqual(asl.isActive, false, 'active before any ASL document was opened');
    const opened = performance.now();
    const document = await vscode.workspace.openTextDocument(workspaceFile('hello.asl.json'));
    assert.strictEqual(document.languageId, 'asl');
    await until(() => asl.isActive, 30_000, 'activation');
    const activationMs = performance.now() - opened;
    const info = await sendToServer(ServerInfoRequest);
    assert.deepStrictEqual(info, { name: 'asl-workbench', version });
    report(`  activation: ${activationMs.toFixed(0)} ms from opening hello.asl.json (language server started),`
      + ` first request answered after ${(performance.now() - opened).toFixed(0)} ms`);
  });

  it('gives .asl.yaml documents the asl-yaml language', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceFile('hello.asl.yaml'));
    assert.strictEqual(document.languageId, 'asl-yaml');
  });

  it('reports a JSON syntax error at its line', async () => {
    const uri = workspaceFile('broken.asl.json');
    await vscode.window.showTextDocument(uri);
    const diagnostics = await diagnosticsOf(uri);
    const [missingComma, ...others] = diagnostics;
    assert.deepStrictEqual(others, []);
    assert.match(missingComma.message, /Expected comma/);
    assert.strictEqual(missingComma.severity, vscode.DiagnosticSeverity.Error);
    // `"Second"` on line 8 follows the `}` of "First" without a comma.
    assert.deepStrictEqual([missingComma.range.start.line, missingComma.range.start.character], [7, 4]);
  });
});
