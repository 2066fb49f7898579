// Debugging one test: the `asl` debug session of that test, as the test runner resolves it (the adapter
// reads the test file), tied to the Test Explorer's run; its result comes from the adapter when the
// execution ends (by the test's expectations), nothing when the session ends before.
import { randomUUID } from 'crypto';
import * as vscode from 'vscode';
import { DEBUG_TEST_RESULT_EVENT, type DebugTestResultEvent } from '../../../server/src/protocol';

/** How a debugged test ended: its result, or why there is none. */
export type DebuggedTest = { result: DebugTestResultEvent } | { stopped: true } | { notStarted: true };

/** A key in the launch configuration that tells the session of this test from any other. */
const TEST_SESSION_KEY = 'aslTestSession';

export async function debugTest(run: vscode.TestRun, testFile: vscode.Uri, name: string, definition: string | undefined, token: vscode.CancellationToken): Promise<DebuggedTest> {
  const key = randomUUID();
  const ours = (session: vscode.DebugSession) => session.configuration[TEST_SESSION_KEY] === key;
  let result: DebugTestResultEvent | undefined;
  const listeners: vscode.Disposable[] = [];
  const ended = new Promise<void>((resolve) => {
    listeners.push(
      vscode.debug.onDidReceiveDebugSessionCustomEvent((event) => {
        if (ours(event.session) && event.event === DEBUG_TEST_RESULT_EVENT) result = event.body as DebugTestResultEvent;
      }),
      vscode.debug.onDidTerminateDebugSession((session) => { if (ours(session)) resolve(); }),
      token.onCancellationRequested(() => resolve()),
    );
  });
  try {
    const started = await vscode.debug.startDebugging(vscode.workspace.getWorkspaceFolder(testFile), {
      type: 'asl', request: 'launch', name: `Debug test '${name}'`, testFile: testFile.fsPath, test: name,
      // The graph preview's colours of this run go when the session ends (they are the definition's).
      program: definition,
      debugHandlers: true,
      [TEST_SESSION_KEY]: key,
    }, { testRun: run });
    // A test that cannot run fails its launch after telling why.
    if (!started) return result ? { result } : { notStarted: true };
    await ended;
    return result ? { result } : { stopped: true };
  } finally {
    listeners.forEach((listener) => listener.dispose());
  }
}
