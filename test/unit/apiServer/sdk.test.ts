// The Step Functions API of `serve`, driven by the AWS SDK for JavaScript v3 as users drive AWS.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CreateActivityCommand, CreateStateMachineAliasCommand, CreateStateMachineCommand, DeleteActivityCommand, DeleteStateMachineCommand,
  DeleteStateMachineVersionCommand, DescribeActivityCommand, DescribeExecutionCommand, DescribeStateMachineAliasCommand, DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand, GetActivityTaskCommand, GetExecutionHistoryCommand, ListActivitiesCommand, ListExecutionsCommand,
  ListStateMachineAliasesCommand, ListStateMachinesCommand, ListStateMachineVersionsCommand, ListTagsForResourceCommand, PublishStateMachineVersionCommand, RedriveExecutionCommand,
  SendTaskFailureCommand, SendTaskHeartbeatCommand, SendTaskSuccessCommand, SFNClient, StartExecutionCommand, StartSyncExecutionCommand,
  StopExecutionCommand, TagResourceCommand, TestStateCommand, UntagResourceCommand, UpdateStateMachineAliasCommand, UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand, type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { CLI, definition, ROLE, startEndpoint, type Endpoint } from './endpoint';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-api-'));
const mockConfig = path.join(work, 'mocks.json');
fs.writeFileSync(mockConfig, JSON.stringify({
  StateMachines: {
    orders: { TestCases: { Declined: { Charge: 'Declined' }, Paid: { Charge: 'Paid' } } },
    'redrive-fan': { TestCases: { FailsOnce: { Steady: 'Steady', Flaky: 'FailsOnce' } } },
  },
  MockedResponses: {
    Declined: { 0: { Throw: { Error: 'Payment.Declined', Cause: 'card expired' } } },
    Paid: { 0: { Return: { charged: 42 } } },
    // A second invocation of Steady would fail the run: a redrive must not invoke it again.
    Steady: { 0: { Return: { steady: 1 } }, 1: { Throw: { Error: 'Steady.InvokedTwice' } } },
    FailsOnce: { 0: { Throw: { Error: 'Flaky.Busy', Cause: 'first try' } }, 1: { Return: { flaky: 2 } } },
  },
}));

let endpoint: Endpoint;
let sfn: SFNClient;

before(async () => {
  endpoint = await startEndpoint([], { SFN_MOCK_CONFIG: mockConfig });
  sfn = endpoint.client();
});
after(async () => {
  sfn.destroy();
  assert.equal(await endpoint.stop(), 0, endpoint.output());
});

/** The error the SDK raises, with its name, message and HTTP status. */
async function refused(promise: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    const { name, message, $metadata } = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name, message, status: $metadata?.httpStatusCode };
  }
  assert.fail('the call was expected to fail');
}

async function createMachine(name: string, value: unknown, type?: 'STANDARD' | 'EXPRESS'): Promise<string> {
  const created = await sfn.send(new CreateStateMachineCommand({ name, definition: definition(value), roleArn: ROLE, type }));
  return created.stateMachineArn!;
}

