// "Compare runs" in the core: real histories of the interpreter, compared visit by visit.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { compileStateMachine, type HistoryEvent } from '../../../server/src/core/interpreter';
import { compareRuns, describeDifference, sameJson, stateVisits } from '../../../server/src/core/history/compare';
import { HistoryWriter, readWholeHistory } from '../../../server/src/execution/historyFiles';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const orders = {
  StartAt: 'Check',
  States: {
    Check: { Type: 'Choice', Choices: [{ Variable: '$.total', NumericGreaterThan: 100, Next: 'Review' }], Default: 'Ship' },
    Review: { Type: 'Pass', Result: 'reviewed', ResultPath: '$.review', Next: 'Ship' },
    Ship: { Type: 'Pass', Parameters: { 'total.$': '$.total', carrier: 'post' }, End: true },
  },
};

async function history(definition: object, input: unknown): Promise<HistoryEvent[]> {
  return (await compileStateMachine(definition).start({ input, stateMachineName: 'orders' }).done).events;
}

describe('comparing runs', () => {
  it('finds no difference between two runs of the same input', async () => {
    const comparison = compareRuns(await history(orders, { total: 5 }), await history(orders, { total: 5 }));
    assert.equal(comparison.difference, undefined);
    assert.deepEqual(comparison.left.map((visit) => visit.state), ['Check', 'Ship']);
    assert.equal(describeDifference(undefined, 'local', 'AWS'), 'The runs took the same states with the same input and output, and ended alike.');
  });

  it('marks the first state entered with another input, before where the paths part', async () => {
    const { difference } = compareRuns(await history(orders, { total: 5 }), await history(orders, { total: 500 }));
    assert.equal(difference?.kind, 'input');
    assert.equal(difference.state, 'Check');
  });

  it('marks where the paths part: a state one run entered and the other did not', async () => {
    const left = await history(orders, { total: 500 });
    const right = await history(orders, { total: 500 });
    // The same input, another path: as if the remote machine's Choice had routed elsewhere.
    const rerouted = right.filter((event) => ((event.stateEnteredEventDetails ?? event.stateExitedEventDetails) as { name?: string } | undefined)?.name !== 'Review');
    const { difference } = compareRuns(left, rerouted);
    assert.deepEqual([difference?.kind, difference && 'state' in difference ? difference.state : undefined], ['path', 'Review']);
    assert.equal(describeDifference(difference, 'local', 'AWS'), "The paths part at 'Review': the local run entered it, the AWS run did not.");
    // From the other side, the visit only the second run made.
    const reversed = compareRuns(rerouted, left).difference;
    assert.equal(describeDifference(reversed, 'AWS', 'local'), "The paths part at 'Review': the local run entered it, the AWS run did not.");
  });

  it('marks a state that exited with another output', async () => {
    const changed = { ...orders, States: { ...orders.States, Ship: { ...orders.States.Ship, Parameters: { 'total.$': '$.total', carrier: 'courier' } } } };
    const { difference } = compareRuns(await history(orders, { total: 5 }), await history(changed, { total: 5 }));
    assert.deepEqual([difference?.kind, difference && 'state' in difference ? difference.state : undefined], ['output', 'Ship']);
    assert.equal(describeDifference(difference, 'local', 'AWS'), "'Ship' exited with a different output.");
  });

  it('tells runs that took the same states alike but ended otherwise', async () => {
    const failing = (error: string) => ({ StartAt: 'Only', States: { Only: { Type: 'Pass', Next: 'End' }, End: { Type: 'Fail', Error: error } } });
    const { difference } = compareRuns(await history(failing('Stop'), {}), await history(failing('Halt'), {}));
    assert.equal(difference?.kind, 'end');
    assert.equal(describeDifference(difference, 'local', 'AWS'), 'The same states with the same data, but the local run ended ExecutionFailed (Stop) and the AWS run ExecutionFailed (Halt).');
  });

  it('matches the branches of a Parallel whatever the order their events came in', async () => {
    const parallel = {
      StartAt: 'Both',
      States: { Both: { Type: 'Parallel', End: true, Branches: [
        { StartAt: 'A', States: { A: { Type: 'Pass', Result: 1, End: true } } },
        { StartAt: 'B', States: { B: { Type: 'Pass', Result: 2, End: true } } },
      ] } },
    };
    const events = await history(parallel, {});
    // Branch B's events moved before branch A's, as another run may record them.
    const nameOf = (event: HistoryEvent) => ((event.stateEnteredEventDetails ?? event.stateExitedEventDetails) as { name?: string } | undefined)?.name;
    const branchB = events.filter((event) => nameOf(event) === 'B');
    const rest = events.filter((event) => nameOf(event) !== 'B');
    const firstA = rest.findIndex((event) => nameOf(event) === 'A');
    const swapped = [...rest.slice(0, firstA), ...branchB, ...rest.slice(firstA)];
    assert.notDeepEqual(stateVisits(swapped).map((visit) => visit.state), stateVisits(events).map((visit) => visit.state));
    assert.equal(compareRuns(events, swapped).difference, undefined);
  });

  it('counts loop visits apart: the second visit of a state is compared with the second', async () => {
    const loop = {
      StartAt: 'Count',
      States: {
        Count: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, 1)' }, Next: 'Again?' },
        'Again?': { Type: 'Choice', Choices: [{ Variable: '$.n', NumericLessThan: 3, Next: 'Count' }], Default: 'Done' },
        Done: { Type: 'Succeed' },
      },
    };
    const { difference } = compareRuns(await history(loop, { n: 0 }), await history(loop, { n: 1 }));
    assert.equal(difference?.kind, 'input');
    assert.equal(difference && 'left' in difference && difference.left && 'occurrence' in difference.left ? difference.left.occurrence : -1, 0);
    const fromOne = compareRuns(await history(loop, { n: 1 }), await history(loop, { n: 1 }));
    assert.deepEqual(fromOne.left.filter((visit) => visit.state === 'Count').map((visit) => visit.occurrence), [0, 1]);
  });

  it('compares stored histories with their long texts read back, as Compare runs reads them', async () => {
    const big = { total: 5, note: 'x'.repeat(5000) };
    const [left, right] = [await history(orders, big), await history(orders, { ...big, note: 'y'.repeat(5000) })];
    const folders = [left, right].map((events) => {
      const folder = mkdtempSync(path.join(tmpdir(), 'asl-compare-'));
      const writer = new HistoryWriter(folder);
      for (const event of events) assert.ok(writer.write(event));
      assert.equal(writer.close(), undefined);
      return folder;
    });
    const stored = await Promise.all(folders.map(readWholeHistory));
    assert.deepEqual(stored[0], left, 'the whole history, long texts included');
    const { difference } = compareRuns(stored[0], stored[1]);
    assert.deepEqual([difference?.kind, difference && 'state' in difference ? difference.state : undefined], ['input', 'Check']);
  });

  it('reads JSON alike whatever its whitespace and key order', () => {
    assert.equal(sameJson('{"a":1,"b":[1,{"c":2,"d":3}]}', '{ "b": [1, {"d": 3, "c": 2}], "a": 1 }'), true);
    assert.equal(sameJson('{"a":1}', '{"a":2}'), false);
    assert.equal(sameJson(undefined, '{}'), false);
  });
});
