// The design operations on hand-written documents: the exact text they write in JSON and YAML,
// what they refuse, and files that do not fully parse.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DesignOperation } from '../../../server/src/protocol';
import { parse, service } from '../languageService/editingFixtures';

function apply(text: string, operation: DesignOperation, languageId = 'asl'): string {
  const document = parse(text, languageId);
  const result = service.designEdit(document, operation);
  if (!('edit' in result)) assert.fail(JSON.stringify(result));
  return TextDocument.applyEdits(document.textDocument, result.edit.changes![document.textDocument.uri]);
}

const YAML = `# Orders
StartAt: Check
States:
  Check:
    Type: Pass   # first
    Next: Done  # then done
  # the end
  Done:
    Type: Succeed
`;

test('a Pass dropped on an edge of a YAML document goes between its ends, every comment in place', () => {
  assert.equal(apply(YAML, { kind: 'insertState', entry: 'Pass', on: { edge: { from: ['States', 'Check'], kind: 'Next' } } }, 'asl-yaml'), `# Orders
StartAt: Check
States:
  Check:
    Type: Pass   # first
    Next: Pass  # then done
  Pass:
    Type: Pass
    Next: Done
  # the end
  Done:
    Type: Succeed
`);
});

test('a Lambda Invoke dropped on the edge to the end of a JSON document takes over the End', () => {
  const text = '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "End": true }\n  }\n}\n';
  assert.equal(apply(text, { kind: 'insertState', entry: 'LambdaInvoke', on: { edge: { from: ['States', 'A'], kind: 'End' } }, name: 'Call' }),
    '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "Next": "Call" },\n    "Call": {\n      "Type": "Task",\n      "Resource": "arn:aws:states:::lambda:invoke",\n'
    + '      "Parameters": {\n        "FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:my-function",\n        "Payload.$": "$"\n      },\n      "End": true\n    }\n  }\n}\n');
});

test('deleting a state re-points the transitions into it to where it led', () => {
  assert.equal(apply(YAML, { kind: 'deleteState', state: ['States', 'Check'] }, 'asl-yaml'), '# Orders\nStartAt: Done\nStates:\n  # the end\n  Done:\n    Type: Succeed\n');
});

test('deleting a Choice asks where its transitions go, then goes there', () => {
  const text = JSON.stringify({ StartAt: 'S', States: { S: { Type: 'Pass', Next: 'C' }, C: { Type: 'Choice', Choices: [{ Variable: '$.a', IsPresent: true, Next: 'X' }], Default: 'Y' }, X: { Type: 'Succeed' }, Y: { Type: 'Fail' } } }, null, 2);
  const result = service.designEdit(parse(text), { kind: 'deleteState', state: ['States', 'C'] });
  assert.deepEqual(result, { choose: { message: '"C" leads to several states: where should the transitions into it go?', options: [{ label: 'X', successor: 'X' }, { label: 'Y', successor: 'Y' }] } });
  assert.match(apply(text, { kind: 'deleteState', state: ['States', 'C'], successor: 'Y' }), /"S": \{\n {6}"Type": "Pass",\n {6}"Next": "Y"\n/);
});

test('what a machine needs is refused with a reason', () => {
  const text = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
  assert.deepEqual(service.designEdit(parse(text), { kind: 'deleteState', state: ['States', 'A'] }), { error: '"A" is the only state of its state machine: a machine needs a state.' });
  assert.deepEqual(service.designEdit(parse(text), { kind: 'addCatcher', state: ['States', 'A'], target: 'A' }), { error: '"A" is a Pass: only Task, Parallel and Map states have Catchers.' });
  assert.deepEqual(service.designEdit(parse(text), { kind: 'insertState', entry: 'Fail', on: { edge: { startAt: [] } } }), { error: 'A Fail state ends the flow: drop it on an edge to the end, or on the canvas.' });
});

test('a file that does not fully parse is designed where it parses, the broken part left as it is', () => {
  const text = '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "Next": "B" },\n    "B": { "Type": "Pass", "End": true },\n    "Broken": { "Type": \n  }\n}\n';
  const result = apply(text, { kind: 'setField', state: ['States', 'A'], field: ['Comment'], value: 'first' });
  assert.equal(result, text.replace('"Next": "B" }', '"Next": "B",\n    "Comment": "first" }'));
});

test('a duplicated Parallel names the states of its branches anew, and follows the original', () => {
  const text = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', End: true } } }], End: true } } }, null, 2);
  const value = JSON.parse(apply(text, { kind: 'duplicateState', state: ['States', 'P'] }));
  assert.deepEqual(value.States.P.Next, 'P (1)');
  assert.deepEqual(value.States['P (1)'].Branches, [{ StartAt: 'B (1)', States: { 'B (1)': { Type: 'Pass', End: true } } }]);
});

test('a renamed state is renamed in every transition to it', () => {
  assert.equal(apply(YAML, { kind: 'renameState', state: ['States', 'Done'], newName: 'Finished' }, 'asl-yaml'), YAML.replace('Next: Done', 'Next: Finished').replace('  Done:', '  Finished:'));
});

test('an edge end dragged to another state sets the Catcher\'s Next; a Next dragged to the end becomes End', () => {
  const text = JSON.stringify({ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F' }], Next: 'S' }, S: { Type: 'Succeed' }, F: { Type: 'Fail' } } }, null, 2);
  assert.equal(JSON.parse(apply(text, { kind: 'setTarget', edge: { from: ['States', 'T'], kind: 'Catch', index: 0 }, target: 'S' })).States.T.Catch[0].Next, 'S');
  const ended = JSON.parse(apply(text, { kind: 'setTarget', edge: { from: ['States', 'T'], kind: 'Next' }, target: null })).States.T;
  assert.equal(ended.End, true);
  assert.equal(ended.Next, undefined);
});

test('a state dropped on an empty file starts a new state machine, in JSON and in YAML', () => {
  assert.deepEqual(JSON.parse(apply('', { kind: 'insertState', entry: 'Pass', on: { machine: [] } })), { StartAt: 'Pass', States: { Pass: { Type: 'Pass', End: true } } });
  assert.equal(apply('\n', { kind: 'insertState', entry: 'Pass', on: { machine: [] } }, 'asl-yaml'), 'StartAt: Pass\nStates:\n  Pass:\n    Type: Pass\n    End: true\n');
});

test("Wait's form changes in one edit: the new field takes the old one's place", () => {
  const text = '{\n  "StartAt": "W",\n  "States": {\n    "W": { "Type": "Wait", "Seconds": 5, "End": true }\n  }\n}';
  assert.equal(apply(text, { kind: 'setField', state: ['States', 'W'], field: ['Timestamp'], value: '2026-01-01T00:00:00Z', replaces: ['Seconds', 'SecondsPath'] }),
    text.replace('"Seconds": 5', '"Timestamp": "2026-01-01T00:00:00Z"'));
});

test('a state dragged onto another transition leaves its place to where it led and goes there', () => {
  const text = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'C' }, C: { Type: 'Pass', Next: 'D' }, D: { Type: 'Succeed' } } }, null, 2);
  const moved = JSON.parse(apply(text, { kind: 'moveState', state: ['States', 'B'], to: { from: ['States', 'C'], kind: 'Next' } })).States;
  assert.deepEqual([moved.A.Next, moved.C.Next, moved.B.Next], ['C', 'B', 'D']);
  const document = parse(text);
  assert.deepEqual(service.designEdit(document, { kind: 'moveState', state: ['States', 'D'], to: { startAt: [] } }), { error: 'Only a state with one way on (a Next or an End) can be moved: "D" has none.' });
});

