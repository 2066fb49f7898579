// Watches the thread that runs an execution, from another thread of its process: the execution's
// thread writes whose work it runs (a state, an expression, a handler) into shared memory and bumps a
// heartbeat while its event loop turns. The watchdog thread writes that work to the parent process on a
// pipe whenever it changes (so that the parent can name the state if the process dies, out of memory
// say), and reports the thread stuck when the heartbeat stops for longer than the work's bound: a
// synchronous regular expression or handler can only be stopped by ending its process. The thread also
// copies the events it has not sent yet into shared memory: a report of a stuck or ended thread carries
// them, so the parent's history reaches the state that blocked.
import * as fs from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import type * as WorkerThreads from 'node:worker_threads';
import type { HistoryEvent, StateWork } from '../core/interpreter/api';
import { statePrefix } from '../core/interpreter/errors';
import { EVALUATION_MILLISECONDS } from '../core/interpreter/jsonata';

/** The watchdog's pipe in the watched process: its stdio entry 4 (after stdin, stdout, stderr and IPC or nothing). */
export const WATCHDOG_FD = 4;

/** What the watchdog reports on its pipe, one JSON line each. */
export interface WorkReport {
  work: StateWork;
  /** Set when the thread has not turned its event loop for this long, the work's bound. */
  stuckSeconds?: number;
  /** The events recorded and not sent yet, JSON texts joined by commas (absent: as last reported). */
  unsent?: string;
}

const BEAT = 0;
/** Odd while the work is being written (a sequence lock). */
const VERSION = 1;
const EVENT_ID = 2;
const BOUND_MS = 3;
const NAME_BYTES = 4;
const DETAIL_BYTES = 5;
const HANDLER = 6;
const UNSENT_BYTES = 7;
/** Bumped when the unsent events were sent: a copy read across it is torn. */
const UNSENT_GENERATION = 8;
const HEADER_BYTES = 12 * 4;
/** State names are at most 80 characters; a longer detail (an expression) is cut. */
const TEXT_BYTES = 4096;
/** Room for the events not sent yet; beyond it, the thread sends them at once. */
const UNSENT_CAPACITY = 1 << 20;
const BEAT_MS = 100;

/** How long one evaluation (a state's own work, an expression) may keep the thread: twice JSONata's own limit, so that an evaluation that yields ends first with its catchable timeout error. */
const EVALUATION_BOUND_MS = 2 * EVALUATION_MILLISECONDS;

/**
 * Starts the watchdog thread, reporting on the pipe WATCHDOG_FD; returns what the execution's thread
 * calls. A local handler may keep the thread for the handler timeout.
 */
