import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorsOf, issuesOf, summary, warningsOf } from './helpers';

test('a read no earlier state can have assigned is reported at the variable, inside the string', () => {
  const definition = {
    QueryLanguage: 'JSONata', StartAt: 'First',
    States: {
      First: { Type: 'Pass', Output: '{% $later + 1 %}', Next: 'Second' },
      Second: { Type: 'Pass', Assign: { later: 1 }, Output: '{% $latre %}', Next: 'Third' },
      Third: { Type: 'Pass', Output: '{% $later %}', End: true },
    },
  };
  const warnings = warningsOf(definition);
  assert.deepEqual(summary(warnings), [
    { path: 'States/First/Output', part: 'value', message: "Variable '$later' is read, but no state that can run before 'First' in its scope assigns it at /States/First/Output", offset: 3, length: 6 },
    { path: 'States/Second/Output', part: 'value', message: "Variable '$latre' is read, but no state assigns it (did you mean '$later'?) at /States/Second/Output", offset: 3, length: 6 },
  ]);
  assert.deepEqual(warnings[1].data, { variable: 'latre', suggestion: 'later' });
  assert.equal(warnings[1].code, 'undefined-variable');
  // AWS accepts these definitions (the read yields nothing at run time): never an error.
  assert.deepEqual(errorsOf(definition), []);
});

test('loops carry assignments back to earlier states', () => {
  const definition = {
    StartAt: 'Check',
    States: {
      Check: { Type: 'Choice', Choices: [{ Variable: '$count', IsPresent: true, Next: 'Done' }], Default: 'Count' },
      Count: { Type: 'Pass', Assign: { count: 1 }, Next: 'Check' },
      Done: { Type: 'Succeed' },
    },
  };
  assert.deepEqual(issuesOf(definition), []);
});

test('scopes: outer variables are visible in Parallel branches and inline Maps, not in a Distributed Map; inner ones never leave', () => {
  const inner = (name: string) => ({ StartAt: `${name} read`, States: { [`${name} read`]: { Type: 'Pass', Parameters: { 'v.$': '$outer' }, Assign: { [`${name}Inner`]: 1 }, End: true } } });
  const definition = {
    StartAt: 'Init',
    States: {
      Init: { Type: 'Pass', Assign: { outer: 1 }, Next: 'Parallel' },
      Parallel: { Type: 'Parallel', Branches: [inner('branch')], Next: 'Inline' },
      Inline: { Type: 'Map', ItemProcessor: inner('inline'), Next: 'Distributed' },
      Distributed: { Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, ...inner('distributed') }, Next: 'After' },
      After: { Type: 'Pass', Parameters: { 'a.$': '$branchInner', 'b.$': 'States.Array($inlineInner)' }, End: true },
    },
  };
  assert.deepEqual(summary(warningsOf(definition).filter((issue) => issue.code === 'undefined-variable')).map(({ path, offset, length }) => ({ path, offset, length })), [
    { path: 'States/After/Parameters/a.$', offset: 0, length: 12 },
    { path: 'States/After/Parameters/b.$', offset: 13, length: 12 },
    { path: 'States/Distributed/ItemProcessor/States/distributed read/Parameters/v.$', offset: 0, length: 6 },
  ]);
});

test('assigned and never read is a warning at the key; states is reserved', () => {
  const definition = { StartAt: 'A', States: { A: { Type: 'Pass', Assign: { unused: 1, 'fromPath.$': '$.x', states: 2 }, End: true } } };
  assert.deepEqual(summary(errorsOf(definition)), [
    { path: 'States/A/Assign/states', part: 'key', message: "SCHEMA_VALIDATION_FAILED: The variable name 'states' is reserved at /States/A/Assign/states" },
  ]);
  assert.deepEqual(summary(warningsOf(definition)).map(({ path, message }) => ({ path, message })), [
    { path: 'States/A/Assign/unused', message: "Variable '$unused' is assigned but never read at /States/A/Assign/unused" },
    { path: 'States/A/Assign/fromPath.$', message: "Variable '$fromPath' is assigned but never read at /States/A/Assign/fromPath.$" },
  ]);
});

test('a variable name starts with a letter (ID_Start), continues with ID_Continue characters, and has at most 80 of them', () => {
  const names = { '1abc': 1, 'a-b': 2, ['v'.repeat(81)]: 3, ok_1: 4, _private: 5, 'données': 6, ['w'.repeat(80)]: 7, 'fromPath.$': '$.x' };
  const definition = { StartAt: 'A', States: { A: { Type: 'Pass', Assign: names, End: true } } };
  assert.deepEqual(summary(errorsOf(definition)).map(({ path, part }) => ({ path, part })), [
    { path: 'States/A/Assign/1abc', part: 'key' },
    { path: 'States/A/Assign/a-b', part: 'key' },
    { path: `States/A/Assign/${'v'.repeat(81)}`, part: 'key' },
  ]);
  assert.match(errorsOf(definition)[0].message, /^SCHEMA_VALIDATION_FAILED: The variable name '1abc' is not valid: it must start with a letter/);
});

test('variables bound inside an expression are not workflow variables', () => {
  const definition = {
    QueryLanguage: 'JSONata', StartAt: 'A',
    States: { A: { Type: 'Pass', Output: '{% ($x := 1; $map([1, 2], function($v) { $v + $x })) %}', End: true } },
  };
  assert.deepEqual(issuesOf(definition), []);
});
