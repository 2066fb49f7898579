// Validation time on generated 1,000- and 5,000-state machines, ours side by side with
// amazon-states-language-service (the service inside the AWS Toolkit), in one run: parse and
// validate a fresh document, as the server does after an edit settles; then the parse alone.
// Run after `npx tsc -p .`: node test/bench/validation.bench.mjs
import { createRequire } from 'node:module';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { printRows } from './rows.mjs';

const require = createRequire(import.meta.url);
const { TextDocument } = require('vscode-languageserver-textdocument');
const { getLanguageService } = require('../../out/server/src/languageService/index.js');
const aws = require('amazon-states-language-service');

const ours = getLanguageService();
const baseline = aws.getLanguageService({});
/** Unmeasured and measured runs per size: the baseline takes seconds at 5,000 states. */
const RUNS = { 1000: { warmup: 5, measured: 15 }, 5000: { warmup: 2, measured: 5 } };
/** Issue 16's targets: how many times faster than the baseline. */
const VALIDATION_TARGET = { 1000: 10, 5000: 20 };
const PARSE_TARGET = 1.5;

/**
 * A chain of states as real machines look: Tasks with Retry, Catch and intrinsics, Choices, Passes
 * assigning variables later states read, Maps with an inner machine, Parallels, JSONata states.
 */
function machine(size) {
  const states = {};
  const name = (i) => `State ${i}`;
  for (let i = 0; i < size; i++) {
    const next = i + 1 < size ? name(i + 1) : undefined;
    const transition = next ? { Next: next } : { End: true };
    const kind = next ? i % 10 : -1;
    if (kind === 5) {
      states[name(i)] = { Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThan: i, Next: next }, { Variable: '$counter', IsPresent: true, Next: next }], Default: next };
    } else if (kind === 0 || kind === 3) {
      states[name(i)] = {
        Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f', 'Payload.$': '$', 'Label.$': `States.Format('step {}', $.id${i})` },
        Retry: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 2, BackoffRate: 2 }], Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: name(size - 1) }],
        ResultSelector: { 'body.$': '$.Payload' }, ResultPath: '$.result', ...transition,
      };
    } else if (kind === 7) {
      states[name(i)] = {
        Type: 'Map', ItemsPath: '$.items', MaxConcurrency: 4,
        ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: `Item ${i}`, States: { [`Item ${i}`]: { Type: 'Pass', Parameters: { 'value.$': '$', 'count.$': '$counter' }, End: true } } },
        ResultPath: '$.mapped', ...transition,
      };
    } else if (kind === 8) {
      states[name(i)] = {
        Type: 'Pass', QueryLanguage: 'JSONata',
        Output: { total: `{% $sum($states.input.items.price) + ${i} %}`, label: `{% $uppercase($states.input.name) & "-${i}" %}` },
        Assign: { counter: `{% $counter + ${i} %}` }, ...transition,
      };
    } else if (kind === 9) {
      states[name(i)] = { Type: 'Parallel', Branches: [{ StartAt: `Branch ${i}`, States: { [`Branch ${i}`]: { Type: 'Wait', Seconds: 1, End: true } } }], ResultPath: null, ...transition };
    } else {
      states[name(i)] = { Type: 'Pass', Result: { index: i }, ResultPath: '$.last', Assign: { counter: i }, ...transition };
    }
  }
  return JSON.stringify({ Comment: `${size} states`, StartAt: name(0), States: states }, null, 2);
}

async function time(run) {
  const start = performance.now();
  const result = await run();
  return { ms: performance.now() - start, result };
}

const median = (times) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];

/**
 * Both services on the same document, their runs interleaved so that both meet the same machine load:
 * the first (cold) run of each, then the median and the best of the measured runs after the warm-up.
 */
async function measureBoth(runs, { warmup, measured }) {
  const results = runs.map(() => ({ first: 0, times: [], count: 0 }));
  for (let i = 0; i < 1 + warmup + measured; i++) {
    for (const [index, run] of runs.entries()) {
      const { ms, result } = await time(run);
      const entry = results[index];
      if (i === 0) Object.assign(entry, { first: ms, count: result.length });
      else if (i > warmup) entry.times.push(ms);
    }
  }
  return results.map(({ first, times, count }) => ({ first, median: median(times), best: Math.min(...times), count }));
}

const format = ({ first, median: middle, best }) => `${middle.toFixed(1).padStart(8)} ms median, ${best.toFixed(1)} ms best (first run ${first.toFixed(1)} ms)`;
const rows = [];

console.log(`node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}`);
for (const size of [1000, 5000]) {
  const text = machine(size);
  const textDocument = TextDocument.create('file:///bench.asl.json', 'asl', 1, text);
  const [ourTime, awsTime] = await measureBoth([
    () => ours.doValidation(ours.parse(textDocument)),
    () => baseline.doValidation(textDocument, baseline.parseJSONDocument(textDocument)),
  ], RUNS[size]);
  const ratio = awsTime.median / ourTime.median;
  const target = VALIDATION_TARGET[size];
  rows.push([`validation of ${size.toLocaleString('en')} states vs amazon-states-language-service`, `${ratio.toFixed(1)}x`, `>= ${target}x`, ratio >= target]);
  console.log(`${size} states (${(text.length / 1024).toFixed(0)} KiB)`);
  console.log(`  validation  ours ${format(ourTime)}, ${ourTime.count} diagnostics`);
  console.log(`              aws  ${format(awsTime)}, ${awsTime.count} diagnostics`);
  console.log(`              ratio ${ratio.toFixed(1)}x of medians, ${(awsTime.best / ourTime.best).toFixed(1)}x of bests (target >= ${target}x)`);
}

// The parse alone (text to syntax tree and value), of a fresh document each time.
{
  const text = machine(5000);
  let version = 0;
  const fresh = () => TextDocument.create('file:///bench.asl.json', 'asl', ++version, text);
  const [ourTime, awsTime] = await measureBoth([
    () => [ours.parse(fresh())],
    () => [baseline.parseJSONDocument(fresh())],
  ], RUNS[5000]);
  const ratio = awsTime.median / ourTime.median;
  console.log(`5000 states, parse only`);
  console.log(`  parse       ours ${format(ourTime)}`);
  console.log(`              aws  ${format(awsTime)}`);
  console.log(`              ratio ${ratio.toFixed(2)}x of medians, ${(awsTime.best / ourTime.best).toFixed(2)}x of bests (target >= ${PARSE_TARGET}x)`);
  rows.push(['parse of a 5,000-state document vs amazon-states-language-service', `${ratio.toFixed(2)}x`, `>= ${PARSE_TARGET}x`, ratio >= PARSE_TARGET]);
}
process.exitCode = printRows(rows) ? 0 : 1;