export function watchThisThread(handlerTimeoutSeconds: number): ThreadWatch {
  const fd = WATCHDOG_FD;
  const shared = new SharedArrayBuffer(HEADER_BYTES + TEXT_BYTES + UNSENT_CAPACITY);
  const header = new Int32Array(shared, 0, HEADER_BYTES / 4);
  const text = Buffer.from(shared, HEADER_BYTES, TEXT_BYTES);
  const unsent = Buffer.from(shared, HEADER_BYTES + TEXT_BYTES);
  // Loaded here, in the watched process: its parent (WatchedProcess) does without it.
  const { Worker } = require('node:worker_threads') as typeof WorkerThreads;
  new Worker(WATCHDOG_SOURCE, { eval: true, workerData: { shared, fd, beatMs: BEAT_MS } }).unref();
  setInterval(() => Atomics.add(header, BEAT, 1), BEAT_MS).unref();
  let lastName: string | undefined;
  let lastDetail: string | undefined;
  let current: StateWork | undefined;
  // A process that ends on its own (nothing left to run) tells its last work, which the watchdog may not have yet.
  process.on('exit', () => {
    try {
      const report: WorkReport | undefined = current && { work: current, unsent: unsent.toString('utf8', 0, header[UNSENT_BYTES]) };
      if (report) fs.writeSync(fd, JSON.stringify(report) + '\n');
    } catch {
      // The parent is gone.
    }
  });
  return {
    onStateWork(work) {
      current = work;
      Atomics.add(header, VERSION, 1);
      header[EVENT_ID] = work.enteredEventId;
      header[BOUND_MS] = work.handler ? handlerTimeoutSeconds * 1000 : EVALUATION_BOUND_MS;
      header[HANDLER] = work.handler ? 1 : 0;
      // The same strings come back again and again (a state's name, an expression): written once.
      if (work.stateName !== lastName || work.detail !== lastDetail) {
        lastName = work.stateName;
        lastDetail = work.detail;
        header[NAME_BYTES] = text.write(work.stateName, 0, 'utf8');
        header[DETAIL_BYTES] = work.detail === undefined ? -1 : text.write(work.detail, header[NAME_BYTES], 'utf8');
      }
      Atomics.add(header, VERSION, 1);
      Atomics.notify(header, VERSION);
    },
    addUnsent(eventJson) {
      const offset = header[UNSENT_BYTES];
      const separator = offset ? 1 : 0;
      const room = UNSENT_CAPACITY - offset - separator;
      // A UTF-16 unit is at most 3 bytes: short texts need no counting.
      if (eventJson.length * 3 > room && Buffer.byteLength(eventJson) > room) return false;
      if (separator) unsent[offset] = 0x2c;
      Atomics.store(header, UNSENT_BYTES, offset + separator + unsent.write(eventJson, offset + separator, 'utf8'));
      return true;
    },
    clearUnsent() {
      Atomics.add(header, UNSENT_GENERATION, 1);
      Atomics.store(header, UNSENT_BYTES, 0);
    },
  };
}

/** What the watched thread calls. */
export interface ThreadWatch {
  /** StartOptions.onStateWork. */
  onStateWork(work: StateWork): void;
  /** Keeps an event's JSON for the reports until it is sent; false when there is no room left (send now). */
  addUnsent(eventJson: string): boolean;
  /** The events kept were sent. */
  clearUnsent(): void;
}

/** How much of a watched process's standard error is searched at a time (a line may come in two pieces). */
const STDERR_TAIL = 4096;

/**
 * Follows a watched process from its parent: the watchdog's reports (on the child's pipe WATCHDOG_FD)
 * and its standard error, passed on, where V8 reports a fatal memory error. `onStuck` gets the cause
 * when the watchdog finds the thread stuck (the parent then ends the process).
 */
export class WatchedProcess {
  /** What the process was busy with last. */
  private work?: StateWork;
  private stderr = '';
  private outOfMemory?: string;
  private unsent?: string;

  constructor(child: ChildProcess, onStuck: (cause: string) => void) {
    let reports = '';
    const pipe = child.stdio[WATCHDOG_FD] as Readable;
    pipe.setEncoding('utf8');
    pipe.on('data', (chunk: string) => {
      reports += chunk;
      let newline: number;
      while ((newline = reports.indexOf('\n')) >= 0) {
        const report = JSON.parse(reports.slice(0, newline)) as WorkReport;
        reports = reports.slice(newline + 1);
        this.work = report.work;
        if (report.unsent !== undefined) this.unsent = report.unsent;
        if (report.stuckSeconds !== undefined) onStuck(this.cause(`kept the execution's thread busy for more than ${report.stuckSeconds} seconds without a pause (${report.work.handler ? 'synchronous work that never ends' : 'a regular expression that backtracks catastrophically'}, say); the execution was ended.`));
      }
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      process.stderr.write(chunk);
      this.stderr = (this.stderr + chunk).slice(-STDERR_TAIL);
      // V8's stack trace follows the line: it is caught here, before it scrolls out of the tail.
      this.outOfMemory ??= /(heap out of memory|invalid size error).*/i.exec(this.stderr)?.[0];
    });
  }

  /** The events the process recorded and had not sent when it was last heard of (stuck, or ending on its own). */
  unsentEvents(): HistoryEvent[] {
    return this.unsent ? JSON.parse(`[${this.unsent}]`) as HistoryEvent[] : [];
  }

