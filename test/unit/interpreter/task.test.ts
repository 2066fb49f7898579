import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execute, mocks, single, types } from './helpers';
import { localHandlerResolver } from '../../../server/src/core/interpreter/tasks/localHandlers';
import { compileStateMachine } from '../../../server/src/core/interpreter/index';

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:f';

test('a bare Lambda ARN records LambdaFunction* events and passes the mocked payload', async () => {
  const result = await execute(single({ Type: 'Task', Resource: LAMBDA, ResultSelector: { 'v.$': '$.v' }, ResultPath: '$.r' }), { a: 1 }, {
    taskResolvers: [mocks({ M: { '0': { Return: { v: 2 } } } }, { S: 'M' })],
  });
  assert.deepEqual(result.output, { a: 1, r: { v: 2 } });
  assert.deepEqual(types(result), ['ExecutionStarted', 'TaskStateEntered', 'LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
});

test('service integrations record Task* events with the resolved parameters', async () => {
  const result = await execute(single({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'Payload.$': '$' } }), { a: 1 }, {
    taskResolvers: [mocks({ M: { '0': { Return: { Payload: 'ok' } } } }, { S: 'M' })],
  });
  const scheduled = result.events.find((e) => e.type === 'TaskScheduled') as unknown as { taskScheduledEventDetails: Record<string, unknown> };
  assert.deepEqual(scheduled.taskScheduledEventDetails, { resourceType: 'lambda', resource: 'invoke', region: 'us-east-1', parameters: '{"Payload":{"a":1}}' });
});

test('Retry counts per retrier, then Catch puts the error at ResultPath', async () => {
  const result = await execute({
    StartAt: 'S',
    States: {
      S: {
        Type: 'Task', Resource: LAMBDA,
        Retry: [{ ErrorEquals: ['Boom'], MaxAttempts: 2, IntervalSeconds: 1, BackoffRate: 2 }],
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Caught' }],
        End: true,
      },
      Caught: { Type: 'Pass', End: true },
    },
  }, { a: 1 }, { taskResolvers: [mocks({ M: { '0-2': { Throw: { Error: 'Boom', Cause: 'why' } } } }, { S: 'M' })] });
  assert.deepEqual(result.output, { a: 1, error: { Error: 'Boom', Cause: 'why' } });
  assert.equal(types(result).filter((t) => t === 'LambdaFunctionFailed').length, 3);
  const failed = result.events.filter((e) => e.type === 'LambdaFunctionFailed');
  // IntervalSeconds 1 then 2 on the virtual clock.
  assert.ok(Date.parse(failed[2].timestamp) - Date.parse(failed[0].timestamp) >= 3000);
});

test('States.TaskFailed does not match States.Timeout; States.Runtime is never caught', async () => {
  const timeout = await execute(single({ Type: 'Task', Resource: LAMBDA, Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'S' }] }), {}, {
    taskResolvers: [mocks({ M: { '0': { Throw: { Error: 'States.Timeout' } } } }, { S: 'M' })],
  });
  assert.equal(timeout.error, 'States.Timeout');
  assert.ok(types(timeout).includes('LambdaFunctionTimedOut'));
  const runtime = await execute(single({ Type: 'Task', Resource: LAMBDA, OutputPath: '$.x.y', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'S' }] }), {}, {
    taskResolvers: [mocks({ M: { '0': { Return: {} } } }, { S: 'M' })],
  });
  assert.equal(runtime.error, 'States.Runtime');
  assert.equal(runtime.cause, "An error occurred while executing the state 'S' (entered at the event id #2). Invalid path '$.x.y' : Missing property in path $['x']");
});

test('a Task nothing serves fails as a Task fails on AWS: its failed event, then the execution, with the cause naming the state', async () => {
  const lambda = await execute(single({ Type: 'Task', Resource: LAMBDA }), {});
  assert.equal(lambda.status, 'FAILED');
  assert.deepEqual(types(lambda), ['ExecutionStarted', 'TaskStateEntered', 'LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionFailed', 'ExecutionFailed']);
  assert.deepEqual((lambda.events[4] as { lambdaFunctionFailedEventDetails?: unknown }).lambdaFunctionFailedEventDetails, { error: 'States.Runtime', cause: lambda.cause });
  assert.match(lambda.cause!, /Task state 'S'.*MockConfigFile.*--mock-config.*--handlers/s);
  const service = await execute(single({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'S' }] }), {});
  assert.deepEqual(types(service).slice(-2), ['TaskFailed', 'ExecutionFailed'], 'not caught: nothing to serve is a configuration error');
  assert.deepEqual((service.events.at(-2) as { taskFailedEventDetails?: unknown }).taskFailedEventDetails, { resourceType: 'lambda', resource: 'invoke', error: 'States.Runtime', cause: service.cause });
});

