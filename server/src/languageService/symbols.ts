// Document symbols: the state tree, each Parallel branch and Map processor nested under
// its state, so the outline and breadcrumbs follow the machine's structure.
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import { AslDocument, JsonPath, nodeAtPath, rangeOfNode, StateEntry } from './aslDocument';
import { owningState, pathKey, statesOfMachine } from './stateIndex';

const KIND_BY_TYPE = new Map<string | undefined, SymbolKind>(Object.entries({
  Task: SymbolKind.Function,
  Pass: SymbolKind.Variable,
  Choice: SymbolKind.Enum,
  Wait: SymbolKind.Event,
  Succeed: SymbolKind.Constant,
  Fail: SymbolKind.Constant,
  Parallel: SymbolKind.Module,
  Map: SymbolKind.Array,
}));

export function findDocumentSymbols(document: AslDocument): DocumentSymbol[] {
  const machinesByState = new Map<string, JsonPath[]>();
  for (const machinePath of document.machinePaths) {
    if (machinePath.length === 0) continue;
    const owner = owningState(document, machinePath);
    if (!owner) continue;
    const key = pathKey(owner.path);
    machinesByState.set(key, [...(machinesByState.get(key) ?? []), machinePath]);
  }
  const machineSymbols = (machinePath: JsonPath): DocumentSymbol[] => statesOfMachine(document, machinePath).map(stateSymbol);
  const stateSymbol = (state: StateEntry): DocumentSymbol => {
    const subMachines = machinesByState.get(pathKey(state.path)) ?? [];
    const children = subMachines.map((machinePath, index) => {
      const node = nodeAtPath(document.json.root, machinePath)!;
      const last = machinePath[machinePath.length - 1];
      // A processor's symbol is its whole `"ItemProcessor": {...}` property, so that its key (the selection) lies in it.
      const whole = node.parent?.type === 'property' ? node.parent : node;
      return {
        name: typeof last === 'number' ? `Branch ${index + 1}` : String(last),
        kind: SymbolKind.Namespace,
        range: rangeOfNode(document.textDocument, whole),
        selectionRange: rangeOfNode(document.textDocument, whole.type === 'property' ? whole.keyNode : whole),
        children: machineSymbols(machinePath),
      };
    });
    return {
      name: state.name || '""',
      detail: state.type,
      kind: KIND_BY_TYPE.get(state.type) ?? SymbolKind.Object,
      range: rangeOfNode(document.textDocument, state.property),
      selectionRange: rangeOfNode(document.textDocument, state.property.keyNode),
      children,
    };
  };
  return machineSymbols([]);
}
