// The designer's operations on a definition's text: each is a function of the parsed document
// and the operation, answering one WorkspaceEdit that touches only what changes (a transition's
// target, the new state's lines, the removed state's lines), in the document's syntax, so the
// rest of the file, its formatting, key order and YAML comments stay byte for byte. Only what
// the operation names needs to parse: a broken part elsewhere is left alone.
import type { ASTNode, ObjectASTNode, PropertyASTNode } from 'vscode-json-languageservice';
import type { TextEdit } from 'vscode-languageserver-types';
import type { DesignEdge, DesignOperation, DesignPath, DesignResult, DesignState } from '../../protocol';
import { AslDocument, JsonPath, nodeAtPath, nodeValue, propertyValue, rangeOfNode, StateEntry } from '../aslDocument';
import { doRename, RenameError } from '../rename';
import { findState, pathKey, queryLanguageAt, referencesTo, samePath, stateIndex, StateReference, stateObject, statesOfMachine } from '../stateIndex';
import { appendItem, insertItemBefore, insertProperty, insertPropertyAfter, removeItem, removeProperty, replaceProperty, replaceValue } from '../textEdits';
import { renderString, renderValue } from '../textSyntax';
import { isAliasCopy } from '../yamlDocument';
import { isTerminal } from '../codeActions';
import { choiceRule, machineOfOnePass, NEW_RETRIER, newCatcher, paletteState } from './palette';

/** An operation the text does not allow; its message is shown to the user as is. */
class DesignError extends Error {}

/** How the end of the flow is named among the places a deleted state led to. */
const END_OF_FLOW = 'the end of the flow';

const WITH_ERROR_HANDLING = new Set(['Task', 'Parallel', 'Map']);

/** What the text does not tell about the machine: an EXPRESS workflow's palette Tasks do not wait for their job. */
export interface DesignOptions {
  machineType?: 'STANDARD' | 'EXPRESS';
}

export function designEdit(document: AslDocument, operation: DesignOperation, options: DesignOptions = {}): DesignResult {
  try {
    return operate(document, operation, options);
  } catch (error) {
    if (error instanceof DesignError || error instanceof RenameError) return { error: error.message };
    throw error;
  }
}

function operate(document: AslDocument, operation: DesignOperation, options: DesignOptions): DesignResult {
  switch (operation.kind) {
    case 'insertState':
      return insertState(document, operation.entry, operation.on, operation.name, options);
    case 'deleteState':
      return deleteState(document, stateAt(document, operation.state), operation.successor);
    case 'duplicateState':
      return duplicateState(document, stateAt(document, operation.state));
    case 'moveState':
      return moveState(document, stateAt(document, operation.state), operation.to);
    case 'renameState':
      return renameState(document, stateAt(document, operation.state), operation.newName);
    case 'setTarget':
      return setTarget(document, operation.edge, operation.target);
    case 'addBranch':
      return addBranch(document, stateAt(document, operation.state));
    case 'addChoiceRule':
      return addChoiceRule(document, stateAt(document, operation.state), operation.target);
    case 'addCatcher':
      return addCatcher(document, stateAt(document, operation.state), operation.target);
    case 'addRetrier':
      return addToList(document, stateAt(document, operation.state), 'Retry', NEW_RETRIER);
    case 'setField':
      return setField(document, stateAt(document, operation.state), operation.field, operation.value, operation.replaces ?? []);
  }
}

