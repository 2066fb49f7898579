// Watches the thread that runs an execution, from another thread of its process: the execution's
// thread writes whose work it runs (a state, an expression, a handler) into shared memory and bumps a
// heartbeat while its event loop turns. The watchdog thread writes that work to the parent process on a
// pipe whenever it changes (so that the parent can name the state if the process dies, out of memory
// say), and reports the thread stuck when the heartbeat stops for longer than the work's bound: a
// synchronous regular expression or handler can only be stopped by ending its process.
import * as fs from 'node:fs';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { StateWork } from '../core/interpreter/api';
import { statePrefix } from '../core/interpreter/errors';

/** What the watchdog reports on its pipe, one JSON line each. */
export interface WorkReport {
  work: StateWork;
  /** Set when the thread has not turned its event loop for `boundSeconds`. */
  stuckSeconds?: number;
}

const BEAT = 0;
/** Odd while the work is being written (a sequence lock). */
const VERSION = 1;
const EVENT_ID = 2;
const BOUND_MS = 3;
const NAME_BYTES = 4;
const DETAIL_BYTES = 5;
const HANDLER = 6;
const HEADER_BYTES = 8 * 4;
/** State names are at most 80 characters; a longer detail (an expression) is cut. */
const TEXT_BYTES = 4096;
const BEAT_MS = 100;

export interface Bounds {
  /** How long one evaluation (a state's own work, an expression) may keep the thread. */
  evaluationMs: number;
  /** How long a local handler may keep the thread. */
  handlerMs: number;
}

/** Starts the watchdog thread writing to file descriptor `fd`; returns what the execution's thread calls. */
export function watchThisThread(fd: number, bounds: Bounds): { onStateWork(work: StateWork): void } {
  const shared = new SharedArrayBuffer(HEADER_BYTES + TEXT_BYTES);
  const header = new Int32Array(shared, 0, HEADER_BYTES / 4);
  const text = Buffer.from(shared, HEADER_BYTES);
  new Worker(WATCHDOG_SOURCE, { eval: true, workerData: { shared, fd, beatMs: BEAT_MS } }).unref();
  setInterval(() => Atomics.add(header, BEAT, 1), BEAT_MS).unref();
  let lastName: string | undefined;
  let lastDetail: string | undefined;
  let current: StateWork | undefined;
  // A process that ends on its own (nothing left to run) tells its last work, which the watchdog may not have yet.
  process.on('exit', () => {
    try {
      if (current) fs.writeSync(fd, JSON.stringify({ work: current } satisfies WorkReport) + '\n');
    } catch {
      // The parent is gone.
    }
  });
  return {
    onStateWork(work) {
      current = work;
      Atomics.add(header, VERSION, 1);
      header[EVENT_ID] = work.enteredEventId;
      header[BOUND_MS] = work.handler ? bounds.handlerMs : bounds.evaluationMs;
      header[HANDLER] = work.handler ? 1 : 0;
      // The same strings come back again and again (a state's name, an expression): written once.
      if (work.stateName !== lastName || work.detail !== lastDetail) {
        lastName = work.stateName;
        lastDetail = work.detail;
        header[NAME_BYTES] = text.write(work.stateName, 0, 'utf8');
        header[DETAIL_BYTES] = work.detail === undefined ? -1 : text.write(work.detail, header[NAME_BYTES], 'utf8');
      }
      Atomics.add(header, VERSION, 1);
    },
  };
}

/** How a watched process ended when it did not finish its work. */
export interface AbruptEnd {
  /** Set when the watchdog reported the thread stuck. */
  stuckSeconds?: number;
  /** V8's line on a fatal memory error, from the process's standard error (outOfMemoryLine). */
  outOfMemory?: string;
  code: number | null;
  signal: string | null;
}

/** The States.Runtime cause of an abrupt end, naming the state (and expression or handler) the process was busy with. */
export function abruptEndCause(work: StateWork | undefined, end: AbruptEnd): string {
  const subject = work ? statePrefix(work.stateName, work.enteredEventId) + (work.detail ?? 'The state') : 'The execution';
  if (end.stuckSeconds !== undefined) {
    const likely = work?.handler ? 'synchronous work that never ends' : 'a regular expression that backtracks catastrophically';
    return `${subject} kept the execution's thread busy for more than ${end.stuckSeconds} seconds without a pause (${likely}, say); the execution was ended.`;
  }
  if (end.outOfMemory) return `${subject} ran out of memory (${end.outOfMemory}); the execution was ended.`;
  if (end.code === 0) return `${subject} was unfinished when nothing was left to run (a promise that never settles?); the execution was ended.`;
  return `${subject} was running when the execution's process ended (${end.signal ? `signal ${end.signal}` : `exit code ${end.code}`}).`;
}

/** The line (from its words on) in which V8 reports a fatal memory error, if `text` has one. */
export function outOfMemoryLine(text: string): string | undefined {
  return /(heap out of memory|invalid size error).*/i.exec(text)?.[0];
}

/** Reads the watchdog's reports from its pipe in the parent process. */
export function readReports(stream: Readable, onReport: (report: WorkReport) => void): void {
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      onReport(JSON.parse(buffer.slice(0, newline)) as WorkReport);
      buffer = buffer.slice(newline + 1);
    }
  });
}

/** The watchdog thread: plain JavaScript run by `eval`, so it loads nothing and works bundled or not. */
const WATCHDOG_SOURCE = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { shared, fd, beatMs } = workerData;
const header = new Int32Array(shared, 0, ${HEADER_BYTES / 4});
const text = Buffer.from(shared, ${HEADER_BYTES});
let beat = Atomics.load(header, ${BEAT});
let beatAt = Date.now();
let reported = 0;
const timer = setInterval(() => {
  const now = Date.now();
  const currentBeat = Atomics.load(header, ${BEAT});
  if (currentBeat !== beat) { beat = currentBeat; beatAt = now; }
  const version = Atomics.load(header, ${VERSION});
  if (version === 0 || version % 2 === 1) return;
  const bound = header[${BOUND_MS}];
  const stuck = now - beatAt > bound;
  if (version === reported && !stuck) return;
  const nameBytes = header[${NAME_BYTES}];
  const detailBytes = header[${DETAIL_BYTES}];
  const work = { stateName: text.toString('utf8', 0, nameBytes), enteredEventId: header[${EVENT_ID}] };
  if (detailBytes >= 0) work.detail = text.toString('utf8', nameBytes, nameBytes + detailBytes);
  if (header[${HANDLER}]) work.handler = true;
  if (Atomics.load(header, ${VERSION}) !== version) return;
  reported = version;
  try {
    fs.writeSync(fd, JSON.stringify(stuck ? { work, stuckSeconds: bound / 1000 } : { work }) + '\\n');
  } catch {
    // The parent is gone: the process ends on its own.
  }
  if (stuck) clearInterval(timer);
}, beatMs);
`;

/** The file descriptor of the watchdog's pipe in the execution's process (after stdin, stdout, stderr and IPC). */
export const WATCHDOG_FD = 4;
