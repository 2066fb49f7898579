// The `run` and `run-cases` commands as users call them: whole processes, exit codes, output.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const cli = path.resolve(__dirname, '../../../server/src/cli/main.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-cli-'));

function cliRun(...args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
}

function file(name: string, value: unknown): string {
  const target = path.join(work, name);
  fs.writeFileSync(target, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return target;
}

test('run --template hello-world prints the console view: 20 events, the Wait exits 3 s after the start', () => {
  const child = cliRun('run', '--template', 'hello-world', '--input-json', '{"Comment": "Insert your JSON here"}');
  assert.equal(child.status, 0, child.stderr);
  assert.match(child.stdout, /^Execution status:\s+SUCCEEDED$/m);
  assert.match(child.stdout, /^Events \(20\)$/m);
  assert.match(child.stdout, /^9\s+WaitStateExited\s+Wait 3 sec\s+-\s+00:00:03\.\d{3}/m);
  assert.match(child.stdout, /^20\s+ExecutionSucceeded/m);
});

test('run --json prints status, output and AWS-shaped events; exit 1 on failure', () => {
  const definition = file('fail.asl.json', { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Oops', Cause: 'because' } } });
  const child = cliRun('run', definition, '--json');
  assert.equal(child.status, 1);
  const result = JSON.parse(child.stdout);
  assert.equal(result.status, 'FAILED');
  assert.equal(result.error, 'Oops');
  assert.equal(result.cause, 'because');
  assert.deepEqual(result.events.map((e: { type: string }) => e.type), ['ExecutionStarted', 'FailStateEntered', 'ExecutionFailed']);
  assert.deepEqual(result.events[2].executionFailedEventDetails, { error: 'Oops', cause: 'because' });
});

test('run reports an invalid definition with its location and exits 2', () => {
  const definition = file('bad.asl.json', { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } });
  const child = cliRun('run', definition);
  assert.equal(child.status, 2);
  assert.equal(child.stderr, `${definition}:6:15: invalid definition: Missing 'Next' target: Nowhere (at /States/A/Next)\n`);
});

test('run and run-cases refuse what AWS refuses to create, with the validator\'s message and location', () => {
  const unreachable = { StartAt: 'A', States: { A: { Type: 'Succeed' }, Orphan: { Type: 'Succeed' } } };
  const definition = file('unreachable.asl.json', unreachable);
  const child = cliRun('run', definition);
  assert.equal(child.status, 2);
  assert.equal(child.stderr, `${definition}:7:15: invalid definition: MISSING_TRANSITION_TARGET: State "Orphan" is not reachable. (at /States/Orphan)\n`);
  const cases = file('refused.json', { name: 'refused', definition: { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B', End: true }, B: { Type: 'Succeed' } } }, input: {}, expected: { status: 'SUCCEEDED' } });
  const line = JSON.parse(cliRun('run-cases', cases, '--jsonl').stdout);
  assert.deepEqual({ ...line, message: undefined }, { name: 'refused', valid: false, error: 'InvalidDefinition', message: undefined });
  assert.match(line.message, /^SCHEMA_VALIDATION_FAILED: .*'Next' and 'End'.* at \/States\/A\/End$/);
});

test('run with a mock config serves Task states; usage errors exit 2', () => {
  const definition = file('task.asl.json', { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', OutputPath: '$.Payload', End: true } } });
  const mocks = file('mocks.json', { StateMachines: { task: { TestCases: { Happy: { T: 'Ok' } } } }, MockedResponses: { Ok: { '0': { Return: { Payload: 'done' } } } } });
  const child = cliRun('run', definition, '--mock-config', mocks, '--test-case', 'Happy', '--json');
  assert.equal(child.status, 0, child.stderr);
  assert.equal(JSON.parse(child.stdout).output, 'done');
  assert.equal(cliRun('run', definition, '--mock-config', mocks, '--test-case', 'Nope').status, 2);
  assert.equal(cliRun('run').status, 2);
});

test('run-cases prints one JSON line per case, a rejected definition as valid:false', () => {
  const dir = path.join(work, 'cases');
  fs.mkdirSync(dir);
  file('cases/a.json', { name: 't/a', definition: { StartAt: 'P', States: { P: { Type: 'Pass', Result: 1, End: true } } }, input: {}, expected: { status: 'SUCCEEDED' } });
  file('cases/b.json', { name: 't/b', definition: { StartAt: 'P', States: {} }, validation: { valid: false } });
  const child = cliRun('run-cases', dir, '--jsonl');
  assert.equal(child.status, 0, child.stderr);
  const lines = child.stdout.trim().split('\n').map((line) => JSON.parse(line));
  assert.equal(lines.length, 2);
  assert.equal(lines[0].name, 't/a');
  assert.equal(lines[0].output, 1);
  assert.deepEqual(lines[1], { name: 't/b', valid: false, error: 'InvalidDefinition', message: "StartAt 'P' is not a state at /StartAt" });
});

test('run --start-time starts the execution at that time; a malformed one is a usage error', () => {
  const definition = file('start-time.asl.json', {
    StartAt: 'Wait', States: {
      Wait: { Type: 'Wait', Seconds: 90, Next: 'Read' },
      Read: { Type: 'Pass', Parameters: { 'started.$': '$$.Execution.StartTime', 'entered.$': '$$.State.EnteredTime' }, End: true },
    },
  });
  const child = cliRun('run', definition, '--start-time', '2024-02-29T23:59:00Z', '--json');
  assert.equal(child.status, 0, child.stderr);
  const { output, events } = JSON.parse(child.stdout);
  assert.match(output.started, /^2024-02-29T23:59:00\.\d{3}Z$/);
  assert.match(output.entered, /^2024-03-01T00:00:30\.\d{3}Z$/);
  assert.match(events[0].timestamp, /^2024-02-29T23:59:00\.\d{3}Z$/);
  const bad = cliRun('run', definition, '--start-time', 'yesterday');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /the start time 'yesterday' is not an ISO 8601 date-time/);
});

test('run-cases starts a case at its recorded startTime, so a date-relative case gives the same verdict on any date', () => {
  const definition = { StartAt: 'W', States: { W: { Type: 'Wait', TimestampPath: '$.at', End: true } } };
  // 24,856 days after the start is just over the 2^31-1 s a Wait may last; from today it would not be.
  const pinned = file('pinned.json', { name: 'pinned', definition, input: { at: '2094-12-14T16:43:35.000Z' }, startTime: '2026-11-25T16:43:35.000Z', expected: {} });
  const child = cliRun('run-cases', pinned, '--jsonl');
  assert.equal(child.status, 0, child.stderr);
  const line = JSON.parse(child.stdout);
  assert.equal(line.status, 'FAILED');
  assert.equal(line.error, 'States.Runtime');
  assert.match(line.cause, /Wait state delay is too long/);
});
