// Starting an execution, in this thread or in a process of its own. The process keeps a long or busy
// execution from stalling the language server or the CLI, streams its events while it runs (the
// interpreter may run for long stretches without yielding to the event loop), and contains what no
// thread can: a fatal V8 error (memory exhausted by one expression) and a thread stuck in a synchronous
// regular expression or handler, which only ending the process stops.
import type * as ChildProcesses from 'node:child_process';
import type { Execution, ExecutionHost, ExecutionStatus, HistoryEvent, ObjectStore, StartOptions, StateMachineType, TaskResolver } from '../core/interpreter/api';
import type { CompileResult } from '../core/interpreter';
import type { HandlerMap } from '../core/interpreter/tasks/localHandlers';
import type { CallAwsOptions, ExecutionOutcome, MockSelection, TaskTokenAnswer, TimeMode, WaitingTaskToken } from '../protocol';
import type { TaskTokens } from './aws/awsResolver';
import { RunTaskTokens } from './aws/taskTokens';
import { WatchedProcess } from './watchdog';
import { besideBundle } from '../startup/packed';
import { HistoryWriter } from './historyFiles';

/** The interpreter as the runner uses it. */
export interface Engine {
  compile(definition: unknown): CompileResult;
  mockResolver(mockConfig: unknown, selection: MockSelection): TaskResolver;
  handlerResolver(handlers: HandlerMap): TaskResolver;
  /** Serves the Tasks left by mocks and handlers with real AWS calls (a hybrid run). */
  awsResolver(options: CallAwsOptions, tokens?: TaskTokens): TaskResolver;
  /** S3 itself for a hybrid run's Distributed Map (ItemReader, ResultWriter). */
  s3Objects(options: CallAwsOptions): ObjectStore;
}

/** A compiled definition, ready to start executions. */
export type Machine = Extract<CompileResult, { machine: unknown }>['machine'];

/** What starting an execution needs, as plain data (it crosses to the execution's process). */
export interface LaunchRequest {
  definition: unknown;
  input: unknown;
  name?: string;
  stateMachineName: string;
  /** STANDARD when absent. */
  type?: StateMachineType;
  clock: TimeMode;
  /** Epoch milliseconds; default: now. */
  startTime?: number;
  /** Who started the run: an unserved Task's cause names what that host offers. */
  host: ExecutionHost;
  mock?: { config: unknown; selection: MockSelection };
  /** Module paths absolute. */
  localHandlers?: HandlerMap;
  handlerTimeoutSeconds?: number;
  objectsFolder?: string;
  quotas?: StartOptions['quotas'];
  /** A hybrid run: Tasks no mock or handler serves call AWS (credentials from the SDK's default chain). */
  callAws?: CallAwsOptions;
  /** The caller shows and answers task tokens (Launched.answer): a hybrid run then calls `.waitForTaskToken` Tasks too. */
  answersTaskTokens?: boolean;
  /** The folder the history is written to (historyFiles.ts); events are then reported compact. */
  historyFolder?: string;
}

/** How an execution ended, and why its history on disk is incomplete when it is. */
export interface Finished {
  outcome: ExecutionOutcome;
  historyError?: string;
}

/** Why following a remote execution stopped before it ended: its status there is unknown. */
export interface Lost {
  lost: string;
}

/** A started execution; a remote one may end `Lost` to its follower. */
export interface Launched<End = Finished> {
  executionArn: string;
  name: string;
  /** A remote execution's stop is a call that may fail. */
  stop(): void | Promise<void>;
  /** Answers a waiting `.waitForTaskToken` Task of a hybrid run (the caller knows the token waits); a remote execution's are answered there. */
  answer?(taskToken: string, answer: TaskTokenAnswer): void;
  done: Promise<End>;
}

/**
 * Starts an execution; its events come in batches (`EventBatches`), in order, the last before `done`
 * settles. `machine`, when the caller has compiled the definition already, spares a launcher that
 * runs here a second compile; a process of its own compiles the definition it receives (a compiled
 * machine holds functions, which do not cross).
 */
export type Launcher = (request: LaunchRequest, onEvents: (events: HistoryEvent[]) => void, machine?: Machine, onTokens?: (waiting: WaitingTaskToken[]) => void) => Promise<Launched>;

/** Events go out at most this often, so a fast run does not flood the connection, */
const BATCH_MS = 40;
/**
 * and at most this many at once, so that no message grows with the history (events come compact: see
 * storedTexts.ts). 250 compact events are about 120 KiB: the server parses and forwards a batch between
 * two editor requests (test/unit/run/largeHistory.test.ts prints the latency; 1000 made it worse).
 */
