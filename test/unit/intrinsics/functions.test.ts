import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IntrinsicEvaluationError } from '../../../server/src/core/intrinsics';
import { evaluate } from './resolve';

/** The cause AWS reports (after its state prefix) for a failing call. */
function failure(text: string, input: unknown = {}): { error: string; cause: string } {
  try {
    evaluate(text, input);
  } catch (error) {
    assert.ok(error instanceof IntrinsicEvaluationError, `expected IntrinsicEvaluationError, got ${error}`);
    return { error: error.error, cause: error.cause };
  }
  assert.fail(`expected ${text} to fail`);
}

function cause(text: string, detail: string): { error: string; cause: string } {
  return { error: 'States.Runtime', cause: `The function '${text}' had the following error: ${detail}` };
}

/** A function that refused its arguments: AWS's cause names it ("Invalid arguments in States.MathAdd"). */
function invalid(text: string, detail: string, name = /^States\.\w+/.exec(text)![0]): { error: string; cause: string } {
  return cause(text, `Invalid arguments in ${name}: ${detail}`);
}

describe('path arguments', () => {
  // Causes recorded on AWS (us-east-1), without the state prefix.
  it('fails with AWS cause when a path matches nothing, naming the whole expression', () => {
    assert.deepEqual(
      failure("States.Format('{}', $.nope)", { other: 1 }),
      cause("States.Format('{}', $.nope)", `The JsonPath argument for the field '$.nope' could not be found in the input '{"other":1}'`),
    );
    assert.deepEqual(
      failure("States.Format('{}', States.Format('{}', $.nope))", { other: 1 }),
      cause(
        "States.Format('{}', States.Format('{}', $.nope))",
        `The JsonPath argument for the field '$.nope' could not be found in the input '{"other":1}'`,
      ),
    );
    assert.deepEqual(
      failure("States.Format('{}', $.items[5])", { items: [1, 2] }),
      cause("States.Format('{}', $.items[5])", `The JsonPath argument for the field '$.items[5]' could not be found in the input '{"items":[1,2]}'`),
    );
  });

  it('reports a missing context path rewritten against the context object, with the state input', () => {
    assert.deepEqual(
      failure("States.Format('{}', $$.Nope.Deep)", { other: 1 }),
      cause("States.Format('{}', $$.Nope.Deep)", `The JsonPath argument for the field '$.Nope.Deep' could not be found in the input '{"other":1}'`),
    );
  });

  it('echoes the expression as written and names the failing argument', () => {
    assert.deepEqual(
      failure("States.Format('{} {}', $.other,$.a.b)", { other: 1 }),
      cause("States.Format('{} {}', $.other,$.a.b)", `The JsonPath argument for the field '$.a.b' could not be found in the input '{"other":1}'`),
    );
    for (const text of ['States.ArrayLength($.nope)', 'States.JsonToString($.nope)', 'States.MathAdd($.nope, 1)', 'States.JsonMerge($.nope, $.other, false)']) {
      assert.deepEqual(
        failure(text, { other: 1 }),
        cause(text, `The JsonPath argument for the field '$.nope' could not be found in the input '{"other":1}'`),
      );
    }
  });

  it('takes an explicit null as a value', () => {
    assert.equal(evaluate("States.Format('{}', $.nul)", { nul: null }), 'null');
  });

  it('reads the context object', () => {
    const context = { StateMachine: { Id: 'arn:sm', Name: 'Machine-1' }, Execution: { Name: 'run' } };
    assert.equal(
      evaluate("States.Format('Formatting arguments fst={} and snd={}.', $$.Execution.Name, $$.StateMachine)", {}, context),
      'Formatting arguments fst=run and snd={Id=arn:sm, Name=Machine-1}.',
    );
    assert.equal(evaluate("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)", {}, context), 'Machine');
  });
});

