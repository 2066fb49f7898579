// The `asl` debug type in VS Code: the adapter (dist/debugAdapter.js, in a Node process of its own,
// so that a busy execution never holds the extension host), F5 on a state machine without a
// launch.json, and "Debug Locally" beside "Run Locally". A configuration that leaves out the input,
// the mocks or the local handlers gets what Run Locally would use.
import * as vscode from 'vscode';
import {
  DEBUG_HANDLER_INSPECTOR_EVENT, DEBUG_HANDLERS_ATTACHED_REQUEST, DEBUG_STATES_EVENT, stateMachineNameOf, type DebugStatesEvent,
} from '../../../server/src/protocol';
import { GraphPanel } from '../webviews/graph/panel';
import type { CommandTable } from '../commands';
import type { WorkbenchContext } from '../context';
import { findMockConfig, handlerTimeoutSeconds, initialInput, localHandlers, readText } from '../runs/runInputs';
import { machineOf } from '../commands/templateMachines';

const DEBUG_TYPE = 'asl';
const ASL_LANGUAGES = new Set(['asl', 'asl-yaml']);
/** A quoted JSONPath (`"$.a"`, `"$$.State.Name"`), intrinsic call or JSONata expression. */
const EXPRESSION_STRING = /"(\$[^"]*|States\.[A-Za-z]+\((?:[^"\\]|\\.)*\)|\{%(?:[^"\\]|\\.)*%\})"/;

export function registerDebugger(workbench: WorkbenchContext): vscode.Disposable[] {
  const adapter = workbench.extension.asAbsolutePath('dist/debugAdapter.js');
  return [
    vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE, {
      // The extension host's own runtime runs the adapter (Electron's, as Node, in desktop VS Code).
      createDebugAdapterDescriptor: () => new vscode.DebugAdapterExecutable(process.execPath, [adapter], { env: { ELECTRON_RUN_AS_NODE: '1' } }),
    }),
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, {
      provideDebugConfigurations: () => [launchConfiguration('${file}')],
      resolveDebugConfiguration: (_folder, configuration) => resolve(workbench, configuration),
    }),
    // While stopped, the graph preview colours the states run; the colours go when the session ends.
    vscode.debug.onDidReceiveDebugSessionCustomEvent((event) => {
      if (event.session.type !== DEBUG_TYPE) return;
      if (event.event === DEBUG_STATES_EVENT) {
        const { program, stateMachine, states } = event.body as DebugStatesEvent;
        GraphPanel.showStatus(machineUri(program, stateMachine), states);
      } else if (event.event === DEBUG_HANDLER_INSPECTOR_EVENT) {
        void debugHandlers(event.session, (event.body as { port: number }).port, adapter);
      }
    }),
    vscode.debug.onDidTerminateDebugSession((session) => {
      if (session.type === DEBUG_TYPE && typeof session.configuration.program === 'string') GraphPanel.showStatus(machineUri(session.configuration.program, session.configuration.stateMachine), {});
    }),
    // Hovering a path, an intrinsic call or a JSONata expression in the definition evaluates it whole (not the word under the pointer).
    vscode.languages.registerEvaluatableExpressionProvider([...ASL_LANGUAGES].map((language) => ({ language })), {
      provideEvaluatableExpression: (document, position) => {
        const range = document.getWordRangeAtPosition(position, EXPRESSION_STRING);
        return range && new vscode.EvaluatableExpression(range.with(range.start.translate(0, 1), range.end.translate(0, -1)));
      },
    }),
  ];
}

export const DEBUGGER_COMMANDS: CommandTable = {
  'aslWorkbench.debugLocally': debugLocally,
};

/** "Debug Locally": the given machine (code lens, editor title), else the active editor's. */
async function debugLocally(workbench: WorkbenchContext, target?: vscode.Uri | string): Promise<void> {
  const uri = typeof target === 'string' ? vscode.Uri.parse(target) : target ?? await activeMachine(workbench);
  if (!uri) return void vscode.window.showErrorMessage('Open a state machine (.asl.json, .asl.yaml, or a template holding one) to debug it.');
  if (uri.scheme !== 'file') return void vscode.window.showErrorMessage('Save the state machine to a file to debug it: breakpoints and stops are placed in the file.');
  await vscode.debug.startDebugging(vscode.workspace.getWorkspaceFolder(uri), launchConfiguration(uri.fsPath, uri.fragment));
}

/** A machine's launch: a template's machine (`template.yaml#Orders`) names its logical id in `stateMachine`. */
function launchConfiguration(program: string, stateMachine?: string): vscode.DebugConfiguration {
  return { type: DEBUG_TYPE, request: 'launch', name: 'Debug state machine', program, ...stateMachine ? { stateMachine } : {}, stopOnEntry: true };
}

/** The machine a launch debugs, as Run Locally and the graph name it: a template's with `#<logical id>`. */
function machineUri(program: string, stateMachine: unknown): vscode.Uri {
  const hash = program.lastIndexOf('#');
  const fragment = typeof stateMachine === 'string' ? stateMachine : hash < 0 ? '' : program.slice(hash + 1);
  return vscode.Uri.file(hash < 0 ? program : program.slice(0, hash)).with({ fragment });
}

