// The `asl` debug adapter as VS Code drives it: dist/debugAdapter.js in its own process, spoken to
// over the Debug Adapter Protocol by @vscode/debugadapter-testsupport's DebugClient.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { pathKey } from '../../../server/src/languageService/stateIndex';

const adapter = path.resolve(__dirname, '../../../../dist/debugAdapter.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-debug-'));

/** A definition written pretty-printed, so that each state has lines of its own. */
function program(name: string, definition: unknown): string {
  const file = path.join(work, `${name}.asl.json`);
  fs.writeFileSync(file, JSON.stringify(definition, null, 2));
  return file;
}

/** The 1-based line of a text in a file (the first that holds it, after `after` when given). */
function lineOf(file: string, text: string, after = 0): number {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const index = lines.findIndex((line, i) => i >= after && line.includes(text));
  assert.ok(index >= 0, `${text} is in ${file}`);
  return index + 1;
}

const ITEMS = {
  QueryLanguage: 'JSONPath',
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Pass', Result: { a: 41, items: [1, 2, 3] }, Next: 'Process items' },
    'Process items': {
      Type: 'Map', ItemsPath: '$.items', ResultPath: '$.doubled',
      ItemProcessor: { StartAt: 'Double', States: { Double: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($, $)' }, End: true } } },
      Next: 'Both',
    },
    Both: {
      Type: 'Parallel', ResultPath: '$.both', Next: 'Done',
      Branches: [
        { StartAt: 'Left', States: { Left: { Type: 'Pass', Result: 'left', End: true } } },
        { StartAt: 'Right', States: { Right: { Type: 'Pass', Result: 'right', End: true } } },
      ],
    },
    Done: { Type: 'Succeed' },
  },
};

interface Session {
  dc: DebugClient;
  output: string[];
}

async function session(): Promise<Session> {
  const dc = new DebugClient(process.execPath, adapter, 'asl');
  dc.defaultTimeout = 10_000;
  await dc.start();
  const output: string[] = [];
  dc.on('output', (event: DebugProtocol.OutputEvent) => output.push(event.body.output));
  return { dc, output };
}

/** Launches and sets breakpoints during the configuration; resolves at the first stop. */
async function launchToStop(dc: DebugClient, args: Record<string, unknown>, configure: () => Promise<unknown> = async () => undefined): Promise<DebugProtocol.StoppedEvent> {
  const stopped = dc.waitForEvent('stopped') as Promise<DebugProtocol.StoppedEvent>;
  await Promise.all([
    dc.waitForEvent('initialized').then(configure).then(() => dc.configurationDoneRequest()),
    dc.initializeRequest().then(() => dc.launchRequest(args as DebugProtocol.LaunchRequestArguments)),
  ]);
  return stopped;
}

async function stack(dc: DebugClient, threadId: number): Promise<DebugProtocol.StackFrame[]> {
  return (await dc.stackTraceRequest({ threadId })).body.stackFrames;
}

/** Runs a step request and waits for the stop it ends in. */
async function step(dc: DebugClient, request: Promise<unknown>): Promise<DebugProtocol.StoppedEvent> {
  const stopped = dc.waitForEvent('stopped') as Promise<DebugProtocol.StoppedEvent>;
  await request;
  return stopped;
}

/** A scope's variables by name, values as the Variables view shows them. */
async function scopeValues(dc: DebugClient, frameId: number, scopeName: RegExp): Promise<Record<string, string>> {
  const scope = (await dc.scopesRequest({ frameId })).body.scopes.find((candidate) => scopeName.test(candidate.name));
  assert.ok(scope, `a scope ${scopeName}`);
  const variables = (await dc.variablesRequest({ variablesReference: scope.variablesReference })).body.variables;
  return Object.fromEntries(variables.map((variable) => [variable.name, variable.value]));
}

test('a breakpoint on a line inside a state is verified on its name line; one outside any state is not, with a reason; the run stops there', async () => {
  const file = program('breakpoints', ITEMS);
  const { dc } = await session();
  try {
    const typeLine = lineOf(file, '"Type": "Succeed"');
    let answered: DebugProtocol.Breakpoint[] = [];
    const stopped = await launchToStop(dc, { program: file }, async () => {
      answered = (await dc.setBreakpointsRequest({ source: { path: file }, breakpoints: [{ line: typeLine }, { line: 1 }] })).body.breakpoints;
    });
    assert.equal(answered[0].verified, true);
    assert.equal(answered[0].line, lineOf(file, '"Done": {'));
    assert.equal(answered[1].verified, false);
    assert.match(answered[1].message!, /outside any state/);
    assert.equal(stopped.body.reason, 'breakpoint');
    const frames = await stack(dc, stopped.body.threadId!);
    assert.equal(frames[0].name, 'Done (Succeed)');
    assert.equal(frames[0].line, lineOf(file, '"Done": {'));
    const input = await scopeValues(dc, frames[0].id, /^Input$/);
    assert.equal(input.doubled, '[{"n":2},{"n":4},{"n":6}]');
    assert.equal(input.both, '["left","right"]');
  } finally {
    await dc.stop();
  }
});

test('conditional breakpoints (JSONata over the input), hit counts, logpoints and function breakpoints', async () => {
  const file = program('conditions', ITEMS);
  const { dc, output } = await session();
  try {
    const doubleLine = lineOf(file, '"Double": {');
    const stopped = await launchToStop(dc, { program: file }, () => Promise.all([
      dc.setBreakpointsRequest({
        source: { path: file },
        breakpoints: [
          { line: doubleLine + 1, condition: '{% $states.input = 2 %}' },
          { line: lineOf(file, '"Prepare": {'), logMessage: 'prepared with {$$.Execution.Input}' },
        ],
      }),
      dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'Right' }, { name: 'No such state' }] }).then((response) => {
        assert.deepEqual(response.body.breakpoints.map((bp) => bp.verified), [true, false]);
      }),
    ]));
    assert.equal(stopped.body.reason, 'breakpoint');
    let frames = await stack(dc, stopped.body.threadId!);
    assert.deepEqual(frames.map((frame) => frame.name), ['Double (Pass)', "Map 'Process items' [1]", "Execution 'conditions'"]);
    assert.ok(output.some((line) => line === 'prepared with {}\n'), output.join(''));
    const atRight = await step(dc, dc.continueRequest({ threadId: stopped.body.threadId! }));
    frames = await stack(dc, atRight.body.threadId!);
    assert.deepEqual(frames.map((frame) => frame.name), ['Right (Pass)', "Parallel 'Both' [1]", "Execution 'conditions'"]);
    const terminated = dc.waitForEvent('terminated');
    await dc.continueRequest({ threadId: atRight.body.threadId! });
    await terminated;
  } finally {
    await dc.stop();
  }
});

