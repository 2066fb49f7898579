// Activation: starts the language server and registers every command.
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { WorkbenchContext } from './context';
import { newFromTemplate } from './commands/newFromTemplate';
import { registerGraphPreview } from './commands/previewGraph';
import { registerRunLocally } from './commands/runLocally';
import { registerDesigner } from './webviews/graph/designHost';

let context: WorkbenchContext | undefined;

export async function activate(extension: vscode.ExtensionContext): Promise<WorkbenchContext> {
  const output = vscode.window.createOutputChannel('ASL Workbench', { log: true });
  const serverModule = extension.asAbsolutePath(path.join('dist', 'server.js'));
  const client = new LanguageClient('aslWorkbench', 'ASL Workbench', {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  }, {
    documentSelector: [{ language: 'asl' }, { language: 'asl-yaml' }],
    outputChannel: output,
  });
  context = { extension, client, output };
  extension.subscriptions.push(
    output,
    vscode.commands.registerCommand('aslWorkbench.newFromTemplate', () => newFromTemplate(context!)),
    ...registerGraphPreview(context),
    ...registerRunLocally(context),
    ...registerDesigner(),
  );
  await client.start();
  return context;
}

export async function deactivate(): Promise<void> {
  await context?.client.stop();
}
