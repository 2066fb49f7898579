import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorsOf, issuesOf, machineOf, summary } from './helpers';
import { refusesRun } from '../../../server/src/core/validation';

test('top-level required fields, listed as AWS lists them', () => {
  assert.deepEqual(summary(errorsOf({})), [{ path: '', part: 'value', message: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States, StartAt] at /' }]);
  assert.deepEqual(summary(errorsOf({ States: { A: { Type: 'Succeed' } } })), [{ path: '', part: 'value', message: 'SCHEMA_VALIDATION_FAILED: These fields are required: [StartAt] at /' }]);
});

test('a definition that is not an object', () => {
  assert.deepEqual(summary(errorsOf([1])), [{ path: '', part: 'value', message: 'SCHEMA_VALIDATION_FAILED: The definition must be a JSON object at /' }]);
});

test('unknown fields point at the key, with did-you-mean data', () => {
  const issues = errorsOf({ StartAt: 'S', Comments: 'x', States: { S: { Type: 'Pass', End: true, ResultPth: '$.x' } } });
  assert.deepEqual(summary(issues), [
    { path: 'Comments', part: 'key', message: "SCHEMA_VALIDATION_FAILED: Field 'Comments' is not supported (did you mean 'Comment'?) at /" },
    { path: 'States/S/ResultPth', part: 'key', message: "SCHEMA_VALIDATION_FAILED: Field 'ResultPth' is not supported (did you mean 'ResultPath'?) at /States/S" },
  ]);
  assert.deepEqual(issues[1].data, { state: 'S', field: 'ResultPth', suggestion: 'ResultPath' });
  assert.equal(issues[1].code, 'unknown-field');
});

test('fields a state type does not support (Next on Succeed, TimeoutSeconds on Map, Retry on Pass)', () => {
  const issues = errorsOf({
    StartAt: 'M',
    States: {
      M: { Type: 'Map', TimeoutSeconds: 5, ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true, Retry: [] } } }, Next: 'Done' },
      Done: { Type: 'Succeed', Next: 'M' },
    },
  });
  assert.deepEqual(summary(issues).map(({ path, message }) => ({ path, message })), [
    { path: 'States/M/TimeoutSeconds', message: "SCHEMA_VALIDATION_FAILED: Field 'TimeoutSeconds' is not supported at /States/M" },
    { path: 'States/Done/Next', message: "SCHEMA_VALIDATION_FAILED: Field 'Next' is not supported at /States/Done" },
    { path: 'States/M/ItemProcessor/States/P/Retry', message: "SCHEMA_VALIDATION_FAILED: Field 'Retry' is not supported at /States/M/ItemProcessor/States/P" },
  ]);
});

test('wrong types, enum values and ranges', () => {
  const issues = errorsOf({
    StartAt: 'T',
    States: {
      T: {
        Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:1:function:f', TimeoutSeconds: 0, HeartbeatSeconds: '5',
        Retry: [{ ErrorEquals: [], BackoffRate: 0.5, MaxAttempts: -1, IntervalSeconds: 1.5, JitterStrategy: 'Full' }],
        End: true,
      },
    },
  });
  assert.deepEqual(summary(issues).map(({ path, message }) => ({ path, message })), [
    { path: 'States/T/TimeoutSeconds', message: "SCHEMA_VALIDATION_FAILED: The value of field 'TimeoutSeconds' must be greater than or equal to 1 at /States/T/TimeoutSeconds" },
    { path: 'States/T/HeartbeatSeconds', message: "SCHEMA_VALIDATION_FAILED: The value of field 'HeartbeatSeconds' must be an integer at /States/T/HeartbeatSeconds" },
    { path: 'States/T/Retry/0/ErrorEquals', message: "SCHEMA_VALIDATION_FAILED: The field 'ErrorEquals' must have at least 1 item at /States/T/Retry[0]/ErrorEquals" },
    { path: 'States/T/Retry/0/BackoffRate', message: "SCHEMA_VALIDATION_FAILED: The value of field 'BackoffRate' must be greater than or equal to 1 at /States/T/Retry[0]/BackoffRate" },
    { path: 'States/T/Retry/0/MaxAttempts', message: "SCHEMA_VALIDATION_FAILED: The value of field 'MaxAttempts' must be greater than or equal to 0 at /States/T/Retry[0]/MaxAttempts" },
    { path: 'States/T/Retry/0/IntervalSeconds', message: "SCHEMA_VALIDATION_FAILED: The value of field 'IntervalSeconds' must be an integer at /States/T/Retry[0]/IntervalSeconds" },
    { path: 'States/T/Retry/0/JitterStrategy', message: "SCHEMA_VALIDATION_FAILED: The value of field 'JitterStrategy' must be one of: FULL, NONE (did you mean 'FULL'?) at /States/T/Retry[0]/JitterStrategy" },
  ]);
});

