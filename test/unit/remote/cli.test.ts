// `run --target` as users run it (the built CLI, behind the loopback guard): the execution runs on the
// API server standing in for the target, and is printed as a local run is, its exit status by status.
// `--target aws` reaches the stand-in through the SDK's own AWS_ENDPOINT_URL_SFN.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, it } from 'node:test';
import { CreateStateMachineCommand } from '@aws-sdk/client-sfn';
import { TEST_CREDENTIALS } from '../aws/loopbackOnly';
import { CLI, ROLE, startEndpoint, type Endpoint } from '../apiServer/endpoint';

const GUARD = path.join(__dirname, '../aws/loopbackOnly.js');

let endpoint: Endpoint;
let folder: string;
before(async () => {
  endpoint = await startEndpoint();
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'run-target-'));
});
after(async () => {
  await endpoint.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

function writeMachine(name: string, states: object): string {
  const file = path.join(folder, `${name}.asl.json`);
  fs.writeFileSync(file, JSON.stringify({ StartAt: Object.keys(states)[0], States: states }));
  return file;
}

async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    return { status: 0, ...await promisify(execFile)(process.execPath, [CLI, ...args], { env: { ...process.env, ...env, NODE_OPTIONS: `--require ${GUARD}` }, encoding: 'utf8' }) };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { status: code, stdout, stderr };
  }
}

it('runs on an endpoint and prints the execution as a local run, exit 0 when it succeeds', async () => {
  const file = writeMachine('cliOrders', { Greet: { Type: 'Pass', Parameters: { 'hello.$': '$.who' }, End: true } });
  const run = await cli(['run', file, '--input-json', '{"who":"world"}', '--name', 'first', '--target', 'endpoint', '--endpoint-url', endpoint.url]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^Execution status: {3}SUCCEEDED\nExecution ARN: {6}arn:aws:states:us-east-1:\d+:execution:cliOrders:first\n/);
  assert.match(run.stdout, /Output:\n\{\n {2}"hello": "world"\n\}/);
  assert.match(run.stdout, /Events \(4\)\nID +Type +Step/);
  assert.match(run.stdout, /PassStateEntered +Greet/);
  // The same name again: the target refuses it, as AWS does.
  const again = await cli(['run', file, '--input-json', '{"who":"again"}', '--name', 'first', '--target', 'endpoint', '--endpoint-url', endpoint.url]);
  assert.equal(again.status, 2);
  assert.match(again.stderr, /could not start: http:\/\/127\.0\.0\.1:\d+: ExecutionAlreadyExists: Execution Already Exists: 'arn:aws:states:us-east-1:\d+:execution:cliOrders:first'/);
});

it('exits 1 with the error and cause of a failed remote execution', async () => {
  const file = writeMachine('cliFailure', { Refuse: { Type: 'Fail', Error: 'Order.Invalid', Cause: 'no items' } });
  const run = await cli(['run', file, '--target', 'endpoint', '--endpoint-url', endpoint.url]);
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout, /^Execution status: {3}FAILED\n[^]*Error: {2}Order\.Invalid\nCause: {2}no items\n/);
});

it('runs on AWS only the state machine published under the file name, and says to publish it first', async () => {
  const aws = { ...TEST_CREDENTIALS, AWS_ENDPOINT_URL_SFN: endpoint.url, AWS_CONFIG_FILE: path.join(folder, 'none'), AWS_SHARED_CREDENTIALS_FILE: path.join(folder, 'none') };
  const file = writeMachine('cliPublished', { Deployed: { Type: 'Pass', Result: 'from the file', End: true } });
  const unpublished = await cli(['run', file, '--target', 'aws', '--region', 'us-east-1'], aws);
  assert.equal(unpublished.status, 2);
  assert.equal(unpublished.stderr, "asl-workbench run: the execution could not start: There is no state machine named 'cliPublished' in AWS (default profile, us-east-1): publish it first (ASL: Publish to AWS), then run it there.\n");
  const client = endpoint.client();
  await client.send(new CreateStateMachineCommand({ name: 'cliPublished', roleArn: ROLE, definition: JSON.stringify({ StartAt: 'Deployed', States: { Deployed: { Type: 'Pass', Result: 'as published', End: true } } }) }));
  client.destroy();
  const run = await cli(['run', file, '--target', 'aws', '--region', 'us-east-1'], aws);
  assert.equal(run.status, 0, run.stderr);
  // AWS runs what was published, never the file.
  assert.match(run.stdout, /Output:\n"as published"\n/);
});

it('refuses options that do not go with the target', async () => {
  const file = writeMachine('cliUsage', { Only: { Type: 'Pass', End: true } });
  for (const [args, message] of [
    [['--target', 'endpoint'], '--target endpoint needs --endpoint-url URL'],
    [['--target', 'moon'], '--target is local, aws, endpoint, not moon'],
    [['--target', 'aws', '--endpoint-url', endpoint.url], '--endpoint-url is for --target endpoint'],
    [['--target', 'endpoint', '--endpoint-url', endpoint.url, '--mock-config', file], '--mock-config, --handlers, --call-aws and --objects serve a local run'],
  ] as const) {
    const run = await cli(['run', file, ...args]);
    assert.equal(run.status, 2, args.join(' '));
    assert.ok(run.stderr.includes(message), run.stderr);
  }
});