function insertState(document: AslDocument, entry: string, on: { edge: DesignEdge } | { machine: DesignPath }, wanted: string | undefined, options: DesignOptions): DesignResult {
  const unique = uniqueNames(document);
  if (wanted !== undefined) claimName(document, unique, wanted);
  const palette = paletteState(entry, queryLanguageAt(document, []), unique, options.machineType);
  if (!palette) throw new DesignError(`The palette has no "${entry}".`);
  const name = wanted ?? unique(palette.name);
  const path = (machinePath: JsonPath) => [...machinePath, 'States', name];
  if ('machine' in on && document.textDocument.getText().trim() === '') {
    // An empty file: the state is the first of a new state machine.
    const machine = { StartAt: name, States: { [name]: palette.flow === 'choice' ? choiceGoingTo(palette.body, queryLanguageAt(document, []), name) : palette.flow === 'next' ? { ...palette.body, End: true } : palette.body } };
    const whole = { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(document.textDocument.getText().length) };
    return edited(document, [{ range: whole, newText: `${renderValue(document, machine, '')}\n` }], path([]));
  }
  if ('machine' in on) {
    const states = statesObject(document, on.machine);
    const first = firstState(document, on.machine);
    const body = palette.flow === 'next' ? { ...palette.body, End: true }
      : palette.flow === 'terminal' ? palette.body
      : choiceGoingTo(palette.body, queryLanguageAt(document, []), first ?? name);
    const last = states.properties[states.properties.length - 1];
    const edit = last ? insertPropertyAfter(document, last, name, body) : insertProperty(document, states, name, body);
    return edited(document, [edit], path(on.machine));
  }
  const transition = resolveEdge(document, on.edge);
  const target = transition.target;
  let body: Record<string, unknown>;
  if (palette.flow === 'next') body = { ...palette.body, ...(target === null ? { End: true } : { Next: target }) };
  else if (palette.flow === 'terminal') {
    if (target !== null) throw new DesignError(`A ${palette.body.Type} state ends the flow: drop it on an edge to the end, or on the canvas.`);
    body = palette.body;
  } else {
    if (target === null) throw new DesignError('A Choice needs states to go to: drop it on an edge between two states.');
    body = choiceGoingTo(palette.body, queryLanguageAt(document, []), target);
  }
  const states = statesObject(document, transition.machinePath);
  const after = transition.from?.property ?? states.properties[states.properties.length - 1];
  const insertion = after ? insertPropertyAfter(document, after, name, body) : insertProperty(document, states, name, body);
  return edited(document, [retarget(document, transition, name), insertion], path(transition.machinePath));
}

function choiceGoingTo(body: Record<string, unknown>, language: 'JSONPath' | 'JSONata', target: string): Record<string, unknown> {
  return { ...body, Choices: [choiceRule(language, target)], Default: target };
}

function deleteState(document: AslDocument, state: StateEntry, successor: string | null | undefined): DesignResult {
  const siblings = statesOfMachine(document, state.machinePath);
  if (siblings.length <= 1) throw new DesignError(`"${state.name}" is the only state of its ${machineWord(state.machinePath)}: a machine needs a state.`);
  const incoming = referencesTo(document, state).filter((reference) => reference.from?.property !== state.property);
  const ledTo = successorsOf(document, state);
  let chosen: string | null;
  if (successor !== undefined) {
    if (!ledTo.includes(successor)) throw new DesignError(`"${state.name}" does not lead to ${successor === null ? END_OF_FLOW : `"${successor}"`}.`);
    chosen = successor;
  } else if (incoming.length > 0 && ledTo.length > 1) {
    return { choose: { message: `"${state.name}" leads to several states: where should the transitions into it go?`, options: ledTo.map((option) => ({ label: option ?? END_OF_FLOW, successor: option })) } };
  } else {
    chosen = ledTo[0] ?? null;
  }
  const edits = [removeProperty(document, state.property), ...bypass(document, state, incoming, chosen)];
  return edited(document, edits, chosen === null ? undefined : [...state.machinePath, 'States', chosen]);
}

/** The transitions into a state pointed at where it led (`successor`; null: they end the flow), as when it is taken out. */
function bypass(document: AslDocument, state: StateEntry, incoming: StateReference[], successor: string | null): TextEdit[] {
  return incoming.map((reference) => {
    refuseAlias(reference.node);
    if (successor !== null) return replaceName(document, reference.node, successor);
    if (reference.kind !== 'Next') {
      const what = reference.kind === 'StartAt' ? `The ${machineWord(state.machinePath)} starts at` : `A ${reference.kind === 'Choice' ? 'Choice rule' : reference.kind} of "${reference.from?.name}" goes to`;
      throw new DesignError(`${what} "${state.name}", which ends the flow: point it at another state first.`);
    }
    return replaceProperty(document, reference.node.parent as PropertyASTNode, 'End', true);
  });
}

/**
 * Moves a state with one way on into another transition of its machine: the transitions into it go
 * where it led, the transition it is dropped on goes to it, and it goes where that one went.
 */