describe('States.Format', () => {
  const one = "States.Format('Formatting argument {}.', $.v)";
  it('prints values as AWS does', () => {
    assert.equal(evaluate(one, { v: '' }), 'Formatting argument .');
    assert.equal(evaluate(one, { v: 'HelloWorld' }), 'Formatting argument HelloWorld.');
    assert.equal(evaluate(one, { v: null }), 'Formatting argument null.');
    assert.equal(evaluate(one, { v: 1 }), 'Formatting argument 1.');
    assert.equal(evaluate(one, { v: 1.1 }), 'Formatting argument 1.1.');
    assert.equal(evaluate(one, { v: '{"Arg1": 1, "Arg2": []}' }), 'Formatting argument {"Arg1": 1, "Arg2": []}.');
    assert.equal(evaluate(one, { v: { Arg1: 1, Arg2: [] } }), 'Formatting argument {Arg1=1, Arg2=[]}.');
    assert.equal(evaluate(one, { v: [1, 'a', null, true, { b: [2.5] }] }), 'Formatting argument [1, a, null, true, {b=[2.5]}].');
  });

  it('uses the developer guide example, with a template from the input too', () => {
    const input = { name: 'Arnav', template: 'Hello, my name is {}.' };
    assert.equal(evaluate("States.Format('Hello, my name is {}.', $.name)", input), 'Hello, my name is Arnav.');
    assert.equal(evaluate('States.Format($.template, $.name)', input), 'Hello, my name is Arnav.');
  });

  it('does not treat escaped braces as a placeholder', () => {
    assert.equal(evaluate("States.Format('\\{\\} is {}', 'x')"), '{} is x');
    assert.equal(evaluate("States.Format('it\\'s {}\\\\', 1)"), "it's 1\\");
  });

  it('reads a template taken from the input without escapes: every {} is a placeholder, a backslash a character (decisions.md)', () => {
    assert.equal(evaluate('States.Format($.t, 1, 2)', { t: 'a \\{} b {}' }), 'a \\1 b 2');
    assert.deepEqual(
      failure('States.Format($.t, 1)', { t: 'a \\{} b {}' }),
      invalid('States.Format($.t, 1)', 'The template has 2 placeholders {} but 1 value was given'),
    );
  });

  it('fails when placeholders and values differ in number', () => {
    assert.deepEqual(failure("States.Format('{} {}', 1)"), invalid("States.Format('{} {}', 1)", 'The template has 2 placeholders {} but 1 value was given'));
  });
});

describe('JSON functions', () => {
  it('States.StringToJson parses, with blank strings as null', () => {
    const parse = (v: string) => evaluate('States.StringToJson($.v)', { v });
    assert.equal(parse(''), null);
    assert.equal(parse(' '), null);
    assert.equal(parse('null'), null);
    assert.equal(parse('-0'), 0);
    assert.equal(parse('1.1'), 1.1);
    assert.equal(parse('true'), true);
    assert.equal(parse('"HelloWorld"'), 'HelloWorld');
    assert.deepEqual(parse('[1, 2, "HelloWorld"]'), [1, 2, 'HelloWorld']);
    assert.deepEqual(parse('{"foo": "bar"}'), { foo: 'bar' });
    assert.deepEqual(failure('States.StringToJson($.v)', { v: '{x' }), invalid('States.StringToJson($.v)', 'The string "{x" is not valid JSON'));
  });

  it('States.JsonToString prints compact JSON', () => {
    const print = (v: unknown) => evaluate('States.JsonToString($.v)', { v });
    assert.equal(print(null), 'null');
    assert.equal(print(1.1), '1.1');
    assert.equal(print('HelloWorld'), '"HelloWorld"');
    assert.equal(print([1, 2, 'HelloWorld']), '[1,2,"HelloWorld"]');
    assert.equal(print({ Arg1: 1, Arg2: [] }), '{"Arg1":1,"Arg2":[]}');
  });

  it('States.JsonMerge merges shallowly and refuses deep merges', () => {
    const input = { a: { a: { a1: 1, a2: 2 }, b: 2, d: 3 }, b: { a: { a3: 1, a4: 2 }, c: 3, d: 4 } };
    assert.deepEqual(evaluate('States.JsonMerge($.a, $.b, false)', input), { a: { a3: 1, a4: 2 }, b: 2, c: 3, d: 4 });
    assert.deepEqual(
      evaluate("States.JsonMerge(States.StringToJson('{\"constant_in_literal\": \"false\"}'), $.f, false)", { f: { k: 'v' } }),
      { constant_in_literal: 'false', k: 'v' },
    );
    assert.deepEqual(
      failure('States.JsonMerge($.a, $.b, true)', input),
      invalid('States.JsonMerge($.a, $.b, true)', 'Deep merge is not supported: the third argument must be false'),
    );
    assert.deepEqual(
      failure('States.JsonMerge($.a, 1, false)', input),
      invalid('States.JsonMerge($.a, 1, false)', "The argument 'json2' must be an object, but was the number 1"),
    );
  });
});

