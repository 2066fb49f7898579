// Hybrid runs calling services without a stand-in server (Lambda, SQS, SNS, EventBridge): the SDK's
// own request path up to its send, answered by aws-sdk-client-mock, throttling and access denied included.
import { strict as assert } from 'node:assert';
import { afterEach, describe, it } from 'node:test';
import { mockClient } from 'aws-sdk-client-mock';
import { InvokeCommand, LambdaClient, LambdaServiceException, ResourceNotFoundException, TooManyRequestsException } from '@aws-sdk/client-lambda';
import { SendMessageCommand, SQSClient, RequestThrottled } from '@aws-sdk/client-sqs';
import { AuthorizationErrorException, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { TEST_CREDENTIALS } from './loopbackOnly';
import { runHybrid } from './hybridRun';

Object.assign(process.env, TEST_CREDENTIALS);

const metadata = { $metadata: { httpStatusCode: 200, requestId: 'req-1' } };
/** A payload as the SDK returns it (its blob adapter). */
const bytes = (value: unknown) => Object.assign(new TextEncoder().encode(JSON.stringify(value)), { transformToString: () => JSON.stringify(value) });
const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:price';

describe('hybrid runs calling Lambda', () => {
  const lambda = mockClient(LambdaClient);
  afterEach(() => lambda.reset());

  it('gives lambda:invoke its result with the payload parsed, and a bare ARN its payload, the event sent as bytes', async () => {
    lambda.on(InvokeCommand).callsFake((input) => ({ ...metadata, StatusCode: 200, ExecutedVersion: '$LATEST', Payload: bytes({ got: JSON.parse(new TextDecoder().decode(input.Payload)) }) }));
    const outcome = await runHybrid({
      Optimized: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'price', Payload: { n: 1 } }, ResultPath: '$.optimized', Next: 'Bare' },
      Bare: { Type: 'Task', Resource: FUNCTION_ARN, InputPath: '$.optimized.Payload', End: true },
    }, {}, {});
    assert.equal(outcome.status, 'SUCCEEDED', outcome.cause);
    assert.deepEqual(outcome.output, { got: { got: { n: 1 } } });
    assert.equal(lambda.commandCalls(InvokeCommand)[1].args[0].input.FunctionName, FUNCTION_ARN);
  });

  it('fails with the function\'s errorType and its payload as the cause', async () => {
    const payload = { errorType: 'PriceError', errorMessage: 'no price', trace: [] };
    lambda.on(InvokeCommand).resolves({ ...metadata, StatusCode: 200, FunctionError: 'Unhandled', Payload: bytes(payload) });
    const outcome = await runHybrid({ Call: { Type: 'Task', Resource: FUNCTION_ARN, End: true } }, {}, {});
    assert.equal(outcome.error, 'PriceError');
    assert.deepEqual(JSON.parse(outcome.cause!), payload);
  });

  it('names service errors as Step Functions does: retries a throttled call, catches a missing function and access denied', async () => {
    const throttled = new TooManyRequestsException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 429, requestId: 'req-2' } });
    const missing = new ResourceNotFoundException({ message: 'Function not found: price', $metadata: { httpStatusCode: 404, requestId: 'req-3' } });
    const denied = new LambdaServiceException({ name: 'AccessDeniedException', $fault: 'client', message: 'User is not authorized to perform: lambda:InvokeFunction', $metadata: { httpStatusCode: 403, requestId: 'req-4' } });
    lambda.on(InvokeCommand).rejectsOnce(throttled).rejectsOnce(missing).rejects(denied);
    const task = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'price', Payload: {} } };
    const outcome = await runHybrid({
      Throttled: { ...task, Retry: [{ ErrorEquals: ['Lambda.TooManyRequestsException'], IntervalSeconds: 1, MaxAttempts: 1 }], Catch: [{ ErrorEquals: ['Lambda.ResourceNotFoundException'], ResultPath: '$.missing', Next: 'Denied' }], End: true },
      Denied: { ...task, Catch: [{ ErrorEquals: ['Lambda.AWSLambdaException'], ResultPath: '$.denied', Next: 'Done' }], End: true },
      Done: { Type: 'Succeed' },
    }, {}, {});
    assert.equal(outcome.status, 'SUCCEEDED', outcome.cause);
    const output = outcome.output as Record<string, { Error: string; Cause: string }>;
    assert.equal(output.missing.Error, 'Lambda.ResourceNotFoundException');
    assert.equal(output.missing.Cause, 'Function not found: price (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: req-3; Proxy: null)');
    assert.equal(output.denied.Error, 'Lambda.AWSLambdaException');
    assert.equal(lambda.commandCalls(InvokeCommand).length, 3);
  });
});