function moveState(document: AslDocument, state: StateEntry, edge: DesignEdge): DesignResult {
  const object = objectOf(state);
  const next = propertyOf(object, 'Next');
  const end = propertyOf(object, 'End');
  const own: Transition | undefined = next?.valueNode?.type === 'string' ? { machinePath: state.machinePath, from: state, target: next.valueNode.value, node: next.valueNode, canEnd: true }
    : end?.valueNode?.type === 'boolean' && end.valueNode.value ? { machinePath: state.machinePath, from: state, target: null, node: end, canEnd: true }
    : undefined;
  if (state.type === 'Choice' || !own) throw new DesignError(`Only a state with one way on (a Next or an End) can be moved: "${state.name}" has ${state.type === 'Choice' ? 'several' : 'none'}.`);
  const transition = resolveEdge(document, edge);
  if (!samePath(transition.machinePath, state.machinePath)) throw new DesignError(`"${state.name}" can only move inside its ${machineWord(state.machinePath)}.`);
  if (transition.from?.property === state.property || transition.target === state.name) return edited(document, [], undefined);
  const incoming = referencesTo(document, state).filter((reference) => reference.from?.property !== state.property);
  const edits = [...bypass(document, state, incoming, own.target), retarget(document, own, transition.target), retarget(document, transition, state.name)];
  return edited(document, edits, undefined);
}

/** Where a state leads on, in the order the text has them (its Next, its Choice rules and Default; null for the end of the flow), without itself. */
function successorsOf(document: AslDocument, state: StateEntry): (string | null)[] {
  const targets = stateIndex(document).references
    .filter((reference) => reference.from?.property === state.property && reference.kind !== 'Catch' && reference.name !== state.name)
    .sort((a, b) => a.node.offset - b.node.offset)
    .map((reference): string | null => reference.name);
  const value = nodeValue(objectOf(state)) as Record<string, unknown>;
  if (value.End === true || state.type === 'Succeed' || state.type === 'Fail') targets.push(null);
  return [...new Set(targets)];
}

function duplicateState(document: AslDocument, state: StateEntry): DesignResult {
  const object = objectOf(state);
  const unique = uniqueNames(document);
  const name = unique(state.name);
  const copy = renameInnerStates(nodeValue(object) as Record<string, unknown>, unique);
  const next = propertyOf(object, 'Next');
  const end = propertyOf(object, 'End');
  const edits: TextEdit[] = [];
  // A state with one way on gets its copy right after it; any other copy stands alone.
  if (state.type !== 'Choice' && next?.valueNode?.type === 'string') edits.push(replaceName(document, next.valueNode, name));
  else if (state.type !== 'Choice' && end?.valueNode?.type === 'boolean' && end.valueNode.value) edits.push(replaceProperty(document, end, 'Next', name));
  refuseAlias(object);
  edits.push(insertPropertyAfter(document, state.property, name, copy));
  return edited(document, edits, [...state.machinePath, 'States', name]);
}

/** A copy of a state whose Parallel branches and Map processor name their states anew (names are unique in a definition). */
function renameInnerStates(state: Record<string, unknown>, unique: (name: string) => string): Record<string, unknown> {
  const machines = [...(Array.isArray(state.Branches) ? state.Branches : []), state.ItemProcessor, state.Iterator];
  for (const machine of machines) {
    if (!isRecord(machine) || !isRecord(machine.States)) continue;
    const renamed = new Map(Object.keys(machine.States).map((name) => [name, unique(name)]));
    const rename = (name: unknown) => (typeof name === 'string' ? renamed.get(name) ?? name : name);
    machine.StartAt = rename(machine.StartAt);
    machine.States = Object.fromEntries(Object.entries(machine.States).map(([name, inner]) => {
      if (!isRecord(inner)) return [rename(name), inner];
      for (const key of ['Next', 'Default']) if (key in inner) inner[key] = rename(inner[key]);
      for (const list of [inner.Choices, inner.Catch]) {
        if (Array.isArray(list)) for (const item of list) if (isRecord(item) && 'Next' in item) item.Next = rename(item.Next);
      }
      return [rename(name), renameInnerStates(inner, unique)];
    }));
  }
  return state;
}

function renameState(document: AslDocument, state: StateEntry, newName: string): DesignResult {
  const key = state.property.keyNode;
  const edit = doRename(document, document.textDocument.positionAt(key.offset + 1), newName);
  const edits = edit?.changes?.[document.textDocument.uri] ?? [];
  return edited(document, edits, [...state.machinePath, 'States', newName]);
}

