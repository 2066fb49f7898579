// `serve --data DIR` killed with SIGKILL: no acknowledged request is lost, and the executions in
// flight end FAILED with a cause that says why when the server starts again.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CreateActivityCommand, CreateStateMachineCommand, DescribeActivityCommand, DescribeExecutionCommand, GetExecutionHistoryCommand,
  ListExecutionsCommand, ListTagsForResourceCommand, RedriveExecutionCommand, StartExecutionCommand, type SFNClient,
} from '@aws-sdk/client-sfn';
import { definition, ROLE, startEndpoint } from './endpoint';

const waitsForever = {
  StartAt: 'Ask',
  States: { Ask: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl: 'q', MessageBody: { 'token.$': '$$.Task.Token' } }, End: true } },
};
const quick = { StartAt: 'P', States: { P: { Type: 'Pass', Result: { done: true }, End: true } } };

async function ended(sfn: SFNClient, executionArn: string) {
  for (;;) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING') return described;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

test('after SIGKILL every acknowledged request is there, and executions in flight end FAILED with a clear cause', async () => {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-data-'));
  const first = await startEndpoint(['--data', data]);
  let sfn = first.client();
  const waiting = (await sfn.send(new CreateStateMachineCommand({ name: 'waiting', definition: definition(waitsForever), roleArn: ROLE, tags: [{ key: 'k', value: 'v' }] }))).stateMachineArn!;
  const done = (await sfn.send(new CreateStateMachineCommand({ name: 'done', definition: definition(quick), roleArn: ROLE }))).stateMachineArn!;
  const { activityArn } = await sfn.send(new CreateActivityCommand({ name: 'kept' }));
  const finished = (await sfn.send(new StartExecutionCommand({ stateMachineArn: done, name: 'finished' }))).executionArn!;
  const finishedBefore = await ended(sfn, finished);
  const finishedHistory = (await sfn.send(new GetExecutionHistoryCommand({ executionArn: finished }))).events;

  // A burst of starts, killed while some are still unanswered: those answered must survive.
  const acknowledged: string[] = [];
  const burst = Array.from({ length: 200 }, (_, i) => sfn.send(new StartExecutionCommand({ stateMachineArn: waiting, name: `in-flight-${i}` }))
    .then(({ executionArn }) => { acknowledged.push(executionArn!); }, () => undefined));
  while (acknowledged.length < 50) await new Promise((resolve) => setImmediate(resolve));
  await first.kill();
  await Promise.all(burst);
  sfn.destroy();
  assert.ok(acknowledged.length >= 50);

  const second = await startEndpoint(['--data', data]);
  sfn = second.client();
  try {
    assert.match(second.output(), /executions in flight when the server stopped ended FAILED/);
    assert.equal((await sfn.send(new DescribeActivityCommand({ activityArn }))).name, 'kept');
    assert.deepEqual((await sfn.send(new ListTagsForResourceCommand({ resourceArn: waiting }))).tags, [{ key: 'k', value: 'v' }]);
    const finishedAfter = await sfn.send(new DescribeExecutionCommand({ executionArn: finished }));
    assert.equal(finishedAfter.status, 'SUCCEEDED');
    assert.equal(finishedAfter.output, finishedBefore.output);
    assert.deepEqual((await sfn.send(new GetExecutionHistoryCommand({ executionArn: finished }))).events, finishedHistory);

    const listed = new Set<string>();
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn: waiting, maxResults: 1000, nextToken }));
      for (const execution of page.executions!) listed.add(execution.executionArn!);
      nextToken = page.nextToken;
    } while (nextToken);
    for (const executionArn of acknowledged) assert.ok(listed.has(executionArn), `${executionArn} was acknowledged, then lost`);
    for (const executionArn of acknowledged.slice(0, 5)) {
      const interrupted = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      assert.equal(interrupted.status, 'FAILED');
      assert.equal(interrupted.error, 'States.Runtime');
      assert.match(interrupted.cause!, /stopped \(it was killed or crashed\) while this execution ran/);
      const events = (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events!;
      assert.equal(events[0].type, 'ExecutionStarted');
      assert.equal(events.at(-1)!.type, 'ExecutionFailed');
    }
  } finally {
    sfn.destroy();
    assert.equal(await second.stop(), 0);
  }
  // A third start reads the journal the second one appended to: the ended executions stay ended.
  const third = await startEndpoint(['--data', data]);
  sfn = third.client();
  try {
    assert.doesNotMatch(third.output(), /in flight/);
    assert.equal((await sfn.send(new DescribeExecutionCommand({ executionArn: acknowledged[0] }))).status, 'FAILED');
    // RedriveExecution continues an interrupted execution from its history: the Task it waited in runs again.
    await sfn.send(new RedriveExecutionCommand({ executionArn: acknowledged[0] }));
    const redriven = await sfn.send(new DescribeExecutionCommand({ executionArn: acknowledged[0] }));
    assert.deepEqual([redriven.status, redriven.redriveCount], ['RUNNING', 1]);
    let resumed: string[] = [];
    while (!resumed.includes('TaskScheduled')) {
      const events = (await sfn.send(new GetExecutionHistoryCommand({ executionArn: acknowledged[0] }))).events!;
      resumed = events.slice(events.findIndex((event) => event.type === 'ExecutionRedriven')).map((event) => event.type!);
    }
    assert.deepEqual(resumed.slice(0, 3), ['ExecutionRedriven', 'TaskStateEntered', 'TaskScheduled']);
  } finally {
    sfn.destroy();
    // Ctrl-C stops it as cleanly as SIGTERM.
    assert.equal(await third.stop('SIGINT'), 0);
  }
});
