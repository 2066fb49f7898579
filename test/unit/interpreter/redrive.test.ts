// Redrive as a start mode of the interpreter: a run continues a previous run's history.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { compileStateMachine, type HistoryEvent, type TaskResolver } from '../../../server/src/core/interpreter/index';

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

/**
 * A resolver that counts each Task state's invocations across runs and answers from `script`: a state's
 * outcomes by invocation (the last one repeats), its input when it has none.
 */
function scripted(script: Record<string, ({ result: unknown } | { error: string })[]>) {
  const calls: Record<string, unknown[]> = {};
  const resolver: TaskResolver = {
    resolve({ stateName, input }) {
      const made = (calls[stateName] ??= []);
      made.push(input);
      const outcomes = script[stateName];
      return outcomes ? outcomes[Math.min(made.length - 1, outcomes.length - 1)] : { result: input };
    },
  };
  return { resolver, calls };
}

const enteredNames = (events: readonly HistoryEvent[]) => events.filter((event) => event.stateEnteredEventDetails).map((event) => (event.stateEnteredEventDetails as { name: string }).name);
const task = (name: string, next?: string) => ({ [name]: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ...(next ? { Next: next } : { End: true }) } });

test('a redriven Parallel runs again only its failed and aborted branches, from where they stopped; the succeeded branch keeps its output', async () => {
  const parallel = compileStateMachine({
    StartAt: 'Fan',
    States: {
      Fan: {
        Type: 'Parallel', Next: 'After',
        Branches: [
          { StartAt: 'Left', States: task('Left') },
          { StartAt: 'Pause', States: { Pause: { Type: 'Wait', Seconds: 1, Next: 'Right' }, ...task('Right') } },
          { StartAt: 'Slow', States: { Slow: { Type: 'Wait', Seconds: 5, Next: 'Late' }, ...task('Late') } },
        ],
      },
      After: { Type: 'Pass', Parameters: { 'all.$': '$', 'redriveCount.$': '$$.Execution.RedriveCount' }, End: true },
    },
  });
  const { resolver, calls } = scripted({ Left: [{ result: 'left' }], Right: [{ error: 'Busy' }, { result: 'right' }], Late: [{ result: 'late' }] });
  const first = await parallel.start({ input: { order: 1 }, name: 'fan', taskResolvers: [resolver] }).done;
  assert.deepEqual([first.status, first.error], ['FAILED', 'Busy']);
  assert.ok(first.events.some((event) => event.type === 'WaitStateAborted'), 'the third branch was aborted in its Wait');

  const second = await parallel.start({ input: { order: 1 }, name: 'fan', taskResolvers: [resolver], redrive: { history: first.events, redriveCount: 1 } }).done;
  assert.equal(second.status, 'SUCCEEDED');
  assert.deepEqual(second.output, { all: ['left', 'right', 'late'], redriveCount: 1 });
  assert.deepEqual(Object.fromEntries(Object.entries(calls).map(([name, made]) => [name, made.length])), { Left: 1, Right: 2, Late: 1 });
  assert.deepEqual(calls.Right[1], { order: 1 }, 'the failed Task runs again with the input it had');
  assert.deepEqual(enteredNames(second.events), ['Fan', 'Right', 'Slow', 'Late', 'After'],
    'Left succeeded and Pause exited: neither is run again; the aborted Slow is');
  assert.deepEqual(second.events.map((event) => event.id), second.events.map((_, index) => first.events.length + index + 1));
  const started = second.events.find((event) => event.type === 'ParallelStateStarted')!;
  const branchFirsts = second.events.filter((event) => event.previousEventId === started.id).map((event) => (event.stateEnteredEventDetails as { name: string }).name);
  assert.deepEqual(branchFirsts.sort(), ['Right', 'Slow'], 'each redriven branch starts after ParallelStateStarted');
});

