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

test('run reports an invalid definition as validate does, located, and exits 2', () => {
  const definition = file('bad.asl.json', { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } });
  const child = cliRun('run', definition);
  assert.equal(child.status, 2);
  assert.equal(child.stderr, [
    `${definition}:2:14 error MISSING_END_STATE: Workflow has no terminal state at /`,
    `${definition}:6:15 error MISSING_TRANSITION_TARGET: Missing 'Next' target: Nowhere at /States/A/Next`,
    '',
  ].join('\n'));
});

test('run gives a JSON syntax error its line and column, as validate does, instead of reading the file as YAML', () => {
  const definition = file('comma.asl.json', '{\n  "StartAt": "A",\n  "States": {"A": {"Type": "Pass", "End": true,}}\n}\n');
  const child = cliRun('run', definition);
  assert.equal(child.status, 2);
  assert.equal(child.stderr, `${definition}:3:47 error Trailing comma\n`);
});

test('run and validate both accept a definition and an input file that start with a byte order mark', () => {
  const definition = file('bom.asl.json', `\ufeff${JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } })}`);
  const input = file('bom.input.json', '\ufeff{"a": 1}');
  const child = cliRun('run', definition, '--input', input, '--json');
  assert.equal(child.status, 0, child.stderr);
  assert.deepEqual(JSON.parse(child.stdout).output, { a: 1 });
  assert.equal(cliRun('validate', definition).status, 0);
});

test('run refuses what StartExecution refuses, with AWS\'s error codes, and exits 2', () => {
  const definition = file('pass.asl.json', { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
  const refused = (...args: string[]) => {
    const child = cliRun('run', definition, ...args);
    assert.equal(child.status, 2, child.stdout);
    return child.stderr;
  };
  assert.equal(refused('--name', 'order 123'), "asl-workbench run: InvalidName: Invalid Name: 'order 123'\n");
  assert.equal(refused('--name', 'x'.repeat(81)), `asl-workbench run: ValidationException: 1 validation error detected: Value '${'x'.repeat(81)}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80\n`);
  assert.equal(refused('--input-json', '1e999'), "asl-workbench run: InvalidExecutionInput: Invalid State Machine Execution Input: 'A number is beyond the range of a double (at /)'\n");
  assert.equal(refused('--input-json', '{"a": [1,}'), "asl-workbench run: InvalidExecutionInput: Invalid State Machine Execution Input: 'Expected a value, found '}' at line 1 column 10'\n");
  const large = file('large.input.json', JSON.stringify({ text: 'x'.repeat(262_144) }));
  assert.equal(refused('--input', large), "asl-workbench run: ValidationException: 1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to 262144\n");
  assert.equal(cliRun('run', definition, '--input', large, '--no-quotas').status, 0);
  const named = cliRun('run', definition, '--name', 'order.123');
  assert.equal(named.status, 0, named.stderr);
  assert.match(named.stdout, /^Execution ARN:\s+arn:aws:states:us-east-1:123456789012:execution:pass:order\.123$/m);
});

test('run and validate refuse a definition number beyond the range of a double, located, instead of running with null', () => {
  const definition = file('infinite.asl.json', '{\n  "StartAt": "A",\n  "States": {"A": {"Type": "Pass", "Result": 1e999, "End": true}}\n}\n');
  const run = cliRun('run', definition, '--json');
  assert.equal(run.status, 2, run.stdout);
  assert.equal(run.stderr, `${definition}:3:46 error A number is beyond the range of a double\n`);
  assert.equal(cliRun('validate', definition).stdout, `${run.stderr}1 file checked: 1 error, 0 warnings.\n`);
});

test('run and validate agree on a definition nested beyond 1000 levels: both refuse it, located, without overflowing the stack', () => {
  const nested = (depth: number) => {
    let machine: object = { StartAt: 'Leaf', States: { Leaf: { Type: 'Pass', End: true } } };
    for (let i = 0; i < depth; i++) machine = { StartAt: `P${i}`, States: { [`P${i}`]: { Type: 'Parallel', Branches: [machine], End: true } } };
    return machine;
  };
  // Each Parallel level nests four JSON levels: 249 fit within 1000, 250 do not.
  const deepest = file('deepest.asl.json', JSON.stringify(nested(249)));
  assert.equal(cliRun('validate', deepest).status, 0);
  assert.equal(cliRun('run', deepest).status, 0);
  for (const depth of [250, 900]) {
    const definition = file(`deep${depth}.asl.json`, JSON.stringify(nested(depth)));
    const validate = cliRun('validate', definition);
    const run = cliRun('run', definition);
    assert.equal(validate.status, 1);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^\S+:1:\d+ error Nested more than 1000 levels deep: the document is not read further\.\n$/);
    assert.equal(validate.stdout, `${run.stderr}1 file checked: 1 error, 0 warnings.\n`);
  }
  const yaml = file('deep.asl.yaml', JSON.stringify(nested(300)));
  assert.equal(cliRun('run', yaml).status, 2);
});

test('the command line: --help on stdout, usage errors exit 2 and name what is wrong, --version', () => {
  for (const args of [['--help'], ['-h'], ['run', '--help'], ['validate', '--help'], ['run-cases', '--help']]) {
    const child = cliRun(...args);
    assert.equal(child.status, 0, args.join(' '));
    assert.match(child.stdout, /^usage: asl-workbench/, args.join(' '));
    assert.equal(child.stderr, '');
  }
  const none = cliRun();
  assert.equal(none.status, 2);
  assert.match(none.stderr, /^usage: asl-workbench <command>/);
  const unknown = cliRun('lint', 'x.json');
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /^asl-workbench: unknown command 'lint'\n\nusage:/);
  const version = cliRun('--version');
  assert.equal(version.status, 0);
  assert.equal(version.stdout, `${JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')).version}\n`);
});

test('run and run-cases refuse what AWS refuses to create, with the validator\'s message and location', () => {
  const unreachable = { StartAt: 'A', States: { A: { Type: 'Succeed' }, Orphan: { Type: 'Succeed' } } };
  const definition = file('unreachable.asl.json', unreachable);
  const child = cliRun('run', definition);
  assert.equal(child.status, 2);
  assert.equal(child.stderr, `${definition}:7:5 error MISSING_TRANSITION_TARGET: State "Orphan" is not reachable. at /States/Orphan\n`);
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