test('a hit count stops at the nth time the state is entered', async () => {
  const file = program('hits', ITEMS);
  const { dc } = await session();
  try {
    const stopped = await launchToStop(dc, { program: file }, () =>
      dc.setBreakpointsRequest({ source: { path: file }, breakpoints: [{ line: lineOf(file, '"Double": {'), hitCondition: '3' }] }));
    const frames = await stack(dc, stopped.body.threadId!);
    assert.equal(frames[1].name, "Map 'Process items' [2]");
  } finally {
    await dc.stop();
  }
});

test('next steps over a Map; stepIn enters an iteration, on a thread of its own; stepOut leaves it; stepIn enters a Parallel branch', async () => {
  const file = program('steps', ITEMS);
  const { dc } = await session();
  try {
    const entry = await launchToStop(dc, { program: file, stopOnEntry: true });
    assert.equal(entry.body.reason, 'entry');
    assert.equal((await stack(dc, 1))[0].name, 'Prepare (Pass)');
    const atMap = await step(dc, dc.nextRequest({ threadId: 1 }));
    assert.equal((await stack(dc, atMap.body.threadId!))[0].name, 'Process items (Map)');
    const inIteration = await step(dc, dc.stepInRequest({ threadId: 1 }));
    assert.notEqual(inIteration.body.threadId, 1);
    const threads = (await dc.threadsRequest()).body.threads.map((thread) => thread.name);
    assert.ok(threads.includes("Map 'Process items' [0]"), threads.join());
    const frames = await stack(dc, inIteration.body.threadId!);
    assert.deepEqual(frames.map((frame) => frame.name), ['Double (Pass)', "Map 'Process items' [0]", "Execution 'steps'"]);
    assert.equal(frames[1].line, lineOf(file, '"Process items": {'));
    const afterMap = await step(dc, dc.stepOutRequest({ threadId: inIteration.body.threadId! }));
    assert.equal(afterMap.body.threadId, 1);
    const atParallel = await stack(dc, 1);
    assert.equal(atParallel[0].name, 'Both (Parallel)');
    const output = await scopeValues(dc, atParallel[0].id, /^Input$/);
    assert.equal(output.doubled, '[{"n":2},{"n":4},{"n":6}]');
    const inBranch = await step(dc, dc.stepInRequest({ threadId: 1 }));
    assert.deepEqual((await stack(dc, inBranch.body.threadId!)).map((frame) => frame.name), ['Left (Pass)', "Parallel 'Both' [0]", "Execution 'steps'"]);
  } finally {
    await dc.stop();
  }
});

