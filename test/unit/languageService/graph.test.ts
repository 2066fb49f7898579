import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../../../server/src/languageService';

const service = getLanguageService();

function documentOf(text: string) {
  return service.parse(TextDocument.create('file:///m.asl.json', 'asl', 1, text));
}

describe('graph model of a document', () => {
  const text = [
    '{',
    '  "StartAt": "First",',
    '  "States": {',
    '    "First": { "Type": "Pass", "Next": "Second" },',
    '    "Second": { "Type": "Succeed" }',
    '  }',
    '}',
  ].join('\n');

  it('gives each state the range of its property and of its key', () => {
    const model = service.getGraphModel(documentOf(text), []);
    const second = model.root.nodes.find((node) => node.name === 'Second')!;
    assert.deepEqual(second.location, {
      range: { start: { line: 4, character: 4 }, end: { line: 4, character: 35 } },
      keyRange: { start: { line: 4, character: 4 }, end: { line: 4, character: 12 } },
    });
  });

  it('puts a diagnostic on the innermost state it falls in (with the field it is about), and the others in the banner list', () => {
    const model = service.getGraphModel(documentOf(text), [
      { range: { start: { line: 3, character: 40 }, end: { line: 3, character: 48 } }, severity: 2, message: 'Odd Next', source: 'asl' },
      { range: { start: { line: 1, character: 2 }, end: { line: 1, character: 11 } }, message: 'Top-level problem', source: 'asl' },
    ]);
    assert.deepEqual(model.root.nodes.find((node) => node.name === 'First')!.diagnostics, [{ severity: 'warning', message: 'Odd Next', field: 'Next', fieldPath: ['Next'] }]);
    assert.deepEqual(model.diagnostics, [{ severity: 'error', message: 'Top-level problem' }]);
  });

  it("gives a diagnostic inside a field its whole path in the state, for the inspector's nested forms", async () => {
    const retrying = documentOf(JSON.stringify({ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: -1 }], End: true } } }, null, 2));
    const model = service.getGraphModel(retrying, await service.doValidation(retrying));
    const diagnostics = model.root.nodes.find((node) => node.name === 'T')!.diagnostics;
    assert.ok(diagnostics.some((diagnostic) => diagnostic.field === 'Retry' && JSON.stringify(diagnostic.fieldPath) === '["Retry",0,"MaxAttempts"]'), JSON.stringify(diagnostics));
  });

  it('still draws what parses in a document with a syntax error', async () => {
    const broken = documentOf(text.replace('"Type": "Succeed" }', '"Type": "Succeed", }').replace('"Next": "Second"', '"Next": "Secnd"'));
    const diagnostics = await service.doValidation(broken);
    assert.ok(diagnostics.length > 0);
    const model = service.getGraphModel(broken, diagnostics);
    assert.deepEqual(model.root.nodes.map((node) => `${node.kind}:${node.name}`), ['start:Start', 'state:First', 'state:Second', 'ghost:Secnd', 'end:End']);
  });

  it('draws YAML documents too, with the ranges of their keys', () => {
    const yaml = service.parse(TextDocument.create('file:///m.asl.yaml', 'asl-yaml', 1, 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: B\n  B:\n    Type: Succeed\n'));
    const model = service.getGraphModel(yaml, []);
    assert.deepEqual(model.root.nodes.map((node) => [node.name, node.location?.keyRange.start.line]), [['Start', undefined], ['A', 2], ['B', 5], ['End', undefined]]);
    assert.equal(model.root.edges.length, 3);
  });
});
