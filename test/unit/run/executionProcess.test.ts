// An execution in a process of its own (launchInChildProcess), as the language server and the CLI start it:
// its events as objects or as the JSON text they came in, and its outcome with the input the parent sent.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { launchInChildProcess, type LaunchRequest } from '../../../server/src/execution/launch';
import type { HistoryEvent } from '../../../server/src/core/interpreter/api';

/** A Map of 600 items: 2,406 events, several batches. */
const request: LaunchRequest = {
  definition: { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } } },
  input: Array.from({ length: 600 }, (_, n) => ({ n })), stateMachineName: 'm', clock: 'virtual', host: 'cli', startTime: Date.UTC(2024, 0, 1),
};

test('an execution\'s process sends its events in order, as objects or as the JSON text of their arrays, and its outcome with the input sent to it', async () => {
  const objects: HistoryEvent[] = [];
  const launched = await launchInChildProcess()(request, (batch) => objects.push(...batch));
  const { outcome } = await launched.done;
  assert.equal(outcome.status, 'SUCCEEDED', outcome.cause);
  assert.deepEqual(outcome.input, request.input);
  assert.deepEqual(outcome.output, request.input);
  assert.deepEqual(objects.map((event) => event.id), Array.from({ length: 2406 }, (_, i) => i + 1));

  const texts: string[] = [];
  const unparsed: HistoryEvent[] = [];
  const again = await launchInChildProcess(undefined, undefined, (json) => texts.push(json))({ ...request, name: 'again' }, (batch) => unparsed.push(...batch));
  const ended = await again.done;
  assert.deepEqual(ended.outcome.input, request.input);
  assert.deepEqual(unparsed, [], 'nothing was made in the parent');
  assert.ok(texts.length > 1, `${texts.length} batches`);
  const events = texts.flatMap((json) => JSON.parse(json) as HistoryEvent[]);
  assert.deepEqual(events.map(({ timestamp, ...event }) => event), objects.map(({ timestamp, ...event }) => event));
});