describe('array functions', () => {
  it('States.Array', () => {
    assert.deepEqual(evaluate('States.Array()'), []);
    assert.deepEqual(evaluate('States.Array($.Id)', { Id: 123456 }), [123456]);
    assert.deepEqual(evaluate("States.Array('a', 1, null, $.o)", { o: { x: [] } }), ['a', 1, null, { x: [] }]);
  });

  it('States.ArrayPartition', () => {
    const part = (array: unknown[], size: number) => evaluate('States.ArrayPartition($.a, $.n)', { a: array, n: size });
    assert.deepEqual(part([], 1), []);
    assert.deepEqual(part([0, 1, 2, 3], 3), [[0, 1, 2], [3]]);
    assert.deepEqual(part([0, 1], 5), [[0, 1]]);
    assert.deepEqual(part([1, 2, 3, 4, 5, 6, 7, 8, 9], 4), [[1, 2, 3, 4], [5, 6, 7, 8], [9]]);
    assert.deepEqual(
      failure('States.ArrayPartition($.a, 0)', { a: [1] }),
      invalid('States.ArrayPartition($.a, 0)', 'The chunk size must be a positive integer, but was 0'),
    );
    assert.deepEqual(evaluate('States.ArrayPartition($.a, 1.5)', { a: [1, 2, 3] }), [[1, 2], [3]], 'decimals round half up');
    assert.deepEqual(
      failure('States.ArrayPartition($.a, 0.4)', { a: [1] }),
      invalid('States.ArrayPartition($.a, 0.4)', 'The chunk size must be a positive integer, but was 0'),
    );
  });

  it('States.ArrayContains compares JSON values', () => {
    const contains = (array: unknown[], value: unknown) => evaluate('States.ArrayContains($.a, $.v)', { a: array, v: value });
    assert.equal(contains([], null), false);
    assert.equal(contains([[1, 2, 3], 2], [1, 2, 3]), true);
    assert.equal(contains([{ 1: 2, 2: [] }], { 2: [], 1: 2 }), true);
    assert.equal(contains([{ 1: 2, 2: [] }], []), false);
    assert.equal(contains([true, false], false), true);
    assert.equal(contains([1, 2, 3, 4, 5, 6, 7, 8, 9], 5), true);
  });

  it('States.ArrayRange', () => {
    assert.deepEqual(evaluate('States.ArrayRange(1, 9, 2)'), [1, 3, 5, 7, 9]);
    assert.deepEqual(evaluate('States.ArrayRange(0, 10, 3)'), [0, 3, 6, 9]);
    assert.deepEqual(evaluate('States.ArrayRange(1, 9, 9)'), [1]);
    assert.deepEqual(evaluate('States.ArrayRange(5, 1, -2)'), [5, 3, 1]);
    assert.deepEqual(evaluate('States.ArrayRange(5, 1, 1)'), []);
    assert.deepEqual(evaluate('States.ArrayRange(0.5, 4.4, 1.5)'), [1, 3], 'decimals round half up');
    assert.equal((evaluate('States.ArrayRange(1, 1000, 1)') as number[]).length, 1000);
    assert.deepEqual(failure('States.ArrayRange(0, 1000, 1)'), invalid('States.ArrayRange(0, 1000, 1)', 'The range would have 1001 items; the maximum is 1000'));
    assert.deepEqual(failure('States.ArrayRange(0, 10, 0)'), invalid('States.ArrayRange(0, 10, 0)', 'The step must not be 0'));
  });

  it('States.ArrayGetItem', () => {
    assert.equal(evaluate('States.ArrayGetItem($.inputArray, $.index)', { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9], index: 5 }), 6);
    assert.deepEqual(
      failure('States.ArrayGetItem($.a, 3)', { a: [1, 2, 3] }),
      invalid('States.ArrayGetItem($.a, 3)', 'The index 3 is out of bounds for an array of length 3'),
    );
    assert.deepEqual(
      failure('States.ArrayGetItem($.a, -1)', { a: [1] }),
      invalid('States.ArrayGetItem($.a, -1)', 'The index must be a non-negative integer, but was -1'),
    );
  });

  it('States.ArrayLength and States.ArrayUnique', () => {
    const mixed = [null, null, true, true, false, 1, 1, 1.1, 'a', 'a', [], [], [null], [null], { a: 1, b: 2 }, { b: 2, a: 1 }, { a: 1, b: 1 }];
    assert.equal(evaluate('States.ArrayLength($.a)', { a: mixed }), 17);
    assert.deepEqual(evaluate('States.ArrayUnique($.a)', { a: mixed }), [null, true, false, 1, 1.1, 'a', [], [null], { a: 1, b: 2 }, { a: 1, b: 1 }]);
    assert.deepEqual(evaluate('States.ArrayUnique($.a)', { a: [1, 2, 3, 3, 3, 3, 3, 3, 4] }), [1, 2, 3, 4]);
    assert.deepEqual(
      failure("States.ArrayLength('abc')"),
      invalid("States.ArrayLength('abc')", `The argument 'array' must be an array, but was the string "abc"`),
    );
  });
});

