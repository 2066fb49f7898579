// Activation: starts the language server, creates the context every command is handed, and
// registers the command table, the executions list and the serializer of graph previews.
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { WorkbenchContext } from './context';
import { registerCommands } from './commands';
import { ExecutionService } from './runs/service';
import { ExecutionsTree } from './runs/tree';
import { graphPanelSerializer, GRAPH_VIEW_TYPE } from './webviews/graph/panel';
import { LocalEndpoint } from './localEndpoint/localEndpoint';
import { createTestExplorer } from './testing/tests';
import { registerTemplates, TEMPLATE_SELECTOR } from './commands/templateMachines';
import { registerDebugger } from './debug/debugger';

let context: WorkbenchContext | undefined;

export async function activate(extension: vscode.ExtensionContext): Promise<WorkbenchContext> {
  const output = vscode.window.createOutputChannel('ASL Workbench', { log: true });
  const serverModule = extension.asAbsolutePath(path.join('dist', 'server.js'));
  const client = new LanguageClient('aslWorkbench', 'ASL Workbench', {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  }, {
    documentSelector: [{ language: 'asl' }, { language: 'asl-yaml' }, ...TEMPLATE_SELECTOR],
    outputChannel: output,
  });
  const host = { extension, client, output };
  const runs = new ExecutionService(host);
  context = { ...host, runs, tests: createTestExplorer(host, runs), localEndpoint: new LocalEndpoint(host) };
  extension.subscriptions.push(
    output,
    context.runs,
    context.tests,
    context.localEndpoint,
    ...registerCommands(context),
    vscode.window.registerTreeDataProvider('aslWorkbench.executions', new ExecutionsTree(context.runs.store, context.localEndpoint.executions,
      (target, stateMachineName) => runs.remoteExecutions(target, stateMachineName))),
    vscode.window.registerWebviewPanelSerializer(GRAPH_VIEW_TYPE, graphPanelSerializer(context)),
    ...registerTemplates(context),
    ...registerDebugger(context),
  );
  await client.start();
  return context;
}

export async function deactivate(): Promise<void> {
  await context?.client.stop();
}