/** Polls DescribeExecution until the execution has ended (or `status` is reached). */
async function settled(executionArn: string, status?: string) {
  for (;;) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (status ? described.status === status : described.status !== 'RUNNING') return described;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function history(executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken }));
    events.push(...page.events!);
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** The token a `.waitForTaskToken` Task sent, read from its TaskScheduled event. */
async function taskToken(executionArn: string): Promise<string> {
  for (;;) {
    const scheduled = (await history(executionArn)).find((event) => event.type === 'TaskScheduled');
    if (scheduled) return JSON.parse(scheduled.taskScheduledEventDetails!.parameters!).MessageBody.token;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const hello = { StartAt: 'Greet', States: { Greet: { Type: 'Pass', Parameters: { 'greeting.$': "States.Format('Hello, {}', $.who)" }, Next: 'Wait' }, Wait: { Type: 'Wait', Seconds: 30, End: true } } };
const callback = {
  StartAt: 'Ask',
  States: {
    Ask: {
      Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q', MessageBody: { 'token.$': '$$.Task.Token' } },
      HeartbeatSeconds: 600, End: true,
    },
  },
};

describe('state machines', () => {
  test('Create, Describe, Update, List with pages, Delete', async () => {
    const arn = await createMachine('lifecycle', hello);
    assert.equal(arn, 'arn:aws:states:us-east-1:123456789012:stateMachine:lifecycle');
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
    assert.equal(described.name, 'lifecycle');
    assert.equal(described.status, 'ACTIVE');
    assert.equal(described.type, 'STANDARD');
    assert.equal(described.roleArn, ROLE);
    assert.deepEqual(JSON.parse(described.definition!), hello);
    assert.ok(described.creationDate instanceof Date);

    // Creating it again unchanged answers the same state machine; a different one by that name is refused.
    assert.equal(await createMachine('lifecycle', hello), arn);
    const clash = await refused(createMachine('lifecycle', { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }));
    assert.deepEqual(clash, { name: 'StateMachineAlreadyExists', message: `State Machine Already Exists: '${arn}'`, status: 400 });

    const updatedDefinition = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
    const updated = await sfn.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition: definition(updatedDefinition) }));
    assert.ok(updated.updateDate instanceof Date);
    assert.notEqual(updated.revisionId, described.revisionId);
    assert.deepEqual(JSON.parse((await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }))).definition!), updatedDefinition);

    for (const name of ['page-a', 'page-b', 'page-c']) await createMachine(name, hello);
    const names: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await sfn.send(new ListStateMachinesCommand({ maxResults: 2, nextToken }));
      names.push(...page.stateMachines!.map((machine) => machine.name!));
      nextToken = page.nextToken;
      pages++;
    } while (nextToken);
    assert.ok(pages >= 2);
    for (const name of ['lifecycle', 'page-a', 'page-b', 'page-c']) assert.equal(names.filter((listed) => listed === name).length, 1, name);

    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn: arn }));
    const gone = await refused(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn })));
    assert.deepEqual(gone, { name: 'StateMachineDoesNotExist', message: `State Machine Does Not Exist: '${arn}'`, status: 400 });
  });

  test('an invalid definition is refused with AWS\'s code, message and location; a bad name or ARN too', async () => {
    const invalid = await refused(createMachine('invalid', { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } }));
    assert.equal(invalid.name, 'InvalidDefinition');
    assert.equal(invalid.message, "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: Nowhere at /States/A/Next'");
    const notJson = await refused(sfn.send(new CreateStateMachineCommand({ name: 'notjson', definition: '{"StartAt": ', roleArn: ROLE })));
    assert.equal(notJson.name, 'InvalidDefinition');
    const badName = await refused(createMachine('no spaces', hello));
    assert.deepEqual(badName, { name: 'InvalidName', message: "Invalid Name: 'no spaces'", status: 400 });
    const badArn = await refused(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'orders' })));
    assert.deepEqual(badArn, { name: 'InvalidArn', message: "Invalid Arn: 'Invalid ARN prefix: orders'", status: 400 });
    const wrongType = await refused(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'arn:aws:states:us-east-1:123456789012:activity:x' })));
    assert.equal(wrongType.message, "Invalid Arn: 'Resource type not valid in this context: activity'");
    const missing = await refused(sfn.send(new CreateStateMachineCommand({ name: 'norole', definition: definition(hello), roleArn: undefined as unknown as string })));
    assert.equal(missing.name, 'ValidationException');
    assert.match(missing.message, /'roleArn' failed to satisfy constraint: Member must not be null/);
  });

  test('ValidateStateMachineDefinition answers OK, or FAIL with each diagnostic', async () => {
    const ok = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: definition(hello) }));
    assert.equal(ok.result, 'OK');
    assert.deepEqual(ok.diagnostics, []);
    const fail = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: definition({ StartAt: 'A', States: { A: { Type: 'Passs', End: true } } }) }));
    assert.equal(fail.result, 'FAIL');
    assert.equal(fail.diagnostics![0].severity, 'ERROR');
    assert.equal(fail.diagnostics![0].code, 'SCHEMA_VALIDATION_FAILED');
    assert.equal(fail.diagnostics![0].location, '/States/A/Type');
    // EXPRESS rules: no callback integration.
    const express = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: definition(callback), type: 'EXPRESS' }));
    assert.equal(express.result, 'FAIL');
  });
});

