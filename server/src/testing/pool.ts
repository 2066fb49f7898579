// Runs test files in parallel, in processes of their own (testWorker.ts), one per core: each takes
// the next file when it is done with one. A process that dies or is stuck (see execution/watchdog.ts)
// fails the file it ran, with the state that was running, and a new process takes the files left.
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { WatchedProcess } from '../execution/watchdog';
import { besideBundle } from '../startup/packed';
import type { TestFileJob, TestFileResult, TestRunOptions } from '../protocol';
import type { ToWorker } from './testWorker';

/** The worker's script, beside this module bundled or not. */
export const TEST_WORKER = besideBundle(__dirname, 'testWorker.js');

type FromWorker = { result: TestFileResult } | { error: string };

/**
 * Runs the files; the results come in the files' order. An abort ends the processes at once, and
 * the files left unfinished are missing from the results.
 */
export function runTestFiles(jobs: readonly TestFileJob[], options: TestRunOptions, signal?: AbortSignal, workers = availableParallelism()): Promise<TestFileResult[]> {
  const results: (TestFileResult | undefined)[] = new Array(jobs.length);
  const children = new Set<ChildProcess>();
  let next = 0;
  return new Promise((resolve) => {
    const finish = (index: number, result: TestFileResult) => {
      results[index] = result;
    };
    const start = () => {
      // The debugger's port is taken (a language server under F5): the worker gets the rest of this Node's options.
      const child: ChildProcess = fork(TEST_WORKER, [], { stdio: ['ignore', 2, 'pipe', 'ipc', 'pipe'], serialization: 'advanced', execArgv: process.execArgv.filter((arg) => !arg.startsWith('--inspect')) });
      children.add(child);
      let current: number | undefined;
      let stuck: string | undefined;
      const watched = new WatchedProcess(child, (cause) => {
        stuck = cause;
        child.kill('SIGKILL');
      });
      const takeNext = () => {
        if (next >= jobs.length || signal?.aborted) {
          current = undefined;
          // Ending itself, the process closes its pipes: disconnecting from here would hold back 'close'.
          child.send('end' satisfies ToWorker);
          return;
        }
        current = next++;
        child.send({ job: jobs[current], options } satisfies ToWorker);
      };
      child.on('message', (message: FromWorker) => {
        if (current === undefined) return;
        finish(current, 'result' in message ? message.result : failedFile(jobs[current].file, `The test run failed: ${message.error}`));
        takeNext();
      });
      child.on('close', (code, signalName) => {
        children.delete(child);
        if (current !== undefined && !signal?.aborted) {
          finish(current, failedFile(jobs[current].file, `The test process ended before its tests did: ${stuck ?? watched.endCause(code, signalName)}`));
          if (next < jobs.length) start();
        }
        if (children.size === 0) resolve(results.filter((result): result is TestFileResult => result !== undefined));
      });
      takeNext();
    };
    if (jobs.length === 0) return resolve([]);
    signal?.addEventListener('abort', () => children.forEach((child) => child.kill('SIGKILL')), { once: true });
    for (let i = 0; i < Math.max(1, Math.min(workers, jobs.length)); i++) start();
  });
}

function failedFile(file: string, message: string): TestFileResult {
  return { file: path.resolve(file), problems: [{ message, at: [], range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }], tests: [] };
}
