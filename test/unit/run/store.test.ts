import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { MAX_EXECUTIONS_PER_MACHINE, ExecutionStore, type ExecutionRecord, type IndexStorage } from '../../../client/src/runs/store';
import { storedTextsOf } from '../../../server/src/core/history/storedTexts';
import { HistoryWriter, readHistoryEvents, readStoredTexts } from '../../../server/src/execution/historyFiles';
import type { ExecutionOutcome } from '../../../server/src/protocol';
import { helloWorld } from './histories';

const INDEX_KEY = 'aslWorkbench.executionIndex';
/** What the server answers the store's requests for history files with. */
const history = { events: readHistoryEvents, texts: readStoredTexts };

class MemoryState implements IndexStorage {
  readonly values = new Map<string, unknown>();
  get(key: string): unknown {
    return this.values.get(key);
  }
  update(key: string, value: unknown): Promise<void> {
    this.values.set(key, structuredClone(value));
    return Promise.resolve();
  }
}

function open(index?: unknown, { budgetBytes = Infinity, root = mkdtempSync(path.join(tmpdir(), 'executions-')) } = {}) {
  const state = new MemoryState();
  if (index !== undefined) state.values.set(INDEX_KEY, index);
  const told: string[] = [];
  const store = new ExecutionStore(state, root, { budgetBytes: () => budgetBytes, tell: (message) => told.push(message), exclusive: true, history });
  return { store, state, told, root };
}

const request = { definition: { uri: 'file:///w/orders.asl.json', text: '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}' }, input: '{}', clock: 'virtual' as const };

/** Starts a run in the store as the service does; `payload` characters of history are written. */
async function started(store: ExecutionStore, name: string, { payload = 0, machineUri = 'file:///w/orders.asl.json' } = {}): Promise<ExecutionRecord> {
  const folder = await store.create(request);
  const writer = new HistoryWriter(store.pathOf(folder));
  for (const event of helloWorld) writer.write(event);
  if (payload) writer.write({ id: 99, previousEventId: 98, timestamp: helloWorld[0].timestamp, type: 'PassStateExited', stateExitedEventDetails: { name: 'A', output: JSON.stringify({ name, text: 'x'.repeat(payload) }) } });
  assert.equal(writer.close(), undefined);
  const record: ExecutionRecord = {
    executionArn: `arn:aws:states:us-east-1:123456789012:execution:orders:${name}`, name, stateMachineName: 'orders', machineUri,
    status: 'RUNNING', startDate: helloWorld[0].timestamp, folder,
  };
  await store.add(record);
  return record;
}

const outcomeOf = (record: ExecutionRecord): ExecutionOutcome => ({
  executionArn: record.executionArn, name: record.name, status: 'SUCCEEDED', startDate: record.startDate, stopDate: helloWorld.at(-1)!.timestamp, input: {}, output: { done: record.name },
});