function setTarget(document: AslDocument, edge: DesignEdge, target: string | null): DesignResult {
  const transition = resolveEdge(document, edge);
  if (target !== null && !findState(document, transition.machinePath, target)) {
    throw new DesignError(`There is no state "${target}" in this ${machineWord(transition.machinePath)}.`);
  }
  if (target === null && !transition.canEnd) throw new DesignError('Only a Next can end the flow: this transition needs a state to go to.');
  const { from } = transition;
  if (target !== null && transition.node.type === 'property' && from && !statesOfMachine(document, from.machinePath).some((other) => other !== from && isTerminal(other))) {
    throw new DesignError(`"${from.name}" is the only state that ends its ${machineWord(from.machinePath)}: AWS refuses a workflow with no terminal state.`);
  }
  return edited(document, [retarget(document, transition, target)], undefined);
}

function addBranch(document: AslDocument, state: StateEntry): DesignResult {
  if (state.type !== 'Parallel') throw new DesignError(`"${state.name}" is a ${state.type ?? 'state without a Type'}: only a Parallel state has branches.`);
  const branch = machineOfOnePass(uniqueNames(document)(`Branch ${branchCount(state) + 1}`));
  return addToList(document, state, 'Branches', branch);
}

function branchCount(state: StateEntry): number {
  const branches = propertyValue(objectOf(state), 'Branches');
  return branches?.type === 'array' ? branches.items.length : 0;
}

function addChoiceRule(document: AslDocument, state: StateEntry, wanted: string | undefined): DesignResult {
  if (state.type !== 'Choice') throw new DesignError(`"${state.name}" is a ${state.type ?? 'state without a Type'}: only a Choice state has rules.`);
  const value = nodeValue(objectOf(state)) as Record<string, unknown>;
  const firstRule = Array.isArray(value.Choices) && isRecord(value.Choices[0]) ? value.Choices[0].Next : undefined;
  const target = existingTarget(document, state, wanted ?? [value.Default, firstRule].find((name) => typeof name === 'string'));
  return addToList(document, state, 'Choices', choiceRule(queryLanguageAt(document, state.path), target));
}

function addCatcher(document: AslDocument, state: StateEntry, wanted: string | undefined): DesignResult {
  const value = nodeValue(objectOf(state)) as Record<string, unknown>;
  const fail = statesOfMachine(document, state.machinePath).find((candidate) => candidate.type === 'Fail');
  return addToList(document, state, 'Catch', newCatcher(existingTarget(document, state, wanted ?? fail?.name ?? value.Next)));
}

function existingTarget(document: AslDocument, state: StateEntry, name: unknown): string {
  if (typeof name !== 'string') throw new DesignError(`Name the state "${state.name}" should go to.`);
  if (!findState(document, state.machinePath, name)) throw new DesignError(`There is no state "${name}" in this ${machineWord(state.machinePath)}.`);
  return name;
}

/** Appends to a state's list (Branches, Choices, Catch, Retry), adding the list when it has none. */
function addToList(document: AslDocument, state: StateEntry, key: 'Branches' | 'Choices' | 'Catch' | 'Retry', item: unknown): DesignResult {
  if ((key === 'Catch' || key === 'Retry') && !WITH_ERROR_HANDLING.has(state.type ?? '')) {
    throw new DesignError(`"${state.name}" is a ${state.type ?? 'state without a Type'}: only Task, Parallel and Map states have ${key === 'Catch' ? 'Catchers' : 'Retriers'}.`);
  }
  const object = objectOf(state);
  const list = propertyOf(object, key);
  refuseAlias(list?.valueNode ?? object);
  const items = list?.valueNode?.type === 'array' ? list.valueNode.items : [];
  const last = items.length ? nodeValue(items[items.length - 1]) : undefined;
  // States.ALL stays alone in the last Catcher or Retrier (AWS refuses it elsewhere): a new one goes before it, for task failures.
  if (list?.valueNode?.type === 'array' && isRecord(last) && Array.isArray(last.ErrorEquals) && last.ErrorEquals.includes('States.ALL')) {
    return edited(document, [insertItemBefore(document, list.valueNode, items.length - 1, { ...(item as Record<string, unknown>), ErrorEquals: ['States.TaskFailed'] })], undefined);
  }
  const edit = list?.valueNode?.type === 'array' ? appendItem(document, list.valueNode, item)
    : list?.valueNode ? replaceValue(document, list.valueNode, [item])
    : insertProperty(document, object, key, [item]);
  return edited(document, [edit], undefined);
}

