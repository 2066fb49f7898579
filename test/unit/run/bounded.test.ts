import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { interpreter } from '../../../server/src/execution/interpreter';
import { launchFitting, runsBounded, type Launcher, type LaunchRequest } from '../../../server/src/execution/launch';
import type { HistoryEvent } from '../../../server/src/core/interpreter/api';

const request = (definition: unknown, more: Partial<LaunchRequest> = {}): LaunchRequest =>
  ({ definition, input: {}, stateMachineName: 'm', clock: 'virtual', host: 'cli', ...more });
const pass = { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, 1)' }, End: true } } };
const inner = (state: object) => ({ StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'S', States: { S: { ...state, End: true } } }, End: true } } });

describe('which executions run in the caller\'s thread (runsBounded)', () => {
  it('runs JSONPath and intrinsics under the quotas, mocks included, here', () => {
    assert.equal(runsBounded(request(pass)), true);
    assert.equal(runsBounded(request(inner({ Type: 'Pass' }), { mock: { config: {}, selection: {} } as LaunchRequest['mock'] })), true);
  });

  it('contains JSONata, wildcard matches, files and the user\'s code, at any depth, and any run beyond the quotas', () => {
    const contained = [
      request({ ...pass, QueryLanguage: 'JSONata' }),
      request(inner({ Type: 'Pass', QueryLanguage: 'JSONata' })),
      request(inner({ Type: 'Choice', Choices: [{ Not: { Variable: '$.s', StringMatches: '*a*a*a*b', Next: 'S' } }], Default: 'S' })),
      request({ StartAt: 'M', States: { M: { Type: 'Map', ItemReader: { Resource: 'arn:aws:states:::s3:getObject' }, ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' }, StartAt: 'S', States: { S: { Type: 'Pass', End: true } } }, End: true } } }),
      request(inner({ Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' }, StartAt: 'T', States: { T: { Type: 'Pass', End: true } } } })),
      request(pass, { quotas: { historyEvents: Infinity, payloadBytes: Infinity } }),
      request(pass, { localHandlers: { f: '/tmp/f.js' } }),
      request(pass, { callAws: {} }),
      request(pass, { objectsFolder: '/tmp/objects' }),
    ];
    assert.deepEqual(contained.map(runsBounded), contained.map(() => false));
  });

  it('launches a bounded execution here and hands any other to the contained launcher', async () => {
    const handedOver: LaunchRequest[] = [];
    const contained: Launcher = async (launchRequest) => {
      handedOver.push(launchRequest);
      throw new Error('not started in this test');
    };
    const launch = launchFitting(interpreter, contained);
    const events: HistoryEvent[] = [];
    const launched = await launch(request(pass, { input: { n: 1 } }), (batch) => events.push(...batch));
    const { outcome } = await launched.done;
    assert.deepEqual([outcome.status, outcome.output], ['SUCCEEDED', { n: 2 }]);
    assert.deepEqual(events.map((event) => event.type), ['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
    assert.deepEqual(handedOver, []);
    const jsonata = request({ ...pass, QueryLanguage: 'JSONata' });
    await assert.rejects(launch(jsonata, () => undefined), /not started in this test/);
    assert.deepEqual(handedOver, [jsonata]);
  });
});
