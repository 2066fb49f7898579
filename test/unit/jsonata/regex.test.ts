// A JSONata regex runs inside one evaluation step: no budget interrupts it, so a pattern that backtracks
// catastrophically must end by itself (../../../server/src/core/linearRegex).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileExpression } from '../../../server/src/core/interpreter/jsonata';

const scopeOf = (input: unknown) => ({ input, states: { input }, variables: {} });

test('a JSONata pattern that backtracks catastrophically still ends, with its answer', async () => {
  const contains = compileExpression('{% $contains($states.input.s, /^(a+)+b$/) %}', 'Output');
  assert.equal(await contains(scopeOf({ s: 'a'.repeat(64) })), false);
  assert.equal(await contains(scopeOf({ s: 'aab' })), true);
});
