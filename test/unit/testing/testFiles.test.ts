// Tests of state machines: the runner (expectations, located problems), the `test` command as CI
// calls it (exit codes, spec, JUnit XML read back by a JUnit parser), and coverage (lcov parsed).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readHistoryEvents } from '../../../server/src/execution/historyFiles';
import { runTestFile } from '../../../server/src/testing/runner';
import { checkExpectations, lineDiff, type Observation } from '../../../server/src/core/testing/expectations';

const cli = path.resolve(__dirname, '../../../server/src/cli/main.js');
const fixtures = path.resolve(__dirname, '../../../../test/fixtures/testing');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-tests-'));

function write(name: string, value: unknown): string {
  const target = path.join(work, name);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return target;
}

function cliTest(...args: string[]) {
  return spawnSync(process.execPath, [cli, 'test', ...args], { encoding: 'utf8', cwd: work });
}

// A suite with a pass, a failure and a file that cannot run, beside the fixture's passing suite.
const definition = {
  StartAt: 'Greet',
  States: {
    Greet: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'greet', 'Payload.$': '$' }, OutputPath: '$.Payload', Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
};
write('suite/greet.asl.json', definition);
const greetTests = write('suite/greet.asl.test.json', {
  tests: {
    'greets by name': {
      input: { name: 'Ada' },
      mocks: { Greet: { 0: { Return: { Payload: { greeting: 'Hello, Ada', at: '2024-05-01T12:00:00.000Z' } } } } },
      expect: { status: 'SUCCEEDED', output: { greeting: 'Hello, Ada', at: { $type: 'timestamp' } }, path: ['Greet', 'Done'] },
    },
    'greets in French': {
      input: { name: 'Ada' },
      mocks: { Greet: { 0: { Return: { Payload: { greeting: 'Hello, Ada' } } } } },
      expect: { output: { greeting: 'Bonjour, Ada' } },
    },
    'skipped one': { skip: true },
  },
});
const orphan = write('suite/orphan.asl.test.json', { tests: { 'never runs': { expect: { status: 'SUCCEEDED' } } } });

test('a passing suite: mocks from the MockConfigFile, retries, a catcher, matchers, the path and per-state counts', async () => {
  const result = await runTestFile({ file: path.join(fixtures, 'order.asl.test.json') });
  assert.deepEqual(result.problems, []);
  assert.deepEqual(result.tests.map((t) => [t.name, t.outcome, t.failures]), [
    ['declined card is retried, then refunded', 'passed', []],
    ['accepted card is charged', 'passed', []],
    ['a zero amount is rejected', 'passed', []],
  ]);
  assert.equal(result.definition, path.join(fixtures, 'order.asl.json'));
});

test('a failed expectation is located at its key, with expected and actual to diff', async () => {
  const result = await runTestFile({ file: greetTests });
  assert.deepEqual(result.tests.map((t) => t.outcome), ['passed', 'failed', 'skipped']);
  const [failure] = result.tests[1].failures;
  assert.equal(failure.message, 'The output differs');
  assert.deepEqual(failure.at, ['tests', 'greets in French', 'expect', 'output']);
  const text = fs.readFileSync(greetTests, 'utf8').split('\n');
  assert.match(text[failure.range.start.line].slice(failure.range.start.character), /^"output"/);
  assert.deepEqual(lineDiff(failure.expected!, failure.actual!), ['  {', '-   "greeting": "Bonjour, Ada"', '+   "greeting": "Hello, Ada"', '  }']);
});

test('failedHistories: a failed test\'s execution is written as a local run\'s history, to open in an execution view; a passing one is not', async () => {
  const histories = path.join(work, 'histories');
  const result = await runTestFile({ file: greetTests }, { failedHistories: histories });
  const [passed, failed] = result.tests;
  assert.equal(passed.execution?.history, undefined);
  const written = failed.execution?.history;
  assert.ok(written, 'the failed test has its history');
  assert.deepEqual(fs.readdirSync(histories), [written.folder]);
  assert.deepEqual(written.definition, { uri: pathToFileURL(path.join(work, 'suite/greet.asl.json')).href, text: fs.readFileSync(path.join(work, 'suite/greet.asl.json'), 'utf8') });
  assert.equal(written.stateMachineName, 'greet');
  assert.equal(written.historyError, undefined);
  assert.deepEqual([written.outcome.status, written.outcome.output], ['SUCCEEDED', { greeting: 'Hello, Ada' }]);
  const events = await readHistoryEvents(path.join(histories, written.folder));
  assert.deepEqual(events.map((event) => event.type), [
    'ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited', 'SucceedStateEntered', 'SucceedStateExited', 'ExecutionSucceeded',
  ]);
});

