// The interpreter's public surface: what the CLI, the language server and the extension
// use to run a state machine. Shapes follow the AWS Step Functions API (DescribeExecution,
// GetExecutionHistory) so that views can show what the console shows.

export type StateMachineType = 'STANDARD' | 'EXPRESS';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/**
 * One history event as GetExecutionHistory returns it: `type` is an AWS HistoryEventType
 * ('ExecutionStarted', 'PassStateEntered', 'TaskScheduled', ...) and exactly one details
 * member named as AWS names it (`executionStartedEventDetails`, `stateEnteredEventDetails`, ...).
 * Inputs and outputs inside details are JSON texts, as in AWS.
 */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  /** ISO 8601 on the execution's clock (virtual unless real time was asked for). */
  timestamp: string;
  type: string;
  [details: string]: unknown;
}

export interface ExecutionResult {
  executionArn: string;
  name: string;
  status: Exclude<ExecutionStatus, 'RUNNING'>;
  startDate: string;
  stopDate: string;
  input: unknown;
  /** The output value when SUCCEEDED. */
  output?: unknown;
  error?: string;
  cause?: string;
  /** Empty when StartOptions.keepHistory is false. */
  events: HistoryEvent[];
}

/** How a Task state gets its result; the interpreter asks these in order (mocks, local handlers, ...). */
export interface TaskInvocation {
  stateName: string;
  resource: string;
  /** The effective task input (Parameters/Arguments resolved). */
  input: unknown;
  /** 0-based count of invocations of this state in the execution, retries included. */
  attempt: number;
  taskToken?: string;
  signal: AbortSignal;
  /** Tells StartOptions.onStateWork that this invocation's own code (a local handler) runs now. */
  onWork?: (detail: string) => void;
  /** The Task's HeartbeatSeconds, for an external resolver (which restarts it on each heartbeat). */
  heartbeatSeconds?: number;
}

/** A task's outcome: its raw result, or an error as the service would report it. */
export type TaskOutcome = { result: unknown } | { error: string; cause?: string };

export interface TaskResolver {
  /**
   * Its answers come from workers outside the interpreter (SendTaskSuccess, an activity worker): they
   * are bound by the Task's TimeoutSeconds only, not by the handler timeout, and the resolver keeps
   * HeartbeatSeconds itself (answering States.HeartbeatTimeout), since heartbeats reach it. A
   * function tells it per invocation (a call to AWS that waits for the work it started).
   */
  external?: boolean | ((invocation: TaskInvocation) => boolean);
  /** Who answers, as the handler timeout's cause names it: "The call to AWS" (default "The local handler"). */
  answerer?: string;
  /** Returns undefined when this resolver does not serve the invocation. */
  resolve(invocation: TaskInvocation): Promise<TaskOutcome | undefined> | TaskOutcome | undefined;
}

