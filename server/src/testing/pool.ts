// Runs test files in parallel, in processes of their own (testWorker.ts), one per core: each takes
// the next file when it is done with one. A process that dies or is stuck (see execution/watchdog.ts)
// fails the file it ran, with the state that was running, and a new process takes the files left.
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { WatchedProcess } from '../execution/watchdog';
import type { FileResult, TestRunOptions } from './runner';
import type { ToWorker } from './testWorker';

/** The worker's script, beside this module bundled or not. */
export const TEST_WORKER = path.join(__dirname, 'testWorker.js');

type FromWorker = { result: FileResult } | { error: string };

/** Runs the files; `onResult` hears of each file as it ends. The results come in the files' order. */
export function runTestFiles(files: readonly string[], options: TestRunOptions, onResult?: (result: FileResult) => void, workers = availableParallelism()): Promise<FileResult[]> {
  const results: FileResult[] = new Array(files.length);
  let next = 0;
  let running = 0;
  return new Promise((resolve) => {
    const finish = (index: number, result: FileResult) => {
      results[index] = result;
      onResult?.(result);
    };
    const start = () => {
      running++;
      // The debugger's port is taken (a language server under F5): the worker gets the rest of this Node's options.
      const child: ChildProcess = fork(TEST_WORKER, [], { stdio: ['ignore', 2, 'pipe', 'ipc', 'pipe'], serialization: 'advanced', execArgv: process.execArgv.filter((arg) => !arg.startsWith('--inspect')) });
      let current: number | undefined;
      let stuck: string | undefined;
      const watched = new WatchedProcess(child, (cause) => {
        stuck = cause;
        child.kill('SIGKILL');
      });
      const takeNext = () => {
        if (next >= files.length) {
          current = undefined;
          // Ending itself, the process closes its pipes: disconnecting from here would hold back 'close'.
          child.send('end' satisfies ToWorker);
          return;
        }
        current = next++;
        child.send({ file: files[current], options } satisfies ToWorker);
      };
      child.on('message', (message: FromWorker) => {
        if (current === undefined) return;
        finish(current, 'result' in message ? message.result : failedFile(files[current], `The test run failed: ${message.error}`));
        takeNext();
      });
      child.on('close', (code, signal) => {
        running--;
        if (current !== undefined) {
          finish(current, failedFile(files[current], `The test process ended before its tests did: ${stuck ?? watched.endCause(code, signal)}`));
          if (next < files.length) start();
        }
        if (running === 0) resolve(results);
      });
      takeNext();
    };
    if (files.length === 0) return resolve(results);
    for (let i = 0; i < Math.max(1, Math.min(workers, files.length)); i++) start();
  });
}

function failedFile(file: string, message: string): FileResult {
  return { file: path.resolve(file), problems: [{ message, at: [], range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }], tests: [] };
}
