// StartOptions.eventsBacklog: an execution whose events' consumer is behind waits at its next pause, and goes
// on, with the same history, once the consumer caught up.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { HistoryEvent } from '../../../server/src/core/interpreter/index';
import { execute } from './helpers';

/** A 1,500-iteration loop: 3,001 states, so the execution pauses three times (every 1,000 states). */
const loop = {
  StartAt: 'Init',
  States: {
    Init: { Type: 'Pass', Result: { count: 0 }, Next: 'Increment' },
    Increment: { Type: 'Pass', Parameters: { 'count.$': 'States.MathAdd($.count, 1)' }, Next: 'Check' },
    Check: { Type: 'Choice', Choices: [{ Variable: '$.count', NumericLessThan: 1500, Next: 'Increment' }], Default: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

const turnsOfTheEventLoop = async (turns: number) => {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
};

test('an execution waits while its events are behind, and ends with the whole history once they caught up', async () => {
  const received: HistoryEvent[] = [];
  let catchUp!: () => void;
  const behind = new Promise<void>((resolve) => { catchUp = resolve; });
  let asked = 0;
  let settled = false;
  const done = execute(loop, {}, {
    keepHistory: false,
    onEvent: (event) => received.push(event),
    // Behind from the first pause on, until caught up.
    eventsBacklog: () => (++asked, settled ? undefined : behind),
  }).then((result) => { settled = true; return result; });
  await turnsOfTheEventLoop(20);
  assert.equal(asked, 1, 'the execution asked at its first pause');
  assert.equal(settled, false, 'the execution waits');
  const heldAt = received.length;
  assert.ok(heldAt > 1000 && heldAt < 6006, `${heldAt} events before the wait`);
  await turnsOfTheEventLoop(20);
  assert.equal(received.length, heldAt, 'nothing was recorded while it waited');
  catchUp();
  const result = await done;
  assert.equal(result.status, 'SUCCEEDED');
  assert.deepEqual(result.output, { count: 1500 });
  assert.equal(received.length, 6006);
  assert.deepEqual(received.map((event) => event.id), Array.from({ length: 6006 }, (_, i) => i + 1));
});
