// The graph model of a document: the pure model (core/graph) given where each state stands in
// the text and which diagnostics fall inside it.
import type { Diagnostic } from 'vscode-languageserver-types';
import { buildGraphModel, GraphModel, GraphPath, GraphSeverity, stateId, StateLocation } from '../core/graph/model';
import { AslDocument, JsonPath, pathOfNode, rangeOfNode, statesAtOffsets } from './aslDocument';

const SEVERITIES: Record<number, GraphSeverity> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

export function getGraphModel(document: AslDocument, diagnostics: Diagnostic[]): GraphModel {
  const { textDocument } = document;
  const locations = new Map<string, StateLocation>();
  for (const state of document.states) {
    locations.set(stateId(state.path), { range: rangeOfNode(textDocument, state.property), keyRange: rangeOfNode(textDocument, state.property.keyNode) });
  }
  const owners = statesAtOffsets(document, diagnostics.map((diagnostic) => textDocument.offsetAt(diagnostic.range.start)));
  return buildGraphModel(document.value, {
    structure: document.structure,
    locate: (path: GraphPath) => locations.get(stateId(path)),
    diagnostics: diagnostics.map((diagnostic, index) => {
      const owner = owners[index];
      const fieldPath = owner && fieldPathAt(document, owner.path, textDocument.offsetAt(diagnostic.range.start));
      const field = fieldPath?.[0];
      return {
        path: owner?.path ?? [],
        diagnostic: {
          severity: SEVERITIES[diagnostic.severity ?? 1] ?? 'error',
          message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
          ...(typeof field === 'string' ? { field, fieldPath } : {}),
        },
      };
    }),
  });
}

/** The path inside the state of the value (or key) holding `offset` (undefined on the state's name or braces). */
function fieldPathAt(document: AslDocument, statePath: JsonPath, offset: number): JsonPath | undefined {
  const node = document.json.getNodeFromOffset(offset, true);
  const path = node ? pathOfNode(node) : [];
  // On a key, the path is its object's: the key names the field.
  if (node?.parent?.type === 'property' && node.parent.keyNode === node) path.push(node.value as string);
  return path.length > statePath.length ? path.slice(statePath.length) : undefined;
}
