// Hybrid runs: the Tasks no mock or handler serves call the real service's API, here dynalite and
// s3rver on loopback, read back after the run; errors named as Step Functions names them.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import * as net from 'node:net';
import { DynamoDBClient, GetItemCommand, CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { S3Client, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { NonLoopbackConnection, TEST_CREDENTIALS } from './loopbackOnly';
import { startDynalite, startS3rver, type StandIn } from './standIns';
import { runHybrid } from './hybridRun';

Object.assign(process.env, TEST_CREDENTIALS);

describe('the loopback guard', () => {
  it('fails a connection to any address but loopback', () => {
    assert.throws(() => net.connect(443, '192.0.2.1'), NonLoopbackConnection);
    assert.throws(() => net.connect({ host: 'states.us-east-1.amazonaws.com', port: 443 }), NonLoopbackConnection);
  });
});

describe('hybrid runs against DynamoDB (dynalite)', () => {
  let dynamo: StandIn;
  let client: DynamoDBClient;
  before(async () => {
    dynamo = await startDynalite();
    client = new DynamoDBClient({ endpoint: dynamo.url });
    await client.send(new CreateTableCommand({
      TableName: 'Orders', BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    }));
  });
  after(async () => {
    client.destroy();
    await dynamo.stop();
  });

  it('puts, updates, gets, queries and deletes items through the optimized integrations, as the table shows afterwards', async () => {
    const outcome = await runHybrid({
      Put: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: 'Orders', Item: { id: { S: 'o-1' }, amount: { N: '5' } } }, ResultPath: '$.put', Next: 'Update' },
      Update: {
        Type: 'Task', Resource: 'arn:aws:states:::dynamodb:updateItem', ResultPath: '$.update', Next: 'Get',
        Parameters: { TableName: 'Orders', Key: { id: { S: 'o-1' } }, UpdateExpression: 'SET amount = :t', ExpressionAttributeValues: { ':t': { 'N.$': '$.amount' } }, ReturnValues: 'UPDATED_NEW' },
      },
      Get: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:getItem', Parameters: { TableName: 'Orders', Key: { id: { S: 'o-1' } } }, ResultSelector: { 'item.$': '$.Item', 'status.$': '$.SdkHttpMetadata.HttpStatusCode' }, ResultPath: '$.get', Next: 'Query' },
      Query: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:dynamodb:query', Parameters: { TableName: 'Orders', KeyConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': { S: 'o-1' } } }, ResultSelector: { 'count.$': '$.Count' }, ResultPath: '$.query', End: true },
    }, { amount: '7' }, { endpoints: { dynamodb: dynamo.url } });
    assert.equal(outcome.status, 'SUCCEEDED', outcome.cause);
    const output = outcome.output as Record<string, any>;
    assert.deepEqual(output.update.Attributes, { amount: { N: '7' } });
    assert.deepEqual(output.get, { item: { id: { S: 'o-1' }, amount: { N: '7' } }, status: 200 });
    assert.deepEqual(output.query, { count: 1 });
    assert.deepEqual(Object.keys(output.put).sort(), ['SdkHttpMetadata', 'SdkResponseMetadata']);
    const stored = await client.send(new GetItemCommand({ TableName: 'Orders', Key: { id: { S: 'o-1' } } }));
    assert.deepEqual(stored.Item, { id: { S: 'o-1' }, amount: { N: '7' } });

    const deleted = await runHybrid({
      Delete: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:deleteItem', Parameters: { TableName: 'Orders', Key: { id: { S: 'o-1' } } }, End: true },
    }, {}, { endpoints: { dynamodb: dynamo.url } });
    assert.equal(deleted.status, 'SUCCEEDED', deleted.cause);
    assert.equal((await client.send(new GetItemCommand({ TableName: 'Orders', Key: { id: { S: 'o-1' } } }))).Item, undefined);
  });

  it('names a failed condition DynamoDB.ConditionalCheckFailedException (DynamoDb. for the SDK integration), so that Catch takes it', async () => {
    const putOnce = (resource: string) => ({
      Type: 'Task', Resource: resource, Parameters: { TableName: 'Orders', Item: { id: { S: 'o-2' } }, ConditionExpression: 'attribute_not_exists(id)' },
    });
    const outcome = await runHybrid({
      First: { ...putOnce('arn:aws:states:::dynamodb:putItem'), ResultPath: null, Next: 'Again' },
      Again: { ...putOnce('arn:aws:states:::dynamodb:putItem'), Catch: [{ ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], ResultPath: '$.optimized', Next: 'ThroughSdk' }], End: true },
      ThroughSdk: { ...putOnce('arn:aws:states:::aws-sdk:dynamodb:putItem'), Catch: [{ ErrorEquals: ['DynamoDb.ConditionalCheckFailedException'], ResultPath: '$.sdk', Next: 'Done' }], End: true },
      Done: { Type: 'Succeed' },
    }, {}, { endpoints: { dynamodb: dynamo.url } });
    assert.equal(outcome.status, 'SUCCEEDED', outcome.cause);
    const output = outcome.output as Record<string, { Error: string; Cause: string }>;
    assert.equal(output.optimized.Error, 'DynamoDB.ConditionalCheckFailedException');
    assert.match(output.optimized.Cause, /^The conditional request failed \(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException; Request ID: \S+; Proxy: null\)$/);
    assert.equal(output.sdk.Error, 'DynamoDb.ConditionalCheckFailedException');
  });

  it('leaves mocked states to their mocks: only the others call the service', async () => {
    const mock = {
      config: { StateMachines: { Hybrid: { TestCases: { Happy: { Get: 'Found' } } } }, MockedResponses: { Found: { 0: { Return: { Item: { id: { S: 'mocked' } } } } } } },
      selection: { stateMachine: 'Hybrid', testCase: 'Happy' },
    };
    const outcome = await runHybrid({
      Get: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:getItem', Parameters: { TableName: 'Missing', Key: { id: { S: 'x' } } }, Next: 'Missing' },
      Missing: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:getItem', Parameters: { TableName: 'Missing', Key: { id: { S: 'x' } } }, End: true },
    }, {}, { endpoints: { dynamodb: dynamo.url } }, mock);
    assert.equal(outcome.status, 'FAILED');
    assert.equal(outcome.error, 'DynamoDB.ResourceNotFoundException');
  });
});

