// The custom LSP protocol between the client and the language server, typed once.
// Both ends import this file; nothing here may import `vscode` or server internals
// that pull in Node-only modules.
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { GraphModel } from './core/graph/model';
import type { Range } from 'vscode-languageserver-types';
import type { ExecutionResult, HistoryEvent } from './core/interpreter/api';

/** Asks the server which language server version answers (used by the activation test). */
export const ServerInfoRequest = new RequestType0<{ name: string; version: string }, void>('aslWorkbench/serverInfo');

/** The graph of an open document, with each state's location and diagnostics; null when the document is not open. */
export const GraphModelRequest = new RequestType<{ uri: string }, { version: number; model: GraphModel } | null, void>('aslWorkbench/graphModel');

// ---- Run locally: the client asks, the server runs the execution and streams its history. ----

/** 'virtual' fast-forwards waits and retry intervals while timestamps advance as if time passed. */
export type TimeMode = 'virtual' | 'real';

/** A document as the editor holds it (saved or not). */
export interface SourceText {
  uri: string;
  /** The editor's language id (`asl`, `asl-yaml`): an untitled document has no file name to tell. Absent: by the file name. */
  languageId?: string;
  text: string;
}

/** Which test case of a MockConfigFile serves the Task states. */
export interface MockSelection {
  stateMachine: string;
  testCase: string;
}

/** Local handler modules by resource: an exact ARN, a function name, or a pattern with `*`. Paths are absolute. */
export type LocalHandlers = Record<string, string>;

export interface RunPlanParams {
  definition: SourceText;
  mockConfig?: SourceText;
  mock?: MockSelection;
  localHandlers?: LocalHandlers;
}

/** A located problem in a definition or a mock file; `range` is absent when the text gives no place. */
export interface RunProblem {
  message: string;
  range?: Range;
}

export interface UnservedTask {
  state: string;
  resource: string;
}

/** What the start form needs before a run: whether the definition compiles, and how each Task will be served. */
export interface RunPlan {
  /** Errors that block the run. */
  errors: RunProblem[];
  /** The state machine name a MockConfigFile is searched under: the file name without its extensions. */
  stateMachineName: string;
  /** The MockConfigFile's state machines and test cases, or its error. */
  mockConfig?: { stateMachines: { name: string; testCases: string[] }[]; error?: string };
  /** Task states no mock and no local handler serves. */
  unservedTasks: UnservedTask[];
}

export const RunPlanRequest = new RequestType<RunPlanParams, RunPlan, void>('aslWorkbench/runPlan');

export interface StartExecutionParams extends RunPlanParams {
  /** The input as JSON text. */
  input: string;
  /** A UUID when absent. */
  name?: string;
  clock: TimeMode;
  /** Real seconds a local handler may take (aslWorkbench.handlerTimeoutSeconds); the interpreter's default when absent. */
  handlerTimeoutSeconds?: number;
  /**
   * The folder the server writes the history to (server/src/execution/historyFiles.ts); the streamed
   * events are then compact, their long texts stored aside (core/history/storedTexts.ts).
   */
  historyFolder?: string;
}

export interface ExecutionStarted {
  executionArn: string;
  name: string;
  stateMachineName: string;
}

export type StartExecutionResult = { started: ExecutionStarted } | { errors: RunProblem[] };

/** AWS's refusal of a StartExecution whose name an execution of the same state machine already has. */
export function executionAlreadyExists(executionArn: string): RunProblem {
  return { message: `ExecutionAlreadyExists: Execution Already Exists: '${executionArn}'` };
}

export const StartExecutionRequest = new RequestType<StartExecutionParams, StartExecutionResult, void>('aslWorkbench/startExecution');

/** The end of an execution: its result without the events, which were streamed already. */
export type ExecutionOutcome = Omit<ExecutionResult, 'events'>;

/** Streams an execution's history in order, in bounded batches; the last batch carries the outcome. */
export interface ExecutionEventsParams {
  executionArn: string;
  events: HistoryEvent[];
  outcome?: ExecutionOutcome;
  /** With the outcome: why the history written to `historyFolder` is incomplete, when it is. */
  historyError?: string;
}

export const ExecutionEventsNotification = new NotificationType<ExecutionEventsParams>('aslWorkbench/executionEvents');

/** StopExecution: ends a running execution as ABORTED. Answers false when it had already ended. */
export const StopExecutionRequest = new RequestType<{ executionArn: string }, boolean, void>('aslWorkbench/stopExecution');
