// Our JSON tree builder gives exactly the tree, syntax errors and comment ranges of
// vscode-json-languageservice's parseJSONDocument, which every feature was written against:
// on generated JSON, on JSON with comments, and on texts edited at random into every kind of error.
// Its document answers the node at every offset and the syntax diagnostics as the language service's does.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { getLanguageService, type ASTNode, type JSONDocument } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { getLanguageService as getAslLanguageService } from '../../../server/src/languageService';
import { syntaxDiagnostics } from '../../../server/src/languageService/jsonDocument';
import { parseJsonDocument } from '../../../server/src/languageService/jsonTree';
import { MAX_NESTING, offsetBeyondNesting } from '../../../server/src/languageService/nesting';

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
  const actual = parseJsonDocument(textDocument) as Parsed;
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

  it('finds the node at every offset, its end included or not, and gives the syntax diagnostics of the language service', async () => {
    /** A node as plain data to compare. */
    const where = (node: ASTNode | undefined) => node && { type: node.type, offset: node.offset, length: node.length };
    const texts = fc.oneof(jsonText, editedText, fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join('')));
    await fc.assert(fc.asyncProperty(texts, async (text) => {
      const textDocument = TextDocument.create('file:///machine.asl.json', 'asl', 1, text);
      const expected = jsonService.parseJSONDocument(textDocument);
      const actual = parseJsonDocument(textDocument);
      for (let offset = 0; offset <= text.length; offset++) {
        for (const includeRightBound of [false, true]) {
          assert.deepEqual(where(actual.getNodeFromOffset(offset, includeRightBound)), where(expected.getNodeFromOffset(offset, includeRightBound)), `${JSON.stringify(text)} at ${offset}`);
        }
      }
      const diagnostics = await jsonService.doValidation(textDocument, expected, { comments: 'error', trailingCommas: 'error' });
      assert.deepEqual(syntaxDiagnostics(actual), diagnostics, `diagnostics of ${JSON.stringify(text)}`);
    }), { numRuns: 400 });
  });

  it('refuses a text nested deeper than AWS accepts at the bracket the check of nesting finds, comments included', () => {
    /** The offset of the one error of a text refused for its nesting. */
    const tooDeep = (text: string) => {
      const textDocument = TextDocument.create('file:///deep.asl.json', 'asl', 1, text);
      const json = parseJsonDocument(textDocument) as Parsed;
      assert.equal(json.root, undefined);
      assert.deepEqual(json.syntaxErrors.map(({ message }) => message), [`Nested more than ${MAX_NESTING} levels deep: the document is not read further.`]);
      return textDocument.offsetAt(json.syntaxErrors[0].range.start);
    };
    const deep = '['.repeat(MAX_NESTING + 5);
    assert.equal(tooDeep(deep), MAX_NESTING);
    // The check counts the brackets of comments, which the parse does not read as brackets.
    for (const text of [`/* [[[ */${deep}`, `{"a": 1} // {{{{\n${'{"a":'.repeat(MAX_NESTING - 2)}`]) {
      assert.equal(tooDeep(text), offsetBeyondNesting(text), text.slice(0, 20));
    }
    assertSameParse(`/* ]]] */${'['.repeat(MAX_NESTING)}`);
    // Where the check finds no level too deep but the parse goes deeper (a string cut by a line end reads on to
    // the end in the check; stray closing brackets lower its count), the level the parse reaches is refused:
    // the language service's parser overflowed its stack on the second.
    assert.equal(tooDeep(`["[[[\n${deep}`), 6 + MAX_NESTING - 1);
    assert.equal(tooDeep('[},'.repeat(MAX_NESTING * 50)), 3 * MAX_NESTING);
  });

  it('gives the validator every repeated key, "//" included, in small and large objects', async () => {
    const service = getAslLanguageService();
    const states = Array.from({ length: 20 }, (_, i) => `"S${i}": {"Type": "Succeed"}`).join(', ');
    const text = `{"//": "a", "StartAt": "S0", "//": "b", "States": {${states}, "S3": {"Type": "Succeed"}}, "\\u0053tartAt": "S1"}`;
    const diagnostics = await service.doValidation(service.parse(TextDocument.create('file:///keys.asl.json', 'asl', 1, text)));
    const repeated = diagnostics.filter(({ message }) => String(message).startsWith('Duplicate object key'));
    assert.deepEqual(repeated.map(({ message, range }) => [message, text.slice(range.start.character, range.end.character)]), [
      ["Duplicate object key '//': only its last value counts", '"//"'],
      ["Duplicate object key 'S3': only its last value counts", '"S3"'],
      ["Duplicate object key 'StartAt': only its last value counts", '"\\u0053tartAt"'],
    ]);
  });
});
