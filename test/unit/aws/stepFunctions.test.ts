// Hybrid runs that start executions of other state machines: the project's own API server (`serve`,
// the built CLI) on loopback stands in for Step Functions. Request-response, `.sync` and `.sync:2`,
// the AWS SDK integration, and errors as Step Functions names them.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { CreateStateMachineCommand, DescribeExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { TEST_CREDENTIALS } from './loopbackOnly';
import { runHybrid } from './hybridRun';
import { ROLE, startEndpoint, type Endpoint } from '../apiServer/endpoint';

Object.assign(process.env, TEST_CREDENTIALS);

describe('hybrid runs against Step Functions (the local endpoint)', () => {
  let endpoint: Endpoint;
  let client: SFNClient;
  let doubler: string;
  let failing: string;
  const start = (resource: string, input: unknown, name?: string) => ({
    Type: 'Task', Resource: resource, End: true,
    Parameters: { StateMachineArn: doubler, Input: input, ...(name ? { Name: name } : {}) },
  });

  before(async () => {
    endpoint = await startEndpoint();
    client = endpoint.client();
    const create = async (name: string, states: object) => (await client.send(new CreateStateMachineCommand({
      name, roleArn: ROLE, definition: JSON.stringify({ StartAt: Object.keys(states)[0], States: states }),
    }))).stateMachineArn!;
    doubler = await create('Doubler', { Double: { Type: 'Pass', Parameters: { 'twice.$': 'States.MathAdd($.n, $.n)' }, End: true } });
    failing = await create('Failing', { Fail: { Type: 'Fail', Error: 'SomeFailure', Cause: 'It always fails.' } });
  });
  after(async () => {
    client.destroy();
    await endpoint.stop();
  });

  it('starts an execution (request-response): its ARN and start date in epoch milliseconds, and the child runs with the input as JSON text', async () => {
    const outcome = await runHybrid({ Start: start('arn:aws:states:::states:startExecution', { n: 2 }) }, {}, { endpoints: { sfn: endpoint.url } });
    assert.equal(outcome.status, 'SUCCEEDED', outcome.cause);
    const output = outcome.output as Record<string, any>;
    assert.deepEqual(Object.keys(output), ['ExecutionArn', 'StartDate', 'SdkHttpMetadata', 'SdkResponseMetadata']);
    assert.equal(typeof output.StartDate, 'number');
    assert.equal(output.SdkHttpMetadata.HttpStatusCode, 200);
    const child = await client.send(new DescribeExecutionCommand({ executionArn: output.ExecutionArn }));
    assert.equal(child.input, '{"n":2}');
  });

  it('waits for the execution with .sync (Input and Output as JSON text) and .sync:2 (as JSON)', async () => {
    const sync = await runHybrid({ Start: start('arn:aws:states:::states:startExecution.sync', { n: 3 }) }, {}, { endpoints: { sfn: endpoint.url } });
    assert.equal(sync.status, 'SUCCEEDED', sync.cause);
    const described = sync.output as Record<string, any>;
    assert.deepEqual(Object.keys(described), ['ExecutionArn', 'Input', 'InputDetails', 'Name', 'Output', 'OutputDetails', 'StartDate', 'StateMachineArn', 'Status', 'StopDate']);
    assert.equal(described.Output, '{"twice":6}');
    assert.equal(described.Input, '{"n":3}');
    assert.deepEqual(described.InputDetails, { Included: true });
    assert.equal(described.Status, 'SUCCEEDED');
    assert.equal(described.StateMachineArn, doubler);

    const sync2 = await runHybrid({ Start: start('arn:aws:states:::states:startExecution.sync:2', { n: 4 }) }, {}, { endpoints: { sfn: endpoint.url } });
    assert.equal(sync2.status, 'SUCCEEDED', sync2.cause);
    assert.deepEqual((sync2.output as Record<string, any>).Output, { twice: 8 });
    assert.deepEqual((sync2.output as Record<string, any>).Input, { n: 4 });
  });

  it('fails a .sync Task whose execution failed with States.TaskFailed, the execution described with its Error and Cause as the cause', async () => {
    const outcome = await runHybrid({
      Start: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync', Parameters: { StateMachineArn: failing }, End: true },
    }, {}, { endpoints: { sfn: endpoint.url } });
    assert.equal(outcome.status, 'FAILED');
    assert.equal(outcome.error, 'States.TaskFailed');
    const cause = JSON.parse(outcome.cause!);
    assert.deepEqual(Object.keys(cause), ['Cause', 'Error', 'ExecutionArn', 'Input', 'InputDetails', 'Name', 'StartDate', 'StateMachineArn', 'Status', 'StopDate']);
    assert.equal(cause.Error, 'SomeFailure');
    assert.equal(cause.Cause, 'It always fails.');
    assert.equal(cause.Status, 'FAILED');
  });

  it('names a reused execution name StepFunctions.ExecutionAlreadyExistsException and a missing machine StepFunctions.StateMachineDoesNotExistException, so that Catch takes them', async () => {
    const first = await runHybrid({ Start: start('arn:aws:states:::states:startExecution', { n: 1 }, 'once') }, {}, { endpoints: { sfn: endpoint.url } });
    assert.equal(first.status, 'SUCCEEDED', first.cause);
    const again = await runHybrid({
      Start: { ...start('arn:aws:states:::states:startExecution', { n: 9 }, 'once'), End: undefined, Catch: [{ ErrorEquals: ['StepFunctions.ExecutionAlreadyExistsException'], Next: 'Caught' }] },
      Caught: { Type: 'Pass', End: true },
    }, {}, { endpoints: { sfn: endpoint.url } });
    assert.equal(again.status, 'SUCCEEDED', again.cause);
    assert.equal((again.output as Record<string, any>).Error, 'StepFunctions.ExecutionAlreadyExistsException');
    assert.match((again.output as Record<string, any>).Cause, /\(Service: AWSStepFunctions; Status Code: 400; Error Code: ExecutionAlreadyExists; Request ID: .*; Proxy: null\)$/);

    const missing = await runHybrid({
      Start: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution', Parameters: { StateMachineArn: `${doubler}Gone` }, End: true },
    }, {}, { endpoints: { sfn: endpoint.url } });
    assert.equal(missing.error, 'StepFunctions.StateMachineDoesNotExistException');
  });

  it('calls any Step Functions action through aws-sdk:sfn, members in PascalCase, errors named Sfn.', async () => {
    const outcome = await runHybrid({
      Describe: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:sfn:describeStateMachine', Parameters: { StateMachineArn: doubler }, ResultSelector: { 'name.$': '$.Name', 'type.$': '$.Type' }, Next: 'Missing' },
      Missing: {
        Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:sfn:describeStateMachine', Parameters: { StateMachineArn: `${doubler}Gone` }, ResultPath: '$.missing', End: true,
        Catch: [{ ErrorEquals: ['Sfn.StateMachineDoesNotExistException'], ResultPath: '$.missing', Next: 'Caught' }],
      },
      Caught: { Type: 'Pass', End: true },
    }, {}, { endpoints: { sfn: endpoint.url } });
    assert.equal(outcome.status, 'SUCCEEDED', outcome.cause);
    assert.deepEqual((outcome.output as Record<string, any>).name, 'Doubler');
    assert.equal((outcome.output as Record<string, any>).missing.Error, 'Sfn.StateMachineDoesNotExistException');
  });
});

describe('a call to AWS that never answers', () => {
  it('times out at the handler timeout with a cause that names the call to AWS, not a local handler', async () => {
    // A service that takes the request and never answers.
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const outcome = await runHybrid({
        Get: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:getItem', Parameters: { TableName: 'T', Key: { id: { S: '1' } } }, End: true },
      }, {}, { endpoints: { dynamodb: `http://127.0.0.1:${(silent.address() as AddressInfo).port}` } }, undefined, 1);
      assert.equal(outcome.error, 'States.Timeout');
      assert.match(outcome.cause!, /^The call to AWS of the state 'Get' did not answer within 1 s /);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});
