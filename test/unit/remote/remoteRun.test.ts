// Runs on a remote target, against the project's own API server (`serve`) on loopback standing in for
// AWS: the runner starts the execution there and streams its history as a local run's, follows it
// through paged GetExecutionHistory to its end, stops and redrives it, runs Express ones synchronously,
// and says so when the server dies rather than reporting an end it did not see.
import '../aws/loopbackOnly';
import { after, before, describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CreateActivityCommand, GetActivityTaskCommand, GetExecutionHistoryCommand, ListStateMachinesCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { interpreter } from '../../../server/src/execution/interpreter';
import { compileStateMachine } from '../../../server/src/core/interpreter';
import { compareRuns } from '../../../server/src/core/history/compare';
import { readHistoryEvents } from '../../../server/src/execution/historyFiles';
import { ExecutionRunner } from '../../../server/src/execution/runner';
import { launchRemote, type FollowPace } from '../../../server/src/execution/remote/remoteRun';
import { listRemoteExecutions, remoteExecutionHistory } from '../../../server/src/execution/remote/remoteExecutions';
import { getLanguageService } from '../../../server/src/languageService';
import type { ExecutionEventsParams, HistoryEvent, RemoteTarget, StartExecutionParams } from '../../../server/src/protocol';
import { CLI, startEndpoint, type Endpoint } from '../apiServer/endpoint';
import { saveTest } from '../../../server/src/testing/saveTest';

/** Quick polls, and a history read two events a page, so that following pages through it. */
const PACE: FollowPace = { firstPollMs: 20, maxPollMs: 200, failuresBeforeLost: 3, pageSize: 2 };

let endpoint: Endpoint;
before(async () => { endpoint = await startEndpoint(); });
after(async () => { await endpoint.stop(); });

/** A runner whose remote runs go at PACE, and what it streamed by execution. */
function remoteRunner() {
  const streamed = new Map<string, ExecutionEventsParams[]>();
  const runner = new ExecutionRunner(interpreter, getLanguageService(), (params) => {
    const list = streamed.get(params.executionArn) ?? [];
    list.push(params);
    streamed.set(params.executionArn, list);
  }, undefined, (target) => launchRemote(target, PACE));
  /** Resolves with the batches once the last one (an outcome or a loss) arrived. */
  const ended = async (executionArn: string, after = 0): Promise<ExecutionEventsParams[]> => {
    for (;;) {
      const batches = (streamed.get(executionArn) ?? []).slice(after);
      if (batches.some((batch) => batch.outcome || batch.lost)) return batches;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return { runner, streamed, ended };
}

/** An activity of the endpoint: a Task on it waits for a worker, and the endpoint's virtual clock with it. */
async function activity(on: Endpoint, name: string): Promise<string> {
  const client = on.client();
  const { activityArn } = await client.send(new CreateActivityCommand({ name }));
  client.destroy();
  return activityArn!;
}

const target = (): RemoteTarget => ({ kind: 'endpoint', url: endpoint.url });

function params(name: string, states: object, extra: Partial<StartExecutionParams> = {}): StartExecutionParams {
  return {
    definition: { uri: `file:///work/${name}.asl.json`, text: JSON.stringify({ StartAt: Object.keys(states)[0], States: states }) },
    input: '{"order": 7}', clock: 'virtual', target: target(), ...extra,
  };
}

function eventsOf(batches: ExecutionEventsParams[]): HistoryEvent[] {
  return batches.flatMap((batch) => batch.events);
}

/** The endpoint's own history of the execution, as a local event (timestamp ISO). */
async function endpointHistory(executionArn: string): Promise<HistoryEvent[]> {
  const client = endpoint.client();
  const { events } = await client.send(new GetExecutionHistoryCommand({ executionArn, includeExecutionData: true }));
  client.destroy();
  return JSON.parse(JSON.stringify(events)) as HistoryEvent[];
}

describe('a run on an endpoint target', () => {
  it('creates the machine, follows the execution through paged history to SUCCEEDED, streams and writes every event', async () => {
    const { runner, ended, streamed } = remoteRunner();
    const historyFolder = path.join(mkdtempSync(path.join(tmpdir(), 'asl-remote-')), 'run');
    const worker = await activity(endpoint, 'packer');
    const started = await runner.start(params('remoteOrders', {
      Pick: { Type: 'Pass', Parameters: { 'order.$': '$.order' }, Next: 'Pack' },
      Pack: { Type: 'Task', Resource: worker, ResultPath: '$.packed', Next: 'Done' },
      Done: { Type: 'Pass', Result: 'shipped', ResultPath: '$.status', End: true },
    }, { historyFolder }));
    assert.ok('started' in started, JSON.stringify(started));
    const { executionArn } = started.started;
    assert.match(executionArn, /^arn:aws:states:[^:]+:\d+:execution:remoteOrders:/);
    // The worker answers once the view has seen the execution reach its Task.
    while (!eventsOf(streamed.get(executionArn) ?? []).some((event) => event.type === 'ActivityStarted')) await new Promise((resolve) => setTimeout(resolve, 20));
    const client = endpoint.client();
    const task = await client.send(new GetActivityTaskCommand({ activityArn: worker }));
    await client.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{"boxes": 2}' }));
    client.destroy();
    const batches = await ended(executionArn);
    const outcome = batches.at(-1)!.outcome!;
    assert.equal(outcome.status, 'SUCCEEDED');
    assert.deepEqual(outcome.output, { order: 7, packed: { boxes: 2 }, status: 'shipped' });
    assert.deepEqual(outcome.input, { order: 7 });
    // Polls before and after the worker's answer: the history came in more than one batch, whole and in order.
    const events = eventsOf(batches);
    assert.ok(batches.filter((batch) => batch.events.length).length > 1, 'followed while it ran');
    const expected = await endpointHistory(executionArn);
    assert.deepEqual(events.map((event) => event.id), expected.map((event) => event.id));
    assert.deepEqual(events.map((event) => event.type), expected.map((event) => event.type));
    // The written history is the streamed one (compact, as a local run writes it).
    assert.deepEqual(await readHistoryEvents(historyFolder), events);
  });

  it('saves an ended run as a test ("Save as Test" from its stored history) that passes on the embedded interpreter', async () => {
    const { runner, ended, streamed } = remoteRunner();
    const folder = mkdtempSync(path.join(tmpdir(), 'asl-remote-test-'));
    const worker = await activity(endpoint, 'weigher');
    const states = {
      Weigh: { Type: 'Task', Resource: worker, ResultPath: '$.weight', Next: 'Label' },
      Label: { Type: 'Pass', Parameters: { 'label.$': "States.Format('{} kg for {}', $.weight.kg, $$.Execution.Name)" }, End: true },
    };
    const definitionText = JSON.stringify({ StartAt: 'Weigh', States: states });
    const definitionFile = path.join(folder, 'weighed.asl.json');
    writeFileSync(definitionFile, definitionText);
    const historyFolder = path.join(folder, 'run');
    const started = await runner.start({
      definition: { uri: pathToFileURL(definitionFile).href, text: definitionText }, input: '{"order": 7}', clock: 'virtual', target: target(), historyFolder,
    });
    assert.ok('started' in started, JSON.stringify(started));
    const { executionArn, name } = started.started;
    while (!eventsOf(streamed.get(executionArn) ?? []).some((event) => event.type === 'ActivityStarted')) await new Promise((resolve) => setTimeout(resolve, 20));
    const client = endpoint.client();
    const task = await client.send(new GetActivityTaskCommand({ activityArn: worker }));
    await client.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{"kg": 3}' }));
    client.destroy();
    assert.equal((await ended(executionArn)).at(-1)!.outcome!.status, 'SUCCEEDED');

    // What the client sends for the execution of the list or the focused view (client/src/testing/saveAsTest.ts).
    const saved = await saveTest({ definition: definitionFile, definitionText, name: 'replays the endpoint run', historyFolder, described: { name } }, Object.keys(states));
    assert.ok('testFile' in saved, JSON.stringify(saved));
    const test = JSON.parse(saved.text).tests['replays the endpoint run'];
    assert.deepEqual(test.expect.output, { label: `3 kg for ${name}` });
    const replayed = spawnSync(process.execPath, [CLI, 'test', saved.testFile], { encoding: 'utf8' });
    assert.equal(replayed.status, 0, replayed.stdout + replayed.stderr);
    assert.match(replayed.stdout, /1 passed/);
  });

  it('runs the definition the editor holds: a machine already there is updated', async () => {
    const { runner, ended } = remoteRunner();
    for (const result of ['first', 'second']) {
      const started = await runner.start(params('updatedMachine', { Only: { Type: 'Pass', Result: result, End: true } }));
      assert.ok('started' in started, JSON.stringify(started));
      assert.equal((await ended(started.started.executionArn)).at(-1)!.outcome!.output, result);
    }
    const client = endpoint.client();
    const { stateMachines } = await client.send(new ListStateMachinesCommand({}));
    client.destroy();
    assert.equal(stateMachines!.filter((machine) => machine.name === 'updatedMachine').length, 1);
  });

  it('compares alike with a local run of the same input (Compare runs)', async () => {
    const { runner, ended } = remoteRunner();
    const states = {
      Check: { Type: 'Choice', Choices: [{ Variable: '$.order', NumericGreaterThan: 5, Next: 'Big' }], Default: 'Small' },
      Big: { Type: 'Pass', Parameters: { 'size.$': 'States.Format(\'big {}\', $.order)' }, End: true },
      Small: { Type: 'Pass', End: true },
    };
    const started = await runner.start(params('compared', states));
    assert.ok('started' in started);
    await ended(started.started.executionArn);
    const local = await compileStateMachine({ StartAt: 'Check', States: states }).start({ input: { order: 7 }, stateMachineName: 'compared' }).done;
    const comparison = compareRuns(local.events, await endpointHistory(started.started.executionArn));
    assert.deepEqual(comparison.left.map((visit) => visit.state), ['Check', 'Big']);
    assert.equal(comparison.difference, undefined);
  });

  it('reports a failure with the error and cause the target gives', async () => {
    const { runner, ended } = remoteRunner();
    const started = await runner.start(params('remoteFailure', { Refuse: { Type: 'Fail', Error: 'Order.Invalid', Cause: 'no items' } }));
    assert.ok('started' in started);
    const outcome = (await ended(started.started.executionArn)).at(-1)!.outcome!;
    assert.deepEqual([outcome.status, outcome.error, outcome.cause], ['FAILED', 'Order.Invalid', 'no items']);
  });

  it('stops a running execution with StopExecution: it ends ABORTED', async () => {
    const { runner, ended } = remoteRunner();
    const started = await runner.start(params('remoteStop', { Long: { Type: 'Task', Resource: await activity(endpoint, 'neverAnswered'), End: true } }));
    assert.ok('started' in started);
    assert.equal(await runner.stop(started.started.executionArn), true);
    const batches = await ended(started.started.executionArn);
    assert.equal(batches.at(-1)!.outcome!.status, 'ABORTED');
    assert.equal(eventsOf(batches).at(-1)!.type, 'ExecutionAborted');
    assert.equal(await runner.stop(started.started.executionArn), false, 'an ended execution is not stopped again');
  });

  it('redrives a failed execution: its history goes on with ExecutionRedriven, the ids continuing', async () => {
    const { runner, ended } = remoteRunner();
    const historyFolder = path.join(mkdtempSync(path.join(tmpdir(), 'asl-redrive-')), 'run');
    const started = await runner.start(params('remoteRedrive', {
      Prepare: { Type: 'Pass', Next: 'Refuse' },
      Refuse: { Type: 'Fail', Error: 'Order.Invalid' },
    }, { historyFolder }));
    assert.ok('started' in started);
    const { executionArn } = started.started;
    const first = await ended(executionArn);
    const lastId = eventsOf(first).at(-1)!.id;
    assert.deepEqual(await runner.redrive(executionArn, historyFolder), { redriven: true });
    const second = await ended(executionArn, first.length);
    const redriven = eventsOf(second);
    assert.equal(redriven[0].type, 'ExecutionRedriven');
    assert.equal(redriven[0].id, lastId + 1);
    assert.equal(second.at(-1)!.outcome!.status, 'FAILED');
    assert.deepEqual((await readHistoryEvents(historyFolder)).map((event) => event.id), [...eventsOf(first), ...redriven].map((event) => event.id));
    assert.match(JSON.stringify(await runner.redrive('arn:aws:states:us-east-1:123456789012:execution:local:x')), /Redrive is for executions run on AWS or an endpoint/);
  });

  it('runs an Express machine with StartSyncExecution, answering with its end', async () => {
    const { runner, ended } = remoteRunner();
    const started = await runner.start(params('remoteExpress', { Only: { Type: 'Pass', Result: { fast: true }, End: true } }, { type: 'EXPRESS' }));
    assert.ok('started' in started, JSON.stringify(started));
    assert.match(started.started.executionArn, /:express:remoteExpress:/);
    const outcome = (await ended(started.started.executionArn)).at(-1)!.outcome!;
    assert.deepEqual([outcome.status, outcome.output], ['SUCCEEDED', { fast: true }]);
  });

  it('refuses to start with the target and the error it answered', async () => {
    const { runner } = remoteRunner();
    const refused = await runner.start(params('remoteRefused', { Only: { Type: 'Pass', End: true } }, { name: 'has space' }));
    assert.deepEqual(refused, { errors: [{ message: "InvalidName: Invalid Name: 'has space'" }] });
    const unreachable = await runner.start(params('remoteUnreachable', { Only: { Type: 'Pass', End: true } }, { target: { kind: 'endpoint', url: 'http://127.0.0.1:9' } }));
    assert.ok('errors' in unreachable);
    assert.match(unreachable.errors[0].message, /^The execution could not start: http:\/\/127\.0\.0\.1:9: .*ECONNREFUSED/);
  });
});

describe("a machine's executions on a target", () => {
  it('lists those started anywhere, newest first, and reads one whole with the definition it ran', async () => {
    const { runner, ended } = remoteRunner();
    const names: string[] = [];
    for (const name of ['listed-1', 'listed-2']) {
      const started = await runner.start(params('listedMachine', { Only: { Type: 'Pass', Result: name, End: true } }, { name }));
      assert.ok('started' in started);
      await ended(started.started.executionArn);
      names.push(started.started.executionArn);
    }
    const listed = await listRemoteExecutions(target(), 'listedMachine');
    assert.ok('executions' in listed, JSON.stringify(listed));
    assert.deepEqual(listed.executions.map((execution) => [execution.name, execution.status]), [['listed-2', 'SUCCEEDED'], ['listed-1', 'SUCCEEDED']]);
    const read = await remoteExecutionHistory(target(), names[0]);
    assert.ok('events' in read, JSON.stringify(read));
    assert.deepEqual(read.events, await endpointHistory(names[0]));
    assert.equal(read.outcome?.output, 'listed-1');
    // The definition it ran, not the one the machine has since.
    assert.deepEqual(JSON.parse(read.definition).States.Only.Result, 'listed-1');
    assert.deepEqual(await listRemoteExecutions(target(), 'neverCreated'), { executions: [] });
    const unreachable = await listRemoteExecutions({ kind: 'endpoint', url: 'http://127.0.0.1:9' }, 'listedMachine');
    assert.match('error' in unreachable ? unreachable.error : '', /^http:\/\/127\.0\.0\.1:9: .*ECONNREFUSED/);
  });
});

describe('a remote execution whose server dies', () => {
  it('ends lost, with why, and never as succeeded', async () => {
    const dying = await startEndpoint();
    const { runner, ended } = remoteRunner();
    const started = await runner.start(params('remoteLost', { Long: { Type: 'Task', Resource: await activity(dying, 'neverAnswered'), End: true } }, { target: { kind: 'endpoint', url: dying.url } }));
    assert.ok('started' in started, JSON.stringify(started));
    await dying.kill();
    const last = (await ended(started.started.executionArn)).at(-1)!;
    assert.equal(last.outcome, undefined);
    assert.match(last.lost!, new RegExp(`^Following execution ${started.started.executionArn.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} on ${dying.url.replace(/[.]/g, '\\.')} stopped: .*ECONNREFUSED.*It may still be running there; its status is unknown\\.$`));
  });
});
