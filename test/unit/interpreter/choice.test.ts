import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execute, types } from './helpers';

function choice(rule: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    StartAt: 'C',
    States: {
      C: { Type: 'Choice', Choices: [{ ...rule, Next: 'Yes' }], Default: 'No', ...extra },
      Yes: { Type: 'Pass', Result: 'yes', End: true },
      No: { Type: 'Pass', Result: 'no', End: true },
    },
  };
}

const cases: [Record<string, unknown>, unknown, string][] = [
  [{ Variable: '$.v', NumericEquals: 1 }, { v: 1.0 }, 'yes'],
  [{ Variable: '$.v', NumericEquals: 1 }, { v: '1' }, 'no'],
  [{ Variable: '$.v', NumericLessThanPath: '$.w' }, { v: 1, w: 2 }, 'yes'],
  // A referenced value of the wrong type does not match, as a Variable of the wrong type does (decisions.md).
  [{ Variable: '$.v', NumericLessThanPath: '$.w' }, { v: 1, w: '2' }, 'no'],
  [{ Variable: '$.v', StringEqualsPath: '$.w' }, { v: 'a', w: ['a'] }, 'no'],
  [{ Variable: '$.v', BooleanEqualsPath: '$.w' }, { v: true, w: 'true' }, 'no'],
  [{ Variable: '$.v', TimestampLessThanPath: '$.w' }, { v: '2016-03-14T01:59:00Z', w: 5 }, 'no'],
  [{ Variable: '$.v', StringEquals: 'a' }, { v: 'a' }, 'yes'],
  [{ Variable: '$.v', StringLessThan: 'b' }, { v: 'a' }, 'yes'],
  [{ Variable: '$.v', StringMatches: 'log-*.txt' }, { v: 'log-1.txt' }, 'yes'],
  [{ Variable: '$.v', StringMatches: 'a\\*' }, { v: 'ab' }, 'no'],
  [{ Variable: '$.v', BooleanEquals: false }, { v: false }, 'yes'],
  [{ Variable: '$.v', TimestampGreaterThan: '2016-03-14T01:59:00Z' }, { v: '2016-03-14T02:00:00+00:00' }, 'yes'],
  [{ Variable: '$.v', TimestampEquals: '2016-03-14T01:59:00Z' }, { v: '2016-03-14 01:59:00Z' }, 'no'],
  [{ Variable: '$.v', IsPresent: false }, {}, 'yes'],
  [{ Variable: '$.v', IsNull: true }, { v: null }, 'yes'],
  [{ Variable: '$.v', IsTimestamp: true }, { v: '2016-02-30T00:00:00Z' }, 'no'],
  [{ And: [{ Variable: '$.a', NumericGreaterThan: 0 }, { Not: { Variable: '$.b', StringEquals: 'x' } }] }, { a: 1, b: 'y' }, 'yes'],
  [{ Or: [{ Variable: '$.a', NumericGreaterThan: 5 }, { Variable: '$.b', StringEquals: 'x' }] }, { a: 1, b: 'y' }, 'no'],
];

for (const [rule, input, expected] of cases) {
  test(`Choice ${JSON.stringify(rule)} on ${JSON.stringify(input)} -> ${expected}`, async () => {
    const result = await execute(choice(rule), input);
    assert.equal(result.output, expected);
  });
}

test('no rule matching and no Default fails with States.NoChoiceMatched', async () => {
  const definition = choice({ Variable: '$.v', NumericEquals: 1 });
  delete (definition.States.C as Record<string, unknown>).Default;
  // Reachable, as AWS requires of every state: by a rule that does not match either.
  (definition.States.C.Choices as Record<string, unknown>[]).push({ Variable: '$.v', NumericEquals: 3, Next: 'No' });
  const result = await execute(definition, { v: 2 });
  assert.equal(result.error, 'States.NoChoiceMatched');
  assert.deepEqual(types(result), ['ExecutionStarted', 'ChoiceStateEntered', 'ExecutionFailed']);
});

test('JSONata Condition with rule Assign and Output', async () => {
  const result = await execute({
    QueryLanguage: 'JSONata', StartAt: 'C',
    States: {
      C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.n > 1 %}', Assign: { big: true }, Output: { n: '{% $states.input.n %}' }, Next: 'D' }], Default: 'D' },
      D: { Type: 'Pass', Output: { n: '{% $states.input.n %}', big: '{% $big %}' }, End: true },
    },
  }, { n: 5 });
  assert.deepEqual(result.output, { n: 5, big: true });
});
