// JSONata's fast path (server/src/core/interpreter/jsonataFast.ts) against JSONata itself: for generated
// expressions of the subset and inputs of every JSON type, the interpreter's evaluation gives JSONata's
// value, or the same error, word for word.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import jsonata from 'jsonata';
import { awsFunctionBindings } from '../../../server/src/core/jsonata/awsFunctions';
import { compileExpression, type JsonataScope } from '../../../server/src/core/interpreter/jsonata';
import { compileFast, UNSURE, type Node } from '../../../server/src/core/interpreter/jsonataFast';

const FIELDS = ['a', 'b', 'n'];

const operand = fc.oneof(
  fc.constantFrom(...FIELDS).map((field) => `$states.input.${field}`),
  fc.constantFrom('$states.input.a.b', '$v', '$w.n', '$missing', '$states.context.State.Name'),
  fc.integer({ min: -5, max: 5 }).map(String),
  fc.constantFrom('"x"', '"b"', 'true', 'false', 'null', '0.5'),
);
const expression: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, operand, tie('binary'), tie('negated')),
  negated: tie('node').map((inner) => `-(${inner})`),
  binary: fc.tuple(tie('node'), fc.constantFrom('+', '-', '*', '/', '%', '<', '<=', '>', '>=', '=', '!=', '&', 'and', 'or'), tie('node'))
    .map(([left, operator, right]) => `(${left}) ${operator} (${right})`),
})).node as fc.Arbitrary<string>;
const json: fc.Arbitrary<unknown> = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom('b', 'x', true, false, null, 0), fc.constant([1, 2]), fc.constant({ b: 'b', n: 2 }));
const input = fc.record({ a: json, b: json, n: json }, { requiredKeys: [] });

/** JSONata alone, as the interpreter calls it: its value as plain JSON, or its error message. */
async function jsonataAlone(source: string, scope: JsonataScope): Promise<{ value?: unknown; error?: string }> {
  try {
    const value = await jsonata(source).evaluate(scope.states.input, { ...awsFunctionBindings, ...scope.variables, states: scope.states });
    return { value: value === undefined ? undefined : JSON.parse(JSON.stringify(value)) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

async function interpreter(source: string, scope: JsonataScope): Promise<{ value?: unknown; error?: string }> {
  try {
    return { value: await compileExpression(`{% ${source} %}`, 'Output')(scope) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

test('the fast path gives JSONata\'s value, and leaves to JSONata what it is not sure of (its errors stay word for word)', async () => {
  await fc.assert(fc.asyncProperty(expression, input, async (source, value) => {
    const scope: JsonataScope = { input: value, states: { input: value, context: { State: { Name: 'S' } } }, variables: { v: 3, w: { n: 'n' } } };
    const alone = await jsonataAlone(source, scope);
    const ours = await interpreter(source, scope);
    if (alone.error !== undefined) {
      assert.ok(ours.error?.endsWith(`threw an error during evaluation: ${alone.error}`), `${source} over ${JSON.stringify(value)}: ${ours.error ?? JSON.stringify(ours.value)}, JSONata: ${alone.error}`);
    } else if (alone.value === undefined) {
      assert.match(ours.error ?? '', /returned nothing \(undefined\)\.$/, source);
    } else {
      // As the history writes it (-0 is 0 there, as in JSONata's JSON).
      assert.equal(JSON.stringify(ours.value), JSON.stringify(alone.value), `${source} over ${JSON.stringify(value)}`);
    }
  }), { numRuns: 400 });
});

test('the fast path takes the expressions of a JSONata loop, and leaves filters, functions and object constructors to JSONata', () => {
  const fast = (source: string) => compileFast(jsonata(source).ast() as Node);
  const input = { count: 4, items: [1] };
  const scope: JsonataScope = { input, states: { input }, variables: {} };
  assert.equal(fast('$states.input.count + 1')!(scope), 5);
  assert.equal(fast('$states.input.count < 5000')!(scope), true);
  // An array on the way: JSONata maps over it.
  assert.equal(fast('$states.input.items')!(scope), UNSURE);
  for (const source of ['$states.input.items[0]', '$count($states.input.items)', '{"a": 1}', '$states.input.items.$string()', 'count']) {
    assert.equal(fast(source), undefined, source);
  }
});

test('the fast path reads `$states.input` from the scope without making `$states` (its context object)', () => {
  const fast = (source: string) => compileFast(jsonata(source).ast() as Node);
  const scope: JsonataScope = { input: { count: 4 }, get states(): Record<string, unknown> { throw new Error('$states was made'); }, variables: {} };
  assert.equal(fast('$states.input.count + 1')!(scope), 5);
  assert.equal(fast('$states.input.count < 5000')!(scope), true);
  assert.throws(() => fast('$states.context.State.Name')!(scope), /\$states was made/);
});
