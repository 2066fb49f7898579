import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorsOf, issuesOf, summary, warningsOf } from './helpers';

test('targets that name no state, with did you mean, at every kind of reference', () => {
  const issues = errorsOf({
    StartAt: 'Start',
    States: {
      Start: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:1:function:f', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Fial' }], Next: 'Chose' },
      Choose: { Type: 'Choice', Choices: [{ Variable: '$.a', IsNull: true, Next: 'Nowhere' }], Default: 'Don' },
      Done: { Type: 'Succeed' },
      Fail: { Type: 'Fail' },
    },
  });
  assert.deepEqual(summary(issues), [
    { path: 'States/Start/Next', part: 'value', message: "MISSING_TRANSITION_TARGET: Missing 'Next' target: Chose (did you mean 'Choose'?) at /States/Start/Next" },
    { path: 'States/Start/Catch/0/Next', part: 'value', message: "MISSING_TRANSITION_TARGET: Missing 'Next' target: Fial (did you mean 'Fail'?) at /States/Start/Catch[0]/Next" },
    { path: 'States/Choose/Default', part: 'value', message: "MISSING_TRANSITION_TARGET: Missing 'Next' target: Don (did you mean 'Done'?) at /States/Choose/Default" },
    { path: 'States/Choose/Choices/0/Next', part: 'value', message: "MISSING_TRANSITION_TARGET: Missing 'Next' target: Nowhere at /States/Choose/Choices[0]/Next" },
  ]);
  assert.equal(issues[0].code, 'unknown-target');
  assert.deepEqual(issues[0].data, { target: 'Chose', suggestion: 'Choose' });
});

test('StartAt naming no state; a transition out of a Parallel branch', () => {
  assert.deepEqual(summary(errorsOf({ StartAt: 'Frist', States: { First: { Type: 'Succeed' } } })), [
    { path: 'StartAt', part: 'value', message: "MISSING_TRANSITION_TARGET: Missing 'StartAt' target: Frist (did you mean 'First'?) at /StartAt" },
  ]);
  const issues = errorsOf({
    StartAt: 'P',
    States: {
      P: { Type: 'Parallel', Branches: [{ StartAt: 'Inner', States: { Inner: { Type: 'Pass', Next: 'Outside' } } }], Next: 'Outside' },
      Outside: { Type: 'Succeed' },
    },
  });
  assert.deepEqual(summary(issues).map(({ path, message }) => ({ path, message })), [
    { path: 'States/P/Branches/0/States/Inner/Next', message: "MISSING_TRANSITION_TARGET: Missing 'Next' target: Outside (that state is in another machine: transitions cannot leave a Parallel branch or a Map processor) at /States/P/Branches[0]/States/Inner/Next" },
  ]);
});

test('a loop nothing enters is unreachable; a machine without terminal state says only that', () => {
  const loop = { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } };
  assert.deepEqual(summary(errorsOf({ StartAt: 'Start', States: { Start: { Type: 'Succeed' }, ...loop } })).map(({ message }) => message), [
    'MISSING_TRANSITION_TARGET: State "A" is not reachable. at /States/A',
    'MISSING_TRANSITION_TARGET: State "B" is not reachable. at /States/B',
  ]);
  assert.deepEqual(summary(errorsOf({ StartAt: 'A', States: { ...loop, C: { Type: 'Pass', Next: 'A' } } })), [
    { path: 'StartAt', part: 'value', message: 'MISSING_END_STATE: Workflow has no terminal state at /' },
  ]);
});