describe('hybrid runs calling SQS, SNS and EventBridge', () => {
  const sqs = mockClient(SQSClient);
  const sns = mockClient(SNSClient);
  const events = mockClient(EventBridgeClient);
  afterEach(() => {
    sqs.reset();
    sns.reset();
    events.reset();
  });

  it('sends, publishes and puts events, the optimized results with their HTTP metadata', async () => {
    sqs.on(SendMessageCommand).resolves({ ...metadata, MessageId: 'm-1', MD5OfMessageBody: 'abc' });
    sns.on(PublishCommand).resolves({ ...metadata, MessageId: 'p-1' });
    events.on(PutEventsCommand).resolves({ ...metadata, FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] });
    const outcome = await runHybrid({
      Send: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q', MessageBody: 'hi' }, ResultPath: '$.sent', Next: 'Publish' },
      Publish: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn: 'arn:aws:sns:us-east-1:123456789012:t', Message: 'hi' }, ResultPath: '$.published', Next: 'Put' },
      Put: { Type: 'Task', Resource: 'arn:aws:states:::events:putEvents', Parameters: { Entries: [{ Source: 'orders', DetailType: 'placed', Detail: {} }] }, ResultPath: '$.put', End: true },
    }, {}, {});
    assert.equal(outcome.status, 'SUCCEEDED', outcome.cause);
    const output = outcome.output as Record<string, any>;
    assert.deepEqual(output.sent, { MessageId: 'm-1', MD5OfMessageBody: 'abc', SdkHttpMetadata: { AllHttpHeaders: {}, HttpHeaders: {}, HttpStatusCode: 200 }, SdkResponseMetadata: { RequestId: 'req-1' } });
    assert.equal(output.published.MessageId, 'p-1');
    assert.deepEqual(output.put, { FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] });
    assert.equal(sqs.commandCalls(SendMessageCommand)[0].args[0].input.MessageBody, 'hi');
  });

  it('names throttling, access denied and failed entries with the names AWS gives them', async () => {
    sqs.on(SendMessageCommand).rejects(new RequestThrottled({ message: 'Request is throttled.', $metadata: { httpStatusCode: 400 } }));
    sns.on(PublishCommand).rejects(new AuthorizationErrorException({ message: 'not authorized to perform: SNS:Publish', $metadata: { httpStatusCode: 403 } }));
    events.on(PutEventsCommand).resolves({ ...metadata, FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure' }] });
    const caught = (resource: string, parameters: object, key: string, next?: string) => ({
      Type: 'Task', Resource: resource, Parameters: parameters, Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: `$.${key}`, ...(next ? { Next: next } : { Next: 'Done' }) }], ...(next ? { Next: next } : { Next: 'Done' }),
    });
    const outcome = await runHybrid({
      Send: caught('arn:aws:states:::sqs:sendMessage', { QueueUrl: 'q', MessageBody: 'hi' }, 'sqs', 'Publish'),
      Publish: caught('arn:aws:states:::sns:publish', { TopicArn: 't', Message: 'hi' }, 'sns', 'Put'),
      Put: caught('arn:aws:states:::events:putEvents', { Entries: [{ Source: 's', DetailType: 'd', Detail: {} }] }, 'events'),
      Done: { Type: 'Succeed' },
    }, {}, {});
    assert.equal(outcome.status, 'SUCCEEDED', outcome.cause);
    const output = outcome.output as Record<string, { Error: string }>;
    assert.deepEqual([output.sqs.Error, output.sns.Error, output.events.Error], ['SQS.RequestThrottledException', 'SNS.AuthorizationErrorException', 'EventBridge.FailedEntry']);
  });
});
