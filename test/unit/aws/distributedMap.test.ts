// A hybrid run's Distributed Map over real S3 objects: s3rver on loopback stands in for S3; the
// ItemReader reads what the test put there and the ResultWriter's manifest and result files are
// read back after the run.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { TEST_CREDENTIALS } from './loopbackOnly';
import { startS3rver, type StandIn } from './standIns';
import { runHybrid } from './hybridRun';

Object.assign(process.env, TEST_CREDENTIALS);

const DOUBLE = {
  ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
  StartAt: 'Double', States: { Double: { Type: 'Pass', Parameters: { 'twice.$': 'States.MathAdd($.n, $.n)' }, End: true } },
};

describe('Distributed Map over S3 in a hybrid run (s3rver)', () => {
  let s3: StandIn;
  let client: S3Client;
  const text = async (bucket: string, key: string) => (await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString();
  before(async () => {
    s3 = await startS3rver(['items', 'results']);
    client = new S3Client({ endpoint: s3.url, forcePathStyle: true });
    await client.send(new PutObjectCommand({ Bucket: 'items', Key: 'batch/orders.json', Body: JSON.stringify([{ n: 1 }, { n: 2 }, { n: 3 }]) }));
    await client.send(new PutObjectCommand({ Bucket: 'items', Key: 'batch/more.json', Body: JSON.stringify([{ n: 10 }]) }));
  });
  after(async () => {
    client.destroy();
    await s3.stop();
  });

  it('reads the items with s3:getObject and writes the manifest and result files with the ResultWriter', async () => {
    const outcome = await runHybrid({
      Each: {
        Type: 'Map', End: true, ItemProcessor: DOUBLE,
        ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket: 'items', Key: 'batch/orders.json' } },
        ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'results', Prefix: 'runs' }, WriterConfig: { OutputType: 'JSON', Transformation: 'COMPACT' } },
      },
    }, {}, { endpoints: { s3: s3.url } });
    assert.equal(outcome.status, 'SUCCEEDED', outcome.cause);
    const details = (outcome.output as Record<string, any>).ResultWriterDetails;
    assert.equal(details.Bucket, 'results');
    const manifest = JSON.parse(await text('results', details.Key));
    assert.equal(manifest.DestinationBucket, 'results');
    assert.equal(manifest.ResultFiles.SUCCEEDED.length, 1);
    const results = JSON.parse(await text('results', manifest.ResultFiles.SUCCEEDED[0].Key));
    assert.deepEqual(results, [{ twice: 2 }, { twice: 4 }, { twice: 6 }]);
  });

  it('lists objects with s3:listObjectsV2, and loads and flattens them', async () => {
    const listed = await runHybrid({
      Each: {
        Type: 'Map', End: true, ItemProcessor: { ...DOUBLE, States: { Double: { Type: 'Pass', Parameters: { 'key.$': '$.Key', 'size.$': '$.Size' }, End: true } } },
        ItemReader: { Resource: 'arn:aws:states:::s3:listObjectsV2', Parameters: { Bucket: 'items', Prefix: 'batch/' } },
      },
    }, {}, { endpoints: { s3: s3.url } });
    assert.equal(listed.status, 'SUCCEEDED', listed.cause);
    assert.deepEqual(listed.output, [{ key: 'batch/more.json', size: 10 }, { key: 'batch/orders.json', size: 25 }]);

    const flattened = await runHybrid({
      Each: {
        Type: 'Map', End: true, ItemProcessor: DOUBLE,
        ItemReader: { Resource: 'arn:aws:states:::s3:listObjectsV2', ReaderConfig: { Transformation: 'LOAD_AND_FLATTEN', InputType: 'JSON' }, Parameters: { Bucket: 'items', Prefix: 'batch/' } },
      },
    }, {}, { endpoints: { s3: s3.url } });
    assert.equal(flattened.status, 'SUCCEEDED', flattened.cause);
    assert.deepEqual(flattened.output, [{ twice: 20 }, { twice: 2 }, { twice: 4 }, { twice: 6 }]);
  });

  it('fails with States.ItemReaderFailed naming the object and what S3 answered when it is missing', async () => {
    const outcome = await runHybrid({
      Each: {
        Type: 'Map', End: true, ItemProcessor: DOUBLE,
        ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket: 'items', Key: 'none.json' } },
      },
    }, {}, { endpoints: { s3: s3.url } });
    assert.equal(outcome.error, 'States.ItemReaderFailed');
    assert.match(outcome.cause!, /The ItemReader could not read s3:\/\/items\/none\.json \(S3 GetObject: NoSuchKey: /);
  });
});