describe('executions', () => {
  test('StartExecution runs on the virtual clock; the history is the CLI run --json history', async () => {
    const arn = await createMachine('hello', hello);
    const { executionArn, startDate } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'first', input: '{"who": "Ada"}' }));
    assert.equal(executionArn, 'arn:aws:states:us-east-1:123456789012:execution:hello:first');
    assert.ok(startDate instanceof Date);
    const done = await settled(executionArn!);
    assert.equal(done.status, 'SUCCEEDED');
    assert.equal(done.output, '{"greeting":"Hello, Ada"}');
    assert.equal(done.input, '{"who": "Ada"}');
    // 30 s of Wait on the virtual clock: the stop date says so, though it took no such time.
    assert.equal(done.stopDate!.getTime() - done.startDate!.getTime() >= 30_000, true);

    const file = path.join(work, 'hello.asl.json');
    fs.writeFileSync(file, definition(hello));
    const cli = spawnSync(process.execPath, [CLI, 'run', file, '--name', 'first', '--input-json', '{"who": "Ada"}', '--json'], { encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stderr);
    const withoutTimes = (events: object[]) => events.map(({ timestamp, ...event }: { timestamp?: unknown }) => event);
    const expected = withoutTimes(JSON.parse(cli.stdout).events)
      .map((event: { executionStartedEventDetails?: { roleArn?: string } }) => {
        if (event.executionStartedEventDetails) event.executionStartedEventDetails.roleArn = ROLE;
        return event;
      });
    assert.deepEqual(withoutTimes(await history(executionArn!)), expected);

    const duplicate = await refused(sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'first' })));
    assert.deepEqual(duplicate, { name: 'ExecutionAlreadyExists', message: `Execution Already Exists: '${executionArn}'`, status: 400 });
    const machine = await sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn }));
    assert.deepEqual(JSON.parse(machine.definition!), hello);
    assert.equal(machine.name, 'hello');
  });

  test('GetExecutionHistory pages forward and in reverse, with or without execution data', async () => {
    const arn = await createMachine('history', hello);
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{"who": "Bo"}' }));
    await settled(executionArn!);
    const all = await history(executionArn!);
    const reversed: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 2, reverseOrder: true, nextToken }));
      assert.ok(page.events!.length <= 2);
      reversed.push(...page.events!);
      nextToken = page.nextToken;
    } while (nextToken);
    assert.deepEqual(reversed.map((event) => event.id), all.map((event) => event.id).reverse());
    const lean = await sfn.send(new GetExecutionHistoryCommand({ executionArn, includeExecutionData: false }));
    assert.equal(lean.events![0].executionStartedEventDetails!.input, undefined);
    assert.equal(lean.events![0].executionStartedEventDetails!.roleArn, ROLE);
    const badToken = await refused(sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken: 'bm9wZQ' })));
    assert.equal(badToken.name, 'InvalidToken');
    const unknown = await refused(sfn.send(new GetExecutionHistoryCommand({ executionArn: `${arn.replace('stateMachine', 'execution')}:nope` })));
    assert.equal(unknown.name, 'ExecutionDoesNotExist');
  });

  test('ListExecutions filters by status and pages, newest first; StopExecution aborts with the error and cause given', async () => {
    const arn = await createMachine('listed', callback);
    const started: string[] = [];
    for (let i = 0; i < 5; i++) started.push((await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: `run-${i}` }))).executionArn!);
    for (const executionArn of started.slice(0, 2)) await sfn.send(new SendTaskSuccessCommand({ taskToken: await taskToken(executionArn), output: '{"ok": true}' }));
    await settled(started[0]);
    await settled(started[1]);
    const stopped = await sfn.send(new StopExecutionCommand({ executionArn: started[2], error: 'Operator', cause: 'not needed' }));
    assert.ok(stopped.stopDate instanceof Date);
    const aborted = await settled(started[2]);
    assert.equal(aborted.status, 'ABORTED');
    assert.equal(aborted.error, 'Operator');
    assert.equal(aborted.cause, 'not needed');
    const abortedEvent = (await history(started[2])).at(-1)!;
    assert.equal(abortedEvent.type, 'ExecutionAborted');

    const listed: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, maxResults: 2, nextToken }));
      listed.push(...page.executions!.map((execution) => execution.name!));
      nextToken = page.nextToken;
    } while (nextToken);
    assert.deepEqual(listed, ['run-4', 'run-3', 'run-2', 'run-1', 'run-0']);
    const running = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: 'RUNNING' }));
    assert.deepEqual(running.executions!.map((execution) => execution.name), ['run-4', 'run-3']);
    const succeeded = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: 'SUCCEEDED' }));
    assert.deepEqual(succeeded.executions!.map((execution) => execution.name), ['run-1', 'run-0']);
    for (const executionArn of started.slice(3)) await sfn.send(new StopExecutionCommand({ executionArn }));
  });

  test('a test case of the mock config serves the Task states: the ARN suffix #TestCase', async () => {
    const orders = {
      StartAt: 'Charge',
      States: {
        Charge: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'charge' }, Catch: [{ ErrorEquals: ['Payment.Declined'], Next: 'Declined' }], End: true },
        Declined: { Type: 'Fail', Error: 'Declined' },
      },
    };
    const arn = await createMachine('orders', orders);
    const paid = await sfn.send(new StartExecutionCommand({ stateMachineArn: `${arn}#Paid` }));
    assert.equal((await settled(paid.executionArn!)).output, '{"charged":42}');
    const declined = await sfn.send(new StartExecutionCommand({ stateMachineArn: `${arn}#Declined` }));
    const failed = await settled(declined.executionArn!);
    assert.equal(failed.status, 'FAILED');
    assert.equal(failed.error, 'Declined');
    const unmocked = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn }));
    const unserved = await settled(unmocked.executionArn!);
    assert.equal(unserved.error, 'States.Runtime');
    assert.match(unserved.cause!, /No result for the Task state 'Charge'.*#<case>/);
    const noCase = await refused(sfn.send(new StartExecutionCommand({ stateMachineArn: `${arn}#Nope` })));
    assert.equal(noCase.name, 'ValidationException');
    assert.match(noCase.message, /no test case 'Nope'/);
  });

  test('input and names are checked as AWS checks them', async () => {
    const arn = await createMachine('checked', hello);
    assert.equal((await refused(sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{nope' })))).name, 'InvalidExecutionInput');
    assert.deepEqual(await refused(sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'a/b' }))), { name: 'InvalidName', message: "Invalid Name: 'a/b'", status: 400 });
    const missing = await refused(sfn.send(new StartExecutionCommand({ stateMachineArn: `${arn}-missing` })));
    assert.equal(missing.name, 'StateMachineDoesNotExist');
  });
});

