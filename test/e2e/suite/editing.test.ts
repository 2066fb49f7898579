// Editing help in a real VS Code, through the language client: completion at a `Next`, rename
// across the document (and a refused clash), hover text on a state name.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { diagnosticsOf, extension, openUntitled } from './helpers';

const MACHINE = JSON.stringify({
  StartAt: 'Fetch',
  States: {
    Fetch: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'Decide', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }] },
    Decide: { Type: 'Choice', Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Done' }], Default: 'Failed' },
    Done: { Type: 'Succeed' },
    Failed: { Type: 'Fail', Error: 'Fetch.Failed' },
  },
}, null, 2);

async function openMachine(text: string, language = 'asl'): Promise<vscode.TextDocument> {
  const document = await openUntitled(text, language);
  await vscode.window.showTextDocument(document);
  await extension().activate();
  return document;
}

function positionOf(document: vscode.TextDocument, needle: string, delta = 0, occurrence = 0): vscode.Position {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) offset = document.getText().indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `"${needle}" not in the document`);
  return document.positionAt(offset + delta);
}

/** Retries a provider call until the language server (started on activation) answers with something. */
async function answered<T>(call: () => Thenable<T>, ready: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await call();
    if (ready(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('editing help', () => {
  afterEach(() => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'));

  it('completes the state names at a Next', async () => {
    const document = await openMachine(MACHINE);
    const position = positionOf(document, '"Next": "Decide"', 9);
    const list = await answered(
      () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position),
      (result) => result.items.some((item) => item.label === 'Done'));
    const names = list.items.filter((item) => item.kind === vscode.CompletionItemKind.Reference).map((item) => item.label);
    assert.deepStrictEqual(names.sort(), ['Decide', 'Done', 'Failed', 'Fetch']);
    const done = list.items.find((item) => item.label === 'Done')!;
    assert.strictEqual((done.textEdit as vscode.TextEdit | undefined)?.newText ?? done.insertText, '"Done"');
  });

  it('renames a state across the document and refuses a clashing name', async () => {
    const document = await openMachine(MACHINE);
    const position = positionOf(document, '"Failed": {', 3);
    const edit = await answered(
      () => vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', document.uri, position, 'Give up'),
      (result) => result.size > 0);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const renamed = JSON.parse(document.getText());
    assert.deepStrictEqual(Object.keys(renamed.States), ['Fetch', 'Decide', 'Done', 'Give up']);
    assert.strictEqual(renamed.States.Fetch.Catch[0].Next, 'Give up');
    assert.strictEqual(renamed.States.Decide.Default, 'Give up');
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', document.uri, positionOf(document, '"Done": {', 3), 'Fetch')),
      /A state named "Fetch" already exists in this state machine/);
  });

  it('shows a state\'s type and who transitions to it on hover', async () => {
    const document = await openMachine(MACHINE);
    const hovers = await answered(
      () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, '"Failed": {', 3)),
      (result) => result.length > 0);
    const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.match(text, /\*\*Failed\*\*: Fail state/);
    assert.match(text, /Reached from: "Fetch" \(Catch\), "Decide" \(Default\)/);
  });

  it('shows the state tree in the outline, the code lenses at the top, and fixes a misspelled Next', async () => {
    const document = await openMachine(MACHINE.replace('"Next": "Decide"', '"Next": "Decid"'));
    const symbols = await answered(
      () => vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri),
      (result) => (result?.length ?? 0) > 0);
    assert.deepStrictEqual(symbols.map((symbol) => symbol.name), ['Fetch', 'Decide', 'Done', 'Failed']);
    // VS Code refuses the whole outline when a symbol's selection lies outside its range (a Map's processor did).
    const withMap = await openMachine(JSON.stringify({ StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } }, End: true } } }, null, 2));
    const mapSymbols = await answered(
      () => vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', withMap.uri),
      (result) => (result?.length ?? 0) > 0);
    assert.deepStrictEqual(mapSymbols.map((symbol) => [symbol.name, symbol.children.map((child) => [child.name, child.children.map((inner) => inner.name)])]), [['M', [['ItemProcessor', ['I']]]]]);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    assert.deepStrictEqual(lenses.map((lens) => [lens.command?.command, lens.range.start.line]), [['aslWorkbench.runLocally', 0], ['aslWorkbench.debugLocally', 0], ['aslWorkbench.previewGraph', 0]]);
    const diagnostics = await diagnosticsOf(document.uri);
    const unknown = diagnostics.find((diagnostic) => diagnostic.code === 'unknown-target');
    assert.ok(unknown, `no unknown-target diagnostic in ${diagnostics.map((diagnostic) => diagnostic.message).join('; ')}`);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, unknown.range, vscode.CodeActionKind.QuickFix.value);
    const change = actions.find((action) => action.title === 'Change to "Decide"');
    assert.ok(change?.edit, `no "Change to" fix in ${actions.map((action) => action.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(change.edit));
    assert.strictEqual(JSON.parse(document.getText()).States.Fetch.Next, 'Decide');
  });

  it('gives YAML documents the same help', async () => {
    const document = await openMachine('StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: B\n  B:\n    Type: Succeed\n', 'asl-yaml');
    const hovers = await answered(
      () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'B:', 0)),
      (result) => result.length > 0);
    const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.match(text, /\*\*B\*\*: Succeed state[\s\S]*Reached from: "A" \(Next\)/);
  });
});