describe('encoding and hashing', () => {
  it('States.Base64Encode and Base64Decode', () => {
    assert.equal(evaluate('States.Base64Encode($.v)', { v: 'Data to encode' }), 'RGF0YSB0byBlbmNvZGU=');
    assert.equal(evaluate('States.Base64Encode($.v)', { v: '' }), '');
    assert.equal(evaluate('States.Base64Decode($.v)', { v: 'RGF0YSB0byBlbmNvZGU=' }), 'Data to encode');
    assert.equal(evaluate('States.Base64Decode($.v)', { v: '' }), '');
    assert.equal(evaluate('States.Base64Decode(States.Base64Encode($.v))', { v: 'é😀' }), 'é😀');
    assert.deepEqual(failure("States.Base64Decode('not base64!')"), invalid("States.Base64Decode('not base64!')", 'The string "not base64!" is not valid Base64'));
    assert.equal((evaluate('States.Base64Encode($.v)', { v: 'a'.repeat(10000) }) as string).length, 13336);
    assert.deepEqual(
      failure('States.Base64Encode($.v)', { v: 'a'.repeat(10001) }),
      invalid('States.Base64Encode($.v)', 'The input string is 10001 characters long; the maximum is 10000'),
    );
  });

  it('States.Hash with every algorithm', () => {
    const hash = (algorithm: string) => evaluate('States.Hash($.d, $.a)', { d: 'input data', a: algorithm });
    assert.equal(hash('MD5'), '812f45842bc6d66ee14572ce20db8e86');
    assert.equal(hash('SHA-1'), 'aaff4a450a104cd177d28d18d74485e8cae074b7');
    assert.equal(hash('SHA-256'), 'b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3');
    assert.equal(hash('SHA-384'), 'd28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562');
    assert.equal(
      hash('SHA-512'),
      '6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4',
    );
    assert.deepEqual(
      failure("States.Hash('x', 'sha-256')"),
      invalid("States.Hash('x', 'sha-256')", "The hashing algorithm 'sha-256' is not supported; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512"),
    );
  });
});

