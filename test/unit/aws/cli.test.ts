// `run --call-aws` and `serve --call-aws` as users run them (the built CLI): the plan of AWS calls
// first, then the run, its calls reaching dynalite on loopback; the CLI and its execution's process
// behind the loopback guard.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, it } from 'node:test';
import { CreateTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { TEST_CREDENTIALS } from './loopbackOnly';
import { startDynalite, type StandIn } from './standIns';
import { CreateStateMachineCommand, DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { CLI, ROLE, startEndpoint } from '../apiServer/endpoint';

Object.assign(process.env, TEST_CREDENTIALS);
const GUARD = path.join(__dirname, 'loopbackOnly.js');

let dynamo: StandIn;
let folder: string;
before(async () => {
  dynamo = await startDynalite();
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'call-aws-'));
  const client = new DynamoDBClient({ endpoint: dynamo.url });
  await client.send(new CreateTableCommand({
    TableName: 'Orders', BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  }));
  client.destroy();
});
after(async () => {
  await dynamo.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

/** The CLI's exit status and output; asynchronous, for dynalite answers from this process. */
async function cli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    return { status: 0, ...await promisify(execFile)(process.execPath, [CLI, ...args], { env: { ...process.env, NODE_OPTIONS: `--require ${GUARD}` }, encoding: 'utf8' }) };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { status: code, stdout, stderr };
  }
}

it('lists the states that will call AWS, then calls them: the item is in the table afterwards', async () => {
  const definition = path.join(folder, 'orders.asl.json');
  fs.writeFileSync(definition, JSON.stringify({
    StartAt: 'Save',
    States: {
      Save: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: 'Orders', Item: { id: { 'S.$': '$.id' } } }, ResultPath: null, Next: 'Notify' },
      Notify: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:kinesis:putRecord', Parameters: { StreamName: 's', Data: 'x', PartitionKey: 'p' }, End: true },
    },
  }));
  const result = await cli(['run', definition, '--input-json', '{"id":"o-9"}', '--call-aws', '--endpoint-url-dynamodb', dynamo.url, '--json']);
  assert.match(result.stderr, /^Hybrid run: these states call AWS\n {2}Save +DynamoDB PutItem +arn:aws:states:::dynamodb:putItem\n {2}Notify +not called: the extension ships no SDK client for kinesis \(it has: dynamodb, s3, lambda, sqs, sns, eventbridge, sfn\)/);
  const run = JSON.parse(result.stdout);
  // Save reached the table; Notify, which nothing serves, fails as an unserved Task does.
  assert.equal(run.status, 'FAILED');
  assert.deepEqual(run.events.filter((e: { type: string }) => /^Task(Succeeded|Failed)$/.test(e.type)).map((e: { type: string }) => e.type), ['TaskSucceeded', 'TaskFailed']);
  const client = new DynamoDBClient({ endpoint: dynamo.url });
  const stored = await client.send(new GetItemCommand({ TableName: 'Orders', Key: { id: { S: 'o-9' } } }));
  client.destroy();
  assert.deepEqual(stored.Item, { id: { S: 'o-9' } });
});

it('refuses an endpoint for a service it does not call, and endpoints without --call-aws', async () => {
  const unknown = await cli(['run', '--template', 'hello-world', '--call-aws', '--endpoint-url-kinesis', dynamo.url]);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /no service 'kinesis' to call \(there are: dynamodb, s3, lambda, sqs, sns, eventbridge, sfn\)/);
  const without = await cli(['run', '--template', 'hello-world', '--endpoint-url-dynamodb', dynamo.url]);
  assert.equal(without.status, 2);
  assert.match(without.stderr, /--region and --endpoint-url-<service> need --call-aws/);
  const notUrl = await cli(['run', '--template', 'hello-world', '--call-aws', '--endpoint-url-dynamodb', 'localhost:8000']);
  assert.equal(notUrl.status, 2);
  assert.match(notUrl.stderr, /^asl-workbench run: --endpoint-url-dynamodb is an http\(s\) URL, not localhost:8000\n/);
});

it('serve --call-aws: the local endpoint\'s executions call AWS for the Tasks nothing local serves', async () => {
  const endpoint = await startEndpoint(['--call-aws', '--endpoint-url-dynamodb', dynamo.url], { NODE_OPTIONS: `--require ${GUARD}` });
  const sfn = endpoint.client();
  try {
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({
      name: 'Save', roleArn: ROLE, definition: JSON.stringify({
        StartAt: 'Save', States: { Save: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: 'Orders', Item: { id: { 'S.$': '$.id' } } }, End: true } },
      }),
    }));
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ id: 'served-1' }) }));
    let described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    while (described.status === 'RUNNING') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    }
    assert.equal(described.status, 'SUCCEEDED', described.cause);
    const client = new DynamoDBClient({ endpoint: dynamo.url });
    const stored = await client.send(new GetItemCommand({ TableName: 'Orders', Key: { id: { S: 'served-1' } } }));
    client.destroy();
    assert.deepEqual(stored.Item, { id: { S: 'served-1' } });
  } finally {
    sfn.destroy();
    await endpoint.stop();
  }
});
