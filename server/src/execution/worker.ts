// A worker thread that runs one execution (see launch.ts): it receives the request as its
// workerData, posts the history in batches as it is recorded, then the outcome; 'stop' aborts.
import { constants, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { HistoryEvent } from '../core/interpreter/api';
import { interpreter } from './engine';
import { launchInProcess, type FromWorker, type LaunchRequest } from './launch';

/** Events posted together: fewer messages, still a live stream. */
const BATCH_SIZE = 200;

// The execution yields the processor to the editor's requests: on Linux a thread's niceness is its
// own, so this lowers this thread only (elsewhere it would lower the whole language server).
if (process.platform === 'linux') {
  try {
    setPriority(constants.priority.PRIORITY_BELOW_NORMAL);
  } catch { /* not allowed here: the execution runs at the server's priority */ }
}

const port = parentPort!;
const post = (message: FromWorker) => port.postMessage(message);
let batch: HistoryEvent[] = [];
let scheduled = false;

function flush(): void {
  scheduled = false;
  if (!batch.length) return;
  post({ type: 'events', events: batch });
  batch = [];
}

launchInProcess(interpreter)(workerData as LaunchRequest, (event) => {
  batch.push(event);
  if (batch.length >= BATCH_SIZE) flush();
  else if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
}).then((launched) => {
  post({ type: 'started', executionArn: launched.executionArn, name: launched.name });
  port.on('message', (message) => { if (message === 'stop') launched.stop(); });
  return launched.done;
}).then((finished) => {
  flush();
  post({ type: 'done', finished });
}, (error) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }));
