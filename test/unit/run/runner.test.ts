import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Execution, ExecutionResult, HistoryEvent, StartOptions, TaskResolver } from '../../../server/src/core/interpreter/api';
import { interpreter } from '../../../server/src/execution/interpreter';
import { readHistoryEvents } from '../../../server/src/execution/historyFiles';
import { EventBatches, launchInChildProcess, MAX_BATCH_EVENTS, type Launcher } from '../../../server/src/execution/launch';
import { ExecutionRunner, type Engine } from '../../../server/src/execution/runner';
import { getLanguageService } from '../../../server/src/languageService';
import type { ExecutionEventsParams } from '../../../server/src/protocol';
import { helloWorld } from './histories';

/** An engine double: compiles anything with States, and replays a recorded history over a few ticks. */
function recordingEngine(history: HistoryEvent[] = helloWorld) {
  const started: StartOptions[] = [];
  const stopped: string[] = [];
  const engine: Engine = {
    compile(definition) {
      const value = definition as { States?: Record<string, { Comment?: string }> };
      for (const [name, state] of Object.entries(value.States ?? {})) {
        if (state.Comment === 'reject me') return { errors: [{ message: 'Rejected by the engine', path: ['States', name, 'Comment'] }] };
      }
      return {
        machine: {
          start(options) {
            started.push(options);
            const executionArn = `arn:aws:states:us-east-1:123456789012:execution:M:${options.name ?? 'generated'}`;
            let done!: (result: ExecutionResult) => void;
            const events: HistoryEvent[] = [];
            const execution: Execution = {
              executionArn, name: options.name ?? 'generated', events,
              stop: () => { stopped.push(executionArn); },
              done: new Promise((resolve) => { done = resolve; }),
            };
            (async () => {
              for (const event of history) {
                await new Promise((resolve) => setImmediate(resolve));
                events.push(event);
                options.onEvent?.(event);
              }
              done({ executionArn, name: execution.name, status: 'SUCCEEDED', startDate: history[0].timestamp, stopDate: history.at(-1)!.timestamp, input: options.input, output: [{}, {}], events });
            })();
            return execution;
          },
        },
      };
    },
    mockResolver: (_config, selection): TaskResolver => ({ resolve: () => ({ result: selection.testCase }) }),
    handlerResolver: (): TaskResolver => ({ resolve: () => undefined }),
    awsResolver: (): TaskResolver => ({ resolve: () => undefined }),
    s3Objects: () => { throw new Error('this engine double runs no Distributed Map'); },
  };
  return { engine, started, stopped };
}

const uri = 'file:///work/orders.asl.json';
const definition = (states: object) => ({ uri, text: JSON.stringify({ StartAt: Object.keys(states)[0], States: states }, null, 2) });