describe('hybrid runs against S3 (s3rver)', () => {
  let s3: StandIn;
  let client: S3Client;
  before(async () => {
    s3 = await startS3rver(['orders']);
    client = new S3Client({ endpoint: s3.url, forcePathStyle: true });
  });
  after(async () => {
    client.destroy();
    await s3.stop();
  });

  it('writes and reads objects through aws-sdk:s3, and names a missing key S3.NoSuchKeyException', async () => {
    await client.send(new PutObjectCommand({ Bucket: 'orders', Key: 'in.json', Body: '{"n":1}' }));
    const outcome = await runHybrid({
      Read: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:s3:getObject', Parameters: { Bucket: 'orders', Key: 'in.json' }, ResultSelector: { 'body.$': 'States.StringToJson($.Body)' }, ResultPath: '$.read', Next: 'Write' },
      Write: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:s3:putObject', Parameters: { Bucket: 'orders', Key: 'out.json', 'Body.$': 'States.JsonToString($.read.body)' }, ResultPath: null, Next: 'Missing' },
      Missing: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:s3:getObject', Parameters: { Bucket: 'orders', Key: 'none' }, End: true },
    }, {}, { endpoints: { s3: s3.url } });
    assert.equal(outcome.status, 'FAILED');
    assert.equal(outcome.error, 'S3.NoSuchKeyException');
    const written = await client.send(new GetObjectCommand({ Bucket: 'orders', Key: 'out.json' }));
    assert.equal(await written.Body!.transformToString(), '{"n":1}');
  });
});
