// The Distributed Map fixtures (test/fixtures/distributed-map): one case per ItemReader, ItemBatcher and
// ResultWriter form, run over a copy of its objects folder standing in for S3.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execute } from './helpers';
import { parquetFile } from './parquetFile';

const fixtures = path.resolve(__dirname, '../../../../test/fixtures/distributed-map');

interface Fixture {
  name: string;
  about: string;
  definition: unknown;
  input: unknown;
  expected: { status: string; output: unknown; objects?: Record<string, unknown> };
}

/** A fresh objects folder: the fixture's objects, and the Parquet file written here. */
function objectsFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-dmap-'));
  fs.cpSync(path.join(fixtures, 'objects'), folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'data', 'items.parquet'), parquetFile([
    { name: 'id', type: 'INT64', values: [1, 2] },
    { name: 'price', type: 'DOUBLE', values: [2.5, 10] },
    { name: 'name', type: 'UTF8', values: ['ant', 'bee'] },
    { name: 'active', type: 'BOOLEAN', values: [true, false] },
  ]));
  return folder;
}

/** Each expected entry's fields are in the written one (the rest are run-specific: ARNs, dates). */
function assertWritten(actual: unknown, expected: unknown, key: string): void {
  if (typeof expected === 'string') return assert.equal(actual, expected, key);
  const entries = JSON.parse(actual as string) as Record<string, unknown>[];
  assert.equal(entries.length, (expected as unknown[]).length, key);
  (expected as Record<string, unknown>[]).forEach((fields, i) => {
    for (const [field, value] of Object.entries(fields)) assert.deepEqual(entries[i][field], value, `${key} [${i}].${field}`);
  });
}

for (const file of fs.readdirSync(path.join(fixtures, 'cases')).sort()) {
  const fixture = JSON.parse(fs.readFileSync(path.join(fixtures, 'cases', file), 'utf8')) as Fixture;
  test(`Distributed Map ${fixture.name}: ${fixture.about}`, async () => {
    const folder = objectsFolder();
    try {
      const result = await execute(fixture.definition, fixture.input, { objectsFolder: folder, name: 'run' });
      assert.equal(result.status, fixture.expected.status, `${result.error}: ${result.cause}`);
      assert.deepEqual(result.output, fixture.expected.output);
      for (const [key, expected] of Object.entries(fixture.expected.objects ?? {})) {
        assertWritten(fs.readFileSync(path.join(folder, 'results', key), 'utf8'), expected, key);
      }
      if (fixture.expected.objects) {
        // The manifest lists each result file under its status (its name's prefix), with its size.
        const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'results', 'runs/run/manifest.json'), 'utf8'));
        const listed: Record<string, { Key: string; Size: number }[]> = { FAILED: [], PENDING: [], SUCCEEDED: [] };
        for (const key of Object.keys(fixture.expected.objects)) {
          listed[/([A-Z]+)_\d+\.jsonl?$/.exec(key)![1]].push({ Key: key, Size: fs.statSync(path.join(folder, 'results', key)).size });
        }
        assert.deepEqual(manifest.ResultFiles, listed);
      }
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
}

