// A valid machine at AWS's limits, run by the real language server (dist/server.js, after
// `npm run build`): a loop carrying a 200 KB payload to 25,000 history events. Its history
// (5 GB as AWS's JSON) streams in bounded batches, lives on disk, reads back, and the editor
// keeps answering meanwhile: the completion latency on another document is printed.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { after, describe, it } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { storedTextsOf } from '../../../server/src/core/history/storedTexts';
import { readHistoryEvents, readStoredTexts } from '../../../server/src/execution/historyFiles';
import { ExecutionEventsNotification, StartExecutionRequest, type ExecutionEventsParams, type ExecutionOutcome } from '../../../server/src/protocol';

const SERVER = path.join(__dirname, '../../../../dist/server.js');
const PAYLOAD_CHARS = 200_000;
/** 1 + 4 events an iteration + 3 = 25,000 events, AWS's quota. */
const ITERATIONS = 6249;

const loop = {
  StartAt: 'Loop',
  States: {
    Loop: { Type: 'Pass', Parameters: { 'count.$': 'States.MathAdd($.count, 1)', 'payload.$': '$.payload' }, Next: 'Check' },
    Check: { Type: 'Choice', Choices: [{ Variable: '$.count', NumericLessThan: ITERATIONS, Next: 'Loop' }], Default: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

const other = { uri: 'file:///work/other.asl.json', text: '{\n  "StartAt": "A",\n  "States": {\n    "A": {\n      "Type": "Pass",\n      \n      "End": true\n    }\n  }\n}\n' };

const folderBytes = (folder: string) => readdirSync(folder).reduce((sum, name) => sum + statSync(path.join(folder, name)).size, 0);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

describe('a 25,000-event history with 200 KB payloads, on the language server', { skip: !existsSync(SERVER) && 'dist/server.js is built by npm run build' }, () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'large-history-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  // A guard against a server that never ends the run, not a time the run must meet.
  it('completes, streams bounded batches, keeps its history on disk, and completion keeps answering', { timeout: 600_000 }, async () => {
    const server = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
    const batches: { events: number; chars: number }[] = [];
    let outcome: ExecutionOutcome | undefined;
    let historyError: string | undefined;
    connection.onNotification(ExecutionEventsNotification.method, (params: ExecutionEventsParams) => {
      batches.push({ events: params.events.length, chars: JSON.stringify(params.events).length });
      if (params.outcome) ({ outcome, historyError } = params);
    });
    connection.listen();
    try {
      await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
      await connection.sendNotification('initialized', {});
      await connection.sendNotification('textDocument/didOpen', { textDocument: { ...other, languageId: 'asl', version: 1 } });
      const complete = () => connection.sendRequest('textDocument/completion', { textDocument: { uri: other.uri }, position: { line: 5, character: 6 } }) as Promise<{ items: { label: string }[] }>;
      // The first request pays for loading the language service: the editor's is loaded long before a run.
      await complete();
      const historyFolder = path.join(folder, 'run');
      const started = await connection.sendRequest(StartExecutionRequest.method, {
        definition: { uri: 'file:///work/loop.asl.json', text: JSON.stringify(loop) },
        input: JSON.stringify({ count: 0, payload: 'x'.repeat(PAYLOAD_CHARS) }), name: 'large', clock: 'virtual', historyFolder,
      });
      assert.ok(started && typeof started === 'object' && 'started' in started, JSON.stringify(started));

      const latencies: number[] = [];
      while (!outcome) {
        const begin = performance.now();
        const completion = await complete();
        latencies.push(performance.now() - begin);
        assert.ok(completion.items.some((item) => item.label === 'Comment'), 'completion answers with the fields of a Pass state');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.deepEqual([outcome.status, historyError], ['SUCCEEDED', undefined]);
      assert.equal((outcome.output as { count: number }).count, ITERATIONS);
      const streamed = batches.reduce((sum, batch) => sum + batch.events, 0);
      assert.equal(streamed, 25_000);
      const largest = Math.max(...batches.map((batch) => batch.chars));
      assert.ok(largest < 2_000_000, `the largest batch has ${largest} characters`);

      const events = await readHistoryEvents(historyFolder);
      assert.equal(events.length, 25_000);
      const lastExit = events.filter((event) => event.type === 'PassStateExited').at(-1)!;
      const [output] = await readStoredTexts(historyFolder, storedTextsOf(lastExit));
      assert.deepEqual(JSON.parse(output), { count: ITERATIONS, payload: 'x'.repeat(PAYLOAD_CHARS) });

      const peak = /VmHWM:\s*(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1];
      console.log(`completion during the run: ${latencies.length} requests, p50 ${percentile(latencies, 50).toFixed(1)} ms, `
        + `p95 ${percentile(latencies, 95).toFixed(1)} ms, max ${percentile(latencies, 100).toFixed(1)} ms; `
        + `${batches.length} notifications, the largest ${(largest / 1024).toFixed(0)} KiB, `
        + `${(batches.reduce((sum, batch) => sum + batch.chars, 0) / 1048576).toFixed(1)} MB in all; server peak RSS ${Math.round(Number(peak) / 1024)} MB; `
        + `history on disk ${Math.round(folderBytes(historyFolder) / 1048576)} MB`);
    } finally {
      connection.dispose();
      server.kill();
    }
  });
});
