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

  it('debugs a machine inside a SAM template from its code lens: stops on entry and at a breakpoint on the template\'s lines', async () => {
    await extension().activate();
    const template = workspaceFile('sam/template.yaml');
    const lines = (await vscode.workspace.fs.readFile(template)).toString().split('\n');
    const lineOf = (text: string) => lines.findIndex((line) => line.includes(text));
    // Inside the state 'Big order?', below its name.
    vscode.debug.addBreakpoints([new vscode.SourceBreakpoint(new vscode.Location(template, new vscode.Position(lineOf('Type: Choice'), 0)))]);
    // The adapter's stopped events, as VS Code receives them.
    const stops = new vscode.EventEmitter<{ session: vscode.DebugSession; threadId: number }>();
    const tracking = vscode.debug.registerDebugAdapterTrackerFactory('asl', {
      createDebugAdapterTracker: (session) => ({
        onDidSendMessage: (message: { type?: string; event?: string; body?: { threadId: number } }) => {
          if (message.type === 'event' && message.event === 'stopped') stops.fire({ session, threadId: message.body!.threadId });
        },
      }),
    });
    const topFrame = async ({ session, threadId }: { session: vscode.DebugSession; threadId: number }) =>
      (await session.customRequest('stackTrace', { threadId, levels: 1 }) as { stackFrames: { name: string; line: number; source?: { path?: string } }[] }).stackFrames[0];
    try {
      const first = when(stops.event, (stop) => stop, 40_000, 'the stop on entry');
      // What the code lens above `Orders` runs.
      await vscode.commands.executeCommand('aslWorkbench.debugLocally', `${template.toString()}#Orders`);
      const entry = await first;
      assert.strictEqual(entry.session.configuration.stateMachine, 'Orders');
      const top = await topFrame(entry);
      assert.deepStrictEqual([top.name, top.line], ['Receive (Pass)', lineOf('Receive:') + 1]);
      // The template itself (VS Code names it by its remote URI in code-server).
      assert.ok(top.source?.path?.endsWith(template.path), top.source?.path);
      const second = when(stops.event, (stop) => stop, 40_000, 'the stop at the breakpoint');
      await entry.session.customRequest('continue', { threadId: entry.threadId });
      const atBreakpoint = await topFrame(await second);
      assert.deepStrictEqual([atBreakpoint.name, atBreakpoint.line], ['Big order? (Choice)', lineOf('Big order?:') + 1]);
    } finally {
      tracking.dispose();
      stops.dispose();
    }
  });
});
