// The design operations that apply to a document, for the property tests that pick among them at
// random, and the errors a designed definition may not have.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { DESIGN_PALETTE, type DesignEdge, type DesignOperation } from '../../../server/src/protocol';
import { nodeValue, type AslDocument } from '../../../server/src/languageService/aslDocument';
import { pathKey } from '../../../server/src/languageService/stateIndex';
import { DiagnosticCode } from '../../../server/src/core/validation/codes';
import { service } from '../languageService/editingFixtures';

/** The errors of a document (or of diagnostics given), but for unreachable states: a state the designer leaves unattached may be one. */
export async function errors(document: AslDocument, diagnostics?: Diagnostic[]): Promise<string[]> {
  return (diagnostics ?? await service.doValidation(document)).filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error && diagnostic.code !== DiagnosticCode.unreachableState)
    .map((diagnostic) => `${diagnostic.code}: ${diagnostic.message}`);
}

/** The transitions of a document: where a drop can land, or an edge end be dragged from. */
function edgesOf(document: AslDocument): DesignEdge[] {
  const edges: DesignEdge[] = document.machinePaths.map((machinePath) => ({ startAt: machinePath }));
  for (const state of document.states) {
    const value = state.property.valueNode ? nodeValue(state.property.valueNode) : undefined;
    if (!isRecord(value)) continue;
    if (typeof value.Next === 'string') edges.push({ from: state.path, kind: 'Next' });
    if (value.End === true) edges.push({ from: state.path, kind: 'End' });
    if (typeof value.Default === 'string') edges.push({ from: state.path, kind: 'Default' });
    for (const [key, kind] of [['Choices', 'Choice'], ['Catch', 'Catch']] as const) {
      const list = value[key];
      if (Array.isArray(list)) list.forEach((item, index) => { if (isRecord(item) && typeof item.Next === 'string') edges.push({ from: state.path, kind, index }); });
    }
  }
  return edges;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Every operation that applies to the document, the `pick`-th of them chosen by the caller. */
export function operations(document: AslDocument): DesignOperation[] {
  const states = document.states;
  const result: DesignOperation[] = [];
  for (const edge of edgesOf(document)) {
    for (const entry of DESIGN_PALETTE) result.push({ kind: 'insertState', entry: entry.id, on: { edge } });
    for (const state of states) {
      const machinePath = 'startAt' in edge ? edge.startAt : states.find((candidate) => pathKey(candidate.path) === pathKey(edge.from))?.machinePath;
      if (machinePath && pathKey(state.machinePath) === pathKey(machinePath)) result.push({ kind: 'setTarget', edge, target: state.name });
    }
  }
  for (const machinePath of document.machinePaths) result.push({ kind: 'insertState', entry: 'Pass', on: { machine: machinePath } });
  // Moves: each state onto the first and the last transition of its machine (all of them would crowd the other operations out).
  const edges = edgesOf(document);
  for (const state of states) {
    const inMachine = edges.filter((edge) => pathKey('startAt' in edge ? edge.startAt : edge.from.slice(0, -2)) === pathKey(state.machinePath));
    for (const to of new Set([inMachine[0], inMachine[inMachine.length - 1]])) if (to) result.push({ kind: 'moveState', state: state.path, to });
  }
  for (const state of states) {
    result.push(
      { kind: 'deleteState', state: state.path },
      { kind: 'duplicateState', state: state.path },
      { kind: 'renameState', state: state.path, newName: `${state.name} renamed` },
      { kind: 'addBranch', state: state.path },
      { kind: 'addChoiceRule', state: state.path },
      { kind: 'addCatcher', state: state.path },
      { kind: 'addRetrier', state: state.path },
      { kind: 'setField', state: state.path, field: ['Comment'], value: 'Set by the designer' },
    );
  }
  return result;
}

