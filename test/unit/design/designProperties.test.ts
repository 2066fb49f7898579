// Random sequences of design operations on every definition of the AWS-recorded corpus, in JSON
// and in YAML: each result validates (a state the designer leaves unattached may be unreachable,
// nothing else), each edit stays inside the states it is about, and the state it selects exists.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { stringify } from 'yaml';
import type { DesignOperation } from '../../../server/src/protocol';
import type { AslDocument, JsonPath, StateEntry } from '../../../server/src/languageService/aslDocument';
import { pathKey, referencesTo, stateIndex } from '../../../server/src/languageService/stateIndex';
import { CORPUS_DIR } from '../corpus';
import { service } from '../languageService/editingFixtures';
import { errors, operations } from './randomOperations';

/** Runs per definition and language; the corpus has about 400 definitions, so the whole run stays within seconds. */
const RUNS_PER_DEFINITION = 2;
const MAX_OPERATIONS = 4;

function caseFiles(directory: string): string[] {
  return readdirSync(directory).sort().flatMap((entry) => {
    const path = join(directory, entry);
    return statSync(path).isDirectory() ? caseFiles(path) : entry.endsWith('.json') ? [path] : [];
  });
}

/** The corpus's distinct definitions AWS accepted. */
function corpusDefinitions(): { name: string; definition: unknown }[] {
  const byText = new Map<string, { name: string; definition: unknown }>();
  for (const file of existsSync(CORPUS_DIR) ? caseFiles(CORPUS_DIR) : []) {
    const testCase = JSON.parse(readFileSync(file, 'utf8')) as { name: string; definition: unknown; validation?: { valid: boolean } };
    if (testCase.validation?.valid === false) continue;
    const key = JSON.stringify(testCase.definition);
    if (!byText.has(key)) byText.set(key, { name: testCase.name, definition: testCase.definition });
  }
  return [...byText.values()];
}

function parse(text: string, languageId: string): AslDocument {
  return service.parse(TextDocument.create(languageId === 'asl-yaml' ? 'file:///design.asl.yaml' : 'file:///design.asl.json', languageId, 1, text));
}

/**
 * The states an operation may change: the ones it names, those whose transitions lead to them
 * (they are re-pointed), and every state around those or around the machine it names (a nested
 * state's text is inside them).
 */
function mayChange(document: AslDocument, operation: DesignOperation): StateEntry[] {
  const edge = operation.kind === 'setTarget' ? operation.edge : operation.kind === 'insertState' && 'edge' in operation.on ? operation.on.edge : undefined;
  const paths = [
    'state' in operation ? operation.state : undefined,
    edge && ('from' in edge ? edge.from : edge.startAt),
    operation.kind === 'insertState' && 'machine' in operation.on ? operation.on.machine : undefined,
  ].flatMap((path) => (path ? [path] : []));
  const named = paths.flatMap((path) => [stateIndex(document).statesByPath.get(pathKey(path))].filter((state) => state !== undefined));
  const referring = named.flatMap((state) => referencesTo(document, state).flatMap((reference) => (reference.from ? [reference.from.path] : [])));
  const changed = [...paths, ...referring];
  const within = (inner: JsonPath, outer: JsonPath) => outer.every((segment, index) => inner[index] === segment);
  // A deleted state goes with the states it holds.
  const removed = operation.kind === 'deleteState' ? operation.state : undefined;
  return document.states.filter((state) => changed.some((inner) => within(inner, state.path)) || (removed && within(state.path, removed)));
}

/** Whether an edit's range reaches into [start, end): an insertion at either end does not. */
function reachesInto(document: AslDocument, edit: TextEdit, start: number, end: number): boolean {
  const from = document.textDocument.offsetAt(edit.range.start);
  const to = document.textDocument.offsetAt(edit.range.end);
  return from === to ? from > start && from < end : from < end && to > start;
}

function commentLines(text: string): string[] {
  return text.split('\n').filter((line) => /^\s*#/.test(line));
}

const corpus = corpusDefinitions();

test('the corpus is there', () => {
  assert.ok(corpus.length > 300, `${corpus.length} definitions in ${CORPUS_DIR}`);
});

for (const languageId of ['asl', 'asl-yaml']) {
  test(`random design operations on every corpus definition keep it valid and touch only their region (${languageId})`, async () => {
    let applied = 0;
    for (const { name, definition } of corpus) {
      const start = languageId === 'asl' ? JSON.stringify(definition, null, 2) : `# ${name}\n${stringify(definition)}`;
      if ((await errors(parse(start, languageId))).length > 0) continue;
      await fc.assert(fc.asyncProperty(fc.array(fc.nat(), { minLength: 1, maxLength: MAX_OPERATIONS }), async (picks) => {
        let document = parse(start, languageId);
        for (const pick of picks) {
          const candidates = operations(document);
          const operation = candidates[pick % candidates.length];
          const result = service.designEdit(document, operation);
          if (!('edit' in result)) continue;
          const edits = result.edit.changes?.[document.textDocument.uri] ?? [];
          const changeable = new Set(mayChange(document, operation).map((state) => state.property));
          for (const state of document.states) {
            if (changeable.has(state.property)) continue;
            const touching = edits.find((edit) => reachesInto(document, edit, state.property.offset, state.property.offset + state.property.length));
            assert.equal(touching, undefined, `${JSON.stringify(operation)} edits "${state.name}" (${JSON.stringify(touching)}) in ${name}`);
          }
          const text = TextDocument.applyEdits(document.textDocument, edits);
          const next = parse(text, languageId);
          assert.deepEqual(await errors(next), [], `${JSON.stringify(operation)} on ${name}:\n${text}`);
          if (result.select) assert.ok(stateIndex(next).statesByPath.has(pathKey(result.select)), `${JSON.stringify(operation)} selects ${pathKey(result.select)}, which is not in\n${text}`);
          if (operation.kind !== 'deleteState' && languageId === 'asl-yaml') assert.deepEqual(commentLines(text), commentLines(document.textDocument.getText()));
          document = next;
          applied++;
        }
      }), { numRuns: RUNS_PER_DEFINITION, seed: 18, includeErrorInReport: true });
    }
    assert.ok(applied > corpus.length, `only ${applied} operations applied`);
  });
}