test('stepBack and reverseContinue show earlier states with their data as it was; stepping forward comes back to the live stop', async () => {
  const file = program('back', ITEMS);
  const { dc } = await session();
  try {
    await launchToStop(dc, { program: file }, () =>
      dc.setBreakpointsRequest({ source: { path: file }, breakpoints: [{ line: lineOf(file, '"Both": {') }] }));
    const back = await step(dc, dc.stepBackRequest({ threadId: 1 }));
    let frames = await stack(dc, back.body.threadId!);
    assert.deepEqual(frames.map((frame) => frame.name), ['Double (Pass)', "Map 'Process items' [2]", "Execution 'back'"]);
    const state = await scopeValues(dc, frames[0].id, /^State 'Double'/);
    assert.equal(state['Effective input'], '{"n":6}');
    assert.equal(state.Output, '{"n":6}');
    const evaluated = await dc.evaluateRequest({ expression: '$', frameId: frames[0].id, context: 'watch' });
    assert.equal(evaluated.body.result, '3');
    const start = await step(dc, dc.reverseContinueRequest({ threadId: 1 }));
    frames = await stack(dc, start.body.threadId!);
    assert.equal(frames[0].name, 'Prepare (Pass)');
    const prepared = await scopeValues(dc, frames[0].id, /^State 'Prepare'/);
    assert.equal(prepared.Output, '{"a":41,"items":[1,2,3]}');
    const next = await step(dc, dc.nextRequest({ threadId: 1 }));
    assert.equal((await stack(dc, next.body.threadId!))[0].name, 'Process items (Map)');
    const live = await step(dc, dc.nextRequest({ threadId: 1 }));
    assert.equal((await stack(dc, live.body.threadId!))[0].name, 'Both (Parallel)');
    const terminated = dc.waitForEvent('terminated');
    await dc.continueRequest({ threadId: 1 });
    await terminated;
  } finally {
    await dc.stop();
  }
});

test('restartFrame re-runs from a state with its input as edited (setVariable); evaluate takes JSONPath, intrinsics and JSONata', async () => {
  const file = program('restart', ITEMS);
  const { dc, output } = await session();
  try {
    await launchToStop(dc, { program: file }, () =>
      dc.setBreakpointsRequest({ source: { path: file }, breakpoints: [{ line: lineOf(file, '"Process items": {') }] }));
    let frames = await stack(dc, 1);
    const evaluations = await Promise.all(['$.a', "States.Format('a is {}', $.a)", '{% $states.input.a + 1 %}', '$$.State.Name'].map((expression) =>
      dc.evaluateRequest({ expression, frameId: frames[0].id, context: 'repl' }).then((response) => response.body.result)));
    assert.deepEqual(evaluations, ['41', '"a is 41"', '42', '"Process items"']);
    await assert.rejects(dc.evaluateRequest({ expression: '$.nothing', frameId: frames[0].id, context: 'watch' }), /could not be found/);
    // On past the Map, then back to it from its frame: the Map's input again, edited before it runs.
    await step(dc, dc.nextRequest({ threadId: 1 }));
    frames = await stack(dc, 1);
    assert.equal(frames[0].name, 'Both (Parallel)');
    const again = await step(dc, dc.stepBackRequest({ threadId: 1 }));
    const past = await stack(dc, again.body.threadId!);
    const mapFrame = past.find((frame) => frame.name === "Map 'Process items' [2]")!;
    const restarted = await step(dc, dc.restartFrameRequest({ frameId: mapFrame.id }));
    assert.equal(restarted.body.reason, 'restart');
    assert.ok(output.includes("Restarting the execution from 'Process items' with the input it had.\n"), output.join(''));
    frames = await stack(dc, 1);
    assert.equal(frames[0].name, 'Process items (Map)');
    const inputScope = (await dc.scopesRequest({ frameId: frames[0].id })).body.scopes.find((scope) => scope.name === 'Input')!;
    const set = await dc.setVariableRequest({ variablesReference: inputScope.variablesReference, name: 'items', value: '[10]' });
    assert.equal(set.body.value, '[10]');
    const terminated = dc.waitForEvent('terminated');
    await dc.continueRequest({ threadId: 1 });
    await terminated;
    const result = output.join('');
    assert.match(result, /Execution SUCCEEDED/);
    assert.match(result, /"doubled": \[\s*\{\s*"n": 20\s*\}\s*\]/);
  } finally {
    await dc.stop();
  }
});

