// An execution nobody reads as it runs makes its events' input/output texts when its history is first read
// (engine.ts, deferTexts). Over the AWS-recorded corpus, that history must be byte for byte the one made at
// record time (an onEvent listener makes every text at once), and the payload quota must fail the same states.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { compileStateMachine } from '../../../server/src/core/interpreter';
import { runToEnd, taskResolvers } from '../../../server/src/cli/execution';
import type { TaskResolver } from '../../../server/src/core/interpreter/api';
import { caseFiles, CORPUS_DIR } from '../corpus';

interface Case {
  definition: unknown;
  input?: unknown;
  startTime?: string;
  mockConfig?: Parameters<typeof taskResolvers>[0]['mockConfig'];
  expected?: unknown;
}

/** Runs give the same history only where nothing random enters it (UUIDs, random numbers, task tokens, full jitter, the wall clock). */
const RANDOM = /States\.UUID|States\.MathRandom|\$uuid|\$random|"FULL"|\$now|\$millis|Task\.Token|waitForTaskToken/;

const TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g;

async function history(testCase: Case, listen: boolean): Promise<string> {
  const machine = compileStateMachine(testCase.definition);
  const { result } = await runToEnd(machine, {
    input: testCase.input ?? {}, name: 'deferred-history', stateMachineName: 'Case',
    startTime: Date.parse(testCase.startTime ?? '2024-05-01T12:00:00Z'),
    taskResolvers: testCase.mockConfig ? taskResolvers({ mockConfig: testCase.mockConfig, stateMachine: 'Case', testCase: 'Default' }) : [],
    onEvent: listen ? () => undefined : undefined,
  });
  // The virtual clock runs with the wall clock's milliseconds: times (events', `$$`'s) are not compared.
  return JSON.stringify({ status: result.status, error: result.error, cause: result.cause, events: result.events }).replace(TIME, 'TIME');
}

test('the corpus: histories whose texts were made when read equal those made when recorded', { skip: !existsSync(CORPUS_DIR) && 'no corpus' }, async () => {
  let compared = 0;
  for (const file of caseFiles(CORPUS_DIR)) {
    const text = readFileSync(file, 'utf8');
    const testCase = JSON.parse(text) as Case;
    if (testCase.expected === undefined || RANDOM.test(JSON.stringify(testCase.definition))) continue;
    try {
      compileStateMachine(testCase.definition);
    } catch {
      continue; // a definition AWS refused: nothing runs
    }
    assert.equal(await history(testCase, false), await history(testCase, true), file);
    compared++;
  }
  assert.ok(compared > 500, `only ${compared} cases compared`);
});

const passOf = (output: unknown) => compileStateMachine({ StartAt: 'P', States: { P: { Type: 'Pass', Result: output, End: true } } });

test('a payload within the quota by size but not by the size bound is measured from its text', async () => {
  // 3 bytes of UTF-8 per character: over 256 KiB although its bound is first reached through ASCII-sized strings.
  const wide = { text: '\u20ac'.repeat(90_000) };
  const result = await passOf(wide).start({ input: {} }).done;
  assert.equal(result.status, 'FAILED');
  assert.equal(result.error, 'States.DataLimitExceeded');
  const within = { text: 'a'.repeat(200_000) };
  const succeeded = await passOf(within).start({ input: {} }).done;
  assert.equal(succeeded.status, 'SUCCEEDED');
  const exited = succeeded.events.find((event) => event.type === 'PassStateExited')!;
  assert.equal((exited.stateExitedEventDetails as { output: string }).output, JSON.stringify(within));
});

test('the history read from the execution and from its result has every text', async () => {
  const machine = compileStateMachine({
    StartAt: 'Items', States: {
      Items: { Type: 'Pass', Result: [{ n: 1 }, { n: 2 }], Next: 'Map' },
      Map: { Type: 'Map', ItemProcessor: { StartAt: 'Double', States: { Double: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, $.n)' }, End: true } } }, End: true },
    },
  });
  const execution = machine.start({ input: { from: 'caller' } });
  const result = await execution.done;
  assert.equal(execution.events, result.events);
  const texts = result.events.flatMap((event) => Object.values(event).filter((value) => value !== null && typeof value === 'object')
    .flatMap((details) => ['input', 'output'].filter((key) => key in details).map((key) => (details as Record<string, unknown>)[key])));
  assert.ok(texts.length > 8);
  for (const text of texts) assert.equal(typeof text, 'string');
  assert.equal(JSON.parse(texts.at(-1) as string)[1].n, 4);
});

test("a Task handler that changes its input leaves the history's earlier texts as they were", async () => {
  const machine = compileStateMachine({
    StartAt: 'Prepare', States: {
      Prepare: { Type: 'Pass', Result: { count: 1 }, Next: 'Work' },
      Work: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:work', End: true },
    },
  });
  const changing: TaskResolver = {
    resolve(invocation) {
      (invocation.input as { count: number }).count = 99;
      return { result: { done: true } };
    },
  };
  const result = await machine.start({ input: {}, taskResolvers: [changing] }).done;
  assert.equal(result.status, 'SUCCEEDED');
  const texts = result.events.flatMap((event) => [event.stateEnteredEventDetails, event.stateExitedEventDetails])
    .filter((details) => details !== undefined).map((details) => JSON.stringify(details));
  assert.deepEqual(texts, [
    '{"name":"Prepare","input":"{}","inputDetails":{"truncated":false}}',
    '{"name":"Prepare","output":"{\\"count\\":1}","outputDetails":{"truncated":false}}',
    '{"name":"Work","input":"{\\"count\\":1}","inputDetails":{"truncated":false}}',
    '{"name":"Work","output":"{\\"done\\":true}","outputDetails":{"truncated":false}}',
  ]);
});

test('a history of several chunks, read before a Task and at the end, equals the one made at record time', async () => {
  const machine = compileStateMachine({
    StartAt: 'Init', States: {
      Init: { Type: 'Pass', Result: { count: 0 }, Next: 'Increment' },
      Increment: { Type: 'Pass', Parameters: { 'count.$': 'States.MathAdd($.count, 1)' }, Assign: { 'last.$': '$.count' }, Next: 'Check' },
      Check: { Type: 'Choice', Choices: [{ Variable: '$.count', NumericLessThan: 150, Next: 'Increment' }], Default: 'Work' },
      Work: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:work', Next: 'Items' },
      Items: { Type: 'Pass', Result: Array.from({ length: 40 }, (_, n) => ({ n })), Next: 'Map' },
      Map: { Type: 'Map', ItemProcessor: { StartAt: 'Double', States: { Double: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, $.n)' }, End: true } } }, End: true },
    },
  });
  const work: TaskResolver = { resolve: () => ({ result: { worked: true } }) };
  const history = async (listen: boolean) => {
    const result = await machine.start({ input: {}, startTime: Date.parse('2024-05-01T12:00:00Z'), taskResolvers: [work], onEvent: listen ? () => undefined : undefined }).done;
    assert.equal(result.status, 'SUCCEEDED');
    return result.events;
  };
  const deferred = await history(false);
  assert.ok(deferred.length > 24 + 48 + 96 + 192 + 384, `${deferred.length} events`);
  assert.deepEqual(deferred.map((event) => event.id), deferred.map((_, index) => index + 1));
  assert.equal(JSON.stringify(deferred).replace(TIME, 'TIME'), JSON.stringify(await history(true)).replace(TIME, 'TIME'));
});
