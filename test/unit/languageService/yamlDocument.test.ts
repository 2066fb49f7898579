import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ASTNode } from 'vscode-json-languageservice';
import { Alias } from 'yaml';
import { nodeAtPath } from '../../../server/src/languageService/aslDocument';
import { parse, positionOf, service } from './editingFixtures';

const YAML = `Comment: anchors and merges
StartAt: First
States:
  First:
    Type: Pass
    Result: &payload
      id: 7
      tags: [a, b]
    Next: Second
  Second:
    <<: &base
      Type: Pass
      End: true
    Comment: merged
  Third:
    Type: Pass
    Result: *payload
    End: true
`;

function text(document: ReturnType<typeof parse>, node: ASTNode | undefined): string {
  assert.ok(node);
  return document.textDocument.getText().slice(node.offset, node.offset + node.length);
}

describe('YAML documents', () => {
  const document = parse(YAML, 'asl-yaml');

  it('gives the same value and state index as the JSON equivalent', () => {
    const json = parse(JSON.stringify(document.value), 'asl');
    assert.deepEqual(document.value, json.value);
    assert.deepEqual(document.states.map((state) => [state.name, state.type, state.path]), json.states.map((state) => [state.name, state.type, state.path]));
    assert.deepEqual((document.value as { States: { Second: object } }).States.Second, { Type: 'Pass', End: true, Comment: 'merged' });
  });

  it('keeps the ranges of keys and values in the YAML text', () => {
    const root = document.json.root;
    assert.equal(text(document, nodeAtPath(root, ['States', 'First', 'Next'])), 'Second');
    assert.equal(text(document, nodeAtPath(root, ['States', 'First', 'Result', 'tags'])), '[a, b]');
    assert.equal(text(document, nodeAtPath(root, ['States', 'First', 'Result', 'id'])), '7');
    const first = document.states[0].property;
    assert.equal(text(document, first.keyNode), 'First');
    assert.equal(text(document, first), 'First:\n    Type: Pass\n    Result: &payload\n      id: 7\n      tags: [a, b]\n    Next: Second');
  });

  it('places an alias\'s expansion at the alias', () => {
    const node = nodeAtPath(document.json.root, ['States', 'Third', 'Result', 'id']);
    assert.equal(text(document, node), '*payload');
    assert.equal(node?.type === 'number' && node.value, 7);
  });

  it('gets every feature: hover, definition, rename, symbols', () => {
    assert.match(JSON.stringify(service.doHover(document, positionOf(document, 'Second', 1, 1))?.contents), /Second\*\*: Pass state/);
    assert.deepEqual(service.findDefinition(document, positionOf(document, 'Second', 0, 0))[0].range.start, positionOf(document, 'Second:'));
    assert.deepEqual(service.findDocumentSymbols(document).map((symbol) => symbol.name), ['First', 'Second', 'Third']);
  });

  it('reports YAML syntax errors as diagnostics at their place', async () => {
    const broken = parse('StartAt: A\nStates:\n  A: {Type: Pass\n', 'asl-yaml');
    const diagnostics = await service.doValidation(broken);
    assert.deepEqual(diagnostics.map(({ range, message, severity }) => ({ range, message, severity })), [{
      range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } },
      message: 'Flow map in block collection must be sufficiently indented and end with a }',
      severity: 1,
    }]);
  });

  it('reports an alias without an anchor, and does not format around it', async () => {
    const broken = parse('StartAt: A\nStates:\n  A:\n    Type: *Pass\n', 'asl-yaml');
    const diagnostics = await service.doValidation(broken);
    assert.deepEqual(diagnostics.map(({ message, range }) => [message, range]), [[
      'Unresolved alias *Pass: no anchor &Pass comes before it', { start: { line: 3, character: 10 }, end: { line: 3, character: 15 } },
    ]]);
    assert.deepEqual(service.format(broken, undefined, { tabSize: 2, insertSpaces: true }), []);
  });

  it('refuses aliases that expand exponentially ("billion laughs") with one located error', async () => {
    let bomb = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let level = 1; level < 9; level++) bomb += `a${level}: &a${level} [${Array(10).fill(`*a${level - 1}`).join(', ')}]\n`;
    const document = parse(bomb, 'asl-yaml');
    const diagnostics = await service.doValidation(document);
    assert.equal(document.value, undefined);
    assert.deepEqual(diagnostics.map(({ message, range }) => [message, range.start]), [
      ['Aliases expand to more than 10000 nodes: the document is not read further.', { line: 3, character: 44 }],
    ]);
  });

  it('resolves 1,000 aliases of one anchor without walking the document once per alias', () => {
    const retry = [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 2, MaxAttempts: 3 }];
    let yaml = 'StartAt: S0\nStates:\n';
    for (let i = 0; i < 1000; i++) {
      const retryField = i === 0 ? 'Retry: &retry\n      - ErrorEquals: [States.ALL]\n        IntervalSeconds: 2\n        MaxAttempts: 3' : 'Retry: *retry';
      yaml += `  S${i}:\n    Type: Pass\n    ${retryField}\n    ${i < 999 ? `Next: S${i + 1}` : 'End: true'}\n`;
    }
    const resolve = Alias.prototype.resolve;
    let walks = 0;
    // Each call walks the whole document: one per alias is quadratic (1,000 aliases took seconds).
    Alias.prototype.resolve = function (this: Alias, ...args: Parameters<Alias['resolve']>) {
      walks++;
      return resolve.apply(this, args);
    };
    let many: ReturnType<typeof parse>;
    try {
      many = parse(yaml, 'asl-yaml');
    } finally {
      Alias.prototype.resolve = resolve;
    }
    assert.equal(walks, 0);
    const states = (many.value as { States: Record<string, { Retry: unknown }> }).States;
    assert.equal(Object.keys(states).length, 1000);
    assert.ok(Object.values(states).every((state) => JSON.stringify(state.Retry) === JSON.stringify(retry)));
    assert.equal(text(many, nodeAtPath(many.json.root, ['States', 'S999', 'Retry', 0, 'MaxAttempts'])), '*retry');
  });

  it('reads 1,000 states sharing a two-retrier Retry: copies grow with the document, not past a fixed 10,000', async () => {
    const anchor = 'Retry: &retry\n      - ErrorEquals: [Lambda.ServiceException, Lambda.TooManyRequestsException]\n        IntervalSeconds: 2\n'
      + '        MaxAttempts: 6\n        BackoffRate: 2\n      - ErrorEquals: [States.ALL]\n        MaxAttempts: 2';
    let yaml = 'StartAt: S0\nStates:\n';
    for (let i = 0; i < 1000; i++) yaml += `  S${i}:\n    Type: Task\n    Resource: arn:aws:lambda:us-east-1:123456789012:function:f\n    ${i === 0 ? anchor : 'Retry: *retry'}\n    ${i < 999 ? `Next: S${i + 1}` : 'End: true'}\n`;
    const shared = parse(yaml, 'asl-yaml');
    assert.deepEqual(await service.doValidation(shared), []);
    const states = Object.values((shared.value as { States: Record<string, { Retry: { MaxAttempts: number }[] }> }).States);
    assert.equal(states.length, 1000);
    assert.ok(states.every((state) => state.Retry.length === 2 && state.Retry[1].MaxAttempts === 2));
  });

  it('an alias stands for the last node before it with its anchor', () => {
    const redefined = parse('a: &x 1\nb: *x\nc: &x 2\nd: *x\ne: *y\nf: &y 3\n', 'asl-yaml');
    assert.deepEqual(redefined.value, { a: 1, b: 1, c: 2, d: 2, e: null, f: 3 });
  });

  it('survives a self-referencing alias and odd scalars', () => {
    const odd = parse('a: &x [1, *x]\nb: 2026-01-01\nc: ~\nd: 0x1F\n? [complex]\n: key\n', 'asl-yaml');
    // The alias inside its own anchor expands once, then stops.
    assert.deepEqual(odd.value, { a: [1, [1, null]], b: '2026-01-01', c: null, d: 31 });
  });
});
