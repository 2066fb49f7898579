// The process that runs one execution (see launch.ts): it receives the request as its first message,
// sends the history in batches as it is recorded, then the outcome; 'stop' aborts. A fatal error in it
// (memory exhausted, a V8 size limit) ends this process only, and its watchdog (watchdog.ts) reports a
// thread kept busy past its bound, so the parent can end the execution and name the state.
import { constants, setPriority } from 'node:os';
import { DEFAULT_HANDLER_TIMEOUT_SECONDS } from '../core/interpreter/engine';
import { interpreter } from './interpreter';
import { launchInProcess, type FromProcess, type LaunchRequest } from './launch';
import { watchThisThread, type ThreadWatch } from './watchdog';

/** Events sent together: fewer messages, still a live stream. */
const BATCH_SIZE = 200;

const send = (message: FromProcess) => process.send!(message);
/** The JSON texts of the events not sent yet (also kept by the watchdog, see watchdog.ts). */
let batch: string[] = [];
let scheduled = false;
/** Events go out after 'started' only: the client drops events of an execution it does not know yet. */
let started = false;
let watchdog: ThreadWatch;

function flush(): void {
  scheduled = false;
  if (!started || !batch.length) return;
  send({ type: 'events', json: `[${batch.join(',')}]` });
  batch = [];
  watchdog.clearUnsent();
}

// The execution yields the processor to the editor's requests (and to the CLI's output).
try {
  setPriority(constants.priority.PRIORITY_BELOW_NORMAL);
} catch { /* not allowed here: the execution runs at its parent's priority */ }

// Ctrl-C reaches the whole process group: the parent decides (it stops the execution).
process.on('SIGINT', () => undefined);
// The parent is gone: nobody waits for the execution.
process.on('disconnect', () => process.exit());

process.once('message', (request: LaunchRequest) => {
  // An execution left with nothing to do ends the process, which tells the parent it did not finish.
  process.channel?.unref();
  watchdog = watchThisThread(request.handlerTimeoutSeconds ?? DEFAULT_HANDLER_TIMEOUT_SECONDS);
  launchInProcess(interpreter, watchdog.onStateWork)(request, (event) => {
    const json = JSON.stringify(event);
    batch.push(json);
    if (!watchdog.addUnsent(json) || batch.length >= BATCH_SIZE) flush();
    else if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  }).then((launched) => {
    send({ type: 'started', executionArn: launched.executionArn, name: launched.name });
    started = true;
    flush();
    process.on('message', (message) => { if (message === 'stop') launched.stop(); });
    return launched.done;
  }).then((finished) => {
    flush();
    send({ type: 'done', finished });
  }, (error) => send({ type: 'error', message: error instanceof Error ? error.message : String(error) }));
});
