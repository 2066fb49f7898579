import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execute, single, types } from './helpers';
import { compileStateMachine, type HistoryEvent } from '../../../server/src/core/interpreter';

test('Pass copies its input and records Entered/Exited', async () => {
  const result = await execute(single({ Type: 'Pass' }), { a: 1 });
  assert.equal(result.status, 'SUCCEEDED');
  assert.deepEqual(result.output, { a: 1 });
  assert.deepEqual(types(result), ['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
  // AWS's first state event follows no event (test/unit/interpreter/eventIds.test.ts).
  assert.deepEqual(result.events.map((e) => e.previousEventId), [0, 0, 2, 3]);
});

test('Pass Result is never evaluated and lands at ResultPath', async () => {
  const result = await execute(single({ Type: 'Pass', Result: { 'x.$': '$.nope' }, ResultPath: '$.r' }), { a: 1 });
  assert.deepEqual(result.output, { a: 1, r: { 'x.$': '$.nope' } });
});

test('InputPath, Parameters with .$ keys, context object and OutputPath', async () => {
  const result = await execute(single({
    Type: 'Pass', InputPath: '$.in', Parameters: { 'v.$': '$.v', 'name.$': '$$.State.Name', fixed: [1, { 'deep.$': '$.v' }] }, OutputPath: '$.fixed',
  }), { in: { v: 7 } });
  assert.deepEqual(result.output, [1, { deep: 7 }]);
});

test('ResultPath null keeps the input, OutputPath null gives {}', async () => {
  assert.deepEqual((await execute(single({ Type: 'Pass', Result: 1, ResultPath: null }), { a: 1 })).output, { a: 1 });
  assert.deepEqual((await execute(single({ Type: 'Pass', OutputPath: null }), { a: 1 })).output, {});
});

test('a missing InputPath fails with States.Runtime and AWS wording', async () => {
  const result = await execute(single({ Type: 'Pass', InputPath: '$.nope' }), {});
  assert.equal(result.status, 'FAILED');
  assert.equal(result.error, 'States.Runtime');
  assert.equal(result.cause, "An error occurred while executing the state 'S' (entered at the event id #2). Invalid path '$.nope' : No results for path: $['nope']");
});

test('a Parameters path that selects nothing names the field and the input', async () => {
  const result = await execute(single({ Type: 'Pass', Parameters: { 'v.$': '$.nope' } }), { a: 1 });
  assert.equal(result.cause, "An error occurred while executing the state 'S' (entered at the event id #2). The JSONPath '$.nope' specified for the field 'v.$' could not be found in the input '{\"a\":1}'");
});

test('wildcards on missing data give []', async () => {
  const result = await execute(single({ Type: 'Pass', Parameters: { 'v.$': '$.items[*].id' } }), { items: [] });
  assert.deepEqual(result.output, { v: [] });
});

test('Assign (JSONPath) is visible from the next state, not the same one', async () => {
  const result = await execute({
    StartAt: 'A',
    States: {
      A: { Type: 'Pass', Assign: { 'x.$': '$.v' }, Parameters: { 'v.$': '$.v' }, Next: 'B' },
      B: { Type: 'Pass', Parameters: { 'x.$': '$x' }, End: true },
    },
  }, { v: 42 });
  assert.deepEqual(result.output, { x: 42 });
  const exited = result.events.find((e) => e.type === 'PassStateExited') as unknown as { stateExitedEventDetails: { assignedVariables: Record<string, string> } };
  assert.deepEqual(exited.stateExitedEventDetails.assignedVariables, { x: '42' });
});

test('JSONata Pass: Output over $states.input, Assign with variables', async () => {
  const result = await execute({
    QueryLanguage: 'JSONata', StartAt: 'A',
    States: {
      A: { Type: 'Pass', Assign: { n: '{% $states.input.n * 2 %}' }, Next: 'B' },
      B: { Type: 'Pass', Output: { doubled: '{% $n %}', sum: '{% $sum([1,2,3]) %}' }, End: true },
    },
  }, { n: 21 });
  assert.deepEqual(result.output, { doubled: 42, sum: 6 });
});

test('a JSONata expression that returns nothing fails with States.QueryEvaluationError', async () => {
  const result = await execute(single({ Type: 'Pass', Output: { v: '{% $states.input.nope %}' } }, { QueryLanguage: 'JSONata' }), {});
  assert.equal(result.error, 'States.QueryEvaluationError');
  assert.equal(result.cause, "An error occurred while executing the state 'S' (entered at the event id #2). The JSONata expression '$states.input.nope' specified for the field 'Output/v' returned nothing (undefined).");
  assert.deepEqual(types(result), ['ExecutionStarted', 'PassStateEntered', 'EvaluationFailed', 'ExecutionFailed']);
});

test('$eval is not available in JSONata: the definition is refused', () => {
  assert.throws(() => compileStateMachine(single({ Type: 'Pass', Output: '{% $eval("1+1") %}' }, { QueryLanguage: 'JSONata' })),
    { detail: 'UNSUPPORTED_JSONATA_EXPRESSION: The JSONata function $eval is not supported in Step Functions', path: '/States/S/Output' });
});

test('a state input above 256 KiB fails with States.DataLimitExceeded', async () => {
  const result = await execute(single({ Type: 'Pass' }), { big: 'x'.repeat(300 * 1024) });
  assert.equal(result.error, 'States.DataLimitExceeded');
});

// The timeout only stops a test whose evaluation never ends; nothing here measures time.
test('an endless JSONata evaluation ends when the execution is stopped', { timeout: 60_000 }, async () => {
  const { compileStateMachine } = await import('../../../server/src/core/interpreter/index.js');
  const execution = compileStateMachine(single({ Type: 'Pass', Output: '{% ($f := function($n){ $f($n + 1) }; $f(0)) %}' }, { QueryLanguage: 'JSONata' })).start({ input: {} });
  setTimeout(() => execution.stop(), 50);
  const result = await execution.done;
  assert.equal(result.status, 'ABORTED');
});

test('keepHistory false streams every event to onEvent and keeps none (a history at AWS limits does not fit twice)', async () => {
  const streamed: HistoryEvent[] = [];
  const kept = await compileStateMachine(single({ Type: 'Pass' })).start({ input: { a: 1 }, onEvent: (event) => streamed.push(event) }).done;
  const streamedOnly: HistoryEvent[] = [];
  const result = await compileStateMachine(single({ Type: 'Pass' })).start({ input: { a: 1 }, onEvent: (event) => streamedOnly.push(event), keepHistory: false }).done;
  assert.deepEqual(result.events, []);
  assert.deepEqual(streamedOnly.map(({ id, previousEventId, type }) => [id, previousEventId, type]), kept.events.map(({ id, previousEventId, type }) => [id, previousEventId, type]));
  assert.deepEqual(streamed.length, kept.events.length);
});

test('a ResultPath that cannot be applied fails with States.Runtime, which States.ALL does not catch (decisions.md)', async () => {
  const caught = {
    StartAt: 'S',
    States: {
      // A Parallel: Pass takes no Catch, and the interpreter refuses what the validator refuses.
      S: { Type: 'Parallel', Branches: [{ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }], ResultPath: '$.a.b', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }], End: true },
      Caught: { Type: 'Succeed' },
    },
  };
  for (const input of ['text', { a: [1] }]) {
    const result = await execute(caught, input);
    assert.equal(result.status, 'FAILED', JSON.stringify(input));
    assert.equal(result.error, 'States.Runtime');
    assert.match(result.cause!, /^An error occurred while executing the state 'S' \(entered at the event id #2\)\. Invalid path '\$\.a\.b'/);
  }
});
