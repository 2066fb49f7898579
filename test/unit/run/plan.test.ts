import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from 'jsonc-parser';
import { mockEntryEdits } from '../../../server/src/execution/mockEntry';
import { chooseMockConfig, listMockConfig, plannedAwsCalls, unservedTasks } from '../../../server/src/execution/plan';
import { stateMachineNameOf } from '../../../server/src/protocol';

describe('run plan', () => {
  it('names a state machine after its file', () => {
    assert.equal(stateMachineNameOf('file:///w/orders.asl.json'), 'orders');
    assert.equal(stateMachineNameOf('file:///w/flows/order%20flow.asl.yaml'), 'order flow');
    assert.equal(stateMachineNameOf('untitled:Untitled-1'), 'Untitled-1');
    assert.equal(stateMachineNameOf('file:///w/plain.json'), 'plain');
  });

  it('adds a mock to an existing MockConfigFile by inserting its two entries, keeping every character of the file', () => {
    const text = [
      '{',
      '  "StateMachines": {',
      '    "orders": { "TestCases": { "Default": { "Other": "ShipMock" } } }',
      '  },',
      '  "MockedResponses": {',
      '    "ShipMock": { "0": { "Return": { "id": 12345678901234567890, "huge": 1e400, "zero": -0 } } }',
      '  }',
      '}',
      '',
    ].join('\n');
    const added = mockEntryEdits(text, { stateMachine: 'orders', testCase: 'Default' }, { state: 'Ship', resource: 'arn:aws:states:::sqs:sendMessage' });
    assert.ok(!('error' in added));
    assert.equal(added.mockName, 'ShipMock2');
    assert.ok(added.edits.every((edit) => edit.length === 0), 'only insertions');
    const result = applyEdits(text, added.edits);
    assert.equal(result, [
      '{',
      '  "StateMachines": {',
      '    "orders": { "TestCases": { "Default": { "Other": "ShipMock", "Ship": "ShipMock2" } } }',
      '  },',
      '  "MockedResponses": {',
      '    "ShipMock": { "0": { "Return": { "id": 12345678901234567890, "huge": 1e400, "zero": -0 } } },',
      '    "ShipMock2": {',
      '      "0": {',
      '        "Return": {}',
      '      }',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n'));
    assert.equal(result.slice(added.entryOffset).split('\n')[0], '"ShipMock2": {');
  });

  it('adds the state machine, its test case and the mocks where the file has none, in one insertion each', () => {
    const other = '{\n\t"StateMachines": {\n\t\t"failing": {\n\t\t\t"TestCases": {}\n\t\t}\n\t}\n}';
    const lambda = { state: 'Charge card', resource: 'arn:aws:states:::lambda:invoke' };
    const added = mockEntryEdits(other, { stateMachine: 'orders', testCase: 'Default' }, lambda);
    assert.ok(!('error' in added));
    assert.ok(added.edits.every((edit) => edit.length === 0), 'only insertions');
    assert.equal(applyEdits(other, added.edits), [
      '{',
      '\t"StateMachines": {',
      '\t\t"failing": {',
      '\t\t\t"TestCases": {}',
      '\t\t},',
      '\t\t"orders": {',
      '\t\t\t"TestCases": {',
      '\t\t\t\t"Default": {',
      '\t\t\t\t\t"Charge card": "ChargecardMock"',
      '\t\t\t\t}',
      '\t\t\t}',
      '\t\t}',
      '\t},',
      '\t"MockedResponses": {',
      '\t\t"ChargecardMock": {',
      '\t\t\t"0": {',
      '\t\t\t\t"Return": {',
      '\t\t\t\t\t"StatusCode": 200,',
      '\t\t\t\t\t"Payload": {}',
      '\t\t\t\t}',
      '\t\t\t}',
      '\t\t}',
      '\t}',
      '}',
    ].join('\n'));

    const created = mockEntryEdits(undefined, { stateMachine: 'orders', testCase: 'Default' }, lambda);
    assert.ok(!('error' in created));
    assert.deepEqual(JSON.parse(applyEdits('', created.edits)), {
      StateMachines: { orders: { TestCases: { Default: { 'Charge card': 'ChargecardMock' } } } },
      MockedResponses: { ChargecardMock: { 0: { Return: { StatusCode: 200, Payload: {} } } } },
    });
    const intoEmpty = mockEntryEdits('{}', { stateMachine: 'o', testCase: 'T' }, lambda);
    assert.ok(!('error' in intoEmpty));
    assert.equal(intoEmpty.edits.length, 1, 'both entries go into the root object: one insertion');
    assert.equal(applyEdits('{}', intoEmpty.edits), '{\n  "StateMachines": {\n    "o": {\n      "TestCases": {\n        "T": {\n          "Charge card": "ChargecardMock"\n        }\n      }\n    }\n  },\n  "MockedResponses": {\n    "ChargecardMock": {\n      "0": {\n        "Return": {\n          "StatusCode": 200,\n          "Payload": {}\n        }\n      }\n    }\n  }\n}');
  });

  it('refuses to add a mock to a file that is not a MockConfigFile object, saying why', () => {
    const task = { state: 'S', resource: 'arn:aws:states:::sqs:sendMessage' };
    assert.deepEqual(mockEntryEdits('{"StateMachines": ', { stateMachine: 'o', testCase: 'T' }, task), { error: 'It is not valid JSON.' });
    assert.deepEqual(mockEntryEdits('[]', { stateMachine: 'o', testCase: 'T' }, task), { error: 'It is not a JSON object.' });
    assert.deepEqual(mockEntryEdits('{"StateMachines": {"o": {"TestCases": 3}}}', { stateMachine: 'o', testCase: 'T' }, task), { error: '"StateMachines" > "o" > "TestCases" is not an object.' });
  });

  it('offers only a MockConfigFile whose StateMachines name the state machine, and says why none fits', () => {
    const candidates = [
      { file: 'run/other.mock.json', text: '{"StateMachines": {"payments": {}, "billing": {}}}' },
      { file: 'run/broken.mock.json', text: '{' },
      { file: 'run/orders.mock.json', text: '{"StateMachines": {"orders": {"TestCases": {}}}}' },
    ];
    assert.deepEqual(chooseMockConfig(candidates, 'orders'), { chosen: 2 });
    assert.deepEqual(chooseMockConfig([...candidates.slice(0, 2), { file: 'mocks.json', text: undefined }, { file: 'x.mock.json', text: '{"MockedResponses": {}}' }], 'orders'), {
      why: 'No MockConfigFile names the state machine "orders" in its "StateMachines" (Step Functions Local finds test cases by state machine name): ' +
        'run/other.mock.json names "payments", "billing"; run/broken.mock.json is not valid JSON; mocks.json cannot be read; x.mock.json has no "StateMachines".',
    });
    assert.deepEqual(chooseMockConfig([], 'orders'), {});
  });

  it('lists the state machines and test cases of a MockConfigFile', () => {
    assert.deepEqual(listMockConfig({ StateMachines: { orders: { TestCases: { Default: {} } } } }), { stateMachines: [{ name: 'orders', testCases: ['Default'] }] });
    assert.match(listMockConfig([]).error ?? '', /StateMachines/);
  });

  it('lists a hybrid run\'s S3 reads and writes of a Distributed Map (ItemReader, ResultWriter) after its Tasks, nested ones too', () => {
    const distributed = (reader: unknown, writer?: unknown) => ({
      Type: 'Map', End: true, ItemReader: reader, ...(writer ? { ResultWriter: writer } : {}),
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'Work', States: { Work: { Type: 'Pass', End: true } } },
    });
    const definition = {
      StartAt: 'Save',
      States: {
        Save: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Next: 'Orders' },
        Orders: {
          ...distributed(
            { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'CSV' }, Parameters: { Bucket: 'orders', Key: 'today.csv' } },
            { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'results', Prefix: 'runs' } }),
          End: undefined, Next: 'Fan',
        },
        Fan: {
          Type: 'Parallel', End: true,
          Branches: [{ StartAt: 'Listed', States: { Listed: distributed({ Resource: 'arn:aws:states:::s3:listObjectsV2', Parameters: { 'Bucket.$': '$.bucket' } }) } }],
        },
      },
    };
    assert.deepEqual(plannedAwsCalls(definition, unservedTasks(definition, undefined, undefined, undefined)), [
      { state: 'Save', resource: 'arn:aws:states:::dynamodb:putItem', call: 'DynamoDB PutItem' },
      { state: 'Orders', resource: 'arn:aws:states:::s3:getObject', call: 'S3 GetObject: ItemReader reads its items from s3://orders/today.csv' },
      { state: 'Orders', resource: 'arn:aws:states:::s3:putObject', call: 'S3 PutObject: ResultWriter writes its results to s3://results/runs' },
      { state: 'Listed', resource: 'arn:aws:states:::s3:listObjectsV2', call: 'S3 ListObjectsV2: ItemReader reads its items from s3://{$.bucket}/' },
    ]);
  });
});