test('an unknown state Type suggests the closest one; a missing Type is required', () => {
  assert.deepEqual(summary(errorsOf(machineOf({ Type: 'Paas', End: true }))), [
    { path: 'States/S/Type', part: 'value', message: "SCHEMA_VALIDATION_FAILED: Invalid State Type 'Paas'. The value must be one of: Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map (did you mean 'Pass'?) at /States/S/Type" },
  ]);
  assert.deepEqual(summary(errorsOf(machineOf({ End: true }))), [
    { path: 'States/S', part: 'key', message: "SCHEMA_VALIDATION_FAILED: The field 'Type' is required but was missing at /States/S" },
  ]);
});

test('fields of the other query language, with the state language inherited by nested machines', () => {
  const issues = errorsOf({
    QueryLanguage: 'JSONata', StartAt: 'P',
    States: {
      P: { Type: 'Pass', Parameters: { a: 1 }, ResultPath: '$.x', Next: 'Old' },
      Old: { Type: 'Pass', QueryLanguage: 'JSONPath', Output: {}, End: true },
    },
  });
  assert.deepEqual(summary(issues), [
    { path: 'States/P/Parameters', part: 'key', message: "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'Parameters' is only supported for the 'JSONPath' QueryLanguage at /States/P" },
    { path: 'States/P/ResultPath', part: 'key', message: "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'ResultPath' is only supported for the 'JSONPath' QueryLanguage at /States/P" },
    { path: 'States/Old/Output', part: 'key', message: "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage at /States/Old" },
    { path: 'States/Old/QueryLanguage', part: 'value', message: "SCHEMA_VALIDATION_FAILED: 'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine at /States/Old" },
  ]);
  assert.equal(issues[0].code, 'other-query-language-field');
});

test('ItemProcessor cannot declare QueryLanguage', () => {
  const issues = errorsOf(machineOf({ Type: 'Map', ItemProcessor: { QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true }));
  assert.deepEqual(summary(issues), [
    { path: 'States/S/ItemProcessor/QueryLanguage', part: 'key', message: "SCHEMA_VALIDATION_FAILED: Field 'QueryLanguage' is not supported at /States/S/ItemProcessor" },
  ]);
});

test('JSONata expressions are accepted where a number goes, only in JSONata states', () => {
  assert.deepEqual(errorsOf(machineOf({ Type: 'Wait', Seconds: '{% 3 %}', End: true }, 'JSONata')), []);
  assert.deepEqual(summary(errorsOf(machineOf({ Type: 'Wait', Seconds: '{% 3 %}', End: true }))).map(({ message }) => message), [
    "SCHEMA_VALIDATION_FAILED: The value of field 'Seconds' must be an integer at /States/S/Seconds",
  ]);
});

test('Credentials require RoleArn and, as on AWS, nothing else is refused (AWS message)', () => {
  assert.deepEqual(summary(errorsOf(machineOf({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Credentials: { Role: 'x' }, End: true }))).map(({ message }) => message), [
    "SCHEMA_VALIDATION_FAILED: The field 'RoleArn' is required but was missing at /States/S/Credentials",
  ]);
  assert.deepEqual(errorsOf(machineOf({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Credentials: { RoleArn: 'arn:aws:iam::1:role/r', Other: 1 }, End: true })), []);
});

test('placeholders are neither wrong types nor unknown values; one where a run needs another type refuses a local run', () => {
  const issues = issuesOf(machineOf({ Type: 'Task', Resource: { 'Fn::GetAtt': ['F', 'Arn'] }, TimeoutSeconds: '${Timeout}', Comment: '${Note}', End: true }));
  assert.deepEqual(summary(issues), [
    { path: 'States/S/Comment', part: 'value', message: 'Template placeholder: its value is known only at deployment at /States/S/Comment' },
    { path: 'States/S/Resource', part: 'value', message: 'Template placeholder: a local run needs a string here, which only the deployment supplies at /States/S/Resource' },
    { path: 'States/S/TimeoutSeconds', part: 'value', message: 'Template placeholder: a local run needs an integer here, which only the deployment supplies at /States/S/TimeoutSeconds' },
  ]);
  assert.ok(issues.every((issue) => issue.severity === 'information'));
  assert.deepEqual(issues.filter(refusesRun).map((issue) => issue.path.join('/')), ['States/S/Resource', 'States/S/TimeoutSeconds']);
});

test('names of Object.prototype members are plain text: a Type, a Choice operator, an integration service', () => {
  const messages = (definition: unknown) => summary(errorsOf(definition)).map(({ path, message }) => [path, message.split(' at /')[0]]);
  assert.deepEqual(messages({ StartAt: 'A', States: { A: { Type: 'constructor', End: true } } }), [
    ['States/A/Type', 'SCHEMA_VALIDATION_FAILED: Invalid State Type \'constructor\'. The value must be one of: Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map'],
  ]);
  assert.deepEqual(messages({ StartAt: 'A', States: { A: { Type: 'Task', Resource: 'arn:aws:states:::constructor:x', End: true } } }), []);
  const choice = { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.a', toString: 1, Next: 'D' }], Default: 'D' }, D: { Type: 'Succeed' } } };
  assert.ok(messages(choice).length > 0, 'toString is no comparison operator');
});