const FAILING = {
  StartAt: 'Try',
  States: {
    Try: {
      Type: 'Parallel', Next: 'Fail hard',
      Branches: [{ StartAt: 'Oops', States: { Oops: { Type: 'Fail', Error: 'MyError', Cause: 'caught below' } } }],
      Catch: [{ ErrorEquals: ['MyError'], ResultPath: '$.caught', Next: 'Fail hard' }],
    },
    'Fail hard': { Type: 'Fail', Error: 'States.TaskFailed', Cause: 'no one catches this' },
  },
};

test('exception breakpoints: uncaught errors by default, named errors as ErrorEquals matches them, every error', async () => {
  const file = program('failing', FAILING);
  const cases: [DebugProtocol.SetExceptionBreakpointsArguments, string[]][] = [
    [{ filters: ['uncaught'] }, ['Fail hard']],
    [{ filters: [], filterOptions: [{ filterId: 'named', condition: 'MyError' }] }, ['Oops', 'Try']],
    [{ filters: ['all'] }, ['Oops', 'Try', 'Fail hard']],
  ];
  for (const [filters, expected] of cases) {
    const { dc, output } = await session();
    try {
      const first = await launchToStop(dc, { program: file }, () => dc.setExceptionBreakpointsRequest(filters));
      const seen: string[] = [];
      let stopped: DebugProtocol.StoppedEvent | undefined = first;
      while (stopped) {
        assert.equal(stopped.body.reason, 'exception');
        seen.push((await stack(dc, stopped.body.threadId!))[0].name.replace(/ \(\w+\)$/, ''));
        const info = await dc.exceptionInfoRequest({ threadId: stopped.body.threadId! });
        if (seen.at(-1) === 'Fail hard') {
          assert.equal(info.body.exceptionId, 'States.TaskFailed');
          assert.equal(info.body.breakMode, 'unhandled');
        }
        const next = Promise.race([dc.waitForEvent('stopped'), dc.waitForEvent('terminated')]);
        await dc.continueRequest({ threadId: stopped.body.threadId! });
        const event = await next;
        stopped = event.event === 'stopped' ? event as DebugProtocol.StoppedEvent : undefined;
      }
      assert.deepEqual(seen, expected, JSON.stringify(filters));
      assert.match(output.join(''), /Execution FAILED: States.TaskFailed\nno one catches this/);
    } finally {
      await dc.stop();
    }
  }
});

test('an invalid definition ends the launch with its located errors in the debug console', async () => {
  const file = program('invalid', { StartAt: 'Missing', States: { A: { Type: 'Pass', End: true } } });
  const { dc } = await session();
  try {
    const located = new Promise<DebugProtocol.OutputEvent>((resolve) => dc.on('output', (event: DebugProtocol.OutputEvent) => {
      if (event.body.category === 'stderr' && event.body.line !== undefined) resolve(event);
    }));
    const terminated = dc.waitForEvent('terminated');
    await dc.initializeRequest();
    await assert.rejects(dc.launchRequest({ program: file } as DebugProtocol.LaunchRequestArguments), /has \d+ error/);
    const output = await located;
    assert.match(output.body.output, /invalid\.asl\.json:\d+:\d+ error .*Missing/);
    assert.equal(output.body.line, lineOf(file, '"StartAt"'));
    await terminated;
  } finally {
    await dc.stop();
  }
});

