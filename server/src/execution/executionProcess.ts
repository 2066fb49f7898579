// The process that runs one execution (see launch.ts): it receives the request as its first message,
// sends the history in batches as it is recorded, then the outcome; 'stop' aborts. A fatal error in it
// (memory exhausted, a V8 size limit) ends this process only, and its watchdog (watchdog.ts) reports a
// thread kept busy past its bound, so the parent can end the execution and name the state.
import type { HistoryEvent, StateWork } from '../core/interpreter/api';
import { DEFAULT_HANDLER_TIMEOUT_SECONDS } from '../core/interpreter/engine';
import { interpreter } from './engine';
import { launchInProcess, type FromProcess, type LaunchRequest } from './launch';
import { watchThisThread } from './watchdog';

/** Events sent together: fewer messages, still a live stream. */
const BATCH_SIZE = 200;
/**
 * Events wait at most this long when a state's work starts: work that blocks the thread for good
 * (until the watchdog ends the process) leaves the parent a history that reaches it, or nearly.
 */
const FLUSH_MS = 50;

const send = (message: FromProcess) => process.send!(message);
let batch: HistoryEvent[] = [];
let scheduled = false;
let flushedAt = 0;
/** Events go out after 'started' only: the client drops events of an execution it does not know yet. */
let started = false;

function flush(): void {
  scheduled = false;
  if (!started || !batch.length) return;
  send({ type: 'events', json: JSON.stringify(batch) });
  batch = [];
  flushedAt = Date.now();
}

// Ctrl-C reaches the whole process group: the parent decides (it stops the execution).
process.on('SIGINT', () => undefined);
// The parent is gone: nobody waits for the execution.
process.on('disconnect', () => process.exit());

process.once('message', (request: LaunchRequest) => {
  // An execution left with nothing to do ends the process, which tells the parent it did not finish.
  process.channel?.unref();
  const watchdog = watchThisThread(request.handlerTimeoutSeconds ?? DEFAULT_HANDLER_TIMEOUT_SECONDS);
  const onStateWork = (work: StateWork) => {
    watchdog.onStateWork(work);
    // Sent now, the message leaves the process even if the thread blocks next.
    if (batch.length && Date.now() - flushedAt >= FLUSH_MS) flush();
  };
  launchInProcess(interpreter, onStateWork)(request, (event) => {
    batch.push(event);
    if (batch.length >= BATCH_SIZE) flush();
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
  }).then((outcome) => {
    flush();
    send({ type: 'done', outcome });
  }, (error) => send({ type: 'error', message: error instanceof Error ? error.message : String(error) }));
});
