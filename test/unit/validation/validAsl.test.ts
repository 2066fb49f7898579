// Valid ASL of every age must give no error: legacy fields, comments anywhere, the newest fields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorsOf, summary } from './helpers';

const definitions: Record<string, unknown> = {
  'legacy Map with Iterator, Parameters, ItemsPath and null paths': {
    Comment: 'legacy', Version: '1.0', TimeoutSeconds: 300, StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map', ItemsPath: '$.items', MaxConcurrency: 2, ResultPath: null, InputPath: null,
        Parameters: { 'index.$': '$$.Map.Item.Index', 'value.$': '$$.Map.Item.Value', constant: 1 },
        Iterator: { StartAt: 'Work', States: { Work: { Type: 'Pass', End: true } } },
        Next: 'Done',
      },
      Done: { Type: 'Succeed', OutputPath: '$.result' },
    },
  },
  'comments everywhere': {
    Comment: 'top', StartAt: 'Choose',
    States: {
      Choose: {
        Type: 'Choice', Comment: 'state',
        Choices: [
          { Comment: 'rule', Variable: '$.n', NumericGreaterThan: 1, Next: 'Branches' },
          { Comment: 'combined', And: [{ Comment: 'inner', Variable: '$.s', IsPresent: true }, { Not: { Variable: '$.s', StringEquals: 'x' } }], Next: 'Branches' },
        ],
        Default: 'Branches',
      },
      Branches: {
        Type: 'Parallel', Comment: 'parallel',
        Branches: [{ Comment: 'branch', StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f', End: true, Comment: 'task' } } }],
        Retry: [{ Comment: 'retrier', ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 1.5, MaxDelaySeconds: 10, JitterStrategy: 'FULL' }],
        Catch: [{ Comment: 'catcher', ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Failed' }],
        ResultSelector: { 'first.$': '$[0]' },
        End: true,
      },
      Failed: { Type: 'Fail', Comment: 'fail', Error: 'Failed', Cause: 'Something failed' },
    },
  },
  'distributed Map reading a CSV, batching, writing results': {
    StartAt: 'Process',
    States: {
      Process: {
        Type: 'Map', Label: 'Process', MaxConcurrency: 1000, ToleratedFailurePercentage: 5, ToleratedFailureCount: 10,
        ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', MaxItems: 100 }, Parameters: { Bucket: 'my-bucket', 'Key.$': '$.key' } },
        ItemBatcher: { MaxItemsPerBatch: 10, MaxInputBytesPerBatch: 262144, BatchInput: { 'run.$': '$$.Execution.Name' } },
        ItemSelector: { 'row.$': '$$.Map.Item.Value' },
        ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'results', Prefix: 'out' } },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
          StartAt: 'Handle',
          States: { Handle: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f', 'Payload.$': '$' }, End: true } },
        },
        End: true,
      },
    },
  },
  'JSONata machine with variables, Arguments, Output, Condition, Items and expressions in numbers': {
    QueryLanguage: 'JSONata', StartAt: 'Load',
    States: {
      Load: {
        Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke',
        Arguments: { FunctionName: 'load', Payload: '{% $states.input %}' },
        TimeoutSeconds: '{% $states.input.timeout %}', HeartbeatSeconds: 5,
        Assign: { items: '{% $states.result.Payload.items %}', limit: 3 },
        Output: '{% $states.result.Payload %}',
        Catch: [{ ErrorEquals: ['States.ALL'], Output: '{% $states.errorOutput %}', Assign: { reason: '{% $states.errorOutput.Cause %}' }, Next: 'Broken' }],
        Next: 'Enough?',
      },
      'Enough?': {
        Type: 'Choice',
        Choices: [{ Condition: '{% $count($items) > $limit %}', Next: 'Each', Assign: { many: true }, Output: { n: '{% $count($items) %}' } }],
        Default: 'Pause',
      },
      Pause: { Type: 'Wait', Seconds: '{% $limit %}', Next: 'Each' },
      Each: {
        Type: 'Map', Items: '{% $items %}', MaxConcurrency: '{% $limit %}',
        ItemSelector: { value: '{% $states.context.Map.Item.Value %}', at: '{% $states.context.Map.Item.Index %}' },
        ItemProcessor: { StartAt: 'Double', States: { Double: { Type: 'Pass', Output: '{% $states.input.value * 2 + $limit %}', End: true } } },
        Output: { doubled: '{% $states.result %}', hash: '{% $hash("x", "SHA-256") %}', id: '{% $uuid() %}', parts: '{% $partition([1,2,3], 2) %}' },
        Next: 'Done',
      },
      Done: { Type: 'Succeed', Output: { many: '{% $exists($many) %}' } },
      Broken: { Type: 'Fail', Error: '{% "Broken" %}', Cause: '{% $reason %}' },
    },
  },
  'JSONPath machine with one JSONata state, and a JSONata Map with JSONPath inner states': {
    StartAt: 'Old',
    States: {
      Old: { Type: 'Pass', Result: { a: 1 }, ResultPath: '$.x', Next: 'New' },
      New: { Type: 'Pass', QueryLanguage: 'JSONata', Output: { b: '{% $states.input.x.a %}' }, Next: 'Map' },
      Map: {
        Type: 'Map', QueryLanguage: 'JSONata',
        ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'Inner', States: { Inner: { Type: 'Pass', End: true } } },
        End: true,
      },
    },
  },
  'tasks: callbacks, credentials, heartbeats, intrinsics, timestamps': {
    StartAt: 'Notify',
    States: {
      Notify: {
        Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
        Parameters: { QueueUrl: 'https://sqs', MessageBody: { 'token.$': '$$.Task.Token', 'text.$': "States.Format('Hello {}', $.name)", 'id.$': 'States.UUID()' } },
        HeartbeatSecondsPath: '$.heartbeat', TimeoutSeconds: 3600,
        Credentials: { RoleArn: 'arn:aws:iam::123456789012:role/r' },
        ResultSelector: { 'status.$': '$.status' }, ResultPath: '$.notified',
        Next: 'Other account',
      },
      'Other account': {
        Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:s3:listBuckets', Parameters: {},
        Credentials: { 'RoleArn.$': '$.roleArn' }, Next: 'Until',
      },
      Until: { Type: 'Wait', Timestamp: '2026-01-01T10:00:00.123+02:00', Next: 'Later' },
      Later: { Type: 'Wait', TimestampPath: '$.when', Next: 'Dynamo' },
      Dynamo: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:getItem', Parameters: { TableName: 't', Key: { id: { 'S.$': '$.id' } } }, Next: 'Nested' },
      Nested: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', Parameters: { StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:m', 'Input.$': '$' }, Next: 'Stop' },
      Stop: { Type: 'Fail', ErrorPath: '$.error', CausePath: "States.Format('Failed: {}', $.cause)" },
    },
  },
  'variables assigned before a Parallel are read in its branches; JSONPath reads with $name': {
    StartAt: 'Init',
    States: {
      Init: { Type: 'Pass', Assign: { 'user.$': '$.user', retries: 0 }, Next: 'Fan out' },
      'Fan out': {
        Type: 'Parallel',
        Branches: [
          { StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { 'u.$': '$user', 'r.$': 'States.MathAdd($retries, 1)' }, End: true } } },
          { StartAt: 'B', States: { B: { Type: 'Choice', Choices: [{ Variable: '$user.name', IsPresent: true, Next: 'C' }], Default: 'C' }, C: { Type: 'Succeed' } } },
        ],
        End: true,
      },
    },
  },
  'templates: quoted substitutions, Fn::GetAtt and Ref': {
    StartAt: 'Call',
    States: {
      Call: { Type: 'Task', Resource: '${FunctionArn}', Next: 'Again' },
      Again: { Type: 'Task', Resource: { 'Fn::GetAtt': ['Function', 'Arn'] }, Next: 'Last' },
      Last: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: { Ref: 'Function' } }, TimeoutSeconds: '${Timeout}', End: true },
    },
  },
  'choice comparisons of every kind': {
    StartAt: 'C',
    States: {
      C: {
        Type: 'Choice',
        Choices: [
          { Variable: '$.s', StringMatches: 'log-*.txt', Next: 'End' },
          { Variable: '$.t', TimestampGreaterThanEquals: '2001-01-01T00:00:00Z', Next: 'End' },
          { Variable: '$.t', TimestampLessThanPath: '$.limit', Next: 'End' },
          { Or: [{ Variable: '$.b', BooleanEquals: false }, { Variable: '$.n', NumericEqualsPath: '$.m' }], Next: 'End' },
          { Variable: '$.items[0].name', IsString: true, Next: 'End' },
          { Variable: "$.list[?(@.price < 10)]", IsPresent: true, Next: 'End' },
        ],
        Default: 'End',
      },
      End: { Type: 'Succeed' },
    },
  },
};

for (const [name, definition] of Object.entries(definitions)) {
  test(`valid: ${name}`, () => {
    assert.deepEqual(summary(errorsOf(definition)), []);
  });
}