function setField(document: AslDocument, state: StateEntry, field: DesignPath, value: unknown, replaces: string[]): DesignResult {
  if (field.length === 0) throw new DesignError('Name the field to set.');
  const object = objectOf(state);
  // Objects on the way the text lacks (a ReaderConfig, Parameters) are written around the value, in the nearest one it has.
  while (field.length > 1 && field.slice(-2).every((key) => typeof key === 'string') && !nodeAtPath(document.json.root, field.slice(0, -1), object)) {
    if (value === undefined) return edited(document, [], undefined);
    value = { [field[field.length - 1]]: value };
    field = field.slice(0, -1);
  }
  const parent = nodeAtPath(document.json.root, field.slice(0, -1), object);
  const last = field[field.length - 1];
  if (parent?.type === 'object' && typeof last === 'string') {
    const property = propertyOf(parent, last);
    refuseAlias(property ?? parent);
    const replaced = replaces.flatMap((key) => parent.properties.filter((candidate) => candidate.keyNode.value === key && candidate !== property));
    const removals = replaced.map((candidate) => removeProperty(document, candidate));
    if (value === undefined) return edited(document, [...(property ? [removeProperty(document, property)] : []), ...removals], undefined);
    // The new field takes the place of the one it replaces, so no two edits meet at one place.
    const edit = property?.valueNode ? replaceValue(document, property.valueNode, value)
      : replaced[0] ? replaceProperty(document, replaced[0], last, value)
      : insertProperty(document, parent, last, value);
    return edited(document, [edit, ...(property ? removals : removals.slice(1))], undefined);
  }
  if (parent?.type === 'array' && typeof last === 'number' && value === undefined && last < parent.items.length) {
    refuseAlias(parent);
    return edited(document, [removeItem(document, parent, last)], undefined);
  }
  if (parent?.type === 'array' && typeof last === 'number' && value !== undefined) {
    refuseAlias(parent);
    if (last < parent.items.length) return edited(document, [replaceValue(document, parent.items[last], value)], undefined);
    if (last === parent.items.length) return edited(document, [appendItem(document, parent, value)], undefined);
  }
  throw new DesignError(`"${state.name}" has no ${field.slice(0, -1).join('.') || 'such field'} to set ${String(last)} in.`);
}

/** A transition found in the text: where it leaves from, and its target (null: it ends the flow). */
interface Transition {
  machinePath: JsonPath;
  from?: StateEntry;
  target: string | null;
  /** The target's string, or the `End` property of an edge to the end. */
  node: ASTNode;
  /** A Next (or an End) may end the flow; the other transitions need a state. */
  canEnd: boolean;
}

function resolveEdge(document: AslDocument, edge: DesignEdge): Transition {
  if ('startAt' in edge) {
    const machine = nodeAtPath(document.json.root, edge.startAt);
    const startAt = machine?.type === 'object' ? propertyValue(machine, 'StartAt') : undefined;
    if (startAt?.type !== 'string') throw new DesignError('The machine has no StartAt to insert after.');
    return { machinePath: edge.startAt, target: startAt.value, node: startAt, canEnd: false };
  }
  const from = stateAt(document, edge.from);
  const object = objectOf(from);
  const found = (node: ASTNode | undefined, canEnd: boolean): Transition => {
    if (node?.type !== 'string') throw new DesignError(`"${from.name}" has no such transition (its text may not parse there).`);
    return { machinePath: from.machinePath, from, target: node.value, node, canEnd };
  };
  switch (edge.kind) {
    case 'Next':
      return found(propertyValue(object, 'Next'), true);
    case 'Default':
      return found(propertyValue(object, 'Default'), false);
    case 'End': {
      const end = propertyOf(object, 'End');
      if (end?.valueNode?.type !== 'boolean' || !end.valueNode.value) throw new DesignError(`"${from.name}" does not end the flow with "End": true.`);
      return { machinePath: from.machinePath, from, target: null, node: end, canEnd: true };
    }
    case 'Choice':
    case 'Catch': {
      const list = propertyValue(object, edge.kind === 'Choice' ? 'Choices' : 'Catch');
      const item = list?.type === 'array' ? list.items[edge.index] : undefined;
      return found(item?.type === 'object' ? propertyValue(item, 'Next') : undefined, false);
    }
  }
}