  /** The States.Runtime cause of the process's end (its 'close') before its work was done. */
  endCause(code: number | null, signal: string | null): string {
    if (this.outOfMemory) return this.cause(`ran out of memory (${this.outOfMemory}); the execution was ended.`);
    if (code === 0) return this.cause('was unfinished when nothing was left to run (a promise that never settles?); the execution was ended.');
    return this.cause(`was running when the execution's process ended (${signal ? `signal ${signal}` : `exit code ${code}`}).`);
  }

  /** Names the state (and expression or handler) the process was busy with, with AWS's prefix. */
  private cause(what: string): string {
    const work = this.work;
    return `${work ? statePrefix(work.stateName, work.enteredEventId) + (work.detail ?? 'The state') : 'The execution'} ${what}`;
  }
}

/** The watchdog thread: plain JavaScript run by `eval`, so it loads nothing and works bundled or not. */
const WATCHDOG_SOURCE = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { shared, fd, beatMs } = workerData;
const header = new Int32Array(shared, 0, ${HEADER_BYTES / 4});
const text = Buffer.from(shared, ${HEADER_BYTES}, ${TEXT_BYTES});
const unsent = Buffer.from(shared, ${HEADER_BYTES + TEXT_BYTES});
let beat = Atomics.load(header, ${BEAT});
let beatAt = Date.now();
let reported = 0;
let reportedUnsent = 0;
let unsentReportedAt = 0;
/**
 * Reports the work when it changed, and when the thread is stuck: then answers true. The events kept go
 * with a report at most once a beat (and always with a stuck one): reported with each state's work, a
 * long run's reports were tens of megabytes of the same events. A thread dying out of memory spends
 * longer than a beat in the collector first.
 */
function check() {
  const now = Date.now();
  const currentBeat = Atomics.load(header, ${BEAT});
  if (currentBeat !== beat) { beat = currentBeat; beatAt = now; }
  const version = Atomics.load(header, ${VERSION});
  if (version === 0 || version % 2 === 1) return false;
  const bound = header[${BOUND_MS}];
  const stuck = now - beatAt > bound;
  const generation = Atomics.load(header, ${UNSENT_GENERATION});
  const unsentBytes = Atomics.load(header, ${UNSENT_BYTES});
  const unsentDue = unsentBytes !== reportedUnsent && (stuck || now - unsentReportedAt >= beatMs);
  if (version === reported && !unsentDue && !stuck) return false;
  const nameBytes = header[${NAME_BYTES}];
  const detailBytes = header[${DETAIL_BYTES}];
  const work = { stateName: text.toString('utf8', 0, nameBytes), enteredEventId: header[${EVENT_ID}] };
  if (detailBytes >= 0) work.detail = text.toString('utf8', nameBytes, nameBytes + detailBytes);
  if (header[${HANDLER}]) work.handler = true;
  const unsentText = unsentDue ? unsent.toString('utf8', 0, unsentBytes) : undefined;
  if (Atomics.load(header, ${VERSION}) !== version || Atomics.load(header, ${UNSENT_GENERATION}) !== generation) return false;
  reported = version;
  if (unsentDue) {
    reportedUnsent = unsentBytes;
    unsentReportedAt = now;
  }
  try {
    // A thread stuck (or dying, out of memory) writes nothing more: its last report has all its unsent events.
    const report = { work, unsent: unsentText };
    if (stuck) report.stuckSeconds = bound / 1000;
    fs.writeSync(fd, JSON.stringify(report) + '\\n');
  } catch {
    // The parent is gone: the process ends on its own.
  }
  return stuck;
}
// Woken as soon as the thread starts new work, so that a process dying of it (out of memory) has named
// it already; otherwise every beat, to see whether the thread is stuck.
while (!check()) Atomics.wait(header, ${VERSION}, Atomics.load(header, ${VERSION}), beatMs);
`;
