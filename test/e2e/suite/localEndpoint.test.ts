// "ASL: Start Local Endpoint" in the real extension host: the Step Functions API starts for the
// workspace, answers the AWS JSON protocol, and stops with its command.
import * as assert from 'assert';
import * as http from 'http';
import * as vscode from 'vscode';
import { EndpointExecutions } from '../../../client/src/localEndpoint/endpointExecutions';
import { ExecutionsTree, OPEN_ENDPOINT_EXECUTION } from '../../../client/src/runs/tree';
import { extension } from './helpers';

function call(url: string, action: string, body: unknown): Promise<{ status?: number; body: any }> {
  const { hostname, port } = new URL(url);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: hostname, port, method: 'POST', path: '/', headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `AWSStepFunctions.${action}` } }, (response) => {
      let text = '';
      response.on('data', (chunk) => { text += chunk; });
      response.on('end', () => resolve({ status: response.statusCode, body: JSON.parse(text) }));
    });
    request.on('error', reject);
    request.end(payload);
  });
}

describe('local endpoint', () => {
  it('starts the Step Functions API for the workspace, runs a state machine on it, and stops', async () => {
    await extension().activate();
    // The fixture workspace's settings ask for any free port: 8083 may be taken where the tests run.
    const url = await vscode.commands.executeCommand<string | undefined>('aslWorkbench.startLocalEndpoint');
    assert.ok(url && /^http:\/\/127\.0\.0\.1:\d+$/.test(url), `the endpoint's URL: ${url}`);
    const created = await call(url, 'CreateStateMachine', {
      name: 'e2e', type: 'EXPRESS', roleArn: 'arn:aws:iam::123456789012:role/e2e',
      definition: JSON.stringify({ StartAt: 'Hello', States: { Hello: { Type: 'Pass', Result: 'world', End: true } } }),
    });
    assert.strictEqual(created.status, 200, JSON.stringify(created.body));
    const result = await call(url, 'StartSyncExecution', { stateMachineArn: created.body.stateMachineArn, input: '{}' });
    assert.deepStrictEqual([result.body.status, result.body.output], ['SUCCEEDED', '"world"']);
    const invalid = await call(url, 'CreateStateMachine', { name: 'bad', roleArn: 'r', definition: '{"StartAt": "Nowhere", "States": {}}' });
    assert.strictEqual(invalid.status, 400);
    assert.strictEqual(invalid.body.__type, 'InvalidDefinition');

    await vscode.commands.executeCommand('aslWorkbench.stopLocalEndpoint');
    await assert.rejects(call(url, 'ListStateMachines', {}), /ECONNREFUSED/);
  });

  it('lists the endpoint\'s executions in the executions list and opens one in the execution view', async () => {
    await extension().activate();
    const url = await vscode.commands.executeCommand<string | undefined>('aslWorkbench.startLocalEndpoint');
    assert.ok(url, 'the endpoint started');
    const endpoint = new EndpointExecutions();
    try {
      const created = await call(url, 'CreateStateMachine', {
        name: 'e2e-listed', roleArn: 'arn:aws:iam::123456789012:role/e2e',
        definition: JSON.stringify({ StartAt: 'Hello', States: { Hello: { Type: 'Pass', Result: 'listed', End: true } } }),
      });
      const started = await call(url, 'StartExecution', { stateMachineArn: created.body.stateMachineArn, name: 'through-the-sdk', input: '{"n": 1}' });
      while ((await call(url, 'DescribeExecution', { executionArn: started.body.executionArn })).body.status === 'RUNNING') await new Promise((resolve) => setTimeout(resolve, 20));

      // The list as the view builds it, from the endpoint's own API.
      endpoint.follow(url);
      await endpoint.refresh();
      const tree = new ExecutionsTree(extension().exports.runs.store, endpoint);
      const endpointNode = tree.getChildren().find((node) => node.kind === 'endpoint');
      assert.ok(endpointNode, 'the list has a node for the endpoint');
      assert.match(String(tree.getTreeItem(endpointNode).description), new RegExp(`^${url.replace(/\./g, '\\.')} · 1 execution$`));
      const items = tree.getChildren(endpointNode).map((node) => tree.getTreeItem(node));
      assert.deepStrictEqual(items.map((item) => [item.label, String(item.description).split(' · ').slice(0, 2)]), [['through-the-sdk', ['e2e-listed', 'Succeeded']]]);
      const open = items[0].command!;
      assert.strictEqual(open.command, OPEN_ENDPOINT_EXECUTION);

      // Opened by the extension's own command, in the execution view.
      await vscode.commands.executeCommand(open.command, ...(open.arguments ?? []));
      // The extension host learns of new tabs after the workbench has opened them.
      let tabs: vscode.Tab[] = [];
      let tab: vscode.Tab | undefined;
      for (let tries = 0; !tab && tries < 200; tries++) {
        if (tries) await new Promise((resolve) => setTimeout(resolve, 50));
        tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs);
        tab = tabs.find((candidate) => candidate.label === 'Execution: through-the-sdk');
      }
      assert.ok(tab && tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('aslWorkbench.execution'),
        `the execution view shows it; the tabs: ${tabs.map((candidate) => `${candidate.label} (${(candidate.input as { viewType?: string })?.viewType})`).join(', ')}`);
      await vscode.window.tabGroups.close(tab);
    } finally {
      endpoint.dispose();
      await vscode.commands.executeCommand('aslWorkbench.stopLocalEndpoint');
    }
  });

  it('takes a worker\'s SendTaskSuccess for a VS Code hybrid run\'s .waitForTaskToken Task, and refuses a token nothing waits for', async () => {
    const workbench = await extension().activate();
    const url = await vscode.commands.executeCommand<string | undefined>('aslWorkbench.startLocalEndpoint');
    assert.ok(url, 'the endpoint started');
    try {
      // The endpoint stands in for Step Functions too: the Task starts an execution there carrying its token.
      const approver = await call(url, 'CreateStateMachine', {
        name: 'e2e-approver', roleArn: 'arn:aws:iam::123456789012:role/e2e',
        definition: JSON.stringify({ StartAt: 'Wait', States: { Wait: { Type: 'Pass', End: true } } }),
      });
      const machineUri = vscode.Uri.parse('untitled:/approval.asl.json');
      const started = await workbench.runs.start(machineUri, {
        definition: {
          uri: machineUri.toString(), text: JSON.stringify({
            StartAt: 'Ask',
            States: { Ask: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.waitForTaskToken', End: true, Parameters: { StateMachineArn: approver.body.stateMachineArn, Input: { 'token.$': '$$.Task.Token' } } } },
          }),
        },
        input: '{}', clock: 'virtual', callAws: { endpoints: { sfn: url } },
      });
      assert.ok('started' in started, JSON.stringify(started));
      const { executionArn } = started.started;
      // The worker: two refused answers, then the one the Task takes.
      const answers: unknown[] = [];
      const answer = async (taskToken: string) => {
        answers.push((await call(url, 'SendTaskSuccess', { taskToken: '00000000-0000-0000-0000-000000000000', output: '{}' })).body);
        answers.push((await call(url, 'SendTaskSuccess', { taskToken, output: '{oops' })).body);
        answers.push((await call(url, 'SendTaskSuccess', { taskToken, output: '{"approved":true}' })).body);
      };
      let answering: Promise<void> | undefined;
      const ended = new Promise<{ status: string; output?: unknown }>((resolve) => {
        let token: string | undefined;
        const live = workbench.runs.subscribe(executionArn, (update) => {
          const waiting = update.taskTokens?.[0]?.taskToken;
          if (waiting && !token) answering = answer(token = waiting);
          if (update.outcome) resolve(update.outcome);
        });
        assert.ok(live, 'the run is live');
        const already = live.history.taskTokens?.[0]?.taskToken;
        if (already && !token) answering = answer(token = already);
      });
      const outcome = await ended;
      await answering;
      assert.deepStrictEqual([outcome.status, outcome.output], ['SUCCEEDED', { approved: true }]);
      assert.deepStrictEqual(answers, [
        { __type: 'TaskDoesNotExist', message: 'Task Does Not Exist' },
        { __type: 'InvalidOutput', message: 'Invalid State Machine Execution Output' },
        {},
      ]);
    } finally {
      await vscode.commands.executeCommand('aslWorkbench.stopLocalEndpoint');
    }
  });
});
