// Our JSON tree builder gives exactly the tree, syntax errors and comment ranges of
// vscode-json-languageservice's parseJSONDocument, which every feature was written against:
// on generated JSON, on JSON with comments, and on texts edited at random into every kind of error.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { getLanguageService, type ASTNode, type JSONDocument } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { parseJsonDocument } from '../../../server/src/languageService/jsonTree';

const jsonService = getLanguageService({});

/** What the language service's JSONDocument holds beside its tree (its validation reads them). */
type Parsed = JSONDocument & { syntaxErrors: Diagnostic[]; comments: Range[] };

/** Every field a consumer reads, and the parent of every node, as plain data to compare. */
function shape(node: ASTNode | undefined, parent?: ASTNode): unknown {
  if (!node) return undefined;
  assert.equal(node.parent, parent, `the parent of the ${node.type} at ${node.offset}`);
  const common = { type: node.type, offset: node.offset, length: node.length, children: node.children?.length };
  switch (node.type) {
    case 'object': return { ...common, properties: node.properties.map((property) => shape(property, node)) };
    case 'array': return { ...common, items: node.items.map((item) => shape(item, node)) };
    case 'property': return { ...common, colonOffset: node.colonOffset, keyNode: shape(node.keyNode, node), valueNode: shape(node.valueNode, node), hasValue: 'valueNode' in node };
    case 'number': return { ...common, value: node.value, isInteger: node.isInteger };
    default: return { ...common, value: node.value };
  }
}

function assertSameParse(text: string, languageId = 'asl'): void {
  const textDocument = TextDocument.create('file:///machine.asl.json', languageId, 1, text);
  const expected = jsonService.parseJSONDocument(textDocument) as Parsed;
  const actual = parseJsonDocument(jsonService, textDocument) as Parsed;
  assert.deepEqual(shape(actual.root), shape(expected.root), `tree of ${JSON.stringify(text)}`);
  assert.deepEqual(actual.syntaxErrors, expected.syntaxErrors, `syntax errors of ${JSON.stringify(text)}`);
  assert.deepEqual(actual.comments, expected.comments, `comments of ${JSON.stringify(text)}`);
}

/** Pieces that make and break JSON: structure, literals cut short, escapes, comments, control and odd white space. */
const PIECES = ['{', '}', '[', ']', ':', ',', '"', '\\', '/', '*', '//', '/*', '*/', '\n', '\r\n', '\r', ' ', '\t', '-', '0', '7', '.', 'e', 'E', '+',
  'true', 'tru', 'null', 'false', 'x', '\\u00e9', '\\u12', '\\q', '\u0001', '\u00a0', '\f', '"a"', '"//"', '1e400', '-0', '12345678901234567890'];

const piece = fc.constantFrom(...PIECES);
const jsonText = fc.tuple(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(undefined, 2, '\t')).map(([value, indent]) => JSON.stringify(value, null, indent) ?? 'null');
/** A JSON text with pieces inserted and spans deleted at random places. */
const editedText = fc.tuple(jsonText, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 4 }), fc.array(piece, { maxLength: 3 })), { minLength: 1, maxLength: 5 }))
  .map(([text, edits]) => edits.reduce((result, [at, remove, insert]) => {
    const offset = at % (result.length + 1);
    return result.slice(0, offset) + insert.join('') + result.slice(offset + remove);
  }, text));

describe('JSON tree builder', () => {
  it('builds the language service tree of valid JSON, indented or not', () => {
    fc.assert(fc.property(jsonText, (text) => assertSameParse(text)), { numRuns: 300 });
  });

  it('builds the same tree, errors and comment ranges when a text is edited at random', () => {
    fc.assert(fc.property(editedText, (text) => assertSameParse(text)), { numRuns: 1500 });
  });

  it('builds the same from texts made only of pieces that break JSON', () => {
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join('')), (text) => assertSameParse(text)), { numRuns: 1500 });
  });

  it('reports repeated keys like the language service, in small objects and in large ones', () => {
    const keys = Array.from({ length: 60 }, (_, i) => `"k${i % 23}": ${i}`);
    assertSameParse(`{${keys.join(', ')}}`);
    assertSameParse('{"a": 1, "//": 2, "a": 3, "//": 4, "a": 5, "__proto__": 6, "__proto__": 7}');
  });

  it('keeps the edge cases of the scanner: cut numbers, escapes, unclosed comments, a document of one word', () => {
    for (const text of ['', ' \n', '-', '1.', '1e', '1e+', '01', '"\\u12x"', '"\\', '"a\nb"', '/*', '/* open', '{/*\r\n', '{"a": 1} /* open', '{a: 1}', 'truex', '[1 2]', '{"a" "b"}', '{"a"\n"b": 1}', '{"x":}', '[,]', '{,}']) {
      assertSameParse(text);
    }
    assertSameParse('{"a": 1,}', 'json');
  });
});
