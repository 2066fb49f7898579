import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { executionNameProblem, jsonProblem } from '../../../client/src/webviews/startExecution/messages';

describe('start form checks', () => {
  it('accepts 1 to 80 letters, digits, dashes and underscores as an execution name', () => {
    assert.equal(executionNameProblem('0f8c-run_2'), undefined);
    assert.equal(executionNameProblem('x'.repeat(80)), undefined);
    assert.equal(executionNameProblem(''), 'Enter a name.');
    assert.equal(executionNameProblem('x'.repeat(81)), 'The name has 81 characters; at most 80.');
    assert.equal(executionNameProblem('my run'), '" " is not allowed: use letters, digits, dashes and underscores.');
    assert.equal(executionNameProblem('ü'), '"ü" is not allowed: use letters, digits, dashes and underscores.');
  });

  it('locates the first JSON error by line and column', () => {
    assert.equal(jsonProblem('{"a": [1, 2]}'), undefined);
    assert.equal(jsonProblem('"text"'), undefined);
    assert.equal(jsonProblem('{\n  "orderId": "o-1",\n  "items": [1, 2\n}'), "Expected ',' or ']', found '}' at line 4 column 1");
    assert.equal(jsonProblem('{"a": [1,}'), "Expected a value, found '}' at line 1 column 10");
    assert.equal(jsonProblem(''), 'Expected a value, found the end of the input at line 1 column 1');
    assert.equal(jsonProblem('{"a":1} x'), "Unexpected 'x' after the JSON value at line 1 column 9");
    assert.equal(jsonProblem("{'a':1}"), "Expected a property name in double quotes, found ''' at line 1 column 2");
    assert.equal(jsonProblem('{"a": "b\nc"}'), 'Unterminated string at line 1 column 9');
    assert.equal(jsonProblem('[1,]'), "Expected a value, found ']' at line 1 column 4");
    assert.equal(jsonProblem('{"a": 01}'), "Expected ',' or '}', found '1' at line 1 column 8");
  });
});