export interface StartOptions {
  input: unknown;
  /** Execution name; a UUID when absent. */
  name?: string;
  stateMachineName?: string;
  /**
   * The state machine's type (default STANDARD). EXPRESS: the execution ARN and `$$.Execution` are an
   * express execution's (StartSyncExecution), and the run ends TIMED_OUT after AWS's five minutes.
   */
  type?: StateMachineType;
  /** The state machine's role (`$$.Execution.RoleArn`, ExecutionStarted); default: Step Functions Local's. */
  roleArn?: string;
  /** 'virtual' (default): waits and retry intervals fast-forward while timestamps advance as if time passed. */
  clock?: 'virtual' | 'real';
  /** The execution's start time (`$$.Execution.StartTime`) in epoch milliseconds; default: now. The clock runs on from it. */
  startTime?: number;
  taskResolvers?: TaskResolver[];
  /** The folder standing in for S3: object s3://bucket/key is the file <objectsFolder>/bucket/key. Default: the current directory. */
  objectsFolder?: string;
  /** Where a Distributed Map's ItemReader and ResultWriter find S3 objects instead (S3 itself, in a hybrid run). */
  objectStore?: ObjectStore;
  /** AWS's quotas, enforced by default: 25,000 history events, 256 KiB per state input/output and assigned variables. */
  quotas?: { historyEvents?: number; payloadBytes?: number };
  /** Called for each history event as it is recorded. */
  onEvent?: (event: HistoryEvent) => void;
  /** false: the events only go to onEvent, `events` and the result's stay empty (a caller streaming them saves the memory). */
  keepHistory?: boolean;
  /**
   * Whether onEvent's consumer is behind (its events wait to be sent): a promise that settles once it caught
   * up. The execution waits for it at its periodic pauses, virtual time standing still, so that events do not
   * pile up in memory faster than they leave.
   */
  eventsBacklog?: () => Promise<void> | undefined;
  /**
   * Real seconds a Task's asynchronous answer (a local handler's) may take; then the task fails with
   * States.Timeout. The Task's TimeoutSeconds applies when shorter. Default 30.
   */
  handlerTimeoutSeconds?: number;
  /**
   * Told whose work the thread runs next: a state entered, a JSONata evaluation started or resumed, a
   * local handler called. A watchdog outside the thread names with it the state that blocked the
   * thread or exhausted its memory.
   */
  onStateWork?: (work: StateWork) => void;
  /** Where the execution runs (default 'cli'): an unserved Task's cause tells how to serve it there. */
  host?: ExecutionHost;
  /** Told each branch the execution takes (test coverage): a Choice rule or Default, a Retrier, a Catcher. */
  onBranch?: (branch: TakenBranch) => void;
  /**
   * Redrive (RedriveExecution): continue an unsuccessful execution of this machine from its history
   * instead of starting anew. Pass the same name and input; the new events continue the history's ids.
   */
  redrive?: RedriveOptions;
}

export interface RedriveOptions {
  /** The execution's whole history so far, ending with its ExecutionFailed, ExecutionAborted or ExecutionTimedOut. */
  history: readonly HistoryEvent[];
  /** This redrive's number (1 for the first): ExecutionRedriven and `$$.Execution.RedriveCount`. */
  redriveCount: number;
}

/** A branch of a state taken (StartOptions.onBranch); `index` into the state's Choices, Retry or Catch (0 for Default). */
export interface TakenBranch {
  stateName: string;
  kind: 'Choices' | 'Default' | 'Retry' | 'Catch';
  index: number;
}

/** What an execution's thread is busy with (StartOptions.onStateWork). */
export interface StateWork {
  stateName: string;
  enteredEventId: number;
  /** Within the state: `The JSONata expression '...' specified for the field '...'`, `The local handler <file>`. */
  detail?: string;
  /** A local handler's code: it may keep the thread as long as the handler timeout allows. */
  handler?: boolean;
}

/** The command line, the extension in VS Code, or the Step Functions API server (`serve`). */
export type ExecutionHost = 'cli' | 'vscode' | 'api';

export interface Execution {
  readonly executionArn: string;
  readonly name: string;
  /** The events recorded so far (none when StartOptions.keepHistory is false). */
  readonly events: readonly HistoryEvent[];
  /** Ends the execution as ABORTED (StopExecution). */
  stop(error?: string, cause?: string): void;
  readonly done: Promise<ExecutionResult>;
}

/**
 * The S3 objects a Distributed Map's ItemReader reads and its ResultWriter writes. A failure rejects
 * with an Error whose message says why, in parentheses after the object's URI ("(looked for the
 * local file ...)"); the Map fails with States.ItemReaderFailed or States.ResultWriterFailed.
 */
export interface ObjectStore {
  read(bucket: string, key: string): Promise<Uint8Array>;
  /** Writes the object from its texts in order (a million results are never one string); answers its size in bytes. */
  write(bucket: string, key: string, texts: Iterable<string>): Promise<number>;
  /** The objects whose key starts with `prefix`, in key order, as ListObjectsV2 describes them. */
  list(bucket: string, prefix: string): Promise<ObjectSummary[]>;
}

export interface ObjectSummary {
  Etag: string;
  Key: string;
  LastModified: string;
  Size: number;
  StorageClass: string;
}
