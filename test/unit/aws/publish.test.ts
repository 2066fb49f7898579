// Publish and Download against the project's own API server (`serve`, the built CLI) on loopback: a
// machine created, updated after its diff, a version published and an alias moved, refusals that send
// nothing, AWS's errors word for word; the roles and the account from IAM and STS through the SDK's
// own request path (aws-sdk-client-mock), since no stand-in serves them.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { mockClient } from 'aws-sdk-client-mock';
import { DescribeStateMachineAliasCommand, DescribeStateMachineCommand, ListStateMachinesCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { IAMClient, IAMServiceException, ListRolesCommand } from '@aws-sdk/client-iam';
import { parse as parseYaml } from 'yaml';
import { TEST_CREDENTIALS } from './loopbackOnly';
import { ROLE, startEndpoint, type Endpoint } from '../apiServer/endpoint';
import { analyzeDefinitionText } from '../../../server/src/cli/definitionFile';
import { previewPublish, publish, targetIdentity, type AnalyzeAs } from '../../../server/src/execution/remote/publish';
import { deployedMachines, downloadDefinition } from '../../../server/src/execution/remote/download';
import type { PublishParams, RemoteTarget } from '../../../server/src/protocol';

Object.assign(process.env, TEST_CREDENTIALS);

let endpoint: Endpoint;
let sfn: SFNClient;
let target: RemoteTarget;
before(async () => {
  endpoint = await startEndpoint();
  sfn = endpoint.client();
  target = { kind: 'endpoint', url: endpoint.url };
});
after(async () => {
  sfn.destroy();
  assert.equal(await endpoint.stop(), 0, endpoint.output());
});

function machine(result: unknown, extra: Record<string, unknown> = {}) {
  return { Comment: 'orders', StartAt: 'Price', States: { Price: { Type: 'Pass', Result: result, End: true, ...extra } } };
}

/** The definition's analysis by a type's rules (as the language server gives it), and what to publish. */
function params(file: string, value: unknown, more: Partial<PublishParams> = {}): { analysis: AnalyzeAs; params: PublishParams } {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return { analysis: (machineType) => analyzeDefinitionText(file, text, { machineType }), params: { definition: { uri: file, text }, target, stateMachine: 'Orders', ...more } };
}

async function deployedDefinition(name: string): Promise<unknown> {
  const { stateMachines } = await sfn.send(new ListStateMachinesCommand({}));
  const arn = stateMachines!.find((candidate) => candidate.name === name)!.stateMachineArn;
  return JSON.parse((await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn })))!.definition!);
}