export const MAX_BATCH_EVENTS = 250;

/**
 * Groups an execution's events where they are recorded, the one place they are batched: every
 * BATCH_MS, at most MAX_BATCH_EVENTS at a time. `T` is an event, or its JSON text in the
 * execution's process (which sends text: cheaper than objects).
 */
export class EventBatches<T> {
  private batch: T[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly send: (batch: T[]) => void) {}

  push(item: T): void {
    this.batch.push(item);
    if (this.batch.length >= MAX_BATCH_EVENTS) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.batch.length) return;
    const batch = this.batch;
    this.batch = [];
    this.send(batch);
  }
}

/**
 * Starts an execution in the calling thread, its events one by one; `onStateWork` is told whose work runs (see
 * watchdog.ts); `eventsBacklog` holds the execution while its events wait to leave (StartOptions.eventsBacklog).
 */
export function startHere(
  engine: Engine, request: LaunchRequest, onEvent: (event: HistoryEvent) => void, machine?: Machine, onStateWork?: StartOptions['onStateWork'], tokens?: TaskTokens,
  eventsBacklog?: StartOptions['eventsBacklog'],
): { execution: Execution; done: Promise<Finished> } {
  const compiled = machine ? { machine } : engine.compile(request.definition);
  if ('errors' in compiled) throw new Error(compiled.errors.map((error) => error.message).join('\n'));
  const taskResolvers: TaskResolver[] = [];
  if (request.mock) taskResolvers.push(engine.mockResolver(request.mock.config, request.mock.selection));
  if (request.localHandlers && Object.keys(request.localHandlers).length) taskResolvers.push(engine.handlerResolver(request.localHandlers));
  // Mocks and handlers keep priority: users mock the Tasks other teams own and call their own.
  const calledAws = new Set<string>();
  if (request.callAws) taskResolvers.push(recordingCalls(engine.awsResolver(request.callAws, request.answersTaskTokens ? tokens : undefined), calledAws));
  const { input, name, stateMachineName, type, clock, startTime, handlerTimeoutSeconds, objectsFolder, quotas, host } = request;
  const history = request.historyFolder === undefined ? undefined : new HistoryWriter(request.historyFolder);
  let startDate: string | undefined;
  const execution = compiled.machine.start({
    input, name, stateMachineName, type, clock, startTime, handlerTimeoutSeconds, objectsFolder, quotas, taskResolvers, onStateWork, host,
    objectStore: request.callAws ? engine.s3Objects(request.callAws) : undefined,
    // Streamed, and written when a folder is given: a history at AWS's limits would not fit in memory too.
    onEvent: (event) => {
      startDate ??= event.timestamp;
      onEvent(history ? history.write(event) : event);
    },
    keepHistory: false,
    eventsBacklog,
  });
  const done = execution.done.then(
    ({ events, ...outcome }): Finished => ({ outcome: calledAws.size ? { ...outcome, calledAws: [...calledAws] } : outcome, historyError: history?.close() }),
    // The interpreter ends every execution itself; should its thread throw all the same, the execution still ends.
    (error): Finished => {
      const now = new Date().toISOString();
      const message = error instanceof Error ? error.message : String(error);
      return {
        outcome: outcomeEndedHere(execution, request.input, startDate ?? now, now, 'FAILED', 'States.Runtime', `Internal interpreter error: ${message}`),
        historyError: history && (history.close() ?? `The execution's thread failed: ${message}`),
      };
    });
  return { execution, done };
}

/** The resolver, noting the states it served (the views mark the states whose Task called AWS). */
function recordingCalls(resolver: TaskResolver, served: Set<string>): TaskResolver {
  return {
    ...resolver,
    async resolve(invocation) {
      const outcome = await resolver.resolve(invocation);
      if (outcome) served.add(invocation.stateName);
      return outcome;
    },
  };
}

/** Runs executions in the calling thread. */
export function launchInProcess(engine: Engine): Launcher {
  return async (request, onEvents, machine, onTokens) => {
    const batches = new EventBatches<HistoryEvent>(onEvents);
    const tokens = new RunTaskTokens((waiting) => onTokens?.(waiting));
    const { execution, done } = startHere(engine, request, (event) => batches.push(event), machine, undefined, tokens);
    return {
      executionArn: execution.executionArn,
      name: execution.name,
      stop: () => execution.stop(),
      answer: (taskToken, answer) => void tokens.answer(taskToken, answer),
      done: done.then((finished) => {
        batches.flush();
        return finished;
      }),
    };
  };
}