describe('math', () => {
  it('States.MathAdd rounds half up before adding', () => {
    const add = (a: number, b: number) => evaluate('States.MathAdd($.a, $.b)', { a, b });
    const cases: [number, number, number][] = [
      [-9, 3, -6], [1.49, 1.5, 3], [-1.5, 0, -1], [-1.51, 0, -2], [0.5, 0, 1], [2.5, 0, 3], [-0.5, 0.5, 1],
      [-0.5, 0, 0], [-2.5, 0, -2], [1.5, 1.51, 4], [-3.5, 0, -3], [-1.49, -1.5, -2], [-1.5, -1.51, -3], [1.49, -1.49, 0],
    ];
    for (const [a, b, sum] of cases) assert.equal(add(a, b), sum, `${a} + ${b}`);
    assert.equal(evaluate('States.MathAdd(111, -1)'), 110);
    assert.ok(Object.is(add(-0.5, 0), 0), 'never -0');
    assert.deepEqual(
      failure("States.MathAdd('1', 2)"),
      invalid("States.MathAdd('1', 2)", `The argument 'value1' must be an integer, but was the string "1"`),
    );
    assert.deepEqual(
      failure('States.MathAdd(2147483648, 1)'),
      invalid('States.MathAdd(2147483648, 1)', 'The value 2147483648 is outside the integer range [-2147483648, 2147483647]'),
    );
  });

  it('States.MathRandom stays in [start, end) and repeats with a seed', () => {
    for (const [start, end] of [[12.5, 44.51], [9999, 99999], [-99999, -9999], [1, 999]]) {
      const value = evaluate('States.MathRandom($.s, $.e)', { s: start, e: end }) as number;
      assert.ok(Number.isInteger(value) && value >= Math.round(start) && value < Math.round(end), `${value} in [${start}, ${end})`);
    }
    const seeded = evaluate('States.MathRandom(0, 999, 3)');
    assert.equal(seeded, evaluate('States.MathRandom(0, 999, 3)'));
    assert.deepEqual(failure('States.MathRandom(5, 5)'), invalid('States.MathRandom(5, 5)', 'The end (5) must be greater than the start (5)'));
    assert.deepEqual(
      failure('States.MathRandom(-2147483648, 2147483647, 1)'),
      invalid('States.MathRandom(-2147483648, 2147483647, 1)', 'The range from -2147483648 to 2147483647 is wider than 2147483647'),
    );
  });
});

describe('States.StringSplit and States.UUID', () => {
  it('splits at any delimiter character and drops empty pieces', () => {
    const split = (s: string, d: string) => evaluate('States.StringSplit($.s, $.d)', { s, d });
    assert.deepEqual(split(' ', ','), [' ']);
    assert.deepEqual(split(', , ,', ','), [' ', ' ']);
    assert.deepEqual(split(',,,,', ','), []);
    assert.deepEqual(split('This.is+a,test=string', '.+,='), ['This', 'is', 'a', 'test', 'string']);
    assert.deepEqual(split('split on T and \nnew line', 'T\n'), ['split on ', ' and ', 'new line']);
    assert.deepEqual(evaluate("States.StringSplit('Hello\nWorld', '\n')"), ['Hello', 'World']);
    assert.deepEqual(split('1,2,3,4,5', ','), ['1', '2', '3', '4', '5']);
  });

  it('States.UUID returns a version 4 UUID', () => {
    const uuid = evaluate('States.UUID()') as string;
    assert.match(uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(uuid, evaluate('States.UUID()'));
  });
});

describe('unchecked calls at run time', () => {
  it('fails on unknown functions and wrong arity', () => {
    assert.deepEqual(failure('States.Nope(1)'), cause('States.Nope(1)', 'The function States.Nope is not supported'));
    assert.deepEqual(failure('States.ArrayLength()'), cause('States.ArrayLength()', 'States.ArrayLength takes 1 argument, but 0 were given'));
    assert.deepEqual(failure('States.UUID(1)'), cause('States.UUID(1)', 'States.UUID takes 0 arguments, but 1 was given'));
  });

  it('evaluates deeply nested calls (the shape of the developer guide example)', () => {
    const item = (n: number) => `States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), ${n})`;
    const text = `States.Format('{}.{}.{}', ${item(0)}, ${item(1)}, ${item(2)})`;
    const input = { ImageRecipe: { Arn: 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/test-recipe/1.2.3' } };
    assert.equal(evaluate(text, input), '1.2.3');
  });
});
