// The parsed form every language feature works on: the JSON syntax tree (from
// vscode-json-languageservice), its plain value, the machine's structure (core/machineStructure, walked
// once per document) and where each of its states stands in the text.
import type { ASTNode, ObjectASTNode, PropertyASTNode } from 'vscode-json-languageservice';
import type { Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { buildStructure, type JsonPath, type MachineStructure, type StateInfo } from '../core/machineStructure';
import type { ParsedJson } from './jsonDocument';

export type { JsonPath };

export interface StateEntry {
  name: string;
  /** Path of the state's object, e.g. ['States', 'Parallel', 'Branches', 0, 'States', 'Hello']. */
  path: JsonPath;
  /** Path of the machine holding the state: [] for the top level, else a branch or item processor. */
  machinePath: JsonPath;
  /** The `"Name": {...}` property, whose key is the state's name in the text. */
  property: PropertyASTNode;
  /** The state's Type when it is a string literal. */
  type: string | undefined;
  /** The state in the machine's structure. */
  info: StateInfo;
}

export interface AslDocument {
  readonly textDocument: TextDocument;
  readonly json: ParsedJson;
  /** The document as a plain JSON value; undefined when nothing parses. */
  readonly value: unknown;
  /** The machines and states of the value, the one walk the validator, the graph and the features read. */
  readonly structure: MachineStructure;
  /** Every machine: the top level ([]) and each Parallel branch and Map processor, outermost first. */
  readonly machinePaths: JsonPath[];
  /** Every state of every machine, outer before inner, with where it stands in the text. */
  readonly states: StateEntry[];
}

/**
 * `value`, when the caller has it, is the plain value of a text without syntax errors (from JSON.parse,
 * which is many times faster than building it from the tree); otherwise it is built from the tree.
 * The states' places are made once, when first read: a validation reads the structure, not the places
 * (which make the tree's nodes of every state). The structure is walked here, right after JSON.parse: the
 * first walk of a fresh value pays for moving it out of V8's young generation, which a first completion
 * after a parse (its budget in editing.bench) should not.
 */
export function createAslDocument(textDocument: TextDocument, json: ParsedJson, value: unknown = json.root ? nodeValue(json.root) : undefined): AslDocument {
  const structure = buildStructure(value);
  const machinePaths = structure.machines.map((machine) => machine.path);
  let states: StateEntry[] | undefined;
  return {
    textDocument,
    json,
    value,
    structure,
    machinePaths,
    get states() {
      return states ??= stateEntries(json, structure);
    },
  };
}

function stateEntries(json: ParsedJson, structure: MachineStructure): StateEntry[] {
  const states: StateEntry[] = [];
  for (const machine of structure.machines) {
    const statesNode = nodeAtPath(json.root, [...machine.path, 'States']);
    if (statesNode?.type !== 'object') continue;
    for (const info of machine.states.values()) {
      const property = propertyNamed(statesNode, info.name)!;
      states.push({ name: info.name, path: info.path, machinePath: machine.path, property, type: info.type, info });
    }
  }
  return states;
}

/** Above this many properties, an object's properties are looked up by key in an index made once, not one by one. */
const INDEXED_PROPERTIES = 16;
/** The index of each large object, for as long as its tree lives (a tree never changes once parsed). */
const propertyIndexes = new WeakMap<ObjectASTNode, Map<string, PropertyASTNode>>();

/** The property of an object with that key; the last occurrence wins, as in JSON.parse. */
export function propertyNamed(node: ObjectASTNode, key: string): PropertyASTNode | undefined {
  const { properties } = node;
  if (properties.length > INDEXED_PROPERTIES) {
    let index = propertyIndexes.get(node);
    // A later property overwrites an earlier one of the same key in the map.
    if (!index) propertyIndexes.set(node, index = new Map(properties.map((property) => [property.keyNode.value, property])));
    return index.get(key);
  }
  for (let i = properties.length - 1; i >= 0; i--) {
    if (properties[i].keyNode.value === key) return properties[i];
  }
  return undefined;
}

export function propertyValue(node: ObjectASTNode, key: string): ASTNode | undefined {
  return propertyNamed(node, key)?.valueNode;
}

/** The node at `path`, starting from `from` (the root by default). */
export function nodeAtPath(root: ASTNode | undefined, path: JsonPath, from: ASTNode | undefined = root): ASTNode | undefined {
  let node = from;
  for (const segment of path) {
    if (!node) return undefined;
    if (node.type === 'object' && typeof segment === 'string') node = propertyValue(node, segment);
    else if (node.type === 'array' && typeof segment === 'number') node = node.items[segment];
    else return undefined;
  }
  return node;
}

/** The property node whose value is at `path` (so its key can be pointed at). */
export function propertyAtPath(root: ASTNode | undefined, path: JsonPath): PropertyASTNode | undefined {
  const value = nodeAtPath(root, path);
  return value?.parent?.type === 'property' ? value.parent : undefined;
}

/**
 * The text range of the value at `path` (or of its key, for `part: 'key'`). When the path does
 * not exist, the range of its nearest existing ancestor, so that a diagnostic still has a place.
 */
export function rangeOfPath(document: AslDocument, path: JsonPath, part: 'key' | 'value' = 'value'): Range {
  const { root } = document.json;
  for (let length = path.length; length >= 0; length--) {
    const node = nodeAtPath(root, path.slice(0, length));
    if (!node) continue;
    const target = part === 'key' && length === path.length && node.parent?.type === 'property' ? node.parent.keyNode : node;
    return rangeOfNode(document.textDocument, target);
  }
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

export function rangeOfNode(textDocument: TextDocument, node: ASTNode): Range {
  return { start: textDocument.positionAt(node.offset), end: textDocument.positionAt(node.offset + node.length) };
}

/** The path from the root to `node`. */
export function pathOfNode(node: ASTNode): JsonPath {
  const path: JsonPath = [];
  let current: ASTNode = node;
  while (current.parent) {
    const parent: ASTNode = current.parent;
    if (parent.type === 'property') {
      if (current === parent.valueNode) path.unshift(parent.keyNode.value);
    } else if (parent.type === 'array') {
      path.unshift(parent.items.indexOf(current));
    }
    current = parent;
  }
  return path;
}

/** The state whose object (or name) contains `offset`, the innermost one. */
export function stateAtOffset(document: AslDocument, offset: number): StateEntry | undefined {
  let found: StateEntry | undefined;
  for (const state of document.states) {
    const { property } = state;
    if (offset >= property.offset && offset <= property.offset + property.length) {
      if (!found || property.offset >= found.property.offset) found = state;
    }
  }
  return found;
}

/** `stateAtOffset` for many offsets in one sweep over the states, for callers that locate every diagnostic. */
export function statesAtOffsets(document: AslDocument, offsets: number[]): (StateEntry | undefined)[] {
  // States nest or are disjoint, so a stack of the states open at the current offset has the innermost on top.
  const states = [...document.states].sort((a, b) => a.property.offset - b.property.offset || b.property.length - a.property.length);
  const end = (state: StateEntry) => state.property.offset + state.property.length;
  const order = offsets.map((_, index) => index).sort((a, b) => offsets[a] - offsets[b]);
  const result: (StateEntry | undefined)[] = new Array(offsets.length);
  const open: StateEntry[] = [];
  let next = 0;
  for (const index of order) {
    const offset = offsets[index];
    for (; next < states.length && states[next].property.offset <= offset; next++) {
      while (open.length > 0 && end(open[open.length - 1]) < states[next].property.offset) open.pop();
      open.push(states[next]);
    }
    while (open.length > 0 && end(open[open.length - 1]) < offset) open.pop();
    result[index] = open[open.length - 1];
  }
  return result;
}

export function nodeValue(node: ASTNode): unknown {
  switch (node.type) {
    case 'object':
      // fromEntries defines own properties, so a key like `__proto__` stays a key instead of setting the prototype.
      // A key with no value yet (`A:` in YAML, which reads as null) is kept, so the state being typed is a state.
      return Object.fromEntries(node.properties.map((property) =>
        [property.keyNode.value, property.valueNode ? nodeValue(property.valueNode) : null]));
    case 'array':
      return node.items.map(nodeValue);
    case 'property':
      return node.valueNode ? nodeValue(node.valueNode) : undefined;
    default:
      return node.value;
  }
}