test('stateMachineType EXPRESS checks the definition with the Express rules and runs it as StartSyncExecution does', async () => {
  const callback = program('express-callback', {
    StartAt: 'Wait for approval',
    States: { 'Wait for approval': { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl: 'q', MessageBody: { 'token.$': '$$.Task.Token' } }, End: true } },
  });
  const refused = await session();
  try {
    await refused.dc.initializeRequest();
    await assert.rejects(refused.dc.launchRequest({ program: callback, stateMachineType: 'EXPRESS' } as DebugProtocol.LaunchRequestArguments), /has 1 error/);
    assert.match(refused.output.join(''), /Express state machine does not support '\.waitForTaskToken' service integration/);
  } finally {
    await refused.dc.stop();
  }
  const file = program('express-context', { StartAt: 'Who', States: { Who: { Type: 'Pass', Parameters: { 'id.$': '$$.Execution.Id' }, End: true } } });
  const { dc, output } = await session();
  try {
    const stopped = await launchToStop(dc, { program: file, stateMachineType: 'EXPRESS', stopOnEntry: true });
    const terminated = dc.waitForEvent('terminated');
    await dc.continueRequest({ threadId: stopped.body.threadId! });
    await terminated;
    assert.match(output.join(''), /Execution SUCCEEDED, output:\n\{\n {2}"id": "arn:aws:states:[^:]+:\d+:express:express-context:/);
  } finally {
    await dc.stop();
  }
  const typo = await session();
  try {
    await typo.dc.initializeRequest();
    await assert.rejects(typo.dc.launchRequest({ program: file, stateMachineType: 'express' } as DebugProtocol.LaunchRequestArguments), /'stateMachineType' is STANDARD or EXPRESS, not "express"/);
  } finally {
    await typo.dc.stop();
  }
});

test('disconnecting while stopped ends the run ABORTED', async () => {
  const file = program('abort', ITEMS);
  const { dc, output } = await session();
  await launchToStop(dc, { program: file, stopOnEntry: true });
  await dc.disconnectRequest({});
  assert.ok(output.includes('Execution ABORTED\n'), output.join(''));
  await dc.stop();
});

test('with debugHandlers, the local handlers run under a Node inspector a JavaScript debugger can attach to, and the run waits for it', async () => {
  const handler = path.join(work, 'greet.js');
  fs.writeFileSync(handler, 'exports.handler = async (event) => ({ greeting: `hello ${event.name}` });\n');
  const file = program('handlers', {
    StartAt: 'Greet',
    States: { Greet: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:greet', End: true } },
  });
  const { dc, output } = await session();
  try {
    const inspector = dc.waitForEvent('aslHandlerInspector') as Promise<DebugProtocol.Event>;
    const terminated = dc.waitForEvent('terminated');
    await Promise.all([
      dc.waitForEvent('initialized').then(() => dc.configurationDoneRequest()),
      dc.initializeRequest().then(() => dc.launchRequest({ program: file, input: { name: 'Ada' }, handlers: { greet: 'greet.js' }, debugHandlers: true } as DebugProtocol.LaunchRequestArguments)),
      inspector.then(async (event) => {
        // The inspector answers as Node's does: the process's target, with the WebSocket a debugger attaches to.
        const targets = await (await fetch(`http://127.0.0.1:${event.body.port}/json/list`)).json() as { type: string; webSocketDebuggerUrl: string }[];
        assert.equal(targets[0].type, 'node');
        assert.match(targets[0].webSocketDebuggerUrl, /^ws:\/\/127\.0\.0\.1:\d+\//);
        assert.ok(!output.join('').includes('Execution'), 'the run waits for the debugger');
        await dc.customRequest('aslHandlersAttached');
      }),
    ]);
    await terminated;
    assert.match(output.join(''), /Execution SUCCEEDED[\s\S]*"greeting": "hello Ada"/);
  } finally {
    await dc.stop();
  }
});

test('a YAML definition is debugged alike: a breakpoint inside a state goes to its name line and stops there', async () => {
  const file = path.join(work, 'yaml.asl.yaml');
  fs.writeFileSync(file, 'StartAt: First\nStates:\n  First:\n    Type: Pass\n    Next: Second\n  Second:\n    Type: Pass\n    Result:\n      done: true\n    End: true\n');
  const { dc, output } = await session();
  try {
    let answered: DebugProtocol.Breakpoint[] = [];
    const stopped = await launchToStop(dc, { program: file, input: { a: 1 } }, async () => {
      answered = (await dc.setBreakpointsRequest({ source: { path: file }, breakpoints: [{ line: 9 }] })).body.breakpoints;
    });
    assert.deepEqual([answered[0].verified, answered[0].line], [true, 6]);
    const frames = await stack(dc, stopped.body.threadId!);
    assert.deepEqual([frames[0].name, frames[0].line], ['Second (Pass)', 6]);
    assert.equal((await scopeValues(dc, frames[0].id, /^Input$/)).a, '1');
    const terminated = dc.waitForEvent('terminated');
    await dc.continueRequest({ threadId: 1 });
    await terminated;
    assert.match(output.join(''), /Execution SUCCEEDED[\s\S]*"done": true/);
  } finally {
    await dc.stop();
  }
});

/** A SAM template with two machines: one a YAML Definition, one a DefinitionString filled from DefinitionSubstitutions. */
const SAM_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Greeter:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition:
        StartAt: Hello
        States:
          Hello:
            Type: Pass
            End: true
  Orders:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionSubstitutions:
        Greeting: welcome
      DefinitionString: |
        {
          "StartAt": "Receive",
          "States": {
            "Receive": {
              "Type": "Pass",
              "Next": "Answer"
            },
            "Answer": {
              "Type": "Pass",
              "Result": "\${Greeting}",
              "ResultPath": "$.answer",
              "End": true
            }
          }
        }
`;

test('a machine inside a SAM template is debugged by its logical id: breakpoints on the template\'s lines stop in its states', async () => {
  const file = path.join(work, 'template.yaml');
  fs.writeFileSync(file, SAM_TEMPLATE);
  const { dc, output } = await session();
  try {
    let answered: DebugProtocol.Breakpoint[] = [];
    const stopped = await launchToStop(dc, { program: `${file}#Orders`, input: { a: 1 } }, async () => {
      answered = (await dc.setBreakpointsRequest({
        source: { path: file },
        breakpoints: [{ line: lineOf(file, '"Result"') }, { line: lineOf(file, 'Type: Pass') }, { line: lineOf(file, 'DefinitionSubstitutions') }],
      })).body.breakpoints;
    });
    // Inside Answer: moved to its name's line; in the other machine or outside the definition: not verified.
    assert.deepEqual(answered.map((bp) => [bp.verified, bp.line]), [[true, lineOf(file, '"Answer": {')], [false, lineOf(file, 'Type: Pass')], [false, lineOf(file, 'DefinitionSubstitutions')]]);
    assert.equal(stopped.body.reason, 'breakpoint');
    const frames = await stack(dc, stopped.body.threadId!);
    assert.deepEqual([frames[0].name, frames[0].line, frames[0].source?.path], ['Answer (Pass)', lineOf(file, '"Answer": {'), file]);
    assert.match(frames.at(-1)!.name, /Execution 'Orders'/);
    const terminated = dc.waitForEvent('terminated');
    await dc.continueRequest({ threadId: 1 });
    await terminated;
    assert.match(output.join(''), /Execution SUCCEEDED[\s\S]*"answer": "welcome"/);
  } finally {
    await dc.stop();
  }
});

