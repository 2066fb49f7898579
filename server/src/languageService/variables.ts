// Workflow variables visible at a place: those assigned (`Assign`) by states of its machine
// and of the machines enclosing it (a branch or iteration sees outer variables; the outside
// does not see a branch's). Completion lists them; hover and definition find where a `$name`
// read inside an expression is assigned.
import type { ASTNode, StringASTNode } from 'vscode-json-languageservice';
import type { Range } from 'vscode-languageserver-types';
import { AslDocument, JsonPath, pathOfNode, propertyValue, StateEntry } from './aslDocument';
import { enclosingMachine, isMachinePath, statesOfMachine, stateObject } from './stateIndex';

export interface Assignment {
  name: string;
  state: StateEntry;
  /** The key in `Assign` (`name` or `name.$`). */
  key: StringASTNode;
}

export function assignmentsInScope(document: AslDocument, path: JsonPath): Assignment[] {
  const machine = enclosingMachine(document, path);
  const assignments: Assignment[] = [];
  for (let length = machine.length; length >= 0; length--) {
    const machinePath = machine.slice(0, length);
    if (!isMachinePath(document, machinePath)) continue;
    for (const state of statesOfMachine(document, machinePath)) {
      const object = stateObject(state);
      if (!object) continue;
      // A state assigns in its own Assign and in those of its choice rules and catchers.
      const assigners: ASTNode[] = [object];
      for (const key of ['Choices', 'Catch']) {
        const list = propertyValue(object, key);
        if (list?.type === 'array') assigners.push(...list.items);
      }
      for (const assigner of assigners) {
        const assign = assigner.type === 'object' ? propertyValue(assigner, 'Assign') : undefined;
        if (assign?.type !== 'object') continue;
        for (const property of assign.properties) assignments.push({ name: property.keyNode.value.replace(/\.\$$/, ''), state, key: property.keyNode });
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
