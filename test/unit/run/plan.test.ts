import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { listMockConfig, stateMachineNameOf, withMockEntry } from '../../../server/src/execution/plan';

describe('run plan', () => {
  it('names a state machine after its file', () => {
    assert.equal(stateMachineNameOf('file:///w/orders.asl.json'), 'orders');
    assert.equal(stateMachineNameOf('file:///w/flows/order%20flow.asl.yaml'), 'order flow');
    assert.equal(stateMachineNameOf('untitled:Untitled-1'), 'Untitled-1');
    assert.equal(stateMachineNameOf('file:///w/plain.json'), 'plain');
  });

  it('adds a mock entry to a new or an existing MockConfigFile without touching the rest', () => {
    const created = withMockEntry(undefined, { stateMachine: 'orders', testCase: 'Default' }, { state: 'Charge card', resource: 'arn:aws:states:::lambda:invoke' });
    assert.deepEqual(created, {
      mockName: 'ChargecardMock',
      mockConfig: {
        StateMachines: { orders: { TestCases: { Default: { 'Charge card': 'ChargecardMock' } } } },
        MockedResponses: { ChargecardMock: { 0: { Return: { StatusCode: 200, Payload: {} } } } },
      },
    });
    const existing = { StateMachines: { orders: { TestCases: { Default: { Other: 'ShipMock' } } } }, MockedResponses: { ShipMock: { 0: { Return: 1 } } } };
    const added = withMockEntry(existing, { stateMachine: 'orders', testCase: 'Default' }, { state: 'Ship', resource: 'arn:aws:states:::sqs:sendMessage' });
    assert.equal(added.mockName, 'ShipMock2');
    assert.deepEqual(added.mockConfig.StateMachines, { orders: { TestCases: { Default: { Other: 'ShipMock', Ship: 'ShipMock2' } } } });
    assert.deepEqual((added.mockConfig.MockedResponses as Record<string, unknown>).ShipMock2, { 0: { Return: {} } });
    assert.deepEqual(existing.StateMachines.orders.TestCases.Default, { Other: 'ShipMock' }, 'the input is not modified');
    assert.deepEqual(listMockConfig(added.mockConfig), { stateMachines: [{ name: 'orders', testCases: ['Default'] }] });
    assert.match(listMockConfig([]).error ?? '', /StateMachines/);
  });
});
