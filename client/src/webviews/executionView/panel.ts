// The execution view (extension side): one webview per execution, fed live from the service
// while it runs, or from storage when opened from the executions list.
import * as vscode from 'vscode';
import { targetLabel, type ExecutionOutcome, type HistoryEvent, type RunsCompared, type SourceText, type TaskTokenAnswer } from '../../../../server/src/protocol';
import type { ExecutionService } from '../../runs/service';
import type { ExecutionRecord } from '../../runs/store';
import { displayPath } from '../../runs/runInputs';
import { PanelHost, PanelsByKey, webviewOptions } from '../panelHost';
import type { FromExecutionView, ToExecutionView } from './messages';

/** Events per message to the view. */
const EVENTS_PER_MESSAGE = 2000;

export interface ExecutionViewActions {
  runAgain(record: ExecutionRecord): void;
  editAndRun(record: ExecutionRecord): void;
  /** Stops it where it runs; default: in the language server (a local run). */
  stop?(record: ExecutionRecord): void;
}

/** A history given whole (the local endpoint's executions) rather than read from the store or followed live. */
export interface GivenHistory {
  definition: SourceText;
  events: HistoryEvent[];
  outcome?: ExecutionOutcome;
}

/** "Compare runs": the view shows how its run differs from another, in a column of its own. */
export interface ComparedView {
  comparison: RunsCompared & { with: string };
  column: vscode.ViewColumn;
}

const VIEW_TYPE = 'aslWorkbench.execution';
const panels = new PanelsByKey<ExecutionPanel>();

/** An editor layout as the `vscode.getEditorLayout` command gives it: orientation 1 stacks the groups in rows. */
interface EditorLayout { orientation: 0 | 1; groups: GroupLayout[] }
interface GroupLayout { groups?: GroupLayout[]; size?: number }

const leaves = (group: GroupLayout): number => group.groups?.reduce((total, inner) => total + leaves(inner), 0) ?? 1;

/** The view columns (the groups in grid order) of the groups as wide as the editor area. */
function fullWidthColumns(layout: EditorLayout): Set<number> {
  if (layout.groups.reduce((total, group) => total + leaves(group), 0) === 1) return new Set([1]);
  const columns = new Set<number>();
  if (layout.orientation !== 1) return columns;
  let column = 0;
  for (const row of layout.groups) {
    if (leaves(row) === 1) columns.add(column + 1);
    column += leaves(row);
  }
  return columns;
}

/**
 * Where an execution view has room: a group as wide as the editor area, the one already showing
 * execution views first, else the active group; when none is active (say the editor and its graph
 * preview side by side), a new row across the whole width below the others.
 */
