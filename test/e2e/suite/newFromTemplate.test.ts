// "ASL: New State Machine from Template" opens the Hello World machine as a new ASL document.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closedUntitledDocumentsDropped } from './helpers';

describe('ASL: New State Machine from Template', () => {
  let opened: vscode.TextDocument | undefined;
  afterEach(async () => {
    if (!opened) return;
    await vscode.window.showTextDocument(opened);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    opened = undefined;
  });

  it('creates the Hello World document', async () => {
    await closedUntitledDocumentsDropped();
    const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('aslWorkbench.newFromTemplate');
    assert.ok(editor, 'no editor opened');
    const document = opened = editor.document;
    assert.strictEqual(document.languageId, 'asl');
    assert.strictEqual(document.isUntitled, true);
    const definition = JSON.parse(document.getText());
    assert.strictEqual(definition.StartAt, 'Pass');
    assert.deepStrictEqual(Object.keys(definition.States),
      ['Pass', 'Hello World example?', 'Yes', 'No', 'Wait 3 sec', 'Parallel State', 'Hello World']);
    assert.deepStrictEqual(Object.values(definition.States).map((state) => (state as { Type: string }).Type),
      ['Pass', 'Choice', 'Pass', 'Fail', 'Wait', 'Parallel', 'Pass']);
    assert.strictEqual(definition.States['Wait 3 sec'].Seconds, 3);
    assert.deepStrictEqual(definition.States['Parallel State'].Branches.map((branch: { StartAt: string }) => branch.StartAt), ['Hello', 'World']);
  });
});