test('bad input: a malformed file, a missing definition, an unknown test case are located; the other tests run', async () => {
  const malformed = await runTestFile({ file: write('bad/malformed.asl.test.json', '{ "tests": { "a": { "input": } } }') });
  assert.equal(malformed.tests.length, 0);
  assert.ok(malformed.problems.length > 0);
  assert.deepEqual(malformed.problems[0].range.start, { line: 0, character: 29 });

  const missing = await runTestFile({ file: orphan });
  assert.equal(missing.tests.length, 0);
  assert.equal(missing.problems[0].message, 'The state machine orphan.asl.json does not exist (name it with "stateMachine").');

  write('cases/pay.asl.json', definition);
  write('cases/pay.mock.json', { StateMachines: { pay: { TestCases: { Ok: { Greet: 'Hi' } } } }, MockedResponses: { Hi: { 0: { Return: { Payload: 1 } } } } });
  const cases = write('cases/pay.asl.test.json', `{
  "tests": {
    "unknown case": { "testCase": "Nope" },
    "wrong key": { "expect": { "statuss": "SUCCEEDED" } },
    "known case": { "testCase": "Ok", "expect": { "output": 1 } }
  }
}`);
  const result = await runTestFile({ file: cases });
  assert.deepEqual(result.problems, []);
  assert.deepEqual(result.tests.map((t) => t.outcome), ['failed', 'failed', 'passed']);
  assert.equal(result.tests[0].failures[0].message, "The state machine 'pay' has no test case 'Nope' (it has: Ok)");
  assert.deepEqual(result.tests[0].failures[0].range.start, { line: 2, character: 22 });
  assert.match(result.tests[1].failures[0].message, /statuss/);
  assert.equal(result.tests[1].failures[0].range.start.line, 3);
});

test('"stateMachine": "template.yaml#Id" tests a machine inside a template; its MockConfigFile entry is the id; a wrong id is located', async () => {
  write('sam/template.yaml', `Transform: AWS::Serverless-2016-10-31
Resources:
  Greeter:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition:
        StartAt: Greet
        States:
          Greet: { Type: Task, Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: greet }, OutputPath: $.Payload, End: true }
  Echo:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition:
        StartAt: Same
        States:
          Same: { Type: Pass, End: true }
`);
  write('sam/machines.mock.json', { StateMachines: { Greeter: { TestCases: { Hi: { Greet: 'Hello' } } } }, MockedResponses: { Hello: { 0: { Return: { Payload: 'hello' } } } } });
  const tests = write('sam/machines.asl.test.json', {
    stateMachine: 'template.yaml#Greeter',
    mockConfig: 'machines.mock.json',
    tests: { 'greets from the template': { testCase: 'Hi', expect: { status: 'SUCCEEDED', output: 'hello', path: ['Greet'] } } },
  });
  const result = await runTestFile({ file: tests }, { coverage: true });
  assert.deepEqual(result.problems, []);
  assert.equal(result.definition, path.join(work, 'sam/template.yaml'));
  assert.deepEqual(result.coverage?.lines.states, { Greet: 9 }, 'coverage is on the template\'s lines');
  assert.deepEqual(result.tests.map((t) => [t.outcome, t.failures]), [['passed', []]]);

  const echo = await runTestFile({ file: write('sam/echo.asl.test.json', { stateMachine: 'template.yaml#Echo', tests: { echoes: { input: { a: 1 }, expect: { output: { a: 1 } } } } }) });
  assert.deepEqual(echo.tests.map((t) => t.outcome), ['passed']);

  const wrong = await runTestFile({ file: write('sam/wrong.asl.test.json', { stateMachine: 'template.yaml#Nope', tests: { never: {} } }) });
  assert.equal(wrong.tests.length, 0);
  assert.equal(wrong.problems[0].message, `${path.join(work, 'sam/template.yaml')} has no state machine Nope (it has Greeter, Echo)`);
  assert.equal(wrong.problems[0].range.start.line, 1);
});

