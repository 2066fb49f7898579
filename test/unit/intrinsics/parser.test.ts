import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { IntrinsicSyntaxError, looksLikeIntrinsic, parseIntrinsic } from '../../../server/src/core/intrinsics';

function syntaxError(text: string): { message: string; offset: number; length: number } {
  try {
    parseIntrinsic(text);
  } catch (error) {
    assert.ok(error instanceof IntrinsicSyntaxError, `expected IntrinsicSyntaxError, got ${error}`);
    return { message: error.message, offset: error.offset, length: error.length };
  }
  assert.fail(`expected a syntax error for ${text}`);
}

describe('parseIntrinsic', () => {
  it('parses every argument kind with offsets', () => {
    const text = "States.Format('a {} \\'b\\'', $.x, 12, -1.5e2, true, false, null, $$.Execution.Id, $var.k, States.UUID())";
    const call = parseIntrinsic(text);
    assert.equal(call.name, 'States.Format');
    assert.equal(call.start, 0);
    assert.equal(call.end, text.length);
    const kinds = call.args.map((a) => (a.kind === 'literal' ? a.value : a.kind === 'path' ? a.path : a.call.name));
    assert.deepEqual(kinds, ["a {} 'b'", '$.x', 12, -150, true, false, null, '$$.Execution.Id', '$var.k', 'States.UUID']);
    const second = call.args[1];
    assert.deepEqual([second.start, second.end], [text.indexOf('$.x'), text.indexOf('$.x') + 3]);
    const nested = call.args[9];
    assert.equal(text.slice(nested.start, nested.end), 'States.UUID()');
  });

  it('resolves the four escapes and keeps raw braces, newlines and double quotes', () => {
    const text = "States.StringToJson('{\"a\": \"\\\\ \\{\\}\"}\n')";
    assert.deepEqual(parseIntrinsic(text).args[0], { kind: 'literal', value: '{"a": "\\ {}"}\n', start: 20, end: text.length - 1 });
  });

  it('takes paths with filters, quoted names and brackets as one argument', () => {
    const call = parseIntrinsic("States.Array($.a[?(@.b == 'x, y)')], $['k)'][0], $)");
    assert.deepEqual(
      call.args.map((a) => (a.kind === 'path' ? a.path : undefined)),
      ["$.a[?(@.b == 'x, y)')]", "$['k)'][0]", '$'],
    );
  });

  it('allows blanks around tokens', () => {
    const call = parseIntrinsic('  States.MathAdd ( 1 ,\t2 )  ');
    assert.deepEqual([call.start, call.end, call.args.length], [2, 26, 2]);
  });

  it('locates syntax errors', () => {
    assert.deepEqual(syntaxError('$.a'), { message: 'Expected an intrinsic function call such as States.Format(...)', offset: 0, length: 3 });
    assert.deepEqual(syntaxError('States.(1)'), { message: "Expected a function name after 'States.'", offset: 7, length: 1 });
    assert.deepEqual(syntaxError('States.UUID'), { message: "Expected '(' after States.UUID", offset: 11, length: 1 });
    assert.deepEqual(syntaxError("States.Format('x'"), { message: "Missing ')' to close States.Format(", offset: 13, length: 1 });
    assert.deepEqual(syntaxError("States.Format('x', "), { message: "Missing ')' to close States.Format(", offset: 13, length: 1 });
    assert.deepEqual(syntaxError("States.Format('x',)"), { message: "Expected an argument after ','", offset: 17, length: 1 });
    assert.deepEqual(syntaxError("States.Format('abc"), { message: 'Unterminated string literal: missing closing quote', offset: 14, length: 4 });
    assert.deepEqual(syntaxError("States.Format('a\\nb')"), {
      message: "Invalid escape sequence in a string literal: only \\', \\{, \\} and \\\\ are allowed",
      offset: 16,
      length: 2,
    });
    assert.deepEqual(syntaxError('States.Array(1 2)'), { message: "Expected ',' or ')' after an argument of States.Array", offset: 15, length: 1 });
    assert.deepEqual(syntaxError('States.Array(12ab)'), { message: "Invalid number: unexpected 'ab'", offset: 13, length: 4 });
    assert.deepEqual(syntaxError('States.Array(True)'), {
      message: "Unexpected 'True': an argument is a string in single quotes, a number, true, false, null, a path starting with $, or a States. call",
      offset: 13,
      length: 4,
    });
    assert.deepEqual(syntaxError('States.Array("x")').offset, 13);
    assert.deepEqual(syntaxError('States.Array($.a[0)'), { message: "Unbalanced ')' in path", offset: 18, length: 1 });
    assert.deepEqual(syntaxError('States.Array($.a]) '), { message: "Unbalanced ']' in path", offset: 16, length: 1 });
    assert.deepEqual(syntaxError("States.Array($['a)"), { message: 'Unterminated quoted name in path', offset: 13, length: 5 });
    assert.deepEqual(syntaxError('States.Array($.a[0'), { message: "Missing ']' in path", offset: 13, length: 5 });
    assert.deepEqual(syntaxError('States.UUID() x'), { message: 'Unexpected text after the intrinsic function call', offset: 14, length: 1 });
  });

  it('refuses absurd nesting with a located syntax error instead of overflowing the stack', () => {
    const nested = (depth: number) => `${'States.Array('.repeat(depth)}1${')'.repeat(depth)}`;
    assert.equal(parseIntrinsic(nested(11)).args[0].kind, 'call');
    assert.throws(() => parseIntrinsic(nested(20_000)), (error: unknown) =>
      error instanceof IntrinsicSyntaxError && /nested more than 1000 deep/.test(error.message));
  });

  it('never throws anything but IntrinsicSyntaxError, and offsets stay inside the text', () => {
    const pieces = fc.constantFrom('States.', 'Format', 'Array', '(', ')', ',', "'", '\\', '$', '$$', '.a', '[', ']', '1', '-', 'true', ' ', '{}', '"', 'States.UUID()');
    const texts = fc.oneof(fc.string(), fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join('')));
    fc.assert(
      fc.property(texts, (text) => {
        try {
          parseIntrinsic(text);
        } catch (error) {
          if (!(error instanceof IntrinsicSyntaxError)) return false;
          return error.offset >= 0 && error.offset + error.length <= text.length + 1;
        }
        return true;
      }),
      { numRuns: 2000 },
    );
  });
});

describe('looksLikeIntrinsic', () => {
  it('recognises States. calls and not paths', () => {
    assert.equal(looksLikeIntrinsic('States.Format($.a)'), true);
    assert.equal(looksLikeIntrinsic(' States.UUID()'), true);
    assert.equal(looksLikeIntrinsic('States.(1)'), true);
    assert.equal(looksLikeIntrinsic('States.ALL'), false);
    assert.equal(looksLikeIntrinsic('$.States.x'), false);
    assert.equal(looksLikeIntrinsic('$'), false);
  });
});