describe('workers', () => {
  test('callback pattern: SendTaskSuccess and SendTaskFailure answer a .waitForTaskToken Task; bad tokens are refused', async () => {
    const arn = await createMachine('callback', callback);
    const first = (await sfn.send(new StartExecutionCommand({ stateMachineArn: arn }))).executionArn!;
    const token = await taskToken(first);
    assert.deepEqual(Object.keys(await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }))).filter((key) => key !== '$metadata'), []);
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"approved": true}' }));
    const succeeded = await settled(first);
    assert.equal(succeeded.status, 'SUCCEEDED');
    assert.equal(succeeded.output, '{"approved":true}');
    const used = await refused(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })));
    assert.equal(used.name, 'TaskDoesNotExist');
    const invalid = await refused(sfn.send(new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' })));
    assert.deepEqual(invalid, { name: 'InvalidToken', message: "Invalid Token: 'Invalid token'", status: 400 });

    const second = (await sfn.send(new StartExecutionCommand({ stateMachineArn: arn }))).executionArn!;
    const secondToken = await taskToken(second);
    assert.equal((await refused(sfn.send(new SendTaskSuccessCommand({ taskToken: secondToken, output: '{nope' })))).name, 'InvalidOutput');
    await sfn.send(new SendTaskFailureCommand({ taskToken: secondToken, error: 'Rejected', cause: 'by a person' }));
    const failed = await settled(second);
    assert.equal(failed.status, 'FAILED');
    assert.equal(failed.error, 'Rejected');
    assert.equal(failed.cause, 'by a person');
  });

  test('a Task whose worker sends no heartbeat within HeartbeatSeconds fails with States.HeartbeatTimeout', async () => {
    const arn = await createMachine('heartbeat', { StartAt: 'Ask', States: { Ask: { ...callback.States.Ask, HeartbeatSeconds: 1 } } });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn }));
    const timedOut = await settled(executionArn!);
    assert.equal(timedOut.status, 'FAILED');
    assert.equal(timedOut.error, 'States.HeartbeatTimeout');
  });

  test('an activity worker polls GetActivityTask and answers; activities are created, described, listed and deleted', async () => {
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: 'approve' }));
    assert.equal(activityArn, 'arn:aws:states:us-east-1:123456789012:activity:approve');
    assert.equal((await sfn.send(new DescribeActivityCommand({ activityArn }))).name, 'approve');
    assert.ok((await sfn.send(new ListActivitiesCommand({}))).activities!.some((activity) => activity.activityArn === activityArn));
    const arn = await createMachine('activity', { StartAt: 'Approve', States: { Approve: { Type: 'Task', Resource: activityArn, End: true } } });
    // The worker polls first: the long poll answers when the task is scheduled.
    const polled = sfn.send(new GetActivityTaskCommand({ activityArn, workerName: 'worker-1' }));
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{"amount": 7}' }));
    const task = await polled;
    assert.equal(task.input, '{"amount":7}');
    await sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{"approved": 7}' }));
    const done = await settled(executionArn!);
    assert.equal(done.output, '{"approved":7}');
    assert.deepEqual((await history(executionArn!)).map((event) => event.type),
      ['ExecutionStarted', 'TaskStateEntered', 'ActivityScheduled', 'ActivityStarted', 'ActivitySucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
    await sfn.send(new DeleteActivityCommand({ activityArn }));
    const gone = await refused(sfn.send(new DescribeActivityCommand({ activityArn })));
    assert.deepEqual(gone, { name: 'ActivityDoesNotExist', message: `Activity Does Not Exist: '${activityArn}'`, status: 400 });
  });
});

