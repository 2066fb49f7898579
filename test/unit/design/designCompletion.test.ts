// The inspector's completion: a field's text answered by the language server's completion at the
// field's place in the document (JSON and YAML, a field the text lacks yet), its items as edits of the field.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DesignCompletionItem } from '../../../server/src/protocol';
import { parse, service } from '../languageService/editingFixtures';

const JSONPATH = JSON.stringify({
  StartAt: 'Call',
  States: {
    Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f' }, Retry: [{ ErrorEquals: ['States.Timeout'] }], Next: 'Oops' },
    Oops: { Type: 'Fail', Error: 'OrderRejected' },
  },
}, null, 2);
const CALL = ['States', 'Call'];

function complete(text: string, field: (string | number)[], typed: string, offset = typed.length, languageId = 'asl'): DesignCompletionItem[] {
  return service.designCompletion(parse(text, languageId), { uri: parse(text, languageId).textDocument.uri, state: CALL, field, text: typed, offset });
}

/** The field's text once `item` is taken, with `|` at the cursor. */
function taken(typed: string, item: DesignCompletionItem): string {
  const next = typed.slice(0, item.start) + item.newText + typed.slice(item.end);
  return `${next.slice(0, item.caret)}|${next.slice(item.caret)}`;
}

test('the Resource field completes the service integrations, the whole field taking the ARN', () => {
  const items = complete(JSONPATH, ['Resource'], 'arn:aws:states:::sq');
  const sqs = items.find((item) => item.label === 'arn:aws:states:::sqs:sendMessage');
  assert.ok(sqs, JSON.stringify(items.map((item) => item.label)));
  assert.equal(sqs.detail, 'SQS SendMessage');
  assert.equal(taken('arn:aws:states:::sq', sqs), 'arn:aws:states:::sqs:sendMessage|');
});

test("a retrier's error name completes the predefined errors and the document's own, not those listed beside it", () => {
  const items = complete(JSONPATH, ['Retry', 0, 'ErrorEquals', 1], 'States.');
  const labels = items.map((item) => item.label);
  assert.ok(labels.includes('States.ALL') && labels.includes('States.TaskFailed') && labels.includes('OrderRejected'), labels.join());
  assert.ok(!labels.includes('States.Timeout'));
});

test('a Parameters value under a .$ key the text lacks yet completes JSONPath: intrinsic functions at the cursor, a snippet as plain text', () => {
  const items = complete(JSONPATH, ['Parameters', 'Id.$'], 'States.Fo');
  const format = items.find((item) => item.label === 'States.Format');
  assert.ok(format, JSON.stringify(items.map((item) => item.label)));
  assert.equal(taken('States.Fo', format), 'States.Format(|)');
  const context = complete(JSONPATH, ['Parameters', 'Id.$'], '$$.Exec');
  assert.equal(taken('$$.Exec', context.find((item) => item.label === 'Execution')!), '$$.Execution|');
});

test('in a JSONata machine, an Arguments value completes $states and the functions inside {% %}, with the cursor in the middle of the text', () => {
  const text = JSON.stringify({ QueryLanguage: 'JSONata', StartAt: 'Call', States: { Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Assign: { total: 1 }, End: true } } }, null, 2);
  const typed = '{% $states.in %}';
  const items = complete(text, ['Arguments', 'Payload'], typed, typed.indexOf(' %}'));
  const input = items.find((item) => item.label === 'input');
  assert.ok(input, JSON.stringify(items.map((item) => item.label)));
  assert.equal(taken(typed, input), '{% $states.input| %}');
});

test("enumerated values and a Map's S3 integrations complete in a YAML document, in objects the text lacks yet (ReaderConfig, ResultWriter)", () => {
  const yaml = 'StartAt: Call\nStates:\n  Call:\n    Type: Map\n    ItemReader:\n      Resource: arn:aws:states:::s3:getObject\n    ItemProcessor:\n      StartAt: P\n      States:\n        P:\n          Type: Pass\n          End: true\n    End: true\n';
  const labels = complete(yaml, ['ItemReader', 'ReaderConfig', 'InputType'], '', 0, 'asl-yaml').map((item) => item.label);
  assert.deepEqual(labels.filter((label) => ['CSV', 'JSON', 'JSONL', 'MANIFEST'].includes(label)).sort(), ['CSV', 'JSON', 'JSONL', 'MANIFEST']);
  // The reader's and the writer's integrations.
  assert.deepEqual(complete(yaml, ['ItemReader', 'Resource'], 'arn:', 4, 'asl-yaml').map((item) => item.label), ['arn:aws:states:::s3:getObject', 'arn:aws:states:::s3:listObjectsV2']);
  assert.deepEqual(complete(yaml, ['ResultWriter', 'Resource'], '', 0, 'asl-yaml').map((item) => item.label), ['arn:aws:states:::s3:putObject']);
});

test('a field where nothing completes answers no items, and the document is left as it was', () => {
  const document = parse(JSONPATH);
  assert.deepEqual(service.designCompletion(document, { uri: document.textDocument.uri, state: CALL, field: ['Comment'], text: 'Calls', offset: 5 }), []);
  assert.deepEqual(service.designCompletion(document, { uri: document.textDocument.uri, state: ['States', 'Nowhere'], field: ['Resource'], text: '', offset: 0 }), []);
  assert.equal(document.textDocument.getText(), JSONPATH);
});
