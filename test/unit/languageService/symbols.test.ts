import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import { NESTED, parse, positionOf, service } from './editingFixtures';

const outline = (symbols: DocumentSymbol[]): unknown => symbols.map((symbol) => (symbol.children?.length ? { [symbol.name]: outline(symbol.children) } : symbol.name));

describe('document symbols', () => {
  it('is the state tree with branches nested under their state', () => {
    const document = parse(NESTED);
    const symbols = service.findDocumentSymbols(document);
    assert.deepEqual(outline(symbols), ['Start', { Fork: [{ 'Branch 1': ['Work', 'Done'] }] }, 'Check', 'Done', 'Failed']);
    const fork = symbols[1];
    assert.equal(fork.kind, SymbolKind.Module);
    assert.equal(fork.detail, 'Parallel');
    assert.deepEqual(fork.selectionRange, { start: positionOf(document, '"Fork": {'), end: positionOf(document, '"Fork": {', 6) });
  });

  it('nests a Map\'s processor and survives a state without a type', () => {
    const document = parse('{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true},"X":{}}}');
    assert.deepEqual(outline(service.findDocumentSymbols(document)), [{ M: [{ ItemProcessor: ['I'] }] }, 'X']);
  });
});