test('a Distributed Map of 20,000 short iterations lets the event loop in as it runs (its children settle in microtasks) and writes its results file piece by piece, whole', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-dmap-'));
  try {
    const items = 20_000;
    fs.mkdirSync(path.join(folder, 'data'));
    // A blank line and CRLF endings are read as AWS reads JSON Lines.
    const lines = Array.from({ length: items }, (_, n) => JSON.stringify({ n }));
    fs.writeFileSync(path.join(folder, 'data', 'items.jsonl'), lines.slice(0, 10).join('\r\n') + '\n\n' + lines.slice(10).join('\n') + '\n');
    const definition = {
      StartAt: 'Map',
      States: {
        Map: {
          Type: 'Map', End: true, MaxConcurrency: 100,
          ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSONL' }, Parameters: { Bucket: 'data', Key: 'items.jsonl' } },
          ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, StartAt: 'Double', States: { Double: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, $.n)' }, End: true } } },
          ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'results', Prefix: 'runs' }, WriterConfig: { Transformation: 'COMPACT', OutputType: 'JSON' } },
        },
      },
    };
    let turns = 0;
    let running = true;
    const turn = () => { turns++; if (running) setImmediate(turn); };
    setImmediate(turn);
    const result = await execute(definition, {}, { objectsFolder: folder, name: 'run' });
    running = false;
    assert.equal(result.status, 'SUCCEEDED', `${result.error}: ${result.cause}`);
    // A pause every 1,000 states of the whole execution (100 children at once run past it): 20,000 children, 18 turns at least.
    assert.ok(turns >= 18, `${turns} turns of the event loop during the run`);
    const written = JSON.parse(fs.readFileSync(path.join(folder, 'results', 'runs/run/SUCCEEDED_0.json'), 'utf8'));
    assert.deepEqual(written, Array.from({ length: items }, (_, n) => ({ n: 2 * n })));
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test('a Distributed Map runs children that wait (a Wait, a Retry, a Wait in a Parallel branch) as many at once as AWS does, and those that never wait one after another, with the same results', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-dmap-'));
  try {
    const items = 50;
    fs.mkdirSync(path.join(folder, 'data'));
    fs.writeFileSync(path.join(folder, 'data', 'items.jsonl'), Array.from({ length: items }, (_, n) => JSON.stringify({ n }) + '\n').join(''));
    const mapOf = (states: Record<string, unknown>, startAt: string) => ({
      StartAt: 'Map',
      States: {
        Map: {
          Type: 'Map', End: true,
          ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSONL' }, Parameters: { Bucket: 'data', Key: 'items.jsonl' } },
          ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, StartAt: startAt, States: states },
        },
      },
    });
    const double = { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, $.n)' }, End: true };
    const waiting = {
      wait: mapOf({ Wait: { Type: 'Wait', Seconds: 600, Next: 'Double' }, Double: double }, 'Wait'),
      'wait in a Parallel branch': mapOf({
        Branches: { Type: 'Parallel', Branches: [{ StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 600, End: true } } }], ResultPath: null, Next: 'Double' },
        Double: double,
      }, 'Branches'),
      retry: mapOf({
        Check: { Type: 'Parallel', Branches: [{ StartAt: 'Fail', States: { Fail: { Type: 'Fail', Error: 'Once' } } }], Retry: [{ ErrorEquals: ['Once'], IntervalSeconds: 600, MaxAttempts: 1 }], Catch: [{ ErrorEquals: ['Once'], ResultPath: null, Next: 'Double' }], Next: 'Double' },
        Double: double,
      }, 'Check'),
    };
    const expected = Array.from({ length: items }, (_, n) => ({ n: 2 * n }));
    for (const [name, definition] of Object.entries(waiting)) {
      const result = await execute(definition, {}, { objectsFolder: folder, startTime: Date.UTC(2024, 0, 1) });
      assert.equal(result.status, 'SUCCEEDED', `${name}: ${result.error}: ${result.cause}`);
      assert.deepEqual(result.output, expected, name);
      // 50 children waiting 600 seconds each at once: the Map Run takes 600 seconds of the virtual clock, not 50 times as long.
      const at = (type: string) => Date.parse(result.events.find((event) => event.type === type)!.timestamp);
      const took = at('MapRunSucceeded') - at('MapRunStarted');
      assert.ok(took >= 600_000 && took < 1_200_000, `${name}: the Map Run took ${took} ms of the virtual clock`);
    }
    const passing = await execute(mapOf({ Double: double }, 'Double'), {}, { objectsFolder: folder });
    assert.equal(passing.status, 'SUCCEEDED', `${passing.error}: ${passing.cause}`);
    assert.deepEqual(passing.output, expected);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
