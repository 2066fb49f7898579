import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorsOf, issuesOf, machineOf, summary } from './helpers';

const pass = (output: unknown) => machineOf({ Type: 'Pass', Output: output, End: true }, 'JSONata');

test('a syntax error points at the faulty token inside the string', () => {
  assert.deepEqual(summary(errorsOf(pass({ a: '{% $states.input.x + %}', b: '{% "abc %}' }))), [
    { path: 'States/S/Output/a', part: 'value', message: 'INVALID_JSONATA_EXPRESSION: Invalid JSONata expression: Unexpected end of expression at /States/S/Output/a', offset: 20, length: 1 },
    { path: 'States/S/Output/b', part: 'value', message: 'INVALID_JSONATA_EXPRESSION: Invalid JSONata expression: String literal must be terminated by a matching quote at /States/S/Output/b', offset: 7, length: 1 },
  ]);
});

test('unknown functions, with did you mean; $eval is unavailable; AWS functions and local lambdas are known', () => {
  const issues = errorsOf(pass({
    a: '{% $uppercas("x") %}',
    b: '{% $eval("1 + 1") %}',
    c: '{% $partition([1,2], 1) ~> $count %}',
    d: '{% ($double := function($v) { $v * 2 }; $double(2)) %}',
    e: '{% $map([1], $string) %}',
  }));
  assert.deepEqual(summary(issues), [
    { path: 'States/S/Output/a', part: 'value', message: "INVALID_JSONATA_EXPRESSION: Unknown JSONata function '$uppercas' (did you mean '$uppercase'?) at /States/S/Output/a", offset: 3, length: 9 },
    { path: 'States/S/Output/b', part: 'value', message: 'UNSUPPORTED_JSONATA_EXPRESSION: The JSONata function $eval is not supported in Step Functions at /States/S/Output/b', offset: 3, length: 5 },
  ]);
  assert.deepEqual(issues[0].data, { name: 'uppercas', suggestion: 'uppercase' });
  assert.equal(issues[0].code, 'unknown-function');
});

test('$states has four fields; a bare name at the top level is refused as AWS refuses it', () => {
  assert.deepEqual(summary(errorsOf(pass({ a: '{% $states.inputs.x %}', b: '{% phone %}', c: '{% $states.context.Execution.Id & $states.input[0] %}' }))), [
    { path: 'States/S/Output/a', part: 'value', message: "INVALID_JSONATA_EXPRESSION: '$states.inputs' does not exist: $states has input, result, errorOutput and context (did you mean 'input'?) at /States/S/Output/a", offset: 11, length: 6 },
    { path: 'States/S/Output/b', part: 'value', message: "UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'phone' at the top level is not supported. at /States/S/Output/b", offset: 3, length: 5 },
  ]);
});

test('expressions are checked in every JSONata field, and only in JSONata states', () => {
  const definition = {
    QueryLanguage: 'JSONata', StartAt: 'T',
    States: {
      T: {
        Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { Payload: '{% $states.input. %}' }, TimeoutSeconds: '{% 1 + %}',
        Catch: [{ ErrorEquals: ['States.ALL'], Output: '{% $nope() %}', Next: 'Done' }], Next: 'Done',
      },
      Done: { Type: 'Succeed', Output: { a: '{% ( %}' } },
    },
  };
  assert.deepEqual(summary(errorsOf(definition)).map(({ path }) => path), ['States/T/Arguments/Payload', 'States/T/TimeoutSeconds', 'States/T/Catch/0/Output', 'States/Done/Output/a']);
  const jsonPathState = machineOf({ Type: 'Pass', Result: '{% not ( checked %}', End: true });
  assert.deepEqual(issuesOf(jsonPathState), []);
});

test('$states.errorOutput exists only in a catcher', () => {
  const definition = {
    QueryLanguage: 'JSONata', StartAt: 'T',
    States: {
      T: {
        Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Output: '{% $states.errorOutput %}',
        Catch: [{ ErrorEquals: ['States.ALL'], Output: '{% $states.errorOutput %}', Assign: { cause: '{% $states.errorOutput.Cause %}' }, Next: 'Done' }], Next: 'Done',
      },
      Done: { Type: 'Succeed', Output: '{% $cause %}' },
    },
  };
  assert.deepEqual(summary(errorsOf(definition)), [
    { path: 'States/T/Output', part: 'value', message: "INVALID_JSONATA_EXPRESSION: '$states.errorOutput' is only available in the Output and Assign of a Catch at /States/T/Output", offset: 11, length: 11 },
  ]);
});
