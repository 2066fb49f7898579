import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DocumentSymbol, Range, SymbolKind } from 'vscode-languageserver-types';
import { stringify } from 'yaml';
import { CORPUS_DIR } from '../corpus';
import { NESTED, parse, positionOf, service } from './editingFixtures';

const outline = (symbols: DocumentSymbol[]): unknown => symbols.map((symbol) => (symbol.children?.length ? { [symbol.name]: outline(symbol.children) } : symbol.name));

const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
const contains = (outer: Range, inner: Range) => before(outer.start, inner.start) && before(inner.end, outer.end);

/** What VS Code refuses (it rejects the whole answer): a selection outside its symbol, a child outside its parent. */
function misplacedSymbols(symbols: DocumentSymbol[], parent?: DocumentSymbol): string[] {
  return symbols.flatMap((symbol) => [
    ...(contains(symbol.range, symbol.selectionRange) ? [] : [`${symbol.name}: selectionRange outside range`]),
    ...(parent && !contains(parent.range, symbol.range) ? [`${symbol.name}: outside ${parent.name}`] : []),
    ...misplacedSymbols(symbol.children ?? [], symbol),
  ]);
}

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
    const symbols = service.findDocumentSymbols(document);
    assert.deepEqual(outline(symbols), [{ M: [{ ItemProcessor: ['I'] }] }, 'X']);
    assert.deepEqual(misplacedSymbols(symbols), []);
  });

  it('places every selection inside its symbol and every child inside its parent, on every corpus definition in JSON and YAML', () => {
    const files = existsSync(CORPUS_DIR) ? readdirSync(CORPUS_DIR, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.json')) : [];
    const cases = files.map((file) => JSON.parse(readFileSync(join(CORPUS_DIR, file), 'utf8')) as { name: string; definition?: unknown })
      .filter((testCase) => testCase.definition !== undefined);
    assert.ok(cases.length > 1000, `expected the corpus at ${CORPUS_DIR}`);
    const misplaced = cases.flatMap(({ name, definition }) => [
      ...misplacedSymbols(service.findDocumentSymbols(parse(JSON.stringify(definition, null, 2)))).map((problem) => `${name} (JSON) ${problem}`),
      ...misplacedSymbols(service.findDocumentSymbols(parse(stringify(definition), 'asl-yaml'))).map((problem) => `${name} (YAML) ${problem}`),
    ]);
    assert.deepEqual(misplaced.slice(0, 10), []);
  });
});
