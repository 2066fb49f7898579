// Runs compiled states: one ExecutionRuntime per execution (history, clock, cancellation, task
// resolvers) and one Frame per line of control (the execution, a Parallel branch, a Map iteration).
import { NOT_TRUNCATED } from './state';
import { MAX_PAYLOAD_BYTES } from '../apiLimits';
import { executionUUID } from '../crypto';
import type { Execution, ExecutionHost, ExecutionResult, HistoryEvent, ObjectStore, StateWork, TakenBranch, TaskResolver } from './api';
import { localObjectStore } from './states/itemReader';
import { AbortedError, FieldError, StatesError, statePrefix } from './errors';
import { Clock } from './clock';
import { isoTimestamp } from './timestamps';
import { Cancellation } from './cancellation';
import { redrivePoint, type GraphResume, type NestedResume } from './redrive';
import { Variables } from './variables';
import { HistoryLog, type Payload } from './historyLog';
import type { PathScope } from './payload';
import type { JsonataScope } from './jsonata';
import { CompiledState, Graph, json, matches, Retrier, StateOutcome } from './state';
import type { Enclosing, SteppedStartOptions, StepHooks } from './stepping';

/** AWS's quota on events in one execution's history. */
export const MAX_HISTORY_EVENTS = 25_000;
/** How long a local handler may take by default (real seconds), so that one that never settles ends the task. */
export const DEFAULT_HANDLER_TIMEOUT_SECONDS = 30;

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';

/** A Step Functions ARN in the local region and account: `statesArn('activity', 'name')`. */
export function statesArn(resourceType: string, ...names: string[]): string {
  return `arn:aws:states:${REGION}:${ACCOUNT}:${resourceType}:${names.join(':')}`;
}

/** The ARN StartExecution answers for an execution `name` of the state machine `stateMachineName`. */
export function executionArnOf(stateMachineName: string, name: string): string {
  return `arn:aws:states:${REGION}:${ACCOUNT}:execution:${stateMachineName}:${name}`;
}

/** An EXPRESS execution's ARN, as StartSyncExecution answers it: the name, then an id of the run. */
function expressExecutionArnOf(stateMachineName: string, name: string): string {
  return statesArn('express', stateMachineName, name, executionUUID());
}

/** AWS's limit on an EXPRESS execution's duration (the Developer Guide's quotas: five minutes). */
export const EXPRESS_MAX_SECONDS = 300;

/** No value yet (ExecutionRuntime.jsonText). */
const NO_VALUE = Symbol('none');

/** Ends the execution at once, whatever Catch says (history limit, stop). */
class TerminalError extends Error {
  constructor(readonly error: string, readonly cause: string) { super(cause); }
}

export interface MachineInfo {
  graph: Graph;
  timeoutSeconds?: number;
}

export class ExecutionRuntime implements Execution {
  readonly executionArn: string;
  readonly name: string;
  readonly stateMachineName: string;
  readonly host: ExecutionHost;
  readonly express: boolean;
  /**
   * The history. Its events (and their input/output texts) wait until it is read when nobody reads an event as it
   * comes (no onEvent, no debugger): building each state's texts was a fifth of a Map's CPU, and the events kept
   * as objects most of what a loop's scavenges copied.
   */
  private readonly history: HistoryLog;
  /** Whether payloads may wait as values (the history's events wait). */
  private readonly deferTexts: boolean;
  readonly clock: Clock;
  readonly done: Promise<ExecutionResult>;
  readonly resolvers: readonly TaskResolver[];
  readonly maxPayloadBytes: number;
  readonly handlerTimeoutSeconds: number;
  readonly onStateWork?: (work: StateWork) => void;
  readonly onBranch?: (branch: TakenBranch) => void;
  readonly stepHooks?: StepHooks;
  private readonly maxEvents: number;
  /** The folder standing in for S3 unless the run was given a store (StartOptions.objectsFolder). */
  private readonly objectsFolder: string;
  private objectStore?: ObjectStore;
  private invocationCounts?: Map<string, number>;
  /** Cancelled by stop() and by the execution's timeout. */
  readonly cancellation = new Cancellation();
  private stopRequest?: { error?: string; cause?: string };
  /** The ExecutionStarted timestamp (`$$.Execution.StartTime`, the result's startDate). */
  private startTime = '';
  /** The ExecutionRedriven timestamp (`$$.Execution.RedriveTime`) of a redriven execution. */
  private redriveTime?: string;

