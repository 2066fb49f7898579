// Go to definition: from any reference to a state (StartAt, Next, Default, a Choice rule's
// or a catcher's Next) to the state's name in its own machine.
import type { Location, Position } from 'vscode-languageserver-types';
import { AslDocument, rangeOfNode } from './aslDocument';
import { stateSymbolAt } from './stateIndex';

export function findDefinition(document: AslDocument, position: Position): Location[] {
  const symbol = stateSymbolAt(document, document.textDocument.offsetAt(position));
  if (!symbol?.state) return [];
  return [{ uri: document.textDocument.uri, range: rangeOfNode(document.textDocument, symbol.state.property.keyNode) }];
}
