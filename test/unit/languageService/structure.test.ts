import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parse, service } from './editingFixtures';

const JSON_TEXT = '{\n  "StartAt": "A",\n  "States": {\n    "A": {\n      "Type": "Succeed"\n    }\n  }\n}\n';
const YAML_TEXT = 'StartAt: A\nStates:\n  A:\n    Type: Succeed\n    Comment: x\n';

describe('folding ranges', () => {
  it('folds JSON objects (delegated to vscode-json-languageservice)', () => {
    const ranges = service.getFoldingRanges(parse(JSON_TEXT)).map(({ startLine, endLine }) => [startLine, endLine]);
    assert.deepEqual(ranges.sort((a, b) => a[0] - b[0]), [[0, 6], [2, 5], [3, 4]]);
  });

  it('folds YAML mappings under their key', () => {
    assert.deepEqual(service.getFoldingRanges(parse(YAML_TEXT, 'asl-yaml')).map(({ startLine, endLine }) => [startLine, endLine]), [[0, 4], [1, 4], [2, 4]]);
  });
});

describe('selection ranges', () => {
  it('expands from a JSON value outwards', () => {
    const [selection] = service.getSelectionRanges(parse(JSON_TEXT), [{ line: 4, character: 16 }]);
    assert.deepEqual(selection.range, { start: { line: 4, character: 15 }, end: { line: 4, character: 22 } });
    assert.deepEqual(selection.parent?.range, { start: { line: 4, character: 14 }, end: { line: 4, character: 23 } });
    assert.deepEqual(selection.parent?.parent?.range, { start: { line: 4, character: 6 }, end: { line: 4, character: 23 } });
  });

  it('expands from a YAML value outwards', () => {
    const [selection] = service.getSelectionRanges(parse(YAML_TEXT, 'asl-yaml'), [{ line: 3, character: 12 }]);
    assert.deepEqual(selection.range, { start: { line: 3, character: 10 }, end: { line: 3, character: 17 } });
    assert.deepEqual(selection.parent?.range, { start: { line: 3, character: 4 }, end: { line: 3, character: 17 } });
  });
});

describe('formatting', () => {
  it('formats JSON with the given options', () => {
    const document = parse('{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}');
    const formatted = TextDocument.applyEdits(document.textDocument, service.format(document, undefined, { tabSize: 2, insertSpaces: true }));
    assert.equal(formatted, '{\n  "StartAt": "A",\n  "States": {\n    "A": {\n      "Type": "Succeed"\n    }\n  }\n}');
  });

  it('formats YAML, and leaves a YAML document with errors alone', () => {
    const document = parse('StartAt:   A\nStates:\n    A:\n        Type: Succeed\n', 'asl-yaml');
    const formatted = TextDocument.applyEdits(document.textDocument, service.format(document, undefined, { tabSize: 2, insertSpaces: true }));
    assert.equal(formatted, 'StartAt: A\nStates:\n  A:\n    Type: Succeed\n');
    assert.deepEqual(service.format(parse('StartAt: [\n', 'asl-yaml'), undefined, { tabSize: 2, insertSpaces: true }), []);
  });
});
