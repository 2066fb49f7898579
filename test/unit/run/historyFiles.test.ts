import { strict as assert } from 'node:assert';
import { appendFileSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { expandEvent, isStoredText, STORED_TEXT_THRESHOLD, storedTextsOf } from '../../../server/src/core/history/storedTexts';
import { ExecutionHistory } from '../../../server/src/core/history/viewModel';
import { compileStateMachine } from '../../../server/src/core/interpreter';
import { HistoryWriter, readHistoryEvents, readStoredTexts } from '../../../server/src/execution/historyFiles';

const PAYLOAD = 'é'.repeat(30_000);

async function loopHistory() {
  const machine = compileStateMachine({
    StartAt: 'Loop',
    States: {
      Loop: { Type: 'Pass', Parameters: { 'count.$': 'States.MathAdd($.count, 1)', 'payload.$': '$.payload' }, Next: 'Check' },
      Check: { Type: 'Choice', Choices: [{ Variable: '$.count', NumericLessThan: 5, Next: 'Loop' }], Default: 'Fail' },
      Fail: { Type: 'Fail', Error: 'Loop.Done', Cause: 'c'.repeat(STORED_TEXT_THRESHOLD + 1) },
    },
  });
  return (await machine.start({ input: { count: 0, payload: PAYLOAD }, name: 'loop' }).done).events;
}

describe('history files', () => {
  it('store long texts aside once, and read back every event as AWS recorded it', async () => {
    const events = await loopHistory();
    const folder = path.join(mkdtempSync(path.join(tmpdir(), 'history-')), 'run');
    const writer = new HistoryWriter(folder);
    const compact = events.map((event) => writer.write(event));
    assert.equal(writer.close(), undefined);

    assert.ok(compact.every((event) => JSON.stringify(event).length < 2 * STORED_TEXT_THRESHOLD), 'compact events are small');
    assert.deepEqual(await readHistoryEvents(folder), compact);
    const expanded = await Promise.all(compact.map(async (event) => expandEvent(event, await readStoredTexts(folder, storedTextsOf(event)))));
    assert.deepEqual(expanded, events);
    // Each iteration's output is the Choice's input and output: one text, stored once.
    const textBytes = statSync(path.join(folder, 'texts.bin')).size;
    const distinct = new Set(events.flatMap((event) => Object.values(event).flatMap((value) => typeof value === 'object' && value ? Object.values(value) : [])).filter((value) => typeof value === 'string' && value.length > STORED_TEXT_THRESHOLD));
    assert.equal(textBytes, [...distinct].reduce((sum, text) => sum + Buffer.byteLength(text), 0));
  });

  it('make a view of the compact events: previews of long texts, marked as cut', async () => {
    const folder = path.join(mkdtempSync(path.join(tmpdir(), 'history-')), 'run');
    const writer = new HistoryWriter(folder);
    const history = new ExecutionHistory((await loopHistory()).map((event) => writer.write(event)));
    writer.close();
    assert.equal(history.status, 'FAILED');
    assert.match(history.cause!, /^c{200}… \(825 more characters\)$/);
    assert.match(history.stateSummaries().get('Check')!.input!, /^\{"count":5,"payload":"é+… \(\d+ more characters\)$/);
  });

  it('say why a history could not be written, and still give the compact events', () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'history-'));
    writeFileSync(path.join(parent, 'file'), '');
    const writer = new HistoryWriter(path.join(parent, 'file', 'run'));
    const compact = writer.write({ id: 1, previousEventId: 0, timestamp: '2026-01-01T00:00:00.000Z', type: 'ExecutionStarted', executionStartedEventDetails: { input: PAYLOAD } });
    assert.ok(isStoredText((compact.executionStartedEventDetails as { input: unknown }).input));
    assert.match(writer.close() ?? '', /ENOTDIR|EEXIST/);
  });

  it('end a stored history at a line a crash cut short', async () => {
    const folder = path.join(mkdtempSync(path.join(tmpdir(), 'history-')), 'run');
    const writer = new HistoryWriter(folder);
    writer.write({ id: 1, previousEventId: 0, timestamp: '2026-01-01T00:00:00.000Z', type: 'ExecutionStarted' });
    writer.close();
    appendFileSync(path.join(folder, 'events.jsonl'), '{"id":2,"previousEv');
    assert.deepEqual((await readHistoryEvents(folder)).map((event) => event.id), [1]);
  });
});