  constructor(private readonly machine: MachineInfo, private readonly options: SteppedStartOptions) {
    this.name = options.name ?? executionUUID();
    this.stateMachineName = options.stateMachineName ?? 'StateMachine';
    this.host = options.host ?? 'cli';
    this.express = options.type === 'EXPRESS';
    this.executionArn = (this.express ? expressExecutionArnOf : executionArnOf)(this.stateMachineName, this.name);
    this.clock = new Clock(options.clock === 'real', options.startTime);
    this.resolvers = options.taskResolvers ?? [];
    this.maxPayloadBytes = options.quotas?.payloadBytes ?? MAX_PAYLOAD_BYTES;
    this.maxEvents = options.quotas?.historyEvents ?? MAX_HISTORY_EVENTS;
    this.handlerTimeoutSeconds = options.handlerTimeoutSeconds ?? DEFAULT_HANDLER_TIMEOUT_SECONDS;
    this.onStateWork = options.onStateWork;
    this.onBranch = options.onBranch;
    this.stepHooks = options.stepping?.hooks;
    this.objectsFolder = options.objectsFolder ?? process.cwd();
    this.deferTexts = !options.onEvent && !options.stepping && options.keepHistory !== false;
    this.history = new HistoryLog(this.deferTexts, options.keepHistory !== false, options.onEvent);
    this.done = this.run();
  }

  private madeStateMachineArn?: string;

  // Made on first use (most executions read no S3 object, invoke no Task and read no `$$.StateMachine`), once.
  get stateMachineArn(): string {
    return this.madeStateMachineArn ??= statesArn('stateMachine', this.stateMachineName);
  }

  /** The S3 objects of ItemReader and ResultWriter: files of the objects folder unless the run was given a store. */
  get objects(): ObjectStore {
    return this.objectStore ??= this.options.objectStore ?? localObjectStore(this.objectsFolder);
  }

  /** Invocations of each Task state so far (the mock response index). */
  get invocations(): Map<string, number> {
    return this.invocationCounts ??= new Map();
  }

  stop(error?: string, cause?: string): void {
    if (this.stopRequest) return;
    this.stopRequest = { error, cause };
    this.cancellation.cancel();
  }

  /** States run since the execution started, in every frame. */
  private statesRun = 0;
  /** The pause every line of control waits for, until the event loop's next turn. */
  private pause?: Promise<void>;

  /**
   * Every 1,000 states the whole execution lets the event loop in: long stretches that settle in microtasks
   * only (Pass/Choice loops, thousands of short iterations of a Map) must let stop(), the watchdog and the
   * events' output through. Every frame waits, as one frame pausing alone leaves the others running;
   * and waits on while the events' consumer is behind (StartOptions.eventsBacklog).
   */
  pauseIfDue(): Promise<void> | undefined {
    if (++this.statesRun % 1000 === 0 && !this.pause) {
      this.pause = new Promise((resolve) => setImmediate(() => {
        const resume = () => {
          this.pause = undefined;
          resolve();
        };
        const backlog = this.options.eventsBacklog?.();
        if (backlog) void this.clock.runExternal(() => backlog).then(resume);
        else resume();
      }));
    }
    return this.pause;
  }

  private lastMillis = NaN;
  private lastStamp = '';

  timestamp(): string {
    const now = this.clock.now();
    if (now !== this.lastMillis) {
      this.lastMillis = now;
      this.lastStamp = isoTimestamp(now);
    }
    return this.lastStamp;
  }

  private lastValue: unknown = NO_VALUE;
  private lastPayload: Payload = '';

  /** JSON text of a state's input or output; a state's output is the next one's input, so the last text is reused. */
  jsonText(value: unknown): string {
    if (value !== this.lastValue || typeof this.lastPayload !== 'string') {
      this.lastValue = value;
      this.lastPayload = json(value);
    }
    return this.lastPayload as string;
  }

  /**
   * A state's input or output for its event: the value itself when its text may wait (deferTexts) and it is
   * surely within the payload quota, else its JSON text (to check against the quota with overQuota).
   */
  payload(value: unknown): Payload {
    if (value === this.lastValue) return this.lastPayload;
    if (!this.deferTexts || value === null || typeof value !== 'object' || jsonBytesBound(value, this.maxPayloadBytes) > this.maxPayloadBytes) {
      return this.jsonText(value);
    }
    this.lastValue = value;
    return this.lastPayload = value;
  }

  /** The history, every event made. */
  get events(): HistoryEvent[] {
    return this.history.events;
  }

  /** Makes the events that waited: before a Task, as its handler (code of the user's) might change its input. */
  resolveTexts(): void {
    this.history.makeWaiting();
  }

  /** Records an event and returns its id. */
  record(previousEventId: number, type: string, details?: Record<string, unknown>): number {
    this.checkQuota(type);
    return this.history.record(previousEventId, this.timestamp(), type, details);
  }

  /** A state's Entered or Exited event at `timestamp` (the state's one clock read); `assigned`: the texts of the variables it assigns. */
  recordStateEvent(previousEventId: number, type: string, timestamp: string, exited: boolean, name: string, payload: Payload, assigned?: Record<string, string>): number {
    this.checkQuota(type);
    if (!assigned) return this.history.recordState(previousEventId, timestamp, type, exited, name, payload);
    return this.history.record(previousEventId, timestamp, type, {
      stateExitedEventDetails: { name, output: payload, outputDetails: NOT_TRUNCATED, assignedVariables: assigned, assignedVariablesDetails: NOT_TRUNCATED },
    });
  }

