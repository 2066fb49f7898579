import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { executionNameFormProblem } from '../../../client/src/webviews/startExecution/messages';
import { jsonProblem } from '../../../server/src/core/apiLimits';

describe('start form checks', () => {
  it('accepts the execution names AWS accepts, and says which character AWS refuses', () => {
    for (const name of ['0f8c-run_2', 'x'.repeat(80), 'order.123', 'ü', 'run@(1)!']) assert.equal(executionNameFormProblem(name), undefined, name);
    assert.equal(executionNameFormProblem(''), 'Enter a name.');
    assert.equal(executionNameFormProblem('x'.repeat(81)), 'The name has 81 characters; at most 80.');
    assert.match(executionNameFormProblem('my run')!, /^" " is not allowed: AWS refuses whitespace, < > \{ \} \[ \] \? \* " # % \\ \^ \| ~ ` \$ & , ; : \/ and control characters\.$/);
    assert.match(executionNameFormProblem('a\u0085b')!, /^"U\+0085" is not allowed/);
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
