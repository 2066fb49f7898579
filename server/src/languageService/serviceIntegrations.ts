// The service integrations completion offers for a Task's Resource, each with the
// arguments a ready-to-run Task needs (the same keys in JSONPath `Parameters` and
// JSONata `Arguments`).

export interface ServiceIntegration {
  /** Short name used for the snippet label and the default state name. */
  label: string;
  resource: string;
  doc: string;
  /** Request fields with placeholder values; an InputField takes its value from the state input. */
  arguments: Record<string, unknown>;
}

/** A request field whose value comes from the state input (`''`: the whole input, else a top-level field). */
export class InputField {
  constructor(readonly field: string) {}
}

const input = (fieldName: string) => new InputField(fieldName);

export const SERVICE_INTEGRATIONS: readonly ServiceIntegration[] = [
  {
    label: 'Lambda Invoke', resource: 'arn:aws:states:::lambda:invoke', doc: 'Invoke a Lambda function; the result is the invoke response (`Payload` holds the function output).',
    arguments: { FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:my-function', Payload: input('') },
  },
  {
    label: 'SNS Publish', resource: 'arn:aws:states:::sns:publish', doc: 'Publish a message to an SNS topic.',
    arguments: { TopicArn: 'arn:aws:sns:us-east-1:123456789012:my-topic', Message: input('') },
  },
  {
    label: 'SQS SendMessage', resource: 'arn:aws:states:::sqs:sendMessage', doc: 'Send a message to an SQS queue.',
    arguments: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/my-queue', MessageBody: input('') },
  },
  {
    label: 'DynamoDB GetItem', resource: 'arn:aws:states:::dynamodb:getItem', doc: 'Read an item from a DynamoDB table.',
    arguments: { TableName: 'MyTable', Key: input('key') },
  },
  {
    label: 'DynamoDB PutItem', resource: 'arn:aws:states:::dynamodb:putItem', doc: 'Write an item to a DynamoDB table.',
    arguments: { TableName: 'MyTable', Item: input('item') },
  },
  {
    label: 'DynamoDB UpdateItem', resource: 'arn:aws:states:::dynamodb:updateItem', doc: 'Update an item of a DynamoDB table.',
    arguments: { TableName: 'MyTable', Key: input('key'), UpdateExpression: 'SET #v = :v' },
  },
  {
    label: 'DynamoDB DeleteItem', resource: 'arn:aws:states:::dynamodb:deleteItem', doc: 'Delete an item from a DynamoDB table.',
    arguments: { TableName: 'MyTable', Key: input('key') },
  },
  {
    label: 'EventBridge PutEvents', resource: 'arn:aws:states:::events:putEvents', doc: 'Send events to an EventBridge event bus.',
    arguments: { Entries: input('entries') },
  },
  {
    label: 'Step Functions StartExecution', resource: 'arn:aws:states:::states:startExecution.sync:2', doc: 'Start a child execution and wait for it to finish (output parsed as JSON).',
    arguments: { StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:MyStateMachine', Input: input('') },
  },
  {
    label: 'ECS RunTask', resource: 'arn:aws:states:::ecs:runTask.sync', doc: 'Run an ECS task and wait for it to stop.',
    arguments: { Cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/my-cluster', TaskDefinition: 'my-task-definition', LaunchType: 'FARGATE' },
  },
  {
    label: 'Batch SubmitJob', resource: 'arn:aws:states:::batch:submitJob.sync', doc: 'Submit a Batch job and wait for it to complete.',
    arguments: { JobName: 'my-job', JobQueue: 'arn:aws:batch:us-east-1:123456789012:job-queue/my-queue', JobDefinition: 'my-job-definition' },
  },
  {
    label: 'Glue StartJobRun', resource: 'arn:aws:states:::glue:startJobRun.sync', doc: 'Run a Glue job and wait for it to complete.',
    arguments: { JobName: 'my-glue-job' },
  },
  {
    label: 'HTTP Invoke', resource: 'arn:aws:states:::http:invoke', doc: 'Call an HTTPS API through an EventBridge connection.',
    arguments: { ApiEndpoint: 'https://api.example.com/items', Method: 'GET', Authentication: { ConnectionArn: 'arn:aws:events:us-east-1:123456789012:connection/my-connection' } },
  },
  {
    label: 'Bedrock InvokeModel', resource: 'arn:aws:states:::bedrock:invokeModel', doc: 'Invoke an Amazon Bedrock model.',
    arguments: { ModelId: 'anthropic.claude-3-haiku-20240307-v1:0', Body: input('body') },
  },
  {
    label: 'Activity', resource: 'arn:aws:states:us-east-1:123456789012:activity:my-activity', doc: 'Wait for an activity worker to do the work.',
    arguments: {},
  },
];