  /** A Map iteration's Started or Succeeded event (two of a Map's four events per item). */
  recordIterationEvent(previousEventId: number, succeeded: boolean, name: string, index: number): number {
    const type = succeeded ? 'MapIterationSucceeded' : 'MapIterationStarted';
    this.checkQuota(type);
    return this.history.recordIteration(previousEventId, this.timestamp(), type, name, index);
  }

  private checkQuota(type: string): void {
    if (this.history.count >= this.maxEvents - 1 && !type.startsWith('Execution')) {
      throw new TerminalError('States.Runtime', `The execution reached the maximum number of history events (${this.maxEvents}).`);
    }
  }

  private get roleArn(): string {
    return this.options.roleArn ?? `arn:aws:iam::${ACCOUNT}:role/StepFunctionsLocalRole`;
  }

  contextExecution(): Record<string, unknown> {
    const execution: Record<string, unknown> = {
      Id: this.executionArn,
      Input: this.options.input,
      StartTime: this.startTime,
      Name: this.name,
      RoleArn: this.roleArn,
    };
    // Express executions cannot be redriven: AWS's express context object has no RedriveCount.
    if (!this.express) execution.RedriveCount = this.options.redrive?.redriveCount ?? 0;
    if (this.redriveTime) execution.RedriveTime = this.redriveTime;
    return execution;
  }

  contextStateMachine(): Record<string, unknown> {
    return { Id: this.stateMachineArn, Name: this.stateMachineName };
  }

  private async run(): Promise<ExecutionResult> {
    await Promise.resolve();
    const input = this.options.input;
    const { frame, startAt, stateInput } = this.options.redrive ? this.redriven() : this.started();
    let result: Pick<ExecutionResult, 'status' | 'output' | 'error' | 'cause'>;
    const timeout = this.express ? Math.min(this.machine.timeoutSeconds ?? Infinity, EXPRESS_MAX_SECONDS) : this.machine.timeoutSeconds;
    let timedOut = false;
    const timer = timeout === undefined ? undefined : new Cancellation();
    if (timer) {
      this.clock.sleep(timeout! * 1000, timer).then(() => { timedOut = true; this.cancellation.cancel(); }, () => undefined);
    }
    try {
      // A graph whose states all ran synchronously answered its output: no await (a promise and a turn of microtasks).
      let output = runGraph(this.machine.graph, frame, stateInput, startAt);
      if (output instanceof Promise) output = await output;
      result = { status: 'SUCCEEDED', output };
      this.record(frame.lastEventId, 'ExecutionSucceeded', { executionSucceededEventDetails: { output: this.payload(output), outputDetails: NOT_TRUNCATED } });
    } catch (error) {
      if (timedOut) {
        result = { status: 'TIMED_OUT', error: 'States.Timeout' };
        this.recordFinal('ExecutionTimedOut', { executionTimedOutEventDetails: { error: 'States.Timeout' } });
      } else if (this.stopRequest) {
        result = { status: 'ABORTED', error: this.stopRequest.error, cause: this.stopRequest.cause };
        this.recordFinal('ExecutionAborted', { executionAbortedEventDetails: withoutUndefined({ error: this.stopRequest.error, cause: this.stopRequest.cause }) });
      } else if (error instanceof StatesError || error instanceof TerminalError) {
        result = { status: 'FAILED', error: error.error, cause: error.cause };
        this.recordFinal('ExecutionFailed', { executionFailedEventDetails: withoutUndefined({ error: error.error, cause: error.cause }) });
      } else {
        const message = error instanceof Error ? error.message : String(error);
        result = { status: 'FAILED', error: 'States.Runtime', cause: `Internal interpreter error: ${message}` };
        this.recordFinal('ExecutionFailed', { executionFailedEventDetails: { error: 'States.Runtime', cause: result.cause } });
      }
    } finally {
      timer?.cancel();
    }
    // The final event's own time, as AWS gives it.
    return new FinishedExecution(this, this.startTime, this.lastStamp, input, result) as unknown as ExecutionResult;
  }

  private started(): { frame: Frame; startAt?: string; stateInput: unknown } {
    const input = this.options.input;
    // `$$.Execution.StartTime` is the event's own timestamp (a second clock read may be a millisecond later).
    const timestamp = this.startTime = this.timestamp();
    this.history.record(0, timestamp, 'ExecutionStarted', {
      executionStartedEventDetails: { input: this.jsonText(input), inputDetails: NOT_TRUNCATED, roleArn: this.roleArn },
    });
    const variables = new Variables();
    const stepping = this.options.stepping;
    if (stepping?.variables) for (const [name, value] of Object.entries(stepping.variables)) variables.set(name, value);
    // AWS's first event after ExecutionStarted follows none: its previousEventId is 0 (every recorded history).
    return { frame: new Frame(this, 0, this.cancellation, variables), startAt: stepping?.startAt, stateInput: input };
  }

