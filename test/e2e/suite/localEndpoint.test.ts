// "ASL: Start Local Endpoint" in the real extension host: the Step Functions API starts for the
// workspace, answers the AWS JSON protocol, and stops with its command.
import * as assert from 'assert';
import * as http from 'http';
import * as vscode from 'vscode';
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
});
