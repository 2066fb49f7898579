import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execute, types } from './helpers';

test('Succeed ends with its filtered input', async () => {
  const result = await execute({ StartAt: 'S', States: { S: { Type: 'Succeed', InputPath: '$.a', OutputPath: '$.b' } } }, { a: { b: 2 } });
  assert.equal(result.output, 2);
  assert.deepEqual(types(result), ['ExecutionStarted', 'SucceedStateEntered', 'SucceedStateExited', 'ExecutionSucceeded']);
});

test('Fail: Error and Cause, or ErrorPath/CausePath with intrinsics; no Exited event', async () => {
  const fixed = await execute({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E', Cause: 'C' } } });
  assert.deepEqual([fixed.status, fixed.error, fixed.cause], ['FAILED', 'E', 'C']);
  assert.deepEqual(types(fixed), ['ExecutionStarted', 'FailStateEntered', 'ExecutionFailed']);
  const paths = await execute({ StartAt: 'F', States: { F: { Type: 'Fail', ErrorPath: '$.e', CausePath: "States.Format('bad {}', $.n)" } } }, { e: 'Oops', n: 3 });
  assert.deepEqual([paths.error, paths.cause], ['Oops', 'bad 3']);
});

test('Fail without Error or Cause ends the execution with neither', async () => {
  const result = await execute({ StartAt: 'F', States: { F: { Type: 'Fail' } } });
  assert.equal(result.status, 'FAILED');
  assert.equal(result.error, undefined);
  assert.equal(result.cause, undefined);
});

test('a missing CausePath fails with States.Runtime naming the field', async () => {
  const result = await execute({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E', CausePath: '$.nope' } } }, { a: 1 });
  assert.equal(result.error, 'States.Runtime');
  assert.equal(result.cause, "An error occurred while executing the state 'F' (entered at the event id #2). The JSONPath '$.nope' specified for the field 'CausePath' could not be found in the input '{\"a\":1}'");
});

test('JSONata Fail: Error and Cause are expressions that must give strings', async () => {
  const ok = await execute({ QueryLanguage: 'JSONata', StartAt: 'F', States: { F: { Type: 'Fail', Error: '{% $states.input.e %}', Cause: 'literal' } } }, { e: 'E1' });
  assert.deepEqual([ok.error, ok.cause], ['E1', 'literal']);
  const bad = await execute({ QueryLanguage: 'JSONata', StartAt: 'F', States: { F: { Type: 'Fail', Error: '{% 1 %}' } } });
  assert.equal(bad.error, 'States.QueryEvaluationError');
  assert.match(bad.cause!, /The JSONata expression '1' specified for the field 'Error' returned an unexpected result type. Expected 'string', but was 'number' for value: 1$/);
});
