// The tests of state machines in the real extension host: the server lists a test file's tests for
// the Test Explorer and runs them (a pass, a failure located at its expectation, coverage per
// definition), the code lenses "Run test" and "Debug test" stand above each test, and debugging a
// test stops in its state machine and ends with the test's result.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { DEBUG_TEST_RESULT_EVENT, ListTestsRequest, RunTestsRequest, type DebugTestResultEvent } from '../../../server/src/protocol';
import { diagnosticsOf, extension, sendToServer, when, workspaceFile } from './helpers';

// The test files are copied into the workspace here, not kept in it: a workspace with test files
// activates the extension on opening, and the activation suite measures activation on an ASL document.
function copyTestFiles(): void {
  if (!fs.existsSync(workspaceFile('tests').fsPath)) fs.cpSync(path.join(extension().extensionPath, 'test/e2e/fixtures/tests'), workspaceFile('tests').fsPath, { recursive: true });
}

describe('tests of state machines', () => {
  before(copyTestFiles);

  const testFile = workspaceFile('tests/order.asl.test.json');

  it('lists the tests of a test file under its definition, and a code lens runs each', async () => {
    await extension().activate();
    const document = await vscode.workspace.openTextDocument(testFile);
    const outline = await sendToServer(ListTestsRequest, { file: testFile.fsPath, text: document.getText() });
    assert.strictEqual(outline.definition, workspaceFile('tests/order.asl.json').fsPath);
    assert.deepStrictEqual(outline.tests.map((test) => [test.name, test.range.start.line]), [
      ['declined card is retried, then refunded', 2],
      ['accepted card is charged twice (a wrong expectation)', 11],
    ]);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', testFile);
    const ours = lenses.filter((lens) => lens.command?.command === 'aslWorkbench.runTest');
    assert.deepStrictEqual(ours.map((lens) => [lens.range.start.line, lens.command!.title, lens.command!.arguments![1]]), [
      [2, '$(play) Run test', 'declined card is retried, then refunded'],
      [11, '$(play) Run test', 'accepted card is charged twice (a wrong expectation)'],
    ]);
  });

  it('runs them: a pass, a failure with expected and actual at its key, coverage of the definition', async () => {
    const { results, coverage } = await sendToServer(RunTestsRequest, { files: [{ file: testFile.fsPath }], coverage: true });
    assert.deepStrictEqual(results[0].tests.map((test) => test.outcome), ['passed', 'failed']);
    const [failure] = results[0].tests[1].failures;
    assert.strictEqual(failure.message, "The calls of the state 'Charge card' differs");
    assert.deepStrictEqual([failure.expected, failure.actual, failure.range.start.line], ['2', '1', 16]);
    assert.strictEqual(coverage.length, 1);
    assert.deepStrictEqual(coverage[0].hits.states, { Validate: 2, 'Charge card': 2, Refund: 1, Done: 1 });
  });

  it('"Run and Update Snapshots" records a snapshot into its test file', async () => {
    const file = workspaceFile('tests/snapshot.asl.test.json');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(JSON.stringify({
      stateMachine: 'order.asl.json', mockConfig: 'order.mock.json',
      tests: { declined: { input: { amount: 42 }, testCase: 'CardDeclined', expect: { snapshot: true } } },
    })));
    const { results } = await sendToServer(RunTestsRequest, { files: [{ file: file.fsPath }], coverage: false, updateSnapshots: true });
    assert.deepStrictEqual([results[0].tests.map((test) => test.outcome), results[0].snapshotsWritten], [['passed'], 1]);
    const written = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)));
    assert.deepStrictEqual([written.tests.declined.expect.snapshot.status, written.tests.declined.expect.snapshot.path], ['SUCCEEDED', ['Validate', 'Charge card', 'Refund']]);
    await vscode.workspace.fs.delete(file);
  });

  it('a failed test\'s execution joins the executions list, and its message opens the execution view', async () => {
    const failing = 'accepted card is charged twice (a wrong expectation)';
    await vscode.commands.executeCommand('aslWorkbench.runTest', testFile.toString(), failing);
    const context = extension().exports;
    const test = { id: `${testFile}#${failing}` } as vscode.TestItem;
    const executionArn = context.tests.failedExecution(test);
    assert.ok(executionArn, 'the failure has its execution');
    const indexOf = () => context.extension.workspaceState.get<{ executionArn: string; status: string; machineUri: string }[]>('aslWorkbench.executionIndex') ?? [];
    const deadline = Date.now() + 30_000;
    let record;
    while (!(record = indexOf().find((candidate) => candidate.executionArn === executionArn && candidate.status !== 'RUNNING'))) {
      if (Date.now() > deadline) throw new Error('the failed test\'s execution was not listed within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.deepStrictEqual([record.status, record.machineUri], ['SUCCEEDED', workspaceFile('tests/order.asl.json').toString()]);
    // What the message's button passes: the test (the message too, unused).
    await vscode.commands.executeCommand('aslWorkbench.openFailedTestExecution', { test });
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(input instanceof vscode.TabInputWebview && input.viewType.endsWith('aslWorkbench.execution'), 'the execution view is open');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('debugs a test from its code lens: the session stops in its state machine with the test\'s input, and ends with the test\'s result', async () => {
    const name = 'declined card is retried, then refunded';
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', testFile);
    const lens = lenses.find((candidate) => candidate.command?.command === 'aslWorkbench.debugTest' && candidate.command.arguments?.[1] === name);
    assert.ok(lens, 'a "Debug test" code lens above the test');
    assert.strictEqual(lens.command!.title, '$(debug-alt) Debug test');
    const breakpoint = new vscode.FunctionBreakpoint('Charge card');
    vscode.debug.addBreakpoints([breakpoint]);
    try {
      const stoppedAt = when(vscode.debug.onDidChangeActiveStackItem, (item) => item instanceof vscode.DebugStackFrame && item.session.type === 'asl' ? item : undefined, 40_000, 'a stop in the test\'s state machine');
      const result = when(vscode.debug.onDidReceiveDebugSessionCustomEvent, (event) => event.event === DEBUG_TEST_RESULT_EVENT ? event.body as DebugTestResultEvent : undefined, 40_000, 'the test\'s result');
      const debugging = vscode.commands.executeCommand(lens.command!.command, ...lens.command!.arguments!);
      const frame = await stoppedAt;
      assert.strictEqual(frame.session.configuration.testFile, testFile.fsPath);
      const trace = await frame.session.customRequest('stackTrace', { threadId: frame.threadId, levels: 1 }) as { stackFrames: { id: number; name: string; source?: { path?: string } }[] };
      assert.strictEqual(trace.stackFrames[0].name, 'Charge card (Task)');
      // In code-server the path comes as the remote URI of the file.
      assert.ok(trace.stackFrames[0].source?.path?.endsWith('/tests/order.asl.json'), JSON.stringify(trace.stackFrames[0].source));
      const amount = await frame.session.customRequest('evaluate', { expression: '$.amount', frameId: trace.stackFrames[0].id, context: 'repl' }) as { result: string };
      assert.strictEqual(amount.result, '42');
      await frame.session.customRequest('continue', { threadId: frame.threadId });
      assert.deepStrictEqual(await result, { outcome: 'passed', failures: [] });
      await debugging;
    } finally {
      vscode.debug.removeBreakpoints([breakpoint]);
      await vscode.debug.stopDebugging();
    }
  });
});

describe('editing test files', () => {
  before(copyTestFiles);
  it('checks a YAML test file against the schema, its definition and its MockConfigFile as it is typed', async () => {
    const file = workspaceFile('tests/typo.asl.test.yaml');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('stateMachine: order.asl.json\nmockConfig: order.mock.json\ntests:\n  typo:\n    testCase: CardStolen\n    expect:\n      statuss: SUCCEEDED\n'));
    await vscode.workspace.openTextDocument(file);
    const diagnostics = await diagnosticsOf(file);
    assert.deepStrictEqual(diagnostics.map((diagnostic) => [diagnostic.range.start.line, diagnostic.message]).sort(), [
      [4, "The MockConfigFile has no test case 'CardStolen' (there are: CardAccepted, CardDeclined)"],
      [6, 'Property statuss is not allowed.'],
    ]);
  });
});

describe('runs become tests', () => {
  before(copyTestFiles);
  it('"Save as Test" turns a local execution into a test of its definition that passes', async () => {
    const definition = workspaceFile('tests/order.asl.json');
    const executionArn = await vscode.commands.executeCommand<string | undefined>('aslWorkbench.runLocally', definition,
      { input: '{"amount": 42}', name: 'declined-e2e', mock: { stateMachine: 'order', testCase: 'CardDeclined' } });
    assert.ok(executionArn, 'the execution started');
    const indexOf = () => extension().exports.extension.workspaceState.get<{ executionArn: string; status: string }[]>('aslWorkbench.executionIndex') ?? [];
    const deadline = Date.now() + 30_000;
    let record;
    while (!(record = indexOf().find((candidate) => candidate.executionArn === executionArn && candidate.status !== 'RUNNING'))) {
      if (Date.now() > deadline) throw new Error('the execution did not end within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await vscode.commands.executeCommand('aslWorkbench.saveExecutionAsTest', { kind: 'execution', record }, 'replays the declined card');
    const testFile = workspaceFile('tests/order.asl.test.json');
    const saved = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(testFile)));
    const test = saved.tests['replays the declined card'];
    assert.deepStrictEqual(test.input, { amount: 42 });
    assert.strictEqual(test.executionName, 'declined-e2e');
    assert.deepStrictEqual(Object.keys(test.mocks), ['Charge card']);
    assert.deepStrictEqual(test.expect.path, ['Validate', 'Charge card', 'Refund']);
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.fsPath, testFile.fsPath, 'the test file opens at the new test');
    const { results } = await sendToServer(RunTestsRequest, { files: [{ file: testFile.fsPath, names: ['replays the declined card'] }], coverage: false });
    assert.deepStrictEqual(results[0].tests.map((result) => [result.name, result.outcome, result.failures.map((failure) => failure.message)]), [['replays the declined card', 'passed', []]]);
  });
});