describe('executions store', () => {
  it('survives an index that is not a list, and says it started anew', () => {
    const { store, state, told } = open({ executions: 'garbage' });
    assert.deepEqual(store.records(), []);
    assert.deepEqual(told, ['The list of local executions could not be read and was started anew.']);
    assert.deepEqual(state.values.get(INDEX_KEY), []);
  });

  it('drops the entries of the index that are not records, a folder outside the store among them', async () => {
    const first = open();
    const good = await started(first.store, 'good');
    const { store, told } = open([good, 42, { ...good, executionArn: 'x', folder: '../../elsewhere' }, { ...good, executionArn: 'y', status: 'DONE' }], { root: first.root });
    assert.deepEqual(store.records().map((record) => record.name), ['good']);
    assert.deepEqual(told, ['3 entries of the list of local executions could not be read and were dropped.']);
  });

  it('marks executions a closed window interrupted as aborted', async () => {
    const first = open();
    const record = await started(first.store, 'interrupted');
    const { store } = open([record], { root: first.root });
    assert.equal(store.records()[0].status, 'ABORTED');
    // No outcome was saved: the history's end is what the record tells.
    const { events, outcome } = await store.loadHistory(store.records()[0]);
    assert.equal(events.length, helloWorld.length);
    assert.deepEqual(outcome, { executionArn: record.executionArn, name: 'interrupted', status: 'ABORTED', startDate: record.startDate, stopDate: record.startDate, input: undefined });
  });

  it('keeps a remote execution a closed window lost from sight running, its status unknown, until redriven', async () => {
    const first = open();
    const local = await started(first.store, 'local');
    const remote = { ...await started(first.store, 'remote'), target: { kind: 'endpoint' as const, url: 'http://127.0.0.1:8083' } };
    const { store, state } = open([remote, local], { root: first.root });
    assert.deepEqual(store.records().map((record) => [record.name, record.status, record.lost]), [
      ['remote', 'RUNNING', 'The window closed while this execution was followed on its target: its status there is unknown.'],
      ['local', 'ABORTED', undefined],
    ]);
    assert.equal((state.values.get(INDEX_KEY) as ExecutionRecord[])[0].lost, store.records()[0].lost, 'saved');
    await store.markLost(remote.executionArn, 'Following it stopped.');
    assert.equal(store.get(remote.executionArn)?.lost, 'Following it stopped.');
    await store.reopen(remote.executionArn);
    assert.deepEqual([store.get(remote.executionArn)?.status, store.get(remote.executionArn)?.lost], ['RUNNING', undefined]);
  });

  it('keeps in its index references to the files, not what they hold', async () => {
    const { store, state } = open();
    const record = await started(store, 'small', { payload: 10_000 });
    await store.finish(record.executionArn, outcomeOf(record));
    const stored = JSON.stringify(state.values.get(INDEX_KEY));
    assert.ok(stored.length < 1000, `the index takes ${stored.length} characters`);
    assert.ok(!stored.includes('StartAt') && !stored.includes('xxxx'), 'neither the definition nor the history is in the index');
    assert.equal((await store.loadRequest(store.get(record.executionArn)!)).definition.text, request.definition.text);
  });

  it('keeps each execution in its own folder: long names and names differing only by . or _ do not collide', async () => {
    const { store } = open();
    const names = ['a.b', 'a_b', 'n'.repeat(80), `${'n'.repeat(79)}_`];
    const records = [];
    for (const name of names) records.push(await started(store, name, { payload: 2000 }));
    assert.equal(new Set(records.map((record) => record.folder)).size, names.length);
    for (const record of records) {
      await store.finish(record.executionArn, outcomeOf(record));
      const history = await store.loadHistory(record);
      assert.deepEqual(history.outcome?.output, { done: record.name });
      const [text] = await store.readTexts(record, storedTextsOf(history.events.at(-1)!));
      assert.equal(JSON.parse(text).name, record.name);
    }
  });

  it('records how a run ended when its history cannot be saved, and tells the user', async () => {
    const { store, told } = open();
    const record = await started(store, 'unsaved');
    rmSync(store.pathOf(record.folder), { recursive: true });
    await store.finish(record.executionArn, outcomeOf(record));
    assert.equal(store.get(record.executionArn)?.status, 'SUCCEEDED');
    assert.match(store.get(record.executionArn)?.historyError ?? '', /ENOENT/);
    assert.match(told.at(-1)!, /^The history of execution unsaved could not be saved in full: ENOENT/);

    const cut = await started(store, 'cut');
    await store.finish(cut.executionArn, { ...outcomeOf(cut), status: 'ABORTED' }, 'The execution was ended by force: its last events were not written.');
    assert.deepEqual([store.get(cut.executionArn)?.status, told.at(-1)], ['ABORTED', 'The history of execution cut could not be saved in full: The execution was ended by force: its last events were not written.']);
  });

  it('keeps its folders within the disk budget, the oldest ended executions going first and the newest never, and says which', async () => {
    const { store, told } = open(undefined, { budgetBytes: 250_000 });
    const [oldest, older, newer] = [await started(store, 'oldest', { payload: 100_000 }), await started(store, 'older', { payload: 100_000 }), await started(store, 'newer', { payload: 100_000 })];
    for (const record of [oldest, older]) await store.finish(record.executionArn, outcomeOf(record));
    assert.deepEqual(told, []);
    await store.finish(newer.executionArn, outcomeOf(newer));
    assert.deepEqual(store.records().map((record) => record.name), ['newer', 'older']);
    assert.equal(existsSync(store.pathOf(oldest.folder)), false);
    assert.match(told[0], /^Deleted the oldest execution \(oldest; 0\.1 MB\) to keep the stored executions under 0\.2 MB \(setting aslWorkbench\.executionsDiskBudgetMB\)\.$/);

    const alone = open(undefined, { budgetBytes: 1000 });
    const big = await started(alone.store, 'big', { payload: 100_000 });
    await alone.store.finish(big.executionArn, outcomeOf(big));
    assert.deepEqual(alone.store.records().map((record) => record.name), ['big'], 'the newest execution stays, whatever its size');
  });

  it(`keeps ${MAX_EXECUTIONS_PER_MACHINE} executions per state machine and says which it dropped`, async () => {
    const { store, told } = open();
    for (let i = 0; i <= MAX_EXECUTIONS_PER_MACHINE; i++) await started(store, `run-${i}`);
    assert.equal(store.records().length, MAX_EXECUTIONS_PER_MACHINE);
    assert.equal(store.records().at(-1)!.name, 'run-1');
    assert.match(told[0], /^Deleted the oldest execution \(run-0; .*\) \(100 are kept per state machine\)\.$/);
  });

  it("deletes an earlier version's list and history files, and says how many executions went", async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'executions-'));
    writeFileSync(path.join(root, 'arn_aws_states_us-east-1_123456789012_execution_orders_a.json'), '{"events":[]}');
    const state = new MemoryState();
    state.values.set('aslWorkbench.executions', [{ executionArn: 'arn:a', request: request }]);
    const told: string[] = [];
    await new ExecutionStore(state, root, { budgetBytes: () => Infinity, tell: (message) => told.push(message), exclusive: false, history }).ready;
    assert.deepEqual([readdirSync(root), state.values.get('aslWorkbench.executions'), told], [
      [], undefined, ['1 local execution stored by an earlier version of ASL Workbench was deleted: histories are now stored another way.'],
    ]);
  });

  it('deletes the folders no record names (runs that never started), and nothing else', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'executions-'));
    mkdirSync(path.join(root, '0b7cf3c2-55a5-4a51-a0f7-3a3b1a56e3a1'));
    writeFileSync(path.join(root, 'notes.txt'), 'not ours');
    const { store } = open(undefined, { root });
    await store.ready;
    assert.deepEqual(readdirSync(root), ['notes.txt']);
  });
});
