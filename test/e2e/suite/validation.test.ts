// The language server's ASL diagnostics reach the editor: each mistake of invalid.asl.json at its
// range, with the code and data its quick fix uses, and a JSONata error inside a string after an edit.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { diagnosticsOf, openUntitled, workspaceFile } from './helpers';

type Seen = [message: string, range: [number, number, number, number], code: unknown];

function seen(diagnostics: readonly vscode.Diagnostic[]): Seen[] {
  return diagnostics.map(({ message, range, code }) => [message, [range.start.line, range.start.character, range.end.line, range.end.character], code]);
}

describe('ASL diagnostics', () => {
  // The misspelled Next is the only error of the machine's graph: no "not reachable" follows from it.
  it('reports each ASL mistake at its range with its code', async () => {
    const uri = workspaceFile('invalid.asl.json');
    await vscode.window.showTextDocument(uri);
    const diagnostics = await diagnosticsOf(uri);
    assert.deepStrictEqual(seen(diagnostics), [
      ["SCHEMA_VALIDATION_FAILED: Unclosed '[' in the path at /States/Load/Parameters/Payload.$", [7, 67, 7, 68], undefined],
      ["MISSING_TRANSITION_TARGET: Missing 'Next' target: Chek (did you mean 'Check'?) at /States/Load/Next", [8, 14, 8, 20], 'unknown-target'],
      ["SCHEMA_VALIDATION_FAILED: Field 'Outputs' is not supported (did you mean 'Output'?) at /States/Done", [15, 33, 15, 42], 'unknown-field'],
    ]);
    assert.ok(diagnostics.every((diagnostic) => diagnostic.source === 'asl' && diagnostic.severity === vscode.DiagnosticSeverity.Error));
  });

  it('reports a JSONata error inside a string once an edit settles', async () => {
    const document = await openUntitled(
      '{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "Output": "{% $sum(1) %}", "End": true}}}', 'asl');
    await vscode.window.showTextDocument(document);
    const offset = document.getText().indexOf('$sum');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(offset), document.positionAt(offset + 4)), '$summ');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const diagnostics = await diagnosticsOf(document.uri);
    assert.deepStrictEqual(seen(diagnostics), [
      ["INVALID_JSONATA_EXPRESSION: Unknown JSONata function '$summ' (did you mean '$sum'?) at /States/A/Output", [0, 92, 0, 97], 'unknown-function'],
    ]);
  });
  it('follows later edits: each edit after the first validation gets its own diagnostics', async () => {
    const document = await openUntitled('{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}', 'asl');
    await vscode.window.showTextDocument(document);
    const first = await diagnosticsOf(document.uri);
    assert.ok(first.some((diagnostic) => diagnostic.message.includes("Missing 'Next' target: B")), JSON.stringify(first.map((d) => d.message)));
    const offset = document.getText().indexOf('"B"');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(offset), document.positionAt(offset + 3)), '"C"');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const deadline = Date.now() + 20_000;
    let messages: string[] = [];
    while (Date.now() < deadline) {
      messages = vscode.languages.getDiagnostics(document.uri).map((diagnostic) => diagnostic.message);
      if (messages.some((message) => message.includes("Missing 'Next' target: C"))) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(messages.some((message) => message.includes("Missing 'Next' target: C")), JSON.stringify(messages));
    assert.ok(!messages.some((message) => message.includes("Missing 'Next' target: B")), JSON.stringify(messages));
  });
});