test('one typo gets one error: no "no terminal state", unreachable state or missing Next follows from it', () => {
  const afterTypo = (states: Record<string, unknown>) => errorsOf({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, ...states } }).map(({ message }) => message);
  assert.deepEqual(afterTypo({ B: { Type: 'Succed' } }), [
    "SCHEMA_VALIDATION_FAILED: Invalid State Type 'Succed'. The value must be one of: Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map (did you mean 'Succeed'?) at /States/B/Type",
  ]);
  assert.deepEqual(afterTypo({ B: {} }), ["SCHEMA_VALIDATION_FAILED: The field 'Type' is required but was missing at /States/B"]);
  assert.deepEqual(afterTypo({ B: { Type: 'Pass', Ed: true } }), ["SCHEMA_VALIDATION_FAILED: Field 'Ed' is not supported (did you mean 'End'?) at /States/B"]);
  assert.deepEqual(afterTypo({ B: { Type: 'Pass', End: 'true' } }), ["SCHEMA_VALIDATION_FAILED: The value of field 'End' must be a boolean at /States/B/End"]);
  assert.deepEqual(afterTypo({ B: { Type: 'Parallel', Branches: [{ StartAt: 'X', States: { X: { Type: 'Sucseed' } } }], End: true } }), [
    "SCHEMA_VALIDATION_FAILED: Invalid State Type 'Sucseed'. The value must be one of: Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map (did you mean 'Succeed'?) at /States/B/Branches[0]/States/X/Type",
  ]);
  const misspeltNext = (a: Record<string, unknown>) => errorsOf({ StartAt: 'A', States: { A: a, B: { Type: 'Succeed' } } }).map(({ message }) => message);
  assert.deepEqual(misspeltNext({ Type: 'Pass', Next: 'b' }), ["MISSING_TRANSITION_TARGET: Missing 'Next' target: b (did you mean 'B'?) at /States/A/Next"]);
  assert.deepEqual(misspeltNext({ Type: 'Pass', Nxt: 'B' }), ["SCHEMA_VALIDATION_FAILED: Field 'Nxt' is not supported (did you mean 'Next'?) at /States/A"]);
  assert.deepEqual(misspeltNext({ Type: 'Choice', Choices: [{ Variable: '$.x', IsNull: true, Next: 'A' }], Defualt: 'B' }), [
    "SCHEMA_VALIDATION_FAILED: Field 'Defualt' is not supported (did you mean 'Default'?) at /States/A",
  ]);
  assert.deepEqual(misspeltNext({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true, Catch: [{ ErrorEquals: ['States.ALL'], Nxt: 'B' }] }), [
    "SCHEMA_VALIDATION_FAILED: Field 'Nxt' is not supported (did you mean 'Next'?) at /States/A/Catch[0]",
  ]);
});

test('a reachable loop with no way out is a warning on each of its states', () => {
  const definition = {
    StartAt: 'Check',
    States: {
      Check: { Type: 'Choice', Choices: [{ Variable: '$.done', BooleanEquals: true, Next: 'Done' }], Default: 'Spin' },
      Spin: { Type: 'Wait', Seconds: 1, Next: 'Again' },
      Again: { Type: 'Pass', Next: 'Spin' },
      Done: { Type: 'Succeed' },
    },
  };
  assert.deepEqual(errorsOf(definition), []);
  assert.deepEqual(summary(warningsOf(definition)).map(({ path }) => path).sort(), ['States/Again', 'States/Spin']);
});

test('Next and End together, or neither', () => {
  const issues = errorsOf({
    StartAt: 'Both',
    States: { Both: { Type: 'Pass', Next: 'Neither', End: true }, Neither: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:1:function:f' } },
  });
  assert.deepEqual(summary(issues), [
    { path: 'States/Both/End', part: 'key', message: "SCHEMA_VALIDATION_FAILED: State 'Both' has both 'Next' and 'End': a state either transitions or ends at /States/Both" },
    { path: 'States/Neither', part: 'key', message: "SCHEMA_VALIDATION_FAILED: State 'Neither' must have either 'Next' or 'End': true at /States/Neither" },
  ]);
  assert.equal(issues[0].code, 'next-and-end');
  assert.equal(issues[1].code, 'missing-transition');
});

test('state names: unique in the whole definition, at most 80 characters', () => {
  const long = 'x'.repeat(81);
  const issues = errorsOf({
    StartAt: 'P',
    States: {
      P: { Type: 'Parallel', Branches: [{ StartAt: 'P', States: { P: { Type: 'Succeed' } } }], Next: long },
      [long]: { Type: 'Succeed' },
    },
  });
  assert.deepEqual(summary(issues), [
    { path: 'States/P/Branches/0/States/P', part: 'key', message: 'DUPLICATE_STATE_NAME: Duplicate State name: P at /States/P/Branches[0]/States/P' },
    { path: `States/${long}`, part: 'key', message: `INVALID_STATE_NAME: State name 'xxxxxxxxxxxxxxxxxxxx…' is 81 characters long; the limit is 80 at /States/${long}` },
  ]);
});

test('a placeholder target is not checked, and leaves reachability open', () => {
  const definition = { StartAt: 'A', States: { A: { Type: 'Pass', Next: '${Target}' }, B: { Type: 'Succeed' } } };
  assert.deepEqual(errorsOf(definition), []);
  assert.deepEqual(summary(issuesOf(definition)).map(({ path, message }) => [path, message]), [
    ['States/A/Next', "Template placeholder: a local run needs a state's name here, which only the deployment supplies at /States/A/Next"],
  ]);
});

test('a placeholder state Type is not judged', () => {
  assert.deepEqual(errorsOf({ StartAt: 'A', States: { A: { Type: '${StateType}', Anything: 1, End: true } } }), []);
});