/** Fields whose work may keep a thread busy or fill its memory past any quota: a wildcard match (a regular expression), an ItemReader or ResultWriter over files. */
const UNBOUNDED_FIELDS = new Set(['StringMatches', 'ItemReader', 'ResultWriter']);

/** Whether a definition holds work of unbounded time or memory: JSONata, a field above, a Distributed Map. */
function holdsUnboundedWork(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(holdsUnboundedWork);
  if (!value || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, field]) => UNBOUNDED_FIELDS.has(key)
    || (key === 'QueryLanguage' && field === 'JSONata')
    || (key === 'Mode' && field === 'DISTRIBUTED')
    || holdsUnboundedWork(field));
}

/**
 * Whether every piece of an execution's work is bounded, so that it can run in the caller's thread with
 * nothing to contain: AWS's quotas hold (each payload at most 256 KiB, the history at most 25,000
 * events, so a loop ends), JSONPath and intrinsics only (each linear in its payload), and no code
 * nor file of the user's (handlers, AWS calls, objects).
 */
export function runsBounded(request: LaunchRequest): boolean {
  return request.quotas === undefined && !request.callAws && request.objectsFolder === undefined
    && !Object.keys(request.localHandlers ?? {}).length && !holdsUnboundedWork(request.definition);
}

/**
 * Runs a bounded execution (runsBounded) in the calling thread and any other with `contained`: for a
 * short run, starting a process of its own is most of its time.
 */
export function launchFitting(engine: Engine, contained: Launcher): Launcher {
  const here = launchInProcess(engine);
  return (request, onEvents, machine, onTokens) => (runsBounded(request) ? here : contained)(request, onEvents, machine, onTokens);
}

/**
 * The outcome of an execution that the interpreter did not end: its process died, was stuck or did
 * not hear a stop, or its thread threw. The interpreter's own outcomes come with its result.
 */
function outcomeEndedHere(
  execution: { executionArn: string; name: string }, input: unknown, startDate: string, stopDate: string,
  status: Extract<ExecutionStatus, 'FAILED' | 'ABORTED'>, error?: string, cause?: string,
): ExecutionOutcome {
  const { executionArn, name } = execution;
  return { executionArn, name, status, input, startDate, stopDate, ...(status === 'FAILED' ? { error, cause } : {}) };
}

/** Messages from the execution's process (server/src/execution/executionProcess.ts). */
export type FromProcess =
  | { type: 'started'; executionArn: string; name: string }
  /** The events as JSON text (cheaper to send than the objects), with the first's timestamp and the last's id and timestamp. */
  | { type: 'events'; json: string; firstTimestamp: string; last: { id: number; timestamp: string } }
  /** The outcome less its input, which the parent sent (a large one is not sent back). */
  | { type: 'done'; finished: Omit<Finished, 'outcome'> & { outcome: Omit<ExecutionOutcome, 'input'> } }
  /** A hybrid run's `.waitForTaskToken` Tasks waiting for their answer, whenever they change. */
  | { type: 'tokens'; waiting: WaitingTaskToken[] }
  | { type: 'error'; message: string };

/** Messages to the execution's process after the request: 'stop', or a task token's answer. */
export type ToProcess = 'stop' | { type: 'answer'; taskToken: string; answer: TaskTokenAnswer };

/** The execution's process, beside this module bundled or not. */
export const EXECUTION_PROCESS = besideBundle(__dirname, 'executionProcess.js');

/** A stopped execution whose process does not answer within this time is ended by force. */
const STOP_GRACE_MS = 2000;

/**
 * The young generation of an execution's process: semi-spaces of 8 MiB rather than Node 20's 16. An execution's
 * short-lived objects die young all the same, and its process peaks lower by about 18 MiB (a 100,000-item
 * Map: 163 -> 145 MiB) for the same CPU time (test/bench/interpreter.bench.mjs).
 */
const YOUNG_GENERATION = '--max-semi-space-size=8';

/** This process's Node options, less the debugger's (its port is taken: the language server under F5), and the young generation's size unless they set it. */
function inheritedExecArgv(): string[] {
  const inherited = process.execArgv.filter((arg) => !arg.startsWith('--inspect'));
  return inherited.some((arg) => arg.startsWith('--max-semi-space-size')) ? inherited : [YOUNG_GENERATION, ...inherited];
}