describe('EXPRESS', () => {
  test('StartSyncExecution answers the result; a STANDARD machine refuses it; express executions keep no history', async () => {
    const arn = await createMachine('sync', { StartAt: 'Double', States: { Double: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $states.input.n * 2 %}', End: true } } }, 'EXPRESS');
    const result = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: arn, input: '{"n": 21}', name: 'sync-1' }));
    assert.equal(result.status, 'SUCCEEDED');
    assert.equal(result.output, '42');
    assert.match(result.executionArn!, /^arn:aws:states:us-east-1:123456789012:express:sync:sync-1:[0-9a-f-]{36}$/);
    const failing = await createMachine('sync-fail', { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Boom', Cause: 'why' } } }, 'EXPRESS');
    const failed = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: failing }));
    assert.deepEqual([failed.status, failed.error, failed.cause], ['FAILED', 'Boom', 'why']);
    const standard = await createMachine('not-sync', hello);
    const refusedSync = await refused(sfn.send(new StartSyncExecutionCommand({ stateMachineArn: standard })));
    assert.equal(refusedSync.name, 'StateMachineTypeNotSupported');
    assert.equal((await refused(sfn.send(new DescribeExecutionCommand({ executionArn: result.executionArn })))).name, 'InvalidArn');
  });
});

describe('versions, aliases and tags', () => {
  test('a published version keeps its definition; an alias routes executions to it', async () => {
    const v1Definition = { StartAt: 'P', States: { P: { Type: 'Pass', Result: 'v1', End: true } } };
    const created = await sfn.send(new CreateStateMachineCommand({ name: 'versioned', definition: definition(v1Definition), roleArn: ROLE, publish: true }));
    const v1 = created.stateMachineVersionArn!;
    assert.equal(v1, `${created.stateMachineArn}:1`);
    await sfn.send(new UpdateStateMachineCommand({ stateMachineArn: created.stateMachineArn, definition: definition({ StartAt: 'P', States: { P: { Type: 'Pass', Result: 'v2', End: true } } }) }));
    const v2 = await sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn: created.stateMachineArn, description: 'second' }));
    assert.equal(v2.stateMachineVersionArn, `${created.stateMachineArn}:2`);
    const versions = await sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn: created.stateMachineArn }));
    assert.deepEqual(versions.stateMachineVersions!.map((version) => version.stateMachineVersionArn), [v2.stateMachineVersionArn, v1]);
    assert.deepEqual(JSON.parse((await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: v1 }))).definition!), v1Definition);

    const { stateMachineAliasArn } = await sfn.send(new CreateStateMachineAliasCommand({ name: 'live', routingConfiguration: [{ stateMachineVersionArn: v1, weight: 100 }] }));
    assert.equal(stateMachineAliasArn, `${created.stateMachineArn}:live`);
    const viaAlias = await sfn.send(new StartExecutionCommand({ stateMachineArn: stateMachineAliasArn }));
    const described = await settled(viaAlias.executionArn!);
    assert.equal(described.output, '"v1"');
    assert.equal(described.stateMachineVersionArn, v1);
    assert.equal(described.stateMachineAliasArn, stateMachineAliasArn);
    const conflict = await refused(sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: v1 })));
    assert.equal(conflict.name, 'ConflictException');
    await sfn.send(new UpdateStateMachineAliasCommand({ stateMachineAliasArn, routingConfiguration: [{ stateMachineVersionArn: v2.stateMachineVersionArn, weight: 100 }] }));
    assert.equal((await sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn }))).routingConfiguration![0].stateMachineVersionArn, v2.stateMachineVersionArn);
    const viaV2 = await sfn.send(new StartExecutionCommand({ stateMachineArn: stateMachineAliasArn }));
    assert.equal((await settled(viaV2.executionArn!)).output, '"v2"');
    assert.equal((await sfn.send(new ListStateMachineAliasesCommand({ stateMachineArn: created.stateMachineArn }))).stateMachineAliases!.length, 1);
    const byAlias = await sfn.send(new ListExecutionsCommand({ stateMachineArn: stateMachineAliasArn }));
    assert.equal(byAlias.executions!.length, 2);
    await sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: v1 }));
    assert.equal((await refused(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: v1 })))).name, 'StateMachineDoesNotExist');
  });

  test('TagResource, ListTagsForResource, UntagResource', async () => {
    const arn = (await sfn.send(new CreateStateMachineCommand({ name: 'tagged', definition: definition(hello), roleArn: ROLE, tags: [{ key: 'team', value: 'a' }] }))).stateMachineArn!;
    await sfn.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'env', value: 'dev' }, { key: 'team', value: 'b' }] }));
    assert.deepEqual((await sfn.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags, [{ key: 'team', value: 'b' }, { key: 'env', value: 'dev' }]);
    await sfn.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['team'] }));
    assert.deepEqual((await sfn.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags, [{ key: 'env', value: 'dev' }]);
    const missing = await refused(sfn.send(new ListTagsForResourceCommand({ resourceArn: `${arn}-nope` })));
    assert.equal(missing.name, 'ResourceNotFound');
  });
});

