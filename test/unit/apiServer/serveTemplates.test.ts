// `serve --template`: a template's machines are there at start, under their logical ids, with the
// template's values in their placeholders; the AWS SDK calls them as it would the deployed stack.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DescribeStateMachineCommand, ListStateMachinesCommand, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { CLI, startEndpoint } from './endpoint';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-serve-templates-'));
const SQS_PATTERN = path.resolve(__dirname, '../../../../test/fixtures/templates/serverless-patterns/sfn-sqs/template.yaml');

const GREETER = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  HelloFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
  Greeter:
    Type: AWS::Serverless::StateMachine
    Properties:
      Type: EXPRESS
      DefinitionSubstitutions:
        HelloArn: !GetAtt HelloFunction.Arn
      Definition:
        StartAt: Greet
        States:
          Greet:
            Type: Pass
            Parameters:
              function: \${HelloArn}
              name.$: $.name
            End: true
`;

test('serve --template creates each machine of the templates under its logical id, placeholders filled; the SDK runs them', async () => {
  const greeter = path.join(work, 'template.yaml');
  fs.writeFileSync(greeter, GREETER);
  const endpoint = await startEndpoint(['--template', greeter, '--template', SQS_PATTERN]);
  try {
    const sfn = endpoint.client();
    const names = (await sfn.send(new ListStateMachinesCommand({}))).stateMachines!.map((machine) => [machine.name, machine.type]);
    assert.deepEqual(names.sort(), [['Greeter', 'EXPRESS'], ['StateMachinetoSQS', 'STANDARD']]);
    assert.match(endpoint.output(), /Created arn:aws:states:us-east-1:123456789012:stateMachine:Greeter from .*template\.yaml\n/);
    const arn = 'arn:aws:states:us-east-1:123456789012:stateMachine:Greeter';
    const run = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: arn, input: '{"name":"Ada"}' }));
    assert.equal(run.status, 'SUCCEEDED');
    assert.deepEqual(JSON.parse(run.output!), { function: 'arn:aws:lambda:us-east-1:123456789012:function:HelloFunction', name: 'Ada' });
    // The definition as CreateStateMachine got it: JSON, the placeholder's value in place.
    const sqs = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:StateMachinetoSQS' }));
    const queueUrl = (JSON.parse(sqs.definition!) as { States: { SendToMyQueue: { Parameters: { QueueUrl: unknown } } } }).States.SendToMyQueue.Parameters.QueueUrl;
    assert.equal(typeof queueUrl, 'string');
    assert.match(queueUrl as string, /MyQueue/);
  } finally {
    assert.equal(await endpoint.stop(), 0);
  }
});

test('serve --template refuses to start when a machine cannot be created, naming it where the template says it', () => {
  const broken = path.join(work, 'broken.template.yaml');
  fs.writeFileSync(broken, GREETER.replace('StartAt: Greet', 'StartAt: Missing'));
  const served = spawnSync(process.execPath, [CLI, 'serve', '--port', '0', '--template', broken], { encoding: 'utf8' });
  assert.equal(served.status, 1);
  const line = GREETER.split('\n').findIndex((text) => text.includes('StartAt: Greet')) + 1;
  assert.match(served.stderr, new RegExp(`these state machines cannot be created:\\n.*broken\\.template\\.yaml:${line}:\\d+ error .*Missing`));
  assert.doesNotMatch(served.stdout, /listening/);
  const plain = path.join(work, 'config.yaml');
  fs.writeFileSync(plain, 'name: not a template\n');
  const notTemplate = spawnSync(process.execPath, [CLI, 'serve', '--port', '0', '--template', plain], { encoding: 'utf8' });
  assert.equal(notTemplate.status, 1);
  assert.match(notTemplate.stderr, /config\.yaml is not a template holding a state machine/);
});
