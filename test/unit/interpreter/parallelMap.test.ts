import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execute, single, types } from './helpers';

test('Parallel outputs the branch outputs in order; branches read outer variables', async () => {
  const result = await execute({
    StartAt: 'A',
    States: {
      A: { Type: 'Pass', Assign: { k: 10 }, Next: 'P' },
      P: {
        Type: 'Parallel', End: true,
        Branches: [
          { StartAt: 'X', States: { X: { Type: 'Pass', Parameters: { 'k.$': '$k' }, End: true } } },
          { StartAt: 'Y', States: { Y: { Type: 'Wait', Seconds: 1, End: true } } },
        ],
      },
    },
  }, { a: 1 });
  assert.deepEqual(result.output, [{ k: 10 }, { a: 1 }]);
  assert.ok(types(result).includes('ParallelStateSucceeded'));
});

test('a failing branch fails the Parallel with its error', async () => {
  const result = await execute(single({
    Type: 'Parallel',
    Branches: [{ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E', Cause: 'C' } } }],
  }));
  assert.equal(result.error, 'E');
  assert.equal(result.cause, 'C');
  assert.deepEqual(types(result).slice(-2), ['ParallelStateFailed', 'ExecutionFailed']);
});

test('inline Map: ItemsPath, ItemSelector with $$.Map.Item, results in order', async () => {
  const result = await execute(single({
    Type: 'Map', ItemsPath: '$.items', MaxConcurrency: 2,
    ItemSelector: { 'i.$': '$$.Map.Item.Index', 'v.$': '$$.Map.Item.Value', 'k.$': '$.k' },
    ItemProcessor: { StartAt: 'W', States: { W: { Type: 'Pass', End: true } } },
  }), { items: ['a', 'b', 'c'], k: 1 });
  assert.deepEqual(result.output, [{ i: 0, v: 'a', k: 1 }, { i: 1, v: 'b', k: 1 }, { i: 2, v: 'c', k: 1 }]);
  assert.equal(types(result).filter((t) => t === 'MapIterationSucceeded').length, 3);
});

test('a failing iteration fails the Map and aborts the others', async () => {
  const result = await execute(single({
    Type: 'Map',
    ItemProcessor: {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 2, Next: 'F' }], Default: 'W' },
        W: { Type: 'Wait', Seconds: 5, End: true },
        F: { Type: 'Fail', Error: 'Two' },
      },
    },
  }), [1, 2, 3]);
  assert.equal(result.error, 'Two');
  const list = types(result);
  assert.ok(list.includes('MapIterationFailed') && list.includes('MapIterationAborted') && list.includes('WaitStateAborted'));
  assert.equal(list.at(-2), 'MapStateFailed');
});

test('JSONata Map Items must be an array', async () => {
  const result = await execute(single({ Type: 'Map', Items: '{% 1 %}', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } } }, { QueryLanguage: 'JSONata' }));
  assert.equal(result.error, 'States.QueryEvaluationError');
  assert.match(result.cause!, /The JSONata expression '1' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'number' for value: 1$/);
});

test('distributed Map: ItemReader over a local CSV file, tolerated failures, no child events in the history', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-objects-'));
  fs.mkdirSync(path.join(dir, 'bucket'));
  fs.writeFileSync(path.join(dir, 'bucket', 'rows.csv'), 'id,name\n1,a\n2,b\n3,"c, d"\n');
  const definition = single({
    Type: 'Map', ToleratedFailureCount: 1,
    ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' }, Parameters: { Bucket: 'bucket', Key: 'rows.csv' } },
    ItemProcessor: {
      ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.id', StringEquals: '2', Next: 'F' }], Default: 'P' },
        P: { Type: 'Pass', End: true },
        F: { Type: 'Fail', Error: 'Bad' },
      },
    },
  });
  const result = await execute(definition, {}, { objectsFolder: dir });
  assert.equal(result.status, 'SUCCEEDED');
  assert.deepEqual((result.output as unknown[])[2], { id: '3', name: 'c, d' });
  assert.deepEqual(types(result), ['ExecutionStarted', 'MapStateEntered', 'MapStateStarted', 'MapRunStarted', 'MapRunSucceeded', 'MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded']);
});

test('a JSONata tolerance or concurrency out of range fails with States.QueryEvaluationError, recorded and catchable', async () => {
  const distributed = { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
  for (const field of [{ ToleratedFailurePercentage: '{% 150 %}' }, { ToleratedFailureCount: '{% -1 %}' }, { MaxConcurrency: '{% -1 %}' }]) {
    const result = await execute({
      QueryLanguage: 'JSONata', StartAt: 'M',
      States: {
        M: { Type: 'Map', Items: [1], ...field, ItemProcessor: distributed, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }], End: true },
        Caught: { Type: 'Pass', End: true },
      },
    });
    assert.equal(result.status, 'SUCCEEDED', JSON.stringify(field));
    const evaluation = result.events.find((event) => event.type === 'EvaluationFailed');
    assert.equal((evaluation?.evaluationFailedEventDetails as { error?: string } | undefined)?.error, 'States.QueryEvaluationError', JSON.stringify(field));
  }
  // The same value read by a JSONPath *Path field stays States.Runtime (corpus: test_max_concurrency_path_*).
  const jsonPath = await execute(single({ Type: 'Map', ItemsPath: '$.items', ToleratedFailurePercentagePath: '$.p', ItemProcessor: distributed }), { items: [1], p: 150 });
  assert.equal(jsonPath.error, 'States.Runtime');
});
