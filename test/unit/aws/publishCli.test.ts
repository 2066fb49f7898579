// `publish` and `download` as users run them (the built CLI, behind the loopback guard) against
// `serve`; the AWS CLI (Debian's awscli) confirms what was published.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, it } from 'node:test';
import { TEST_CREDENTIALS } from './loopbackOnly';
import { CLI, ROLE, startEndpoint, type Endpoint } from '../apiServer/endpoint';

const GUARD = path.join(__dirname, 'loopbackOnly.js');
const AWS = fs.existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-publish-'));
/** Any credentials, no profile of the user's. */
const environment: NodeJS.ProcessEnv = {
  ...process.env, ...TEST_CREDENTIALS, AWS_PROFILE: '', AWS_PAGER: '', AWS_DEFAULT_REGION: 'us-east-1',
  AWS_CONFIG_FILE: path.join(folder, 'none'), AWS_SHARED_CREDENTIALS_FILE: path.join(folder, 'none'),
};
delete environment.AWS_PROFILE;

let endpoint: Endpoint;
before(async () => { endpoint = await startEndpoint([], environment); });
after(async () => {
  assert.equal(await endpoint.stop(), 0, endpoint.output());
  fs.rmSync(folder, { recursive: true, force: true });
});

/** A command's exit status and output; stdin is not a terminal (as in CI). */
function run(file: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number; stdout: string; stderr: string; missing?: boolean }> {
  return new Promise((resolve) => {
    const child = execFile(file, args, { env: { ...environment, ...env }, encoding: 'utf8', cwd: folder }, (error, stdout, stderr) => {
      const code = (error as NodeJS.ErrnoException | null)?.code;
      resolve({ status: error ? (typeof code === 'number' ? code : -1) : 0, stdout, stderr, missing: code === 'ENOENT' });
    });
    child.stdin!.end();
  });
}

function cli(...args: string[]) {
  return cliWith({}, ...args);
}

function cliWith(env: NodeJS.ProcessEnv, ...args: string[]) {
  return run(process.execPath, [CLI, ...args], { NODE_OPTIONS: `--require ${GUARD}`, ...env });
}

function write(name: string, value: unknown): string {
  const file = path.join(folder, name);
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return file;
}

const definition = (message: string) => ({ StartAt: 'Hello', States: { Hello: { Type: 'Pass', Result: message, End: true } } });

it('refuses to publish without a terminal to ask, and sends nothing', async () => {
  const file = write('greeter.asl.json', definition('hello'));
  const result = await cli('publish', file, '--target', 'endpoint', '--endpoint-url', endpoint.url, '--role-arn', ROLE);
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stdout, /^create greeter \(STANDARD\)\n--- not deployed\n/);
  assert.match(result.stderr, /Create it\? No terminal to ask: give --yes/);
  const listed = await run(process.execPath, [CLI, 'download', 'greeter', '--endpoint-url', endpoint.url]);
  assert.equal(listed.status, 1);
  assert.match(listed.stderr, /StateMachineDoesNotExist: State Machine Does Not Exist: 'greeter'/);
});

it('publishes with --yes, then prints the diff of an update, a version and the alias moved', async () => {
  const file = write('greeter.asl.json', definition('hello'));
  const created = await cli('publish', file, '--endpoint-url', endpoint.url, '--role-arn', ROLE, '--yes');
  assert.equal(created.status, 0, created.stderr);
  assert.match(created.stdout, /\ncreated arn:aws:states:us-east-1:123456789012:stateMachine:greeter\n$/);
  write('greeter.asl.json', definition('hello again'));
  const updated = await cli('publish', file, '--endpoint-url', endpoint.url, '--publish-version', '--version-description', 'again', '--alias', 'live', '--yes');
  assert.equal(updated.status, 0, updated.stderr);
  assert.match(updated.stdout, /\n-      "Result": "hello",\n\+      "Result": "hello again",\n/);
  assert.match(updated.stdout, /\nversion arn:aws:states:us-east-1:123456789012:stateMachine:greeter:1\nalias arn:aws:states:us-east-1:123456789012:stateMachine:greeter:live -> arn:aws:states:us-east-1:123456789012:stateMachine:greeter:1\n$/);
  const same = await cli('publish', file, '--endpoint-url', endpoint.url);
  assert.equal(same.status, 0, same.stderr);
  assert.match(same.stdout, /greeter is up to date/);
});

