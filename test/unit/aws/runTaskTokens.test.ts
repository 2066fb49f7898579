// `.waitForTaskToken` in a hybrid run as VS Code starts one (its own process, launch.ts): the call
// carries the token (StartExecution on the project's API server, standing in for Step Functions), the
// run tells which token waits, and the answer sent to the run (the execution view's Send success /
// Send failure) ends the Task. The runner refuses tokens that do not wait.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { CreateStateMachineCommand, DescribeExecutionCommand, ListExecutionsCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { TEST_CREDENTIALS } from './loopbackOnly';
import { ROLE, startEndpoint, type Endpoint } from '../apiServer/endpoint';
import { launchInChildProcess, type LaunchRequest } from '../../../server/src/execution/launch';
import type { WaitingTaskToken } from '../../../server/src/protocol';
import { ExecutionRunner } from '../../../server/src/execution/runner';
import { interpreter } from '../../../server/src/execution/interpreter';
import { getLanguageService } from '../../../server/src/languageService';

Object.assign(process.env, TEST_CREDENTIALS);

describe('.waitForTaskToken in hybrid runs started from VS Code', () => {
  let endpoint: Endpoint;
  let sfn: SFNClient;
  let child: string;
  const definition = (heartbeat?: number) => ({
    StartAt: 'Ask',
    States: {
      Ask: {
        Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.waitForTaskToken', End: true, ...(heartbeat ? { HeartbeatSeconds: heartbeat } : {}),
        Parameters: { StateMachineArn: child, Input: { 'token.$': '$$.Task.Token' } },
      },
    },
  });

  before(async () => {
    endpoint = await startEndpoint();
    sfn = endpoint.client();
    child = (await sfn.send(new CreateStateMachineCommand({
      name: 'Approver', roleArn: ROLE, definition: JSON.stringify({ StartAt: 'Wait', States: { Wait: { Type: 'Pass', End: true } } }),
    }))).stateMachineArn!;
  });
  after(async () => {
    sfn.destroy();
    await endpoint.stop();
  });

  it('tells the waiting token, which the started execution received, and ends the Task with the answer sent to the run', async () => {
    const told: WaitingTaskToken[][] = [];
    let waiting!: (token: WaitingTaskToken) => void;
    const firstToken = new Promise<WaitingTaskToken>((resolve) => { waiting = resolve; });
    const request: LaunchRequest = {
      definition: definition(), input: {}, stateMachineName: 'Hybrid', clock: 'virtual', host: 'vscode',
      callAws: { endpoints: { sfn: endpoint.url } }, answersTaskTokens: true,
    };
    const launched = await launchInChildProcess()(request, () => undefined, undefined, (tokens) => {
      told.push(tokens);
      if (tokens[0]) waiting(tokens[0]);
    });
    const { stateName, taskToken } = await firstToken;
    assert.equal(stateName, 'Ask');
    const [started] = (await sfn.send(new ListExecutionsCommand({ stateMachineArn: child }))).executions!;
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    assert.deepEqual(JSON.parse(described.input!), { token: taskToken });
    launched.answer!(taskToken, { heartbeat: true });
    launched.answer!(taskToken, { output: '{"approved":true}' });
    const { outcome } = await launched.done;
    assert.equal(outcome.status, 'SUCCEEDED', outcome.cause);
    assert.deepEqual(outcome.output, { approved: true });
    assert.deepEqual(outcome.calledAws, ['Ask']);
    assert.deepEqual(told.at(-1), [], 'no token waits once the Task has its answer');
  });

  it('answers through the runner: a failure ends the run with its error and cause; an unknown token or invalid output is refused as AWS words it', async () => {
    const sent: { taskTokens?: WaitingTaskToken[]; outcome?: unknown }[] = [];
    const runner = new ExecutionRunner(interpreter, getLanguageService(), (params) => sent.push(params), launchInChildProcess());
    const started = await runner.start({
      definition: { uri: 'file:///w/hybrid.asl.json', text: JSON.stringify(definition(60)) }, input: '{}', clock: 'virtual',
      callAws: { endpoints: { sfn: endpoint.url } },
    });
    assert.ok('started' in started, JSON.stringify(started));
    const { executionArn } = started.started;
    let token: WaitingTaskToken | undefined;
    while (!(token = sent.flatMap((params) => params.taskTokens ?? []).at(0))) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(runner.answerTask({ executionArn, taskToken: '00000000-0000-0000-0000-000000000000', answer: { output: '{}' } }), 'TaskDoesNotExist: Task Does Not Exist');
    assert.equal(runner.answerTask({ executionArn, taskToken: token.taskToken, answer: { output: '{not json' } }), 'InvalidOutput: Invalid State Machine Execution Output');
    assert.equal(runner.answerTask({ executionArn, taskToken: token.taskToken, answer: { error: 'Rejected', cause: 'Over budget' } }), undefined);
    let outcome: Record<string, unknown> | undefined;
    while (!(outcome = sent.find((params) => params.outcome)?.outcome as Record<string, unknown> | undefined)) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual([outcome.status, outcome.error, outcome.cause], ['FAILED', 'Rejected', 'Over budget']);
  });
});
