import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse, service } from './editingFixtures';

describe('code lens', () => {
  it('puts Run locally, Debug locally and Preview graph at the top of a state machine', () => {
    const document = parse('\n\n{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}');
    const lenses = service.findCodeLenses(document);
    assert.deepEqual(lenses.map((lens) => [lens.command?.command, lens.range.start.line, lens.command?.arguments]), [
      ['aslWorkbench.runLocally', 0, ['file:///test.asl.json']],
      ['aslWorkbench.debugLocally', 0, ['file:///test.asl.json']],
      ['aslWorkbench.previewGraph', 0, ['file:///test.asl.json']],
    ]);
  });

  it('offers none on a document that is not an object', () => {
    assert.deepEqual(service.findCodeLenses(parse('[1, 2')), []);
  });
});
