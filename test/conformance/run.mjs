// Runs the conformance corpus (cases recorded against real AWS) and the cases taken from the AWS
// documentation (test/conformance/docs) through `asl-workbench run-cases` and compares with the corpus
// README's rules. Prints per-topic counts and one strict pass count per suite; fails when a count drops
// below its baseline (test/conformance/baseline.json, test/conformance/docs-baseline.json).
//   node test/conformance/run.mjs [--corpus DIR] [--suite corpus|docs] [--topic NAME] [--show-failures] [--write-baseline]
//     [--through-server]   through the Step Functions API of `serve` and the AWS SDK instead (see throughServer.mjs)
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runThroughServer } from './throughServer.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const args = process.argv.slice(2);
const option = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
// The corpus lies beside the repository (`../shared`), as CI lays it out.
const corpus = option('--corpus') ?? process.env.ASL_CONFORMANCE_DIR ?? path.resolve(root, '../shared/conformance/localstack');
const topicFilter = option('--topic');
const showFailures = args.includes('--show-failures');
const suites = [
  { name: 'corpus', label: 'strict pass', dir: corpus, baselineFile: path.join(here, 'baseline.json') },
  { name: 'docs', label: 'docs strict pass', dir: path.join(here, 'docs'), baselineFile: path.join(here, 'docs-baseline.json') },
].filter((suite) => !option('--suite') || suite.name === option('--suite'));

function loadCases(corpus) {
  const cases = new Map();
  for (const topic of fs.readdirSync(corpus).sort()) {
    if (topicFilter && topic !== topicFilter) continue;
    const dir = path.join(corpus, topic);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir).sort()) {
      if (!file.endsWith('.json')) continue;
      const testCase = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
      cases.set(testCase.name, { topic, file: path.join(dir, file), testCase });
    }
  }
  return cases;
}

// Case files carry no state machine type: the corpus records EXPRESS ones under `express/`
// (StartSyncExecution) and in the ValidateStateMachineDefinition tests of type EXPRESS.
const isExpress = (name) => name.startsWith('express/') || name.includes('_type_express_');

function runCli(targets, type = 'STANDARD') {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'dist/cli.js'), 'run-cases', ...targets, '--jsonl', '--type', type], { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines = [];
    let buffer = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        lines.push(buffer.slice(0, newline));
        buffer = buffer.slice(newline + 1);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(lines) : reject(new Error(`run-cases exited with ${code}`))));
  });
}

// ---- comparison (the corpus README, "How a runner must compare")

const unescapePointer = (part) => part.replace(/~1/g, '/').replace(/~0/g, '~');

function removePointer(value, pointer) {
  if (pointer === '') return { present: value !== undefined, value: undefined };
  const parts = pointer.split('/').slice(1).map(unescapePointer);
  let node = value;
  for (let i = 0; i < parts.length - 1; i++) {
    if (node === null || typeof node !== 'object') return { present: false, value };
    node = node[parts[i]];
  }
  const last = parts[parts.length - 1];
  if (node === null || typeof node !== 'object' || !(last in node)) return { present: false, value };
  delete node[last];
  return { present: true, value };
}

function deepEqual(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((key) => Object.prototype.hasOwnProperty.call(b, key) && deepEqual(a[key], b[key]));
}

function equalIgnoring(actual, expected, pointers = []) {
  let a = structuredClone(actual);
  let e = structuredClone(expected);
  for (const pointer of pointers) {
    const ra = removePointer(a, pointer);
    const re = removePointer(e, pointer);
    if (ra.present !== re.present) return false;
    a = ra.value;
    e = re.value;
  }
  return deepEqual(a, e);
}

// LocalStack passed the histories of these tests through its SfnNoneRecursiveParallelTransformer
// (localstack-core/localstack/testing/pytest/stepfunctions/utils.py) before recording them. Its slice
// assignment drops the event before each ParallelStateExited (the ParallelStateSucceeded, and in a nested
// Parallel more): AWS's recorded event ids skip those events (test/conformance/decisions.md). Our history
// is passed through the same transformation before it is compared with theirs.
const RECORDED_THROUGH_PARALLEL_TRANSFORMER = [
  'TestBaseScenarios::test_parallel_state[',
  'TestBaseScenarios::test_parallel_state_order ',
  'TestBaseScenarios::test_parallel_state_nested ',
  'TestAssignBase::test_base_parallel_cases[',
];
const recordedThroughParallelTransformer = (testCase) =>
  testCase.source.startsWith('localstack ') && RECORDED_THROUGH_PARALLEL_TRANSFORMER.some((test) => testCase.source.includes(test));

