// "ASL: Run Locally" and the executions list: the start form, the execution views, and the
// commands of the executions tree (open, delete, clear).
import * as vscode from 'vscode';
import type { MockSelection, TimeMode } from '../../../server/src/protocol';
import type { WorkbenchContext } from '../context';
import { handlerTimeoutSeconds, localHandlers, readMockConfig, readSource, findMockConfig, rememberInput } from '../execution/runInputs';
import { ExecutionService } from '../execution/service';
import type { StoredRequest } from '../execution/store';
import { ExecutionsTree, type ExecutionsNode } from '../execution/tree';
import { ExecutionPanel, type ExecutionViewActions } from '../webviews/execution/panel';
import { GraphPanel } from './graphPanel';
import { StartExecutionForm } from '../webviews/startExecution/panel';
import { documentUriOf, machineOf } from './templateMachines';

/** Starts at once, without the form, when given (used by "Run again", tests and keybindings). */
export interface RunOptions {
  input: string;
  name?: string;
  mock?: MockSelection;
  clock?: TimeMode;
}

const ASL_LANGUAGES = new Set(['asl', 'asl-yaml']);

export function registerRunLocally(workbench: WorkbenchContext): vscode.Disposable[] {
  const service = new ExecutionService(workbench);
  const tree = new ExecutionsTree(service.store);

  const openExecution = async (executionArn: string) => {
    const record = service.store.get(executionArn);
    if (record) await ExecutionPanel.show(service, record, actions);
  };

  const startNow = async (machineUri: vscode.Uri, options: RunOptions): Promise<string | undefined> => {
    const result = await service.start(machineUri, {
      definition: await readSource(machineUri),
      mockConfig: options.mock ? await readMockConfig((await findMockConfig(service, machineUri)).found) : undefined,
      mock: options.mock,
      localHandlers: localHandlers(machineUri),
      handlerTimeoutSeconds: handlerTimeoutSeconds(machineUri),
      input: options.input,
      name: options.name,
      clock: options.clock ?? 'virtual',
    });
    if ('errors' in result) {
      const [first] = result.errors;
      const where = first.range ? ` (line ${first.range.start.line + 1})` : '';
      void vscode.window.showErrorMessage(`The execution did not start: ${first.message}${where}${result.errors.length > 1 ? ` and ${result.errors.length - 1} more` : ''}`);
      return undefined;
    }
    await rememberInput(workbench.extension.workspaceState, machineUri, options.input);
    await openExecution(result.started.executionArn);
    return result.started.executionArn;
  };

  const showForm = (machineUri: vscode.Uri, request?: StoredRequest) => StartExecutionForm.show(service, machineUri, (arn) => void openExecution(arn),
    request && { input: request.input, mock: request.mock, clock: request.clock });

  const actions: ExecutionViewActions = {
    runAgain: (record) => void service.store.loadRequest(record).then((request) => startNow(vscode.Uri.parse(record.machineUri), request)).catch(reportError),
    editAndRun: (record) => void service.store.loadRequest(record).then((request) => showForm(vscode.Uri.parse(record.machineUri), request)).catch(reportError),
  };

  const reportError = (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    workbench.output.error(`Run locally: ${message}`);
    void vscode.window.showErrorMessage(`Run locally: ${message}`);
  };

  /**
   * The definition to run: the given file (a Uri, or a URI string from the code lens), else the
   * active editor's, else the machine of the execution view or graph preview that has the focus.
   */
  const runLocally = async (uri?: vscode.Uri | string, options?: RunOptions): Promise<string | undefined> => {
    const given = uri instanceof vscode.Uri ? uri : typeof uri === 'string' ? vscode.Uri.parse(uri)
      : vscode.window.activeTextEditor?.document.uri ?? ExecutionPanel.activeMachine() ?? GraphPanel.activeUri();
    const document = given && await vscode.workspace.openTextDocument(documentUriOf(given));
    // In a template, one of its machines (`template.yaml#Orders`).
    const machineUri = given && document && await machineOf(workbench, given);
    if (!machineUri || !document || !(machineUri.fragment || ASL_LANGUAGES.has(document.languageId) || /\.(json|ya?ml)$/i.test(machineUri.path))) {
      void vscode.window.showWarningMessage('Open a state machine definition (.asl.json or .asl.yaml, or a template holding one) to run it.');
      return undefined;
    }
    // Menus pass their own context objects second: only RunOptions start at once.
    if (typeof options?.input === 'string') return startNow(machineUri, options);
    await showForm(machineUri);
    return undefined;
  };

  const executionsOf = (node?: ExecutionsNode) => node?.kind === 'execution' ? [node.record]
    : node ? node.records : service.store.records();

  return [
    service,
    vscode.window.registerTreeDataProvider('aslWorkbench.executions', tree),
    vscode.commands.registerCommand('aslWorkbench.runLocally', (uri?: vscode.Uri | string, options?: RunOptions) => runLocally(uri, options).catch(reportError)),
    vscode.commands.registerCommand('aslWorkbench.openExecution', (node: ExecutionsNode | string) =>
      openExecution(typeof node === 'string' ? node : node.kind === 'execution' ? node.record.executionArn : '').catch(reportError)),
    vscode.commands.registerCommand('aslWorkbench.deleteExecution', (node?: ExecutionsNode) =>
      service.store.delete(executionsOf(node).map((record) => record.executionArn))),
    vscode.commands.registerCommand('aslWorkbench.clearExecutions', async (node?: ExecutionsNode) => {
      const records = executionsOf(node);
      const answer = await vscode.window.showWarningMessage(`Delete ${records.length} execution${records.length === 1 ? '' : 's'} from the list?`, { modal: true }, 'Delete');
      if (answer === 'Delete') await service.store.delete(records.map((record) => record.executionArn));
    }),
  ];
}
