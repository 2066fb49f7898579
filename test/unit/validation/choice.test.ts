import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorsOf, summary } from './helpers';

function choiceMachine(choices: unknown[], queryLanguage?: 'JSONata') {
  return { ...(queryLanguage ? { QueryLanguage: queryLanguage } : {}), StartAt: 'C', States: { C: { Type: 'Choice', Choices: choices, Default: 'D' }, D: { Type: 'Succeed' } } };
}

test('JSONPath rules: one operator, Variable, operand types', () => {
  const issues = errorsOf(choiceMachine([
    { Variable: '$.a', Next: 'D' },
    { Variable: '$.a', StringEquals: 'x', NumericEquals: 1, Next: 'D' },
    { NumericEquals: 1, Next: 'D' },
    { Variable: '$.a', NumericEquals: '1', Next: 'D' },
    { Variable: '$.t', TimestampEquals: '2020-01-01', Next: 'D' },
    { Variable: 'a', BooleanEquals: true, Next: 'D' },
    { Variable: '$.a', StringEqualsPath: '$.b[', Next: 'D' },
    { Variable: '$.a', StringEquals: 'x' },
  ]));
  assert.deepEqual(summary(issues), [
    { path: 'States/C/Choices/0', part: 'value', message: 'SCHEMA_VALIDATION_FAILED: A choice rule needs exactly one comparison operator, or one of And, Or, Not at /States/C/Choices[0]' },
    { path: 'States/C/Choices/1/NumericEquals', part: 'key', message: "SCHEMA_VALIDATION_FAILED: A choice rule has exactly one operator: 'StringEquals' and 'NumericEquals' are both present at /States/C/Choices[1]" },
    { path: 'States/C/Choices/2', part: 'value', message: "SCHEMA_VALIDATION_FAILED: The field 'Variable' is required but was missing at /States/C/Choices[2]" },
    { path: 'States/C/Choices/3/NumericEquals', part: 'value', message: "SCHEMA_VALIDATION_FAILED: The value of field 'NumericEquals' must be a number at /States/C/Choices[3]/NumericEquals" },
    { path: 'States/C/Choices/4/TimestampEquals', part: 'value', message: "SCHEMA_VALIDATION_FAILED: The value of field 'TimestampEquals' must be an RFC3339 timestamp string at /States/C/Choices[4]/TimestampEquals" },
    { path: 'States/C/Choices/5/Variable', part: 'value', message: "SCHEMA_VALIDATION_FAILED: The path 'a' must start with '$' at /States/C/Choices[5]/Variable", offset: 0, length: 1 },
    { path: 'States/C/Choices/6/StringEqualsPath', part: 'value', message: "SCHEMA_VALIDATION_FAILED: Unclosed '[' in the path at /States/C/Choices[6]/StringEqualsPath", offset: 3, length: 1 },
    { path: 'States/C/Choices/7', part: 'value', message: "SCHEMA_VALIDATION_FAILED: The field 'Next' is required but was missing at /States/C/Choices[7]" },
  ]);
});

test('And/Or/Not shape; Next only on top-level rules; unknown fields', () => {
  const issues = errorsOf(choiceMachine([
    { And: [], Next: 'D' },
    { Or: [{ Variable: '$.a', IsNull: true, Next: 'D' }], Next: 'D' },
    { Not: [{ Variable: '$.a', IsNull: true }], Next: 'D' },
    { Variable: '$.a', StringEqual: 'x', Next: 'D' },
  ]));
  assert.deepEqual(summary(issues).map(({ path, message }) => ({ path, message })), [
    { path: 'States/C/Choices/0/And', message: "SCHEMA_VALIDATION_FAILED: The value of field 'And' must be a non-empty array of choice rules at /States/C/Choices[0]/And" },
    { path: 'States/C/Choices/1/Or/0/Next', message: "SCHEMA_VALIDATION_FAILED: Field 'Next' is not supported at /States/C/Choices[1]/Or[0]" },
    { path: 'States/C/Choices/2/Not', message: "SCHEMA_VALIDATION_FAILED: The value of field 'Not' must be a choice rule object at /States/C/Choices[2]/Not" },
    { path: 'States/C/Choices/3/StringEqual', message: "SCHEMA_VALIDATION_FAILED: Field 'StringEqual' is not supported (did you mean 'StringEquals'?) at /States/C/Choices[3]" },
    { path: 'States/C/Choices/3', message: 'SCHEMA_VALIDATION_FAILED: A choice rule needs exactly one comparison operator, or one of And, Or, Not at /States/C/Choices[3]' },
  ]);
});

test('JSONata rules need a Condition and refuse JSONPath fields; JSONPath rules refuse Condition', () => {
  assert.deepEqual(summary(errorsOf(choiceMachine([{ Variable: '$.a', IsNull: true, Next: 'D' }, { Condition: 'true', Next: 'D' }], 'JSONata'))).map(({ message }) => message), [
    "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'Variable' is only supported for the 'JSONPath' QueryLanguage at /States/C/Choices[0]",
    "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'IsNull' is only supported for the 'JSONPath' QueryLanguage at /States/C/Choices[0]",
    "SCHEMA_VALIDATION_FAILED: The field 'Condition' is required but was missing at /States/C/Choices[0]",
    "SCHEMA_VALIDATION_FAILED: The value of field 'Condition' must be a JSONata expression ({% ... %}) or a boolean at /States/C/Choices[1]/Condition",
  ]);
  assert.deepEqual(summary(errorsOf(choiceMachine([{ Condition: '{% true %}', Next: 'D' }]))).map(({ message }) => message), [
    "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but field 'Condition' is only supported for the 'JSONata' QueryLanguage at /States/C/Choices[0]",
    'SCHEMA_VALIDATION_FAILED: A choice rule needs exactly one comparison operator, or one of And, Or, Not at /States/C/Choices[0]',
  ]);
});

test('Choices must be a non-empty array', () => {
  assert.deepEqual(summary(errorsOf(choiceMachine([]))).map(({ message }) => message), [
    "SCHEMA_VALIDATION_FAILED: The field 'Choices' must have at least 1 item at /States/C/Choices",
  ]);
});