/** The event types LocalStack's transformer leaves of a history, in its order of iteration over a list it
 *  shortens as it goes. It also sorts each branch sublist, which an unordered comparison need not repeat. */
function throughParallelTransformer(types) {
  const events = [...types];
  const closing = new Set(['ParallelStateSucceeded', 'ParallelStateAborted', 'ParallelStateExited', 'ParallelStateFailed']);
  let start;
  let sublist = [];
  let inSublist = false;
  for (let i = 0; i < events.length; i++) {
    if (closing.has(events[i])) {
      // Python's enumerate goes on at i + 1 of the list as it is now, skipping what moved into place i.
      events.splice(start, i - start, ...sublist);
      inSublist = false;
    } else if (events[i] === 'ParallelStateStarted') {
      inSublist = true;
      sublist = [];
      start = i + 1;
    } else if (inSublist) {
      sublist.push(events[i]);
    }
  }
  return events;
}

function sameEvents(actual, expected, unordered) {
  if (actual.length !== expected.length) return false;
  if (!unordered) return actual.every((type, i) => type === expected[i]);
  const sorted = (list) => [...list].sort().join(',');
  return sorted(actual) === sorted(expected);
}

/** Returns the list of mismatches (empty when the case passes strictly) and whether task inputs agree. */
function compare(testCase, line) {
  const problems = [];
  if (testCase.validation) {
    const valid = line.valid !== false;
    if (valid !== testCase.validation.valid && !(testCase.validation.api && testCase.validation.result === 'OK' && valid)) {
      if (!(testCase.validation.api && (testCase.validation.result === 'OK') === valid)) problems.push(`valid: got ${valid}, want ${testCase.validation.valid ?? testCase.validation.result}`);
    }
    return { problems, taskInputs: true };
  }
  const expected = testCase.expected;
  if (line.valid === false) return { problems: [`rejected: ${line.message}`], taskInputs: false };
  if (line.crashed) return { problems: [`crashed: ${line.message}`], taskInputs: false };
  if (line.status !== expected.status) problems.push(`status: got ${line.status}, want ${expected.status}`);
  if (expected.status === 'SUCCEEDED' && line.status === 'SUCCEEDED' && !equalIgnoring(line.output, expected.output, expected.ignorePaths)) {
    problems.push(`output: got ${JSON.stringify(line.output)?.slice(0, 400)}, want ${JSON.stringify(expected.output)?.slice(0, 400)}`);
  }
  if (expected.status === 'FAILED' || expected.error !== undefined) {
    if (line.error !== expected.error) problems.push(`error: got ${line.error}, want ${expected.error}`);
    if (expected.cause !== undefined && line.cause !== expected.cause) problems.push(`cause: got ${JSON.stringify(line.cause)}, want ${JSON.stringify(expected.cause)}`);
    if (expected.causePattern !== undefined && !new RegExp(`^(?:${expected.causePattern})$`, 's').test(line.cause ?? '')) {
      problems.push(`cause: got ${JSON.stringify(line.cause)}, want /${expected.causePattern}/`);
    }
    if (expected.causeJson !== undefined) {
      let parsed;
      try { parsed = JSON.parse(line.cause); } catch { parsed = Symbol('not json'); }
      if (!equalIgnoring(parsed, expected.causeJson, expected.causeIgnorePaths)) problems.push(`cause: got ${line.cause}, want JSON ${JSON.stringify(expected.causeJson)}`);
    }
  }
  if (expected.events) {
    const history = (line.events ?? []).map((event) => event.type);
    const types = recordedThroughParallelTransformer(testCase) ? throughParallelTransformer(history) : history;
    if (!sameEvents(types, expected.events, expected.eventsUnordered)) problems.push(`events: got ${types.join(' ')}\n      want ${expected.events.join(' ')}`);
  }
  let taskInputs = true;
  for (const [state, inputs] of Object.entries(expected.taskInputs ?? {})) {
    const got = line.taskInputs?.[state] ?? [];
    const ignores = expected.taskInputsIgnorePaths?.[state] ?? [];
    if (got.length !== inputs.length || !inputs.every((input, i) => equalIgnoring(got[i], input, ignores[i] ?? []))) taskInputs = false;
  }
  return { problems, taskInputs };
}

// ---- main

