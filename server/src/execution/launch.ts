// Starting an execution, in this thread or in a worker thread. A worker keeps a long or busy
// execution from stalling the language server, and streams its events while it runs (the
// interpreter may run for long stretches without yielding to the event loop).
import { Worker } from 'node:worker_threads';
import type { Execution, HistoryEvent, StartOptions, TaskResolver } from '../core/interpreter/api';
import type { JsonPath } from '../languageService/aslDocument';
import type { ExecutionOutcome, LocalHandlers, MockSelection, TimeMode } from '../protocol';
import { HistoryWriter } from './historyFiles';

/** The interpreter as the runner uses it. */
export interface Engine {
  /** Compiles a definition once; its errors name where they are as a path into the definition. */
  compile(definition: unknown): { errors: { message: string; path?: JsonPath }[] } | { machine: { start(options: StartOptions): Execution } };
  mockResolver(mockConfig: unknown, selection: MockSelection): TaskResolver;
  handlerResolver(handlers: LocalHandlers): TaskResolver;
}

/** What starting an execution needs, as plain data (it crosses to a worker thread). */
export interface LaunchRequest {
  definition: unknown;
  input: unknown;
  name?: string;
  stateMachineName: string;
  clock: TimeMode;
  mock?: { config: unknown; selection: MockSelection };
  localHandlers?: LocalHandlers;
  /** The folder the history is written to (historyFiles.ts); events are then reported compact. */
  historyFolder?: string;
}

/** How an execution ended, and why its history on disk is incomplete when it is. */
export interface Finished {
  outcome: ExecutionOutcome;
  historyError?: string;
}

export interface Launched {
  executionArn: string;
  name: string;
  stop(): void;
  done: Promise<Finished>;
}

export type Launcher = (request: LaunchRequest, onEvent: (event: HistoryEvent) => void) => Promise<Launched>;

/** Runs executions in the calling thread. */
export function launchInProcess(engine: Engine): Launcher {
  return async (request, onEvent) => {
    const compiled = engine.compile(request.definition);
    if ('errors' in compiled) throw new Error(compiled.errors.map((error) => error.message).join('\n'));
    const taskResolvers: TaskResolver[] = [];
    if (request.mock) taskResolvers.push(engine.mockResolver(request.mock.config, request.mock.selection));
    if (request.localHandlers && Object.keys(request.localHandlers).length) taskResolvers.push(engine.handlerResolver(request.localHandlers));
    const history = request.historyFolder === undefined ? undefined : new HistoryWriter(request.historyFolder);
    const execution = compiled.machine.start({
      input: request.input, name: request.name, stateMachineName: request.stateMachineName, clock: request.clock, taskResolvers,
      // Streamed, and written when a folder is given: a history at AWS's limits would not fit in memory too.
      onEvent: history ? (event) => onEvent(history.write(event)) : onEvent, keepEvents: false,
    });
    return {
      executionArn: execution.executionArn,
      name: execution.name,
      stop: () => execution.stop(),
      done: execution.done.then(({ events, ...outcome }) => ({ outcome, historyError: history?.close() })),
    };
  };
}

/** Messages from the worker (server/src/execution/worker.ts). */
export type FromWorker =
  | { type: 'started'; executionArn: string; name: string }
  | { type: 'events'; events: HistoryEvent[] }
  | { type: 'done'; finished: Finished }
  | { type: 'error'; message: string };

/** A stopped execution whose worker does not answer within this time is ended by force. */
const STOP_GRACE_MS = 2000;

/** Runs each execution in its own worker thread, started from `workerFile`. */
export function launchInWorker(workerFile: string): Launcher {
  return (request, onEvent) => new Promise<Launched>((resolve, reject) => {
    const worker = new Worker(workerFile, { workerData: request });
    let launched: Launched | undefined;
    let settle!: (finished: Finished) => void;
    let fail!: (error: Error) => void;
    const done = new Promise<Finished>((resolveDone, rejectDone) => { settle = resolveDone; fail = rejectDone; });
    let ended = false;
    let startDate: string | undefined;
    const end = (error: Error | undefined, finished?: Finished) => {
      if (ended) return;
      ended = true;
      void worker.terminate();
      if (!launched) reject(error);
      else if (finished) settle(finished);
      else fail(error!);
    };
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'started':
          launched = {
            executionArn: message.executionArn,
            name: message.name,
            done,
            stop: () => {
              worker.postMessage('stop');
              // An execution busy without yielding cannot hear the stop: end its thread.
              setTimeout(() => end(undefined, {
                outcome: {
                  executionArn: message.executionArn, name: message.name, status: 'ABORTED', input: request.input,
                  startDate: startDate ?? new Date().toISOString(), stopDate: new Date().toISOString(),
                },
                historyError: request.historyFolder === undefined ? undefined : 'The execution was ended by force: its last events were not written.',
              }), STOP_GRACE_MS).unref();
            },
          };
          resolve(launched);
          break;
        case 'events':
          startDate ??= message.events[0]?.timestamp;
          for (const event of message.events) onEvent(event);
          break;
        case 'done':
          end(undefined, message.finished);
          break;
        case 'error':
          end(new Error(message.message));
          break;
      }
    });
    worker.on('error', (error) => end(error));
    worker.on('exit', (code) => end(new Error(`The execution's worker thread stopped (exit code ${code}).`)));
  });
}
