// The step debugger with VS Code's own debug service and JavaScript debugger: a breakpoint in a
// local handler's JavaScript stops there, in a child session of the state machine's.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { extension, when, workspaceFile } from './helpers';

describe('debugger', () => {
  afterEach(async () => {
    await vscode.debug.stopDebugging();
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    await vscode.workspace.getConfiguration('aslWorkbench').update('localHandlers', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('stops at a breakpoint in a local handler, in a JavaScript session that is a child of the state machine\'s', async () => {
    await extension().activate();
    await vscode.workspace.getConfiguration('aslWorkbench').update('localHandlers', { greet: 'debug/greet.js' }, vscode.ConfigurationTarget.Workspace);
    const handler = workspaceFile('debug/greet.js');
    vscode.debug.addBreakpoints([new vscode.SourceBreakpoint(new vscode.Location(handler, new vscode.Position(3, 0)))]);
    const childStarted = when(vscode.debug.onDidStartDebugSession, (session) => session.parentSession?.type === 'asl' ? session : undefined, 40_000, 'the handlers\' JavaScript session');
    const inHandler = when(vscode.debug.onDidChangeActiveStackItem, (item) => {
      if (!(item instanceof vscode.DebugStackFrame)) return undefined;
      return item.session.type !== 'asl' ? item : undefined;
    }, 40_000, 'a stop in the handler');
    assert.ok(await vscode.debug.startDebugging(vscode.workspace.workspaceFolders![0], {
      type: 'asl', request: 'launch', name: 'greet', program: workspaceFile('debug/greet.asl.json').fsPath, input: { name: 'Ada' },
    }));
    const child = await childStarted;
    assert.strictEqual(child.parentSession?.type, 'asl');
    const frame = await inHandler;
    const trace = await frame.session.customRequest('stackTrace', { threadId: frame.threadId, levels: 1 }) as { stackFrames: { line: number; source?: { path?: string } }[] };
    assert.strictEqual(trace.stackFrames[0].line, 4);
    assert.ok(trace.stackFrames[0].source?.path?.endsWith('greet.js'), JSON.stringify(trace.stackFrames[0]));
    // Going on from the handler, the execution ends and so does the session.
    const ended = when(vscode.debug.onDidTerminateDebugSession, (session) => session.type === 'asl' ? session : undefined, 30_000, 'the end of the run');
    await frame.session.customRequest('continue', { threadId: frame.threadId });
    await ended;
  });
});
