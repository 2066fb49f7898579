import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJsonPath } from '../../../server/src/core/validation/jsonPathSyntax';
import { errorsOf, machineOf, summary, warningsOf } from './helpers';

test('paths engines accept are accepted', () => {
  for (const path of ['$', '$.a', '$.a.b[0]', "$['a b']", '$..name', '$.a[*].b', '$.a[?(@.price < 10)]', '$.a[0:2]', '$.a[0,1]', '$$.Execution.Id', '$$', '$var', '$var.field[1]', '$.a-b', '$.[0]', '$.a.[0].b', '$.[?(@.n > 0)]', "$.[*].['a', 'b']"]) {
    assert.equal(checkJsonPath(path, false), undefined, path);
  }
  for (const path of ['$', '$.a.b', '$.a[0]', "$['a']", '$.x-y', '$.[0]']) assert.equal(checkJsonPath(path, true), undefined, path);
});

test('malformed paths, with the position of the fault', () => {
  assert.deepEqual(checkJsonPath('a.b', false), { message: "The path 'a.b' must start with '$'", offset: 0, length: 1 });
  assert.deepEqual(checkJsonPath('$.a.', false), { message: 'A name is missing after the dot in the path', offset: 3, length: 1 });
  assert.deepEqual(checkJsonPath('$.a[0', false), { message: "Unclosed '[' in the path", offset: 3, length: 2 });
  assert.deepEqual(checkJsonPath('$.a[]', false), { message: 'An empty [] in the path', offset: 3, length: 2 });
  assert.deepEqual(checkJsonPath('$ .a', false), { message: "Unexpected ' ' in the path", offset: 1, length: 1 });
  assert.deepEqual(checkJsonPath('$..a', true), { message: "A reference path cannot use the deep scan '..'", offset: 1, length: 2 });
  assert.deepEqual(checkJsonPath('$.a[*]', true), { message: "A reference path identifies a single node: '[*]' is not allowed", offset: 3, length: 3 });
  assert.deepEqual(checkJsonPath('$.a.*', true), { message: "A reference path identifies a single node: '*' is not allowed", offset: 4, length: 1 });
});

test('path fields of JSONPath states', () => {
  const issues = errorsOf(machineOf({ Type: 'Pass', InputPath: 'input', OutputPath: null, ResultPath: '$.a[*]', End: true }));
  assert.deepEqual(summary(issues), [
    { path: 'States/S/InputPath', part: 'value', message: "SCHEMA_VALIDATION_FAILED: The path 'input' must start with '$' at /States/S/InputPath", offset: 0, length: 1 },
    { path: 'States/S/ResultPath', part: 'value', message: "SCHEMA_VALIDATION_FAILED: A reference path identifies a single node: '[*]' is not allowed at /States/S/ResultPath", offset: 3, length: 3 },
  ]);
});

test('.$ keys take a path or an intrinsic; path-like values without .$ are a warning', () => {
  const definition = machineOf({
    Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: { 'FunctionName.$': 'my-function', Payload: { 'items.$': '$.items[', 'at.$': 42, 'ok.$': "States.Format('{}', $.x)" }, 'Input': '$.input' },
    End: true,
  });
  assert.deepEqual(summary(errorsOf(definition)), [
    { path: 'States/S/Parameters/FunctionName.$', part: 'value', message: "SCHEMA_VALIDATION_FAILED: The value for the field 'FunctionName.$' must be a valid JSONPath or a valid intrinsic function call at /States/S/Parameters" },
    { path: 'States/S/Parameters/Payload/items.$', part: 'value', message: "SCHEMA_VALIDATION_FAILED: Unclosed '[' in the path at /States/S/Parameters/Payload/items.$", offset: 7, length: 1 },
    { path: 'States/S/Parameters/Payload/at.$', part: 'value', message: "SCHEMA_VALIDATION_FAILED: The value for the field 'at.$' must be a valid JSONPath or a valid intrinsic function call at /States/S/Parameters/Payload" },
  ]);
  const warnings = warningsOf(definition);
  assert.deepEqual(summary(warnings), [
    { path: 'States/S/Parameters/Input', part: 'key', message: "NO_DOLLAR: The value of 'Input' looks like a path, but the field name does not end with '.$': it is passed as a literal string at /States/S/Parameters/Input" },
  ]);
  assert.equal(warnings[0].code, 'missing-dollar-suffix');
});

test('a Pass Result is static: .$ keys there are a warning', () => {
  const definition = machineOf({ Type: 'Pass', Result: { 'x.$': '$.a' }, End: true });
  assert.deepEqual(errorsOf(definition), []);
  assert.deepEqual(summary(warningsOf(definition)).map(({ path, message }) => ({ path, message })), [
    { path: 'States/S/Result/x.$', message: "PASS_RESULT_IS_STATIC: A Pass state's Result is static: the path is not evaluated at /States/S/Result/x.$" },
  ]);
});

