// Event ids and previousEventIds as AWS records them: the histories LocalStack recorded against AWS
// (localstack/localstack tests/aws/services/stepfunctions/v2/**/*.snapshot.json), copied here as
// [id, previousEventId, type] for the definitions that produced them.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execute } from './helpers';

const links = (events: { id: number; previousEventId: number; type: string }[]) => events.map((e) => [e.id, e.previousEventId, e.type]);
const pass = (name: string, result: number) => ({ [name]: { Type: 'Pass', Result: { branch: result }, End: true } });

test('a Parallel: the first state follows no event, its Exited follows the last branch event, not its Succeeded', async () => {
  // scenarios/test_base_scenarios.test_parallel_state_order: ids 1 (0), 2 (0), 3 (2), ..., 13 ParallelStateExited (11), 14 (13).
  const result = await execute({
    StartAt: 'StartState',
    States: { StartState: { Type: 'Parallel', End: true, Branches: [0, 1].map((i) => ({ StartAt: `Branch${i}`, States: pass(`Branch${i}`, i) })) } },
  }, {});
  assert.deepEqual(links(result.events), [
    [1, 0, 'ExecutionStarted'], [2, 0, 'ParallelStateEntered'], [3, 2, 'ParallelStateStarted'],
    [4, 3, 'PassStateEntered'], [5, 4, 'PassStateExited'], [6, 3, 'PassStateEntered'], [7, 6, 'PassStateExited'],
    [8, 7, 'ParallelStateSucceeded'], [9, 7, 'ParallelStateExited'], [10, 9, 'ExecutionSucceeded'],
  ]);
});

test('an inline Map: an iteration starts after the state events of the one before, the state goes on after the last MapIterationSucceeded', async () => {
  // evaluate_jsonata/test_base_evaluate_expressions.test_base_map[ITEMS], word for word (AWS ran its iterations one
  // after the other there; MaxConcurrency 1 makes ours do so, the links do not depend on it).
  const result = await execute({
    QueryLanguage: 'JSONata', StartAt: 'Map',
    States: { Map: { Type: 'Map', Items: [1, 2, 3], MaxConcurrency: 1, ItemProcessor: { StartAt: 'Pass', States: { Pass: { Type: 'Pass', End: true } } }, End: true } },
  }, {});
  assert.deepEqual(links(result.events), [
    [1, 0, 'ExecutionStarted'], [2, 0, 'MapStateEntered'], [3, 2, 'MapStateStarted'],
    [4, 3, 'MapIterationStarted'], [5, 4, 'PassStateEntered'], [6, 5, 'PassStateExited'], [7, 6, 'MapIterationSucceeded'],
    [8, 6, 'MapIterationStarted'], [9, 8, 'PassStateEntered'], [10, 9, 'PassStateExited'], [11, 10, 'MapIterationSucceeded'],
    [12, 10, 'MapIterationStarted'], [13, 12, 'PassStateEntered'], [14, 13, 'PassStateExited'], [15, 14, 'MapIterationSucceeded'],
    [16, 15, 'MapStateSucceeded'], [17, 15, 'MapStateExited'], [18, 17, 'ExecutionSucceeded'],
  ]);
});

test("an EvaluationFailed follows the event before the state's Entered one, a Wait's its WaitStateEntered", async () => {
  // scenarios/test_base_scenarios.test_map_state_items_eval_jsonata_fail[number]: 2 MapStateEntered (0), 3 EvaluationFailed (0).
  const map = await execute({
    QueryLanguage: 'JSONata', StartAt: 'Map',
    States: { Map: { Type: 'Map', Items: '{% 1 %}', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } },
  }, {});
  assert.deepEqual(links(map.events), [[1, 0, 'ExecutionStarted'], [2, 0, 'MapStateEntered'], [3, 0, 'EvaluationFailed'], [4, 3, 'MapStateFailed'], [5, 4, 'ExecutionFailed']]);
  // scenarios/test_base_scenarios.test_wait_timestamp_jsonata[NO_T]: 2 WaitStateEntered (0), 3 EvaluationFailed (2).
  const wait = await execute({ QueryLanguage: 'JSONata', StartAt: 'W', States: { W: { Type: 'Wait', Timestamp: '{% "2016-03-14 01:59:00Z" %}', End: true } } }, {});
  assert.deepEqual(links(wait.events), [[1, 0, 'ExecutionStarted'], [2, 0, 'WaitStateEntered'], [3, 2, 'EvaluationFailed'], [4, 3, 'ExecutionFailed']]);
});
