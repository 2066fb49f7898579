// Code actions: quick fixes for the diagnostics other features act on (keyed on their
// codes and `data`; any did-you-mean in `data.suggestion`), each offered only where applying
// it adds no error, and the "convert to JSONata" rewrite of a JSONPath state.
import type { ASTNode, StringASTNode } from 'vscode-json-languageservice';
import { CodeAction, CodeActionKind, Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import { DiagnosticCode } from '../core/validation/codes';
import { closestMatch } from '../core/validation/suggest';
import { AslDocument, JsonPath, nodeAtPath, nodeValue, StateEntry, stateAtOffset } from './aslDocument';
import { convertStateToJsonata } from './jsonataConversion';
import { findState, queryLanguageAt, referencesTo, samePath, stateIndex, stateObject, stateSymbolAt, statesOfMachine } from './stateIndex';
import { insertProperty, removeProperty, replaceValue } from './textEdits';
import { renderString } from './textSyntax';
import { isAliasCopy } from './yamlDocument';

export function doCodeActions(document: AslDocument, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
  const actions = diagnostics.flatMap((diagnostic) => fixesFor(document, diagnostic)).filter((action) => !action.disabled);
  const conversion = convertToJsonataAction(document, range);
  if (conversion) actions.push(conversion);
  return actions;
}

function fixesFor(document: AslDocument, diagnostic: Diagnostic): CodeAction[] {
  const offset = document.textDocument.offsetAt(diagnostic.range.start);
  const data = (diagnostic.data ?? {}) as { target?: string; suggestion?: string; state?: string; key?: string };
  switch (diagnostic.code) {
    case DiagnosticCode.unknownTarget:
      return unknownTargetFixes(document, diagnostic, offset, data);
    case DiagnosticCode.missingTransition: {
      const state = stateNamed(document, offset, data.state);
      const object = state && stateObject(state);
      if (!object) return [];
      // An "End" that is there but not true (false, "true") is set rather than repeated.
      const end = object.properties.find((property) => property.keyNode.value === 'End')?.valueNode;
      return end
        ? [fix(document, `Set "End" to true in "${state.name}"`, diagnostic, [replaceValue(document, end, true)], [end])]
        : [fix(document, `Add "End": true to "${state.name}"`, diagnostic, [insertProperty(document, object, 'End', true)], [object])];
    }
    case DiagnosticCode.unreachableState: {
      const state = stateNamed(document, offset, data.state);
      return state && isRemovable(document, state) ? [fix(document, `Remove unreachable state "${state.name}"`, diagnostic, [removeProperty(document, state.property)], [state.property])] : [];
    }
    case DiagnosticCode.nextAndEnd: {
      const state = stateNamed(document, offset, data.state);
      const object = state && stateObject(state);
      const end = object?.properties.find((property) => property.keyNode.value === 'End');
      return end ? [fix(document, 'Remove "End" (keep "Next")', diagnostic, [removeProperty(document, end)], [end])] : [];
    }
    case DiagnosticCode.missingDollarSuffix: {
      const key = keyAt(document, offset, data.key);
      return key && !hasSiblingKey(key, `${key.value}.$`) ? [fix(document, `Rename "${key.value}" to "${key.value}.$" (the value is a path)`, diagnostic, [replaceNode(document, key, renderString(document, `${key.value}.$`))], [key])] : [];
    }
    default:
      return typeof data.suggestion === 'string' ? suggestionFixes(document, diagnostic, data.suggestion) : [];
  }
}

/** What replaces the text a did-you-mean diagnostic locates: variables and JSONata functions are written after a `$`. */
function replacementOf(diagnostic: Diagnostic, suggestion: string): string {
  return diagnostic.code === DiagnosticCode.undefinedVariable || diagnostic.code === DiagnosticCode.unknownFunction ? `$${suggestion}` : suggestion;
}

/**
 * The did-you-mean of a diagnostic as a fix: it replaces the key or string value the diagnostic
 * covers, or the part of a string it covers (escaped as that string is quoted).
 */
function suggestionFixes(document: AslDocument, diagnostic: Diagnostic, suggestion: string): CodeAction[] {
  const text = document.textDocument.getText();
  const start = document.textDocument.offsetAt(diagnostic.range.start);
  const end = document.textDocument.offsetAt(diagnostic.range.end);
  const node = document.json.getNodeFromOffset(start);
  if (node?.type !== 'string' || start < node.offset || end > node.offset + node.length) return [];
  const quote = text[node.offset];
  // In a YAML block scalar a diagnostic covers the whole scalar, whatever part of it the suggestion replaces.
  if (quote === '|' || quote === '>') return [];
  const replacement = replacementOf(diagnostic, suggestion);
  const isKey = node.parent?.type === 'property' && node.parent.keyNode === node;
  if (isKey && hasSiblingKey(node, replacement)) return [];
  let edit: TextEdit;
  if (start === node.offset && end === node.offset + node.length) {
    edit = replaceNode(document, node, renderString(document, replacement));
  } else {
    const escaped = quote === '"' ? JSON.stringify(replacement).slice(1, -1) : quote === "'" ? replacement.replace(/'/g, "''") : replacement;
    edit = TextEdit.replace(diagnostic.range, escaped);
  }
  return [{ ...fix(document, `Change to "${replacement}"`, diagnostic, [edit], [node]), isPreferred: true }];
}

/** The key named `name` at the diagnostic's start. */
function keyAt(document: AslDocument, offset: number, name: string | undefined): StringASTNode | undefined {
  const node = document.json.getNodeFromOffset(offset + 1) ?? document.json.getNodeFromOffset(offset);
  const property = node?.type === 'property' ? node : node?.parent?.type === 'property' ? node.parent : undefined;
  return property && (name === undefined || property.keyNode.value === name) ? property.keyNode : undefined;
}

/** Whether the object a key belongs to has another key named `name` (renaming to it would repeat a key). */
function hasSiblingKey(key: StringASTNode, name: string): boolean {
  const object = key.parent?.parent;
  return object?.type === 'object' && object.properties.some((property) => property.keyNode !== key && property.keyNode.value === name);
}

function replaceNode(document: AslDocument, node: { offset: number; length: number }, newText: string): TextEdit {
  return TextEdit.replace({ start: document.textDocument.positionAt(node.offset), end: document.textDocument.positionAt(node.offset + node.length) }, newText);
}

function unknownTargetFixes(document: AslDocument, diagnostic: Diagnostic, offset: number, data: { target?: string; suggestion?: string }): CodeAction[] {
  const symbol = stateSymbolAt(document, offset + 1) ?? stateSymbolAt(document, offset);
  if (!symbol?.reference || symbol.state) return [];
  const target = data.target ?? symbol.name;
  const actions: CodeAction[] = [];
  const suggestion = data.suggestion ?? closestMatch(target, statesOfMachine(document, symbol.machinePath).map((state) => state.name));
  if (suggestion !== undefined && findState(document, symbol.machinePath, suggestion)) {
    const edit = replaceNode(document, symbol.node, renderString(document, suggestion));
    actions.push({ ...fix(document, `Change to "${suggestion}"`, diagnostic, [edit], [symbol.node]), isPreferred: true });
  }
  const states = nodeAtPath(document.json.root, [...symbol.machinePath, 'States']);
  // State names are unique across the whole definition, nested machines included. A state that only the
  // misspelled reference led to would be left unreachable by a new state: then only the rename is right.
  if (states?.type === 'object' && !document.states.some((state) => state.name === target) && everyStateReachable(document, symbol.machinePath)) {
    actions.push(fix(document, `Create state "${target}"`, diagnostic, [insertProperty(document, states, target, { Type: 'Pass', End: true })], [states]));
  }
  return actions;
}

/** Whether every state of the machine at `machinePath` can be reached from its StartAt by the transitions as written. */
function everyStateReachable(document: AslDocument, machinePath: JsonPath): boolean {
  const targets = new Map<string | undefined, string[]>();
  for (const reference of stateIndex(document).references) {
    if (samePath(reference.machinePath, machinePath)) targets.set(reference.from?.name, [...(targets.get(reference.from?.name) ?? []), reference.name]);
  }
  const reachable = new Set<string>();
  const pending = [...(targets.get(undefined) ?? [])];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (reachable.has(name)) continue;
    reachable.add(name);
    pending.push(...(targets.get(name) ?? []));
  }
  return statesOfMachine(document, machinePath).every((state) => reachable.has(state.name));
}

/**
 * Whether removing an unreachable state leaves the machine with no new error: no other state goes
 * to it (that one goes first), and it is not the machine's only terminal state.
 */
function isRemovable(document: AslDocument, state: StateEntry): boolean {
  if (referencesTo(document, state).some((reference) => reference.from && reference.from.property !== state.property)) return false;
  return !isTerminal(state) || statesOfMachine(document, state.machinePath).some((other) => other !== state && isTerminal(other));
}

/** End, Succeed, Fail: the state ends its machine (AWS refuses a machine without one). */
export function isTerminal(state: StateEntry): boolean {
  const object = stateObject(state);
  return state.type === 'Succeed' || state.type === 'Fail' || (object !== undefined && (nodeValue(object) as Record<string, unknown>).End === true);
}

/** The state a diagnostic is about: the one named in its data, around its position. */
function stateNamed(document: AslDocument, offset: number, name: string | undefined): StateEntry | undefined {
  const around = stateAtOffset(document, offset);
  if (!name || around?.name === name) return around;
  return around ? findState(document, around.machinePath, name) : document.states.find((state) => state.name === name);
}

/** A quick fix, or a disabled one (then left out) when it would have to edit a YAML alias's text. */
function fix(document: AslDocument, title: string, diagnostic: Diagnostic, edits: TextEdit[], touched: ASTNode[] = []): CodeAction {
  if (touched.some(isAliasCopy)) return { title, disabled: { reason: 'The place to change comes from a YAML alias.' } };
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [document.textDocument.uri]: edits } } };
}

function convertToJsonataAction(document: AslDocument, range: Range): CodeAction | undefined {
  const state = stateAtOffset(document, document.textDocument.offsetAt(range.start));
  const object = state && stateObject(state);
  if (!state || !object || queryLanguageAt(document, state.path) !== 'JSONPath') return undefined;
  const root = document.json.root;
  const machineIsJsonata = root?.type === 'object' && (nodeValue(root) as Record<string, unknown>).QueryLanguage === 'JSONata';
  const converted = convertStateToJsonata(nodeValue(object) as Record<string, unknown>, !machineIsJsonata);
  if (!converted || isAliasCopy(object)) return undefined;
  return {
    title: `Convert "${state.name}" to JSONata`,
    kind: CodeActionKind.RefactorRewrite,
    edit: { changes: { [document.textDocument.uri]: [replaceValue(document, object, converted)] } },
  };
}
