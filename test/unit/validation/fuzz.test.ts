// Random truncations and edits of valid documents never make validation throw, through the
// whole language service (JSON and YAML) and through the core validator on partial values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { stringify } from 'yaml';
import { getLanguageService } from '../../../server/src/languageService';
import { validateDefinition } from '../../../server/src/core/validation';

const service = getLanguageService();

const seed = {
  QueryLanguage: 'JSONPath', StartAt: 'Load',
  States: {
    Load: {
      Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'Payload.$': "States.Format('{}', $.id)", FunctionName: '${Fn}' },
      Retry: [{ ErrorEquals: ['States.ALL'], BackoffRate: 2, JitterStrategy: 'FULL' }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
      Assign: { 'id.$': '$.id' }, Next: 'Check',
    },
    Check: { Type: 'Choice', Choices: [{ And: [{ Variable: '$id', IsPresent: true }, { Variable: '$.n', NumericLessThan: 3 }], Next: 'Each' }], Default: 'Wait' },
    Wait: { Type: 'Wait', Timestamp: '2026-01-01T00:00:00Z', Next: 'Each' },
    Each: {
      Type: 'Map', QueryLanguage: 'JSONata', Items: '{% $states.input.items %}',
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, StartAt: 'Double', States: { Double: { Type: 'Pass', Output: '{% $states.input * 2 %}', End: true } } },
      Output: { total: '{% $sum($states.result) %}' }, Next: 'Both',
    },
    Both: { Type: 'Parallel', Branches: [{ StartAt: 'Done', States: { Done: { Type: 'Succeed' } } }], End: true },
    Failed: { Type: 'Fail', ErrorPath: '$.error', Cause: 'failed' },
  },
};
const jsonText = JSON.stringify(seed, null, 2);
const yamlText = stringify(seed);

/** A random edit: cut the text, delete a span, or insert JSON-ish characters. */
const edit = (text: string) => fc.oneof(
  fc.nat({ max: text.length }).map((end) => text.slice(0, end)),
  fc.tuple(fc.nat({ max: text.length }), fc.nat({ max: 40 })).map(([at, length]) => text.slice(0, at) + text.slice(at + length)),
  fc.tuple(fc.nat({ max: text.length }), fc.stringMatching(/^[{}[\]",:$.%\\a-zA-Z0-9 \n'|&-]{1,8}$/)).map(([at, inserted]) => text.slice(0, at) + inserted + text.slice(at)),
);

async function validates(text: string, languageId: string): Promise<void> {
  const document = service.parse(TextDocument.create('file:///fuzz', languageId, 1, text));
  const diagnostics = await service.doValidation(document, { machineType: 'EXPRESS' });
  assert.ok(Array.isArray(diagnostics));
  // The rules also meet what a broken document still holds.
  assert.ok(Array.isArray(validateDefinition(document.value)));
}

test('edits of a JSON definition never make validation throw', async () => {
  await fc.assert(fc.asyncProperty(edit(jsonText), (text) => validates(text, 'asl')), { numRuns: 400 });
});

test('edits of a YAML definition never make validation throw', async () => {
  await fc.assert(fc.asyncProperty(edit(yamlText), (text) => validates(text, 'asl-yaml')), { numRuns: 300 });
});

test('random JSON values never make the validator throw', () => {
  fc.assert(fc.property(fc.jsonValue(), (value) => { validateDefinition(value); validateDefinition({ StartAt: 'A', States: { A: value } }); }), { numRuns: 300 });
});

test('any value in any field of any state type never makes the validator throw', () => {
  const fields = ['Next', 'End', 'Choices', 'Default', 'Branches', 'ItemProcessor', 'Iterator', 'Parameters', 'Assign', 'Output', 'Arguments', 'Retry', 'Catch',
    'Seconds', 'Timestamp', 'ResultPath', 'InputPath', 'Items', 'ItemReader', 'Credentials', 'Resource', 'ErrorPath', 'QueryLanguage', 'Condition'];
  const types = ['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map', 'Other'];
  fc.assert(fc.property(fc.constantFrom(...types), fc.constantFrom('JSONPath', 'JSONata'), fc.dictionary(fc.constantFrom(...fields), fc.jsonValue()), (type, queryLanguage, state) => {
    validateDefinition({ QueryLanguage: queryLanguage, StartAt: 'A', States: { A: { Type: type, ...state }, B: { Type: type, ItemProcessor: { StartAt: 'A', States: { A: state } } } } });
  }), { numRuns: 1000 });
});
