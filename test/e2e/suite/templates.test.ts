// A SAM template holding state machines, in the real extension host: the language client sends it
// to the server without configuration, the diagnostics and the graph of its machines come back at
// template positions, and a run of one machine succeeds with its placeholders filled.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExecutionRecord } from '../../../client/src/runs/store';
import { diagnosticsOf, extension, sendToServer, workspaceFile } from './helpers';
import { GraphModelRequest, TemplateMachinesRequest } from '../../../server/src/protocol';

describe('State machines inside templates', () => {
  const template = () => workspaceFile('sam/template.yaml');

  it('matches the template by its name and reports its DefinitionString error at the template line', async () => {
    const document = await vscode.workspace.openTextDocument(template());
    await vscode.window.showTextDocument(document);
    assert.ok(vscode.languages.match({ scheme: 'file', pattern: '**/{template,*.template,*-template,*.cfn}.{yaml,yml,json}' }, document) > 0, `the selector matches ${document.uri.toString()} (${document.languageId})`);
    const diagnostics = await diagnosticsOf(document.uri);
    assert.deepStrictEqual(diagnostics.map(({ message, range }) => [message, range.start.line, range.start.character]), [
      ["MISSING_TRANSITION_TARGET: Missing 'Next' target: Notify at /States/Refund/Next", 49, 81],
    ]);
  });

  it('lists the machines, draws one located in the template, and runs it', async () => {
    const uri = template().toString();
    const machines = await sendToServer(TemplateMachinesRequest, { uri });
    assert.deepStrictEqual(machines.map((machine) => machine.id), ['Orders', 'Refunds']);
    const graph = await sendToServer(GraphModelRequest, { uri: `${uri}#Orders` });
    const receive = graph?.model.root.nodes.find((node) => node.name === 'Receive');
    assert.deepStrictEqual(receive?.location?.keyRange.start, { line: 22, character: 10 });
    const executionArn = await vscode.commands.executeCommand<string | undefined>('aslWorkbench.runLocally', `${uri}#Orders`, { input: '{"total": 250}', name: 'in-host-orders' });
    assert.ok(executionArn, 'the run started');
    const record = await finished(executionArn);
    assert.strictEqual(record.status, 'SUCCEEDED');
    assert.strictEqual(record.machineUri, `${uri}#Orders`);
  });
});

/** The executions list's record of a finished execution. */
async function finished(executionArn: string, timeoutMs = 30_000): Promise<ExecutionRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const records = extension().exports.extension.workspaceState.get<ExecutionRecord[]>('aslWorkbench.executionIndex') ?? [];
    const record = records.find((candidate) => candidate.executionArn === executionArn && candidate.status !== 'RUNNING');
    if (record) return record;
    if (Date.now() > deadline) throw new Error(`${executionArn} did not end within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
