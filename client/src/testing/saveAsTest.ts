// Runs become tests: "Save as Test" turns an execution, local or run on AWS or an endpoint (the focused execution view, or one in
// the executions list) into a test of its definition, and "Import an AWS Execution as a Test" does
// the same with the JSON of `aws stepfunctions get-execution-history` (and `describe-execution`).
// The server makes the test and writes it into the definition's test file; it opens at the new test.
import * as path from 'path';
import * as vscode from 'vscode';
import { ListTestsRequest, SaveTestRequest, type SaveTestParams } from '../../../server/src/protocol';
import type { WorkbenchContext } from '../context';
import { readSource } from '../runs/runInputs';
import type { ExecutionsNode } from '../runs/tree';
import { ExecutionPanel } from '../webviews/executionView/panel';

const ASL_FILES = { 'State machines': ['asl.json', 'asl.yaml', 'asl.yml', 'json', 'yaml', 'yml'] };

async function save(workbench: WorkbenchContext, definition: vscode.Uri, params: Omit<SaveTestParams, 'definition' | 'definitionText'>): Promise<void> {
  // The server adds to the test file on disk: what the editor holds of it is saved first.
  await Promise.all(vscode.workspace.textDocuments.filter((document) => document.isDirty && /\.asl\.test\.json$/i.test(document.uri.fsPath)).map((document) => document.save()));
  const saved = await workbench.client.sendRequest(SaveTestRequest, { ...params, definition: definition.fsPath, definitionText: (await readSource(definition)).text });
  if ('error' in saved) {
    void vscode.window.showErrorMessage(`No test was saved: ${saved.error}`);
    return;
  }
  const uri = vscode.Uri.file(saved.testFile);
  const outline = await workbench.client.sendRequest(ListTestsRequest, { file: saved.testFile, text: saved.text });
  const range = outline.tests.find((test) => test.name === saved.name)?.range;
  await vscode.window.showTextDocument(uri, range && { selection: new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character) });
  void vscode.window.showInformationMessage(`The test '${saved.name}' was added to ${path.basename(saved.testFile)}.`);
}

/** `testName`: given by a keybinding or a test, else asked. */
export async function saveExecutionAsTest(workbench: WorkbenchContext, node?: ExecutionsNode, testName?: string): Promise<void> {
  const record = node?.kind === 'execution' ? node.record : ExecutionPanel.activeRecord();
  if (!record) {
    void vscode.window.showInformationMessage('Open an execution (or pick one in the State Machine Executions list) to save it as a test.');
    return;
  }
  if (record.status === 'RUNNING') {
    void vscode.window.showInformationMessage(`The execution '${record.name}' is still running: save it as a test once it has ended.`);
    return;
  }
  // An execution listed from a target or the local endpoint has no stored history: the view's is saved.
  const given = record.folder ? undefined : ExecutionPanel.activeGivenHistory();
  if (!record.folder && !given) {
    void vscode.window.showInformationMessage(`Open the execution '${record.name}' to save it as a test.`);
    return;
  }
  // The local endpoint's machines are no file: the test is of the definition the user picks.
  const machine = vscode.Uri.parse(record.machineUri);
  const definition = machine.scheme === 'file' ? machine : await definitionToUse(`The state machine ${record.stateMachineName} ran`);
  if (!definition) return;
  const name = testName ?? await vscode.window.showInputBox({ title: 'Save as Test', prompt: 'The name of the test', value: `replays ${record.name}` });
  if (!name) return;
  // The execution's name too: $$.Execution.Name may shape the output.
  await save(workbench, definition, {
    name, ...(given ? { history: given.events } : { historyFolder: workbench.runs.store.pathOf(record.folder) }), described: { name: record.name },
  });
}

/** The definition in the active editor, else one the user picks. */
async function definitionToUse(title: string): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  if (active && ['asl', 'asl-yaml'].includes(active.languageId)) return active.uri;
  return (await vscode.window.showOpenDialog({ title, filters: ASL_FILES, openLabel: 'Use this definition' }))?.[0];
}

export async function importExecutionAsTest(workbench: WorkbenchContext): Promise<void> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Import an AWS Execution: the JSON of get-execution-history (and of describe-execution)',
    canSelectMany: true, filters: { JSON: ['json'] }, openLabel: 'Import',
  });
  if (!picked?.length) return;
  let history: unknown;
  let described: SaveTestParams['described'];
  try {
    for (const uri of picked) {
      const value = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as Record<string, unknown>;
      if (Array.isArray(value?.events)) history = value;
      else if (typeof value?.executionArn === 'string') described = value as SaveTestParams['described'];
    }
  } catch (error) {
    void vscode.window.showErrorMessage(`The file is not JSON: ${(error as Error).message}`);
    return;
  }
  if (!history) {
    void vscode.window.showErrorMessage('None of the files is the JSON of get-execution-history (an object with "events").');
    return;
  }
  const definition = await definitionToUse('The state machine the execution ran');
  if (!definition) return;
  const name = await vscode.window.showInputBox({ title: 'Import an AWS Execution', prompt: 'The name of the test', value: described?.name ?? 'imported execution' });
  if (!name) return;
  await save(workbench, definition, { name, history, described });
}