describe('TestState', () => {
  test('a state alone: its output and next state; a Choice picks its branch', async () => {
    const pass = await sfn.send(new TestStateCommand({
      definition: definition({ Type: 'Pass', Parameters: { 'sum.$': 'States.MathAdd($.a, $.b)' }, ResultPath: '$.result', Next: 'Done' }),
      input: '{"a": 1, "b": 2}', inspectionLevel: 'DEBUG',
    }));
    assert.deepEqual([pass.status, pass.output, pass.nextState], ['SUCCEEDED', '{"a":1,"b":2,"result":{"sum":3}}', 'Done']);
    assert.equal(pass.inspectionData!.input, '{"a":1,"b":2}');
    const choice = await sfn.send(new TestStateCommand({
      definition: definition({ Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThan: 10, Next: 'Big' }], Default: 'Small' }), input: '{"n": 42}',
    }));
    assert.deepEqual([choice.status, choice.nextState], ['SUCCEEDED', 'Big']);
    const failing = await sfn.send(new TestStateCommand({ definition: definition({ Type: 'Fail', Error: 'Nope', Cause: 'because' }) }));
    assert.deepEqual([failing.status, failing.error, failing.cause], ['FAILED', 'Nope', 'because']);
  });

  test('a state of a whole definition by stateName, with a mock: SUCCEEDED, RETRIABLE, CAUGHT_ERROR', async () => {
    const machine = definition({
      StartAt: 'Charge',
      States: {
        Charge: {
          Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Parameters: { FunctionName: 'charge', Payload: { 'token.$': '$$.Task.Token' } },
          Retry: [{ ErrorEquals: ['Busy'], MaxAttempts: 2 }], Catch: [{ ErrorEquals: ['Declined'], ResultPath: '$.error', Next: 'Refuse' }], Next: 'Ship',
        },
        Ship: { Type: 'Succeed' },
        Refuse: { Type: 'Fail' },
      },
    });
    const paid = await sfn.send(new TestStateCommand({ definition: machine, stateName: 'Charge', input: '{"amount": 5}', mock: { result: '{"charged": 5}' } }));
    assert.deepEqual([paid.status, paid.output, paid.nextState], ['SUCCEEDED', '{"charged":5}', 'Ship']);
    const busy = await sfn.send(new TestStateCommand({ definition: machine, stateName: 'Charge', mock: { errorOutput: { error: 'Busy', cause: 'try later' } } }));
    assert.deepEqual([busy.status, busy.error, busy.cause], ['RETRIABLE', 'Busy', 'try later']);
    const declined = await sfn.send(new TestStateCommand({ definition: machine, stateName: 'Charge', input: '{}', mock: { errorOutput: { error: 'Declined', cause: 'card' } } }));
    assert.deepEqual([declined.status, declined.nextState, declined.error], ['CAUGHT_ERROR', 'Refuse', 'Declined']);
    assert.deepEqual(JSON.parse(declined.output!), { error: { Error: 'Declined', Cause: 'card' } });
    const noName = await refused(sfn.send(new TestStateCommand({ definition: machine })));
    assert.equal(noName.name, 'ValidationException');
    const invalid = await refused(sfn.send(new TestStateCommand({ definition: definition({ Type: 'Pass', Next: 'A', End: true }) })));
    assert.equal(invalid.name, 'InvalidDefinition');
  });
});

