// The interpreter in one process, side by side with aws-local-stepfunctions 3.0.0 (the anchor): a
// definition compiled once, then run; ours records the full history, the anchor keeps none. Rounds
// interleave ours and the anchor's so both see the same load; each figure is the median over rounds of
// the CPU time (user + sys of this process: the fairer figure on a shared machine), wall time beside it.
// Every window, ours and the anchor's alike, starts with an empty young generation (a minor GC outside the
// windows) and after 50 ms of idle time, in which the collector's pending work on the old generation (marking
// a heap of 100-300 MB the anchor's Map left) runs: a window pays for what it allocates, not for what the
// runner before it left. Without the pause, 0-3 of a run's 7 Map windows of ours held that marking (in one run,
// a median of 86 ms of CPU for 46 of wall time), and the Map row missed in about one run in six.
// Without the minor GC, about half of the windows of our Hello World x 1,000 (about 4 ms) took 10-40 ms of CPU while
// their main thread ran 4-9 ms (/proc/self/task/<pid>/schedstat beside process.cpuUsage): V8's helper threads
// busy with what the anchor's Map left in the young generation of a 100-300 MB heap. With it: 3.5 ms.
// Then our JSONata loop against our own JSONPath loop. Prints issue 16's in-process rows with their targets.
//   node test/bench/inProcess.bench.mjs   (bundles server/src/core/interpreter with esbuild first)
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loop, mapOf } from './workloads.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

// aws-local-stepfunctions 3 needs Promise.withResolvers (Node 22); Node 20 lacks it.
Promise.withResolvers ??= function withResolvers() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
};
const { StateMachine } = await import(pathToFileURL(createRequire(path.join(here, 'anchor/alsf-run.mjs')).resolve('aws-local-stepfunctions')).href);

// Our interpreter as the CLI ships it: one esbuild bundle of the core, with the console's Hello World template.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-inprocess-'));
const bundle = path.join(work, 'interpreter.cjs');
await esbuild.build({
  stdin: { contents: "export { compileStateMachine } from './server/src/core/interpreter';\nexport { helloWorldTemplate } from './server/src/core/templates';", resolveDir: root, loader: 'ts' },
  bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: bundle, logLevel: 'error',
});
const { compileStateMachine, helloWorldTemplate } = createRequire(import.meta.url)(bundle);
fs.rmSync(work, { recursive: true, force: true });

const jsonataLoop = {
  QueryLanguage: 'JSONata',
  StartAt: 'Init',
  States: {
    Init: { Type: 'Pass', Output: { count: 0 }, Next: 'Increment' },
    Increment: { Type: 'Pass', Output: { count: '{% $states.input.count + 1 %}' }, Next: 'Check' },
    Check: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.count < 5000 %}', Next: 'Increment' }], Default: 'Done' },
    Done: { Type: 'Succeed' },
  },
};
const { definition: map, input: mapInput } = mapOf(5000);
const helloWorldDefinition = helloWorldTemplate.definition;

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

const ours = (definition) => {
  const machine = compileStateMachine(definition);
  return async (input) => {
    const result = await machine.start({ input }).done;
    expect(result.status === 'SUCCEEDED', `asl-workbench: ${result.status} ${result.error ?? ''} ${result.cause ?? ''}`);
    return result.output;
  };
};
const theirs = (definition, options) => {
  const machine = new StateMachine(definition);
  return (input) => machine.run(input, options).result;
};

/** One workload: `times` runs one after another (a sample long enough to time), then check() of the last output. */
const workloads = {
  loop: { input: {}, check: (output) => expect(output?.count === 5000, `loop: ${JSON.stringify(output)}`), times: 10 },
  map: { input: mapInput, check: (output) => expect(output?.length === 5000 && output[4999].n === 9998, 'map: bad output'), times: 5 },
  hello: { input: {}, check: (output) => expect(Array.isArray(output) && output.length === 2, `hello: ${JSON.stringify(output)}`), times: 1000 },
  jsonata: { input: {}, check: (output) => expect(output?.count === 5000, `jsonata loop: ${JSON.stringify(output)}`), times: 10 },
};
const runners = {
  'ours loop': [ours(loop), workloads.loop],
  'anchor loop': [theirs(loop), workloads.loop],
  'ours map': [ours(map), workloads.map],
  'anchor map': [theirs(map), workloads.map],
  'ours hello': [ours(helloWorldDefinition), workloads.hello],
  'anchor hello': [theirs(helloWorldDefinition, { overrides: { waitTimeOverrides: { 'Wait 3 sec': 0 } } }), workloads.hello],
  'ours jsonata loop': [ours(jsonataLoop), workloads.jsonata],
};

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

async function measure([run, workload]) {
  gc({ type: 'minor' });
  await new Promise((resolve) => setTimeout(resolve, 50));
  const cpu = process.cpuUsage();
  const start = performance.now();
  let output;
  for (let i = 0; i < workload.times; i++) output = await run(workload.input);
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  workload.check(output);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

const samples = Object.fromEntries(Object.keys(runners).map((name) => [name, { cpu: [], wall: [] }]));
for (const runner of Object.values(runners)) await measure(runner); // warm-up round, unmeasured
const loads = [];
for (let round = 0; round < ROUNDS; round++) {
  loads.push(os.loadavg()[0]);
  for (const [name, runner] of Object.entries(runners)) {
    const { cpu, wall } = await measure(runner);
    samples[name].cpu.push(cpu);
    samples[name].wall.push(wall);
  }
}
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const figure = (name) => ({ cpu: median(samples[name].cpu), wall: median(samples[name].wall) });

console.log(`node ${process.version}, ${os.cpus().length} cores, load ${loads.map((l) => l.toFixed(1)).join(' ')} (at each round), median of ${ROUNDS} interleaved rounds`);
for (const name of Object.keys(runners)) {
  const { cpu, wall } = figure(name);
  console.log(`  ${name.padEnd(20)} cpu ${cpu.toFixed(1).padStart(8)} ms  wall ${wall.toFixed(1).padStart(8)} ms`);
}
const ratio = (name) => {
  const mine = figure(`ours ${name}`);
  const anchor = figure(`anchor ${name}`);
  return { cpu: anchor.cpu / mine.cpu, wall: anchor.wall / mine.wall };
};
const rows = [
  ['in-process, 5,000-iteration Pass/Choice/MathAdd loop vs aws-local-stepfunctions', ratio('loop'), 20],
  ['in-process, 5,000-item inline Map vs aws-local-stepfunctions', ratio('map'), 25],
  ['in-process, Hello World x 1,000 (Wait fast-forwarded) vs aws-local-stepfunctions', ratio('hello'), 10],
].map(([name, { cpu, wall }, target]) => [`${name}, CPU ratio (wall ${wall.toFixed(1)}x)`, `${cpu.toFixed(1)}x`, `>= ${target}x`, cpu >= target]);
const jsonataCost = figure('ours jsonata loop').cpu / figure('ours loop').cpu;
rows.push(['JSONata loop vs our JSONPath loop, CPU', `${jsonataCost.toFixed(2)}x slower`, 'within 2x', jsonataCost <= 2]);
for (const [name, value, target, met] of rows) console.log(`${met ? 'met    ' : 'NOT MET'}  ${name}: ${value} (target ${target})`);
process.exitCode = rows.every(([, , , met]) => met) ? 0 : 1;
