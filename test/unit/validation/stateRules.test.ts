import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorsOf, machineOf, summary, warningsOf } from './helpers';

const messages = (definition: unknown, options?: Parameters<typeof errorsOf>[1]) => summary(errorsOf(definition, options)).map(({ path, message }) => ({ path, message }));

test('Wait: exactly one of its four fields, Timestamp in RFC 3339', () => {
  assert.deepEqual(messages(machineOf({ Type: 'Wait', End: true })), [
    { path: 'States/S', message: "SCHEMA_VALIDATION_FAILED: A Wait state needs exactly one of 'Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath' at /States/S" },
  ]);
  assert.deepEqual(messages(machineOf({ Type: 'Wait', Seconds: 1, TimestampPath: '$.t', End: true })), [
    { path: 'States/S/TimestampPath', message: "SCHEMA_VALIDATION_FAILED: Only one of 'Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath' can be present at /States/S" },
  ]);
  for (const timestamp of ['2016-12-05 21:29:29Z', '2016-02-30T00:00:00Z', '2016-12-05T21:29:29', '2016-12-05T24:00:00Z']) {
    assert.deepEqual(messages(machineOf({ Type: 'Wait', Timestamp: timestamp, End: true })), [
      { path: 'States/S/Timestamp', message: 'SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at /States/S/Timestamp' },
    ], timestamp);
  }
  assert.deepEqual(errorsOf(machineOf({ Type: 'Wait', Timestamp: '2024-02-29T23:59:59.5-08:00', End: true })), []);
});

