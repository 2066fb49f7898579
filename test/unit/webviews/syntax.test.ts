import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { tokenize, type Token } from '../../../client/src/webviews/executionView/syntax';
import { helloWorldTemplate } from '../../../server/src/core/templates';
import { stringify } from 'yaml';

/** The tokens that are not plain text, as [kind, text]. */
const coloured = (tokens: Token[]) => tokens.filter((token) => token.kind !== 'plain').map((token) => [token.kind, token.text]);

describe('definition syntax colouring', () => {
  it('colours JSON keys, strings, numbers, literals and punctuation, and keeps the text whole', () => {
    const text = '{\n  "StartAt": "A",\n  "States": {"A": {"Type": "Wait", "Seconds": 1.5e2, "End": true, "X": null, "Y": -3}}\n}';
    const tokens = tokenize(text, 'json');
    assert.equal(tokens.map((token) => token.text).join(''), text);
    assert.deepEqual(coloured(tokens).filter(([kind]) => kind !== 'punctuation'), [
      ['key', '"StartAt"'], ['string', '"A"'], ['key', '"States"'], ['key', '"A"'], ['key', '"Type"'], ['string', '"Wait"'],
      ['key', '"Seconds"'], ['number', '1.5e2'], ['key', '"End"'], ['literal', 'true'], ['key', '"X"'], ['literal', 'null'], ['key', '"Y"'], ['number', '-3'],
    ]);
    assert.deepEqual(coloured(tokens).filter(([kind]) => kind === 'punctuation').map(([, part]) => part).join(''), '{:,:{:{:,:,:,:,:}}}');
  });

  it('colours a JSON string with escaped quotes as one string, and an unterminated one to its line end', () => {
    assert.deepEqual(coloured(tokenize('{"a": "say \\"hi\\"", "b": "open\n}', 'json')), [
      ['punctuation', '{'], ['key', '"a"'], ['punctuation', ':'], ['string', '"say \\"hi\\""'], ['punctuation', ','],
      ['key', '"b"'], ['punctuation', ':'], ['string', '"open'], ['punctuation', '}'],
    ]);
  });

  it('colours YAML keys, sequence items, scalars, comments and block scalars', () => {
    const text = [
      '# The machine',
      'StartAt: Pass',
      'States:',
      '  Pass:',
      '    Type: Pass   # a comment',
      '    Result: {a: 1, "b": [true, ~]}',
      '    Comment: |',
      '      Two lines: of text',
      '      # not a comment',
      '    Retry:',
      '      - ErrorEquals: ["States.ALL"]',
      '        MaxAttempts: 3',
      '    Resource: arn:aws:states:::lambda:invoke',
      '    Anchor: &x value',
      '    Odd: a#b',
      '    End: true',
    ].join('\n');
    const tokens = tokenize(text, 'yaml');
    assert.equal(tokens.map((token) => token.text).join(''), text);
    const kinds = new Map<string, string[]>();
    for (const [kind, part] of coloured(tokens)) kinds.set(kind, [...(kinds.get(kind) ?? []), part.trim()]);
    assert.deepEqual(kinds.get('key'), ['StartAt', 'States', 'Pass', 'Type', 'Result', 'Comment', 'Retry', 'ErrorEquals', 'MaxAttempts', 'Resource', 'Anchor', 'Odd', 'End']);
    assert.deepEqual(kinds.get('comment'), ['# The machine', '# a comment']);
    assert.deepEqual(kinds.get('number'), ['1', '3']);
    assert.deepEqual(kinds.get('literal'), ['true', '~', '&x', 'true']);
    assert.ok(kinds.get('string')!.includes('Two lines: of text\n      # not a comment'), 'a block scalar is text, "#" included');
    assert.ok(kinds.get('string')!.includes('arn:aws:states:::lambda:invoke'));
    assert.ok(kinds.get('string')!.includes('"States.ALL"'));
  });

  it('keeps every character of the Hello World template, in JSON and in YAML', () => {
    for (const [text, language] of [[JSON.stringify(helloWorldTemplate.definition, null, 2), 'json'], [stringify(helloWorldTemplate.definition), 'yaml']] as const) {
      assert.equal(tokenize(text, language).map((token) => token.text).join(''), text);
    }
  });
});