test('setting a field inside objects the text lacks writes them around it, in one edit', () => {
  const document = parse(JSON.stringify({ StartAt: 'Call', States: { Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } }, null, 2));
  const result = service.designEdit(document, { kind: 'setField', state: ['States', 'Call'], field: ['ResultSelector', 'Payload', 'Id.$'], value: '$.Payload.id' });
  if (!('edit' in result)) assert.fail(JSON.stringify(result));
  const edits = result.edit.changes![document.textDocument.uri];
  assert.equal(edits.length, 1);
  const written = JSON.parse(TextDocument.applyEdits(document.textDocument, edits));
  assert.deepEqual(written.States.Call.ResultSelector, { Payload: { 'Id.$': '$.Payload.id' } });
  const removal = service.designEdit(document, { kind: 'setField', state: ['States', 'Call'], field: ['ResultSelector', 'Payload'] });
  assert.deepEqual(removal, { edit: { changes: { [document.textDocument.uri]: [] } } });
});

test('removing an item of a list is one edit of its lines: a retrier in JSON and in a YAML block sequence, an error name in a flow sequence', () => {
  const json = '{\n  "StartAt": "T",\n  "States": {\n    "T": {\n      "Type": "Task",\n      "Resource": "arn:aws:states:::lambda:invoke",\n      "Retry": [\n        { "ErrorEquals": ["A"] },\n        { "ErrorEquals": ["B", "C"] }\n      ],\n      "End": true\n    }\n  }\n}\n';
  const remove = (text: string, field: (string | number)[], languageId = 'asl') => {
    const document = parse(text, languageId);
    const result = service.designEdit(document, { kind: 'setField', state: ['States', 'T'], field });
    if (!('edit' in result)) assert.fail(JSON.stringify(result));
    const edits = result.edit.changes![document.textDocument.uri];
    assert.equal(edits.length, 1);
    return TextDocument.applyEdits(document.textDocument, edits);
  };
  assert.equal(remove(json, ['Retry', 0]), json.replace('{ "ErrorEquals": ["A"] },\n        ', ''));
  assert.equal(remove(json, ['Retry', 1]), json.replace(',\n        { "ErrorEquals": ["B", "C"] }', ''));
  assert.equal(remove(json, ['Retry', 1, 'ErrorEquals', 0]), json.replace('["B", "C"]', '["C"]'));
  const yaml = 'StartAt: T\nStates:\n  T:\n    Type: Task\n    Resource: arn:aws:states:::lambda:invoke\n    Retry:\n      - ErrorEquals: [A]\n        MaxAttempts: 2\n      # the second\n      - ErrorEquals: [B, C]\n    End: true\n';
  assert.equal(remove(yaml, ['Retry', 0], 'asl-yaml'), yaml.replace('      - ErrorEquals: [A]\n        MaxAttempts: 2\n', ''));
  assert.equal(remove(yaml, ['Retry', 1, 'ErrorEquals', 1], 'asl-yaml'), yaml.replace('[B, C]', '[B]'));
  // The only item: the list is left empty, not null.
  const block = 'StartAt: T\nStates:\n  T:\n    Type: Task\n    Resource: arn:aws:states:::lambda:invoke\n    Retry:\n      - ErrorEquals:\n          - States.ALL\n    End: true\n';
  assert.equal(remove(block, ['Retry', 0, 'ErrorEquals', 0], 'asl-yaml'), block.replace('- States.ALL', '[]'));
  assert.equal(remove(json, ['Retry', 0, 'ErrorEquals', 0]), json.replace('["A"]', '[]'));
});