describe('execution runner', () => {
  it('blocks a definition with a syntax error, located', async () => {
    const runner = new ExecutionRunner(recordingEngine().engine, getLanguageService(), () => undefined);
    const plan = await runner.plan({ definition: { uri, text: '{\n  "StartAt": "A",\n  "States": {\n}' } });
    assert.ok(plan.errors.length > 0);
    assert.equal(plan.errors[0].range?.start.line, 3);
    const start = await runner.start({ definition: { uri, text: '{' }, input: '{}', clock: 'virtual' });
    assert.ok('errors' in start && start.errors.length > 0);
  });

  it('blocks a definition the validator rejects, with its located errors', async () => {
    const runner = new ExecutionRunner(recordingEngine().engine, getLanguageService(), () => undefined);
    const plan = await runner.plan({ definition: definition({ A: { Type: 'Pass', Next: 'Nowhere' } }) });
    const missing = plan.errors.find((error) => error.message.includes("Missing 'Next' target: Nowhere"));
    assert.deepEqual(missing?.range?.start, { line: 5, character: 14 });
  });

  it('checks and starts an EXPRESS machine with its rules and its type', async () => {
    const { engine, started } = recordingEngine();
    const runner = new ExecutionRunner(engine, getLanguageService(engine.compile), () => undefined);
    const callback = definition({ T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', End: true } });
    assert.deepEqual((await runner.plan({ definition: callback })).errors, []);
    const refused = await runner.plan({ definition: callback, type: 'EXPRESS' });
    assert.match(refused.errors[0]?.message ?? '', /Express state machine does not support '\.waitForTaskToken' service integration/);
    const start = await runner.start({ definition: definition({ A: { Type: 'Pass', End: true } }), input: '{}', clock: 'virtual', type: 'EXPRESS' });
    assert.ok('started' in start);
    assert.equal(started.at(-1)?.type, 'EXPRESS');
  });

  it("reports the interpreter's compile errors at the key they name", async () => {
    const { engine } = recordingEngine();
    const runner = new ExecutionRunner(engine, getLanguageService(engine.compile), () => undefined);
    const plan = await runner.plan({ definition: definition({ A: { Type: 'Pass', Comment: 'reject me', End: true } }) });
    assert.deepEqual(plan.errors.map((error) => [error.message, error.range?.start]), [['Rejected by the engine', { line: 5, character: 6 }]]);
  });

  it('names the state machine after the file and lists the test cases and the Task states nothing serves', async () => {
    const runner = new ExecutionRunner(recordingEngine().engine, getLanguageService(), () => undefined);
    const mockConfig = { uri: 'file:///work/orders.mock.json', text: JSON.stringify({ StateMachines: { orders: { TestCases: { Happy: { Charge: 'ok' }, Sad: {} } } }, MockedResponses: { ok: { 0: { Return: 1 } } } }) };
    const states = {
      Charge: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'charge' }, Next: 'Ship' },
      Ship: { Type: 'Parallel', Branches: [{ StartAt: 'Label', States: { Label: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:1:function:label', End: true } } }], End: true },
    };
    const happy = await runner.plan({ definition: definition(states), mockConfig, mock: { stateMachine: 'orders', testCase: 'Happy' } });
    assert.equal(happy.stateMachineName, 'orders');
    assert.deepEqual(happy.mockConfig, { stateMachines: [{ name: 'orders', testCases: ['Happy', 'Sad'] }] });
    assert.deepEqual(happy.unservedTasks, [{ state: 'Label', resource: 'arn:aws:lambda:us-east-1:1:function:label' }]);
    const sad = await runner.plan({ definition: definition(states), mockConfig, mock: { stateMachine: 'orders', testCase: 'Sad' }, localHandlers: { 'lab*': '/h.js' } });
    assert.deepEqual(sad.unservedTasks.map((task) => task.state), ['Charge']);
    const broken = await runner.plan({ definition: definition(states), mockConfig: { uri: 'file:///m.json', text: '{' } });
    assert.match(broken.mockConfig?.error ?? '', /^file:\/\/\/m\.json: /);
  });

  it('streams the history in batches after answering the start, the outcome last', async () => {
    const sent: ExecutionEventsParams[] = [];
    const { engine, started } = recordingEngine();
    const runner = new ExecutionRunner(engine, getLanguageService(engine.compile), (params) => sent.push(params));
    const result = await runner.start({ definition: definition({ A: { Type: 'Pass', End: true } }), input: '{"Comment":"x"}', name: 'run-1', clock: 'real', mockConfig: { uri, text: '{}' }, mock: { stateMachine: 'M', testCase: 'T' } });
    assert.ok('started' in result);
    assert.deepEqual(result.started, { executionArn: 'arn:aws:states:us-east-1:123456789012:execution:M:run-1', name: 'run-1', stateMachineName: 'orders' });
    assert.equal(sent.length, 0, 'nothing is sent before the answer');
    assert.deepEqual([started[0].input, started[0].clock, started[0].stateMachineName, started[0].taskResolvers?.length], [{ Comment: 'x' }, 'real', 'orders', 1]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const events = sent.flatMap((params) => params.events);
    assert.deepEqual(events.map((event) => event.id), helloWorld.map((event) => event.id));
    assert.equal(sent.filter((params) => params.outcome).length, 1);
    assert.deepEqual(sent.at(-1)!.outcome && { ...sent.at(-1)!.outcome }, { executionArn: result.started.executionArn, name: 'run-1', status: 'SUCCEEDED', startDate: helloWorld[0].timestamp, stopDate: helloWorld[19].timestamp, input: { Comment: 'x' }, output: [{}, {}] });
  });

  it("forwards the launcher's batches as they are, under the execution's ARN, those made before the launch answered after the answer", async () => {
    const sent: ExecutionEventsParams[] = [];
    const executionArn = 'arn:aws:states:us-east-1:123456789012:execution:orders:early';
    const event = (id: number): HistoryEvent => ({ id, previousEventId: id - 1, timestamp: helloWorld[0].timestamp, type: 'PassStateEntered' });
    // A worker may post events before it says the execution started.
    const launch: Launcher = async (_request, onEvents) => {
      onEvents([event(1), event(2)]);
      onEvents([event(3)]);
      setTimeout(() => onEvents([event(4)]), 20);
      return {
        executionArn, name: 'early', stop: () => undefined, answer: () => undefined,
        done: new Promise((resolve) => setTimeout(() => resolve({ outcome: { executionArn, name: 'early', status: 'SUCCEEDED', startDate: '', stopDate: '', input: {} } }), 60)),
      };
    };
    const runner = new ExecutionRunner(recordingEngine().engine, getLanguageService(), (params) => sent.push(params), launch);
    assert.ok('started' in await runner.start({ definition: definition({ A: { Type: 'Pass', End: true } }), input: '{}', name: 'early', clock: 'virtual' }));
    assert.equal(sent.length, 0, 'nothing is sent before the answer');
    await outcomeOf(sent);
    assert.deepEqual(sent.map((params) => [params.executionArn, params.events.map(({ id }) => id), params.outcome?.status]), [
      [executionArn, [1, 2], undefined], [executionArn, [3], undefined], [executionArn, [4], undefined], [executionArn, [], 'SUCCEEDED'],
    ]);
  });

  it("compiles a definition once: the analysis' compiled machine starts its executions", async () => {
    const { engine, started } = recordingEngine();
    let compiles = 0;
    const compile: Engine['compile'] = (value) => {
      compiles++;
      return engine.compile(value);
    };
    const runner = new ExecutionRunner({ ...engine, compile }, getLanguageService(compile), () => undefined);
    const source = definition({ A: { Type: 'Pass', End: true } });
    await runner.plan({ definition: source });
    assert.ok('started' in await runner.start({ definition: source, input: '{}', name: 'one', clock: 'virtual' }));
    assert.ok('started' in await runner.start({ definition: source, input: '{}', name: 'two', clock: 'virtual' }));
    assert.deepEqual([compiles, started.length], [1, 2]);
  });

  it('stops a running execution and says when there is none', async () => {
    const { engine, stopped } = recordingEngine();
    const runner = new ExecutionRunner(engine, getLanguageService(engine.compile), () => undefined);
    const result = await runner.start({ definition: definition({ A: { Type: 'Pass', End: true } }), input: '{}', name: 'r', clock: 'virtual' });
    assert.ok('started' in result);
    assert.equal(runner.stop(result.started.executionArn), true);
    assert.deepEqual(stopped, [result.started.executionArn]);
    assert.equal(runner.stop('arn:nothing'), false);
  });

  it('refuses input that is not JSON, located, with AWS\'s error code', async () => {
    const runner = new ExecutionRunner(recordingEngine().engine, getLanguageService(), () => undefined);
    const result = await runner.start({ definition: definition({ A: { Type: 'Pass', End: true } }), input: '{"a":', clock: 'virtual' });
    assert.ok('errors' in result);
    assert.equal(result.errors[0].message, "InvalidExecutionInput: Invalid State Machine Execution Input: 'Expected a value, found the end of the input at line 1 column 6'");
  });

  it('refuses what StartExecution refuses: a bad name, input over 256 KiB or beyond a double; accepts order.123', async () => {
    const { engine, started } = recordingEngine();
    const runner = new ExecutionRunner(engine, getLanguageService(engine.compile), () => undefined);
    const start = (name: string | undefined, input: string) => runner.start({ definition: definition({ A: { Type: 'Pass', End: true } }), name, input, clock: 'virtual' });
    const messages = async (name: string | undefined, input: string) => {
      const result = await start(name, input);
      return 'errors' in result ? result.errors.map((error) => error.message) : [];
    };
    assert.deepEqual(await messages('order 123', '{}'), ["InvalidName: Invalid Name: 'order 123'"]);
    assert.deepEqual(await messages('x'.repeat(81), '{}'), [`ValidationException: 1 validation error detected: Value '${'x'.repeat(81)}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80`]);
    assert.deepEqual(await messages(undefined, JSON.stringify('é'.repeat(131_072))), ['ValidationException: 1 validation error detected: Value at \'input\' failed to satisfy constraint: Member must have length less than or equal to 262144']);
    assert.deepEqual(await messages(undefined, '{"amount": 1e999}'), ["InvalidExecutionInput: Invalid State Machine Execution Input: 'A number is beyond the range of a double (at /amount)'"]);
    assert.equal(started.length, 0);
    assert.ok('started' in await start('order.123', JSON.stringify('é'.repeat(131_071))));
    assert.equal(started[0].name, 'order.123');
  });

  it('refuses a definition over 1,048,576 characters as CreateStateMachine does, JSON or YAML', async () => {
    const runner = new ExecutionRunner(recordingEngine().engine, getLanguageService(), () => undefined);
    const states = { A: { Type: 'Pass', Result: 'x'.repeat(1_048_576), End: true } };
    const expected = ["ValidationException: 1 validation error detected: Value at 'definition' failed to satisfy constraint: Member must have length less than or equal to 1048576"];
    const json = await runner.start({ definition: definition(states), input: '{}', clock: 'virtual' });
    assert.deepEqual('errors' in json && json.errors.map((error) => error.message), expected);
    const yaml = await runner.start({ definition: { uri: 'file:///w/big.asl.yaml', text: `StartAt: A\nStates:\n  A:\n    Type: Pass\n    Result: ${'x'.repeat(1_048_576)}\n    End: true\n` }, input: '{}', clock: 'virtual' });
    assert.deepEqual('errors' in yaml && yaml.errors.map((error) => error.message), expected);
  });

  it('validates a YAML definition as the editor does before running it', async () => {
    const runner = new ExecutionRunner(recordingEngine().engine, getLanguageService(), () => undefined);
    const result = await runner.start({ definition: { uri: 'file:///w/orphan.asl.yaml', text: 'StartAt: A\nStates:\n  A:\n    Type: Succeed\n  Orphan:\n    Type: Succeed\n' }, input: '{}', clock: 'virtual' });
    assert.ok('errors' in result);
    assert.deepEqual(result.errors.map((error) => [error.message, error.range?.start.line]), [['MISSING_TRANSITION_TARGET: State "Orphan" is not reachable. at /States/Orphan', 4]]);
  });

  it('refuses a YAML definition with an unreachable state as it refuses the same JSON, with the same message', async () => {
    const runner = new ExecutionRunner(recordingEngine().engine, getLanguageService(), () => undefined);
    const json = await runner.start({ definition: definition({ A: { Type: 'Succeed' }, Orphan: { Type: 'Succeed' } }), input: '{}', clock: 'virtual' });
    const yaml = await runner.start({ definition: { uri: 'file:///w/orders.asl.yaml', text: 'StartAt: A\nStates:\n  A:\n    Type: Succeed\n  Orphan:\n    Type: Succeed\n' }, input: '{}', clock: 'virtual' });
    assert.ok('errors' in json && 'errors' in yaml);
    assert.deepEqual(yaml.errors.map((error) => error.message), json.errors.map((error) => error.message));
    assert.equal(json.errors.length, 1);
  });

  it('reads an untitled document by the language id it comes with: YAML runs, its syntax errors are located', async () => {
    const { engine, started } = recordingEngine();
    const runner = new ExecutionRunner(engine, getLanguageService(engine.compile), () => undefined);
    const untitled = { uri: 'untitled:Untitled-1', languageId: 'asl-yaml' };
    const plan = await runner.plan({ definition: { ...untitled, text: 'StartAt: A\nStates:\n  A:\n    Type: Succeed\n' } });
    assert.deepEqual(plan.errors, []);
    const result = await runner.start({ definition: { ...untitled, text: 'StartAt: A\nStates:\n  A:\n    Type: Succeed\n' }, input: '{}', clock: 'virtual' });
    assert.ok('started' in result);
    assert.equal(started.length, 1);
    const broken = await runner.plan({ definition: { ...untitled, text: 'StartAt: A\nStates:\n  A: {Type: Pass\n' } });
    assert.equal(broken.errors[0].range?.start.line, 3);
  });
});

describe('event batches', () => {
  it('groups events where they are recorded: full batches at once, the rest together a moment later, in order', async () => {
    const batches: number[][] = [];
    const grouped = new EventBatches<number>((batch) => batches.push(batch));
    const count = 2 * MAX_BATCH_EVENTS + MAX_BATCH_EVENTS / 2;
    for (let item = 1; item <= count; item++) grouped.push(item);
    assert.deepEqual(batches.map((batch) => batch.length), [MAX_BATCH_EVENTS, MAX_BATCH_EVENTS]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(batches.map((batch) => batch.length), [MAX_BATCH_EVENTS, MAX_BATCH_EVENTS, MAX_BATCH_EVENTS / 2]);
    assert.deepEqual(batches.flat(), Array.from({ length: count }, (_, index) => index + 1));
  });
});

/** The server's way: each execution in a process of its own (the compiled executionProcess.js beside launch.js). */
const contained = launchInChildProcess();

function outcomeOf(sent: ExecutionEventsParams[]): Promise<ExecutionEventsParams> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const last = sent.at(-1);
      if (last?.outcome) { clearInterval(timer); resolve(last); }
    }, 5);
  });
}

describe('execution runner on the embedded interpreter', () => {
  it('serves a Task from a local handler module in its own process and streams AWS history events', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'handlers-'));
    const module = path.join(folder, 'greet.js');
    writeFileSync(module, 'exports.handler = async (event) => ({ greeting: `Hello, ${event.who}!` });');
    const sent: ExecutionEventsParams[] = [];
    const runner = new ExecutionRunner(interpreter, getLanguageService(), (params) => sent.push(params), contained);
    const states = { Greet: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:greet', End: true } };
    const plan = await runner.plan({ definition: definition(states), localHandlers: { greet: module } });
    assert.deepEqual(plan.unservedTasks, []);
    const result = await runner.start({ definition: definition(states), input: '{"who":"Ada"}', name: 'greet-1', clock: 'virtual', localHandlers: { greet: module } });
    assert.ok('started' in result);
    const end = await outcomeOf(sent);
    assert.deepEqual([end.outcome!.status, end.outcome!.output], ['SUCCEEDED', { greeting: 'Hello, Ada!' }]);
    assert.deepEqual(sent.flatMap((params) => params.events).map((event) => event.type), [
      'ExecutionStarted', 'TaskStateEntered', 'LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionSucceeded', 'TaskStateExited', 'ExecutionSucceeded',
    ]);
  });

  it('writes the history to its folder from the worker and streams it compact, in bounded batches', async () => {
    const sent: ExecutionEventsParams[] = [];
    const runner = new ExecutionRunner(interpreter, getLanguageService(), (params) => sent.push(params), contained);
    const historyFolder = path.join(mkdtempSync(path.join(tmpdir(), 'history-')), 'run');
    const loop = {
      Loop: { Type: 'Pass', Parameters: { 'count.$': 'States.MathAdd($.count, 1)', 'payload.$': '$.payload' }, Next: 'Check' },
      Check: { Type: 'Choice', Choices: [{ Variable: '$.count', NumericLessThan: 1000, Next: 'Loop' }], Default: 'Done' },
      Done: { Type: 'Succeed' },
    };
    const result = await runner.start({ definition: definition(loop), input: JSON.stringify({ count: 0, payload: 'x'.repeat(20_000) }), name: 'loop', clock: 'virtual', historyFolder });
    assert.ok('started' in result);
    const end = await outcomeOf(sent);
    assert.deepEqual([end.outcome!.status, end.historyError], ['SUCCEEDED', undefined]);
    const streamed = sent.flatMap((params) => params.events);
    assert.equal(streamed.length, 4004);
    assert.ok(sent.every((params) => params.events.length <= 1000), `batches of ${sent.map((params) => params.events.length).join(', ')} events`);
    assert.ok(streamed.every((event) => JSON.stringify(event).length < 1000), 'the 20 KB payload is stored aside, not streamed');
    assert.deepEqual(await readHistoryEvents(historyFolder), streamed);
  });

  it("blocks a definition the interpreter cannot compile with its located error", async () => {
    const runner = new ExecutionRunner(interpreter, getLanguageService(), () => undefined);
    const result = await runner.start({ definition: { uri, text: '{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "ResultPath": "$$bad"}}}' }, input: '{}', clock: 'virtual' });
    assert.ok('errors' in result && result.errors.length > 0);
    assert.ok(result.errors.every((error) => error.range), JSON.stringify(result.errors));
  });

  it('stops a real-time execution waiting in its process: ABORTED', async () => {
    const sent: ExecutionEventsParams[] = [];
    const runner = new ExecutionRunner(interpreter, getLanguageService(), (params) => sent.push(params), contained);
    const states = { Wait: { Type: 'Wait', Seconds: 60, End: true } };
    const result = await runner.start({ definition: definition(states), input: '{}', name: 'stop-me', clock: 'real' });
    assert.ok('started' in result);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(runner.stop(result.started.executionArn), true);
    const end = await outcomeOf(sent);
    assert.equal(end.outcome!.status, 'ABORTED');
    assert.deepEqual(sent.flatMap((params) => params.events).map((event) => event.type), ['ExecutionStarted', 'WaitStateEntered', 'ExecutionAborted']);
    assert.equal(runner.stop(result.started.executionArn), false);
  });

  it('ends an execution whose expression exhausts memory FAILED, naming the state; the server lives on', async () => {
    const sent: ExecutionEventsParams[] = [];
    // A small heap for the execution's process, so that it runs out quickly.
    const runner = new ExecutionRunner(interpreter, getLanguageService(), (params) => sent.push(params), launchInChildProcess(undefined, ['--max-old-space-size=64']));
    const states = { Big: { Type: 'Pass', Output: "{% $length($pad('x', 500000000)) %}", End: true } };
    const result = await runner.start({ definition: { uri, text: JSON.stringify({ QueryLanguage: 'JSONata', StartAt: 'Big', States: states }) }, input: '{}', clock: 'virtual' });
    assert.ok('started' in result);
    const { outcome } = await outcomeOf(sent);
    assert.deepEqual([outcome!.status, outcome!.error], ['FAILED', 'States.Runtime']);
    assert.match(outcome!.cause!, /^An error occurred while executing the state 'Big' \(entered at the event id #2\)\. The JSONata expression .* ran out of memory/);
    assert.deepEqual(sent.flatMap((params) => params.events).map((event) => event.type), ['ExecutionStarted', 'PassStateEntered', 'ExecutionFailed']);
  });

  it('stops an execution busy in a regular expression after the grace time: ABORTED, its history up to the busy state', async () => {
    const sent: ExecutionEventsParams[] = [];
    const runner = new ExecutionRunner(interpreter, getLanguageService(), (params) => sent.push(params), contained);
    // A back reference keeps V8 backtracking: its linear engine (core/linearRegex) ends any other pattern.
    const states = { Match: { Type: 'Pass', Output: `{% $match('${'a'.repeat(40)}!', /(a+)+\\1$/) %}`, End: true } };
    const result = await runner.start({ definition: { uri, text: JSON.stringify({ QueryLanguage: 'JSONata', StartAt: 'Match', States: states }) }, input: '{}', clock: 'virtual' });
    assert.ok('started' in result);
    assert.equal(runner.stop(result.started.executionArn), true);
    const { outcome } = await outcomeOf(sent);
    assert.equal(outcome!.status, 'ABORTED');
    assert.deepEqual(sent.flatMap((params) => params.events).map((event) => event.type), ['ExecutionStarted', 'PassStateEntered', 'ExecutionAborted']);
  });

  it('times a local handler out after the handlerTimeoutSeconds of the start', { timeout: 20_000 }, async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'handlers-'));
    const module = path.join(folder, 'never.js');
    writeFileSync(module, 'exports.handler = () => new Promise(() => {});');
    const sent: ExecutionEventsParams[] = [];
    const runner = new ExecutionRunner(interpreter, getLanguageService(), (params) => sent.push(params), contained);
    const states = { Call: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:never', End: true } };
    const result = await runner.start({ definition: definition(states), input: '{}', clock: 'virtual', localHandlers: { never: module }, handlerTimeoutSeconds: 1 });
    assert.ok('started' in result);
    const { outcome } = await outcomeOf(sent);
    assert.deepEqual([outcome!.status, outcome!.error], ['FAILED', 'States.Timeout']);
    assert.match(outcome!.cause!, /^The local handler of the state 'Call' did not answer within 1 s/);
  });

  it('fails a Task nothing serves with its failed event and a cause pointing to what VS Code offers', async () => {
    const sent: ExecutionEventsParams[] = [];
    const runner = new ExecutionRunner(interpreter, getLanguageService(), (params) => sent.push(params), contained);
    const result = await runner.start({ definition: definition({ Pay: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } }), input: '{}', clock: 'virtual' });
    assert.ok('started' in result);
    const end = await outcomeOf(sent);
    const events = sent.flatMap((params) => params.events);
    assert.deepEqual(events.slice(-2).map((event) => event.type), ['TaskFailed', 'ExecutionFailed']);
    assert.equal(end.outcome!.error, 'States.Runtime');
    assert.match(end.outcome!.cause!, /"Add mock"/);
    assert.doesNotMatch(end.outcome!.cause!, /--mock-config|--handlers/);
  });

  it("refuses a name an execution of the same state machine has, in AWS's words; a running start with the same input is answered again", async () => {
    const sent: ExecutionEventsParams[] = [];
    const runner = new ExecutionRunner(interpreter, getLanguageService(), (params) => sent.push(params));
    const pass = definition({ A: { Type: 'Pass', End: true } });
    const first = await runner.start({ definition: pass, input: '{}', name: 'same', clock: 'virtual' });
    assert.ok('started' in first);
    await outcomeOf(sent);
    assert.deepEqual(await runner.start({ definition: pass, input: '{}', name: 'same', clock: 'virtual' }),
      { errors: [{ message: "ExecutionAlreadyExists: Execution Already Exists: 'arn:aws:states:us-east-1:123456789012:execution:orders:same'" }] });
    const otherMachine = await runner.start({ definition: { uri: 'file:///work/invoices.asl.json', text: pass.text }, input: '{}', name: 'same', clock: 'virtual' });
    assert.ok('started' in otherMachine, 'names are unique per state machine');

    const waiting = definition({ W: { Type: 'Wait', Seconds: 60, End: true } });
    const running = await runner.start({ definition: waiting, input: '{"a":1}', name: 'waiting', clock: 'real' });
    assert.deepEqual(await runner.start({ definition: waiting, input: '{"a":1}', name: 'waiting', clock: 'real' }), running);
    const changed = await runner.start({ definition: waiting, input: '{"a":2}', name: 'waiting', clock: 'real' });
    assert.ok('errors' in changed && changed.errors[0].message.startsWith('ExecutionAlreadyExists: '));
    assert.ok('started' in running && runner.stop(running.started.executionArn));
  });

  it("runs an execution's process below the server's priority, so that the editor's requests go first", { skip: process.platform !== 'linux' && 'reads /proc' }, async () => {
    /** The niceness of each process this one started (fields 4 and 19 of /proc/<pid>/stat). */
    const childrenNiceness = () => readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).flatMap((pid) => {
      let stat: string;
      try { stat = readFileSync(`/proc/${pid}/stat`, 'utf8'); } catch { return []; }
      const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
      return Number(fields[1]) === process.pid ? [Number(fields[16])] : [];
    });
    const sent: ExecutionEventsParams[] = [];
    const runner = new ExecutionRunner(interpreter, getLanguageService(), (params) => sent.push(params), contained);
    const result = await runner.start({ definition: definition({ Wait: { Type: 'Wait', Seconds: 60, End: true } }), input: '{}', name: 'nice', clock: 'real' });
    assert.ok('started' in result);
    const during = childrenNiceness();
    runner.stop(result.started.executionArn);
    await outcomeOf(sent);
    assert.equal(getPriority(), 0, 'the server keeps its priority');
    assert.ok(during.includes(10), `the children's niceness: ${during}`);
  });

  it('names the MockConfigFile when its test case does not exist', async () => {
    const runner = new ExecutionRunner(interpreter, getLanguageService(), () => undefined, contained);
    const result = await runner.start({
      definition: definition({ Pay: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } }), input: '{}', clock: 'virtual',
      mockConfig: { uri: 'file:///w/orders.mock.json', text: '{"StateMachines": {"orders": {"TestCases": {}}}}' }, mock: { stateMachine: 'orders', testCase: 'Happy' },
    });
    assert.ok('errors' in result);
    assert.match(result.errors[0].message, /^file:\/\/\/w\/orders\.mock\.json: .*Happy/);
  });

  it('runs a YAML definition and locates its YAML syntax errors', async () => {
    const sent: ExecutionEventsParams[] = [];
    const runner = new ExecutionRunner(interpreter, getLanguageService(), (params) => sent.push(params));
    const yamlUri = 'file:///w/greet.asl.yaml';
    const broken = await runner.plan({ definition: { uri: yamlUri, text: 'StartAt: A\nStates:\n  A: {Type: Pass\n' } });
    assert.equal(broken.errors[0].range?.start.line, 3);
    const result = await runner.start({ definition: { uri: yamlUri, text: 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Result: {greeting: hi}\n    End: true\n' }, input: '{}', clock: 'virtual' });
    assert.ok('started' in result);
    assert.equal(result.started.stateMachineName, 'greet');
    assert.deepEqual((await outcomeOf(sent)).outcome!.output, { greeting: 'hi' });
  });
});
