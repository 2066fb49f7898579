import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  ExecutionHistory, executionStatusColour, filterRows, formatDuration, formatTimestamp,
} from '../../../server/src/core/history/viewModel';
import { helloWorld, history, retriedCaughtThenFailed } from './histories';

describe('execution view model', () => {
  it('makes the console events table of Hello World: 20 rows with steps and times since the start', () => {
    const model = new ExecutionHistory(helloWorld);
    assert.equal(model.rows.length, 20);
    assert.deepEqual(model.rows.slice(0, 4).map((row) => [row.id, row.type, row.step, row.startedAfterMs]), [
      [1, 'ExecutionStarted', '', 0],
      [2, 'PassStateEntered', 'Pass', 5],
      [3, 'PassStateExited', 'Pass', 6],
      [4, 'ChoiceStateEntered', 'Hello World example?', 7],
    ]);
    const waitExit = model.rows[8];
    assert.deepEqual([waitExit.type, waitExit.step, formatDuration(waitExit.startedAfterMs)], ['WaitStateExited', 'Wait 3 sec', '00:00:03.011']);
    // Events without a state name take the step of the event they follow.
    assert.equal(model.rows[10].step, 'Parallel State');
    assert.equal(model.rows[15].step, 'Parallel State');
    assert.equal(model.rows[19].step, '');
  });

  it("puts an EvaluationFailed in its state's step, though it follows the event before that state", () => {
    // As recorded (scenarios/test_base_scenarios.test_map_state_items_eval_jsonata_fail): after a Pass, previousEventId 3.
    const model = new ExecutionHistory(history([
      ['ExecutionStarted', 0, { input: '{}' }],
      ['PassStateEntered', 1, { name: 'Prepare', input: '{}', inputDetails: { truncated: false } }, 0],
      ['PassStateExited', 2, { name: 'Prepare', output: '{}', outputDetails: { truncated: false } }],
      ['MapStateEntered', 3, { name: 'Map', input: '{}', inputDetails: { truncated: false } }],
      ['EvaluationFailed', 4, { error: 'States.QueryEvaluationError', cause: 'no array', location: 'Items', state: 'Map' }, 3],
      ['MapStateFailed', 5],
      ['ExecutionFailed', 6, { error: 'States.QueryEvaluationError', cause: 'no array' }],
    ]));
    assert.deepEqual(model.rows.map((row) => row.step), ['', 'Prepare', 'Prepare', 'Map', 'Map', 'Map', '']);
    const states = model.stateSummaries();
    assert.equal(states.get('Prepare')?.status, 'succeeded');
    assert.equal(states.get('Map')?.status, 'failed');
  });

  it('gives the header: status, dates, duration, transitions and output', () => {
    const model = new ExecutionHistory(helloWorld);
    assert.equal(model.status, 'SUCCEEDED');
    assert.equal(model.startDate, '2026-11-25T10:00:00.000Z');
    assert.equal(model.stopDate, '2026-11-25T10:00:03.020Z');
    assert.equal(formatDuration(model.durationMs), '00:00:03.020');
    assert.equal(model.stateTransitions, 8);
    assert.equal(model.output, '[{},{}]');
    assert.equal(model.input, '{"Comment":"Insert your JSON here"}');
    assert.equal(model.error, undefined);
  });

  it('summarises every state green with its input, output and timing, the Parallel branches included', () => {
    const states = new ExecutionHistory(helloWorld).stateSummaries();
    assert.deepEqual([...states.keys()], ['Pass', 'Hello World example?', 'Yes', 'Wait 3 sec', 'Parallel State', 'Hello', 'World', 'Hello World']);
    assert.ok([...states.values()].every((state) => state.status === 'succeeded'));
    const wait = states.get('Wait 3 sec')!;
    assert.deepEqual([wait.type, wait.durationMs, wait.entries, wait.attempts], ['Wait', 3000, 1, 0]);
    assert.deepEqual([states.get('Pass')!.input, states.get('Pass')!.output], ['{"Comment":"Insert your JSON here"}', '{"IsHelloWorldExample":true}']);
  });

  it('shows states in progress while the events stream in, then succeeded', () => {
    const model = new ExecutionHistory(helloWorld.slice(0, 8));
    assert.equal(model.status, 'RUNNING');
    assert.equal(model.stateSummaries().get('Wait 3 sec')!.status, 'running');
    assert.equal(model.stateSummaries().get('Yes')!.status, 'succeeded');
    model.add(helloWorld.slice(8));
    assert.equal(model.stateSummaries().get('Wait 3 sec')!.status, 'succeeded');
    assert.equal(model.rows.length, 20);
  });

  it('colours a retried then caught Task orange and a failing Task red, with error, cause, attempts and resource', () => {
    const model = new ExecutionHistory(retriedCaughtThenFailed);
    const states = model.stateSummaries();
    const call = states.get('Call')!;
    assert.deepEqual([call.status, call.attempts, call.error, call.cause], ['caught', 2, 'Lambda.ServiceException', 'second']);
    assert.deepEqual(call.assignedVariables, { failed: 'true' });
    const boom = states.get('Boom')!;
    assert.deepEqual([boom.status, boom.error, boom.cause, boom.attempts], ['failed', 'Exception', '{"errorMessage":"boom"}', 1]);
    assert.deepEqual([model.status, model.error, model.cause], ['FAILED', 'Exception', '{"errorMessage":"boom"}']);
    assert.equal(executionStatusColour(model.status), 'failed');
  });

  it('puts the Task resource on every row of its step, the entered event included', () => {
    const rows = new ExecutionHistory(retriedCaughtThenFailed).rows;
    assert.deepEqual(rows.slice(1, 9).map((row) => row.resource), Array(8).fill('lambda:invoke'));
    assert.equal(rows[9].resource, 'arn:aws:lambda:us-east-1:123456789012:function:boom');
    assert.equal(rows[12].resource, 'arn:aws:lambda:us-east-1:123456789012:function:boom');
    assert.deepEqual(rows.map((row) => row.tone).filter((tone) => tone !== 'neutral'), ['failed', 'failed', 'failed', 'failed']);
  });

  it('greys states still running when an execution is aborted, and keeps a failed branch red', () => {
    const aborted = new ExecutionHistory(history([
      ['ExecutionStarted', 0, { input: '{}' }],
      ['WaitStateEntered', 1, { name: 'Wait', input: '{}' }],
      ['ExecutionAborted', 500],
    ]));
    assert.equal(aborted.status, 'ABORTED');
    assert.equal(aborted.stateSummaries().get('Wait')!.status, 'cancelled');
    assert.equal(executionStatusColour('ABORTED'), 'cancelled');
    assert.equal(formatDuration(aborted.durationMs), '00:00:00.500');

    const failedBranch = new ExecutionHistory(history([
      ['ExecutionStarted', 0, { input: '{}' }],
      ['ParallelStateEntered', 1, { name: 'P', input: '{}' }],
      ['ParallelStateStarted', 2],
      ['FailStateEntered', 3, { name: 'Stop', input: '{}' }],
      ['WaitStateEntered', 3, { name: 'Slow', input: '{}' }, 3],
      ['ParallelStateFailed', 4, { error: 'X', cause: 'y' }, 4],
      ['ExecutionFailed', 5, { error: 'X', cause: 'y' }],
    ]));
    const states = failedBranch.stateSummaries();
    assert.deepEqual([states.get('Stop')!.status, states.get('Slow')!.status, states.get('P')!.status], ['failed', 'cancelled', 'failed']);
  });

  it('colours red the state an execution failed in without a failed event of its own, with the execution error and cause', () => {
    // As AWS records a States.Runtime error: the state entered, then the execution failed.
    const runtime = new ExecutionHistory(history([
      ['ExecutionStarted', 0, { input: '{}' }],
      ['PassStateEntered', 1, { name: 'Shape', input: '{}' }],
      ['ExecutionFailed', 2, { error: 'States.Runtime', cause: "Invalid path '$.x'" }],
    ]));
    const shape = runtime.stateSummaries().get('Shape')!;
    assert.deepEqual([shape.status, shape.error, shape.cause], ['failed', 'States.Runtime', "Invalid path '$.x'"]);
  });

  it('filters rows by type and by text in any cell or detail', () => {
    const rows = new ExecutionHistory(helloWorld).rows;
    assert.deepEqual(filterRows(rows, '', 'WaitStateExited').map((row) => row.id), [9]);
    assert.deepEqual(filterRows(rows, 'hello world example').map((row) => row.id), [4, 5]);
    assert.deepEqual(filterRows(rows, 'ISHELLOWORLDEXAMPLE', 'PassStateExited').map((row) => row.id), [3]);
    assert.equal(filterRows(rows, '  ').length, 20);
  });

  it('formats durations and timestamps as the console does', () => {
    assert.equal(formatDuration(0), '00:00:00.000');
    assert.equal(formatDuration(3_723_004), '01:02:03.004');
    assert.equal(formatDuration(undefined), '-');
    assert.equal(formatTimestamp('2026-11-25T17:05:09.042Z', true), 'Nov 25, 2026, 17:05:09.042');
    assert.equal(formatTimestamp(undefined), '-');
  });
});
