// The execution view (extension side): one webview per execution, fed live from the service
// while it runs, or from storage when opened from the executions list.
import * as vscode from 'vscode';
import { buildGraphModel } from '../../../../server/src/core/graph/model';
import type { HistoryEvent } from '../../../../server/src/core/interpreter/api';
import { definitionValue } from '../../../../server/src/execution/plan';
import type { ExecutionService } from '../../execution/service';
import type { ExecutionRecord } from '../../execution/store';
import { displayPath } from '../../execution/runInputs';
import { webviewHtml, webviewRoots } from '../webviewHtml';
import type { FromExecutionView, ToExecutionView } from './messages';

/** Events per message to the view. */
const EVENTS_PER_MESSAGE = 2000;

export interface ExecutionViewActions {
  runAgain(record: ExecutionRecord): void;
  editAndRun(record: ExecutionRecord): void;
}

const panels = new Map<string, ExecutionPanel>();

export class ExecutionPanel {
  private ready = false;
  private readonly pending: ToExecutionView[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  /** Opens (or reveals) the view of an execution. */
  static async show(service: ExecutionService, record: ExecutionRecord, actions: ExecutionViewActions): Promise<ExecutionPanel> {
    const existing = panels.get(record.executionArn);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel('aslWorkbench.execution', `Execution: ${record.name}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: webviewRoots(service.workbench.extension.extensionUri),
    });
    const view = new ExecutionPanel(service, record, panel, actions);
    panels.set(record.executionArn, view);
    await view.load();
    return view;
  }

  private constructor(
    private readonly service: ExecutionService,
    private readonly record: ExecutionRecord,
    readonly panel: vscode.WebviewPanel,
    private readonly actions: ExecutionViewActions,
  ) {
    panel.webview.html = webviewHtml(panel.webview, service.workbench.extension.extensionUri, 'execution', panel.title);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: FromExecutionView) => this.onMessage(message)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  private async load(): Promise<void> {
    const { record } = this;
    const request = await this.service.store.loadRequest(record).catch(() => undefined);
    // Subscribed with nothing awaited until the init is queued: a batch posted before it would be lost.
    const live = this.service.subscribe(record.executionArn, (events, outcome) => this.post({ type: 'events', events, outcome }));
    if (live) this.disposables.push(live.subscription);
    const history = live?.history ?? await this.service.store.loadHistory(record);
    const definition = request?.definition ?? { uri: record.machineUri, text: '' };
    // The history goes in bounded messages: a long one would otherwise be one huge message.
    const chunks: HistoryEvent[][] = [];
    for (let start = 0; start < history.events.length; start += EVENTS_PER_MESSAGE) chunks.push(history.events.slice(start, start + EVENTS_PER_MESSAGE));
    this.pending.unshift({
      type: 'init',
      view: {
        executionArn: record.executionArn,
        name: record.name,
        stateMachineName: record.stateMachineName,
        fileName: displayPath(vscode.Uri.parse(record.machineUri)),
        definition: request ? definition.text : 'The definition this execution ran could not be read from storage.',
        graph: buildGraphModel(definitionValue(definition.uri, definition.text)),
        events: chunks.shift() ?? [],
        outcome: history.outcome ?? (record.status === 'RUNNING' || live ? undefined
          : { executionArn: record.executionArn, name: record.name, status: record.status, startDate: record.startDate, stopDate: record.stopDate ?? record.startDate, input: undefined }),
      },
    }, ...chunks.map((events): ToExecutionView => ({ type: 'events', events })));
    this.flush();
  }

  private post(message: ToExecutionView): void {
    this.pending.push(message);
    this.flush();
  }

  private flush(): void {
    if (!this.ready) return;
    for (const message of this.pending.splice(0)) void this.panel.webview.postMessage(message);
  }

  private onMessage(message: FromExecutionView): void {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.flush();
        break;
      case 'stop':
        void this.service.stop(this.record.executionArn);
        break;
      case 'runAgain':
        this.actions.runAgain(this.record);
        break;
      case 'editAndRun':
        this.actions.editAndRun(this.record);
        break;
      case 'copy':
        void vscode.env.clipboard.writeText(message.text).then(() => vscode.window.setStatusBarMessage('Copied', 2000));
        break;
      case 'texts':
        this.service.store.readTexts(this.record, message.texts).then(
          (contents) => this.post({ type: 'texts', request: message.request, contents }),
          (error) => this.post({ type: 'texts', request: message.request, error: error instanceof Error ? error.message : String(error) }));
        break;
    }
  }

  private dispose(): void {
    panels.delete(this.record.executionArn);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
