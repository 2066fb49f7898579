// "ASL: Start Local Endpoint": the Step Functions API of `serve` for the workspace, for the user's
// own code (AWS SDK, AWS CLI, callback and activity workers). It runs as a process of its own with
// the workspace's mocks and local handlers, keeps its state in the workspace's storage, and shows its
// URL in the status bar until it stops. While it runs, the executions list shows its executions.
import { fork, type ChildProcess } from 'child_process';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CommandTable } from '../commands';
import { SendTaskAnswerRequest, type EndpointTaskAnswer, type EndpointTaskAnswered } from '../../../server/src/protocol';
import type { WorkbenchContext, WorkbenchHost } from '../context';
import { localHandlers, resolveSetting } from '../runs/runInputs';
import { OPEN_ENDPOINT_EXECUTION } from '../runs/tree';
import { ExecutionPanel, type ExecutionViewActions } from '../webviews/executionView/panel';
import { EndpointExecutions } from './endpointExecutions';

const MENU = 'aslWorkbench.localEndpointMenu';

interface Running {
  process: ChildProcess;
  url: string;
}

/** The endpoint's process and its status bar item; one per window, on the context. */
export class LocalEndpoint implements vscode.Disposable {
  private readonly status = vscode.window.createStatusBarItem('aslWorkbench.localEndpoint', vscode.StatusBarAlignment.Left, 10);
  /** Its executions, for the executions list while it runs. */
  readonly executions = new EndpointExecutions();
  private running: Running | undefined;
  private starting: Promise<Running | undefined> | undefined;

  constructor(private readonly workbench: WorkbenchHost) {
    this.status.name = 'Step Functions Local Endpoint';
    this.status.command = MENU;
  }

  /** Its URL while it runs. */
  get url(): string | undefined {
    return this.running?.url;
  }

  /** Starts the endpoint unless it runs; answers its URL (undefined when it did not start). */
  async start(): Promise<string | undefined> {
    if (this.running) {
      void vscode.window.showInformationMessage(`The local endpoint is already running on ${this.running.url}.`);
      return this.running.url;
    }
    this.starting ??= this.launch().finally(() => { this.starting = undefined; });
    const started = await this.starting;
    if (started) void vscode.window.showInformationMessage(`Step Functions API on ${started.url}: aws stepfunctions --endpoint-url ${started.url} ...`);
    return started?.url;
  }

  async stop(): Promise<void> {
    const current = this.running;
    if (!current) return;
    await new Promise<void>((resolve) => {
      current.process.once('exit', () => resolve());
      current.process.kill('SIGTERM');
    });
  }

  /** The status bar item's menu: copy the URL or stop. */
  async menu(): Promise<void> {
    if (!this.running) return;
    const url = this.running.url;
    const choice = await vscode.window.showQuickPick([
      { label: '$(copy) Copy URL', description: url, action: 'copy' },
      { label: '$(debug-stop) Stop Local Endpoint', action: 'stop' },
    ], { title: 'Step Functions Local Endpoint' });
    if (choice?.action === 'copy') await vscode.env.clipboard.writeText(url);
    if (choice?.action === 'stop') await this.stop();
  }

  dispose(): void {
    this.running?.process.kill('SIGTERM');
    this.status.dispose();
    this.executions.dispose();
  }

  /** A worker's SendTask* to the endpoint with a token of a VS Code run: the run takes it, or AWS's refusal goes back. */
  private async answerTask(child: ChildProcess, { id, taskToken, answer }: EndpointTaskAnswer): Promise<void> {
    let problem: string | undefined;
    try {
      problem = await this.workbench.client.sendRequest(SendTaskAnswerRequest, { taskToken, answer }) ?? undefined;
    } catch (error) {
      problem = `InternalFailure: ${error instanceof Error ? error.message : String(error)}`;
    }
    const answered: EndpointTaskAnswered = { type: 'taskAnswered', id, ...(problem === undefined ? {} : { problem }) };
    if (child.connected) child.send(answered);
  }

  private showStopped(): void {
    this.running = undefined;
    this.executions.follow(undefined);
    this.status.hide();
    void vscode.commands.executeCommand('setContext', 'aslWorkbench.localEndpointRunning', false);
  }

