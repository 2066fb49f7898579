// A process that runs test files for the pool (pool.ts): a file's path comes in, its results go out.
// Its thread is watched (execution/watchdog.ts), so a test stuck in a synchronous regular expression
// or handler is named and its process ended, not the run that started it.
import { DEFAULT_HANDLER_TIMEOUT_SECONDS } from '../core/interpreter/engine';
import { watchThisThread } from '../execution/watchdog';
import type { TestFileJob, TestRunOptions } from '../protocol';
import { runTestFile } from './runner';

/** A file to run, from the pool, or 'end' when there is none left. */
export type ToWorker = { job: TestFileJob; options: TestRunOptions } | 'end';

const watchdog = watchThisThread(DEFAULT_HANDLER_TIMEOUT_SECONDS);

process.on('message', (message: ToWorker) => {
  if (message === 'end') process.exit(0);
  runTestFile(message.job, message.options, watchdog.onStateWork).then(
    (result) => process.send!({ result }),
    (error: Error) => process.send!({ error: error.stack ?? String(error) }),
  );
});
// The pool is gone (ended by force): nobody wants the results.
process.on('disconnect', () => process.exit(0));