test('a test of a test file is debugged with its definition, input and mocks; its result by its expectations comes at the end', async () => {
  program('greeting', {
    StartAt: 'Greet',
    States: { Greet: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:greet', OutputPath: '$.Payload', End: true } },
  });
  const testFile = path.join(work, 'greeting.asl.test.json');
  const greet = { Greet: { '0': { Return: { Payload: { greeting: 'Hello, Ada' } } } } };
  fs.writeFileSync(testFile, JSON.stringify({
    tests: {
      greets: { input: { name: 'Ada' }, mocks: greet, expect: { output: { greeting: 'Hello, Ada' } } },
      'expects another greeting': { input: { name: 'Ada' }, mocks: greet, expect: { output: { greeting: 'Hi' } } },
    },
  }, null, 2));
  const debugTest = async (name: string) => {
    const { dc, output } = await session();
    try {
      const result = dc.waitForEvent('aslTestResult') as Promise<DebugProtocol.Event>;
      const stopped = await launchToStop(dc, { testFile, test: name, stopOnEntry: true });
      const [frame] = await stack(dc, stopped.body.threadId!);
      assert.equal(frame.name, 'Greet (Task)');
      assert.equal(frame.source?.path, path.join(work, 'greeting.asl.json'));
      assert.equal((await scopeValues(dc, frame.id, /^Input$/)).name, '"Ada"');
      await dc.continueRequest({ threadId: stopped.body.threadId! });
      return { result: (await result).body as { outcome: string; failures: { message: string; expected?: string; actual?: string; range: { start: { line: number } } }[] }, output };
    } finally {
      await dc.stop();
    }
  };
  const passed = await debugTest('greets');
  assert.deepEqual(passed.result, { outcome: 'passed', failures: [] });
  assert.ok(passed.output.includes("Test 'greets' passed.\n"), passed.output.join(''));
  const failed = await debugTest('expects another greeting');
  assert.equal(failed.result.outcome, 'failed');
  const [failure] = failed.result.failures;
  assert.deepEqual([failure.expected, failure.actual, failure.range.start.line], ['{\n  "greeting": "Hi"\n}', '{\n  "greeting": "Hello, Ada"\n}', lineOf(testFile, '"output": {', lineOf(testFile, '"expects another greeting"')) - 1]);
});

test('a test that cannot run ends the launch with its located problem, as its result', async () => {
  const testFile = path.join(work, 'unknown.asl.test.json');
  fs.writeFileSync(testFile, JSON.stringify({ stateMachine: 'greeting.asl.json', tests: { 'by a test case': { testCase: 'Missing' } } }, null, 2));
  const { dc, output } = await session();
  try {
    const result = dc.waitForEvent('aslTestResult') as Promise<DebugProtocol.Event>;
    await dc.initializeRequest();
    await assert.rejects(dc.launchRequest({ testFile, test: 'by a test case' } as DebugProtocol.LaunchRequestArguments), /cannot run/);
    const { outcome, failures } = (await result).body as { outcome: string; failures: { message: string; range: { start: { line: number } } }[] };
    assert.equal(outcome, 'failed');
    assert.match(failures[0].message, /no MockConfigFile to take the test case 'Missing'/);
    assert.equal(failures[0].range.start.line, lineOf(testFile, '"testCase"') - 1);
    assert.ok(output.some((line) => line.includes("test case 'Missing'")), output.join(''));
  } finally {
    await dc.stop();
  }
});

test('a template holding several machines, launched without naming one, ends the launch naming them', async () => {
  const file = path.join(work, 'two-machines.template.yaml');
  fs.writeFileSync(file, SAM_TEMPLATE);
  const { dc } = await session();
  try {
    const terminated = dc.waitForEvent('terminated');
    await dc.initializeRequest();
    await assert.rejects(dc.launchRequest({ program: file } as DebugProtocol.LaunchRequestArguments), /holds 2 state machines: name one .*\(Greeter, Orders\)/);
    await terminated;
  } finally {
    await dc.stop();
  }
});

test('at each stop the graph preview is told the states run so far and, apart, the one stopped at', async () => {
  const file = program('graphStatus', ITEMS);
  const { dc } = await session();
  try {
    const states = dc.waitForEvent('aslStates') as Promise<DebugProtocol.Event>;
    await launchToStop(dc, { program: file }, () => dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'Double' }] }));
    const { program: shownProgram, states: shown } = (await states).body as { program: string; states: Record<string, unknown> };
    assert.equal(shownProgram, file);
    assert.deepEqual(shown, {
      [pathKey(['States', 'Prepare'])]: { status: 'succeeded' },
      [pathKey(['States', 'Process items'])]: { status: 'running' },
      [pathKey(['States', 'Process items', 'ItemProcessor', 'States', 'Double'])]: { status: 'running', badge: 'Stopped here', current: true },
    });
  } finally {
    await dc.stop();
  }
});