/** The edit pointing a transition at `target` (null: the end of the flow). */
function retarget(document: AslDocument, transition: Transition, target: string | null): TextEdit {
  const { node } = transition;
  refuseAlias(node);
  if (node.type === 'property') {
    // An edge to the end: `"End": true` becomes `"Next": target`.
    return target === null ? replaceValue(document, node.valueNode!, true) : replaceProperty(document, node, 'Next', target);
  }
  if (target !== null) return replaceName(document, node, target);
  return replaceProperty(document, node.parent as PropertyASTNode, 'End', true);
}

function stateAt(document: AslDocument, path: DesignPath): StateEntry {
  const state = stateIndex(document).statesByPath.get(pathKey(path));
  if (!state) throw new DesignError(`There is no state at ${path.join('.')} in the text (it may not parse there).`);
  return state;
}

function objectOf(state: StateEntry): ObjectASTNode {
  const object = stateObject(state);
  if (!object) throw new DesignError(`"${state.name}" is not an object in the text: fix its text first.`);
  return object;
}

function statesObject(document: AslDocument, machinePath: JsonPath): ObjectASTNode {
  const states = nodeAtPath(document.json.root, [...machinePath, 'States']);
  if (states?.type !== 'object') throw new DesignError(`The ${machineWord(machinePath)} has no "States" object to add to.`);
  refuseAlias(states);
  return states;
}

function firstState(document: AslDocument, machinePath: JsonPath): string | undefined {
  const machine = nodeAtPath(document.json.root, machinePath);
  const startAt = machine?.type === 'object' ? propertyValue(machine, 'StartAt') : undefined;
  return startAt?.type === 'string' ? startAt.value : statesOfMachine(document, machinePath)[0]?.name;
}

/** The last property named `key` (the one JSON.parse keeps). */
function propertyOf(object: ObjectASTNode, key: string): PropertyASTNode | undefined {
  for (let index = object.properties.length - 1; index >= 0; index--) if (object.properties[index].keyNode.value === key) return object.properties[index];
  return undefined;
}

/** Names unique in the whole definition (nested machines included): "Pass", then "Pass (1)", "Pass (2)"... */
function uniqueNames(document: AslDocument): (base: string) => string {
  const taken = new Set(document.states.map((state) => state.name));
  return (base) => {
    let name = base;
    for (let n = 1; taken.has(name); n++) name = `${base} (${n})`;
    taken.add(name);
    return name;
  };
}

function claimName(document: AslDocument, unique: (base: string) => string, name: string): void {
  if (name.length === 0 || name.length > 80) throw new DesignError('A state name has 1 to 80 characters.');
  if (unique(name) !== name) throw new DesignError(`A state named "${name}" already exists.`);
}

function machineWord(machinePath: JsonPath): string {
  return machinePath.length === 0 ? 'state machine' : machinePath.includes('Branches') && machinePath[machinePath.length - 2] === 'Branches' ? 'branch' : 'item processor';
}

/** Text that comes from a YAML alias is the anchor's: the designer does not edit through it. */
function refuseAlias(node: ASTNode): void {
  if (isAliasCopy(node)) throw new DesignError('This part comes from a YAML alias: edit it where its anchor is.');
}

/** The edit, and the state to select after it: the one an operation made, renamed or led to (not the one it changed). */
function edited(document: AslDocument, edits: TextEdit[], select: JsonPath | undefined): DesignResult {
  return { edit: { changes: { [document.textDocument.uri]: edits } }, ...(select ? { select } : {}) };
}

/** A state name written in place of a string, quoted as the document quotes names. */
function replaceName(document: AslDocument, node: ASTNode, name: string): TextEdit {
  return { range: rangeOfNode(document.textDocument, node), newText: renderString(document, name) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** What the inspector shows of the state at `path`, or undefined when the text has none there. */
export function designState(document: AslDocument, path: DesignPath): DesignState | undefined {
  const state = stateIndex(document).statesByPath.get(pathKey(path));
  if (!state) return undefined;
  const { offset, length } = state.property;
  return {
    value: state.property.valueNode ? nodeValue(state.property.valueNode) : undefined,
    source: document.textDocument.getText().slice(offset, offset + length),
    queryLanguage: queryLanguageAt(document, state.path),
    targets: statesOfMachine(document, state.machinePath).map((entry) => entry.name),
  };
}
