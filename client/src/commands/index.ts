// Every command of the extension in one table, one function each (as rust-analyzer's commands.ts):
// package.json contributes the names, `registerCommands` binds each to the context. A feature
// with commands of its own brings its table (testing/, localEndpoint/, debug/, the graph's designer), spread into this one.
import * as vscode from 'vscode';
import type { WorkbenchContext } from '../context';
import { previewGraph } from './previewGraph';
import { newFromTemplate } from './newFromTemplate';
import { clearExecutions, deleteExecutions, openExecution, runLocally } from './runLocally';
import { TEST_COMMANDS } from '../testing/tests';
import { LOCAL_ENDPOINT_COMMANDS } from '../localEndpoint/localEndpoint';
import { DEBUGGER_COMMANDS } from '../debug/debugger';
import { DESIGNER_COMMANDS } from '../webviews/graph/designHost';
import { PUBLISH_COMMANDS } from '../publish/publish';
import { REMOTE_RUN_COMMANDS } from './remoteRuns';

// The arguments are whatever the caller passes: menus, code lenses, keybindings and tests each pass their own.
export type Command = (context: WorkbenchContext, ...args: any[]) => unknown;
export type CommandTable = Readonly<Record<string, Command>>;

export const COMMANDS: CommandTable = {
  'aslWorkbench.newFromTemplate': newFromTemplate,
  'aslWorkbench.previewGraph': previewGraph,
  'aslWorkbench.runLocally': runLocally,
  'aslWorkbench.openExecution': openExecution,
  'aslWorkbench.deleteExecution': deleteExecutions,
  'aslWorkbench.clearExecutions': clearExecutions,
  ...TEST_COMMANDS,
  ...LOCAL_ENDPOINT_COMMANDS,
  ...DEBUGGER_COMMANDS,
  ...DESIGNER_COMMANDS,
  ...PUBLISH_COMMANDS,
  ...REMOTE_RUN_COMMANDS,
};

/** Registers a table's commands; a command that fails is logged and shown, and answers undefined. */
export function registerCommands(context: WorkbenchContext, table: CommandTable = COMMANDS): vscode.Disposable[] {
  return Object.entries(table).map(([name, command]) => vscode.commands.registerCommand(name, async (...args: unknown[]) => {
    try {
      return await command(context, ...args);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      context.output.error(`${name}: ${error instanceof Error ? error.stack : message}`);
      void vscode.window.showErrorMessage(message);
      return undefined;
    }
  }));
}