  /** A redrive: the history's ids continue after ExecutionRedriven, from the state that did not succeed. */
  private redriven(): { frame: Frame; startAt?: string; stateInput: unknown } {
    const redrive = this.options.redrive!;
    const point = redrivePoint(this.machine.graph, redrive);
    this.history.continueAfter(redrive.history.length);
    this.startTime = point.startTime;
    for (const [stateName, count] of point.invocations) this.invocations.set(stateName, count);
    const redriven = this.record(redrive.history.length, 'ExecutionRedriven', { executionRedrivenEventDetails: { redriveCount: redrive.redriveCount } });
    this.redriveTime = this.lastStamp;
    const frame = new Frame(this, redriven, this.cancellation, new Variables());
    frame.resume(point);
    return { frame, startAt: point.stateName, stateInput: point.input };
  }

  private recordFinal(type: string, details: Record<string, unknown>): void {
    // Ids run 1, 2, 3, ...: the last event's id is the count.
    this.history.record(this.history.count, this.timestamp(), type, details);
  }
}

/**
 * An execution's result: its fields, and its history read from the execution (which makes the texts that
 * waited). A class, as an object literal with a getter per result cost Hello World x1000 a third more CPU.
 */
class FinishedExecution {
  readonly #runtime: ExecutionRuntime;
  constructor(runtime: ExecutionRuntime, startDate: string, stopDate: string, input: unknown, result: Pick<ExecutionResult, 'status' | 'output' | 'error' | 'cause'>) {
    this.#runtime = runtime;
    // Assigned one by one, in the order of the result's fields, those undefined left out (a fields object, spread and assigned, cost Hello World 300 bytes per execution).
    const fields = this as unknown as Record<string, unknown>;
    fields.executionArn = runtime.executionArn;
    fields.name = runtime.name;
    fields.startDate = startDate;
    fields.stopDate = stopDate;
    fields.input = input;
    fields.status = result.status;
    if (result.output !== undefined) fields.output = result.output;
    if (result.error !== undefined) fields.error = result.error;
    if (result.cause !== undefined) fields.cause = result.cause;
  }

  get events(): HistoryEvent[] {
    return this.#runtime.events;
  }

  /** The fields, then the history: what JSON.stringify gave of the plain result this was. */
  toJSON(): ExecutionResult {
    return { ...this, events: this.events } as unknown as ExecutionResult;
  }
}

function withoutUndefined<T extends Record<string, unknown>>(value: T): T {
  for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
  return value;
}

/** One line of control: its last event (for previousEventId), cancellation, variables, Map item. */
export class Frame {
  constructor(
    readonly runtime: ExecutionRuntime,
    public lastEventId: number,
    readonly cancellation: Cancellation,
    readonly variables: Variables,
    readonly mapItem?: { Index: number; Value: unknown },
    /** Distributed Map iterations are child executions: their events stay out of this history. */
    readonly silent = false,
    /** True inside a Parallel branch or a Map iteration. */
    readonly nested = false,
    /** The branch or iteration this frame runs (a debugger's threads and stack). */
    readonly enclosing?: Enclosing,
  ) {}

  /** The context of a state that ended at once, which nothing holds since: the next state's (a tenth of Hello World's allocations). */
  private spareContext?: StateContext;

  /** The context of a state entered in this frame. */
  context(state: CompiledState, enteredEventId: number, enteredTime: string, input: unknown, enteredAfterEventId: number): StateContext {
    const spare = this.spareContext;
    if (!spare) return new StateContext(state, this, enteredEventId, enteredTime, input, enteredAfterEventId);
    this.spareContext = undefined;
    return spare.reuse(state, enteredEventId, enteredTime, input, enteredAfterEventId);
  }

  /** Takes back the context of a state that ran synchronously; a debugger's hooks may keep contexts, so none is reused then. */
  release(ctx: StateContext): void {
    if (!this.runtime.stepHooks) this.spareContext = ctx;
  }

  /** Records a state's Entered or Exited event (ExecutionRuntime.recordStateEvent). */
  recordStateEvent(type: string, timestamp: string, exited: boolean, name: string, payload: Payload, assigned?: Record<string, string>): number {
    if (this.cancellation.cancelled) throw new AbortedError();
    if (this.silent) return ++this.lastEventId;
    this.lastEventId = this.runtime.recordStateEvent(this.lastEventId, type, timestamp, exited, name, payload, assigned);
    return this.lastEventId;
  }

  /** Records a Map iteration's Started or Succeeded event (ExecutionRuntime.recordIterationEvent). */
  recordIterationEvent(succeeded: boolean, name: string, index: number): number {
    if (this.cancellation.cancelled) throw new AbortedError();
    if (this.silent) return ++this.lastEventId;
    this.lastEventId = this.runtime.recordIterationEvent(this.lastEventId, succeeded, name, index);
    return this.lastEventId;
  }

