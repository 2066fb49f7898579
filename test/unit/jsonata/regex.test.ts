// A JSONata regex runs inside one evaluation step: no budget interrupts it, so a pattern that backtracks
// catastrophically must end by itself (../../../server/src/core/linearRegex).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileExpression } from '../../../server/src/core/interpreter/jsonata';

test('a JSONata pattern that backtracks catastrophically still ends, with its answer', async () => {
  const contains = compileExpression('{% $contains($states.input.s, /^(a+)+b$/) %}', 'Output');
  assert.equal(await contains({ states: { input: { s: 'a'.repeat(64) } }, variables: {} }), false);
  assert.equal(await contains({ states: { input: { s: 'aab' } }, variables: {} }), true);
});