/**
 * Runs each execution in a process of its own, started from `processFile` with `execArgv` (a heap
 * limit, say). An execution whose process dies or is stuck ends FAILED with States.Runtime, naming
 * the state that was running; a stop it cannot hear ends it ABORTED after a grace time. With
 * `eventTexts`, the batches the process sends go there as the JSON text of their events' array, not
 * parsed (a consumer printing them spares making objects to serialize again); onEvents gets only the
 * events made here, when the process could not end the execution.
 */
export function launchInChildProcess(processFile = EXECUTION_PROCESS, execArgv = inheritedExecArgv(), eventTexts?: (json: string) => void): Launcher {
  return (request, onEvents, _machine, onTokens) => new Promise<Launched>((resolve, reject) => {
    // Loaded on first use: a run in this thread (the CLI's) starts sooner without it.
    const { fork } = require('node:child_process') as typeof ChildProcesses;
    const child = fork(processFile, [], { stdio: ['ignore', 2, 'pipe', 'ipc', 'pipe'], serialization: 'advanced', execArgv });
    let launched: Launched | undefined;
    let settle!: (finished: Finished) => void;
    const done = new Promise<Finished>((resolveDone) => { settle = resolveDone; });
    let ended = false;
    // The parent's view of the history, to end it when the process cannot.
    let startDate: string | undefined;
    let last: { id: number; timestamp: string; receivedAt: number } | undefined;

    /** Ends the execution from here with a last event, its timestamp on the execution's clock (virtual or real). */
    const endHere = (status: 'FAILED' | 'ABORTED', error?: string, cause?: string) => {
      if (ended) return;
      if (!launched) return finish(new Error(cause ?? 'The execution ended before it started.'));
      let stopDate = last ? new Date(Date.parse(last.timestamp) + Date.now() - last.receivedAt).toISOString() : new Date().toISOString();
      // The history up to where the process stopped: the events it recorded and could not send, then its end.
      const rest = watched.unsentEvents().filter((event) => event.id > (last?.id ?? 0));
      for (const event of rest) if (event.timestamp > stopDate) stopDate = event.timestamp;
      const lastId = rest.at(-1)?.id ?? last?.id ?? 0;
      const details = status === 'FAILED'
        ? { executionFailedEventDetails: { error, cause } }
        : { executionAbortedEventDetails: {} };
      onEvents([...rest, { id: lastId + 1, previousEventId: lastId, timestamp: stopDate, type: status === 'FAILED' ? 'ExecutionFailed' : 'ExecutionAborted', ...details }]);
      finish(undefined, {
        outcome: outcomeEndedHere(launched, request.input, startDate ?? stopDate, stopDate, status, error, cause),
        // The process wrote the history up to where it stopped; the last event was made here.
        historyError: request.historyFolder === undefined ? undefined : 'The execution was ended by force: its last events were not written.',
      });
    };
    const finish = (error: Error | undefined, finished?: Finished) => {
      if (ended) return;
      ended = true;
      child.kill('SIGKILL');
      if (!launched) reject(error);
      else settle(finished!);
    };
    const watched = new WatchedProcess(child, (cause) => endHere('FAILED', 'States.Runtime', cause));

    child.on('message', (message: FromProcess) => {
      switch (message.type) {
        case 'started':
          launched = {
            executionArn: message.executionArn,
            name: message.name,
            done,
            stop: () => {
              if (ended) return;
              child.send('stop');
              // An execution busy without yielding cannot hear the stop: end its process.
              setTimeout(() => endHere('ABORTED'), STOP_GRACE_MS).unref();
            },
            answer: (taskToken, answer) => {
              if (!ended) child.send({ type: 'answer', taskToken, answer } satisfies ToProcess);
            },
          };
          resolve(launched);
          break;
        case 'events': {
          // Ended here, the rest of the history is what the parent recorded.
          if (ended) break;
          if (eventTexts) eventTexts(message.json);
          else onEvents(JSON.parse(message.json) as HistoryEvent[]);
          startDate ??= message.firstTimestamp;
          last = { ...message.last, receivedAt: Date.now() };
          break;
        }
        case 'done':
          finish(undefined, { ...message.finished, outcome: { ...message.finished.outcome, input: request.input } });
          break;
        case 'tokens':
          if (!ended) onTokens?.(message.waiting);
          break;
        case 'error':
          finish(new Error(message.message));
          break;
      }
    });
    child.on('error', (error) => finish(error));
    // 'close' comes after the last message and the last of standard error.
    child.on('close', (code, signal) => endHere('FAILED', 'States.Runtime', watched.endCause(code, signal)));
    child.send(request);
  });
}
