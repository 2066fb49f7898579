// The extension side of local runs: starts executions in the language server, receives their
// streamed histories, keeps the executions list, and opens one view per execution.
import * as vscode from 'vscode';
import {
  ChooseMockConfigRequest, executionAlreadyExists, ExecutionEventsNotification, ExecutionGraphRequest, MockEntryRequest, RedriveExecutionRequest,
  RemoteExecutionHistoryRequest, RemoteExecutionsRequest, RunPlanRequest, SendTaskAnswerRequest, StartExecutionRequest, stateMachineNameOf,
  StopExecutionRequest, StoredHistoryRequest, StoredTextsRequest, type TaskTokenAnswer, type WaitingTaskToken,
  type ExecutionEventsParams, type ExecutionOutcome, type GraphModel, type HistoryEvent, type MockConfigCandidate, type MockConfigChoice,
  type MockEntry, type MockSelection, type RemoteExecutionHistory, type RemoteExecutionList, type RemoteTarget, type RunPlan, type RunPlanParams, type SourceText, type StartExecutionParams,
  type StartExecutionResult, type UnservedTask, type WrittenHistory,
} from '../../../server/src/protocol';
import type { WorkbenchHost } from '../context';
import { ExecutionStore, type ExecutionRecord } from './store';

export interface LiveHistory {
  events: HistoryEvent[];
  outcome?: ExecutionOutcome;
  /** A hybrid run's Tasks waiting for their task token's answer. */
  taskTokens?: WaitingTaskToken[];
}

/** New events, and the outcome once it ended; the task tokens a hybrid run waits for; or why a remote execution was lost from sight. */
type Listener = (update: { events: HistoryEvent[]; outcome?: ExecutionOutcome; taskTokens?: WaitingTaskToken[]; lost?: string }) => void;

