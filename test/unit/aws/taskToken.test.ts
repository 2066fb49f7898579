// `.waitForTaskToken` in hybrid executions of the local endpoint (the API server, here in this process
// on loopback): the real service is called with the token in its message (SQS SendMessage, answered by
// aws-sdk-client-mock through the SDK's request path), then the execution waits until a worker (the
// AWS SDK's Step Functions client against the local endpoint) answers with SendTaskSuccess,
// SendTaskFailure or heartbeats; HeartbeatSeconds holds as on AWS.
import { strict as assert } from 'node:assert';
import { after, afterEach, before, describe, it } from 'node:test';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { mockClient } from 'aws-sdk-client-mock';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  CreateStateMachineCommand, DescribeExecutionCommand, SendTaskFailureCommand, SendTaskHeartbeatCommand, SendTaskSuccessCommand,
  SFNClient, StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { TEST_CREDENTIALS } from './loopbackOnly';
import { StepFunctions } from '../../../server/src/apiServer/stepFunctions';
import { createApiServer } from '../../../server/src/apiServer/http';
import { getLanguageService } from '../../../server/src/languageService';
import { awsCallOf } from '../../../server/src/execution/aws/integrations';

Object.assign(process.env, TEST_CREDENTIALS);

const ROLE = 'arn:aws:iam::123456789012:role/local';

describe('.waitForTaskToken in hybrid executions of the local endpoint', () => {
  const sqs = mockClient(SQSClient);
  let service: StepFunctions;
  let server: Server;
  let sfn: SFNClient;
  let machineArn: string;

  /** The token the execution sent in its SQS message, once it has. */
  const sentToken = async (): Promise<string> => {
    for (;;) {
      const call = sqs.commandCalls(SendMessageCommand).at(-1);
      if (call) return JSON.parse(call.args[0].input.MessageBody!).token;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const ended = async (executionArn: string) => {
    for (;;) {
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      if (described.status !== 'RUNNING') return described;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  before(async () => {
    service = new StepFunctions(getLanguageService(), { callAws: {} });
    server = createApiServer(service.actions);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    sfn = new SFNClient({ endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, region: 'us-east-1', credentials: { accessKeyId: 'LOCAL', secretAccessKey: 'LOCAL' } });
    machineArn = (await sfn.send(new CreateStateMachineCommand({
      name: 'Approval', roleArn: ROLE, definition: JSON.stringify({
        StartAt: 'Ask',
        States: {
          Ask: {
            Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', HeartbeatSeconds: 1, End: true,
            Parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/approvals', 'MessageBody': { 'token.$': '$$.Task.Token', 'order.$': '$.order' } },
          },
        },
      }),
    }))).stateMachineArn!;
  });
  afterEach(() => sqs.reset());
  after(async () => {
    sfn.destroy();
    service.close();
    await new Promise((resolve) => server.close(resolve));
    sqs.restore();
  });

  it('sends the message with the token, waits, and takes the worker\'s SendTaskSuccess (heartbeats keep it alive)', async () => {
    sqs.on(SendMessageCommand).resolves({ $metadata: { httpStatusCode: 200 }, MessageId: 'm-1' });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, input: JSON.stringify({ order: 7 }) }));
    const token = await sentToken();
    assert.equal(JSON.parse(sqs.commandCalls(SendMessageCommand)[0].args[0].input.MessageBody!).order, 7);
    assert.equal((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status, 'RUNNING', 'it waits for the token');
    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ approved: true }) }));
    const described = await ended(executionArn!);
    assert.equal(described.status, 'SUCCEEDED', described.cause);
    assert.deepEqual(JSON.parse(described.output!), { approved: true });
  });

  it('fails with the worker\'s SendTaskFailure error and cause, and with States.HeartbeatTimeout when no heartbeat comes', async () => {
    sqs.on(SendMessageCommand).resolves({ $metadata: { httpStatusCode: 200 }, MessageId: 'm-2' });
    const failed = await sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, input: JSON.stringify({ order: 8 }) }));
    await sfn.send(new SendTaskFailureCommand({ taskToken: await sentToken(), error: 'Rejected', cause: 'Over budget' }));
    const failure = await ended(failed.executionArn!);
    assert.deepEqual([failure.status, failure.error, failure.cause], ['FAILED', 'Rejected', 'Over budget']);

    sqs.reset();
    sqs.on(SendMessageCommand).resolves({ $metadata: { httpStatusCode: 200 }, MessageId: 'm-3' });
    const silent = await sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, input: JSON.stringify({ order: 9 }) }));
    await sentToken();
    const timedOut = await ended(silent.executionArn!);
    assert.deepEqual([timedOut.status, timedOut.error], ['FAILED', 'States.HeartbeatTimeout']);
  });

  it('fails the Task with the service\'s error when the message cannot be sent, without waiting', async () => {
    sqs.on(SendMessageCommand).rejects(Object.assign(new Error('Access to the resource is denied.'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }));
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, input: JSON.stringify({ order: 10 }) }));
    const described = await ended(executionArn!);
    assert.equal(described.status, 'FAILED');
    assert.equal(described.error, 'SQS.AmazonSQSException');
  });

  it('is not called by runs that cannot take a worker\'s answer (VS Code and the CLI): the plan says why', () => {
    const call = awsCallOf('arn:aws:states:::sqs:sendMessage.waitForTaskToken');
    assert.ok('unsupported' in call);
    assert.match(call.unsupported, /serve --call-aws/);
    assert.ok(!('unsupported' in awsCallOf('arn:aws:states:::sqs:sendMessage.waitForTaskToken', true)));
  });
});
