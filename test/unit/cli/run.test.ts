// The `run` and `run-cases` commands as users call them: whole processes, exit codes, output.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
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

test('run prints the console view of a 240,006-event history (a Map of 60,000 items, quotas lifted): its table is not built from one call with an argument per event', () => {
  const definition = file('wide.asl.json', {
    StartAt: 'Map',
    States: { Map: { Type: 'Map', ItemProcessor: { StartAt: 'Item', States: { Item: { Type: 'Pass', End: true } } }, End: true } },
  });
  const input = file('wide.input.json', Array.from({ length: 60_000 }, (_, n) => n));
  const child = spawnSync(process.execPath, [cli, 'run', definition, '--input', input, '--no-quotas'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(child.status, 0, child.stderr);
  assert.match(child.stdout, /^Events \(240006\)$/m);
  assert.match(child.stdout, /^240006\s+ExecutionSucceeded/m);
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

test('run places each error where validate places it, line and column, JSON and YAML', () => {
  const definitions = [
    file('orphan.asl.json', { StartAt: 'A', States: { A: { Type: 'Succeed' }, Orphan: { Type: 'Succeed' } } }),
    file('both.asl.json', { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B', End: true }, B: { Type: 'Succeed' } } }),
    file('choice.asl.json', { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.x', NumericEquals: 'one', Next: 'D' }] }, D: { Type: 'Succeed' } } }),
    file('orphan.asl.yaml', 'StartAt: A\nStates:\n  A:\n    Type: Succeed\n  Orphan:\n    Type: Succeed\n'),
  ];
  for (const definition of definitions) {
    const validated = cliRun('validate', definition).stdout.split('\n').filter((line) => line.includes(' error '));
    const run = cliRun('run', definition);
    assert.equal(run.status, 2, definition);
    assert.ok(validated.length > 0, definition);
    assert.deepEqual(run.stderr.trim().split('\n'), validated);
  }
});

test('run-cases refuses a definition with the message run prints: the validator\'s, before the interpreter\'s', () => {
  const definition = { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } };
  const run = cliRun('run', file('nowhere.asl.json', definition));
  const line = JSON.parse(cliRun('run-cases', file('nowhere.json', { name: 'nowhere', definition, input: {} }), '--jsonl').stdout);
  assert.equal(line.valid, false);
  assert.equal(line.message, "MISSING_TRANSITION_TARGET: Missing 'Next' target: Nowhere at /States/A/Next");
  assert.ok(run.stderr.endsWith(` error ${line.message}\n`), run.stderr);
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
  assert.deepEqual(lines[1], { name: 't/b', valid: false, error: 'InvalidDefinition', message: "MISSING_TRANSITION_TARGET: Missing 'StartAt' target: P at /StartAt" });
});

// Nothing an expression or a handler does takes the CLI down or hangs it: the execution runs in a process
// of its own; the run ends FAILED (or ABORTED on Ctrl-C) and names the state.

test('run: an expression that exhausts memory ends the run FAILED naming the state; the CLI survives', () => {
  const definition = file('oom.asl.json', { QueryLanguage: 'JSONata', StartAt: 'Big', States: { Big: { Type: 'Pass', Output: "{% $length($pad('x', 500000000)) %}", End: true } } });
  // A small heap, inherited by the execution's process, runs out quickly.
  const child = spawnSync(process.execPath, [cli, 'run', definition, '--json'], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=64' }, timeout: 60_000 });
  assert.equal(child.signal, null, child.stderr.slice(-500));
  assert.equal(child.status, 1);
  const result = JSON.parse(child.stdout);
  assert.deepEqual([result.status, result.error], ['FAILED', 'States.Runtime']);
  assert.match(result.cause, /^An error occurred while executing the state 'Big' \(entered at the event id #2\)\. The JSONata expression '\$length\(\$pad\('x', 500000000\)\)' specified for the field 'Output' ran out of memory \(.*heap out of memory.*\); the execution was ended\.$/);
  assert.deepEqual(result.events.map((event: { type: string }) => event.type), ['ExecutionStarted', 'PassStateEntered', 'ExecutionFailed']);
});

test('run: a regular expression that backtracks catastrophically is ended by the watchdog: FAILED naming the state, on the virtual clock', () => {
  const definition = file('regex.asl.json', {
    QueryLanguage: 'JSONata', StartAt: 'A year',
    // A back reference keeps V8 backtracking: its linear engine (core/linearRegex) ends any other pattern.
    States: { 'A year': { Type: 'Wait', Seconds: 31536000, Next: 'Match' }, Match: { Type: 'Pass', Output: `{% $match('${'a'.repeat(40)}!', /(a+)+\\1$/) %}`, End: true } },
  });
  const child = spawnSync(process.execPath, [cli, 'run', definition, '--json'], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(child.signal, null, 'the run ended on its own');
  assert.equal(child.status, 1);
  const result = JSON.parse(child.stdout);
  assert.deepEqual([result.status, result.error], ['FAILED', 'States.Runtime']);
  assert.equal(result.cause, `An error occurred while executing the state 'Match' (entered at the event id #4). The JSONata expression '$match('${'a'.repeat(40)}!', /(a+)+\\1$/)' specified for the field 'Output' ` +
    "kept the execution's thread busy for more than 10 seconds without a pause (a regular expression that backtracks catastrophically, say); the execution was ended.");
  assert.deepEqual(result.events.map((event: { type: string }) => event.type), ['ExecutionStarted', 'WaitStateEntered', 'WaitStateExited', 'PassStateEntered', 'ExecutionFailed']);
  assert.deepEqual(result.events[4].executionFailedEventDetails, { error: 'States.Runtime', cause: result.cause });
  // The failure comes after the year the Wait skipped, on the same clock.
  assert.ok(Date.parse(result.events[4].timestamp) >= Date.parse(result.events[3].timestamp), JSON.stringify(result.events.map((event: { timestamp: string }) => event.timestamp)));
  assert.equal(result.events[4].previousEventId, 4);
});

test('run: a handler whose promise never settles fails its task with States.Timeout after --handler-timeout', () => {
  file('never.js', 'exports.handler = () => new Promise(() => {});');
  const handlers = file('never-handlers.json', { never: 'never.js' });
  const definition = file('never.asl.json', { StartAt: 'Call', States: { Call: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:never', End: true } } });
  const child = spawnSync(process.execPath, [cli, 'run', definition, '--handlers', handlers, '--handler-timeout', '1', '--json'], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(child.status, 1, child.stderr);
  const result = JSON.parse(child.stdout);
  assert.deepEqual([result.status, result.error], ['FAILED', 'States.Timeout']);
  assert.match(result.cause, /^The local handler of the state 'Call' did not answer within 1 s /);
  assert.deepEqual(result.events.map((event: { type: string }) => event.type).slice(-2), ['LambdaFunctionTimedOut', 'ExecutionFailed']);
  assert.equal(cliRun('run', definition, '--handlers', handlers, '--handler-timeout', 'soon').status, 2);
});

test('run: an execution left with nothing to run (a handler never settling, no timeout left) fails, never exits 0', () => {
  const handlers = file('never-handlers.json', { never: 'never.js' });
  const definition = file('never.asl.json', { StartAt: 'Call', States: { Call: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:never', End: true } } });
  // A handler timeout beyond what a timer can wait: nothing keeps the execution's event loop alive.
  const child = spawnSync(process.execPath, [cli, 'run', definition, '--handlers', handlers, '--handler-timeout', '99999999', '--json'], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(child.status, 1, child.stderr);
  const result = JSON.parse(child.stdout);
  assert.deepEqual([result.status, result.error], ['FAILED', 'States.Runtime']);
  assert.equal(result.cause, `An error occurred while executing the state 'Call' (entered at the event id #2). The local handler ${path.join(work, 'never.js')} ` +
    'was unfinished when nothing was left to run (a promise that never settles?); the execution was ended.');
});

test('run-cases reports a case that exhausts memory crashed, naming the state, and runs the cases after it', () => {
  const dir = path.join(work, 'oom-cases');
  fs.mkdirSync(dir);
  file('oom-cases/a.json', { name: 't/oom', definition: { QueryLanguage: 'JSONata', StartAt: 'Big', States: { Big: { Type: 'Pass', Output: "{% $length($pad('x', 500000000)) %}", End: true } } }, input: {}, expected: { status: 'SUCCEEDED' } });
  file('oom-cases/b.json', { name: 't/after', definition: { StartAt: 'P', States: { P: { Type: 'Pass', Result: 1, End: true } } }, input: {}, expected: { status: 'SUCCEEDED' } });
  const child = spawnSync(process.execPath, [cli, 'run-cases', dir, '--jsonl'], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=64' }, timeout: 60_000 });
  assert.equal(child.status, 0, child.stderr.slice(-500));
  const lines = child.stdout.trim().split('\n').map((line) => JSON.parse(line));
  assert.deepEqual(lines.map((line) => [line.name, line.crashed ?? line.status]), [['t/oom', true], ['t/after', 'SUCCEEDED']]);
  assert.match(lines[0].message, /^An error occurred while executing the state 'Big' \(entered at the event id #2\)\. The JSONata expression .* ran out of memory/);
});

test('run: Ctrl-C stops the execution, which the CLI prints as ABORTED, and exits 1', async () => {
  file('started.js', "exports.handler = () => { process.stderr.write('handler started\\n'); return new Promise(() => {}); };");
  const handlers = file('started-handlers.json', { started: 'started.js' });
  const definition = file('interrupted.asl.json', { StartAt: 'Call', States: { Call: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:started', End: true } } });
  const child = spawn(process.execPath, [cli, 'run', definition, '--handlers', handlers, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
  // Interrupted once the handler runs (the execution is under way).
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { if (chunk.includes('handler started')) child.kill('SIGINT'); });
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
  assert.deepEqual([code, signal], [1, null]);
  const result = JSON.parse(stdout);
  assert.equal(result.status, 'ABORTED');
  assert.deepEqual(result.events.map((event: { type: string }) => event.type), ['ExecutionStarted', 'TaskStateEntered', 'LambdaFunctionScheduled', 'LambdaFunctionStarted', 'ExecutionAborted']);
});

test('run --json writes the events as they come, the outcome after them: a long history is out before the execution ends', async () => {
  const release = path.join(work, 'release-streamed');
  file('streamed.js', `exports.handler = () => new Promise((resolve) => { const poll = setInterval(() => { if (require('fs').existsSync(${JSON.stringify(release)})) { clearInterval(poll); resolve('done'); } }, 20); });`);
  const handlers = file('streamed-handlers.json', { streamed: 'streamed.js' });
  const definition = file('streamed.asl.json', {
    StartAt: 'Map',
    States: {
      Map: { Type: 'Map', ItemProcessor: { StartAt: 'Item', States: { Item: { Type: 'Pass', End: true } } }, ResultPath: null, Next: 'Call' },
      Call: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:streamed', End: true },
    },
  });
  // 6,000 iterations: 24,000 events, several megabytes of JSON, recorded before the Task that waits.
  const input = file('streamed.input.json', Array.from({ length: 6000 }, (_, n) => ({ n })));
  const child = spawn(process.execPath, [cli, 'run', definition, '--input', input, '--handlers', handlers, '--no-quotas', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    // The Task waits until released: what is printed by then was printed while the execution ran.
    if (!stdout) {
      assert.ok(!fs.existsSync(release));
      assert.match(chunk, /^\{"events":\[\{"id":1,"previousEventId":0,/);
      fs.writeFileSync(release, '');
    }
    stdout += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0, stderr);
  assert.ok(fs.existsSync(release), 'released by the output');
  const result = JSON.parse(stdout);
  assert.deepEqual(Object.keys(result), ['events', 'status', 'output']);
  assert.equal(result.status, 'SUCCEEDED');
  assert.equal(result.output, 'done');
  assert.equal(result.events.length, 24_011);
  assert.deepEqual(result.events.map((event: { id: number }) => event.id), Array.from({ length: 24_011 }, (_, i) => i + 1));
  assert.equal(result.events.at(-1).type, 'ExecutionSucceeded');
});

test('run --json prints its whole output through a pipe another process turns non-blocking, the reader slow', async () => {
  // The CLI shares its parent's standard output, which the parent's Node stream makes non-blocking once the
  // CLI runs: a full pipe then refuses a write (EAGAIN) instead of waiting.
  const parent = file('non-blocking-parent.js', [
    "const child = require('node:child_process').spawn(process.execPath, process.argv.slice(2), { stdio: 'inherit' });",
    'process.stdout.write("");',
    'child.on("exit", (code) => { process.exitCode = code; });',
  ].join('\n'));
  const definition = file('printed.asl.json', { StartAt: 'Map', States: { Map: { Type: 'Map', ItemProcessor: { StartAt: 'Item', States: { Item: { Type: 'Pass', End: true } } }, End: true } } });
  const input = file('printed.input.json', Array.from({ length: 3000 }, (_, n) => ({ n })));
  const child = spawn(process.execPath, [parent, cli, 'run', definition, '--input', input, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  // Not read for a while: the pipe fills, and the CLI's writes meet it full.
  child.stdout.pause();
  await new Promise((resolve) => setTimeout(resolve, 500));
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk)).resume();
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0, stderr);
  const result = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  assert.equal(result.status, 'SUCCEEDED');
  assert.equal(result.events.length, 12_006);
  assert.deepEqual(result.output, Array.from({ length: 3000 }, (_, n) => ({ n })));
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

test('run --type EXPRESS runs as StartSyncExecution: an express execution ARN, its context object without RedriveCount', () => {
  const definition = file('express.asl.json', { StartAt: 'Context', States: { Context: { Type: 'Pass', Parameters: { 'execution.$': '$$.Execution' }, End: true } } });
  const child = cliRun('run', definition, '--type', 'express', '--name', 'sync-run', '--json');
  assert.equal(child.status, 0, child.stderr);
  const { execution } = JSON.parse(child.stdout).output;
  assert.match(execution.Id, /^arn:aws:states:[a-z0-9-]+:\d{12}:express:express:sync-run:[0-9a-f-]{36}$/);
  assert.equal(execution.Name, 'sync-run');
  assert.deepEqual(Object.keys(execution).sort(), ['Id', 'Input', 'Name', 'RoleArn', 'StartTime']);
  const standard = JSON.parse(cliRun('run', definition, '--json').stdout).output.execution;
  assert.equal(standard.RedriveCount, 0);
  assert.match(standard.Id, /:execution:express:/);
});

test('run --type EXPRESS refuses what EXPRESS workflows cannot run, with AWS words, and times out after five minutes', () => {
  const callback = file('callback.asl.json', { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl: 'q', MessageBody: { 'Token.$': '$$.Task.Token' } }, End: true } } });
  const refused = cliRun('run', callback, '--type', 'EXPRESS');
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /Express state machine does not support '\.waitForTaskToken' service integration/);
  const activity = file('activity.asl.json', { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:us-east-1:123456789012:activity:work', End: true } } });
  assert.match(cliRun('run', activity, '--type', 'EXPRESS').stderr, /Express state machine does not support Activities/);
  const long = file('long.asl.json', { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 301, End: true } } });
  const timedOut = JSON.parse(cliRun('run', long, '--type', 'EXPRESS', '--json').stdout);
  assert.equal(timedOut.status, 'TIMED_OUT');
  assert.equal(timedOut.error, 'States.Timeout');
  assert.equal(JSON.parse(cliRun('run', long, '--json').stdout).status, 'SUCCEEDED');
  assert.match(cliRun('run', long, '--type', 'fast').stderr, /--type is STANDARD or EXPRESS, not fast/);
});

test('run-cases --type EXPRESS creates and starts its cases as EXPRESS; an unknown type is a usage error', () => {
  const folder = fs.mkdtempSync(path.join(work, 'express-cases-'));
  fs.writeFileSync(path.join(folder, 'context.json'), JSON.stringify({
    name: 'context', definition: { StartAt: 'C', States: { C: { Type: 'Pass', Parameters: { 'id.$': '$$.Execution.Id' }, End: true } } }, input: {}, expected: { status: 'SUCCEEDED' },
  }));
  fs.writeFileSync(path.join(folder, 'callback.json'), JSON.stringify({
    name: 'callback', definition: { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', End: true } } }, validation: { valid: false },
  }));
  const lines = cliRun('run-cases', folder, '--jsonl', '--type', 'EXPRESS').stdout.trim().split('\n').map((line) => JSON.parse(line));
  assert.equal(lines.find((line) => line.name === 'callback').valid, false);
  assert.match(lines.find((line) => line.name === 'context').output.id, /:express:Case:/);
  const unknown = cliRun('run-cases', folder, '--type', 'SLOW');
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /--type is STANDARD or EXPRESS, not SLOW/);
});

test('run <template> --state-machine runs that machine, its placeholders filled, its Tasks served by the mock config under its id', () => {
  const template = file('template.yaml', [
    'Transform: AWS::Serverless-2016-10-31',
    'Resources:',
    '  Charge:',
    '    Type: AWS::Serverless::Function',
    '    Properties: { FunctionName: charge }',
    '  Checkout:',
    '    Type: AWS::Serverless::StateMachine',
    '    Properties:',
    '      DefinitionSubstitutions: { ChargeArn: !GetAtt Charge.Arn }',
    '      Definition:',
    '        StartAt: Pay',
    '        States:',
    '          Pay: { Type: Task, Resource: "${ChargeArn}", ResultPath: $.payment, End: true }',
    '  Other:',
    '    Type: AWS::Serverless::StateMachine',
    '    Properties:',
    '      Definition: { StartAt: A, States: { A: { Type: Pass, End: true } } }',
    '',
  ].join('\n'));
  const mocks = file('template.mock.json', {
    StateMachines: { Checkout: { TestCases: { Paid: { Pay: 'Approved' } } } },
    MockedResponses: { Approved: { '0': { Return: { approved: true } } } },
  });
  const child = cliRun('run', template, '--state-machine', 'Checkout', '--mock-config', mocks, '--test-case', 'Paid', '--input-json', '{"cart": 3}', '--json');
  assert.equal(child.status, 0, child.stderr);
  const result = JSON.parse(child.stdout) as { status: string; output: unknown };
  assert.equal(result.status, 'SUCCEEDED');
  assert.deepEqual(result.output, { cart: 3, payment: { approved: true } });
  const unnamed = cliRun('run', template);
  assert.equal(unnamed.status, 2);
  assert.match(unnamed.stderr, /holds 2 state machines: name one with --state-machine \(Checkout, Other\)/);
});
