import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RenameError } from '../../../server/src/languageService';
import type { AslDocument } from '../../../server/src/languageService/aslDocument';
import { NESTED, parse, positionOf, service } from './editingFixtures';

function renamed(document: AslDocument, position: ReturnType<typeof positionOf>, newName: string): string {
  const edit = service.doRename(document, position, newName);
  return TextDocument.applyEdits(document.textDocument, edit?.changes?.[document.textDocument.uri] ?? []);
}

describe('rename', () => {
  const document = parse(NESTED);

  it('prepares on a state name or a reference, without the quotes', () => {
    assert.deepEqual(service.prepareRename(document, positionOf(document, '"Check": {', 3)), {
      range: { start: positionOf(document, '"Check": {', 1), end: positionOf(document, '"Check": {', 6) }, placeholder: 'Check',
    });
    assert.equal(service.prepareRename(document, positionOf(document, '"Next": "Check"', 10))?.placeholder, 'Check');
    assert.equal(service.prepareRename(document, positionOf(document, 'It failed')), null);
  });

  it('renames a state and every reference to it in its scope only', () => {
    const result = JSON.parse(renamed(document, positionOf(document, '"Done": {', 2, 1), 'All done'));
    assert.ok(result.States['All done'] && !result.States.Done);
    assert.equal(result.States.Check.Choices[0].Next, 'All done');
    const branch = result.States.Fork.Branches[0];
    assert.ok(branch.States.Done, 'the branch\'s Done is another state');
    assert.equal(branch.States.Work.Next, 'Done');
  });

  it('renames inside a branch without touching the top level', () => {
    const result = JSON.parse(renamed(document, positionOf(document, '"Next": "Done"', 10, 0), 'Finished'));
    const branch = result.States.Fork.Branches[0];
    assert.equal(branch.States.Work.Next, 'Finished');
    assert.equal(branch.States.Work.Catch[0].Next, 'Finished');
    assert.ok(branch.States.Finished && result.States.Done);
  });

  it('escapes names that need it', () => {
    const result = JSON.parse(renamed(document, positionOf(document, '"Check": {', 2), 'Say "hi" \\ now'));
    assert.equal(result.States.Fork.Next, 'Say "hi" \\ now');
  });

  it('rejects a name that clashes in the same scope, an empty name and a too long one', () => {
    assert.throws(() => service.doRename(document, positionOf(document, '"Check": {', 2), 'Failed'), (error: Error) =>
      error instanceof RenameError && error.message === 'A state named "Failed" already exists in this state machine.');
    assert.throws(() => service.doRename(document, positionOf(document, '"Work": {', 2), 'Done'), /already exists in this branch/);
    assert.throws(() => service.doRename(document, positionOf(document, '"Check": {', 2), ''), /cannot be empty/);
    assert.throws(() => service.doRename(document, positionOf(document, '"Check": {', 2), 'x'.repeat(81)), /at most 80 characters/);
  });

  it('renames a YAML reference at its anchor, never over an alias', () => {
    const yaml = parse('StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: &to B\n  C:\n    Type: Pass\n    Next: *to\n  B:\n    Type: Succeed\n', 'asl-yaml');
    assert.equal(renamed(yaml, positionOf(yaml, 'B:'), 'Bee'), 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: &to Bee\n  C:\n    Type: Pass\n    Next: *to\n  Bee:\n    Type: Succeed\n');
    const merged = parse('StartAt: A\nStates:\n  A: &a\n    Type: Pass\n    End: true\n  B:\n    <<: *a\n', 'asl-yaml');
    assert.equal(service.doRename(merged, positionOf(merged, 'A:'), 'Start')?.changes?.[merged.textDocument.uri].length, 2);
  });

  it('renames in YAML, quoting when needed', () => {
    const yaml = parse('StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: B\n  B:\n    Type: Succeed\n', 'asl-yaml');
    assert.equal(renamed(yaml, positionOf(yaml, 'B:'), 'Step: two'), 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: "Step: two"\n  "Step: two":\n    Type: Succeed\n');
  });
});
