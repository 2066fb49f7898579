// A worker answers a hybrid run's `.waitForTaskToken` Task through a Step Functions API, with the AWS
// SDK's own client: the local endpoint as the extension starts it (its IPC channel relays the tokens
// of VS Code's runs, as client/src/localEndpoint does, to the runner), and `run --task-token-port`.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CreateStateMachineCommand, SendTaskFailureCommand, SendTaskHeartbeatCommand, SendTaskSuccessCommand, SFNClient,
} from '@aws-sdk/client-sfn';
import { TEST_CREDENTIALS } from './loopbackOnly';
import { CLI, ROLE, startEndpoint, type Endpoint } from '../apiServer/endpoint';
import { launchInChildProcess } from '../../../server/src/execution/launch';
import type { EndpointTaskAnswer, EndpointTaskAnswered, ExecutionEventsParams } from '../../../server/src/protocol';
import { ExecutionRunner } from '../../../server/src/execution/runner';
import { interpreter } from '../../../server/src/execution/interpreter';
import { getLanguageService } from '../../../server/src/languageService';

Object.assign(process.env, TEST_CREDENTIALS);
/** The processes the tests start reach loopback only too. */
const GUARDED = { ...process.env, NODE_OPTIONS: `--require ${path.join(__dirname, 'loopbackOnly.js')}` };

const sdkClient = (endpoint: string) => new SFNClient({ endpoint, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' } });

async function until<T>(find: () => T | undefined): Promise<T> {
  let found: T | undefined;
  while ((found = find()) === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
  return found;
}

/** AWS's error name and message of a refused call. */
async function refusal(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
  assert.fail('the call was not refused');
}

describe('.waitForTaskToken answered by a worker through a Step Functions API', () => {
  let endpoint: Endpoint;
  let sfn: SFNClient;
  let approver: string;
  const definition = () => JSON.stringify({
    StartAt: 'Ask',
    States: {
      Ask: {
        Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.waitForTaskToken', End: true, HeartbeatSeconds: 60,
        Parameters: { StateMachineArn: approver, Input: { 'token.$': '$$.Task.Token' } },
      },
    },
  });

  before(async () => {
    endpoint = await startEndpoint([], GUARDED, { ipc: true });
    sfn = endpoint.client();
    approver = (await sfn.send(new CreateStateMachineCommand({
      name: 'Approver', roleArn: ROLE, definition: JSON.stringify({ StartAt: 'Wait', States: { Wait: { Type: 'Pass', End: true } } }),
    }))).stateMachineArn!;
  });
  after(async () => {
    sfn.destroy();
    await endpoint.stop();
  });

  it('reaches a VS Code run through the local endpoint: heartbeat, success, and AWS\'s refusals word for word', async () => {
    const sent: ExecutionEventsParams[] = [];
    const runner = new ExecutionRunner(interpreter, getLanguageService(), (params) => sent.push(params), launchInChildProcess());
    // What the extension does with the endpoint's messages (client/src/localEndpoint/localEndpoint.ts).
    endpoint.process.on('message', ({ id, taskToken, answer }: EndpointTaskAnswer) => {
      const problem = runner.answerTask({ taskToken, answer });
      endpoint.process.send({ type: 'taskAnswered', id, ...(problem === undefined ? {} : { problem }) } satisfies EndpointTaskAnswered);
    });
    const run = (name: string) => runner.start({
      definition: { uri: `file:///w/${name}.asl.json`, text: definition() }, input: '{}', clock: 'virtual', callAws: { endpoints: { sfn: endpoint.url } },
    });
    const tokenOf = async (executionArn: string) => until(() => sent.filter((params) => params.executionArn === executionArn)
      .flatMap((params) => params.taskTokens ?? []).at(0));
    const outcomeOf = (executionArn: string) => until(() => sent.find((params) => params.executionArn === executionArn && params.outcome)?.outcome);

    const approved = await run('Approved');
    const rejected = await run('Rejected');
    assert.ok('started' in approved && 'started' in rejected, JSON.stringify([approved, rejected]));
    const approvedToken = await tokenOf(approved.started.executionArn);
    const rejectedToken = await tokenOf(rejected.started.executionArn);

    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: approvedToken.taskToken }));
    assert.equal(await refusal(sfn.send(new SendTaskSuccessCommand({ taskToken: approvedToken.taskToken, output: '{not json' }))),
      'InvalidOutput: Invalid State Machine Execution Output');
    assert.equal(await refusal(sfn.send(new SendTaskSuccessCommand({ taskToken: '00000000-0000-0000-0000-000000000000', output: '{}' }))),
      'TaskDoesNotExist: Task Does Not Exist');
    assert.equal(await refusal(sfn.send(new SendTaskHeartbeatCommand({ taskToken: 'not-a-token' }))), 'InvalidToken: Invalid Token: \'Invalid token\'');

    await sfn.send(new SendTaskSuccessCommand({ taskToken: approvedToken.taskToken, output: '{"approved":true}' }));
    await sfn.send(new SendTaskFailureCommand({ taskToken: rejectedToken.taskToken, error: 'Rejected', cause: 'Over budget' }));
    const approvedOutcome = await outcomeOf(approved.started.executionArn);
    assert.equal(approvedOutcome.status, 'SUCCEEDED', approvedOutcome.cause);
    assert.deepEqual(approvedOutcome.output, { approved: true });
    const rejectedOutcome = await outcomeOf(rejected.started.executionArn);
    assert.deepEqual([rejectedOutcome.status, rejectedOutcome.error, rejectedOutcome.cause], ['FAILED', 'Rejected', 'Over budget']);
    // The Task has its answer: its token is no longer valid.
    assert.equal(await refusal(sfn.send(new SendTaskSuccessCommand({ taskToken: approvedToken.taskToken, output: '{}' }))),
      'TaskDoesNotExist: Task Does Not Exist');
  });

  it('reaches a CLI run through --task-token-port, which prints each waiting token', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'token-port-'));
    const file = path.join(folder, 'approval.asl.json');
    fs.writeFileSync(file, definition());
    const cli = spawn(process.execPath, [CLI, 'run', file, '--json', '--call-aws', '--endpoint-url-sfn', endpoint.url, '--task-token-port', '0'],
      { env: GUARDED, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    cli.stdout.on('data', (chunk) => { stdout += chunk; });
    cli.stderr.on('data', (chunk) => { stderr += chunk; });
    const exited = new Promise<number | null>((resolve) => cli.once('exit', resolve));
    try {
      const port = await until(() => /SendTaskHeartbeat on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)?.[1]);
      const token = await until(() => /Task token of Ask: (\S+)/.exec(stderr)?.[1]);
      assert.match(stderr, /Ask\s+Step Functions StartExecution/, 'the plan lists the Task as calling AWS');
      const worker = sdkClient(port);
      try {
        assert.equal(await refusal(worker.send(new SendTaskSuccessCommand({ taskToken: token, output: '[' }))), 'InvalidOutput: Invalid State Machine Execution Output');
        await worker.send(new SendTaskHeartbeatCommand({ taskToken: token }));
        await worker.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"approved":"yes"}' }));
      } finally {
        worker.destroy();
      }
      assert.equal(await exited, 0, stderr);
      const result = JSON.parse(stdout);
      assert.deepEqual([result.status, result.output], ['SUCCEEDED', { approved: 'yes' }]);
    } finally {
      cli.kill();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
