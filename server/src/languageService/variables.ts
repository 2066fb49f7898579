// Workflow variables visible at a place: those assigned (`Assign`) by states of its machine
// and of the machines enclosing it (a branch or iteration sees outer variables; the outside
// does not see a branch's).
import type { ASTNode } from 'vscode-json-languageservice';
import { AslDocument, JsonPath, propertyValue } from './aslDocument';
import { enclosingMachine, isMachinePath, statesOfMachine, stateObject } from './stateIndex';

export function variablesInScope(document: AslDocument, path: JsonPath): string[] {
  const machine = enclosingMachine(document, path);
  const names = new Set<string>();
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
        if (assign?.type === 'object') for (const property of assign.properties) names.add(property.keyNode.value.replace(/\.\$$/, ''));
      }
    }
  }
  return [...names].sort();
}
