// Where states are named and referred to, scope by scope: every StartAt, Next, Default,
// Choice rule Next and Catch Next, tied to the machine (top level, Parallel branch or
// Map processor) whose states it names. Definition, references, rename, hover and code
// actions all read this one index, built once per parsed document.
import type { ObjectASTNode, StringASTNode } from 'vscode-json-languageservice';
import { AslDocument, JsonPath, StateEntry, nodeAtPath, propertyValue } from './aslDocument';
import type { QueryLanguage } from '../core/queryLanguage';
import type { Transition } from '../core/machineStructure';
import { stateId } from '../core/graph/model';

export type ReferenceKind = 'StartAt' | Transition['kind'];

export interface StateReference {
  /** The state name referred to. */
  name: string;
  /** The machine whose states the name is looked up in. */
  machinePath: JsonPath;
  /** The string node holding the name. */
  node: StringASTNode;
  kind: ReferenceKind;
  /** The state the transition leaves from (none for StartAt). */
  from?: StateEntry;
}

export interface StateIndex {
  references: StateReference[];
  /** States by machine key, then by name. */
  statesByMachine: Map<string, Map<string, StateEntry>>;
  /** States by the key of their own path. */
  statesByPath: Map<string, StateEntry>;
  machineKeys: Set<string>;
}

/** A map key for a path: the graph's state id, unambiguous whatever characters state names hold. */
export const pathKey: (path: JsonPath) => string = stateId;

export function samePath(a: JsonPath, b: JsonPath): boolean {
  return a.length === b.length && a.every((segment, index) => segment === b[index]);
}

const indexes = new WeakMap<AslDocument, StateIndex>();

export function stateIndex(document: AslDocument): StateIndex {
  let index = indexes.get(document);
  if (!index) {
    index = buildIndex(document);
    indexes.set(document, index);
  }
  return index;
}

function buildIndex(document: AslDocument): StateIndex {
  const statesByMachine = new Map<string, Map<string, StateEntry>>();
  const statesByPath = new Map<string, StateEntry>();
  const machineKeys = new Set(document.machinePaths.map(pathKey));
  const references: StateReference[] = [];
  for (const machinePath of document.machinePaths) {
    statesByMachine.set(pathKey(machinePath), new Map());
    const machine = nodeAtPath(document.json.root, machinePath);
    const startAt = machine?.type === 'object' ? propertyValue(machine, 'StartAt') : undefined;
    if (startAt?.type === 'string') references.push({ name: startAt.value, machinePath, node: startAt, kind: 'StartAt' });
  }
  // States of one machine share its path array: look its map up once per machine, not per state.
  let lastMachine: JsonPath | undefined;
  let byName: Map<string, StateEntry> | undefined;
  for (const state of document.states) {
    if (state.machinePath !== lastMachine) {
      lastMachine = state.machinePath;
      byName = statesByMachine.get(pathKey(state.machinePath));
    }
    // With a duplicated name (a validation error), navigation goes to the first definition.
    if (byName && !byName.has(state.name)) byName.set(state.name, state);
    statesByPath.set(pathKey(state.path), state);
    const stateNode = state.property.valueNode;
    for (const transition of state.info.transitions) {
      const node = nodeAtPath(document.json.root, transition.path.slice(state.path.length), stateNode);
      if (node?.type === 'string') references.push({ name: transition.target, machinePath: state.machinePath, node, kind: transition.kind, from: state });
    }
  }
  return { references, statesByMachine, statesByPath, machineKeys };
}

export function statesOfMachine(document: AslDocument, machinePath: JsonPath): StateEntry[] {
  return [...(stateIndex(document).statesByMachine.get(pathKey(machinePath))?.values() ?? [])];
}

export function findState(document: AslDocument, machinePath: JsonPath, name: string): StateEntry | undefined {
  return stateIndex(document).statesByMachine.get(pathKey(machinePath))?.get(name);
}

export function isMachinePath(document: AslDocument, path: JsonPath): boolean {
  return stateIndex(document).machineKeys.has(pathKey(path));
}

/** The state whose object is at `path`, or that contains it most closely. */
export function owningState(document: AslDocument, path: JsonPath): StateEntry | undefined {
  const { statesByPath } = stateIndex(document);
  for (let length = path.length; length >= 2; length--) {
    const state = statesByPath.get(pathKey(path.slice(0, length)));
    if (state) return state;
  }
  return undefined;
}

/** The machine whose states a name at `path` (inside a state or a machine's StartAt) refers to. */
export function enclosingMachine(document: AslDocument, path: JsonPath): JsonPath {
  const state = owningState(document, path);
  const machineAbove = (length: number) => {
    for (let l = length; l >= 0; l--) if (isMachinePath(document, path.slice(0, l))) return path.slice(0, l);
    return [];
  };
  // A path inside a nested machine but outside its states (its StartAt) belongs to that machine.
  const machine = machineAbove(path.length);
  if (state && state.path.length > machine.length) return state.machinePath;
  return machine;
}

/** The references to one state (same machine, same name). */
export function referencesTo(document: AslDocument, state: StateEntry): StateReference[] {
  return stateIndex(document).references.filter((reference) => reference.name === state.name && samePath(reference.machinePath, state.machinePath));
}

/** What the cursor is on when it is on a state's name or on a reference to a state. */
export interface StateSymbolAt {
  name: string;
  machinePath: JsonPath;
  /** The node under the cursor (a state's key or a reference's string). */
  node: StringASTNode;
  /** The state defined under that name, when there is one. */
  state: StateEntry | undefined;
  reference?: StateReference;
}

export function stateSymbolAt(document: AslDocument, offset: number): StateSymbolAt | undefined {
  const node = document.json.getNodeFromOffset(offset, true);
  if (node?.type !== 'string') return undefined;
  const parent = node.parent;
  if (parent?.type === 'property' && parent.keyNode === node) {
    const state = document.states.find((entry) => entry.property === parent);
    if (state) return { name: state.name, machinePath: state.machinePath, node, state };
  }
  const reference = stateIndex(document).references.find((candidate) => candidate.node === node);
  if (!reference) return undefined;
  return { name: reference.name, machinePath: reference.machinePath, node, state: findState(document, reference.machinePath, reference.name), reference };
}

/** The query language a state (or anything inside it) uses, by the rule the validator and the interpreter use. */
export function queryLanguageAt(document: AslDocument, path: JsonPath): QueryLanguage {
  return owningState(document, path)?.info.queryLanguage ?? document.structure.queryLanguage;
}

/** The state's object node, when it is an object. */
export function stateObject(state: StateEntry): ObjectASTNode | undefined {
  return state.property.valueNode?.type === 'object' ? state.property.valueNode : undefined;
}