describe('RedriveExecution', () => {
  /** The token of the latest `.waitForTaskToken` Task scheduled after the first `after` events. */
  async function tokenAfter(executionArn: string, after: number): Promise<string> {
    for (;;) {
      const scheduled = (await history(executionArn)).slice(after).find((event) => event.type === 'TaskScheduled');
      if (scheduled) return JSON.parse(scheduled.taskScheduledEventDetails!.parameters!).MessageBody.token;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  test('a failed execution continues from its failed state: succeeded states keep their results, $$.Execution.RedriveCount counts', async () => {
    const arn = await createMachine('redrive-orders', {
      StartAt: 'Prepare',
      States: {
        Prepare: { Type: 'Pass', Parameters: { 'order.$': '$.order' }, Assign: { 'prepared.$': '$.order' }, Next: 'Charge' },
        Charge: {
          Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          Parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q', MessageBody: { 'token.$': '$$.Task.Token', 'order.$': '$.order' } },
          ResultPath: '$.charge', Next: 'Done',
        },
        Done: { Type: 'Pass', Parameters: { 'charge.$': '$.charge', 'prepared.$': '$prepared', 'redriveCount.$': '$$.Execution.RedriveCount' }, End: true },
      },
    });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'o-1', input: '{"order": 7}' }));
    await sfn.send(new SendTaskFailureCommand({ taskToken: await tokenAfter(executionArn!, 0), error: 'Card.Declined', cause: 'expired' }));
    const failed = await settled(executionArn!);
    assert.deepEqual([failed.status, failed.error, failed.redriveCount, failed.redriveStatus, failed.redriveStatusReason], ['FAILED', 'Card.Declined', 0, 'REDRIVABLE', undefined]);
    const failedEvents = (await history(executionArn!)).length;

    const redriven = await sfn.send(new RedriveExecutionCommand({ executionArn }));
    assert.ok(redriven.redriveDate instanceof Date);
    const running = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    assert.deepEqual([running.status, running.redriveCount, running.redriveStatus, running.redriveStatusReason], ['RUNNING', 1, 'NOT_REDRIVABLE', 'Execution is RUNNING and cannot be redriven.']);
    assert.equal(running.redriveDate!.getTime(), redriven.redriveDate!.getTime());
    assert.equal(running.startDate!.getTime(), failed.startDate!.getTime());

    await sfn.send(new SendTaskSuccessCommand({ taskToken: await tokenAfter(executionArn!, failedEvents), output: '{"charged": 42}' }));
    const succeeded = await settled(executionArn!);
    assert.equal(succeeded.status, 'SUCCEEDED');
    assert.deepEqual(JSON.parse(succeeded.output!), { charge: { charged: 42 }, prepared: 7, redriveCount: 1 });
    assert.deepEqual([succeeded.redriveStatus, succeeded.redriveStatusReason], ['NOT_REDRIVABLE', 'Execution is SUCCEEDED and cannot be redriven.']);

    const events = await history(executionArn!);
    assert.deepEqual(events.map((event) => event.id), events.map((_, index) => index + 1), 'the ids continue the first attempt\'s');
    const redrive = events[failedEvents];
    assert.deepEqual([redrive.type, redrive.previousEventId, redrive.executionRedrivenEventDetails], ['ExecutionRedriven', failedEvents, { redriveCount: 1 }]);
    assert.deepEqual(events.slice(failedEvents).filter((event) => event.stateEnteredEventDetails).map((event) => event.stateEnteredEventDetails!.name), ['Charge', 'Done'],
      'Prepare succeeded: it is not run again');
    assert.deepEqual(JSON.parse(events[failedEvents + 1].stateEnteredEventDetails!.input!), { order: 7 });
    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn }));
    assert.deepEqual(listed.executions!.map((execution) => [execution.name, execution.redriveCount, execution.redriveDate?.getTime()]), [['o-1', 1, redriven.redriveDate!.getTime()]]);

    const again = await refused(sfn.send(new RedriveExecutionCommand({ executionArn })));
    assert.deepEqual([again.name, again.status], ['ExecutionNotRedrivable', 400]);
    assert.match(again.message, /Execution is SUCCEEDED and cannot be redriven/);
    const missing = await refused(sfn.send(new RedriveExecutionCommand({ executionArn: `${executionArn}-missing` })));
    assert.equal(missing.name, 'ExecutionDoesNotExist');
    const badArn = await refused(sfn.send(new RedriveExecutionCommand({ executionArn: 'not-an-arn' })));
    assert.equal(badArn.name, 'InvalidArn');
  });

  test('an aborted execution redrives from the state that was stopped, with the definition it ran, however the machine changed since', async () => {
    const arn = await createMachine('redrive-stopped', {
      StartAt: 'First', States: { First: { Type: 'Pass', Result: 1, Next: 'Hold' }, Hold: { ...callback.States.Ask, End: undefined, Next: 'Last' }, Last: { Type: 'Pass', Result: 'old', End: true } },
    });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'stopped' }));
    await tokenAfter(executionArn!, 0);
    await sfn.send(new StopExecutionCommand({ executionArn, error: 'Operator', cause: 'paused' }));
    const stopped = await settled(executionArn!);
    assert.deepEqual([stopped.status, stopped.redriveStatus], ['ABORTED', 'REDRIVABLE']);
    const stoppedEvents = (await history(executionArn!)).length;
    await sfn.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition: definition({ StartAt: 'Other', States: { Other: { Type: 'Pass', Result: 'new', End: true } } }) }));
    await sfn.send(new RedriveExecutionCommand({ executionArn }));
    await sfn.send(new SendTaskSuccessCommand({ taskToken: await tokenAfter(executionArn!, stoppedEvents), output: '{}' }));
    const done = await settled(executionArn!);
    assert.deepEqual([done.status, done.output], ['SUCCEEDED', '"old"']);
    const entered = (await history(executionArn!)).filter((event) => event.stateEnteredEventDetails).map((event) => event.stateEnteredEventDetails!.name);
    assert.deepEqual(entered, ['First', 'Hold', 'Hold', 'Last']);
  });
});

