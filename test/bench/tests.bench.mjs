// `test` on 1,000 tests over 100 files of Hello-World-sized machines (the template: Pass, Choice,
// Wait, Parallel), with and without --coverage, against the same cases run one `run` process each
// (two at a time, one per core of the CI machine): median wall and CPU time of 5 runs, ratios printed. The
// one-process-per-case baseline runs a sample (BASELINE_CASES, default 100) and is scaled to 1,000
// by its measured time per case.
//   node test/bench/tests.bench.mjs   (after `npm run compile` and `node esbuild.js`)
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const cli = path.join(root, 'dist/cli.js');
const { helloWorldTemplate } = createRequire(import.meta.url)(path.join(root, 'out/server/src/core/templates.js'));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-bench-tests-'));
const FILES = 100;
const TESTS_PER_FILE = 10;
const RUNS = 5;
const BASELINE_CASES = Number(process.env.BASELINE_CASES ?? 100);

function median(list) {
  return [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
}

const cases = [];
for (let f = 0; f < FILES; f++) {
  fs.writeFileSync(path.join(work, `machine${f}.asl.json`), JSON.stringify(helloWorldTemplate.definition, null, 2));
  const tests = {};
  for (let t = 0; t < TESTS_PER_FILE; t++) {
    const input = { order: t, IsHelloWorldExample: t % 2 === 0 };
    cases.push({ definition: path.join(work, `machine${f}.asl.json`), input });
    tests[`case ${t}`] = {
      input,
      startTime: '2024-05-01T12:00:00Z',
      expect: { status: 'SUCCEEDED', path: ['Pass', 'Hello World example?', 'Yes', 'Wait 3 sec', 'Parallel State', 'Hello World'], outputContains: [{ IsHelloWorldExample: true }, { IsHelloWorldExample: true }] },
    };
  }
  fs.writeFileSync(path.join(work, `machine${f}.asl.test.json`), JSON.stringify({ tests }, null, 2));
}

/** Median wall and CPU (user + sys of the process and its workers, the fairer figure on a shared machine) milliseconds. */
function timeTest(...args) {
  const walls = [];
  const cpus = [];
  let stdout = '';
  for (let i = 0; i < RUNS; i++) {
    const child = spawnSync('/usr/bin/time', ['-f', '%e %U %S', process.execPath, cli, 'test', work, ...args], { encoding: 'utf8', cwd: work, maxBuffer: 1 << 28 });
    if (child.status !== 0) throw new Error(`test ${args.join(' ')} exited ${child.status}: ${child.stdout.slice(-2000)}${child.stderr}`);
    const [wall, user, sys] = child.stderr.trim().split('\n').pop().split(' ').map(Number);
    walls.push(wall * 1000);
    cpus.push((user + sys) * 1000);
    stdout = child.stdout;
  }
  return { wall: median(walls), cpu: median(cpus), stdout };
}

/** The cases one `run --json` process each, `parallel` at a time; the wall time of them all. */
async function timeRuns(sample, parallel) {
  const started = process.hrtime.bigint();
  let next = 0;
  const worker = async () => {
    while (next < sample.length) {
      const { definition, input } = sample[next++];
      await new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [cli, 'run', definition, '--input-json', JSON.stringify(input), '--start-time', '2024-05-01T12:00:00Z', '--json'], { stdio: 'ignore' });
        child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`run exited ${code}`))));
      });
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return Number(process.hrtime.bigint() - started) / 1e6;
}

console.log(`node ${process.version}, ${os.availableParallelism()} cores, load ${os.loadavg()[0].toFixed(1)}; ${FILES * TESTS_PER_FILE} tests over ${FILES} files; median of ${RUNS} runs`);
const plain = timeTest();
if (!plain.stdout.endsWith(`${FILES * TESTS_PER_FILE} passed, 0 failed\n`)) throw new Error(`unexpected report: ${plain.stdout.slice(-300)}`);
const covered = timeTest('--coverage', '--coverage-dir', path.join(work, 'coverage'));
const baselineWall = await timeRuns(cases.slice(0, BASELINE_CASES), 2);
const perCase = baselineWall / Math.min(BASELINE_CASES, cases.length);
const baseline = perCase * cases.length;
// Coverage's cost on the CPU: on a shared machine the wall time also measures the neighbours.
const overhead = (covered.cpu / plain.cpu - 1) * 100;
console.log(`  test                         wall ${plain.wall.toFixed(0).padStart(7)} ms  cpu ${plain.cpu.toFixed(0).padStart(7)} ms`);
console.log(`  test --coverage              wall ${covered.wall.toFixed(0).padStart(7)} ms  cpu ${covered.cpu.toFixed(0).padStart(7)} ms  (coverage adds ${overhead.toFixed(1)}% CPU, ${((covered.wall / plain.wall - 1) * 100).toFixed(1)}% wall)`);
console.log(`  one run process per case     wall ${baseline.toFixed(0).padStart(7)} ms  (${perCase.toFixed(0)} ms per case over ${Math.min(BASELINE_CASES, cases.length)} cases, 2 at a time)`);
console.log(`  ratio                        ${(baseline / plain.wall).toFixed(1)}x faster (wall) than one process per case`);
fs.rmSync(work, { recursive: true, force: true });
const ok = plain.wall < 5000 && overhead < 20;
console.log(ok ? 'targets met (< 5 s, coverage < +20% CPU)' : 'TARGETS NOT MET (< 5 s, coverage < +20% CPU)');
process.exitCode = ok ? 0 : 1;