test('Task: timeouts and their paths, heartbeat below timeout', () => {
  assert.deepEqual(messages(machineOf({ Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:1:function:f', TimeoutSeconds: 10, TimeoutSecondsPath: '$.t', HeartbeatSeconds: 10, End: true })), [
    { path: 'States/S/TimeoutSecondsPath', message: "SCHEMA_VALIDATION_FAILED: Only one of 'TimeoutSeconds', 'TimeoutSecondsPath' can be present at /States/S" },
    { path: 'States/S/HeartbeatSeconds', message: 'SCHEMA_VALIDATION_FAILED: HeartbeatSeconds (10) must be smaller than TimeoutSeconds (10) at /States/S/HeartbeatSeconds' },
  ]);
});

test('Task resources: what AWS does not recognize, and EXPRESS limits', () => {
  const resource = (arn: string) => machineOf({ Type: 'Task', Resource: arn, End: true });
  assert.deepEqual(messages(resource('arn:aws:states:::dynamodb:query')), [
    { path: 'States/S/Resource', message: 'SCHEMA_VALIDATION_FAILED: The resource provided arn:aws:states:::dynamodb:query is not recognized. The value is not a valid resource ARN, or the resource is not available in this region. at /States/S/Resource' },
  ]);
  assert.deepEqual(messages(resource('arn:aws:states:::sqs:sendMesage')).map(({ message }) => message.slice(-68)), [
    "this region. (did you mean 'sqs:sendMessage'?) at /States/S/Resource",
  ]);
  assert.deepEqual(messages(resource('my-function')).map(({ path }) => path), ['States/S/Resource']);
  assert.deepEqual(errorsOf(resource('arn:aws:states:::aws-sdk:dynamodb:query')), []);
  assert.deepEqual(errorsOf(resource('arn:aws:states:::sqs:sendMessage.waitForTaskToken')), []);
  assert.deepEqual(messages(resource('arn:aws:states:::sqs:sendMessage.waitForTaskToken'), { machineType: 'EXPRESS' }), [
    { path: 'States/S/Resource', message: "SCHEMA_VALIDATION_FAILED: Express state machine does not support '.waitForTaskToken' service integration  at /States/S/Resource" },
  ]);
});

test('Map: a processor, and distributed-only fields only when DISTRIBUTED', () => {
  assert.deepEqual(messages(machineOf({ Type: 'Map', End: true })), [
    { path: 'States/S', message: "SCHEMA_VALIDATION_FAILED: The field 'ItemProcessor' is required but was missing at /States/S" },
  ]);
  const inline = (name: string) => ({ StartAt: name, States: { [name]: { Type: 'Pass', End: true } } });
  assert.deepEqual(messages(machineOf({ Type: 'Map', ItemProcessor: inline('P1'), Iterator: inline('P2'), ItemBatcher: { MaxItemsPerBatch: 2 }, MaxConcurrency: 1, MaxConcurrencyPath: '$.m', End: true })), [
    { path: 'States/S/Iterator', message: "SCHEMA_VALIDATION_FAILED: Only one of 'ItemProcessor', 'Iterator' can be present at /States/S" },
    { path: 'States/S/MaxConcurrencyPath', message: "SCHEMA_VALIDATION_FAILED: Only one of 'MaxConcurrency', 'MaxConcurrencyPath' can be present at /States/S" },
    { path: 'States/S/ItemBatcher', message: "SCHEMA_VALIDATION_FAILED: Field 'ItemBatcher' is only supported when the ItemProcessor's ProcessorConfig Mode is DISTRIBUTED at /States/S" },
  ]);
});

test('Map: a Distributed Map names the ExecutionType of its child workflows', () => {
  const map = (ProcessorConfig: Record<string, unknown>) => machineOf({ Type: 'Map', End: true, ItemProcessor: { ProcessorConfig, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } } });
  assert.deepEqual(messages(map({ Mode: 'DISTRIBUTED' })), [
    { path: 'States/S/ItemProcessor/ProcessorConfig', message: "SCHEMA_VALIDATION_FAILED: The field 'ExecutionType' is required but was missing at /States/S/ItemProcessor/ProcessorConfig" },
  ]);
  assert.deepEqual(errorsOf(map({ Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' })), []);
  assert.deepEqual(errorsOf(map({ Mode: 'INLINE' })), []);
});

test('Map: a Label has at most 40 characters and none of the forbidden ones', () => {
  const distributed = (Label: string) => machineOf({
    Type: 'Map', Label, End: true,
    ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
  });
  for (const label of ['My_Label', 'csv-processing.v2', 'L'.repeat(40), '${MapLabel}']) assert.deepEqual(errorsOf(distributed(label)), [], label);
  assert.deepEqual(messages(distributed('L'.repeat(41))), [
    { path: 'States/S/Label', message: 'SCHEMA_VALIDATION_FAILED: The Label can have at most 40 characters at /States/S/Label' },
  ]);
  for (const label of ['two words', 'a:b', 'a/b', 'x*', 'tab\there', 'a$b', '[x]']) {
    assert.deepEqual(messages(distributed(label)).map(({ path }) => path), ['States/S/Label'], label);
  }
});

test('Fail: Error or ErrorPath, Cause or CausePath', () => {
  assert.deepEqual(messages(machineOf({ Type: 'Fail', Error: 'E', ErrorPath: '$.e', Cause: 'C', CausePath: '$.c' })), [
    { path: 'States/S/ErrorPath', message: "SCHEMA_VALIDATION_FAILED: Only one of 'Error', 'ErrorPath' can be present at /States/S" },
    { path: 'States/S/CausePath', message: "SCHEMA_VALIDATION_FAILED: Only one of 'Cause', 'CausePath' can be present at /States/S" },
  ]);
});

test('Retry and Catch: States.ALL alone and last; unknown States.* error names are a warning unless a Fail raises them', () => {
  const definition = machineOf({
    Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:1:function:f',
    Retry: [{ ErrorEquals: ['States.ALL', 'Custom'] }, { ErrorEquals: ['States.Timeout'] }],
    Catch: [{ ErrorEquals: ['States.TimeOut'], Next: 'S' }],
    End: true,
  });
  assert.deepEqual(messages(definition), [
    { path: 'States/S/Retry/0/ErrorEquals/0', message: "SCHEMA_VALIDATION_FAILED: 'States.ALL' must appear alone in ErrorEquals at /States/S/Retry[0]/ErrorEquals[0]" },
    { path: 'States/S/Retry/0/ErrorEquals/0', message: "SCHEMA_VALIDATION_FAILED: The retrier with 'States.ALL' must be the last one at /States/S/Retry[0]/ErrorEquals[0]" },
  ]);
  assert.deepEqual(summary(warningsOf(definition)).map(({ path, message }) => ({ path, message })), [
    { path: 'States/S/Catch/0/ErrorEquals/0', message: "'States.TimeOut' is not an error Step Functions raises (did you mean 'States.Timeout'?) at /States/S/Catch[0]/ErrorEquals[0]" },
  ]);
  const raisedHere = {
    StartAt: 'P',
    States: {
      P: { Type: 'Parallel', Branches: [{ StartAt: 'Quorum', States: { Quorum: { Type: 'Fail', Error: 'States.QuorumMet' } } }], Catch: [{ ErrorEquals: ['States.QuorumMet'], Next: 'Done' }], End: true },
      Done: { Type: 'Succeed' },
    },
  };
  assert.deepEqual(warningsOf(raisedHere), []);
});

test('ResultPath cannot write into the context object', () => {
  assert.deepEqual(summary(errorsOf(machineOf({ Type: 'Pass', ResultPath: '$$.x', End: true }))), [
    { path: 'States/S/ResultPath', part: 'value', message: 'SCHEMA_VALIDATION_FAILED: ResultPath cannot write into the context object ($$) at /States/S/ResultPath', offset: 0, length: 2 },
  ]);
});

test('Distributed Map: ItemReader, ReaderConfig, ItemBatcher and ResultWriter fields and their combinations', () => {
  const processor = { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
  const map = (fields: Record<string, unknown>) => machineOf({ Type: 'Map', ItemProcessor: processor, End: true, ...fields });
  const reader = (config: Record<string, unknown>, resource = 'arn:aws:states:::s3:getObject') =>
    map({ ItemReader: { Resource: resource, ReaderConfig: config, Parameters: { Bucket: 'b', Key: 'k' } } });
  const at = '/States/S/ItemReader/ReaderConfig';
  assert.deepEqual(messages(reader({ InputType: 'CSV', CSVDelimiter: 'COLON' })), [
    { path: 'States/S/ItemReader/ReaderConfig/CSVDelimiter', message: `SCHEMA_VALIDATION_FAILED: The value of field 'CSVDelimiter' must be one of: COMMA, PIPE, SEMICOLON, SPACE, TAB at ${at}/CSVDelimiter` },
  ]);
  assert.deepEqual(messages(reader({ InputType: 'JSON', CSVHeaderLocation: 'FIRST_ROW', MaxItems: 2, MaxItemsPath: '$.n' })), [
    { path: 'States/S/ItemReader/ReaderConfig/MaxItemsPath', message: `SCHEMA_VALIDATION_FAILED: Only one of 'MaxItems', 'MaxItemsPath' can be present at ${at}` },
    { path: 'States/S/ItemReader/ReaderConfig/CSVHeaderLocation', message: `SCHEMA_VALIDATION_FAILED: The field 'CSVHeaderLocation' is only supported when 'InputType' is CSV at ${at}` },
  ]);
  assert.deepEqual(messages(reader({ InputType: 'CSV', CSVHeaderLocation: 'GIVEN' })), [
    { path: 'States/S/ItemReader/ReaderConfig', message: `SCHEMA_VALIDATION_FAILED: The field 'CSVHeaders' is required but was missing at ${at}` },
  ]);
  assert.deepEqual(messages(reader({ InputType: 'JSONL', ItemsPointer: '/a', Transformation: 'LOAD_AND_FLATTEN' })).map(({ message }) => message), [
    `SCHEMA_VALIDATION_FAILED: The field 'ItemsPointer' is only supported when 'InputType' is JSON at ${at}`,
    `SCHEMA_VALIDATION_FAILED: The field 'Transformation' is only supported with the s3:listObjectsV2 resource at ${at}`,
  ]);
  assert.deepEqual(messages(reader({ Transformation: 'LOAD_AND_FLATTEN' }, 'arn:aws:states:::s3:listObjectsV2')).map(({ message }) => message), [
    `SCHEMA_VALIDATION_FAILED: The field 'InputType' is required but was missing at ${at}`,
  ]);
  assert.deepEqual(messages(reader({ InputType: 'JSON', ManifestType: 'ATHENA_DATA' })).map(({ message }) => message), [
    `SCHEMA_VALIDATION_FAILED: With 'ManifestType' ATHENA_DATA, 'InputType' must be one of: MANIFEST, CSV, JSONL, PARQUET at ${at}/InputType`,
  ]);
  assert.deepEqual(messages(reader({ InputType: 'JSON' }, 'arn:aws:states:::s3:getObjects')).map(({ path }) => path), ['States/S/ItemReader/Resource']);
  for (const config of [{ InputType: 'PARQUET', MaxItems: 5 }, { InputType: 'MANIFEST', ManifestType: 'ATHENA_DATA' }, { InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['a'], CSVDelimiter: 'TAB' }, { InputType: 'JSON', ItemsPointer: '/items' }]) {
    assert.deepEqual(errorsOf(reader(config)), [], JSON.stringify(config));
  }
  assert.deepEqual(errorsOf(reader({ InputType: 'JSONL', Transformation: 'LOAD_AND_FLATTEN' }, 'arn:aws:states:::s3:listObjectsV2')), []);

  assert.deepEqual(messages(map({ ItemBatcher: { BatchInput: {} } })).map(({ message }) => message), [
    "SCHEMA_VALIDATION_FAILED: An ItemBatcher needs at least one of 'MaxItemsPerBatch', 'MaxItemsPerBatchPath', 'MaxInputBytesPerBatch', 'MaxInputBytesPerBatchPath' at /States/S/ItemBatcher",
  ]);
  assert.deepEqual(messages(map({ ItemBatcher: { MaxItemsPerBatch: 2, MaxItemsPerBatchPath: '$.n', MaxInputBytesPerBatch: 262_145 } })).map(({ message }) => message), [
    "SCHEMA_VALIDATION_FAILED: The value of field 'MaxInputBytesPerBatch' must be less than or equal to 262144 at /States/S/ItemBatcher/MaxInputBytesPerBatch",
    "SCHEMA_VALIDATION_FAILED: Only one of 'MaxItemsPerBatch', 'MaxItemsPerBatchPath' can be present at /States/S/ItemBatcher",
  ]);

  assert.deepEqual(messages(map({ ResultWriter: { WriterConfig: { Transformation: 'FLAT', OutputType: 'JSONL' } } })).map(({ message }) => message), [
    "SCHEMA_VALIDATION_FAILED: The value of field 'Transformation' must be one of: NONE, COMPACT, FLATTEN (did you mean 'FLATTEN'?) at /States/S/ResultWriter/WriterConfig/Transformation",
    "SCHEMA_VALIDATION_FAILED: The field 'OutputType' is only supported when the results are exported ('Resource') at /States/S/ResultWriter",
  ]);
  assert.deepEqual(messages(map({ ResultWriter: { Resource: 'arn:aws:states:::s3:getObject' } })).map(({ message }) => message), [
    'SCHEMA_VALIDATION_FAILED: The ResultWriter\'s Resource must be arn:aws:states:::s3:putObject at /States/S/ResultWriter/Resource',
    "SCHEMA_VALIDATION_FAILED: The field 'Parameters' is required but was missing at /States/S/ResultWriter",
  ]);
  assert.deepEqual(messages(map({ ResultWriter: {} })).map(({ message }) => message), [
    "SCHEMA_VALIDATION_FAILED: The field 'Resource' is required but was missing at /States/S/ResultWriter",
  ]);
  assert.deepEqual(errorsOf(map({ ResultWriter: { WriterConfig: { Transformation: 'COMPACT' } } })), []);
});

test('the child executions of a Distributed Map of ExecutionType EXPRESS have the EXPRESS rules', () => {
  const map = (executionType: string, resource: string) => ({
    StartAt: 'M',
    States: { M: { Type: 'Map', End: true, ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: executionType }, StartAt: 'T', States: { T: { Type: 'Task', Resource: resource, End: true } } } } },
  });
  assert.deepEqual(messages(map('EXPRESS', 'arn:aws:states:::glue:startJobRun.sync')), [
    { path: 'States/M/ItemProcessor/States/T/Resource', message: "SCHEMA_VALIDATION_FAILED: Express state machine does not support '.sync' service integration  at /States/M/ItemProcessor/States/T/Resource" },
  ]);
  assert.deepEqual(messages(map('EXPRESS', 'arn:aws:states:us-east-1:123456789012:activity:a')).map(({ message }) => message), [
    'SCHEMA_VALIDATION_FAILED: Express state machine does not support Activities at /States/M/ItemProcessor/States/T/Resource',
  ]);
  assert.deepEqual(errorsOf(map('STANDARD', 'arn:aws:states:::glue:startJobRun.sync')), []);
});
