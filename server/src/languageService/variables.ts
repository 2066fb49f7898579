// Workflow variables visible at a place, by the scope rule the validator follows (core/machineStructure):
// those assigned by states of its machine and of the machines enclosing it that it inherits from
// (a branch or inline iteration sees outer variables; a Distributed Map's child workflow and the
// outside of a branch do not). Completion lists them; hover and definition find where a `$name`
// read inside an expression is assigned.
import type { ASTNode, StringASTNode } from 'vscode-json-languageservice';
import type { Range } from 'vscode-languageserver-types';
import { assignmentsOf, variableScope } from '../core/machineStructure';
import { AslDocument, JsonPath, nodeAtPath, pathOfNode, propertyNamed, StateEntry } from './aslDocument';
import { enclosingMachine, samePath, statesOfMachine } from './stateIndex';

export interface Assignment {
  name: string;
  state: StateEntry;
  /** The key in `Assign` (`name` or `name.$`). */
  key: StringASTNode;
}

export function assignmentsInScope(document: AslDocument, path: JsonPath): Assignment[] {
  const machinePath = enclosingMachine(document, path);
  const machine = document.structure.machines.find((candidate) => samePath(candidate.path, machinePath));
  if (!machine) return [];
  const assignments: Assignment[] = [];
  for (const visible of variableScope(machine)) {
    for (const state of statesOfMachine(document, visible.path)) {
      for (const { name, path: keyPath } of assignmentsOf(state.info)) {
        const assign = nodeAtPath(document.json.root, keyPath.slice(state.path.length, -1), state.property.valueNode);
        const key = assign?.type === 'object' ? propertyNamed(assign, String(keyPath[keyPath.length - 1]))?.keyNode : undefined;
        if (key) assignments.push({ name, state, key });
      }
    }
  }
  return assignments;
}

export function variablesInScope(document: AslDocument, path: JsonPath): string[] {
  return [...new Set(assignmentsInScope(document, path).map((assignment) => assignment.name))].sort();
}

/** The expression word (`$name.field`, `States.Format`, `$states.input`) around `offset` inside a string node. */
export function expressionWordAt(document: AslDocument, node: ASTNode, offset: number): { word: string; range: Range; start: number } {
  const text = document.textDocument.getText();
  let start = offset;
  let end = offset;
  while (start > node.offset && /[A-Za-z0-9_.$]/.test(text.charAt(start - 1))) start--;
  while (end < node.offset + node.length && /[A-Za-z0-9_]/.test(text.charAt(end))) end++;
  return { word: text.slice(start, end), range: { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(end) }, start };
}

/** The variable read under the cursor in an expression string, with where it is assigned. */
export function variableAt(document: AslDocument, offset: number): { name: string; range: Range; assignments: Assignment[] } | undefined {
  const node = document.json.getNodeFromOffset(offset);
  if (node?.type !== 'string' || (node.parent?.type === 'property' && node.parent.keyNode === node)) return undefined;
  const { word, start } = expressionWordAt(document, node, offset);
  const name = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(word)?.[1];
  if (!name || name === 'states') return undefined;
  const assignments = assignmentsInScope(document, pathOfNode(node)).filter((assignment) => assignment.name === name);
  if (!assignments.length) return undefined;
  const range = { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(start + name.length + 1) };
  return { name, range, assignments };
}