async function columnWithRoom(): Promise<vscode.ViewColumn> {
  const layout = await vscode.commands.executeCommand<EditorLayout | undefined>('vscode.getEditorLayout');
  if (!layout) return vscode.ViewColumn.Active;
  const wide = fullWidthColumns(layout);
  const withExecutions = vscode.window.tabGroups.all.find((group) => wide.has(group.viewColumn)
    && group.tabs.some((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(VIEW_TYPE)));
  if (withExecutions) return withExecutions.viewColumn;
  if (wide.has(vscode.window.tabGroups.activeTabGroup.viewColumn)) return vscode.ViewColumn.Active;
  const rows = layout.orientation === 1 ? layout.groups : [{ groups: layout.groups }];
  const height = rows.reduce((total, row) => total + (row.size ?? 1), 0);
  // The new row takes 60% of the height; the view columns follow the grid's order, so it is the last one.
  await vscode.commands.executeCommand('vscode.setEditorLayout', { orientation: 1, groups: [...rows, { size: height * 1.5 }] });
  return vscode.window.tabGroups.all.length as vscode.ViewColumn;
}

export class ExecutionPanel {
  private readonly host: PanelHost<ToExecutionView, FromExecutionView>;
  private readonly disposables: vscode.Disposable[] = [];

  /** Opens (or reveals) the view of an execution. */
  static async show(service: ExecutionService, record: ExecutionRecord, actions: ExecutionViewActions, given?: GivenHistory, compared?: ComparedView): Promise<ExecutionPanel> {
    const existing = panels.get(record.executionArn);
    // A given history is newer than the one shown, a comparison new: the view shows it anew.
    if (existing && !given && !compared) {
      existing.panel.reveal();
      return existing;
    }
    existing?.panel.dispose();
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, `Execution: ${record.name}`, compared?.column ?? await columnWithRoom(), webviewOptions(service.workbench.extension, true));
    const view = panels.add(record.executionArn, new ExecutionPanel(service, record, panel, actions, given, compared?.comparison));
    await view.load();
    return view;
  }

  /** The definition of the execution view that has the focus, if one has. */
  static activeMachine(): vscode.Uri | undefined {
    const record = ExecutionPanel.activeRecord();
    return record && vscode.Uri.parse(record.machineUri);
  }

  /** The execution of the view that has the focus, if one has. */
  static activeRecord(): ExecutionRecord | undefined {
    return panels.active()?.record;
  }

  /** The history the focused view was given (an execution listed from a target or the local endpoint: none is stored). */
  static activeGivenHistory(): GivenHistory | undefined {
    return panels.active()?.given;
  }

  private constructor(
    private readonly service: ExecutionService,
    private readonly record: ExecutionRecord,
    readonly panel: vscode.WebviewPanel,
    private readonly actions: ExecutionViewActions,
    private readonly given?: GivenHistory,
    private readonly comparison?: ComparedView['comparison'],
  ) {
    this.host = new PanelHost(panel, service.workbench, 'executionView', (message) => this.receive(message));
    this.disposables.push(this.host, panel.onDidDispose(() => this.dispose()));
  }

  private async load(): Promise<void> {
    const { record, given } = this;
    const request = given ? undefined : await this.service.store.loadRequest(record).catch(() => undefined);
    const definition = given?.definition ?? request?.definition ?? { uri: record.machineUri, text: '' };
    const graph = await this.service.graph(definition);
    // Subscribed with nothing awaited until the init is queued: a batch posted before it would be lost.
    const live = given ? undefined : this.service.subscribe(record.executionArn, (update) => this.host.post({ type: 'events', ...update }));
    if (live) this.disposables.push(live.subscription);
    const history = given ?? live?.history ?? await this.service.store.loadHistory(record);
    // The history goes in bounded messages: a long one would otherwise be one huge message.
    const chunks: HistoryEvent[][] = [];
    for (let start = 0; start < history.events.length; start += EVENTS_PER_MESSAGE) chunks.push(history.events.slice(start, start + EVENTS_PER_MESSAGE));
    this.host.post({
      type: 'init',
      view: {
        executionArn: record.executionArn,
        name: record.name,
        stateMachineName: record.stateMachineName,
        fileName: displayPath(vscode.Uri.parse(record.machineUri)),
        definition: given || request ? definition.text : 'The definition this execution ran could not be read from storage.',
        graph,
        events: chunks.shift() ?? [],
        outcome: history.outcome,
        taskTokens: live?.history.taskTokens,
        target: record.target && targetLabel(record.target),
        lost: record.lost,
        comparison: this.comparison,
      },
    });
    for (const events of chunks) this.host.post({ type: 'events', events });
  }

  private receive(message: Exclude<FromExecutionView, { type: 'ready' }>): void {
    switch (message.type) {
      case 'stop':
        if (this.actions.stop) this.actions.stop(this.record);
        else void this.service.stop(this.record.executionArn);
        break;
      case 'redrive':
        void this.redrive();
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
      case 'answerTask':
        void this.answerTask(message.taskToken, message.kind);
        break;
      case 'texts':
        this.service.store.readTexts(this.record, message.texts).then(
          (contents) => this.host.post({ type: 'texts', request: message.request, contents }),
          (error) => this.host.post({ type: 'texts', request: message.request, error: error instanceof Error ? error.message : String(error) }));
        break;
    }
  }

  /** SendTaskSuccess (asks for the output JSON), SendTaskFailure (the error, then the cause) or SendTaskHeartbeat. */
  private async answerTask(taskToken: string, kind: 'success' | 'failure' | 'heartbeat'): Promise<void> {
    let answer: TaskTokenAnswer;
    if (kind === 'success') {
      const output = await vscode.window.showInputBox({
        title: 'Send task success', prompt: 'The Task\'s output (JSON)', value: '{}', ignoreFocusOut: true,
      });
      if (output === undefined) return;
      answer = { output };
    } else if (kind === 'failure') {
      const error = await vscode.window.showInputBox({ title: 'Send task failure (1/2)', prompt: 'The error name (Catch and Retry match it)', ignoreFocusOut: true });
      if (error === undefined) return;
      const cause = await vscode.window.showInputBox({ title: 'Send task failure (2/2)', prompt: 'The cause', ignoreFocusOut: true });
      if (cause === undefined) return;
      answer = { error, cause };
    } else {
      answer = { heartbeat: true };
    }
    const problem = await this.service.answerTask(this.record.executionArn, taskToken, answer);
    if (problem) void vscode.window.showErrorMessage(`The answer was not taken: ${problem}`);
    else if (kind === 'heartbeat') vscode.window.setStatusBarMessage('Heartbeat sent', 2000);
  }

  /** Redrives the execution on its target; the view is opened anew, following its history as it goes on. */
  private async redrive(): Promise<void> {
    const redriven = await this.service.redrive(this.record);
    if ('error' in redriven) {
      void vscode.window.showErrorMessage(`Redrive: ${redriven.error}`);
      return;
    }
    this.panel.dispose();
    const record = this.service.store.get(this.record.executionArn);
    if (record) await ExecutionPanel.show(this.service, record, this.actions);
  }

  private dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