  record(type: string, details?: Record<string, unknown>): number {
    if (this.cancellation.cancelled) throw new AbortedError();
    if (this.silent) return ++this.lastEventId;
    this.lastEventId = this.runtime.record(this.lastEventId, type, details);
    return this.lastEventId;
  }

  /**
   * Records an event the next one does not follow: AWS links a Map's or Parallel's Exited event to the
   * event before its Succeeded one (recorded histories; LocalStack's `update_source_event_id=False`).
   */
  recordAside(type: string): void {
    if (this.cancellation.cancelled) throw new AbortedError();
    if (this.silent) return;
    this.runtime.record(this.lastEventId, type);
  }

  /** Records an event even when this frame was aborted (the *Aborted events). */
  recordAlways(type: string, details?: Record<string, unknown>): number {
    if (this.silent) return ++this.lastEventId;
    this.lastEventId = this.runtime.record(this.lastEventId, type, details);
    return this.lastEventId;
  }

  /** Where a redrive resumes this frame's graph, until its Parallel or Map takes what the redrive keeps of its children. */
  private redrive?: GraphResume;

  /** Resumes this frame as a redrive does: the variables assigned before, the nested resume of the state it resumes at. */
  resume(resume: GraphResume): void {
    for (const [name, value] of Object.entries(resume.variables)) this.variables.set(name, value);
    this.redrive = resume;
  }

  /** What a redrive keeps of the branches or iterations of `stateName`, the first time it runs here (a Retry reruns them all). */
  takeRedrive(stateName: string): NestedResume | undefined {
    const redrive = this.redrive;
    this.redrive = undefined;
    return redrive?.stateName === stateName ? redrive.nested : undefined;
  }

  /** A branch's or an iteration's frame; `enclosing.parent` is this frame. */
  child(lastEventId: number, cancellation: Cancellation, variables: Variables, enclosing: Enclosing, mapItem?: { Index: number; Value: unknown }): Frame {
    return new Frame(this.runtime, lastEventId, cancellation, variables, mapItem, this.silent, true, enclosing);
  }
}

/** What a state sees while it runs one attempt. */
export class StateContext implements PathScope {
  retryCount = 0;
  /** Set by Task states for `$$.Task.Token`. */
  taskToken?: string;
  /** For a debugger: the input after InputPath and Parameters (or Arguments), and the raw result. */
  effectiveInput?: unknown;
  result?: unknown;
  // Not readonly: a frame reuses the context of a state that ran synchronously (Frame.context).
  constructor(
    public state: CompiledState, readonly frame: Frame, public enteredEventId: number, public enteredTime: string, public input: unknown,
    /** The event the Entered one follows (an EvaluationFailed follows it too). */
    public enteredAfterEventId = 0,
  ) {}

  /** This context, as new, for the frame's next state. */
  reuse(state: CompiledState, enteredEventId: number, enteredTime: string, input: unknown, enteredAfterEventId: number): this {
    this.state = state;
    this.enteredEventId = enteredEventId;
    this.enteredTime = enteredTime;
    this.input = input;
    this.enteredAfterEventId = enteredAfterEventId;
    this.retryCount = 0;
    this.taskToken = this.effectiveInput = this.result = undefined;
    return this;
  }

  get runtime(): ExecutionRuntime {
    return this.frame.runtime;
  }

  /**
   * Before an EvaluationFailed event: AWS records it after the event the state's Entered one follows
   * (Pass, Task, Map), but a Wait's after its WaitStateEntered (recorded histories, test/conformance/decisions.md).
   */
  followEnteredsPredecessor(): void {
    if (this.state.type !== 'Wait') this.frame.lastEventId = this.enteredAfterEventId;
  }

  record(type: string, details?: Record<string, unknown>): number {
    return this.frame.record(type, details);
  }

  contextObject(): Record<string, unknown> {
    const context: Record<string, unknown> = {
      Execution: this.runtime.contextExecution(),
      StateMachine: this.runtime.contextStateMachine(),
      State: this.state.retryable
        ? { Name: this.state.name, EnteredTime: this.enteredTime, RetryCount: this.retryCount }
        : { Name: this.state.name, EnteredTime: this.enteredTime },
    };
    if (this.taskToken !== undefined) context.Task = { Token: this.taskToken };
    if (this.frame.mapItem) context.Map = { Item: this.frame.mapItem };
    return context;
  }

  /** The roots of JSONPath values: `$` is `input` (the state's own input: this context itself, no scope made). */
  pathScope(input: unknown): PathScope {
    return input === this.input ? this : new StatePathScope(this, input);
  }

  /** `$$` (as the PathScope of its input). */
  context(): unknown {
    return this.contextObject();
  }

  /** `$name` (as the PathScope of its input). */
  variable(name: string): unknown {
    return this.frame.variables.get(name);
  }