test("in VS Code, an unserved Task's cause points to the run form and the settings, not to CLI flags", async () => {
  const result = await execute(single({ Type: 'Task', Resource: LAMBDA }), {}, { stateMachineName: 'orders', host: 'vscode' });
  assert.match(result.cause!, /^No result for the Task state 'S' \(resource arn:aws:lambda:us-east-1:123456789012:function:f\): nothing serves it\./);
  assert.match(result.cause!, /"Add mock"/);
  assert.match(result.cause!, /aslWorkbench\.localHandlers/);
  assert.doesNotMatch(result.cause!, /--/);
});

test('local handler modules: result and thrown errors as Lambda reports them', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-handlers-'));
  fs.writeFileSync(path.join(dir, 'ok.js'), 'exports.handler = async (event) => ({ doubled: event.n * 2 });');
  fs.writeFileSync(path.join(dir, 'bad.js'), 'class CustomError extends Error { constructor(m) { super(m); this.name = "CustomError"; } }\nexports.handler = async () => { throw new CustomError("nope"); };');
  const resolver = localHandlerResolver({ ok: './ok.js', 'arn:aws:lambda:*:function:bad': './bad.js' }, dir);
  const ok = await execute(single({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'ok', 'Payload.$': '$' }, OutputPath: '$.Payload' }), { n: 21 }, { taskResolvers: [resolver] });
  assert.deepEqual(ok.output, { doubled: 42 });
  const bad = await execute(single({ Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:1:function:bad' }), {}, { taskResolvers: [resolver] });
  assert.equal(bad.error, 'CustomError');
  assert.equal(JSON.parse(bad.cause!).errorMessage, 'nope');
});

test('$$.Task.Token is given to .waitForTaskToken tasks', async () => {
  const seen: unknown[] = [];
  const result = await execute(single({ Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { 'token.$': '$$.Task.Token' } }), {}, {
    taskResolvers: [{ resolve: (invocation) => { seen.push(invocation.input); return { result: 'done' }; } }],
  });
  assert.equal(result.output, 'done');
  assert.equal(typeof (seen[0] as { token: string }).token, 'string');
  assert.ok(types(result).includes('TaskSubmitted'));
});

test('stop() aborts a running execution', async () => {
  const execution = compileStateMachine(single({ Type: 'Task', Resource: LAMBDA })).start({
    input: {}, taskResolvers: [{ resolve: () => new Promise(() => undefined) }],
  });
  setTimeout(() => execution.stop('Stopped', 'by the test'), 10);
  const result = await execution.done;
  assert.equal(result.status, 'ABORTED');
  assert.equal(result.events.at(-1)!.type, 'ExecutionAborted');
});

test('a local callback worker slower than HeartbeatSeconds times out with States.HeartbeatTimeout', async () => {
  const slow = { resolve: () => new Promise<{ result: unknown }>((resolve) => setTimeout(() => resolve({ result: 'late' }), 3000)) };
  const result = await execute(single({ Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', HeartbeatSeconds: 1, TimeoutSeconds: 60 }), {}, { taskResolvers: [slow] });
  assert.equal(result.error, 'States.HeartbeatTimeout');
  assert.ok(types(result).includes('TaskTimedOut'));
});

test('a handler that never answers fails its task with States.Timeout after the handler timeout, which Catch sees', { timeout: 10_000 }, async () => {
  const never = { resolve: () => new Promise<never>(() => undefined) };
  const result = await execute({
    StartAt: 'T',
    States: {
      T: { Type: 'Task', Resource: LAMBDA, Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Caught' }], End: true },
      Caught: { Type: 'Pass', End: true },
    },
  }, {}, { taskResolvers: [never], handlerTimeoutSeconds: 1 });
  assert.equal(result.status, 'SUCCEEDED');
  assert.deepEqual(result.output, {
    Error: 'States.Timeout',
    Cause: "The local handler of the state 'T' did not answer within 1 s (the handler timeout: --handler-timeout on the command line, aslWorkbench.handlerTimeoutSeconds in VS Code).",
  });
  assert.ok(types(result).includes('LambdaFunctionTimedOut'));
});
