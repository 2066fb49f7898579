import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NESTED, parse, positionOf, service } from './editingFixtures';

describe('definition', () => {
  const document = parse(NESTED);
  const uri = document.textDocument.uri;

  it('goes from a Next to the state of the same machine', () => {
    const [location] = service.findDefinition(document, positionOf(document, '"Next": "Check"', 10));
    assert.deepEqual(location, { uri, range: { start: positionOf(document, '"Check": {'), end: positionOf(document, '"Check": {', 7) } });
  });

  it('resolves a name inside a branch to the branch\'s state, not the top level\'s', () => {
    const [fromCatch] = service.findDefinition(document, positionOf(document, '"Next": "Done"', 10, 1));
    assert.deepEqual(fromCatch.range.start, positionOf(document, '"Done": {', 0, 0));
    const [fromChoice] = service.findDefinition(document, positionOf(document, '"Next": "Done"', 10, 2));
    assert.deepEqual(fromChoice.range.start, positionOf(document, '"Done": {', 0, 1));
  });

  it('goes from StartAt and Default', () => {
    assert.deepEqual(service.findDefinition(document, positionOf(document, '"StartAt": "Work"', 12))[0].range.start, positionOf(document, '"Work": {'));
    assert.deepEqual(service.findDefinition(document, positionOf(document, '"Default": "Failed"', 12))[0].range.start, positionOf(document, '"Failed": {'));
  });

  it('goes from a variable read to the Assign keys that set it (JSONata and JSONPath)', () => {
    const jsonata = parse('{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"total":1},"Next":"B"},"B":{"Type":"Pass","Output":"{% $total %}","End":true}}}');
    assert.deepEqual(service.findDefinition(jsonata, positionOf(jsonata, '$total', 2)).map((location) => location.range.start), [positionOf(jsonata, '"total"')]);
    const jsonPath = parse('{"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"n.$":"$.count"},"Next":"B"},"B":{"Type":"Pass","Parameters":{"v.$":"$n"},"End":true}}}');
    assert.deepEqual(service.findDefinition(jsonPath, positionOf(jsonPath, '"$n"', 2)).map((location) => location.range.start), [positionOf(jsonPath, '"n.$"')]);
  });

  it('finds nothing for a missing state or a non-reference', () => {
    const broken = parse('{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nowhere"}}}');
    assert.deepEqual(service.findDefinition(broken, positionOf(broken, 'Nowhere')), []);
    assert.deepEqual(service.findDefinition(document, positionOf(document, 'It failed')), []);
  });
});