  /** The bindings of JSONata expressions: `$states` and the variables in scope. */
  jsonataScope(extra?: Record<string, unknown>): JsonataScope {
    return new StateJsonataScope(this, extra);
  }

  /** `$states`: the input, the context object, and `extra` (`result`, `errorOutput`). */
  jsonataStates(extra?: Record<string, unknown>): Record<string, unknown> {
    // The context object is made at once: a getter made `$states` a dictionary, ten times dearer than the object.
    const states: Record<string, unknown> = { input: this.input, context: this.contextObject() };
    if (extra) for (const key in extra) states[key] = extra[key];
    return states;
  }

  /** Turns a field error into the state's failure, with AWS's prefix. */
  failure(error: FieldError): StatesError {
    const failure = new StatesError(error.error, statePrefix(this.state.name, this.enteredEventId) + error.detail, error.error === 'States.QueryEvaluationError');
    failure.location = error.location;
    return failure;
  }

  /** Waits `ms` on the execution's clock; undefined when the wait is over at once (Clock.skip). */
  sleep(ms: number): Promise<void> | undefined {
    // A frame that is not nested is the execution's only line: Parallel and Map wait for all their branches and iterations.
    if (!this.frame.nested && !this.frame.cancellation.cancelled && this.runtime.clock.skip(ms)) return undefined;
    return this.runtime.clock.sleep(ms, this.frame.cancellation);
  }
}

/**
 * A state's JSONata bindings. `$states` is made when first read, in the same synchronous run as the scope (every
 * evaluation reads it before its first await), so its context object is the one of that moment; expressions that
 * only read `$states.input` (JSONataFast) never make it: its context object was most of a JSONata loop's allocations.
 */
class StateJsonataScope implements JsonataScope {
  readonly input: unknown;
  readonly variables: Record<string, unknown>;
  readonly cancellation: Cancellation;
  readonly onWork?: (detail: string) => void;
  private madeStates?: Record<string, unknown>;

  constructor(private readonly ctx: StateContext, private readonly extra?: Record<string, unknown>) {
    this.input = ctx.input;
    this.variables = ctx.frame.variables.all();
    this.cancellation = ctx.frame.cancellation;
    const onStateWork = ctx.runtime.onStateWork;
    if (onStateWork) this.onWork = (detail) => onStateWork({ stateName: ctx.state.name, enteredEventId: ctx.enteredEventId, detail });
  }

  get states(): Record<string, unknown> {
    return this.madeStates ??= this.ctx.jsonataStates(this.extra);
  }
}

/** `$` is the given input, `$$` the state's context object, `$name` its variables. */
class StatePathScope implements PathScope {
  constructor(private readonly ctx: StateContext, readonly input: unknown) {}
  context(): unknown {
    return this.ctx.context();
  }
  variable(name: string): unknown {
    return this.ctx.variable(name);
  }
}

/**
 * Runs a graph from its StartAt state (or `from`) to the end: its output, at once while every state's work is
 * synchronous, else a promise of it. A failure is always a rejected promise, as when this was an async function:
 * a Parallel or Map awaits each branch alike, so the branches' events keep their order.
 */
export function runGraph(graph: Graph, frame: Frame, input: unknown, from = graph.startAt): unknown {
  // A debugger holds the run before each state: the asynchronous loop asks it.
  if (frame.runtime.stepHooks) return continueGraph(graph, frame, { output: input, next: from });
  try {
    let state = graph.states.get(from)!;
    let value = input;
    for (;;) {
      const outcome = runState(state, frame, value);
      if (outcome instanceof Promise) return continueGraph(graph, frame, outcome);
      const pause = frame.runtime.pauseIfDue();
      if (pause) return continueGraph(graph, frame, outcome, pause);
      if (outcome.next === undefined) return outcome.output;
      state = graph.states.get(outcome.next)!;
      value = outcome.output;
    }
  } catch (error) {
    return Promise.reject(error);
  }
}

/** runGraph from a state's outcome on (awaited when pending, then the pause it fell due with), one state after another. */
async function continueGraph(graph: Graph, frame: Frame, current: Step | Promise<Step>, pause?: Promise<void>): Promise<unknown> {
  const hooks = frame.runtime.stepHooks;
  let outcome = current;
  if (outcome instanceof Promise) {
    outcome = await outcome;
    pause = frame.runtime.pauseIfDue();
  }
  for (;;) {
    if (pause) await pause;
    if (outcome.next === undefined) return outcome.output;
    const state = graph.states.get(outcome.next)!;
    let value = outcome.output;
    // A debugger holding the run is outside it: virtual time (and so a timeout) stands still meanwhile.
    if (hooks) value = await frame.runtime.clock.runExternal(() => hooks.beforeState(state, frame, value));
    const next = runState(state, frame, value);
    outcome = next instanceof Promise ? await next : next;
    pause = frame.runtime.pauseIfDue();
  }
}

