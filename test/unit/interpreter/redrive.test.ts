// Redrive as a start mode of the interpreter: a run continues a previous run's history.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { compileStateMachine, type TaskResolver } from '../../../server/src/core/interpreter/index';

const machine = compileStateMachine({
  QueryLanguage: 'JSONata',
  StartAt: 'Count',
  States: {
    Count: { Type: 'Pass', Assign: { counted: '{% $states.input.n + 1 %}' }, Output: { n: '{% $states.input.n * 10 %}' }, Next: 'Charge' },
    Charge: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { n: '{% $states.input.n %}' }, Output: '{% $states.result %}', Next: 'Report' },
    Report: {
      Type: 'Pass', End: true,
      Output: { charged: '{% $states.input %}', counted: '{% $counted %}', context: '{% $states.context.Execution %}' },
    },
  },
});

const answering = (outcome: { result: unknown } | { error: string; cause?: string }): TaskResolver => ({ resolve: () => outcome });

test('a redrive replays what succeeded and runs again from the failed state, its events continuing the history', async () => {
  const first = await machine.start({ input: { n: 4 }, name: 'run', startTime: Date.UTC(2024, 0, 1), taskResolvers: [answering({ error: 'Busy', cause: 'try later' })] }).done;
  assert.deepEqual([first.status, first.error], ['FAILED', 'Busy']);

  const second = await machine.start({
    input: { n: 4 }, name: 'run', startTime: Date.UTC(2024, 0, 2), taskResolvers: [answering({ result: { paid: 40 } })],
    redrive: { history: first.events, redriveCount: 1 },
  }).done;
  assert.equal(second.status, 'SUCCEEDED');
  const output = second.output as { charged: unknown; counted: number; context: Record<string, unknown> };
  assert.deepEqual(output.charged, { paid: 40 });
  assert.equal(output.counted, 5, 'the variable Count assigned before the failure');
  assert.equal(output.context.RedriveCount, 1);
  assert.equal(output.context.StartTime, first.events[0].timestamp, 'StartTime stays the first start');
  assert.equal(second.startDate, first.events[0].timestamp);

  const [redriven, ...rest] = second.events;
  // The clock starts at the given time and runs on with real time: the event lands in its first moments.
  assert.match(redriven.timestamp, /^2024-01-02T00:00:0\d\.\d{3}Z$/);
  assert.equal(output.context.RedriveTime, redriven.timestamp, '$$.Execution.RedriveTime is the ExecutionRedriven event\'s time');
  assert.deepEqual(redriven, {
    id: first.events.length + 1, previousEventId: first.events.length, timestamp: redriven.timestamp, type: 'ExecutionRedriven',
    executionRedrivenEventDetails: { redriveCount: 1 },
  });
  assert.deepEqual(rest.filter((event) => event.stateEnteredEventDetails).map((event) => (event.stateEnteredEventDetails as { name: string }).name), ['Charge', 'Report']);
  assert.deepEqual(JSON.parse((rest[0].stateEnteredEventDetails as { input: string }).input), { n: 40 }, 'Charge gets the input it had');
  assert.equal(rest[0].previousEventId, redriven.id);
});

test('a redrive of a run that failed again redrives from the same state, counting redrives', async () => {
  const failing = [answering({ error: 'Busy' })];
  const first = await machine.start({ input: { n: 1 }, taskResolvers: failing }).done;
  const second = await machine.start({ input: { n: 1 }, taskResolvers: failing, redrive: { history: first.events, redriveCount: 1 } }).done;
  const third = await machine.start({
    input: { n: 1 }, taskResolvers: [answering({ result: 'ok' })], redrive: { history: [...first.events, ...second.events], redriveCount: 2 },
  }).done;
  assert.equal(second.status, 'FAILED');
  assert.equal(third.status, 'SUCCEEDED');
  assert.equal((third.output as { context: { RedriveCount: number } }).context.RedriveCount, 2);
  assert.equal(third.events[0].id, first.events.length + second.events.length + 1);
});
