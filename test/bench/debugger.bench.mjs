// The step debugger's figures (issue 12), through the Debug Adapter Protocol as VS Code speaks it
// (@vscode/debugadapter-testsupport's DebugClient):
// - stepping latency, `next` request to `stopped` event, over a 1,000-state machine (dist/debugAdapter.js
//   in its own process, as VS Code runs it): median and p95 against the 20 ms target;
// - stepping back across 10,000 recorded states: `reverseContinue` from the last state of a loop to its
//   first, and single `stepBack`s, against the 50 ms target;
// - the memory the recording keeps per state: the adapter in this process (out/, after `npx tsc -p .`),
//   heap after a forced collection, with and without the 10,000 states recorded.
// No tool in the field steps a state machine, so there is no baseline beside ours: the targets are the issue's.
//   node test/bench/debugger.bench.mjs   (after `npx tsc -p .` and `node esbuild.js`)
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { DebugClient } = require('@vscode/debugadapter-testsupport');
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const adapter = path.join(root, 'dist/debugAdapter.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-debug-bench-'));
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

const STEPPING_TARGET_MS = 20;
const STEP_BACK_TARGET_MS = 50;
const CHAIN_STATES = 1000;
const LOOP_ROUNDS = 5000;

function write(name, definition) {
  const file = path.join(work, `${name}.asl.json`);
  fs.writeFileSync(file, JSON.stringify(definition, null, 2));
  return file;
}

/** 1,000 states as real machines chain them: Pass states shaping a payload, Choices on it. */
function chain() {
  const states = {};
  for (let i = 0; i < CHAIN_STATES; i++) {
    const next = i + 1 < CHAIN_STATES ? { Next: `S${i + 1}` } : { End: true };
    states[`S${i}`] = i % 5 === 4 && next.Next
      ? { Type: 'Choice', Choices: [{ Variable: '$.order.total', NumericGreaterThan: 10, Next: next.Next }], Default: next.Next }
      : { Type: 'Pass', Parameters: { 'order.$': '$.order', 'step': i, 'label.$': `States.Format('step {}', $.order.id)` }, ...next };
  }
  return { StartAt: 'S0', States: states };
}

