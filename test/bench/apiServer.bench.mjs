// The Step Functions API of `serve` on loopback, against the figures issue 13 asks for:
//   StartSyncExecution of Hello World on the virtual clock: p50 under 2 ms, p99 under 10 ms
//   throughput per core (executions per CPU second of the server), memory for 100,000 stored
//   executions, recovery time after SIGKILL with 1,000 executions in flight (--data).
// Requests are raw HTTP/1.1 on a keep-alive agent, as an SDK sends them, so the client's own cost
// stays out of the server's figures; the SDK's round trip is printed beside them.
//   node test/bench/apiServer.bench.mjs [--stored 100000]
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SFNClient, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'dist/cli.js');
const option = (name, fallback) => { const i = process.argv.indexOf(name); return i >= 0 ? Number(process.argv[i + 1]) : fallback; };
const STORED = option('--stored', 100_000);
const ROLE = 'arn:aws:iam::123456789012:role/bench';
const HELLO = JSON.stringify({
  Comment: 'Hello World', StartAt: 'Hello', States: { Hello: { Type: 'Pass', Result: 'Hello', Next: 'World' }, World: { Type: 'Pass', Result: 'World', End: true } },
});
const CALLBACK = JSON.stringify({
  StartAt: 'Ask', States: { Ask: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl: 'q', MessageBody: { 'token.$': '$$.Task.Token' } }, End: true } },
});

function start(args = []) {
  const began = process.hrtime.bigint();
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const listening = /listening on http:\/\/([^:]+):(\d+)/.exec(output);
      if (listening) resolve({ child, host: listening[1], port: Number(listening[2]), output, readyMs: Number(process.hrtime.bigint() - began) / 1e6 });
    });
    child.on('exit', (code) => reject(new Error(`serve exited (${code}): ${output}`)));
  });
}

function stop(server) {
  return new Promise((resolve) => {
    server.child.once('exit', resolve);
    server.child.kill('SIGTERM');
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function call(server, action, body) {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: server.host, port: server.port, method: 'POST', path: '/', agent,
      headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `AWSStepFunctions.${action}`, 'Content-Length': Buffer.byteLength(payload) },
    }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => { text += chunk; });
      response.on('end', () => (response.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`${action}: ${text}`))));
    });
    request.on('error', reject);
    request.end(payload);
  });
}

