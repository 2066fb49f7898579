// Local executions in the real extension host: the store keeps a record by reference and the
// history in the execution's own folder, refuses a reused name as AWS does, and a corrupt index
// in VS Code's workspace state neither throws (it would break activation) nor vanishes unsaid.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { ExecutionStore, type ExecutionRecord } from '../../../client/src/runs/store';
import { readHistoryEvents, readStoredTexts } from '../../../server/src/execution/historyFiles';
import { extension, workspaceFile } from './helpers';

const INDEX_KEY = 'aslWorkbench.executionIndex';

const indexOf = () => extension().exports.extension.workspaceState.get<ExecutionRecord[]>(INDEX_KEY) ?? [];

async function until<T>(value: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = value();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('local executions', () => {
  const name = 'stored-once';

  it('keeps a run as a record by reference and its history in its own folder', async () => {
    await extension().activate();
    const executionArn = await vscode.commands.executeCommand<string | undefined>('aslWorkbench.runLocally', workspaceFile('hello.asl.json'), { input: '{"who":"e2e"}', name });
    assert.ok(executionArn, 'the execution started');
    // The status is recorded first, then the outcome is written and the folder measured: `bytes` says the files are complete.
    const record = await until(() => indexOf().find((candidate) => candidate.executionArn === executionArn && candidate.bytes !== undefined), 30_000, 'the end of the run');
    assert.strictEqual(record.status, 'SUCCEEDED');
    assert.ok(!('request' in record) && !('definition' in record), 'the index holds references, not definitions');
    const storage = extension().exports.extension.storageUri ?? extension().exports.extension.globalStorageUri;
    const folder = path.join(storage.fsPath, 'executions', record.folder);
    assert.deepStrictEqual(fs.readdirSync(folder).sort(), ['events.jsonl', 'outcome.json', 'request.json', 'texts.bin']);
    assert.strictEqual(fs.readFileSync(path.join(folder, 'events.jsonl'), 'utf8').trim().split('\n').length, 4);
  });

  it('refuses a second run with the same name, as AWS does', async () => {
    const again = await vscode.commands.executeCommand<string | undefined>('aslWorkbench.runLocally', workspaceFile('hello.asl.json'), { input: '{}', name });
    assert.strictEqual(again, undefined);
    assert.strictEqual(indexOf().filter((record) => record.name === name).length, 1);
  });

  it('reads a corrupt index in workspace state as empty and says so', async () => {
    const state = extension().exports.extension.workspaceState;
    const saved = state.get(INDEX_KEY);
    await state.update(INDEX_KEY, { corrupt: true });
    try {
      const told: string[] = [];
      const store = new ExecutionStore(state, fs.mkdtempSync(path.join(os.tmpdir(), 'executions-')), { budgetBytes: () => Infinity, tell: (message) => told.push(message), exclusive: true,
        history: { events: readHistoryEvents, texts: readStoredTexts } });
      await store.ready;
      assert.deepStrictEqual(store.records(), []);
      assert.deepStrictEqual(told, ['The list of local executions could not be read and was started anew.']);
    } finally {
      await state.update(INDEX_KEY, saved);
    }
  });
});
