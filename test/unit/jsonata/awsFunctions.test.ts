import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import jsonata from 'jsonata';
import { awsFunctionBindings } from '../../../server/src/core/jsonata/awsFunctions';

async function run(text: string, input: unknown = {}): Promise<unknown> {
  return jsonata(text).evaluate(input, awsFunctionBindings);
}

async function failure(text: string, input: unknown = {}): Promise<{ code?: string; message: string }> {
  try {
    await run(text, input);
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    return { code, message };
  }
  assert.fail(`expected ${text} to fail`);
}

describe('AWS JSONata functions', () => {
  it('check arguments like a JSONata signature', async () => {
    const signature = (n: number, name: string) => `Argument ${n} of function "${name}" does not match function signature`;
    assert.deepEqual(await failure('$partition([1], "2")'), { code: 'T0410', message: signature(2, 'partition') });
    assert.deepEqual(await failure('$partition([1])'), { code: 'T0410', message: signature(2, 'partition') });
    assert.deepEqual(await failure('$partition([1], 1, 2)'), { code: 'T0410', message: signature(3, 'partition') });
    assert.deepEqual(await failure('$range(1, 2)'), { code: 'T0410', message: signature(3, 'range') });
    assert.deepEqual(await failure('$hash(1, "MD5")'), { code: 'T0410', message: signature(1, 'hash') });
    assert.deepEqual(await failure('$random("x")'), { code: 'T0410', message: signature(1, 'random') });
    assert.deepEqual(await failure('$uuid(1)'), { code: 'T0410', message: signature(1, 'uuid') });
    assert.deepEqual(await failure('$parse(1)'), { code: 'T0410', message: signature(1, 'parse') });
    assert.deepEqual(await failure('$parse()'), { code: 'T0411', message: 'Context value is not a compatible type with argument 1 of function "parse"' });
    assert.deepEqual(await run('"[1]" ~> $parse()'), [1]);
    assert.deepEqual(await run('s.$parse()', { s: '{"a":1}' }), { a: 1 });
    assert.equal(await run('$hash(nothing, "MD5")'), undefined);
  });


  it('$partition splits into chunks (conformance values)', async () => {
    const part = (array: unknown[], size: number) => run('$partition(a, n)', { a: array, n: size });
    assert.deepEqual(await part([0], 1), [[0]]);
    assert.deepEqual(await part([0, 1, 2], 2), [[0, 1], [2]]);
    assert.deepEqual(await part([0, 1, 2, 3], 3), [[0, 1, 2], [3]]);
    assert.deepEqual(await part([0, 1], 5), [[0, 1]]);
    assert.deepEqual(await run('$partition([1,2,3,4], 2)'), [[1, 2], [3, 4]]);
    assert.deepEqual(await failure('$partition([1], -1)'), { code: undefined, message: 'The chunk size of $partition must be a positive integer, but was -1' });
    assert.deepEqual(await run('$partition("x", 2)'), [['x']]);
    assert.deepEqual(await run('[1, 2] ~> $partition(1)'), [[1], [2]]);
    assert.equal(await run('$partition(nothing, 2)'), undefined);
  });

  it('$range includes the end when a step lands on it and collapses one item to the item', async () => {
    const range = (start: number, end: number, step: number) => run('$range(s, e, t)', { s: start, e: end, t: step });
    assert.deepEqual(await range(0, 9, 3), [0, 3, 6, 9]);
    assert.deepEqual(await range(0, 10, 3), [0, 3, 6, 9]);
    assert.equal(await range(1, 9, 9), 1);
    assert.deepEqual(await range(1, 9, 2), [1, 3, 5, 7, 9]);
    assert.deepEqual(await run('$range(0, 6, 2)'), [0, 2, 4, 6]);
    assert.deepEqual(await run('$range(-1.7, 2, 1)'), [-1, 0, 1, 2]);
    assert.equal(await run('$count($range(1, 200000, 1))'), 200000);
    assert.deepEqual(await failure('$range(1, 2, 0)'), { code: undefined, message: 'The step of $range must not be 0' });
  });

  it('$hash with AWS algorithm names', async () => {
    assert.equal(await run('$hash("input", "SHA-1")'), '140f86aae51ab9e1cda9b4254fe98a74eb54c1a1');
    assert.equal(await run('$hash("input data", "MD5")'), '812f45842bc6d66ee14572ce20db8e86');
    assert.equal(await run('$hash("input data", "SHA-256")'), 'b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3');
    assert.deepEqual(await failure('$hash("x", "SHA256")'), {
      code: undefined,
      message: "The hashing algorithm 'SHA256' is not supported; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512",
    });
  });

  it('$random takes an optional seed computed as java.util.Random', async () => {
    assert.equal(await run('$random(42)'), 0.7275636800328681);
    const unseeded = (await run('$random()')) as number;
    assert.ok(unseeded >= 0 && unseeded < 1);
  });

  it('$uuid returns a version 4 UUID', async () => {
    assert.match((await run('$uuid()')) as string, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('$parse reads JSON text (conformance values)', async () => {
    const parse = (text: string) => run('$parse(s)', { s: text });
    assert.equal(await parse('-0'), 0);
    assert.ok(Object.is(await parse('-0'), 0));
    assert.equal(await parse('1.1'), 1.1);
    assert.equal(await parse('true'), true);
    assert.equal(await parse('"HelloWorld"'), 'HelloWorld');
    assert.deepEqual(await parse('[1, 2, "HelloWorld"]'), [1, 2, 'HelloWorld']);
    assert.deepEqual(await parse('{"Arg1": 1, "Arg2": []}'), { Arg1: 1, Arg2: [] });
    assert.equal(await run('$parse("{\\"a\\":1}").a'), 1);
    assert.deepEqual(await failure('$parse("{x")'), { code: undefined, message: '$parse could not parse "{x" as JSON' });
  });

  it('$eval is unavailable, failing like an unknown function', async () => {
    assert.deepEqual(await failure('$eval("1+1")'), { code: 'T1006', message: 'Attempted to invoke a non-function' });
  });
});