  private async launch(): Promise<Running | undefined> {
    const { extension, output } = this.workbench;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const settings = vscode.workspace.getConfiguration('aslWorkbench', folder);
    const port = settings.get<number>('localEndpointPort') ?? 8083;
    const args = ['serve', '--port', String(port)];
    const mockSetting = settings.get<string>('mockConfigFile');
    const mockConfig = folder && mockSetting ? resolveSetting(folder, mockSetting) : undefined;
    if (mockConfig) args.push('--mock-config', mockConfig.fsPath);
    const storage = extension.storageUri ?? extension.globalStorageUri;
    const data = vscode.Uri.joinPath(storage, 'localEndpoint');
    await vscode.workspace.fs.createDirectory(data);
    const handlers = folder ? localHandlers(folder) : {};
    if (Object.keys(handlers).length) {
      // serve reads handlers from a file (module paths relative to it): these are absolute already.
      const file = vscode.Uri.joinPath(data, 'handlers.json');
      await vscode.workspace.fs.writeFile(file, Buffer.from(JSON.stringify(handlers)));
      args.push('--handlers', file.fsPath);
    }
    args.push('--data', data.fsPath);
    output.info(`Starting the local endpoint: serve ${args.slice(1).join(' ')}`);
    const child = fork(extension.asAbsolutePath(path.join('dist', 'cli.js')), args, { silent: true, cwd: folder?.fsPath });
    return new Promise((resolve) => {
      let printed = '';
      const onOutput = (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        printed += text;
        for (const line of text.split('\n')) if (line.trim()) output.info(`[endpoint] ${line}`);
        const listening = /listening on (http:\/\/\S+)/.exec(printed);
        if (listening && !this.running) {
          this.running = { process: child, url: listening[1] };
          this.status.text = `$(radio-tower) ${listening[1]}`;
          this.status.tooltip = new vscode.MarkdownString(`Step Functions API on \`${listening[1]}\`\n\nClick to copy the URL or stop it.`);
          this.status.show();
          this.executions.follow(this.running.url);
          void vscode.commands.executeCommand('setContext', 'aslWorkbench.localEndpointRunning', true);
          resolve(this.running);
        }
      };
      child.stdout!.on('data', onOutput);
      child.stderr!.on('data', onOutput);
      child.on('message', (message: EndpointTaskAnswer) => {
        if (message?.type === 'answerTask') void this.answerTask(child, message);
      });
      child.on('exit', (code) => {
        const wasRunning = this.running?.process === child;
        if (wasRunning) this.showStopped();
        if (!wasRunning) {
          void vscode.window.showErrorMessage(`The local endpoint did not start (exit code ${code}): ${printed.trim().split('\n').pop() ?? ''}`, 'Show Output')
            .then((choice) => choice && output.show());
          resolve(undefined);
        } else if (code !== 0) void vscode.window.showWarningMessage(`The local endpoint stopped (exit code ${code}).`);
      });
    });
  }
}

export const LOCAL_ENDPOINT_COMMANDS: CommandTable = {
  'aslWorkbench.startLocalEndpoint': (context) => context.localEndpoint.start(),
  'aslWorkbench.stopLocalEndpoint': (context) => context.localEndpoint.stop(),
  [MENU]: (context) => context.localEndpoint.menu(),
  [OPEN_ENDPOINT_EXECUTION]: (context, executionArn: string) => openEndpointExecution(context, executionArn),
};

/** Opens an execution of the endpoint in the execution view, as its history stands now. */
async function openEndpointExecution(workbench: WorkbenchContext, executionArn: string): Promise<void> {
  try {
    const { record, history } = await workbench.localEndpoint.executions.history(executionArn);
    await ExecutionPanel.show(workbench.runs, record, endpointActions(workbench), history);
  } catch (error) {
    const message = `Could not open execution ${executionArn}: ${error instanceof Error ? error.message : String(error)}`;
    workbench.output.error(message);
    void vscode.window.showErrorMessage(message);
  }
}

/** The view's buttons act on the endpoint: run the machine again with the same input, edit its definition, stop it. */
function endpointActions(workbench: WorkbenchContext): ExecutionViewActions {
  const { executions } = workbench.localEndpoint;
  const report = (error: unknown) => void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
  return {
    runAgain: (record) => void executions.startAgain(record.executionArn).then((arn) => openEndpointExecution(workbench, arn), report),
    editAndRun: (record) => void executions.history(record.executionArn)
      .then(({ history }) => vscode.workspace.openTextDocument({ language: 'asl', content: history.definition.text }))
      .then((document) => vscode.window.showTextDocument(document), report),
    stop: (record) => void executions.stop(record.executionArn).then(() => openEndpointExecution(workbench, record.executionArn), report),
  };
}
