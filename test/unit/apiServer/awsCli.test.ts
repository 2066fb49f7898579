// The AWS CLI and boto3 (Debian's awscli and python3-boto3, which test/setup.sh installs) against `serve`.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { definition, ROLE, startEndpoint, type Endpoint } from './endpoint';

/** Debian's packages when installed (a Python environment earlier on PATH may have others). */
const AWS = fs.existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';
const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-awscli-'));
/** Any credentials, no profile of the user's, no pager. */
const environment: NodeJS.ProcessEnv = {
  ...process.env, AWS_ACCESS_KEY_ID: 'AKIDLOCAL', AWS_SECRET_ACCESS_KEY: 'local', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '',
  AWS_CONFIG_FILE: path.join(work, 'none'), AWS_SHARED_CREDENTIALS_FILE: path.join(work, 'none'), AWS_EC2_METADATA_DISABLED: 'true',
};

let endpoint: Endpoint;
before(async () => { endpoint = await startEndpoint(); });
after(async () => { assert.equal(await endpoint.stop(), 0, endpoint.output()); });

function run(file: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { env: { ...environment, ...env }, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') assert.fail(`${file} could not run (${error.message}): install it with test/setup.sh`);
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

async function aws(...args: string[]): Promise<any> {
  return awsWith(AWS, ...args);
}

async function awsWith(cli: string, ...args: string[]): Promise<any> {
  const result = await run(cli, ['stepfunctions', '--endpoint-url', endpoint.url, '--output', 'json', ...args]);
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.trim() ? JSON.parse(result.stdout) : {};
}

/** The first AWS CLI installed (Debian's, then the one on PATH) that has the command; older ones do not know it. */
async function cliWith(command: string): Promise<string | undefined> {
  for (const cli of [...new Set([AWS, 'aws'])]) {
    const missingArgument = await new Promise<string>((resolve) => execFile(cli, ['stepfunctions', command], { env: environment, encoding: 'utf8' }, (_error, _stdout, stderr) => resolve(stderr ?? '')));
    if (/required/.test(missingArgument) && !/Invalid choice/.test(missingArgument)) return cli;
  }
  return undefined;
}

test('the AWS CLI creates a state machine, runs it, reads its history, answers a callback and gets AWS\'s errors', async () => {
  const machine = await aws('create-state-machine', '--name', 'cli-hello', '--role-arn', ROLE,
    '--definition', definition({ StartAt: 'Ask', States: { Ask: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish.waitForTaskToken', Parameters: { TopicArn: 't', Message: { 'token.$': '$$.Task.Token' } }, Next: 'Wait' }, Wait: { Type: 'Wait', Seconds: 60, End: true } } }));
  assert.equal(machine.stateMachineArn, 'arn:aws:states:us-east-1:123456789012:stateMachine:cli-hello');
  const started = await aws('start-execution', '--state-machine-arn', machine.stateMachineArn, '--name', 'one', '--input', '{"n": 1}');
  assert.equal(started.executionArn, 'arn:aws:states:us-east-1:123456789012:execution:cli-hello:one');
  let token: string | undefined;
  while (!token) {
    const history = await aws('get-execution-history', '--execution-arn', started.executionArn);
    const scheduled = history.events.find((event: { type: string }) => event.type === 'TaskScheduled');
    token = scheduled && JSON.parse(scheduled.taskScheduledEventDetails.parameters).Message.token;
  }
  await aws('send-task-success', '--task-token', token, '--task-output', '{"ok": true}');
  let described = await aws('describe-execution', '--execution-arn', started.executionArn);
  while (described.status === 'RUNNING') described = await aws('describe-execution', '--execution-arn', started.executionArn);
  assert.equal(described.status, 'SUCCEEDED');
  assert.equal(described.output, '{"ok":true}');
  const listed = await aws('list-executions', '--state-machine-arn', machine.stateMachineArn);
  assert.deepEqual(listed.executions.map((execution: { name: string }) => execution.name), ['one']);

  const duplicate = await run(AWS, ['stepfunctions', '--endpoint-url', endpoint.url, 'start-execution', '--state-machine-arn', machine.stateMachineArn, '--name', 'one']);
  assert.notEqual(duplicate.code, 0);
  assert.match(duplicate.stderr, /\(ExecutionAlreadyExists\) when calling the StartExecution operation: Execution Already Exists: 'arn:aws:states:us-east-1:123456789012:execution:cli-hello:one'/);
  const invalid = await run(AWS, ['stepfunctions', '--endpoint-url', endpoint.url, 'create-state-machine', '--name', 'bad', '--role-arn', ROLE, '--definition', '{"StartAt": "X", "States": {}}']);
  assert.match(invalid.stderr, /\(InvalidDefinition\) when calling the CreateStateMachine operation: Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET/);
});

test('the AWS CLI runs an EXPRESS machine synchronously, sending the sync- host through the server as its proxy', async () => {
  const machine = await aws('create-state-machine', '--name', 'cli-sync', '--type', 'EXPRESS', '--role-arn', ROLE,
    '--definition', definition({ QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', Output: '{% $states.input.n + 1 %}', End: true } } }));
  const result = await run(AWS, ['stepfunctions', '--endpoint-url', endpoint.url, 'start-sync-execution', '--state-machine-arn', machine.stateMachineArn, '--input', '{"n": 41}'],
    { HTTP_PROXY: endpoint.url, NO_PROXY: '' });
  assert.equal(result.code, 0, result.stderr);
  const answer = JSON.parse(result.stdout);
  assert.equal(answer.status, 'SUCCEEDED');
  assert.equal(answer.output, '42');
});

test('boto3: an activity worker, a paginator, StartSyncExecution and ClientError codes', async () => {
  const script = `
import json, sys, threading
import boto3
from botocore.config import Config
from botocore.exceptions import ClientError
sfn = boto3.client('stepfunctions', endpoint_url=sys.argv[1], config=Config(inject_host_prefix=False, retries={'max_attempts': 1}))
activity = sfn.create_activity(name='py-worker')['activityArn']
machine = sfn.create_state_machine(name='py-activity', roleArn='${ROLE}', definition=json.dumps(
    {'StartAt': 'Work', 'States': {'Work': {'Type': 'Task', 'Resource': activity, 'End': True}}}))['stateMachineArn']
def worker():
    handled = 0
    while handled < 3:
        task = sfn.get_activity_task(activityArn=activity, workerName='py')
        if 'taskToken' in task:
            sfn.send_task_success(taskToken=task['taskToken'], output=json.dumps({'doubled': json.loads(task['input'])['n'] * 2}))
            handled += 1
thread = threading.Thread(target=worker)
thread.start()
arns = [sfn.start_execution(stateMachineArn=machine, name='py-%d' % n, input=json.dumps({'n': n}))['executionArn'] for n in range(3)]
thread.join()
outputs = []
for arn in arns:
    while True:
        described = sfn.describe_execution(executionArn=arn)
        if described['status'] != 'RUNNING':
            outputs.append(json.loads(described['output']))
            break
names = [e['name'] for page in sfn.get_paginator('list_executions').paginate(stateMachineArn=machine, PaginationConfig={'PageSize': 2}) for e in page['executions']]
express = sfn.create_state_machine(name='py-sync', type='EXPRESS', roleArn='${ROLE}', definition=json.dumps(
    {'StartAt': 'P', 'States': {'P': {'Type': 'Pass', 'Result': 'done', 'End': True}}}))['stateMachineArn']
sync = sfn.start_sync_execution(stateMachineArn=express)
try:
    sfn.start_execution(stateMachineArn=machine, name='py-0', input='{}')
    error = None
except ClientError as e:
    error = [e.response['Error']['Code'], e.response['Error']['Message']]
print(json.dumps({'outputs': outputs, 'names': names, 'sync': [sync['status'], sync['output']], 'error': error}))
`;
  const file = path.join(work, 'worker.py');
  fs.writeFileSync(file, script);
  const result = await run(PYTHON, [file, endpoint.url]);
  assert.equal(result.code, 0, result.stderr);
  const answer = JSON.parse(result.stdout);
  assert.deepEqual(answer.outputs, [{ doubled: 0 }, { doubled: 2 }, { doubled: 4 }]);
  assert.deepEqual(answer.names, ['py-2', 'py-1', 'py-0']);
  assert.deepEqual(answer.sync, ['SUCCEEDED', '"done"']);
  assert.deepEqual(answer.error, ['ExecutionAlreadyExists', "Execution Already Exists: 'arn:aws:states:us-east-1:123456789012:execution:py-activity:py-0'"]);
});

test('the AWS CLI redrives a failed execution (redrive-execution): it continues at the failed state and refuses a second redrive once succeeded', async (t) => {
  const cli = await cliWith('redrive-execution');
  // Debian 12's awscli (2.9.19) predates RedriveExecution (November 2023); the SDK's tests cover redrive there.
  if (!cli) return t.skip('no AWS CLI here has redrive-execution (Debian 12\'s awscli 2.9.19 predates it)');
  const aws = (...args: string[]) => awsWith(cli, ...args);
  const machine = await aws('create-state-machine', '--name', 'cli-redrive', '--role-arn', ROLE,
    '--definition', definition({ StartAt: 'Start', States: { Start: { Type: 'Pass', Next: 'Ask' }, Ask: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish.waitForTaskToken', Parameters: { TopicArn: 't', Message: { 'token.$': '$$.Task.Token' } }, End: true } } }));
  const { executionArn } = await aws('start-execution', '--state-machine-arn', machine.stateMachineArn, '--name', 'again');
  /** The token of the Task scheduled after the first `after` events of the history. */
  const tokenAfter = async (after: number): Promise<string> => {
    for (;;) {
      const { events } = await aws('get-execution-history', '--execution-arn', executionArn);
      const scheduled = events.slice(after).find((event: { type: string }) => event.type === 'TaskScheduled');
      if (scheduled) return JSON.parse(scheduled.taskScheduledEventDetails.parameters).Message.token;
    }
  };
  const ended = async () => {
    for (;;) {
      const described = await aws('describe-execution', '--execution-arn', executionArn);
      if (described.status !== 'RUNNING') return described;
    }
  };
  await aws('send-task-failure', '--task-token', await tokenAfter(0), '--error', 'Topic.Missing');
  const failed = await ended();
  assert.deepEqual([failed.status, failed.redriveStatus], ['FAILED', 'REDRIVABLE']);
  const failedEvents = (await aws('get-execution-history', '--execution-arn', executionArn)).events.length;
  const redriven = await aws('redrive-execution', '--execution-arn', executionArn);
  assert.ok(redriven.redriveDate !== undefined);
  await aws('send-task-success', '--task-token', await tokenAfter(failedEvents), '--task-output', '"sent"');
  const succeeded = await ended();
  assert.deepEqual([succeeded.status, succeeded.output, succeeded.redriveCount], ['SUCCEEDED', '"sent"', 1]);
  const { events } = await aws('get-execution-history', '--execution-arn', executionArn);
  assert.deepEqual(events.slice(failedEvents).map((event: { type: string }) => event.type).slice(0, 2), ['ExecutionRedriven', 'TaskStateEntered']);
  const refusedAgain = await run(cli, ['stepfunctions', '--endpoint-url', endpoint.url, 'redrive-execution', '--execution-arn', executionArn]);
  assert.notEqual(refusedAgain.code, 0);
  assert.match(refusedAgain.stderr, /\(ExecutionNotRedrivable\) when calling the RedriveExecution operation: .*Execution is SUCCEEDED and cannot be redriven/);
});
