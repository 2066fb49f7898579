// A bounded load on loopback: 1,000 concurrent Standard executions and 10,000 StartSyncExecution
// calls through the SDK; none lost, none duplicated, each with its own result.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CreateStateMachineCommand, ListExecutionsCommand, StartExecutionCommand, StartSyncExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { definition, ROLE, startEndpoint, type Endpoint } from './endpoint';

let endpoint: Endpoint;
let sfn: SFNClient;
before(async () => {
  endpoint = await startEndpoint();
  sfn = endpoint.client();
});
after(async () => {
  sfn.destroy();
  assert.equal(await endpoint.stop(), 0);
});

/** Runs `count` calls with at most `parallel` in flight. */
async function pooled<T>(count: number, parallel: number, call: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < count) {
      const i = next++;
      results[i] = await call(i);
    }
  }));
  return results;
}

test('1,000 concurrent Standard executions all end SUCCEEDED, each once, with its own output', async () => {
  const stateMachineArn = (await sfn.send(new CreateStateMachineCommand({
    name: 'load-standard', roleArn: ROLE,
    definition: definition({ StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 5, Next: 'Echo' }, Echo: { Type: 'Pass', Parameters: { 'id.$': '$.id' }, End: true } } }),
  }))).stateMachineArn!;
  const started = await Promise.all(Array.from({ length: 1000 }, (_, i) =>
    sfn.send(new StartExecutionCommand({ stateMachineArn, name: `load-${i}`, input: JSON.stringify({ id: i }) })).then(({ executionArn }) => executionArn!)));
  assert.equal(new Set(started).size, 1000);
  for (;;) {
    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1000 }));
    assert.equal(listed.nextToken, undefined);
    assert.equal(listed.executions!.length, 1000);
    if (listed.executions!.every((execution) => execution.status === 'SUCCEEDED')) {
      assert.deepEqual(new Set(listed.executions!.map((execution) => execution.executionArn)), new Set(started));
      break;
    }
    assert.ok(listed.executions!.every((execution) => execution.status === 'SUCCEEDED' || execution.status === 'RUNNING'));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
});

test('10,000 StartSyncExecution calls each answer their own input, none lost or duplicated', async () => {
  const stateMachineArn = (await sfn.send(new CreateStateMachineCommand({
    name: 'load-express', roleArn: ROLE, type: 'EXPRESS',
    definition: definition({ StartAt: 'Echo', States: { Echo: { Type: 'Pass', Parameters: { 'id.$': '$.id' }, End: true } } }),
  }))).stateMachineArn!;
  const results = await pooled(10_000, 32, (i) => sfn.send(new StartSyncExecutionCommand({ stateMachineArn, input: JSON.stringify({ id: i }) })));
  results.forEach((result, i) => {
    assert.equal(result.status, 'SUCCEEDED');
    assert.equal(result.output, JSON.stringify({ id: i }));
  });
  assert.equal(new Set(results.map((result) => result.executionArn)).size, 10_000);
});