it('is confirmed by the AWS CLI: describe-state-machine shows the definition published', async (t) => {
  const described = await run(AWS, ['stepfunctions', 'describe-state-machine', '--endpoint-url', endpoint.url, '--output', 'json',
    '--state-machine-arn', 'arn:aws:states:us-east-1:123456789012:stateMachine:greeter:live']);
  if (described.missing) return t.skip('the AWS CLI is not installed (test/setup.sh installs Debian\'s awscli)');
  assert.equal(described.status, 0, described.stderr);
  const machine = JSON.parse(described.stdout);
  assert.deepEqual(JSON.parse(machine.definition), definition('hello again'));
  assert.equal(machine.roleArn, ROLE);
});

it('downloads to a file, never over one without --force', async () => {
  const target = write('downloaded.asl.yaml', 'kept\n');
  const refused = await cli('download', 'greeter', '--endpoint-url', endpoint.url, '-o', target);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /downloaded\.asl\.yaml exists\. Overwrite it\? No terminal to ask: give --force/);
  assert.equal(fs.readFileSync(target, 'utf8'), 'kept\n');
  // A machine never set up for AWS has no credentials: a local endpoint needs none.
  const written = await cliWith({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined }, 'download', 'greeter', '--endpoint-url', endpoint.url, '-o', target, '--force');
  assert.equal(written.status, 0, written.stderr);
  assert.equal(fs.readFileSync(target, 'utf8'), 'StartAt: Hello\nStates:\n  Hello:\n    Type: Pass\n    Result: hello again\n    End: true\n');  // A file that cannot be written: said, not thrown with a stack; nothing claims it was written.
  const nowhere = path.join(folder, 'no such folder', 'greeter.asl.json');
  const unwritable = await cli('download', 'greeter', '--endpoint-url', endpoint.url, '-o', nowhere);
  assert.equal(unwritable.status, 1);
  assert.equal(unwritable.stderr, `asl-workbench download: cannot write ${nowhere}: ENOENT: no such file or directory, open '${nowhere}'\n`);
});

it('refuses unresolved placeholders, listed, and target options that do not fit', async () => {
  const file = write('pricing.asl.json', '{\n  "StartAt": "Price",\n  "States": {\n    "Price": { "Type": "Task", "Resource": "${PriceFunction}", "End": true }\n  }\n}\n');
  const refused = await cli('publish', file, '--endpoint-url', endpoint.url, '--role-arn', ROLE, '--yes');
  assert.equal(refused.status, 1);
  assert.equal(refused.stderr, `asl-workbench publish: nothing published: resolve these placeholders first\n${file}:4:32 unresolved placeholder \${PriceFunction}\n`);
  for (const [args, message] of <[string[], string][]>[
    [['--target', 'aws', '--endpoint-url', endpoint.url], '--endpoint-url is for --target endpoint'],
    [['--target', 'endpoint'], '--target endpoint needs --endpoint-url URL'],
    [['--target', 'local'], '--target is aws, endpoint, not local'],
    [[], 'give --target aws or --target endpoint --endpoint-url URL'],
    [['--endpoint-url', endpoint.url, '--logging-level', 'error'], '--logging-level ERROR needs --log-group-arn (the CloudWatch Logs group the machine logs to)'],
  ]) {
    const result = await cli('publish', file, ...args);
    assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, new RegExp(`^asl-workbench publish: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n\nusage:`));
  }
});

it('checks an update of an EXPRESS machine by EXPRESS rules, before asking', async () => {
  const file = write('express.asl.json', definition('fast'));
  const created = await cli('publish', file, '--endpoint-url', endpoint.url, '--role-arn', ROLE, '--type', 'EXPRESS', '--yes');
  assert.equal(created.status, 0, created.stderr);
  write('express.asl.json', { StartAt: 'Wait', States: { Wait: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl: 'q', 'MessageBody.$': '$$.Task.Token' }, End: true } } });
  const refused = await cli('publish', file, '--endpoint-url', endpoint.url);
  assert.equal(refused.status, 1, refused.stderr);
  assert.match(refused.stderr, /^asl-workbench publish: nothing published: the definition has errors\n.*express\.asl\.json:\d+:\d+ .*waitForTaskToken/s);
});