/** A loop recording 10,000 states (5,000 rounds of Increment and Check) before Done. */
const loop = {
  StartAt: 'Init',
  States: {
    Init: { Type: 'Pass', Parameters: { count: 0, 'order.$': '$.order' }, Next: 'Increment' },
    Increment: { Type: 'Pass', Parameters: { 'count.$': 'States.MathAdd($.count, 1)', 'order.$': '$.order' }, Next: 'Check' },
    Check: { Type: 'Choice', Choices: [{ Variable: '$.count', NumericLessThan: LOOP_ROUNDS, Next: 'Increment' }], Default: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

const input = { order: { id: 'o-1', total: 42, lines: Array.from({ length: 10 }, (_, n) => ({ sku: `sku-${n}`, quantity: n + 1, price: 9.99 })) } };

async function launch(dc, args, configure = async () => undefined) {
  const stopped = dc.waitForEvent('stopped', 120_000);
  await Promise.all([
    dc.waitForEvent('initialized').then(configure).then(() => dc.configurationDoneRequest()),
    dc.initializeRequest().then(() => dc.launchRequest(args)),
  ]);
  return stopped;
}

/** Milliseconds from a request to the stopped event it ends in. */
async function timedStop(dc, request) {
  const start = performance.now();
  const stopped = dc.waitForEvent('stopped', 120_000);
  await request();
  await stopped;
  return performance.now() - start;
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (value) => `${value.toFixed(2)} ms`;
const verdicts = [];
function report(label, value, target) {
  const met = value < target;
  verdicts.push(met);
  console.log(`  ${label.padEnd(48)} ${ms(value).padStart(10)}   target < ${target} ms ${met ? 'met' : 'NOT MET'}`);
}

async function stepping() {
  const program = write('chain', chain());
  const dc = new DebugClient(process.execPath, adapter, 'asl');
  dc.defaultTimeout = 120_000;
  await dc.start();
  await launch(dc, { program, input, stopOnEntry: true });
  const latencies = [];
  const allSteps = performance.now();
  for (let i = 1; i < CHAIN_STATES; i++) latencies.push(await timedStop(dc, () => dc.nextRequest({ threadId: 1 })));
  const total = performance.now() - allSteps;
  // What VS Code asks at each stop, for scale: the stack and the scopes of the top frame.
  const stackStart = performance.now();
  const frames = (await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames;
  if (frames[0].name !== `S${CHAIN_STATES - 1} (Pass)`) throw new Error(`the steps ended at ${frames[0].name}`);
  await dc.scopesRequest({ frameId: frames[0].id });
  const inspect = performance.now() - stackStart;
  await dc.stop();
  console.log(`stepping: ${CHAIN_STATES}-state machine, ${latencies.length} × next (request to stopped event), dist/debugAdapter.js over stdio`);
  console.log(`  median ${ms(percentile(latencies, 50))}, all ${latencies.length} steps ${ms(total)}, stack trace and scopes after a stop ${ms(inspect)}`);
  report('p95 next', percentile(latencies, 95), STEPPING_TARGET_MS);
}

async function steppingBack() {
  const program = write('loop', loop);
  const doneLine = fs.readFileSync(program, 'utf8').split('\n').findIndex((line) => line.includes('"Done": {')) + 1;
  const dc = new DebugClient(process.execPath, adapter, 'asl');
  dc.defaultTimeout = 120_000;
  await dc.start();
  await launch(dc, { program, input }, () => dc.setBreakpointsRequest({ source: { path: program }, breakpoints: [{ line: doneLine }] }));
  const across = [];
  const single = [];
  for (let round = 0; round < 5; round++) {
    across.push(await timedStop(dc, () => dc.reverseContinueRequest({ threadId: 1 })));
    across.push(await timedStop(dc, () => dc.continueRequest({ threadId: 1 })));
  }
  for (let i = 0; i < 100; i++) single.push(await timedStop(dc, () => dc.stepBackRequest({ threadId: 1 })));
  await dc.stop();
  console.log(`stepping back: ${2 * LOOP_ROUNDS + 1} states recorded, reverseContinue to the first and continue back to the last (5 each), 100 × stepBack`);
  report('p95 across 10,000 recorded states', percentile(across, 95), STEP_BACK_TARGET_MS);
  report('p95 stepBack', percentile(single, 95), STEP_BACK_TARGET_MS);
}

/** The adapter in this process, on a loopback port: the heap it keeps for the recording. */
async function memory() {
  const { AslDebugSession } = require(path.join(root, 'out/server/src/debugAdapter/session.js'));
  const server = net.createServer((socket) => {
    const session = new AslDebugSession();
    session.setRunAsServer(true);
    session.start(socket, socket);
  }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address();
  const program = write('memory', loop);
  const doneLine = fs.readFileSync(program, 'utf8').split('\n').findIndex((line) => line.includes('"Done": {')) + 1;
  const heapAt = async (breakpointLine) => {
    const dc = new DebugClient(process.execPath, adapter, 'asl');
    await dc.start(port);
    await launch(dc, { program, input }, () => dc.setBreakpointsRequest({ source: { path: program }, breakpoints: [{ line: breakpointLine }] }));
    gc();
    const heap = process.memoryUsage().heapUsed;
    await dc.disconnectRequest({});
    await dc.stop();
    return heap;
  };
  const initLine = fs.readFileSync(program, 'utf8').split('\n').findIndex((line) => line.includes('"Init": {')) + 1;
  // Warm up (compiled code, caches), then the heap stopped at the first state and at the last.
  await heapAt(doneLine);
  const atStart = await heapAt(initLine);
  const atEnd = await heapAt(doneLine);
  server.close();
  const states = 2 * LOOP_ROUNDS + 1;
  console.log(`memory: the recording of ${states} states, each input carrying a 1 KB order (shared, as the run shares it), heap after gc`);
  console.log(`  ${((atEnd - atStart) / states).toFixed(0)} bytes per recorded state (${((atEnd - atStart) / 1024 / 1024).toFixed(1)} MB for ${states})`);
}

console.log(`node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}`);
await stepping();
await steppingBack();
await memory();
console.log(verdicts.every(Boolean) ? 'TARGETS MET' : 'TARGETS NOT MET');