/** The server's CPU seconds (user + system) from /proc, in clock ticks of 1/100 s (Linux's USER_HZ). */
function cpuSeconds(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssMB(pid) {
  return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
const row = (label, value, target) => console.log(`${label.padEnd(58)} ${value.padStart(14)}${target ? `   ${target}` : ''}`);

let emptyReadyMs = NaN;

async function latency() {
  const server = await start();
  emptyReadyMs = server.readyMs;
  const { stateMachineArn } = await call(server, 'CreateStateMachine', { name: 'HelloWorld', type: 'EXPRESS', definition: HELLO, roleArn: ROLE });
  for (let i = 0; i < 500; i++) await call(server, 'StartSyncExecution', { stateMachineArn, input: '{}' });
  const samples = [];
  for (let i = 0; i < 5000; i++) {
    const began = process.hrtime.bigint();
    const result = await call(server, 'StartSyncExecution', { stateMachineArn, input: `{"i":${i}}` });
    samples.push(Number(process.hrtime.bigint() - began) / 1e6);
    if (result.status !== 'SUCCEEDED') throw new Error(JSON.stringify(result));
  }
  samples.sort((a, b) => a - b);
  const p50 = percentile(samples, 0.5);
  const p99 = percentile(samples, 0.99);
  row('StartSyncExecution Hello World, one at a time: p50', `${p50.toFixed(3)} ms`, `target 2 ms: ${(p50 / 2).toFixed(2)}x`);
  row('StartSyncExecution Hello World, one at a time: p99', `${p99.toFixed(3)} ms`, `target 10 ms: ${(p99 / 10).toFixed(2)}x`);

  const sdk = new SFNClient({ endpoint: `http://${server.host}:${server.port}`, region: 'us-east-1', disableHostPrefix: true, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  const sdkSamples = [];
  for (let i = 0; i < 2000; i++) {
    const began = process.hrtime.bigint();
    await sdk.send(new StartSyncExecutionCommand({ stateMachineArn, input: '{}' }));
    if (i >= 200) sdkSamples.push(Number(process.hrtime.bigint() - began) / 1e6);
  }
  sdk.destroy();
  sdkSamples.sort((a, b) => a - b);
  row('the same through @aws-sdk/client-sfn (client cost included): p50', `${percentile(sdkSamples, 0.5).toFixed(3)} ms`);
  row('the same through @aws-sdk/client-sfn (client cost included): p99', `${percentile(sdkSamples, 0.99).toFixed(3)} ms`);

  const calls = 20_000;
  const cpuBefore = cpuSeconds(server.child.pid);
  const began = process.hrtime.bigint();
  let next = 0;
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (next < calls) {
      next++;
      await call(server, 'StartSyncExecution', { stateMachineArn, input: '{}' });
    }
  }));
  const wall = Number(process.hrtime.bigint() - began) / 1e9;
  const cpu = cpuSeconds(server.child.pid) - cpuBefore;
  row('throughput, 32 in flight (wall clock, client on the same cores)', `${Math.round(calls / wall)} /s`);
  row('throughput per core (executions per CPU second of the server)', `${Math.round(calls / cpu)} /s`);
  await stop(server);
}

async function memory() {
  const server = await start();
  const { stateMachineArn } = await call(server, 'CreateStateMachine', { name: 'HelloWorld', definition: HELLO, roleArn: ROLE });
  const idle = rssMB(server.child.pid);
  let next = 0;
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (next < STORED) {
      const i = next++;
      await call(server, 'StartExecution', { stateMachineArn, name: `run-${i}`, input: `{"i":${i}}` });
    }
  }));
  // Every execution ended (Hello World does not wait): all stored, with their histories.
  for (;;) {
    const running = await call(server, 'ListExecutions', { stateMachineArn, statusFilter: 'RUNNING', maxResults: 1 });
    if (!running.executions.length) break;
  }
  global.gc?.();
  const stored = rssMB(server.child.pid);
  row(`memory for ${STORED.toLocaleString('en')} stored executions (RSS, idle server ${idle.toFixed(0)} MB)`, `${stored.toFixed(0)} MB`,
    `${((stored - idle) * 1024 / STORED).toFixed(2)} KB per execution`);
  await stop(server);
}

async function recovery() {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-bench-data-'));
  const server = await start(['--data', data]);
  const { stateMachineArn } = await call(server, 'CreateStateMachine', { name: 'Waiting', definition: CALLBACK, roleArn: ROLE });
  let next = 0;
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (next < 1000) await call(server, 'StartExecution', { stateMachineArn, name: `run-${next++}` });
  }));
  server.child.kill('SIGKILL');
  await new Promise((resolve) => server.child.once('exit', resolve));
  const restarted = await start(['--data', data]);
  const failed = await call(restarted, 'ListExecutions', { stateMachineArn, statusFilter: 'FAILED', maxResults: 1000 });
  if (failed.executions.length !== 1000) throw new Error(`${failed.executions.length} of 1,000 interrupted executions ended FAILED`);
  const restored = /in (\d+) ms/.exec(restarted.output)?.[1];
  row('recovery after SIGKILL, 1,000 executions in flight (--data)', `${restarted.readyMs.toFixed(0)} ms`,
    `to listening (an empty server: ${emptyReadyMs.toFixed(0)} ms); journal read in ${restored} ms`);
  await stop(restarted);
  fs.rmSync(data, { recursive: true, force: true });
}

console.log(`serve on loopback (${os.cpus().length} cores, Node ${process.version})`);
await latency();
await memory();
await recovery();
agent.destroy();
