// The custom LSP protocol between the client and the language server, typed once, with the pure
// types the client shares with the server (as rust-analyzer's lsp_ext.ts). Both ends import this
// file, and the client imports nothing else of the server (test/layering/layers.ts checks it);
// nothing here may import `vscode` or server internals that pull in Node-only modules.
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { GraphModel } from './core/graph/model';
import type { Diagnostic, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import type { ExecutionResult, ExecutionStatus, HistoryEvent } from './core/interpreter/api';
import type { StoredText } from './core/history/storedTexts';
import type { ExpectationFailure } from './core/testing/expectations';
import type { FileCoverage } from './core/testing/coverage';

export type { FileCoverage };

export type { GraphEdge, GraphMachine, GraphModel, GraphNode, GraphRange } from './core/graph/model';
/** A state's id in the graph model, from its path (the designer selects the state an operation made). */
export { stateId } from './core/graph/model';
export type { ExecutionStatus, HistoryEvent } from './core/interpreter/api';
export type { StoredText } from './core/history/storedTexts';
/** How every end writes an execution's status, durations and times: the CLI, the Executions list, the execution view. */
export { executionStatusLabels, formatDuration, formatTimestamp } from './core/history/viewModel';

/** Asks the server which language server version answers (used by the activation test). */
export const ServerInfoRequest = new RequestType0<{ name: string; version: string }, void>('aslWorkbench/serverInfo');

/** The graph of an open document, with each state's location and diagnostics; null when the document is not open. */
export const GraphModelRequest = new RequestType<{ uri: string }, { version: number; model: GraphModel } | null, void>('aslWorkbench/graphModel');

/** A template of "ASL: New State Machine from Template", with the text of the new document. */
export interface TemplateText {
  id: string;
  label: string;
  description: string;
  text: string;
}

/** The built-in templates (server/src/core/templates.ts). */
export const TemplatesRequest = new RequestType0<TemplateText[], void>('aslWorkbench/templates');

/**
 * The graph of a definition as a past execution ran it (not the open document): the execution view
 * draws it. Without states, and with its `problem`, when the text does not parse.
 */
export const ExecutionGraphRequest = new RequestType<{ definition: SourceText }, GraphModel, void>('aslWorkbench/executionGraph');

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

/** `orders.asl.json` -> `orders`: the name a MockConfigFile's StateMachines entry is looked up under. */
export function stateMachineNameOf(uri: string): string {
  // A template's machine (`template.yaml#OrderMachine`) goes by its id.
  const hash = uri.indexOf('#');
  if (hash >= 0) return decodeURIComponent(uri.slice(hash + 1));
  const file = decodeURIComponent(/[^/:]*$/.exec(uri)![0]);
  return file.replace(/(\.asl)?\.(json|ya?ml)$/i, '') || 'StateMachine';
}

export interface RunPlanParams {
  definition: SourceText;
  mockConfig?: SourceText;
  mock?: MockSelection;
  localHandlers?: LocalHandlers;
  /** The state machine type (STANDARD when absent): EXPRESS adds its rules and runs as StartSyncExecution. */
  type?: 'STANDARD' | 'EXPRESS';
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
  /** What each unserved Task calls in a hybrid run (StartExecutionParams.callAws), or why it cannot. */
  awsCalls: PlannedAwsCall[];
}

/** What a hybrid run will call for one Task state nothing local serves, or why it cannot. */
export interface PlannedAwsCall {
  state: string;
  resource: string;
  /** "DynamoDB PutItem"; absent when the run cannot call it. */
  call?: string;
  unsupported?: string;
}

/** A hybrid run: the Tasks no mock or handler serves call AWS (aslWorkbench.run.callAws); credentials from the SDK's default chain. */
export interface CallAwsOptions {
  /** An endpoint per service (dynamodb, s3, sfn, ...), for local stand-ins such as LocalStack; else the SDK's. */
  endpoints?: Record<string, string>;
  /** The region when the SDK's default chain gives none. */
  region?: string;
}

export const RunPlanRequest = new RequestType<RunPlanParams, RunPlan, void>('aslWorkbench/runPlan');

/** A MockConfigFile that might serve the state machine: its path as shown, and its text (undefined when it cannot be read). */
export interface MockConfigCandidate {
  file: string;
  text: string | undefined;
}

/** Which candidate MockConfigFile names the state machine (its index), or why none does. */
export interface MockConfigChoice {
  chosen?: number;
  why?: string;
}

/** The first candidate that names the state machine, as Step Functions Local looks test cases up. */
export const ChooseMockConfigRequest = new RequestType<{ candidates: MockConfigCandidate[]; stateMachineName: string }, MockConfigChoice, void>('aslWorkbench/chooseMockConfig');

/** An insertion into a text (`length` is 0: nothing of the text is replaced). */
export interface TextInsertion {
  offset: number;
  length: 0;
  content: string;
}

/** A mock added to a MockConfigFile's text: the insertions, the new response's name and where its entry starts. */
export type MockEntry = { edits: TextInsertion[]; mockName: string; entryOffset: number } | { error: string };

/** Adds a mock for an unserved Task to a MockConfigFile's text (absent: a new file). */
export const MockEntryRequest = new RequestType<{ text?: string; selection: MockSelection; task: UnservedTask }, MockEntry, void>('aslWorkbench/mockEntry');

/** Where a run executes other than the embedded interpreter: AWS (the SDK's default chain, a profile and region) or a Step Functions-compatible URL (the local endpoint, LocalStack). */
export type RemoteTarget = { kind: 'aws'; profile?: string; region?: string } | { kind: 'endpoint'; url: string; region?: string };

/** How the target is named to the user: `AWS (profile dev, eu-west-1)`, `http://127.0.0.1:8083`. */
export function targetLabel(target: RemoteTarget): string {
  if (target.kind === 'endpoint') return target.url;
  const parts = [target.profile ? `profile ${target.profile}` : 'default profile', target.region].filter(Boolean);
  return `AWS (${parts.join(', ')})`;
}

/** A run's target: `local` is the embedded interpreter (the default). */
export type RunTarget = { kind: 'local' } | RemoteTarget;

export interface StartExecutionParams extends RunPlanParams {
  /** The input as JSON text. */
  input: string;
  /** A UUID when absent. */
  name?: string;
  clock: TimeMode;
  /** Real seconds a local handler may take (aslWorkbench.handlerTimeoutSeconds); the interpreter's default when absent. */
  handlerTimeoutSeconds?: number;
  /** A hybrid run: the Tasks no mock or handler serves call AWS. */
  callAws?: CallAwsOptions;
  /**
   * The folder the server writes the history to (server/src/execution/historyFiles.ts); the streamed
   * events are then compact, their long texts stored aside (core/history/storedTexts.ts).
   */
  historyFolder?: string;
  /** Where it runs (local when absent); a remote run ignores mocks and handlers: the target's services answer. */
  target?: RunTarget;
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
export type ExecutionOutcome = Omit<ExecutionResult, 'events'> & {
  /** In a hybrid run, the states whose Task called AWS (the views mark them). */
  calledAws?: string[];
};

/** Streams an execution's history in order, in bounded batches; the last batch carries the outcome. */
export interface ExecutionEventsParams {
  executionArn: string;
  events: HistoryEvent[];
  outcome?: ExecutionOutcome;
  /** With the outcome: why the history written to `historyFolder` is incomplete, when it is. */
  historyError?: string;
  /** A hybrid run's `.waitForTaskToken` Tasks waiting for their token's answer, whenever they change. */
  taskTokens?: WaitingTaskToken[];
  /** Instead of an outcome: why following a remote execution stopped before it ended (its status there is unknown). */
  lost?: string;
}

export const ExecutionEventsNotification = new NotificationType<ExecutionEventsParams>('aslWorkbench/executionEvents');

/** The compact events of a history the server wrote to a `historyFolder`; a line cut short by a crash ends it. */
export const StoredHistoryRequest = new RequestType<{ folder: string }, HistoryEvent[], void>('aslWorkbench/storedHistory');

/** The contents of texts a stored history's compact events refer to, in the order asked. */
export const StoredTextsRequest = new RequestType<{ folder: string; texts: StoredText[] }, string[], void>('aslWorkbench/storedTexts');

/** StopExecution: ends a running execution as ABORTED. Answers false when it had already ended. */
export const StopExecutionRequest = new RequestType<{ executionArn: string }, boolean, void>('aslWorkbench/stopExecution');

/** A `.waitForTaskToken` Task of a hybrid run, waiting for a worker's answer to its token. */
export interface WaitingTaskToken {
  stateName: string;
  taskToken: string;
}

/** SendTaskSuccess (the output as JSON text), SendTaskFailure or SendTaskHeartbeat. */
export type TaskTokenAnswer = { output: string } | { error?: string; cause?: string } | { heartbeat: true };

/** Answers a waiting task token of a running hybrid run (any, without its ARN): nothing, or why not as AWS words it (TaskDoesNotExist: ...). */
export const SendTaskAnswerRequest = new RequestType<{ executionArn?: string; taskToken: string; answer: TaskTokenAnswer }, string | undefined, void>('aslWorkbench/sendTaskAnswer');
// ---- Remote runs (AWS, an endpoint): followed through the same notifications as a local run. ----

/**
 * RedriveExecution of a remote execution this session followed to a failure: the same ARN's history
 * goes on (streamed as ExecutionEventsNotification, written on to `historyFolder`). Errors as AWS words them.
 */
export const RedriveExecutionRequest = new RequestType<{ executionArn: string; historyFolder?: string }, { redriven: true } | { error: string }, void>('aslWorkbench/redriveExecution');

/** The executions of a state machine (by name) on a remote target, newest first, however they were started; or why they cannot be listed. */
export type RemoteExecutionList = { executions: RemoteExecutionSummary[] } | { error: string };

export interface RemoteExecutionSummary {
  executionArn: string;
  name: string;
  /** AWS's PENDING_REDRIVE is listed as RUNNING: a redrive of it is under way. */
  status: ExecutionStatus;
  startDate: string;
  stopDate?: string;
}

export const RemoteExecutionsRequest = new RequestType<{ target: RemoteTarget; stateMachineName: string }, RemoteExecutionList, void>('aslWorkbench/remoteExecutions');

/** A remote execution's definition (as it ran), whole history and outcome (absent while it runs). */
export type RemoteExecutionHistory = { definition: string; events: HistoryEvent[]; outcome?: ExecutionOutcome } | { error: string };

export const RemoteExecutionHistoryRequest = new RequestType<{ target: RemoteTarget; executionArn: string }, RemoteExecutionHistory, void>('aslWorkbench/remoteExecutionHistory');

/** "Compare runs": two stored histories (their folders) and how to name each run in the sentence. */
export interface CompareRunsParams {
  left: { folder: string; name: string };
  right: { folder: string; name: string };
}

/** The first state where the runs part (none when they ran alike, or when they ended differently only), and the difference in words. */
export interface RunsCompared {
  state?: string;
  sentence: string;
}

export const CompareRunsRequest = new RequestType<CompareRunsParams, RunsCompared, void>('aslWorkbench/compareRuns');

// ---------------------------------------------------------------- tests of state machines (*.asl.test.json|yaml)

/** A problem or a failed expectation, where it is written in the test file (`at`: the path of its key). */
export interface LocatedProblem extends ExpectationFailure {
  range: Range;
}

export interface TestResult {
  name: string;
  outcome: 'passed' | 'failed' | 'skipped';
  /** The range of the test's name in its file. */
  range: Range;
  failures: LocatedProblem[];
  durationMs: number;
  /** How the execution ended, when it ran. */
  execution?: { status: string; output?: unknown; error?: string; cause?: string; history?: WrittenHistory };
}

/** A failed test's execution written to disk (TestRunOptions.failedHistories), to open in an execution view. */
export interface WrittenHistory {
  /** Its folder's name under `failedHistories`, holding the history (execution/historyFiles.ts). */
  folder: string;
  /** The definition it ran, as a local run's (a template's machine has a URI of its own). */
  definition: SourceText;
  stateMachineName: string;
  outcome: ExecutionOutcome;
  /** Why the history on disk is incomplete, when it is. */
  historyError?: string;
}

export interface TestFileResult {
  /** The test file, absolute. */
  file: string;
  /** The definition under test, absolute, once found. */
  definition?: string;
  /** Problems of the whole file: none of its tests ran. */
  problems: LocatedProblem[];
  tests: TestResult[];
  coverage?: FileCoverage;
  /** With TestRunOptions.updateSnapshots: how many snapshots were written into the file. */
  snapshotsWritten?: number;
}

export interface TestRunOptions {
  /** Only the tests whose name contains this text. */
  grep?: string;
  coverage?: boolean;
  /** A folder where the execution of each failed test is written, in a folder of its own. */
  failedHistories?: string;
  /** Record each `expect.snapshot` of the tests that run anew in their test file. */
  updateSnapshots?: boolean;
}

/** A test file to run: its path, and the names of the tests to run (all when absent). */
export interface TestFileJob {
  file: string;
  names?: string[];
}

/** A test file's tests and the definition they test, as the Test Explorer lists them. */
export interface TestFileOutline {
  definition?: string;
  tests: { name: string; range: Range }[];
}

/** The outline of a test file's text (the editor's, saved or not). */
export const ListTestsRequest = new RequestType<{ file: string; text: string }, TestFileOutline, void>('aslWorkbench/listTests');

/** Runs test files (from disk) in parallel: the results in the order of the files, and with `coverage` one coverage per definition. */
export const RunTestsRequest = new RequestType<{ files: TestFileJob[]; coverage: boolean; failedHistories?: string; updateSnapshots?: boolean }, { results: TestFileResult[]; coverage: FileCoverage[] }, void>('aslWorkbench/runTests');

/** A test made from an execution's history (local, or AWS's get-execution-history JSON), written into a test file. */
export interface SaveTestParams {
  /** The definition the execution ran (absolute), and its text. */
  definition: string;
  definitionText: string;
  /** The test's name (made unique in the file). */
  name: string;
  /** The history's events, or get-execution-history's JSON; or the folder a local execution's history was written to. */
  history?: unknown;
  historyFolder?: string;
  /** describe-execution's JSON, for the execution's name and input when the history lacks them. */
  described?: { name?: string; input?: string; startDate?: string | number };
  /** The test file (absolute); default: the definition's `<name>.asl.test.json`, added to when it exists. */
  testFile?: string;
}

/** The test file and its new text (the server wrote it), and the name the test got; or why no test could be made. */
export type SaveTestResult = { testFile: string; text: string; name: string } | { error: string };

export const SaveTestRequest = new RequestType<SaveTestParams, SaveTestResult, void>('aslWorkbench/saveTest');

/** Editing help in a test file: problems with the names it uses, and the names that fit where the cursor is. */
export interface TestFileAssist {
  diagnostics: Diagnostic[];
  /** The names that fit at the offset asked about, and the range of the string they replace. */
  completions?: { names: string[]; replace?: Range };
}

export const TestFileAssistRequest = new RequestType<{ file: string; text: string; offset?: number }, TestFileAssist, void>('aslWorkbench/testFileAssist');
// ---- State machines inside templates (SAM, CloudFormation, CDK, Terraform, Serverless). ----

/** A machine of a template: `uri` is the template's with `#<id>`, the URI Run Locally and the graph take. */
export interface TemplateMachine {
  id: string;
  uri: string;
  /** The id's range in the template. */
  range: Range;
  /** Why the definition may not be edited here (a CDK template), when it may not. */
  readOnly?: string;
}

/** The state machines of an open template; empty when the document holds none (or is not a template). */
export const TemplateMachinesRequest = new RequestType<{ uri: string }, TemplateMachine[], void>('aslWorkbench/templateMachines');
// ---------------------------------------------------------------- the debugger (issue 12)

/** The custom event the `asl` debug adapter sends at each stop, for the graph preview to colour the states already run. */
export const DEBUG_STATES_EVENT = 'aslStates';

export interface DebugStatesEvent {
  /** The definition file being debugged (a path). */
  program: string;
  /** The template's machine being debugged (its logical id), when `program` is a template. */
  stateMachine?: string;
  /** By state id (`stateId` of its path): how its last run went, and how many times it ran when more than once. */
  states: Record<string, { status: 'succeeded' | 'failed' | 'caught' | 'running'; badge?: string; current?: boolean }>;
}

/**
 * Sent by the adapter when a launch with local handlers asks for `debugHandlers`: the port of the Node inspector
 * of the process running the handlers, for VS Code's JavaScript debugger to attach to. The execution starts once
 * DEBUG_HANDLERS_ATTACHED_REQUEST says the debugger is attached (or after a few seconds).
 */
export const DEBUG_HANDLER_INSPECTOR_EVENT = 'aslHandlerInspector';
export const DEBUG_HANDLERS_ATTACHED_REQUEST = 'aslHandlersAttached';

/**
 * Debugging a test (launch arguments `testFile` and `test`): the adapter sends this once the test's execution ends,
 * or when the test cannot run, with its outcome by the test's expectations, located in the test file.
 */
export const DEBUG_TEST_RESULT_EVENT = 'aslTestResult';

export interface DebugTestResultEvent {
  outcome: 'passed' | 'failed';
  failures: LocatedProblem[];
}
// ---- Design: the graph edits the definition; every change is one WorkspaceEdit the server computes. ----

/** What the palette offers: the flow states and ready Tasks, by id (server/src/languageService/design/palette.ts builds them). */
export interface PaletteEntry {
  id: string;
  label: string;
  group: 'Flow' | 'Tasks';
  /** Words the palette's search also matches. */
  keywords: string;
}

export const DESIGN_PALETTE: readonly PaletteEntry[] = [
  { id: 'Pass', label: 'Pass', group: 'Flow', keywords: 'pass through transform' },
  { id: 'Choice', label: 'Choice', group: 'Flow', keywords: 'branch if condition rule' },
  { id: 'Wait', label: 'Wait', group: 'Flow', keywords: 'delay sleep seconds timestamp' },
  { id: 'Succeed', label: 'Succeed', group: 'Flow', keywords: 'end success' },
  { id: 'Fail', label: 'Fail', group: 'Flow', keywords: 'end error failure' },
  { id: 'Parallel', label: 'Parallel', group: 'Flow', keywords: 'branches concurrent fork' },
  { id: 'Map', label: 'Map (inline)', group: 'Flow', keywords: 'loop iterate items inline' },
  { id: 'DistributedMap', label: 'Map (distributed)', group: 'Flow', keywords: 'loop iterate items distributed child executions' },
  { id: 'LambdaInvoke', label: 'Lambda Invoke', group: 'Tasks', keywords: 'aws lambda function invoke' },
  { id: 'DynamoDBGetItem', label: 'DynamoDB GetItem', group: 'Tasks', keywords: 'dynamodb table read item' },
  { id: 'DynamoDBPutItem', label: 'DynamoDB PutItem', group: 'Tasks', keywords: 'dynamodb table write item' },
  { id: 'SQSSendMessage', label: 'SQS SendMessage', group: 'Tasks', keywords: 'sqs queue message send' },
  { id: 'SNSPublish', label: 'SNS Publish', group: 'Tasks', keywords: 'sns topic notification publish' },
  { id: 'EventBridgePutEvents', label: 'EventBridge PutEvents', group: 'Tasks', keywords: 'eventbridge events bus put' },
  { id: 'StartExecution', label: 'Step Functions StartExecution', group: 'Tasks', keywords: 'step functions states child state machine start execution' },
  { id: 'AwsSdk', label: 'AWS SDK call', group: 'Tasks', keywords: 'aws sdk api generic any service' },
];

/** The JSONPath Choice rule operators the inspector's rule builder offers. */
export { COMPARISON_OPERATORS } from './core/choiceRules';

/** A path into the definition (object keys and array indexes), as the graph model's `path`. */
export type DesignPath = (string | number)[];

/**
 * A transition of the graph: the `StartAt` of a machine, or from a state its `Next` (or its `End`:
 * the edge to the end), its `Default`, or the Next of its Choice rule or Catcher number `index`.
 */
export type DesignEdge =
  | { startAt: DesignPath }
  | { from: DesignPath; kind: 'Next' | 'End' | 'Default' }
  | { from: DesignPath; kind: 'Choice' | 'Catch'; index: number };

/** One design operation; states are named by their path. */
export type DesignOperation =
  /** A palette entry, on an edge (inserted into that transition) or alone in a machine (a branch, a Map's processor, the top). */
  | { kind: 'insertState'; entry: string; on: { edge: DesignEdge } | { machine: DesignPath }; name?: string }
  /** The transitions into the state go where it led; `successor` chooses when it led to several places (null: the end of the flow). */
  | { kind: 'deleteState'; state: DesignPath; successor?: string | null }
  /** Takes a state with one way on out of its place (the transitions into it go where it led) and into the transition `to`. */
  | { kind: 'moveState'; state: DesignPath; to: DesignEdge }
  /** A copy under a new name, placed after the state when it has one way on. */
  | { kind: 'duplicateState'; state: DesignPath }
  /** Through the language server's rename: every reference follows. */
  | { kind: 'renameState'; state: DesignPath; newName: string }
  /** Points a transition at another state of its machine; `null` (a Next only) ends the flow there. */
  | { kind: 'setTarget'; edge: DesignEdge; target: string | null }
  | { kind: 'addBranch'; state: DesignPath }
  | { kind: 'addChoiceRule'; state: DesignPath; target?: string }
  | { kind: 'addCatcher'; state: DesignPath; target?: string }
  | { kind: 'addRetrier'; state: DesignPath }
  /** Sets (or, `value` undefined, removes) the field (or list item) at `field`, a path inside the state; `replaces`: fields beside it it takes the place of (Wait's Seconds for its Timestamp). */
  | { kind: 'setField'; state: DesignPath; field: DesignPath; value?: unknown; replaces?: string[] };

export type DesignResult =
  /** The edit, and the state to select once it is applied. */
  | { edit: WorkspaceEdit; select?: DesignPath }
  /** The operation needs the user to choose (e.g. which state the transitions into a deleted Choice go to). */
  | { choose: { message: string; options: { label: string; successor: string | null }[] } }
  | { error: string };

export const DesignEditRequest = new RequestType<{ uri: string; version: number; operation: DesignOperation }, DesignResult, void>('aslWorkbench/designEdit');

/** What the inspector shows of a state: its value, its text, its query language and the states it may go to. */
export interface DesignState {
  value: unknown;
  source: string;
  queryLanguage: 'JSONPath' | 'JSONata';
  /** The names of the states of its machine. */
  targets: string[];
}

export const DesignStateRequest = new RequestType<{ uri: string; state: DesignPath }, DesignState | null, void>('aslWorkbench/designState');

// ---- Publish to AWS and Download from AWS (server/src/execution/remote/publish.ts, download.ts). ----

/** AWS's answer to a call that failed: its error code (`AccessDeniedException`, `InvalidDefinition`...) and message, word for word. */
export interface RemoteFailure {
  code: string;
  message: string;
}

/** An IAM role a state machine may run as; `trustsStepFunctions` when its trust policy names states.amazonaws.com. */
export interface RoleChoice {
  arn: string;
  name: string;
  trustsStepFunctions: boolean;
}

/** Who the target is: the account and region (STS), or `local endpoint`; the roles offered (IAM), when listed. */
export interface TargetIdentity {
  label: string;
  account?: string;
  /** The caller's identity (STS), as the start form shows it. */
  arn?: string;
  region?: string;
  roles: RoleChoice[];
  /** Why the roles are not listed (the target serves no IAM, or AWS refused): the role is typed. */
  rolesUnavailable?: string;
}

export type LoggingLevel = 'OFF' | 'ALL' | 'ERROR' | 'FATAL';

/** What to publish, and where: `stateMachine` is the deployed machine's name or ARN. */
export interface PublishParams {
  definition: SourceText;
  target: RemoteTarget;
  stateMachine: string;
  /** Needed to create the machine; an update changes the role only when given. */
  roleArn?: string;
  /** Created as this type (STANDARD when absent); a deployed machine keeps its own. */
  type?: 'STANDARD' | 'EXPRESS';
  /** Sent when given; a level other than OFF needs the CloudWatch Logs group to write to. */
  loggingLevel?: LoggingLevel;
  logGroupArn?: string;
  /** Publish a version (with its description), and point `alias` at it. */
  publishVersion?: boolean;
  versionDescription?: string;
  alias?: string;
}

/** The machine as deployed: its definition in canonical form (keys sorted, two spaces) for the diff. */
export interface DeployedMachine {
  stateMachineArn: string;
  name: string;
  type: 'STANDARD' | 'EXPRESS';
  roleArn: string;
  definition: string;
}

export type PublishPreview =
  /** Nothing is published while these remain: each unresolved placeholder (`${X}`, Ref, Fn::...) with its place. */
  | { refused: 'placeholders'; problems: RunProblem[] }
  | { refused: 'errors'; problems: RunProblem[] }
  | { failure: RemoteFailure }
  | {
    /** Ours in canonical form, as the diff shows it. */
    definition: string;
    /** Absent: the machine is created. */
    deployed?: DeployedMachine;
    /** A unified diff, deployed -> local (empty when equal). */
    diff: string;
    equal: boolean;
  };

export type PublishResult =
  | { stateMachineArn: string; created: boolean; versionArn?: string; aliasArn?: string }
  | { refused: 'placeholders' | 'errors'; problems: RunProblem[] }
  | { failure: RemoteFailure };

export interface DownloadParams {
  target: RemoteTarget;
  /** A name (looked up with ListStateMachines) or an ARN (a version's or an alias's too). */
  stateMachine: string;
  format: 'json' | 'yaml';
}

/** A state machine the target holds, as ListStateMachines gives it. */
export interface DeployedSummary {
  name: string;
  stateMachineArn: string;
  type: 'STANDARD' | 'EXPRESS';
}

export type DownloadResult = { name: string; stateMachineArn: string; text: string } | { failure: RemoteFailure };

/** Who the target is; `withRoles: false` skips listing the roles (the start form needs only the account). */
export const TargetIdentityRequest = new RequestType<{ target: RemoteTarget; withRoles?: boolean }, TargetIdentity | { failure: RemoteFailure }, void>('aslWorkbench/targetIdentity');
export const PublishPreviewRequest = new RequestType<PublishParams, PublishPreview, void>('aslWorkbench/publishPreview');
export const PublishRequest = new RequestType<PublishParams, PublishResult, void>('aslWorkbench/publish');
export const DeployedMachinesRequest = new RequestType<{ target: RemoteTarget }, DeployedSummary[] | { failure: RemoteFailure }, void>('aslWorkbench/deployedMachines');
export const DownloadRequest = new RequestType<DownloadParams, DownloadResult, void>('aslWorkbench/download');

/**
 * The language server's completion in a field of the inspector: the field (a path inside the state) holding
 * `text`, the cursor at `offset` in it, answered as at that place of the document.
 */
export interface DesignCompletionParams {
  uri: string;
  state: DesignPath;
  field: DesignPath;
  text: string;
  offset: number;
}

/** A completion of the field's text: `text[start, end)` becomes `newText`, the cursor then at `caret` in the whole text. */
export interface DesignCompletionItem {
  label: string;
  detail?: string;
  documentation?: string;
  start: number;
  end: number;
  newText: string;
  caret: number;
}

export const DesignCompletionRequest = new RequestType<DesignCompletionParams, DesignCompletionItem[], void>('aslWorkbench/designCompletion');

// ---- The local endpoint's process and the extension that started it (IPC): workers' answers to VS Code runs' tokens. ----

/** From the endpoint: a SendTask* whose token no Task of the endpoint waits for, for VS Code's hybrid runs. */
export interface EndpointTaskAnswer { type: 'answerTask'; id: number; taskToken: string; answer: TaskTokenAnswer }
/** To the endpoint: nothing when a run took the answer, else why not as AWS words it (`TaskDoesNotExist: ...`). */
export interface EndpointTaskAnswered { type: 'taskAnswered'; id: number; problem?: string }
