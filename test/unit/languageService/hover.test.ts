import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import { NESTED, parse, positionOf, service } from './editingFixtures';

const text = (hover: Hover | null) => (hover?.contents as MarkupContent | undefined)?.value;

describe('hover', () => {
  const document = parse(NESTED);

  it('on a state name: its type and who transitions to it, in its own scope', () => {
    const hover = service.doHover(document, positionOf(document, '"Done": {', 2, 1));
    assert.equal(text(hover), '**Done**: Succeed state\n\nStops the execution (or the branch / iteration) successfully. A terminal state.\n\nReached from: "Check" (Choice rule)');
    assert.deepEqual(hover?.range, { start: positionOf(document, '"Done": {', 0, 1), end: positionOf(document, '"Done": {', 6, 1) });
    const inner = service.doHover(document, positionOf(document, '"Done": {', 2, 0));
    assert.match(text(inner)!, /Reached from: "Work" \(Next\), "Work" \(Catch\)$/);
  });

  it('on a reference: the target state, or that no state has that name', () => {
    assert.match(text(service.doHover(document, positionOf(document, '"Next": "Fork"', 10)))!, /^\*\*Fork\*\*: Parallel state/);
    assert.match(text(service.doHover(document, positionOf(document, '"StartAt": "Start"', 12)))!, /Reached from: StartAt$/);
    const broken = parse('{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nowhere"}}}');
    assert.equal(text(service.doHover(broken, positionOf(broken, 'Nowhere'))), 'No state named **Nowhere** in this state machine.');
  });

  it('on a field: its documentation, for that state type', () => {
    assert.match(text(service.doHover(document, positionOf(document, '"Branches"', 2)))!, /^\*\*Branches\*\*\n\nThe state machines to run in parallel/);
    assert.match(text(service.doHover(document, positionOf(document, '"ErrorEquals"', 2)))!, /^\*\*ErrorEquals\*\*/);
    assert.match(text(service.doHover(document, positionOf(document, '"BooleanEquals"', 2)))!, /^\*\*BooleanEquals\*\* \(JSONPath only\)/);
  });

  it('on a state type, a service integration and an error name', () => {
    assert.match(text(service.doHover(document, positionOf(document, '"Choice"', 2)))!, /^\*\*Choice\*\* state\n\nBranches/);
    assert.match(text(service.doHover(document, positionOf(document, 'lambda:invoke')))!, /^\*\*Lambda Invoke\*\*/);
    assert.match(text(service.doHover(document, positionOf(document, 'States.ALL')))!, /^\*\*States.ALL\*\*\n\nMatches any error/);
  });

  it('on $states members inside JSONata', () => {
    const jsonata = parse('{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% $states.input.x %}","End":true}}}');
    const hover = service.doHover(jsonata, positionOf(jsonata, 'input'));
    assert.equal(text(hover), '**$states.input**\n\nThe state input.');
  });

  it('on intrinsic and JSONata functions, with AWS\'s additions and removals', () => {
    const jsonPath = parse('{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"a.$":"States.MathAdd($.x, 1)"},"End":true}}}');
    const intrinsic = service.doHover(jsonPath, positionOf(jsonPath, 'MathAdd'));
    assert.match(text(intrinsic)!, /^```\nStates.MathAdd\(.*\): .*\n```/);
    assert.deepEqual(intrinsic?.range, { start: positionOf(jsonPath, 'States.MathAdd'), end: positionOf(jsonPath, '($.x') });
    for (const delta of [0, 3, 6]) {
      assert.deepEqual(service.doHover(jsonPath, positionOf(jsonPath, 'States.MathAdd', delta)), intrinsic, `on "States." (at ${delta}) as on the name`);
    }
    const jsonata = parse('{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% $uuid() & $eval(\'1\') %}","End":true}}}');
    assert.match(text(service.doHover(jsonata, positionOf(jsonata, 'uuid')))!, /_Added by AWS Step Functions._$/);
    assert.match(text(service.doHover(jsonata, positionOf(jsonata, 'eval')))!, /\*\*Not available in Step Functions\*\*/);
  });

  it('on a variable read: the states that assign it, in scope', () => {
    const jsonata = parse('{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"total":1},"Next":"B"},"B":{"Type":"Pass","Output":"{% $total + 1 %}","End":true}}}');
    const hover = service.doHover(jsonata, positionOf(jsonata, 'total +', 2));
    assert.equal(text(hover), '**$total**: variable assigned by "A"');
    assert.deepEqual(hover?.range, { start: positionOf(jsonata, '$total'), end: positionOf(jsonata, ' + 1') });
  });

  it('escapes markup in state names and says nothing on plain values', () => {
    const odd = parse('{"StartAt":"*bold* [x](y)","States":{"*bold* [x](y)":{"Type":"Succeed"}}}');
    assert.match(text(service.doHover(odd, positionOf(odd, '*bold*')))!, /^\*\*\\\*bold\\\* \\\[x\\\]\\\(y\\\)\*\*/);
    assert.equal(service.doHover(document, positionOf(document, 'It failed')), null);
  });
});
