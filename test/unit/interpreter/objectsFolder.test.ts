// The folder standing in for S3: ItemReader and ResultWriter never read or write outside it.
import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execute, single } from './helpers';

/** A scratch folder holding the objects folder and, beside it, a file no execution may reach. */
function scratch(): { root: string; objects: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-confine-'));
  const objects = path.join(root, 'objects');
  fs.mkdirSync(path.join(objects, 'b'), { recursive: true });
  fs.writeFileSync(path.join(root, 'secret.json'), '["outside"]');
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  return { root, objects };
}

/** Every file under a folder, as paths relative to it. */
function filesUnder(folder: string): string[] {
  return fs.readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort();
}

const processor = { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
const reader = (parameters: Record<string, unknown>, resource = 'arn:aws:states:::s3:getObject') =>
  single({ Type: 'Map', ItemReader: { Resource: resource, ReaderConfig: { InputType: 'JSON' }, Parameters: parameters }, ItemProcessor: processor });
const writer = (parameters: Record<string, unknown>) =>
  single({ Type: 'Map', ItemProcessor: processor, ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: parameters } });

test('ItemReader: a key with .. segments names a file inside the bucket folder, never one outside it', async () => {
  const { objects } = scratch();
  const outside = await execute(reader({ Bucket: 'b', Key: '../../secret.json' }), {}, { objectsFolder: objects });
  assert.equal(outside.status, 'FAILED');
  assert.equal(outside.error, 'States.ItemReaderFailed');
  assert.match(outside.cause!, /^An error occurred while executing the state 'S' \(entered at the event id #2\)\. The ItemReader could not read s3:\/\/b\/\.\.\/\.\.\/secret\.json /);
  assert.ok(outside.cause!.includes(path.join(objects, 'b', '%2E%2E', '%2E%2E', 'secret.json')), outside.cause);

  fs.mkdirSync(path.join(objects, 'b', '%2E%2E', '%2E%2E'), { recursive: true });
  fs.writeFileSync(path.join(objects, 'b', '%2E%2E', '%2E%2E', 'secret.json'), '["inside"]');
  const inside = await execute(reader({ Bucket: 'b', Key: '../../secret.json' }), {}, { objectsFolder: objects });
  assert.deepEqual(inside.output, ['inside']);
  fs.mkdirSync(path.join(objects, 'b', '%2E'));
  fs.writeFileSync(path.join(objects, 'b', '%2E', 'dot.json'), '["dot"]');
  const dot = await execute(reader({ Bucket: 'b', Key: './dot.json' }), {}, { objectsFolder: objects });
  assert.deepEqual(dot.output, ['dot']);
});

test('ItemReader and ResultWriter refuse a Bucket that is not a bucket name, naming the state', async () => {
  const { objects } = scratch();
  for (const bucket of ['..', '.', '', '../objects/b', 'a/b']) {
    for (const [definition, error] of [
      [reader({ Bucket: bucket, Key: 'secret.json' }), 'States.ItemReaderFailed'],
      [reader({ Bucket: bucket }, 'arn:aws:states:::s3:listObjectsV2'), 'States.ItemReaderFailed'],
      [writer({ Bucket: bucket, Prefix: 'p' }), 'States.ResultWriterFailed'],
    ] as const) {
      const result = await execute(definition, [], { objectsFolder: objects });
      assert.equal(result.status, 'FAILED', `Bucket ${JSON.stringify(bucket)}`);
      assert.equal(result.error, error);
      assert.match(result.cause!, /^An error occurred while executing the state 'S' \(entered at the event id #2\)\. The (ItemReader|ResultWriter) Bucket '.*' is not a bucket name: /);
    }
  }
  assert.deepEqual(filesUnder(path.dirname(objects)), ['secret.json']);
});

test('ItemReader listObjectsV2 gives back the keys it maps, .. segments included', async () => {
  const { objects } = scratch();
  fs.mkdirSync(path.join(objects, 'b', '%2E%2E'));
  fs.writeFileSync(path.join(objects, 'b', '%2E%2E', 'k.json'), '1');
  fs.writeFileSync(path.join(objects, 'b', 'top.json'), '22');
  const result = await execute(reader({ Bucket: 'b' }, 'arn:aws:states:::s3:listObjectsV2'), {}, { objectsFolder: objects });
  assert.equal(result.status, 'SUCCEEDED', result.cause);
  assert.deepEqual((result.output as { Key: string; Size: number }[]).map(({ Key, Size }) => [Key, Size]), [['../k.json', 1], ['top.json', 2]]);
});

test('ResultWriter: a Prefix with .. segments writes inside the bucket folder', async () => {
  const { root, objects } = scratch();
  const result = await execute(writer({ Bucket: 'b', Prefix: '../../escaped' }), [1], { objectsFolder: objects, name: 'run' });
  assert.equal(result.status, 'SUCCEEDED', result.cause);
  assert.deepEqual((result.output as { ResultWriterDetails: unknown }).ResultWriterDetails, { Bucket: 'b', Key: '../../escaped/run/manifest.json' });
  assert.deepEqual(filesUnder(root), [
    path.join('objects', 'b', '%2E%2E', '%2E%2E', 'escaped', 'run', 'SUCCEEDED_0.json'),
    path.join('objects', 'b', '%2E%2E', '%2E%2E', 'escaped', 'run', 'manifest.json'),
    'secret.json',
  ]);
});

test('ResultWriter: a file it cannot write fails the state with the key and the local file', async () => {
  const { objects } = scratch();
  fs.writeFileSync(path.join(objects, 'b', 'taken'), 'a file where the prefix folder goes');
  const result = await execute(writer({ Bucket: 'b', Prefix: 'taken' }), [1], { objectsFolder: objects, name: 'run' });
  assert.equal(result.error, 'States.ResultWriterFailed');
  assert.ok(result.cause!.startsWith(`An error occurred while executing the state 'S' (entered at the event id #2). The ResultWriter could not write s3://b/taken/run/SUCCEEDED_0.json (the local file ${path.join(objects, 'b', 'taken', 'run', 'SUCCEEDED_0.json')}): `), result.cause);
});
