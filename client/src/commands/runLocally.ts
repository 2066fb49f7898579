// "ASL: Run Locally" and the executions list's commands (open, delete, clear): the start form,
// the execution views, and "Run again" / "Edit and run" from a view.
import * as vscode from 'vscode';
import type { MockSelection, RunTarget, TimeMode } from '../../../server/src/protocol';
import type { WorkbenchContext } from '../context';
import { handlerTimeoutSeconds, localHandlers, readMockConfig, readSource, findMockConfig, rememberInput } from '../runs/runInputs';
import type { ExecutionRecord, StoredRequest } from '../runs/store';
import type { ExecutionsNode } from '../runs/tree';
import { ExecutionPanel, type ExecutionViewActions } from '../webviews/executionView/panel';
import { GraphPanel } from '../webviews/graph/panel';
import { StartExecutionForm } from '../webviews/startExecution/panel';
import { documentUriOf, machineOf } from './templateMachines';

/** Starts at once, without the form, when given (used by "Run again", tests and keybindings). */
export interface RunOptions {
  input: string;
  name?: string;
  mock?: MockSelection;
  clock?: TimeMode;
  /** STANDARD when absent. */
  type?: StoredRequest['type'];
  /** Local when absent ("Run again" of a remote execution runs on its target again). */
  target?: RunTarget;
}

const ASL_LANGUAGES = new Set(['asl', 'asl-yaml']);

/**
 * The definition to run: the given file (a Uri, or a URI string from the code lens), else the
 * active editor's, else the machine of the execution view or graph preview that has the focus.
 */
export async function runLocally(context: WorkbenchContext, uri?: vscode.Uri | string, options?: RunOptions): Promise<string | undefined> {
  const given = uri instanceof vscode.Uri ? uri : typeof uri === 'string' ? vscode.Uri.parse(uri)
    : vscode.window.activeTextEditor?.document.uri ?? ExecutionPanel.activeMachine() ?? GraphPanel.activeUri();
  const document = given && await vscode.workspace.openTextDocument(documentUriOf(given));
  // In a template, one of its machines (`template.yaml#Orders`).
  const machineUri = given && document && await machineOf(context, given);
  if (!machineUri || !document || !(machineUri.fragment || ASL_LANGUAGES.has(document.languageId) || /\.(json|ya?ml)$/i.test(machineUri.path))) {
    void vscode.window.showWarningMessage('Open a state machine definition (.asl.json or .asl.yaml, or a template holding one) to run it.');
    return undefined;
  }
  // Menus pass their own context objects second: only RunOptions start at once.
  if (typeof options?.input === 'string') return startNow(context, machineUri, options);
  await showForm(context, machineUri);
  return undefined;
}

/** Opens an execution's view: from the tree (its node) or by ARN. */
export async function openExecution(context: WorkbenchContext, node: ExecutionsNode | string): Promise<void> {
  const executionArn = typeof node === 'string' ? node : node.kind === 'execution' ? node.record.executionArn : '';
  const record = context.runs.store.get(executionArn);
  if (record) await ExecutionPanel.show(context.runs, record, viewActions(context));
}

export async function deleteExecutions(context: WorkbenchContext, node?: ExecutionsNode): Promise<void> {
  await context.runs.store.delete(executionsOf(context, node).map((record) => record.executionArn));
}

/** Deletes a machine's executions, or all, once the user agrees. */
export async function clearExecutions(context: WorkbenchContext, node?: ExecutionsNode): Promise<void> {
  const records = executionsOf(context, node);
  const answer = await vscode.window.showWarningMessage(`Delete ${records.length} execution${records.length === 1 ? '' : 's'} from the list?`, { modal: true }, 'Delete');
  if (answer === 'Delete') await context.runs.store.delete(records.map((record) => record.executionArn));
}

/** The node's executions (a machine's, or one); all of them without a node (the view's title bar). */
function executionsOf(context: WorkbenchContext, node?: ExecutionsNode): readonly ExecutionRecord[] {
  if (!node) return context.runs.store.records();
  return node.kind === 'execution' ? [node.record] : node.kind === 'machine' ? node.records : [];
}

async function startNow(context: WorkbenchContext, machineUri: vscode.Uri, options: RunOptions): Promise<string | undefined> {
  const remote = options.target && options.target.kind !== 'local';
  const result = await context.runs.start(machineUri, {
    definition: await readSource(machineUri),
    ...remote ? { target: options.target } : {
      mockConfig: options.mock ? await readMockConfig((await findMockConfig(context.runs, machineUri)).found) : undefined,
      mock: options.mock,
      localHandlers: localHandlers(machineUri),
      handlerTimeoutSeconds: handlerTimeoutSeconds(machineUri),
    },
    input: options.input,
    name: options.name,
    clock: options.clock ?? 'virtual',
    type: options.type,
  });
  if ('errors' in result) {
    const [first] = result.errors;
    const where = first.range ? ` (line ${first.range.start.line + 1})` : '';
    void vscode.window.showErrorMessage(`The execution did not start: ${first.message}${where}${result.errors.length > 1 ? ` and ${result.errors.length - 1} more` : ''}`);
    return undefined;
  }
  await rememberInput(context.extension.workspaceState, machineUri, options.input);
  await openExecution(context, result.started.executionArn);
  return result.started.executionArn;
}

function showForm(context: WorkbenchContext, machineUri: vscode.Uri, request?: StoredRequest): Promise<StartExecutionForm> {
  const endpoint = context.localEndpoint.executions;
  return StartExecutionForm.show(context.runs, machineUri, (arn) => void openExecution(context, arn).catch((error) => reportError(context, error)),
    { get url() { return endpoint.url; }, onDidChange: (listener) => endpoint.onDidChange(listener) },
    request && { input: request.input, mock: request.mock, clock: request.clock, type: request.type });
}

/** What an execution view's buttons do: start the same request again, at once or through the form. */
export function viewActions(context: WorkbenchContext): ExecutionViewActions {
  const again = (record: ExecutionRecord, then: (machineUri: vscode.Uri, request: StoredRequest) => Promise<unknown>) =>
    void context.runs.store.loadRequest(record).then((request) => then(vscode.Uri.parse(record.machineUri), request)).catch((error) => reportError(context, error));
  return {
    runAgain: (record) => again(record, (machineUri, request) => startNow(context, machineUri, request)),
    editAndRun: (record) => again(record, (machineUri, request) => showForm(context, machineUri, request)),
  };
}

function reportError(context: WorkbenchContext, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  context.output.error(`Run locally: ${message}`);
  void vscode.window.showErrorMessage(`Run locally: ${message}`);
}
