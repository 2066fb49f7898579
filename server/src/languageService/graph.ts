// The graph model of a document: the pure model (core/graph) given where each state stands in
// the text and which diagnostics fall inside it.
import type { Diagnostic } from 'vscode-languageserver-types';
import { buildGraphModel, GraphModel, GraphPath, GraphSeverity, stateId, StateLocation } from '../core/graph/model';
import { AslDocument, rangeOfNode, statesAtOffsets } from './aslDocument';

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
    diagnostics: diagnostics.map((diagnostic, index) => ({
      path: owners[index]?.path ?? [],
      diagnostic: { severity: SEVERITIES[diagnostic.severity ?? 1] ?? 'error', message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value },
    })),
  });
}
