import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NESTED, parse, positionOf, service } from './editingFixtures';

describe('references', () => {
  const document = parse(NESTED);
  const starts = (locations: { range: { start: unknown } }[]) => locations.map((location) => location.range.start);

  it('lists every reference to a top-level state, with its declaration first when asked', () => {
    const references = service.findReferences(document, positionOf(document, '"Done": {', 2, 1), true);
    assert.deepEqual(starts(references), [positionOf(document, '"Done": {', 0, 1), positionOf(document, '"Done"', 0, 3)]);
  });

  it('keeps a branch\'s references inside the branch', () => {
    const references = service.findReferences(document, positionOf(document, '"Next": "Done"', 10, 0), false);
    assert.deepEqual(starts(references), [positionOf(document, '"Done"', 0, 0), positionOf(document, '"Done"', 0, 1)]);
  });

  it('finds the references of a name no state has', () => {
    const broken = parse('{"StartAt":"Ghost","States":{"A":{"Type":"Pass","Next":"Ghost"}}}');
    assert.equal(service.findReferences(broken, positionOf(broken, 'Ghost'), true).length, 2);
  });
});
