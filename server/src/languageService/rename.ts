// Rename a state: its name and every reference to it in its scope, nothing outside it.
// A name another state of the same machine already has is refused with a clear message.
import type { Position, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import { AslDocument, rangeOfNode } from './aslDocument';
import { findState, referencesTo, stateSymbolAt } from './stateIndex';
import { renderString } from './textSyntax';
import { isAliasCopy } from './yamlDocument';

/** A rename the service refuses; its message is shown to the user as is. */
export class RenameError extends Error {}

/** AWS's limit on state names. */
const MAX_STATE_NAME_LENGTH = 80;

/** The range of the name under the cursor (without its quotes) and the name, or null when it is no state name. */
export function prepareRename(document: AslDocument, position: Position): { range: Range; placeholder: string } | null {
  const symbol = stateSymbolAt(document, document.textDocument.offsetAt(position));
  if (!symbol?.state) return null;
  const { node } = symbol;
  const text = document.textDocument.getText().slice(node.offset, node.offset + node.length);
  const quoted = /^["']/.test(text) && node.length >= 2;
  const start = node.offset + (quoted ? 1 : 0);
  const end = node.offset + node.length - (quoted ? 1 : 0);
  return { range: { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(end) }, placeholder: symbol.name };
}

export function doRename(document: AslDocument, position: Position, newName: string): WorkspaceEdit | null {
  const symbol = stateSymbolAt(document, document.textDocument.offsetAt(position));
  if (!symbol) return null;
  if (!symbol.state) throw new RenameError(`There is no state named "${symbol.name}" to rename.`);
  if (newName === symbol.name) return { changes: {} };
  if (newName.length === 0) throw new RenameError('A state name cannot be empty.');
  if (newName.length > MAX_STATE_NAME_LENGTH) throw new RenameError(`State names are at most ${MAX_STATE_NAME_LENGTH} characters ("${newName}" has ${newName.length}).`);
  if (findState(document, symbol.machinePath, newName)) {
    throw new RenameError(`A state named "${newName}" already exists in this ${symbol.machinePath.length ? 'branch' : 'state machine'}.`);
  }
  if (isAliasCopy(symbol.state.property.keyNode)) throw new RenameError(`"${symbol.name}" comes from a YAML alias: rename it where its anchor is.`);
  const text = renderString(document, newName);
  // A reference inside an alias's expansion is renamed where its anchor is written, which is a reference too.
  const nodes = [symbol.state.property.keyNode, ...referencesTo(document, symbol.state).map((reference) => reference.node)].filter((node) => !isAliasCopy(node));
  const edits = nodes.map((node) => ({ range: rangeOfNode(document.textDocument, node), newText: text }));
  return { changes: { [document.textDocument.uri]: edits } };
}
