// Find references: every place naming the state under the cursor, in its own scope only
// (a branch's "Done" is not the top level's "Done").
import type { Location, Position } from 'vscode-languageserver-types';
import { AslDocument, rangeOfNode } from './aslDocument';
import { referencesTo, stateIndex, samePath, stateSymbolAt } from './stateIndex';

export function findReferences(document: AslDocument, position: Position, includeDeclaration: boolean): Location[] {
  const symbol = stateSymbolAt(document, document.textDocument.offsetAt(position));
  if (!symbol) return [];
  const { uri } = document.textDocument;
  const nodes = symbol.state
    ? referencesTo(document, symbol.state).map((reference) => reference.node)
    : stateIndex(document).references.filter((reference) => reference.name === symbol.name && samePath(reference.machinePath, symbol.machinePath)).map((reference) => reference.node);
  const locations = nodes.map((node) => ({ uri, range: rangeOfNode(document.textDocument, node) }));
  if (includeDeclaration && symbol.state) locations.unshift({ uri, range: rangeOfNode(document.textDocument, symbol.state.property.keyNode) });
  return locations;
}
