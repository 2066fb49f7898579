// Validates a state machine definition (a plain JSON value): one module per rule family, all
// working on one index of machines and states built once per validation.
import { ValidationContext } from './context';
import { buildDefinitionIndex } from './definitionIndex';
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
  // The rules walk the definition recursively: beyond AWS's nesting limit they are not run.
  const tooDeep = pathBeyondNesting(definition);
  if (tooDeep !== undefined) return [{ path: pointerToPath(tooDeep), part: 'value', severity: 'error', message: NESTING_MESSAGE }];
  const context = new ValidationContext(buildDefinitionIndex(definition), options);
  if (context.index.root) for (const rule of rules) rule(context);
  else checkSchema(context);
  const infinite = pathOfInfiniteNumber(definition);
  if (infinite !== undefined) context.issues.push({ path: pointerToPath(infinite), part: 'value', severity: 'error', message: NUMBER_RANGE_MESSAGE });
  return context.issues;
}