/** Runs a branch or an iteration in its frame: from its start, or where a redrive resumes it (runGraph's answer). */
export function runChildGraph(graph: Graph, frame: Frame, input: unknown, resume?: GraphResume): unknown {
  if (!resume) return runGraph(graph, frame, input);
  frame.resume(resume);
  return runGraph(graph, frame, resume.input, resume.stateName);
}

/** Whether a payload's UTF-8 size is over the quota (a UTF-16 unit is at most 3 bytes: short texts need no counting). */
function overQuota(text: string, quota: number): boolean {
  return text.length * 3 > quota && Buffer.byteLength(text, 'utf8') > quota;
}

/**
 * An upper bound of an object's JSON text in UTF-8 bytes, summed until it passes `budget` (6 bytes per UTF-16
 * unit, as `\u001f`; 25 per number): with no text made, a value within it is surely within the payload quota.
 * A value JSON.stringify treats specially (toJSON, a class's instance) counts as over, so that its text is made.
 */
function jsonBytesBound(value: object, budget: number): number {
  let size = 2;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && size <= budget; i++) size += 1 + valueBytesBound(value[i], budget - size);
    return size;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return Infinity;
  for (const key in value) {
    size += 4 + 6 * key.length + valueBytesBound((value as Record<string, unknown>)[key], budget - size);
    if (size > budget) return size;
  }
  return size;
}

/** jsonBytesBound of any value: primitives counted here, without a call each. */
function valueBytesBound(value: unknown, budget: number): number {
  switch (typeof value) {
    case 'number': return 25;
    case 'string': return 2 + 6 * value.length;
    case 'boolean': return 5;
    case 'undefined': return 4;
    case 'object': return value === null ? 4 : jsonBytesBound(value, budget);
    default: return Infinity;
  }
}

function dataLimit(stateName: string): StatesError {
  return new StatesError('States.DataLimitExceeded', `The state/task '${stateName}' returned a result with a size exceeding the maximum number of bytes service limit.`);
}

const UNCATCHABLE = new Set(['States.Runtime']);
/** State types with a *StateAborted event, recorded when a sibling's failure stops their branch. */
const ABORTABLE = new Set(['Task', 'Map', 'Parallel', 'Wait']);

type Step = { output: unknown; next?: string };

/**
 * Runs one state: Entered, the state's work, Exited. Synchronous when the state's work is (most
 * Pass and Choice states), so loops of them cost no promise per state; failures take the async path.
 */
function runState(state: CompiledState, frame: Frame, input: unknown): Step | Promise<Step> {
  if (frame.cancellation.cancelled) throw new AbortedError();
  const inputPayload = frame.runtime.payload(input);
  const enteredAfter = frame.lastEventId;
  // One clock read per state: its Entered event, `$$.State.EnteredTime` and, when its work is synchronous, its Exited event.
  const enteredTime = frame.runtime.timestamp();
  const entered = frame.recordStateEvent(state.enteredType, enteredTime, false, state.name, inputPayload);
  frame.runtime.onStateWork?.({ stateName: state.name, enteredEventId: entered });
  const ctx = frame.context(state, entered, enteredTime, input, enteredAfter);
  if (typeof inputPayload === 'string' && overQuota(inputPayload, frame.runtime.maxPayloadBytes)) throw dataLimit(state.name);
  if (state.type === 'Task') frame.runtime.resolveTexts();
  let pending: Promise<StateOutcome>;
  try {
    const outcome = state.execute(ctx, input);
    if (!(outcome instanceof Promise)) {
      // A Wait that ended at once has moved the clock on: its Exited event reads it again.
      const step = exit(ctx, outcome, state.type === 'Wait' ? undefined : enteredTime);
      frame.release(ctx);
      return step;
    }
    pending = outcome;
  } catch (error) {
    return recover(ctx, input, error);
  }
  return pending.then((outcome) => exit(ctx, outcome)).then(undefined, (error) => recover(ctx, input, error));
}