describe('RedriveExecution of a failed Parallel', () => {
  test('reruns only the failed branch: the succeeded branch\'s Task is not invoked again, the output combines both', async () => {
    const lambda = 'arn:aws:states:::lambda:invoke';
    const arn = await createMachine('redrive-fan', {
      StartAt: 'Fan',
      States: {
        Fan: {
          Type: 'Parallel', Next: 'Report',
          Branches: [
            { StartAt: 'Steady', States: { Steady: { Type: 'Task', Resource: lambda, Parameters: { FunctionName: 'steady' }, End: true } } },
            // The Wait lets Steady succeed before Flaky fails (which would abort it).
            { StartAt: 'Pause', States: { Pause: { Type: 'Wait', Seconds: 1, Next: 'Flaky' }, Flaky: { Type: 'Task', Resource: lambda, Parameters: { FunctionName: 'flaky' }, End: true } } },
          ],
        },
        Report: { Type: 'Pass', Parameters: { 'results.$': '$', 'redriveCount.$': '$$.Execution.RedriveCount' }, End: true },
      },
    });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: `${arn}#FailsOnce`, name: 'fan-1' }));
    const failed = await settled(executionArn!);
    assert.deepEqual([failed.status, failed.error, failed.cause], ['FAILED', 'Flaky.Busy', 'first try']);
    const failedEvents = (await history(executionArn!)).length;

    await sfn.send(new RedriveExecutionCommand({ executionArn }));
    const succeeded = await settled(executionArn!);
    assert.equal(succeeded.status, 'SUCCEEDED', succeeded.cause);
    assert.deepEqual(JSON.parse(succeeded.output!), { results: [{ steady: 1 }, { flaky: 2 }], redriveCount: 1 });

    const events = await history(executionArn!);
    assert.deepEqual(events.map((event) => event.id), events.map((_, index) => index + 1), 'the ids continue the first attempt\'s');
    const entered = (list: HistoryEvent[]) => list.filter((event) => event.stateEnteredEventDetails).map((event) => event.stateEnteredEventDetails!.name);
    assert.deepEqual(entered(events.slice(0, failedEvents)).sort(), ['Fan', 'Flaky', 'Pause', 'Steady']);
    assert.deepEqual(entered(events.slice(failedEvents)), ['Fan', 'Flaky', 'Report'], 'Steady and Pause succeeded: they are not run again');
    assert.deepEqual(events.slice(failedEvents).map((event) => event.type), [
      'ExecutionRedriven', 'ParallelStateEntered', 'ParallelStateStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited',
      'ParallelStateSucceeded', 'ParallelStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded',
    ]);
  });
});

test('the protocol: an unknown action or a body that is not JSON gets AWS\'s error shape', async () => {
  const post = (target: string, body: string) => fetch(endpoint.url, { method: 'POST', headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': target }, body });
  const unknown = await post('AWSStepFunctions.MakeCoffee', '{}');
  assert.equal(unknown.status, 400);
  assert.equal(unknown.headers.get('content-type'), 'application/x-amz-json-1.0');
  assert.equal((await unknown.json()).__type, 'UnknownOperationException');
  const garbage = await post('AWSStepFunctions.ListStateMachines', '{nope');
  assert.equal(garbage.status, 400);
  assert.equal((await garbage.json()).__type, 'SerializationException');
  // Through the server as an HTTP proxy, as the AWS CLI sends StartSyncExecution to `sync-<host>`.
  const { hostname, port } = new URL(endpoint.url);
  const proxied = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
    const request = http.request({ host: hostname, port, method: 'POST', path: `http://sync-${hostname}:${port}/`, headers: { 'X-Amz-Target': 'AWSStepFunctions.ListActivities' } }, (response) => {
      let body = '';
      response.on('data', (chunk) => { body += chunk; });
      response.on('end', () => resolve({ status: response.statusCode, body }));
    });
    request.on('error', reject);
    request.end('{}');
  });
  assert.equal(proxied.status, 200);
  assert.ok(Array.isArray(JSON.parse(proxied.body).activities));
});
