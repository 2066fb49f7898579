// Completion and hover latency on generated 1,000- and 5,000-state machines, ours side by side
// with amazon-states-language-service (the service inside the AWS Toolkit), in one run.
// Run after `npx tsc -p .`: node test/bench/editing.bench.mjs
import { createRequire } from 'node:module';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { TextDocument } = require('vscode-languageserver-textdocument');
const { getLanguageService } = require('../../out/server/src/languageService/index.js');
const aws = require('amazon-states-language-service');

const ours = getLanguageService();
const baseline = aws.getLanguageService({});
const BUDGET_MS = 30;
const RUNS = 25;

/** A chain of Task, Pass and Choice states, each Task with a Retry and a Catch, as real machines look. */
function machine(size) {
  const states = {};
  for (let i = 0; i < size; i++) {
    const next = i + 1 < size ? `State ${i + 1}` : undefined;
    const transition = next ? { Next: next } : { End: true };
    if (i % 10 === 5 && next) {
      states[`State ${i}`] = { Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThan: i, Next: next }], Default: next };
    } else if (i % 3 === 0) {
      states[`State ${i}`] = {
        Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f', 'Payload.$': '$' },
        Retry: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 2 }], Catch: [{ ErrorEquals: ['States.ALL'], Next: `State ${size - 1}` }], ...transition,
      };
    } else {
      states[`State ${i}`] = { Type: 'Pass', Result: { index: i }, ResultPath: '$.last', ...transition };
    }
  }
  return JSON.stringify({ Comment: `${size} states`, StartAt: 'State 0', States: states }, null, 2);
}

/**
 * Median and p95 of RUNS timed calls (awaited: the baseline answers with promises); `setup` runs untimed
 * before each. Wall time, and CPU time of the process: on a shared, overloaded machine the wall time
 * also counts waiting for a core, the CPU time does not.
 */
async function measure(run, setup = () => undefined) {
  for (let i = 0; i < 3; i++) await run(setup());
  const wall = [];
  const cpu = [];
  for (let i = 0; i < RUNS; i++) {
    const prepared = setup();
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    await run(prepared);
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (times) => times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
  return { median: median(wall), p95: wall[Math.floor(wall.length * 0.95)], cpu: median(cpu) };
}

const format = ({ median, p95, cpu }) => `${median.toFixed(2).padStart(8)} ms (p95 ${p95.toFixed(1)}, cpu ${cpu.toFixed(1)})`;
let failed = false;

for (const size of [1000, 5000]) {
  const text = machine(size);
  const textDocument = TextDocument.create('file:///bench.asl.json', 'asl', 1, text);
  const middle = Math.floor(size / 2);
  // The cursor inside the Next value of a state in the middle, on the name of a state and on a field.
  const nextValue = textDocument.positionAt(text.indexOf(`"Next": "State ${middle + 1}"`, text.indexOf(`"State ${middle}": {`)) + 10);
  const stateName = textDocument.positionAt(text.indexOf(`"State ${middle}": {`) + 3);
  const keyPosition = textDocument.positionAt(text.indexOf('"Type"', text.indexOf(`"State ${middle}": {`)));
  const document = ours.parse(textDocument);
  const awsDocument = baseline.parseJSONDocument(textDocument);

  const rows = [
    ['parse', await measure(() => ours.parse(textDocument)), await measure(() => baseline.parseJSONDocument(textDocument))],
    ['completion at a Next', await measure(() => ours.doComplete(document, nextValue)), await measure(() => baseline.doComplete(textDocument, nextValue, awsDocument))],
    ['completion of keys', await measure(() => ours.doComplete(document, keyPosition)), await measure(() => baseline.doComplete(textDocument, keyPosition, awsDocument))],
    ['hover on a state name', await measure(() => ours.doHover(document, stateName)), await measure(() => baseline.doHover(textDocument, stateName, awsDocument))],
    ['hover on a field', await measure(() => ours.doHover(document, keyPosition)), await measure(() => baseline.doHover(textDocument, keyPosition, awsDocument))],
    // The first request on a new version also builds the state index: timed on a document parsed untimed just before.
    ['first completion after a parse', await measure((parsed) => ours.doComplete(parsed, nextValue), () => ours.parse(textDocument)),
      await measure((parsed) => baseline.doComplete(textDocument, nextValue, parsed), () => baseline.parseJSONDocument(textDocument))],
    ['parse + completion at a Next', await measure(() => ours.doComplete(ours.parse(textDocument), nextValue)), await measure(() => baseline.doComplete(textDocument, nextValue, baseline.parseJSONDocument(textDocument)))],
  ];
  console.log(`\n${size} states (${(text.length / 1024).toFixed(0)} KiB), load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
  console.log(`${''.padEnd(32)}${'ours: median wall'.padEnd(40)}${'amazon-states-language-service'.padEnd(40)}ratio`);
  for (const [name, mine, theirs] of rows) {
    console.log(`${name.padEnd(32)}${format(mine).padEnd(40)}${format(theirs).padEnd(40)}${(theirs.median / mine.median).toFixed(1)}x`);
    const budgeted = name.startsWith('completion') || name.startsWith('hover') || name.startsWith('first');
    if (size === 5000 && budgeted && Math.min(mine.median, mine.cpu) > BUDGET_MS) {
      console.log(`  over the ${BUDGET_MS} ms budget`);
      failed = true;
    }
  }
  const items = ours.doComplete(document, nextValue).items.length;
  console.log(`(completion at a Next offers ${items} state names)`);
}

process.exitCode = failed ? 1 : 0;
