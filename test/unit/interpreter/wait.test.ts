import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execute, single } from './helpers';

// The timeout only stops a test that really waits an hour; nothing here measures time.
test('Wait Seconds advances the virtual clock without waiting', { timeout: 60_000 }, async () => {
  const result = await execute(single({ Type: 'Wait', Seconds: 3600 }));
  const [entered, exited] = result.events.filter((e) => e.type.startsWith('Wait'));
  assert.equal(Date.parse(exited.timestamp) - Date.parse(entered.timestamp) >= 3_600_000, true);
});

test('Wait SecondsPath validation messages', async () => {
  const definition = single({ Type: 'Wait', SecondsPath: '$.s' });
  assert.equal((await execute(definition, { s: -1 })).cause, "An error occurred while executing the state 'S' (entered at the event id #2). The SecondsPath parameter references a negative value: $.s == -1");
  assert.equal((await execute(definition, { s: 1.5 })).cause, "An error occurred while executing the state 'S' (entered at the event id #2). The SecondsPath parameter cannot be parsed as a long value: $.s == 1.5");
  assert.equal((await execute(definition, {})).cause, "An error occurred while executing the state 'S' (entered at the event id #2). The SecondsPath parameter does not reference an input value: $.s");
});

test('a SecondsPath beyond 2^31 - 1 seconds fails as a timestamp that far does, and a clock run past the last date stops there', async () => {
  // Found by the property test: 4e15 s ran the clock past what a Date holds, and writing a timestamp threw.
  const tooLong = await execute(single({ Type: 'Wait', SecondsPath: '$.s' }), { s: 4061992787581900 });
  assert.deepEqual([tooLong.status, tooLong.error, tooLong.cause], ['FAILED', 'States.Runtime', "An error occurred while executing the state 'S' (entered at the event id #2). Wait state delay is too long."]);
  assert.equal((await execute(single({ Type: 'Wait', SecondsPath: '$.s' }), { s: 2 ** 31 - 1 })).status, 'SUCCEEDED');
  // 5,000 waits of 68 years each reach past the year 275760.
  const loop = {
    StartAt: 'W',
    States: {
      W: { Type: 'Wait', SecondsPath: '$.s', Next: 'Again' },
      Again: { Type: 'Choice', Choices: [{ Variable: '$.stop', IsPresent: true, Next: 'Done' }], Default: 'W' },
      Done: { Type: 'Succeed' },
    },
  };
  const endless = await execute(loop, { s: 2 ** 31 - 1 });
  assert.equal(endless.status, 'FAILED');
  assert.equal(endless.events.at(-1)!.type, 'ExecutionFailed');
});

test('Wait TimestampPath requires an ISO-8601 offset date-time', async () => {
  const result = await execute(single({ Type: 'Wait', TimestampPath: '$.t' }), { t: '2016-12-05 21:29:29Z' });
  assert.equal(result.error, 'States.Runtime');
  assert.match(result.cause!, /The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: \$\.t == 2016-12-05 21:29:29Z$/);
  const past = await execute(single({ Type: 'Wait', TimestampPath: '$.t' }), { t: '2016-12-05T21:29:29Z' });
  assert.equal(past.status, 'SUCCEEDED');
});

test('a Wait of the only line of control ends without a turn of the event loop, its clock an hour on; a timeout due first still ends the run', async () => {
  let turned = false;
  setImmediate(() => { turned = true; });
  const result = await execute({
    StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, Next: 'Again' }, Again: { Type: 'Wait', Seconds: 60, End: true } },
  });
  assert.equal(turned, false, 'the execution let the event loop turn');
  const [entered, , secondEntered] = result.events.filter((e) => e.type.startsWith('Wait'));
  assert.equal(Date.parse(secondEntered.timestamp) - Date.parse(entered.timestamp) >= 3_600_000, true);
  assert.equal(Date.parse(result.stopDate) - Date.parse(result.startDate) >= 3_660_000, true);
  const timedOut = await execute({
    StartAt: 'W', TimeoutSeconds: 3650, States: { W: { Type: 'Wait', Seconds: 3600, Next: 'Again' }, Again: { Type: 'Wait', Seconds: 60, End: true } },
  });
  assert.deepEqual([timedOut.status, timedOut.events.at(-2)!.type], ['TIMED_OUT', 'WaitStateEntered']);
});

test('waits in parallel branches overlap on the virtual clock', async () => {
  const result = await execute(single({
    Type: 'Parallel',
    Branches: [1, 2].map((s) => ({ StartAt: `W${s}`, States: { [`W${s}`]: { Type: 'Wait', Seconds: s * 10, End: true } } })),
  }));
  const span = Date.parse(result.stopDate) - Date.parse(result.startDate);
  assert.ok(span >= 20_000 && span < 29_000, `span ${span}`);
});

test('the machine TimeoutSeconds ends a long wait as TIMED_OUT', async () => {
  const result = await execute(single({ Type: 'Wait', Seconds: 100 }, { TimeoutSeconds: 5 }));
  assert.equal(result.status, 'TIMED_OUT');
  assert.equal(result.events.at(-1)!.type, 'ExecutionTimedOut');
});

test('a real-time Wait longer than setTimeout can wait (24.8 days) is several timers, not one that fires at once', async () => {
  const { compileStateMachine } = await import('../../../server/src/core/interpreter/index.js');
  const delays: number[] = [];
  const realSetTimeout = globalThis.setTimeout;
  // Recorded, never fired: the execution keeps waiting until it is stopped.
  globalThis.setTimeout = ((_: () => void, ms: number) => { delays.push(ms); return realSetTimeout(() => undefined, 0); }) as typeof setTimeout;
  try {
    const execution = compileStateMachine(single({ Type: 'Wait', Seconds: 30 * 24 * 3600 })).start({ input: {}, clock: 'real' });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(delays.filter((ms) => ms > 1000), [2 ** 31 - 1]);
    execution.stop();
    assert.equal((await execution.done).status, 'ABORTED');
  } finally {
    globalThis.setTimeout = realSetTimeout;
  }
});

test('history timestamps read as Date writes them, for any instant a Date holds', async () => {
  const { isoTimestamp } = await import('../../../server/src/core/interpreter/timestamps.js');
  const fc = await import('fast-check');
  // Within a second, across seconds and days, before 1970, the first and last instants, fractions of a millisecond.
  for (const ms of [0, -1, 999, 1000, 1.5, -0.5, 86_399_999, 951_782_400_000, 253_402_300_800_000, -62_167_219_200_001, 8.64e15, -8.64e15]) {
    assert.equal(isoTimestamp(ms), new Date(ms).toISOString(), `at ${ms}`);
  }
  fc.assert(fc.property(fc.double({ min: -8.64e15, max: 8.64e15, noNaN: true }), (ms) => isoTimestamp(ms) === new Date(ms).toISOString()));
});
