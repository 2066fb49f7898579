// Code actions: quick fixes for the diagnostics other features act on (keyed on their
// codes and `data`), and the "convert to JSONata" rewrite of a JSONPath state.
import { CodeAction, CodeActionKind, Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import { DiagnosticCode } from '../core/validation/codes';
import { AslDocument, nodeAtPath, nodeValue, StateEntry, stateAtOffset } from './aslDocument';
import { convertStateToJsonata } from './jsonataConversion';
import { findState, queryLanguageAt, stateObject, stateSymbolAt, statesOfMachine } from './stateIndex';
import { insertProperty, removeProperty, replaceValue } from './textEdits';
import { renderString } from './textSyntax';

export function doCodeActions(document: AslDocument, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
  const actions = diagnostics.flatMap((diagnostic) => fixesFor(document, diagnostic));
  const conversion = convertToJsonataAction(document, range);
  if (conversion) actions.push(conversion);
  return actions;
}

function fixesFor(document: AslDocument, diagnostic: Diagnostic): CodeAction[] {
  const offset = document.textDocument.offsetAt(diagnostic.range.start);
  const data = (diagnostic.data ?? {}) as { target?: string; suggestion?: string; state?: string };
  switch (diagnostic.code) {
    case DiagnosticCode.unknownTarget:
      return unknownTargetFixes(document, diagnostic, offset, data);
    case DiagnosticCode.missingTransition: {
      const state = stateNamed(document, offset, data.state);
      const object = state && stateObject(state);
      return object ? [fix(document, `Add "End": true to "${state.name}"`, diagnostic, [insertProperty(document, object, 'End', true)])] : [];
    }
    case DiagnosticCode.unreachableState: {
      const state = stateNamed(document, offset, data.state);
      return state ? [fix(document, `Remove unreachable state "${state.name}"`, diagnostic, [removeProperty(document, state.property)])] : [];
    }
    default:
      return [];
  }
}

function unknownTargetFixes(document: AslDocument, diagnostic: Diagnostic, offset: number, data: { target?: string; suggestion?: string }): CodeAction[] {
  const symbol = stateSymbolAt(document, offset + 1) ?? stateSymbolAt(document, offset);
  if (!symbol?.reference || symbol.state) return [];
  const target = data.target ?? symbol.name;
  const actions: CodeAction[] = [];
  const suggestion = data.suggestion ?? closestName(target, statesOfMachine(document, symbol.machinePath).map((state) => state.name));
  if (suggestion !== undefined && findState(document, symbol.machinePath, suggestion)) {
    const edit = TextEdit.replace({ start: document.textDocument.positionAt(symbol.node.offset), end: document.textDocument.positionAt(symbol.node.offset + symbol.node.length) }, renderString(document, suggestion));
    actions.push({ ...fix(document, `Change to "${suggestion}"`, diagnostic, [edit]), isPreferred: true });
  }
  const states = nodeAtPath(document.json.root, [...symbol.machinePath, 'States']);
  if (states?.type === 'object') {
    actions.push(fix(document, `Create state "${target}"`, diagnostic, [insertProperty(document, states, target, { Type: 'Pass', End: true })]));
  }
  return actions;
}

/** The state a diagnostic is about: the one named in its data, around its position. */
function stateNamed(document: AslDocument, offset: number, name: string | undefined): StateEntry | undefined {
  const around = stateAtOffset(document, offset);
  if (!name || around?.name === name) return around;
  return around ? findState(document, around.machinePath, name) : document.states.find((state) => state.name === name);
}

function fix(document: AslDocument, title: string, diagnostic: Diagnostic, edits: TextEdit[]): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [document.textDocument.uri]: edits } } };
}

function convertToJsonataAction(document: AslDocument, range: Range): CodeAction | undefined {
  const state = stateAtOffset(document, document.textDocument.offsetAt(range.start));
  const object = state && stateObject(state);
  if (!state || !object || queryLanguageAt(document, state.path) !== 'JSONPath') return undefined;
  const root = document.json.root;
  const machineIsJsonata = root?.type === 'object' && (nodeValue(root) as Record<string, unknown>).QueryLanguage === 'JSONata';
  const converted = convertStateToJsonata(nodeValue(object) as Record<string, unknown>, !machineIsJsonata);
  if (!converted) return undefined;
  return {
    title: `Convert "${state.name}" to JSONata`,
    kind: CodeActionKind.RefactorRewrite,
    edit: { changes: { [document.textDocument.uri]: [replaceValue(document, object, converted)] } },
  };
}

/** The name nearest to `name` by edit distance, when it is close enough to be a typo. */
function closestName(name: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}