/** After a failed attempt: Retry (attempting again), then Catch, else the failure goes up. */
async function recover(ctx: StateContext, input: unknown, firstError: unknown): Promise<Step> {
  const { state, frame } = ctx;
  let error = firstError;
  let attempts: Map<Retrier, number> | undefined;
  for (;;) {
    if (error instanceof TerminalError) throw error;
    if (error instanceof AbortedError || frame.cancellation.cancelled) {
      if (ABORTABLE.has(state.type) && frame.nested) frame.recordAlways(`${state.type}StateAborted`);
      throw new AbortedError();
    }
    const failure = error instanceof FieldError ? ctx.failure(error) : error instanceof StatesError ? error : unexpected(ctx, error);
    if (failure.evaluation && !failure.evaluationRecorded) {
      failure.evaluationRecorded = true;
      ctx.followEnteredsPredecessor();
      frame.record('EvaluationFailed', {
        evaluationFailedEventDetails: withoutUndefined({ error: failure.error, cause: failure.cause, location: failure.location, state: state.name }),
      });
    }
    const retrier = state.retriers.find((r) => matches(r.errorEquals, failure.error));
    const done = retrier ? (attempts ??= new Map()).get(retrier) ?? 0 : 0;
    if (frame.runtime.stepHooks) {
      const handled = (retrier !== undefined && done < retrier.maxAttempts) || state.catchers.some((c) => matches(c.errorEquals, failure.error));
      await frame.runtime.clock.runExternal(() => frame.runtime.stepHooks!.stateFailed(ctx, failure, handled));
    }
    if (UNCATCHABLE.has(failure.error)) throw failure;
    if (retrier && done < retrier.maxAttempts) {
      attempts!.set(retrier, done + 1);
      frame.runtime.onBranch?.({ stateName: state.name, kind: 'Retry', index: state.retriers.indexOf(retrier) });
      await ctx.sleep(retryDelay(retrier, done) * 1000);
      ctx.retryCount++;
      try {
        const outcome = await state.execute(ctx, input);
        return exit(ctx, outcome);
      } catch (next) {
        error = next;
        continue;
      }
    }
    return handOver(ctx, input, failure);
  }
}

/** A final failure: Map/Parallel record it; a matching catcher takes over, else it goes up. */
async function handOver(ctx: StateContext, input: unknown, failure: StatesError): Promise<Step> {
  const { state, frame } = ctx;
  // AWS's MapStateFailed and ParallelStateFailed carry no details (the error is on the execution or catcher).
  if (state.type === 'Map' || state.type === 'Parallel') frame.record(`${state.type}StateFailed`);
  const catcher = state.catchers.find((c) => matches(c.errorEquals, failure.error));
  if (!catcher) {
    // AWS records a Task whose failure ends a branch or an iteration as aborted too.
    if (state.type === 'Task' && frame.nested) frame.recordAlways('TaskStateAborted');
    throw failure;
  }
  frame.runtime.onBranch?.({ stateName: state.name, kind: 'Catch', index: state.catchers.indexOf(catcher) });
  const errorOutput = errorOutputOf(failure);
  try {
    const output = await catcher.output(ctx, input, errorOutput);
    const assigned = catcher.assign ? await catcher.assign(ctx, errorOutput, { errorOutput }) : undefined;
    return exit(ctx, { output, next: catcher.next, assigned });
  } catch (error) {
    if (error instanceof FieldError) throw ctx.failure(error);
    throw error;
  }
}

/** The error output a Catch receives: AWS writes null for a missing error or cause, "" for a timeout's cause. */
function errorOutputOf(failure: StatesError): { Error: string; Cause?: string } {
  const timeout = failure.error === 'States.Timeout' || failure.error === 'States.HeartbeatTimeout';
  return { Error: failure.error ?? null, Cause: failure.cause ?? (timeout ? '' : null) } as { Error: string; Cause?: string };
}

function unexpected(ctx: StateContext, error: unknown): StatesError {
  const message = error instanceof Error ? error.message : String(error);
  return new StatesError('States.Runtime', statePrefix(ctx.state.name, ctx.enteredEventId) + message);
}

function retryDelay(retrier: Retrier, attempt: number): number {
  let delay = retrier.intervalSeconds * Math.pow(retrier.backoffRate, attempt);
  if (retrier.maxDelaySeconds !== undefined) delay = Math.min(delay, retrier.maxDelaySeconds);
  return retrier.jitter === 'FULL' ? Math.random() * delay : delay;
}

/** Applies assigned variables and records the Exited event, at `timestamp` when the state's work took no time. */
function exit(ctx: StateContext, outcome: StateOutcome, timestamp?: string): Step {
  const { output, next, assigned } = outcome;
  const outputPayload = ctx.runtime.payload(output);
  if (typeof outputPayload === 'string' && overQuota(outputPayload, ctx.runtime.maxPayloadBytes)) throw dataLimit(ctx.state.name);
  let texts: Record<string, string> | undefined;
  if (assigned && Object.keys(assigned).length) {
    texts = {};
    for (const [name, value] of Object.entries(assigned)) texts[name] = json(value);
    if (overQuota(Object.values(texts).join(''), ctx.runtime.maxPayloadBytes)) {
      throw new StatesError('States.Runtime', statePrefix(ctx.state.name, ctx.enteredEventId) + 'The assigned variables exceed the maximum size of 256 KiB.');
    }
    for (const [name, value] of Object.entries(assigned)) ctx.frame.variables.set(name, value);
  }
  if (ctx.state.type !== 'Fail') ctx.frame.recordStateEvent(ctx.state.exitedType, timestamp ?? ctx.runtime.timestamp(), true, ctx.state.name, outputPayload, texts);
  ctx.runtime.stepHooks?.afterState(ctx, output, next, assigned);
  return outcome;
}