describe('publish', () => {
  it('creates a machine not deployed, the whole definition as the diff', async () => {
    const { analysis, params: request } = params('/work/orders.asl.json', machine(1), { roleArn: ROLE, type: 'EXPRESS' });
    const preview = await previewPublish(analysis, request);
    assert.ok('diff' in preview, JSON.stringify(preview));
    assert.equal(preview.deployed, undefined);
    assert.equal(preview.equal, false);
    assert.match(preview.diff, /^--- not deployed\n\+\+\+ local \/work\/orders\.asl\.json\n@@ -0,0 \+1,11 @@\n\+\{\n/);
    const result = await publish(analysis, request);
    assert.deepEqual(result, { stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders', created: true });
    assert.deepEqual(await deployedDefinition('Orders'), machine(1));
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: result.stateMachineArn }));
    assert.equal(described.type, 'EXPRESS');
    assert.equal(described.roleArn, ROLE);
  });

  it('updates it after a diff of the deployed definition against ours, and finds nothing to change afterwards', async () => {
    const { analysis, params: request } = params('/work/orders.asl.json', machine(2));
    const preview = await previewPublish(analysis, request);
    assert.ok('diff' in preview && preview.deployed, JSON.stringify(preview));
    assert.equal(preview.deployed.type, 'EXPRESS');
    assert.equal(preview.diff, [
      '--- deployed arn:aws:states:us-east-1:123456789012:stateMachine:Orders',
      '+++ local /work/orders.asl.json',
      '@@ -4,7 +4,7 @@',
      '   "States": {',
      '     "Price": {',
      '       "End": true,',
      '-      "Result": 1,',
      '+      "Result": 2,',
      '       "Type": "Pass"',
      '     }',
      '   }',
      '',
    ].join('\n'));
    assert.deepEqual(await publish(analysis, request), { stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders', created: false });
    assert.deepEqual(await deployedDefinition('Orders'), machine(2));
    // Another key order and a YAML source are the same definition.
    const yaml = params('/work/orders.asl.yaml', 'States:\n  Price: {End: true, Result: 2, Type: Pass}\nStartAt: Price\nComment: orders\n');
    const again = await previewPublish(yaml.analysis, yaml.params);
    assert.ok('equal' in again && again.equal && again.diff === '', JSON.stringify(again));
  });

  it('publishes a version and moves the alias to each new one', async () => {
    const first = params('/work/orders.asl.json', machine(3), { publishVersion: true, versionDescription: 'three', alias: 'live' });
    const published = await publish(first.analysis, first.params);
    assert.ok('versionArn' in published, JSON.stringify(published));
    assert.equal(published.versionArn, 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders:1');
    assert.equal(published.aliasArn, 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders:live');
    const second = params('/work/orders.asl.json', machine(4), { publishVersion: true, alias: 'live' });
    const moved = await publish(second.analysis, second.params);
    assert.ok('versionArn' in moved, JSON.stringify(moved));
    assert.equal(moved.versionArn, 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders:2');
    const alias = await sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: moved.aliasArn }));
    assert.deepEqual(alias.routingConfiguration, [{ stateMachineVersionArn: moved.versionArn, weight: 100 }]);
    const version1 = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: published.versionArn }));
    assert.deepEqual(JSON.parse(version1.definition!), machine(3));
  });

  it('refuses, sending nothing, while placeholders remain: each listed at its place', async () => {
    const text = '{\n  "StartAt": "Call",\n  "States": {\n    "Call": { "Type": "Task", "Resource": "${PriceFunctionArn}", "TimeoutSeconds": "${Timeout}", "End": true }\n  }\n}';
    const { analysis, params: request } = params('/work/placeholders.asl.json', text, { stateMachine: 'Placeholders', roleArn: ROLE });
    for (const answer of [await previewPublish(analysis, request), await publish(analysis, request)]) {
      assert.ok('refused' in answer && answer.refused === 'placeholders', JSON.stringify(answer));
      assert.deepEqual(answer.problems.map(({ message, range }) => `${range!.start.line + 1}: ${message}`), [
        '4: unresolved placeholder ${PriceFunctionArn}',
        '4: unresolved placeholder ${Timeout}',
      ]);
    }
    const { stateMachines } = await sfn.send(new ListStateMachinesCommand({}));
    assert.ok(!stateMachines!.some((candidate) => candidate.name === 'Placeholders'));
  });

  it('checks an update by the deployed machine\'s type: EXPRESS refuses .waitForTaskToken', async () => {
    const waits = { StartAt: 'Wait', States: { Wait: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl: 'q', 'MessageBody.$': '$$.Task.Token' }, End: true } } };
    const { analysis, params: request } = params('/work/orders.asl.json', waits);
    for (const answer of [await previewPublish(analysis, request), await publish(analysis, request)]) {
      assert.ok('refused' in answer && answer.refused === 'errors', JSON.stringify(answer));
      assert.match(answer.problems[0].message, /waitForTaskToken/);
    }
    assert.deepEqual(await deployedDefinition('Orders'), machine(4));
  });

  it('refuses a definition with errors, located', async () => {
    const { analysis, params: request } = params('/work/broken.asl.json', { StartAt: 'Missing', States: { A: { Type: 'Pass', End: true } } }, { stateMachine: 'Broken', roleArn: ROLE });
    const answer = await publish(analysis, request);
    assert.ok('refused' in answer && answer.refused === 'errors', JSON.stringify(answer));
    assert.match(answer.problems[0].message, /Missing/);
    assert.ok(answer.problems[0].range);
  });

  it('reports AWS\'s refusal with its code and message, never as success', async () => {
    const { analysis, params: request } = params('/work/orders.asl.json', machine(5), { stateMachine: 'Bad Name!', roleArn: ROLE });
    const answer = await publish(analysis, request);
    assert.ok('failure' in answer, JSON.stringify(answer));
    assert.equal(answer.failure.code, 'InvalidName');
    assert.match(answer.failure.message, /Bad Name!/);
    const unreachable = await previewPublish(analysis, { ...request, target: { kind: 'endpoint', url: 'http://127.0.0.1:9' } });
    assert.ok('failure' in unreachable && unreachable.failure.code === 'ECONNREFUSED', JSON.stringify(unreachable));
  });
});

