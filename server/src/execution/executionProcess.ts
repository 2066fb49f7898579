// The process that runs one execution (see launch.ts): it receives the request as its first message,
// sends the history in batches as it is recorded, then the outcome; 'stop' aborts. A fatal error in it
// (memory exhausted, a V8 size limit) ends this process only, and its watchdog (watchdog.ts) reports a
// thread kept busy past its bound, so the parent can end the execution and name the state.
import { constants, setPriority } from 'node:os';
import { DEFAULT_HANDLER_TIMEOUT_SECONDS } from '../core/interpreter/engine';
import { interpreter } from './interpreter';
import { EventBatches, startHere, type FromProcess, type LaunchRequest, type ToProcess } from './launch';
import { RunTaskTokens } from './aws/taskTokens';
import { watchThisThread } from './watchdog';
import { codeCompiled } from '../startup/codeCache';

const send = (message: FromProcess) => process.send!(message);
/** An event as it is sent: its JSON text, with what the parent follows of it (FromProcess 'events'). */
type RecordedEvent = { json: string; id: number; timestamp: string };
/** Batches of events (MAX_BATCH_EVENTS each) that may wait to be written to the parent before the execution waits for them. */
const MAX_UNWRITTEN_BATCHES = 4;

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
  const watchdog = watchThisThread(request.handlerTimeoutSeconds ?? DEFAULT_HANDLER_TIMEOUT_SECONDS);
  /** Events go out after 'started' only: the client drops events of an execution it does not know yet. */
  let started = false;
  const held: RecordedEvent[][] = [];
  const batches = new EventBatches<RecordedEvent>((batch) => {
    if (!started) held.push(batch);
    else sendEvents(batch);
  });
  // Batches handed to the channel and not written out yet: while the parent reads slower than the execution
  // records, the execution waits (eventsBacklog) rather than the batches piling up here.
  let unwritten = 0;
  let caughtUp: { promise: Promise<void>; resolve: () => void } | undefined;
  const sendEvents = (batch: RecordedEvent[]) => {
    unwritten++;
    const { id, timestamp } = batch[batch.length - 1];
    const message: FromProcess = { type: 'events', json: `[${batch.map(({ json }) => json).join(',')}]`, firstTimestamp: batch[0].timestamp, last: { id, timestamp } };
    process.send!(message, undefined, undefined, () => {
      if (--unwritten > 0 || !caughtUp) return;
      caughtUp.resolve();
      caughtUp = undefined;
    });
    watchdog.clearUnsent();
  };
  const eventsBacklog = () => {
    if (unwritten <= MAX_UNWRITTEN_BATCHES) return undefined;
    if (!caughtUp) {
      let resolve!: () => void;
      caughtUp = { promise: new Promise<void>((settle) => { resolve = settle; }), resolve };
    }
    return caughtUp.promise;
  };
  try {
    // The events before it first: the view shows the Task that waits, then its token.
    const tokens = new RunTaskTokens((waiting) => {
      // A Task waiting for its token's answer waits for the parent: the channel keeps the process alive.
      if (waiting.length) process.channel?.ref();
      else process.channel?.unref();
      batches.flush();
      send({ type: 'tokens', waiting });
    });
    const { execution, done } = startHere(interpreter, request, (event) => {
      // Each event is serialized once, for the parent and for the watchdog (the events not sent yet, see watchdog.ts).
      const json = JSON.stringify(event);
      batches.push({ json, id: event.id, timestamp: event.timestamp });
      if (!watchdog.addUnsent(json)) batches.flush();
    }, undefined, watchdog.onStateWork, tokens, eventsBacklog);
    send({ type: 'started', executionArn: execution.executionArn, name: execution.name });
    started = true;
    for (const batch of held.splice(0)) sendEvents(batch);
    process.on('message', (message: ToProcess) => {
      if (message === 'stop') execution.stop();
      else if (message.type === 'answer') tokens.answer(message.taskToken, message.answer);
    });
    void done.then((finished) => {
      batches.flush();
      // The parent ends this process once it has the outcome, before any exit handler could save the code.
      codeCompiled();
      const { input, ...outcome } = finished.outcome;
      send({ type: 'done', finished: { ...finished, outcome } });
    });
  } catch (error) {
    send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
