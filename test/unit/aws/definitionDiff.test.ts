// The diff Publish shows: canonical JSON (keys sorted), and a unified diff that `patch` would apply.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import * as fc from 'fast-check';
import { canonicalJson, unifiedDiff } from '../../../server/src/execution/remote/definitionDiff';

/** Applies a unified diff as `patch` does, checking every context and removed line against the text. */
function applyDiff(before: string, diff: string): string {
  const source = before === '' ? [] : before.replace(/\n$/, '').split('\n');
  const result: string[] = [];
  let next = 0;
  const lines = diff.split('\n').slice(2, -1);
  for (const line of lines) {
    const hunk = /^@@ -(\d+),(\d+) \+\d+,\d+ @@$/.exec(line);
    if (hunk) {
      const start = Number(hunk[2]) === 0 ? Number(hunk[1]) : Number(hunk[1]) - 1;
      while (next < start) result.push(source[next++]);
    } else if (line.startsWith('+')) result.push(line.slice(1));
    else {
      assert.equal(source[next], line.slice(1), `line ${next + 1} of the diff's source`);
      if (line.startsWith(' ')) result.push(source[next]);
      next++;
    }
  }
  while (next < source.length) result.push(source[next++]);
  return result.length ? `${result.join('\n')}\n` : '';
}

describe('the definition diff', () => {
  it('puts keys in one order at every level', () => {
    assert.equal(canonicalJson({ b: [{ z: 1, a: 2 }], a: null }), '{\n  "a": null,\n  "b": [\n    {\n      "a": 2,\n      "z": 1\n    }\n  ]\n}\n');
  });

  it('is empty for the same text, and shows separate hunks with three lines of context', () => {
    assert.equal(unifiedDiff('a\n', 'a\n', 'x', 'y'), '');
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const after = before.replace('line 2\n', 'line two\n').replace('line 18\n', '');
    assert.equal(unifiedDiff(before, after, 'deployed', 'local'), [
      '--- deployed', '+++ local',
      '@@ -1,5 +1,5 @@', ' line 1', '-line 2', '+line two', ' line 3', ' line 4', ' line 5',
      '@@ -15,6 +15,5 @@', ' line 15', ' line 16', ' line 17', '-line 18', ' line 19', ' line 20', '',
    ].join('\n'));
  });

  it('applies back to the new text, whatever the change', () => {
    const text = fc.array(fc.constantFrom('{', '}', '"a": 1,', '"b": 2,', '"c": [', ']'), { maxLength: 40 }).map((lines) => lines.map((line) => `${line}\n`).join(''));
    fc.assert(fc.property(text, text, (before, after) => {
      assert.equal(applyDiff(before, unifiedDiff(before, after, 'a', 'b')), after);
    }), { numRuns: 300 });
  });
});