/** Runs one suite, prints its counts and checks (or writes) its baseline. */
async function runSuite({ label, dir, baselineFile }) {
  const cases = loadCases(dir);
  const express = [...cases.values()].filter((c) => isExpress(c.testCase.name)).map((c) => c.file);
  const expressFiles = new Set(express);
  const standard = [...cases.values()].filter((c) => !expressFiles.has(c.file));
  // Whole folders when none of their cases is EXPRESS (one short command line), else the files.
  const mixed = new Set(express.map((file) => path.dirname(file)));
  const targets = [...new Set(standard.map((c) => (mixed.has(path.dirname(c.file)) ? c.file : path.dirname(c.file))))];
  const started = Date.now();
  const lines = args.includes('--through-server') ? await runThroughServer(path.join(root, 'dist/cli.js'), [...cases.values()], isExpress) : [
    ...(targets.length > 0 ? await runCli(targets) : []),
    ...(express.length > 0 ? await runCli(express, 'EXPRESS') : []),
  ];
  const seconds = (Date.now() - started) / 1000;
  const perTopic = new Map();
  const failures = [];
  let strict = 0;
  let withTaskInputs = 0;
  let taskInputCases = 0;
  const seen = new Set();
  for (const text of lines) {
    const line = JSON.parse(text);
    const entry = cases.get(line.name);
    if (!entry) continue;
    seen.add(line.name);
    const { problems, taskInputs } = compare(entry.testCase, line);
    const counts = perTopic.get(entry.topic) ?? { pass: 0, total: 0 };
    counts.total++;
    if (problems.length === 0) { counts.pass++; strict++; } else failures.push({ name: line.name, problems });
    perTopic.set(entry.topic, counts);
    if (entry.testCase.expected?.taskInputs) {
      taskInputCases++;
      if (taskInputs) withTaskInputs++;
    }
  }
  for (const [name, entry] of cases) {
    if (seen.has(name)) continue;
    const counts = perTopic.get(entry.topic) ?? { pass: 0, total: 0 };
    counts.total++;
    perTopic.set(entry.topic, counts);
    failures.push({ name, problems: ['no result line'] });
  }

  if (showFailures) {
    for (const failure of failures) console.log(`FAIL ${failure.name}\n    ${failure.problems.join('\n    ')}`);
  }
  console.log('topic                     pass / total');
  for (const [topic, counts] of [...perTopic].sort()) console.log(`${topic.padEnd(24)} ${String(counts.pass).padStart(5)} / ${counts.total}`);
  const total = cases.size;
  console.log(`${label}: ${strict} / ${total} (${total ? ((strict / total) * 100).toFixed(1) : '0.0'}%) in ${seconds.toFixed(1)} s; task inputs as recorded: ${withTaskInputs} / ${taskInputCases}`);

  if (topicFilter) return;
  if (args.includes('--write-baseline')) {
    const known = Object.fromEntries(failures.map((f) => [f.name, f.problems[0].split('\n')[0].slice(0, 200)]));
    const previous = fs.existsSync(baselineFile) ? JSON.parse(fs.readFileSync(baselineFile, 'utf8')) : {};
    const reasons = previous.knownFailures ?? {};
    for (const name of Object.keys(known)) if (reasons[name]) known[name] = reasons[name];
    fs.writeFileSync(baselineFile, JSON.stringify({ strictPass: strict, total, knownFailures: known }, null, 2) + '\n');
    console.log(`wrote ${path.relative(root, baselineFile)}`);
  } else if (fs.existsSync(baselineFile)) {
    const baseline = JSON.parse(fs.readFileSync(baselineFile, 'utf8'));
    // StartExecution has no start time: through the server, a case pinned to its recorded one runs at today's date.
    const pinned = args.includes('--through-server') ? [...cases.values()].filter((c) => c.testCase.startTime !== undefined && !(c.testCase.name in baseline.knownFailures)).length : 0;
    if (pinned) console.log(`(${pinned} case${pinned === 1 ? '' : 's'} pinned to a start time, which StartExecution cannot set, need not pass)`);
    if (strict < baseline.strictPass - pinned) {
      console.error(`${label} dropped: ${strict} < baseline ${baseline.strictPass - pinned}`);
      const newFailures = failures.filter((f) => !(f.name in baseline.knownFailures));
      for (const failure of newFailures) console.error(`  new failure ${failure.name}: ${failure.problems[0]}`);
      process.exitCode = 1;
    }
  }
}

for (const suite of suites) {
  if (fs.existsSync(suite.dir)) await runSuite(suite);
}