/** The active editor's machine: its definition, or a template's (its only one, or the one the user picks). */
async function activeMachine(workbench: WorkbenchContext): Promise<vscode.Uri | undefined> {
  const document = vscode.window.activeTextEditor?.document;
  if (!document) return undefined;
  return ASL_LANGUAGES.has(document.languageId) ? document.uri : machineOf(workbench, document.uri);
}

/** Fills what a configuration leaves out; undefined cancels the launch (a problem was shown, or a choice declined). */
async function resolve(workbench: WorkbenchContext, configuration: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | undefined> {
  // F5 with no launch.json: the state machine in the editor.
  if (!configuration.type && !configuration.request) {
    const machine = await activeMachine(workbench);
    if (!machine || machine.scheme !== 'file') {
      void vscode.window.showErrorMessage('Open a state machine (.asl.json, .asl.yaml, or a template holding one) saved to a file to debug it.');
      return undefined;
    }
    configuration = launchConfiguration(machine.fsPath, machine.fragment);
  }
  // A test's session: the adapter resolves all of it from the test file, as the test runner does.
  if (configuration.testFile !== undefined) return configuration;
  if (typeof configuration.program !== 'string' || !configuration.program) {
    void vscode.window.showErrorMessage("The debug configuration needs 'program': the state machine's definition file.");
    return undefined;
  }
  // Inputs, mocks and handlers are found as Run Locally finds them for this machine.
  const uri = machineUri(configuration.program, configuration.stateMachine);
  if (configuration.input === undefined && configuration.inputFile === undefined) {
    const { text, source } = await initialInput(workbench.extension.workspaceState, uri);
    try {
      configuration.input = JSON.parse(text);
    } catch (error) {
      void vscode.window.showErrorMessage(`The input (${source}) is not JSON: ${(error as Error).message}`);
      return undefined;
    }
  }
  if (configuration.mockConfig === undefined) {
    const { found } = await findMockConfig(workbench.runs, uri);
    if (found) {
      configuration.mockConfig = found.fsPath;
      if (configuration.testCase === undefined) {
        const chosen = await chooseTestCase(found, stateMachineNameOf(uri.toString()));
        if (!chosen) return undefined;
        configuration.testCase = chosen.testCase;
      }
    }
  }
  if (configuration.handlers === undefined) {
    const handlers = localHandlers(uri);
    if (Object.keys(handlers).length) configuration.handlers = handlers;
  }
  configuration.handlerTimeoutSeconds ??= handlerTimeoutSeconds(uri);
  // Breakpoints in the handlers' JavaScript stop there too: VS Code's JavaScript debugger attaches to them.
  if (configuration.handlers !== undefined) configuration.debugHandlers ??= true;
  return configuration;
}

/** The mock config's test case for the machine: its only one, else the one the user picks (undefined: none picked). */
async function chooseTestCase(mockConfig: vscode.Uri, stateMachineName: string): Promise<{ testCase?: string } | undefined> {
  let cases: string[] = [];
  try {
    const parsed = JSON.parse(await readText(mockConfig)) as { StateMachines?: Record<string, { TestCases?: Record<string, unknown> }> };
    cases = Object.keys(parsed.StateMachines?.[stateMachineName]?.TestCases ?? {});
  } catch {
    // The adapter tells what is wrong with the file.
  }
  if (cases.length <= 1) return { testCase: cases[0] };
  const picked = await vscode.window.showQuickPick(cases, { title: `Test case of ${vscode.workspace.asRelativePath(mockConfig)}`, placeHolder: 'The mocked responses the Task states get' });
  return picked === undefined ? undefined : { testCase: picked };
}

/** Attaches VS Code's JavaScript debugger to the process running the local handlers, as a child of the state machine's session. */
async function debugHandlers(session: vscode.DebugSession, port: number, adapter: string): Promise<void> {
  // The run may start once the JavaScript debugger has set its breakpoints in the process: when the session of the
  // process, which the attaching session starts below itself, answers VS Code's configurationDone.
  let tracking: vscode.Disposable | undefined;
  const configured = new Promise<void>((resolve) => {
    tracking = vscode.debug.registerDebugAdapterTrackerFactory('pwa-node', {
      createDebugAdapterTracker: (target) => target.parentSession?.parentSession?.id !== session.id ? undefined : {
        onDidSendMessage: (message: { type?: string; command?: string }) => {
          if (message.type === 'response' && message.command === 'configurationDone') resolve();
        },
      },
    });
  });
  try {
    const started = await vscode.debug.startDebugging(session.workspaceFolder, {
      type: 'node', request: 'attach', name: 'Local handlers', address: '127.0.0.1', port,
      skipFiles: ['<node_internals>/**', adapter],
    }, { parentSession: session, lifecycleManagedByParent: true, compact: true });
    if (started) await configured;
  } finally {
    tracking?.dispose();
    // The execution waits for this before it starts (a while at most).
    await session.customRequest(DEBUG_HANDLERS_ATTACHED_REQUEST);
  }
}