test('snapshots: recorded by --update-snapshots into the test file (JSON and YAML, the rest as written, matchers kept), then checked', async () => {
  write('snap/greet.asl.json', definition);
  const mocks = (greeting: string) => ({ Greet: { 0: { Return: { Payload: { greeting, id: '6f1c2b9e-0d4a-4c55-9a4e-2b7f0e3c1a10' } } } } });
  const file = write('snap/greet.asl.test.json', `{
    "tests": {
        "greets": {
            "input": {"name": "Ada"},
            "mocks": ${JSON.stringify(mocks('Hello, Ada'))},
            "expect": {
                "snapshot": true
            }
        },
        "untouched": {"mocks": ${JSON.stringify(mocks('Hi'))}, "expect": {"status": "SUCCEEDED"}}
    }
}
`);
  const unrecorded = await runTestFile({ file });
  assert.deepEqual(unrecorded.tests[0].failures.map((f) => [f.message, f.at]), [['The snapshot is not recorded yet: run the tests with --update-snapshots', ['tests', 'greets', 'expect', 'snapshot']]]);

  const updated = await runTestFile({ file }, { updateSnapshots: true });
  assert.deepEqual([updated.tests.map((t) => t.outcome), updated.snapshotsWritten], [['passed', 'passed'], 1]);
  const written = fs.readFileSync(file, 'utf8');
  assert.deepEqual(JSON.parse(written).tests.greets.expect.snapshot, { status: 'SUCCEEDED', output: { greeting: 'Hello, Ada', id: '6f1c2b9e-0d4a-4c55-9a4e-2b7f0e3c1a10' }, path: ['Greet', 'Done'] });
  assert.match(written, /^ {8}"untouched": \{"mocks": /m, 'the other lines are as written');
  assert.match(written, /^ {16}"snapshot": \{$/m, 'the snapshot in the file\'s indentation');
  assert.deepEqual((await runTestFile({ file })).tests.map((t) => t.outcome), ['passed', 'passed']);

  // A matcher put in the recorded snapshot stays through an update; a change of outcome fails with its diff.
  const withMatcher = JSON.parse(written);
  withMatcher.tests.greets.expect.snapshot.output.id = { $type: 'uuid' };
  withMatcher.tests.greets.mocks = mocks('Bonjour, Ada');
  fs.writeFileSync(file, JSON.stringify(withMatcher, null, 2));
  const changed = await runTestFile({ file });
  assert.equal(changed.tests[0].failures[0].message, 'The snapshot differs');
  assert.deepEqual(lineDiff(changed.tests[0].failures[0].expected!, changed.tests[0].failures[0].actual!).filter((line) => /^[-+]/.test(line)), ['-     "greeting": "Hello, Ada",', '+     "greeting": "Bonjour, Ada",']);
  await runTestFile({ file }, { updateSnapshots: true });
  assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')).tests.greets.expect.snapshot.output, { greeting: 'Bonjour, Ada', id: { $type: 'uuid' } });

  write('snap/yaml.asl.json', definition);
  const yamlFile = write('snap/yaml.asl.test.yaml', `# greeting tests
tests:
  greets:
    mocks: ${JSON.stringify(mocks('Hey'))}
    expect:
      snapshot: true # record me
`);
  const cli = cliTest('snap/yaml.asl.test.yaml', '--update-snapshots');
  assert.equal(cli.status, 0, cli.stdout + cli.stderr);
  assert.match(cli.stdout, /^ {2}1 snapshot written$/m);
  const yamlText = fs.readFileSync(yamlFile, 'utf8');
  assert.match(yamlText, /^# greeting tests\n/);
  assert.match(yamlText, /^ {6}snapshot:\n {8}status: SUCCEEDED\n/m);
  assert.equal(cliTest('snap/yaml.asl.test.yaml').status, 0);
});

test('matchers, a partial output, per-state expectations', () => {
  const observed: Observation = {
    status: 'SUCCEEDED', output: { id: '3fd7cded-03d1-4c90-923a-319a53ab4e6e', items: [{ n: 1, extra: true }], total: 1 }, path: ['A'],
    states: { A: { entered: 1, calls: 3, retries: 2, input: {}, output: {} } },
  };
  const check = (expect: Parameters<typeof checkExpectations>[0]) => checkExpectations(expect, observed, ['tests', 't']).map((f) => f.message);
  assert.deepEqual(check({ output: { id: { $type: 'uuid' }, items: [{ n: 1, extra: { $any: true } }], total: { $type: 'integer' } } }), []);
  assert.deepEqual(check({ outputContains: { items: [{ n: 1 }] } }), []);
  assert.deepEqual(check({ outputContains: { items: [{ n: 2 }] } }), ['The output does not contain what is expected']);
  assert.deepEqual(check({ output: { id: { $match: '^x' } } }), ['The output differs']);
  assert.deepEqual(check({ states: { A: { calls: 3, retries: 2 }, B: { entered: 0 } } }), []);
  assert.deepEqual(check({ states: { A: { calls: 1 }, B: { input: {} } } }), ["The calls of the state 'A' differs", "The state 'B' was never entered"]);
  assert.deepEqual(checkExpectations({ status: 'SUCCEEDED' }, { ...observed, status: 'FAILED', error: 'Oops', cause: 'because' }, ['tests', 't']).map((f) => f.message), ['The status differs (Oops: because)']);
});

test('test: spec marks and diff, "N passed, N failed, N skipped", exit 1; --grep; exit 0', () => {
  const child = cliTest('suite');
  assert.equal(child.status, 1, child.stderr);
  assert.match(child.stdout, /^ {2}✓ greets by name$/m);
  assert.match(child.stdout, /^ {2}✗ greets in French$/m);
  assert.match(child.stdout, /^ {6}suite\/greet\.asl\.test\.json:\d+:\d+ The output differs$/m);
  assert.match(child.stdout, /^ {6}- {3}"greeting": "Bonjour, Ada"$/m);
  assert.match(child.stdout, /^ {6}\+ {3}"greeting": "Hello, Ada"$/m);
  assert.match(child.stdout, /^ {2}✗ suite\/orphan\.asl\.test\.json:1:1 The state machine orphan\.asl\.json does not exist/m);
  assert.match(child.stdout, /\n1 passed, 2 failed, 1 skipped\n$/);
  const grep = cliTest('suite/greet.asl.test.json', '--grep', 'by name');
  assert.equal(grep.status, 0, grep.stdout);
  assert.match(grep.stdout, /\n1 passed, 0 failed\n$/);
});

test('test: usage errors exit 2', () => {
  assert.equal(cliTest('--reporter', 'tap').status, 2);
  assert.equal(cliTest('no-such-folder').status, 2);
  assert.equal(cliTest(path.join(work, 'suite/greet.asl.json')).status, 2);
  assert.equal(cliTest('--coverage-threshold', 'lots').status, 2);
});

interface JUnitDetails { message?: string; inner?: string }
/** What junit2json gives (its types are ESM-only). */
interface JUnitSuites {
  tests?: number;
  failures?: number;
  testsuite?: { name?: string; errors?: number; testcase?: { name?: string; failure?: JUnitDetails[]; error?: JUnitDetails[]; skipped?: unknown[] }[] }[];
}

test('test --reporter junit: a JUnit parser reads a testsuite per file, a testcase per test, the failure with its diff', async () => {
  const child = cliTest('suite', '--reporter', 'junit', '--output', 'reports/junit.xml');
  assert.equal(child.status, 1, child.stderr);
  assert.equal(child.stdout, '');
  const { parse } = await import('junit2json');
  const report = await parse(fs.readFileSync(path.join(work, 'reports/junit.xml'), 'utf8')) as JUnitSuites;
  assert.equal(report.tests, 4);
  assert.equal(report.failures, 2);
  const [greet, orphanSuite] = report.testsuite!;
  assert.equal(greet.name, 'suite/greet.asl.test.json');
  assert.deepEqual(greet.testcase!.map((c) => c.name), ['greets by name', 'greets in French', 'skipped one']);
  assert.equal(greet.testcase![1].failure![0].message, 'The output differs');
  assert.match(greet.testcase![1].failure![0].inner!, /- {3}"greeting": "Bonjour, Ada"\n\+ {3}"greeting": "Hello, Ada"/);
  assert.ok(greet.testcase![2].skipped);
  assert.equal(orphanSuite.errors, 1);
  assert.match(orphanSuite.testcase![0].error![0].message!, /does not exist/);
});

test('test --coverage: lcov.info with a line per state at its name, a branch per rule, Default, Retrier and Catcher; threshold', () => {
  const folder = write('coverage/order.asl.test.json', JSON.stringify({
    stateMachine: path.join(fixtures, 'order.asl.json'),
    mockConfig: path.join(fixtures, 'order.mock.json'),
    tests: { 'accepted': { input: { amount: 10 }, testCase: 'CardAccepted', expect: { status: 'SUCCEEDED' } } },
  }));
  const child = cliTest(folder, '--coverage', '--coverage-dir', 'cov', '--coverage-threshold', '50');
  assert.equal(child.status, 1, child.stdout + child.stderr);
  assert.match(child.stdout, /^Coverage: states 3\/5 \(60\.0%\), transitions 2\/4 \(50\.0%\), branches 1\/4 \(25\.0%\) \(cov\/lcov\.info\)$/m);
  assert.match(child.stdout, /^Coverage under the threshold of 50%: branches$/m);
  const lcov = fs.readFileSync(path.join(work, 'cov/lcov.info'), 'utf8');
  const records = lcov.split('end_of_record\n').filter(Boolean);
  assert.equal(records.length, 1);
  const fields = (tag: string) => records[0].split('\n').filter((line) => line.startsWith(`${tag}:`)).map((line) => line.slice(tag.length + 1).split(','));
  assert.match(fields('SF')[0][0], /order\.asl\.json$/);
  const lines = fs.readFileSync(path.join(fixtures, 'order.asl.json'), 'utf8').split('\n');
  const lineOf = (name: string) => lines.findIndex((line) => line.startsWith(`    "${name}": {`)) + 1;
  assert.deepEqual(fields('DA'), [['Validate', 1], ['Charge card', 1], ['Refund', 0], ['Rejected', 0], ['Done', 1]].map(([name, hits]) => [String(lineOf(name as string)), String(hits)]));
  // The rule taken, the Default not; the Retrier and Catcher of a state entered but never failing: 0.
  assert.deepEqual(fields('BRDA').map(([, block, branch, taken]) => [block, branch, taken]), [['0', '0', '1'], ['0', '1', '0'], ['1', '0', '0'], ['1', '1', '0']]);
  assert.deepEqual([fields('BRF')[0][0], fields('BRH')[0][0], fields('LF')[0][0], fields('LH')[0][0]], ['4', '1', '5', '3']);
});

test('import-execution: an AWS execution history becomes a test that replays it offline, and passes', () => {
  fs.copyFileSync(path.join(fixtures, 'order.asl.json'), path.join(work, 'order.asl.json'));
  const imported = spawnSync(process.execPath, [cli, 'import-execution', path.join(fixtures, 'order-declined.history.json'),
    '--state-machine', 'order.asl.json', '--describe', path.join(fixtures, 'order-declined.describe.json')], { encoding: 'utf8', cwd: work });
  assert.equal(imported.status, 0, imported.stderr);
  assert.equal(imported.stdout, "Added the test 'order-8842' to order.asl.test.json\n");
  const written = JSON.parse(fs.readFileSync(path.join(work, 'order.asl.test.json'), 'utf8'));
  const declined = { Throw: { Error: 'CardDeclined', Cause: '{"errorMessage":"Insufficient funds","errorType":"CardDeclined"}' } };
  assert.deepEqual(written, {
    stateMachine: 'order.asl.json',
    tests: {
      'order-8842': {
        input: { amount: 42 }, startTime: '2024-05-01T12:00:00.120Z', executionName: 'order-8842',
        mocks: { 'Charge card': { 0: declined, 1: declined } },
        expect: { status: 'SUCCEEDED', output: { refunded: true, orderId: 'order-8842' }, path: ['Validate', 'Charge card', 'Refund'] },
      },
    },
  });
  // A second import adds a test beside the first, under a name of its own.
  assert.equal(spawnSync(process.execPath, [cli, 'import-execution', path.join(fixtures, 'order-declined.history.json'), '--state-machine', 'order.asl.json',
    '--describe', path.join(fixtures, 'order-declined.describe.json')], { encoding: 'utf8', cwd: work }).stdout, "Added the test 'order-8842 (2)' to order.asl.test.json\n");
  const run = cliTest('order.asl.test.json');
  assert.equal(run.status, 0, run.stdout);
  assert.match(run.stdout, /\n2 passed, 0 failed\n$/);
  const notHistory = spawnSync(process.execPath, [cli, 'import-execution', path.join(fixtures, 'order.mock.json'), '--state-machine', 'order.asl.json'], { encoding: 'utf8', cwd: work });
  assert.equal(notHistory.status, 2);
  assert.match(notHistory.stderr, /This is not an execution history/);
});
