// Go to definition: from any reference to a state (StartAt, Next, Default, a Choice rule's
// or a catcher's Next) to the state's name in its own machine; from a variable read to
// the Assign keys in scope that set it.
import type { Location, Position } from 'vscode-languageserver-types';
import { AslDocument, rangeOfNode } from './aslDocument';
import { stateSymbolAt } from './stateIndex';
import { variableAt } from './variables';

export function findDefinition(document: AslDocument, position: Position): Location[] {
  const offset = document.textDocument.offsetAt(position);
  const { uri } = document.textDocument;
  const symbol = stateSymbolAt(document, offset);
  if (symbol?.state) return [{ uri, range: rangeOfNode(document.textDocument, symbol.state.property.keyNode) }];
  const variable = symbol ? undefined : variableAt(document, offset);
  return variable ? variable.assignments.map((assignment) => ({ uri, range: rangeOfNode(document.textDocument, assignment.key) })) : [];
}
