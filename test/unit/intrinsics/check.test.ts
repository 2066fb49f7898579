import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkIntrinsic, parseIntrinsic } from '../../../server/src/core/intrinsics';

/** Problems as [message, the located text]. */
function problems(text: string): [string, string][] {
  return checkIntrinsic(parseIntrinsic(text)).map((p) => [p.message, text.slice(p.start, p.end)]);
}

describe('checkIntrinsic', () => {
  it('accepts valid calls, including paths of any type', () => {
    assert.deepEqual(problems("States.Format('{} and {}', $.a, States.ArrayLength($.b))"), []);
    assert.deepEqual(problems('States.ArrayLength($.s)'), []);
    assert.deepEqual(problems('States.MathRandom(1, 10)'), []);
    assert.deepEqual(problems('States.MathRandom(1, 10, $.seed)'), []);
    assert.deepEqual(problems('States.Array()'), []);
    assert.deepEqual(problems("States.Format('\\{\\}')"), []);
  });

  it('locates unknown functions at their name', () => {
    assert.deepEqual(problems('States.format($.a)'), [["Unknown intrinsic function 'States.format'", 'States.format']]);
    assert.deepEqual(problems('States.Array(States.Nope())'), [["Unknown intrinsic function 'States.Nope'", 'States.Nope']]);
  });

  it('checks the number of arguments', () => {
    assert.deepEqual(problems('States.ArrayGetItem($.a)'), [['States.ArrayGetItem takes 2 arguments, but 1 was given', 'States.ArrayGetItem($.a)']]);
    assert.deepEqual(problems('States.Format()'), [['States.Format takes at least 1 argument, but 0 were given', 'States.Format()']]);
    assert.deepEqual(problems('States.MathRandom(1)'), [['States.MathRandom takes 2 to 3 arguments, but 1 was given', 'States.MathRandom(1)']]);
    assert.deepEqual(problems('States.UUID(1)'), [['States.UUID takes 0 arguments, but 1 was given', 'States.UUID(1)']]);
  });

  it('checks literal argument types and values at the argument', () => {
    assert.deepEqual(problems("States.ArrayLength('abc')"), [
      [`States.ArrayLength: The argument 'array' must be an array, but was the string "abc"`, "'abc'"],
    ]);
    assert.deepEqual(problems("States.Hash($.d, 'SHA256')"), [
      ["States.Hash: The hashing algorithm 'SHA256' is not supported; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512", "'SHA256'"],
    ]);
    assert.deepEqual(problems('States.JsonMerge($.a, $.b, true)'), [
      ['States.JsonMerge: Deep merge is not supported: the third argument must be false', 'true'],
    ]);
    assert.deepEqual(problems('States.ArrayRange(1, 5, 0.4)'), [['States.ArrayRange: The step must not be 0', '0.4']]);
    assert.deepEqual(problems("States.ArrayRange(1, 5, '1')"), [
      [`States.ArrayRange: The argument 'step' must be an integer, but was the string "1"`, "'1'"],
    ]);
    assert.deepEqual(problems('States.ArrayGetItem($.a, -1)'), [['States.ArrayGetItem: The index must be a non-negative integer, but was -1', '-1']]);
  });

  it('checks what nested calls return', () => {
    assert.deepEqual(problems("States.ArrayLength(States.Format('x'))"), [
      ["States.ArrayLength: The argument 'array' must be an array, but States.Format returns a string", "States.Format('x')"],
    ]);
    assert.deepEqual(problems('States.MathAdd(States.ArrayLength($.a), 1)'), []);
  });

  it('counts the placeholders of a literal template', () => {
    assert.deepEqual(problems("States.Format('{} {}', $.a)"), [
      ['States.Format: The template has 2 placeholders {} but 1 value was given', "States.Format('{} {}', $.a)"],
    ]);
  });

  it('warns of calls made only of literals that will fail when they run (AWS creates the machine)', () => {
    assert.deepEqual(checkIntrinsic(parseIntrinsic('States.ArrayRange(1, 2000, 1)')).map(({ message, severity }) => [message, severity]), [
      ['States.ArrayRange will fail when it runs: The range would have 2000 items; the maximum is 1000', 'warning'],
    ]);
    assert.deepEqual(problems("States.ArrayGetItem(States.Array(1), 1)"), [
      ['States.ArrayGetItem will fail when it runs: The index 1 is out of bounds for an array of length 1', 'States.ArrayGetItem(States.Array(1), 1)'],
    ]);
  });

  it('limits nesting to 10 calls', () => {
    const nest = (depth: number): string => (depth === 1 ? 'States.UUID()' : `States.Array(${nest(depth - 1)})`);
    assert.deepEqual(problems(nest(10)), []);
    const text = nest(11);
    assert.deepEqual(problems(text), [['Intrinsic functions can be nested at most 10 deep', 'States.UUID']]);
  });
});