describe('download', () => {
  it('writes the deployed definition as pretty JSON in its own key order, or as YAML', async () => {
    const json = await downloadDefinition({ target, stateMachine: 'Orders', format: 'json' });
    assert.ok('text' in json, JSON.stringify(json));
    assert.equal(json.text, `${JSON.stringify(machine(4), null, 2)}\n`);
    const yaml = await downloadDefinition({ target, stateMachine: 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders:1', format: 'yaml' });
    assert.ok('text' in yaml, JSON.stringify(yaml));
    assert.deepEqual(parseYaml(yaml.text), machine(3));
    assert.match(yaml.text, /^Comment: orders\nStartAt: Price\n/);
  });

  it('lists the machines to download from, by name', async () => {
    assert.deepEqual(await deployedMachines(target), [{ name: 'Orders', stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders', type: 'EXPRESS' }]);
    const unreachable = await deployedMachines({ kind: 'endpoint', url: 'http://127.0.0.1:9' });
    assert.ok('failure' in unreachable && unreachable.failure.code === 'ECONNREFUSED', JSON.stringify(unreachable));
  });

  it('answers AWS\'s error for a machine that does not exist', async () => {
    const byArn = await downloadDefinition({ target, stateMachine: 'arn:aws:states:us-east-1:123456789012:stateMachine:Nope', format: 'json' });
    assert.deepEqual(byArn, { failure: { code: 'StateMachineDoesNotExist', message: 'State Machine Does Not Exist: \'arn:aws:states:us-east-1:123456789012:stateMachine:Nope\' on ' + endpoint.url } });
    const malformed = await downloadDefinition({ target, stateMachine: 'arn:aws:states:nope', format: 'json' });
    assert.ok('failure' in malformed && malformed.failure.code === 'InvalidArn', JSON.stringify(malformed));
  });
});

describe('the target\'s identity and roles', () => {
  it('names a local endpoint that serves no STS or IAM, and asks for the role to be typed', async () => {
    const identity = await targetIdentity(target);
    assert.ok(!('failure' in identity), JSON.stringify(identity));
    assert.equal(identity.label, `local endpoint ${endpoint.url}`);
    assert.equal(identity.account, undefined);
    assert.deepEqual(identity.roles, []);
    assert.equal(identity.rolesUnavailable, `${endpoint.url} serves no IAM`);
  });

  it('gives the account from STS, and the roles Step Functions may assume first', async () => {
    const sts = mockClient(STSClient);
    const iam = mockClient(IAMClient);
    try {
      sts.on(GetCallerIdentityCommand).resolves({ Account: '210987654321', Arn: 'arn:aws:iam::210987654321:user/dev', UserId: 'AID' });
      const trust = (service: string) => encodeURIComponent(JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] }));
      const role = (name: string, service: string) => ({ RoleName: name, Arn: `arn:aws:iam::210987654321:role/${name}`, Path: '/', RoleId: name, CreateDate: new Date(0), AssumeRolePolicyDocument: trust(service) });
      iam.on(ListRolesCommand, { Marker: undefined }).resolves({ Roles: [role('LambdaRole', 'lambda.amazonaws.com'), role('OrdersRole', 'states.amazonaws.com')], IsTruncated: true, Marker: 'm2' });
      iam.on(ListRolesCommand, { Marker: 'm2' }).resolves({ Roles: [role('AnotherStatesRole', 'states.amazonaws.com')], IsTruncated: false });
      const identity = await targetIdentity({ kind: 'aws', region: 'eu-west-1' });
      assert.ok(!('failure' in identity), JSON.stringify(identity));
      assert.equal(identity.account, '210987654321');
      assert.equal(identity.region, 'eu-west-1');
      assert.deepEqual(identity.roles.map(({ name, trustsStepFunctions }) => `${name} ${trustsStepFunctions}`), ['AnotherStatesRole true', 'OrdersRole true', 'LambdaRole false']);
      // Roles AWS will not list are typed instead, with AWS's reason.
      const message = 'User: arn:aws:iam::210987654321:user/dev is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::210987654321:role/';
      iam.on(ListRolesCommand).rejects(new IAMServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 }, message }));
      const denied = await targetIdentity({ kind: 'aws', region: 'eu-west-1' });
      assert.ok(!('failure' in denied), JSON.stringify(denied));
      assert.equal(denied.rolesUnavailable, `AccessDenied: ${message}`);
    } finally {
      sts.restore();
      iam.restore();
    }
  });
});
