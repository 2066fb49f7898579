// An execution started without a name is named as StartExecution names it: a version 4 UUID (lower-case hex,
// 8-4-4-4-12, version 4, variant 10xx), which its ARN ends with; an EXPRESS run's ARN ends with a second UUID.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { compileStateMachine } from '../../../server/src/core/interpreter';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const machine = compileStateMachine({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });

test('executions without a name are named by distinct version 4 UUIDs, their ARNs ending with them', async () => {
  const names = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const result = await machine.start({ input: {}, stateMachineName: 'Names' }).done;
    assert.match(result.name, UUID_V4);
    assert.equal(result.executionArn, `arn:aws:states:us-east-1:123456789012:execution:Names:${result.name}`);
    names.add(result.name);
  }
  assert.equal(names.size, 200);
});

test('an EXPRESS execution ARN: the name, then a version 4 UUID of the run', async () => {
  const result = await machine.start({ input: {}, stateMachineName: 'Names', name: 'run-1', type: 'EXPRESS' }).done;
  const [prefix, id] = [result.executionArn.slice(0, result.executionArn.lastIndexOf(':')), result.executionArn.slice(result.executionArn.lastIndexOf(':') + 1)];
  assert.equal(prefix, 'arn:aws:states:us-east-1:123456789012:express:Names:run-1');
  assert.match(id, UUID_V4);
});