test('intrinsic calls: syntax, unknown function with did you mean, arity, path arguments', () => {
  const issues = errorsOf(machineOf({
    Type: 'Pass',
    Parameters: { 'a.$': 'States.Formt($.x)', 'b.$': 'States.MathAdd(1)', 'c.$': "States.Format('{}', $.x", 'd.$': 'States.Array($.a.)' },
    End: true,
  }));
  assert.deepEqual(summary(issues), [
    { path: 'States/S/Parameters/a.$', part: 'value', message: "SCHEMA_VALIDATION_FAILED: Unknown intrinsic function 'States.Formt' (did you mean 'States.Format'?) at /States/S/Parameters/a.$", offset: 0, length: 12 },
    { path: 'States/S/Parameters/b.$', part: 'value', message: 'SCHEMA_VALIDATION_FAILED: States.MathAdd takes 2 arguments, but 1 was given at /States/S/Parameters/b.$', offset: 0, length: 17 },
    { path: 'States/S/Parameters/c.$', part: 'value', message: "SCHEMA_VALIDATION_FAILED: Missing ')' to close States.Format( at /States/S/Parameters/c.$", offset: 13, length: 1 },
    { path: 'States/S/Parameters/d.$', part: 'value', message: 'SCHEMA_VALIDATION_FAILED: A name is missing after the dot in the path at /States/S/Parameters/d.$', offset: 16, length: 1 },
  ]);
});

test('an unknown intrinsic function gets one did-you-mean, the closest name whatever its case', () => {
  const issues = errorsOf(machineOf({ Type: 'Pass', Parameters: { 'a.$': "States.format('{}', $.b)" }, End: true }));
  assert.deepEqual(summary(issues), [
    { path: 'States/S/Parameters/a.$', part: 'value', message: "SCHEMA_VALIDATION_FAILED: Unknown intrinsic function 'States.format' (did you mean 'States.Format'?) at /States/S/Parameters/a.$", offset: 0, length: 13 },
  ]);
});

test('the validator passes the path forms Jayway reads and refuses those it refuses', () => {
  for (const path of ['$.a ', '$.a[0] ', '$$.Execution.Id ', '$var.a ', "$['a', 'b']", '$.a[-1]', '$.users[?(@.status == "active")]', '$.users[?(@.n >= 2 && !@.tags)]']) {
    assert.equal(checkJsonPath(path, false), undefined, path);
  }
  // Jayway runs these (so does the interpreter); AWS documents them as unsupported: a warning, not an error.
  for (const path of ["$.users[?(@.n >= 2 && @.tag in ['x'])]", '$.users[?(@.name =~ /a.*/i)]', "$.users[?(@.tags subsetof ['a'] || !@.tags)]", '$.users[?(@.tags size 2)]']) {
    assert.equal(checkJsonPath(path, false)?.warning, true, path);
  }
  for (const path of ['$.a ', '$.a[0] ', '$.[0] ']) assert.equal(checkJsonPath(path, true), undefined, path);
  assert.deepEqual(checkJsonPath('$.a b', false), { message: "Use bracket notation ['my prop'] if your property contains blank characters", offset: 3, length: 1 });
  assert.deepEqual(checkJsonPath('$$.a b', false), { message: "Use bracket notation ['my prop'] if your property contains blank characters", offset: 4, length: 1 });
  assert.deepEqual(checkJsonPath('$.users[?(@.status == active)]', false), { message: 'Could not compile inline filter : [?(@.status == active)]', offset: 22, length: 6 });
  // The Developer Guide's *Paths*: no functions; lexical operators, regexes and references to other values unsupported.
  assert.deepEqual(checkJsonPath('$.a.length()', false), { message: "JSONPath functions such as 'length()' are not supported: use an intrinsic function (States.ArrayLength, ...)", offset: 4, length: 8 });
  assert.match(checkJsonPath('$.a[?(@.b.length() > 1)]', false)!.message, /Could not compile inline filter/);
  for (const [path, unsupported] of [["$.a[?(@.t in ['x'])]", "the lexical operator 'in'"], ['$.a[?(@.t =~ /x/)]', 'filtering by regular expression'], ['$.a[?(@.t == @.u)]', 'filtering by referencing another value']]) {
    assert.deepEqual(checkJsonPath(path, false), { message: `AWS does not support ${unsupported} in a JSONPath filter (Step Functions Local and Jayway run it)`, offset: 0, length: path.length, warning: true }, path);
  }
});

test('payload keys that collide once .$ is removed, and a ResultPath into a variable, are refused', () => {
  const pass = (fields: Record<string, unknown>) => ({ StartAt: 'S', States: { S: { Type: 'Pass', End: true, ...fields } } });
  const errors = (definition: unknown) => summary(errorsOf(definition)).map(({ path, message }) => ({ path, message }));
  assert.deepEqual(errors(pass({ Parameters: { a: 1, 'a.$': '$.x', nested: { 'b.$': '$.y', b: 2 } } })), [
    { path: 'States/S/Parameters/a.$', message: "SCHEMA_VALIDATION_FAILED: The fields 'a' and 'a.$' have the same name once '.$' is removed at /States/S/Parameters" },
    { path: 'States/S/Parameters/nested/b', message: "SCHEMA_VALIDATION_FAILED: The fields 'b.$' and 'b' have the same name once '.$' is removed at /States/S/Parameters/nested" },
  ]);
  assert.deepEqual(errors(pass({ Result: { a: 1, 'a.$': '$.x' } })), []);
  assert.deepEqual(errors(pass({ ResultPath: '$counter' })), [
    { path: 'States/S/ResultPath', message: "SCHEMA_VALIDATION_FAILED: ResultPath cannot write into the variable $counter: assign it with 'Assign' at /States/S/ResultPath" },
  ]);
});
