// Random truncations and edits of valid documents never make an editing feature throw.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DiagnosticCode } from '../../../server/src/core/validation/codes';
import { templates, templateText } from '../../../server/src/core/templates';
import { RenameError } from '../../../server/src/languageService';
import { MAX_NESTING } from '../../../server/src/languageService/nesting';
import { NESTED, parse, service } from './editingFixtures';

const JSONATA = JSON.stringify({
  QueryLanguage: 'JSONata', StartAt: 'Read',
  States: {
    Read: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { Payload: '{% $states.input %}' }, Assign: { n: '{% $states.result.Payload.n %}' }, Next: 'Loop' },
    Loop: { Type: 'Map', Items: '{% $range(1, $n, 1) %}', ItemProcessor: { StartAt: 'One', States: { One: { Type: 'Pass', Output: '{% $states.input * 2 %}', End: true } } }, Next: 'Decide' },
    Decide: { Type: 'Choice', Choices: [{ Condition: '{% $count($states.input) > 2 %}', Next: 'Done' }], Default: 'Done' },
    Done: { Type: 'Succeed' },
  },
}, null, 2);

const YAML = 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Result: &r {x: 1}\n    Next: "B c"\n  "B c":\n    <<: {Type: Choice}\n    Choices:\n      - Variable: $.x\n        NumericEquals: 1\n        Next: A\n    Default: A\n';

const YAML_BRANCHES = `QueryLanguage: JSONata
StartAt: Fork
States:
  Fork:
    Type: Parallel
    Branches:
      - StartAt: One
        States:
          One: &leaf {Type: Pass, Output: '{% $states.input %}', End: true}
      - StartAt: Two
        States:
          Two: *leaf
    Assign: {total: '{% $count($states.result) %}'}
    Next: Map it
  'Map it':
    Type: Map
    Items: '{% [1, 2] %}'
    ItemProcessor:
      ProcessorConfig: {Mode: INLINE}
      StartAt: Each
      States:
        Each: {Type: Succeed}
    End: true
`;

const SOURCES: [string, string][] = [
  [NESTED, 'asl'], [JSONATA, 'asl'], [templateText(templates[0]), 'asl'], [YAML, 'asl-yaml'], [YAML_BRANCHES, 'asl-yaml'],
];

/** An edit: cut the text at a point, delete a span, or insert characters that matter to the syntax. */
const editArbitrary = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '$', '.', '%', '\n', ' ', '-', '&', '*', '\\', 'a', '1'), maxLength: 6 }) }),
);

type Edit = { kind: 'truncate'; at: number } | { kind: 'delete'; at: number; length: number } | { kind: 'insert'; at: number; text: string };

function applyEdit(text: string, edit: Edit): string {
  const at = edit.at % (text.length + 1);
  if (edit.kind === 'truncate') return text.slice(0, at);
  if (edit.kind === 'delete') return text.slice(0, at) + text.slice(at + edit.length);
  return text.slice(0, at) + edit.text + text.slice(at);
}

function exerciseEverything(text: string, languageId: string, probe: number, newName: string): void {
  const document = parse(text, languageId);
  const position = document.textDocument.positionAt(probe % (text.length + 1));
  const range = { start: position, end: position };
  service.doComplete(document, position);
  service.doHover(document, position);
  service.findDefinition(document, position);
  service.findReferences(document, position, true);
  service.prepareRename(document, position);
  try {
    service.doRename(document, position, newName);
  } catch (error) {
    if (!(error instanceof RenameError)) throw error;
  }
  service.findDocumentSymbols(document);
  service.getFoldingRanges(document);
  service.getSelectionRanges(document, [position]);
  service.format(document, undefined, { tabSize: 2, insertSpaces: true });
  service.findCodeLenses(document);
  const diagnostics = [DiagnosticCode.unknownTarget, DiagnosticCode.unreachableState, DiagnosticCode.missingTransition].map((code) =>
    ({ range, message: 'fuzz', code, data: { target: newName, state: newName } }));
  service.doCodeActions(document, range, diagnostics);
}

describe('editing features under hostile input', () => {
  it('never throw on random truncations and edits of valid documents', () => {
    fc.assert(fc.property(
      fc.constantFrom(...SOURCES), fc.array(editArbitrary, { minLength: 1, maxLength: 4 }), fc.nat(), fc.string({ maxLength: 90 }),
      ([source, languageId], edits, probe, newName) => {
        const text = edits.reduce(applyEdit, source);
        exerciseEverything(text, languageId, probe, newName);
      },
    ), { numRuns: Number(process.env.FUZZ_RUNS ?? 400) });
  });

  it('never throw at any position of a valid document', () => {
    for (const [source, languageId] of SOURCES) {
      for (let offset = 0; offset <= source.length; offset += 3) exerciseEverything(source, languageId, offset, 'Renamed');
    }
    assert.ok(true);
  });

  it('refuses JSON nested deeper than the limit with one located error', async () => {
    const depth = MAX_NESTING * 20;
    const text = `{"StartAt":"A","States":{"A":{"Type":"Pass","Result":${'['.repeat(depth)}${']'.repeat(depth)},"End":true}}}`;
    exerciseEverything(text, 'asl', text.length / 2, 'B');
    const diagnostics = await service.doValidation(parse(text));
    assert.deepEqual(diagnostics.map(({ message, range }) => [message, range.start]), [
      [`Nested more than ${MAX_NESTING} levels deep: the document is not read further.`, { line: 0, character: text.indexOf('[') + MAX_NESTING - 3 }],
    ]);
    exerciseEverything(`a: ${'['.repeat(depth)}${']'.repeat(depth)}`, 'asl-yaml', depth, 'B');
  });

  it('handles weird state names', () => {
    const names = ['', ' ', '"', '\\', '$', '{% %}', '\u0000', '😀'.repeat(30), 'a'.repeat(200), '__proto__', 'constructor'];
    const states = Object.fromEntries(names.map((name, index) => [name, { Type: 'Pass', Next: names[(index + 1) % names.length] }]));
    const text = JSON.stringify({ StartAt: names[0], States: states }, null, 1);
    const document = parse(text);
    assert.equal(document.states.length, names.length);
    for (let offset = 0; offset <= text.length; offset += 2) exerciseEverything(text, 'asl', offset, 'x');
  });
});
