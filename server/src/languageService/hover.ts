// Hover: what a field means, what a state type does, what an intrinsic or JSONata
// function takes and returns, and for a state name its type and who transitions to it.
import type { ASTNode } from 'vscode-json-languageservice';
import { Hover, MarkupKind, Position } from 'vscode-languageserver-types';
import { AslDocument, pathOfNode, rangeOfNode, StateEntry } from './aslDocument';
import { findField, isStateType, PREDEFINED_ERRORS, STATE_TYPE_DOCS, STATES_MEMBER_DOCS } from './aslFields';
import { FunctionDoc, INTRINSIC_FUNCTIONS, JSONATA_FUNCTIONS } from './functionCatalog';
import { objectRole } from './objectKinds';
import { SERVICE_INTEGRATIONS } from './serviceIntegrations';
import { referencesTo, stateSymbolAt } from './stateIndex';
import { expressionWordAt, variableAt } from './variables';

export function doHover(document: AslDocument, position: Position): Hover | null {
  const offset = document.textDocument.offsetAt(position);
  const symbol = stateSymbolAt(document, offset);
  if (symbol) {
    const text = symbol.state ? describeState(document, symbol.state) : `No state named **${escapeMarkdown(symbol.name)}** in this ${symbol.machinePath.length ? 'branch' : 'state machine'}.`;
    return markdown(text, document, symbol.node);
  }
  const node = document.json.getNodeFromOffset(offset);
  if (node?.type !== 'string') return null;
  const property = node.parent?.type === 'property' ? node.parent : undefined;
  if (property && property.keyNode === node) {
    const owner = property.parent ? objectRole(document, pathOfNode(property.parent)) : undefined;
    if (!owner || owner.kind === 'states') return null;
    const info = findField(owner.kind === 'state' ? (isStateType(owner.state.type) ? owner.state.type : undefined) : owner.kind, node.value);
    return info ? markdown(`**${info.name}**${info.only ? ` (${info.only} only)` : ''}\n\n${info.doc}`, document, node) : null;
  }
  return valueHover(document, node, offset);
}

function valueHover(document: AslDocument, node: ASTNode & { type: 'string' }, offset: number): Hover | null {
  const key = node.parent?.type === 'property' ? node.parent.keyNode.value : undefined;
  const arrayKey = node.parent?.type === 'array' && node.parent.parent?.type === 'property' ? node.parent.parent.keyNode.value : undefined;
  if (key === 'Type' && isStateType(node.value)) return markdown(`**${node.value}** state\n\n${STATE_TYPE_DOCS[node.value]}`, document, node);
  if (key === 'Resource') {
    const integration = SERVICE_INTEGRATIONS.find((candidate) => candidate.resource === node.value);
    if (integration) return markdown(`**${integration.label}**\n\n${integration.doc}`, document, node);
  }
  if (arrayKey === 'ErrorEquals') {
    const error = PREDEFINED_ERRORS.find((candidate) => candidate.name === node.value);
    if (error) return markdown(`**${error.name}**\n\n${error.doc}`, document, node);
  }
  return expressionHover(document, node, offset);
}

/** A variable, function or `$states` member under the cursor inside a JSONata or JSONPath string. */
function expressionHover(document: AslDocument, node: ASTNode, offset: number): Hover | null {
  const variable = variableAt(document, offset);
  if (variable) {
    const assigners = [...new Set(variable.assignments.map((assignment) => `"${escapeMarkdown(assignment.state.name)}"`))].join(', ');
    return { contents: { kind: MarkupKind.Markdown, value: `**$${variable.name}**: variable assigned by ${assigners}` }, range: variable.range };
  }
  const { word, range } = expressionWordAt(document, node, offset);
  const inJsonata = typeof node.value === 'string' && node.value.trimStart().startsWith('{%');
  const describe = (fn: FunctionDoc, at = range) => ({ contents: { kind: MarkupKind.Markdown, value: functionMarkdown(fn) }, range: at });
  if (inJsonata) {
    const member = /^\$states\.([A-Za-z]+)$/.exec(word);
    const doc = member && Object.hasOwn(STATES_MEMBER_DOCS, member[1]) ? STATES_MEMBER_DOCS[member[1]] : undefined;
    if (doc) return { contents: { kind: MarkupKind.Markdown, value: `**$states.${member![1]}**\n\n${doc}` }, range };
    const name = /\$[A-Za-z0-9_]+$/.exec(word)?.[0];
    const fn = name ? JSONATA_FUNCTIONS.find((candidate) => candidate.name === name) : undefined;
    return fn ? describe(fn) : null;
  }
  const fn = INTRINSIC_FUNCTIONS.find((candidate) => candidate.name === word);
  if (fn) return describe(fn);
  // On the `States.` of `States.Format` the word stops at the dot: the function's name runs on after it.
  const text = document.textDocument.getText();
  const end = document.textDocument.offsetAt(range.end);
  const rest = /^\.[A-Za-z0-9]+/.exec(text.slice(end, node.offset + node.length))?.[0];
  const named = rest && INTRINSIC_FUNCTIONS.find((candidate) => candidate.name === word + rest);
  return named ? describe(named, { start: range.start, end: document.textDocument.positionAt(end + rest.length) }) : null;
}

export function functionMarkdown(fn: FunctionDoc): string {
  return `\`\`\`\n${fn.signature}\n\`\`\`\n\n${fn.doc}`;
}

/** "**Name**: Task state", then where transitions into it come from. */
export function describeState(document: AslDocument, state: StateEntry): string {
  const lines = [`**${escapeMarkdown(state.name)}**: ${state.type ?? 'untyped'} state`];
  if (isStateType(state.type)) lines.push(STATE_TYPE_DOCS[state.type]);
  const incoming = referencesTo(document, state).map((reference) =>
    reference.from ? `"${escapeMarkdown(reference.from.name)}" (${reference.kind === 'Next' ? 'Next' : reference.kind === 'Choice' ? 'Choice rule' : reference.kind})` : 'StartAt');
  lines.push(incoming.length ? `Reached from: ${[...new Set(incoming)].join(', ')}` : 'Nothing transitions to this state.');
  return lines.join('\n\n');
}

function markdown(value: string, document: AslDocument, node: ASTNode): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range: rangeOfNode(document.textDocument, node) };
}

/** State names are free text: keep them from turning into markup. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}
