// Validates a state machine definition (a plain JSON value): one module per rule family, all
// working on one index of machines and states built once per validation.
import { ValidationContext } from './context';
import { buildStructure, type MachineStructure } from '../machineStructure';
import { checkSchema } from './schema';
import { checkTemplatePlaceholders } from './payloadTemplates';
import { checkChoiceRules } from './choice';
import { checkJsonata } from './jsonataExpressions';
import { checkPaths } from './paths';
import { checkStateRules } from './stateRules';
import { checkTransitions } from './transitions';
import { checkVariables } from './variables';
import type { DefinitionIssue, ValidationOptions } from './types';
import { NESTING_MESSAGE, NUMBER_RANGE_MESSAGE, pathBeyondNesting, pathOfInfiniteNumber } from '../apiLimits';
import { pointerToPath } from '../jsonPointer';

export type { DefinitionIssue, IssueSeverity, JsonPath, ValidationOptions } from './types';
export { refusesRun } from './localRuns';

const rules: ((context: ValidationContext) => void)[] = [
  checkTemplatePlaceholders,
  checkSchema,
  checkTransitions,
  checkStateRules,
  checkPaths,
  checkChoiceRules,
  checkJsonata,
  checkVariables,
];

export function validateDefinition(definition: unknown, options: ValidationOptions = {}): DefinitionIssue[] {
  // The structure and the rules walk the definition recursively: beyond AWS's nesting limit neither is run.
  return tooDeep(definition) ?? checked(buildStructure(definition), options);
}

/** Validates a definition whose structure its caller has already walked (the analysis of a document keeps it). */
export function validateStructure(structure: MachineStructure, options: ValidationOptions = {}): DefinitionIssue[] {
  return tooDeep(structure.definition) ?? checked(structure, options);
}

function tooDeep(definition: unknown): DefinitionIssue[] | undefined {
  const path = pathBeyondNesting(definition);
  return path === undefined ? undefined : [{ path: pointerToPath(path), part: 'value', severity: 'error', message: NESTING_MESSAGE }];
}

function checked(structure: MachineStructure, options: ValidationOptions): DefinitionIssue[] {
  const context = new ValidationContext(structure, options);
  if (context.index.root) for (const rule of rules) rule(context);
  else checkSchema(context);
  const infinite = pathOfInfiniteNumber(structure.definition);
  if (infinite !== undefined) context.issues.push({ path: pointerToPath(infinite), part: 'value', severity: 'error', message: NUMBER_RANGE_MESSAGE });
  return context.issues;
}