test('a redriven inline Map runs again only its failed and unstarted iterations; the others\' results stay in place', async () => {
  const map = compileStateMachine({
    QueryLanguage: 'JSONata',
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map', Items: '{% $states.input.items %}', MaxConcurrency: 1, End: true,
        ItemProcessor: { StartAt: 'Work', States: { ...task('Work') } },
      },
    },
  });
  // Item "b" fails twice: the first redrive fails again, the second one succeeds.
  const attempts: Record<string, number> = {};
  const resolver: TaskResolver = {
    resolve({ input }) {
      const item = input as string;
      attempts[item] = (attempts[item] ?? 0) + 1;
      return item === 'b' && attempts[item] < 3 ? { error: 'Busy' } : { result: item.toUpperCase() };
    },
  };
  const start = (history?: HistoryEvent[], redriveCount = 0) => map.start({
    input: { items: ['a', 'b', 'c'] }, taskResolvers: [resolver], ...(history ? { redrive: { history, redriveCount } } : {}),
  }).done;
  const first = await start();
  const second = await start(first.events, 1);
  const third = await start([...first.events, ...second.events], 2);
  assert.deepEqual([first.status, second.status, third.status], ['FAILED', 'FAILED', 'SUCCEEDED']);
  assert.deepEqual(third.output, ['A', 'B', 'C']);
  assert.deepEqual(attempts, { a: 1, b: 3, c: 1 }, 'a succeeded in the first run: it is not run again');
  const indices = (events: HistoryEvent[]) => events.filter((event) => event.type === 'MapIterationStarted').map((event) => (event.mapIterationStartedEventDetails as { index: number }).index);
  assert.deepEqual([indices(first.events), indices(second.events), indices(third.events)], [[0, 1], [1], [1, 2]], 'one at a time: c starts once b succeeds');
  assert.deepEqual(second.events.find((event) => event.type === 'MapStateStarted')!.mapStateStartedEventDetails, { length: 3 });
});

test('a redrive resumes inside nested states: the failed iteration of a Map in a Parallel branch, nothing else', async () => {
  const nested = compileStateMachine({
    StartAt: 'Outer',
    States: {
      Outer: {
        Type: 'Parallel', End: true,
        Branches: [
          { StartAt: 'Side', States: task('Side') },
          {
            StartAt: 'Prepare',
            States: {
              Prepare: { Type: 'Pass', Assign: { 'factor.$': '$.factor' }, Next: 'Inner' },
              Inner: {
                Type: 'Map', ItemsPath: '$.items', End: true,
                ItemSelector: { 'value.$': '$$.Map.Item.Value', 'factor.$': '$factor' },
                ItemProcessor: { StartAt: 'Step', States: { Step: { Type: 'Pass', Next: 'Scale' }, ...task('Scale') } },
              },
            },
          },
        ],
      },
    },
  });
  const { resolver, calls } = scripted({ Side: [{ result: 'side' }] });
  let failOnce = true;
  const flaky: TaskResolver = {
    resolve: ({ stateName, input }) => {
      if (stateName !== 'Scale' || (input as { value: number }).value !== 2 || !failOnce) return undefined;
      failOnce = false;
      (calls.Scale ??= []).push(input);
      return { error: 'Busy' };
    },
  };
  const options = { input: { factor: 10, items: [1, 2, 3] }, name: 'nested', taskResolvers: [flaky, resolver] };
  const first = await nested.start(options).done;
  assert.equal(first.status, 'FAILED');
  const scaledBefore = calls.Scale.length;
  const second = await nested.start({ ...options, redrive: { history: first.events, redriveCount: 1 } }).done;
  assert.equal(second.status, 'SUCCEEDED');
  assert.deepEqual(second.output, ['side', [1, 2, 3].map((value) => ({ value, factor: 10 }))]);
  assert.equal(calls.Side.length, 1, 'the other branch is not run again');
  assert.deepEqual(calls.Scale.slice(scaledBefore), [{ value: 2, factor: 10 }], 'only the failed iteration runs again, with its input');
  assert.deepEqual(enteredNames(second.events), ['Outer', 'Inner', 'Scale'], 'Prepare and Step exited: they are not run again');
});