export class ExecutionService implements vscode.Disposable {
  readonly store: ExecutionStore;
  private readonly live = new Map<string, LiveHistory & { listeners: Set<Listener> }>();
  /** Batches that arrived before the execution was recorded (the server may send them before its answer to the start). */
  private readonly early = new Map<string, ExecutionEventsParams[]>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly workbench: WorkbenchHost) {
    const storage = workbench.extension.storageUri ?? workbench.extension.globalStorageUri;
    this.store = new ExecutionStore(workbench.extension.workspaceState, vscode.Uri.joinPath(storage, 'executions').fsPath, {
      budgetBytes: () => {
        const megabytes = vscode.workspace.getConfiguration('aslWorkbench').get<unknown>('executionsDiskBudgetMB');
        return typeof megabytes === 'number' && megabytes > 0 ? megabytes * 1048576 : Infinity;
      },
      tell: (message) => {
        workbench.output.warn(message);
        void vscode.window.showWarningMessage(message);
      },
      // Windows without a workspace share the global storage.
      exclusive: workbench.extension.storageUri !== undefined,
      history: {
        events: (folder) => workbench.client.sendRequest(StoredHistoryRequest, { folder }),
        texts: (folder, texts) => workbench.client.sendRequest(StoredTextsRequest, { folder, texts: [...texts] }),
      },
    });
    this.disposables.push(workbench.client.onNotification(ExecutionEventsNotification, (params) => this.receive(params)));
  }

  plan(params: RunPlanParams): Promise<RunPlan> {
    return this.workbench.client.sendRequest(RunPlanRequest, params);
  }

  /** Which MockConfigFile, of those that might serve the state machine, names it. */
  chooseMockConfig(candidates: MockConfigCandidate[], stateMachineName: string): Thenable<MockConfigChoice> {
    return this.workbench.client.sendRequest(ChooseMockConfigRequest, { candidates, stateMachineName });
  }

  /** A mock for `task` added to a MockConfigFile's text (undefined: a new file). */
  mockEntry(text: string | undefined, selection: MockSelection, task: UnservedTask): Thenable<MockEntry> {
    return this.workbench.client.sendRequest(MockEntryRequest, { text, selection, task });
  }

  /** The graph of the definition an execution ran; without states when the server cannot answer (it stopped). */
  graph(definition: SourceText): Promise<GraphModel> {
    return Promise.resolve(this.workbench.client.sendRequest(ExecutionGraphRequest, { definition })).catch((error: Error) => ({
      root: { id: '[]', path: [], label: 'State machine', nodes: [], edges: [] },
      diagnostics: [],
      problem: `The graph could not be drawn: ${error.message}`,
    }));
  }

  /** Starts an execution; the caller opens its view. */
  async start(machineUri: vscode.Uri, request: StartExecutionParams): Promise<StartExecutionResult> {
    // The server knows this session's executions; the store also those of earlier sessions.
    const stateMachineName = stateMachineNameOf(request.definition.uri);
    const remote = request.target && request.target.kind !== 'local' ? request.target : undefined;
    // A name is unique per state machine where it runs: a remote target refuses a name in use itself.
    const earlier = !remote && request.name && this.store.records().find((record) => record.stateMachineName === stateMachineName && record.name === request.name && !record.target);
    if (earlier && !this.live.has(earlier.executionArn)) return { errors: [executionAlreadyExists(earlier.executionArn)] };
    await this.store.ready;
    const { name: _, historyFolder: __, ...stored } = request;
    const folder = await this.store.create(stored);
    const result = await this.workbench.client.sendRequest(StartExecutionRequest, { ...request, historyFolder: this.store.pathOf(folder) });
    // A repeated start of a running execution is answered with it (AWS's idempotent StartExecution).
    if (!('started' in result) || this.live.has(result.started.executionArn)) {
      await this.store.discard(folder);
      return result;
    }
    const { executionArn, name } = result.started;
    await this.store.add({
      executionArn, name, stateMachineName, machineUri: machineUri.toString(), status: 'RUNNING', startDate: new Date().toISOString(), folder,
      ...(remote ? { target: remote } : {}),
    });
    // Batches that came meanwhile wait in `early`: replayed now, in order, before any later one.
    this.live.set(executionArn, { events: [], listeners: new Set() });
    for (const params of this.early.get(executionArn) ?? []) this.receive(params);
    this.early.delete(executionArn);
    return result;
  }

  /** Lists an execution the server ran and wrote into the store's root (a failed test's), replacing an earlier one of its ARN. */
  async recordWritten(written: WrittenHistory): Promise<void> {
    await this.store.ready;
    const { outcome } = written;
    await this.store.delete([outcome.executionArn]);
    // "Run again" starts the definition with the test's input (not with its mocks, which are the test's).
    await this.store.writeRequest(written.folder, { definition: written.definition, input: JSON.stringify(outcome.input), clock: 'virtual' });
    await this.store.add({
      executionArn: outcome.executionArn, name: outcome.name, stateMachineName: written.stateMachineName, machineUri: written.definition.uri,
      status: outcome.status, startDate: outcome.startDate, stopDate: outcome.stopDate, folder: written.folder,
    });
    await this.store.finish(outcome.executionArn, outcome, written.historyError);
  }

  /** RedriveExecution of an execution run on a remote target in this session: its history goes on, live again. */
  async redrive(record: ExecutionRecord): Promise<{ redriven: true } | { error: string }> {
    if (this.live.has(record.executionArn)) return { error: `${record.name} is still running.` };
    const { events } = await this.store.loadHistory(record);
    // Live before asking: the server streams the new events as soon as it has answered.
    this.live.set(record.executionArn, { events, listeners: new Set() });
    const redriven = await this.workbench.client.sendRequest(RedriveExecutionRequest, { executionArn: record.executionArn, historyFolder: this.store.pathOf(record.folder) });
    if ('error' in redriven) this.live.delete(record.executionArn);
    else await this.store.reopen(record.executionArn);
    return redriven;
  }

  /** A machine's executions on a remote target, however started there. */
  remoteExecutions(target: RemoteTarget, stateMachineName: string): Thenable<RemoteExecutionList> {
    return this.workbench.client.sendRequest(RemoteExecutionsRequest, { target, stateMachineName });
  }

  /** A remote execution's whole history, with the definition it ran. */
  remoteHistory(target: RemoteTarget, executionArn: string): Thenable<RemoteExecutionHistory> {
    return this.workbench.client.sendRequest(RemoteExecutionHistoryRequest, { target, executionArn });
  }

  stop(executionArn: string): Thenable<boolean> {
    return this.workbench.client.sendRequest(StopExecutionRequest, { executionArn });
  }

  /** Answers a waiting task token of a running hybrid run: nothing, or why not. */
  answerTask(executionArn: string, taskToken: string, answer: TaskTokenAnswer): Thenable<string | undefined> {
    return this.workbench.client.sendRequest(SendTaskAnswerRequest, { executionArn, taskToken, answer });
  }

  /** The history so far of an execution of this session, with a listener for what follows. */
  subscribe(executionArn: string, listener: Listener): { history: LiveHistory; subscription: vscode.Disposable } | undefined {
    const live = this.live.get(executionArn);
    if (!live) return undefined;
    live.listeners.add(listener);
    return { history: { events: [...live.events], outcome: live.outcome, taskTokens: live.taskTokens }, subscription: new vscode.Disposable(() => live.listeners.delete(listener)) };
  }

  private receive(params: ExecutionEventsParams): void {
    const live = this.live.get(params.executionArn);
    if (!live) {
      const waiting = this.early.get(params.executionArn) ?? [];
      waiting.push(params);
      this.early.set(params.executionArn, waiting);
      return;
    }
    for (const event of params.events) live.events.push(event);
    live.outcome = params.outcome;
    if (params.taskTokens) live.taskTokens = params.taskTokens;
    for (const listener of live.listeners) listener({ events: params.events, outcome: params.outcome, taskTokens: params.taskTokens, lost: params.lost });
    if (params.outcome) void this.finish(params.executionArn, params.outcome, params.historyError);
    if (params.lost) {
      // Not an end: the execution may still run on its target. The list keeps it as last seen, marked.
      this.live.delete(params.executionArn);
      void this.store.markLost(params.executionArn, params.lost);
      this.workbench.output.warn(params.lost);
      void vscode.window.showWarningMessage(params.lost);
    }
  }

  private async finish(executionArn: string, outcome: ExecutionOutcome, historyError: string | undefined): Promise<void> {
    try {
      await this.store.finish(executionArn, outcome, historyError);
      // Saved: views opened from now on read it from storage.
      this.live.delete(executionArn);
    } catch (error) {
      const message = `Could not save execution ${executionArn}: ${error instanceof Error ? error.message : String(error)}`;
      this.workbench.output.error(message);
      void vscode.window.showErrorMessage(message);
    }
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
