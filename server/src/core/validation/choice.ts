// Choice rules: in JSONPath, a Variable with exactly one comparison operator, or one of
// And/Or/Not; in JSONata, a Condition. Next on top-level rules only.
import { DiagnosticCode } from './codes';
import type { ValidationContext } from './context';
import { isObject, JsonObject, StateInfo } from './definitionIndex';
import { checkPathValue } from './paths';
import { isJsonataExpression } from './schema';
import { closestMatch } from './suggest';
import { isPlaceholder } from './payloadTemplates';
import { COMPARISON_OPERATORS } from '../choiceRules';
import { parseTimestamp } from '../interpreter/timestamps';
import type { JsonPath, QueryLanguage } from './types';

const AWS = 'SCHEMA_VALIDATION_FAILED';

type OperandType = 'string' | 'number' | 'boolean' | 'timestamp';

/** The operand each comparison takes; the `...Path` forms take a path to one instead. */
const COMPARISONS = new Map<string, OperandType>(
  COMPARISON_OPERATORS.filter((operator) => !operator.endsWith('Path')).map((operator) => [operator, operandOf(operator)]),
);
const PATH_COMPARISONS: readonly string[] = COMPARISON_OPERATORS.filter((operator) => operator.endsWith('Path'));

function operandOf(operator: string): OperandType {
  if (operator.startsWith('String')) return 'string';
  if (operator.startsWith('Numeric')) return 'number';
  if (operator.startsWith('Timestamp')) return 'timestamp';
  return 'boolean';
}

const COMBINATORS = ['And', 'Or', 'Not'];
const JSONPATH_RULE_FIELDS = ['Variable', ...COMPARISONS.keys(), ...PATH_COMPARISONS, ...COMBINATORS, 'Comment'];
const TOP_LEVEL_FIELDS = ['Next', 'Assign'];
const JSONATA_RULE_FIELDS = ['Condition', 'Next', 'Comment', 'Assign', 'Output'];

/** The fields a choice rule may have: Next and Assign only on a top-level rule, not in And, Or or Not (JSONPath). */
export function choiceRuleFields(queryLanguage: QueryLanguage, topLevel: boolean): readonly string[] {
  if (queryLanguage === 'JSONata') return JSONATA_RULE_FIELDS;
  return topLevel ? [...JSONPATH_RULE_FIELDS, ...TOP_LEVEL_FIELDS] : JSONPATH_RULE_FIELDS;
}

function operandMatches(value: unknown, operand: OperandType): boolean {
  switch (operand) {
    case 'string': return typeof value === 'string';
    case 'number': return typeof value === 'number';
    case 'boolean': return typeof value === 'boolean';
    case 'timestamp': return typeof value === 'string' && parseTimestamp(value) !== undefined;
  }
}

const OPERAND_NAMES: Record<OperandType, string> = { string: 'a string', number: 'a number', boolean: 'a boolean', timestamp: 'an RFC3339 timestamp string' };

function reportUnknownField(context: ValidationContext, state: StateInfo, key: string, known: readonly string[], path: JsonPath): void {
  const suggestion = closestMatch(key, known);
  context.error([...path, key], `Field '${key}' is not supported${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`, {
    aws: AWS, part: 'key', at: path, code: DiagnosticCode.unknownField, data: { state: state.name, field: key, ...(suggestion ? { suggestion } : {}) },
  });
}

function checkJsonPathRule(context: ValidationContext, state: StateInfo, rule: JsonObject, path: JsonPath, topLevel: boolean): void {
  const allowed = choiceRuleFields('JSONPath', topLevel);
  const operators: string[] = [];
  for (const key of Object.keys(rule)) {
    if (key === 'Condition' || key === 'Output') {
      context.error([...path, key], `The QueryLanguage is set to 'JSONPath', but field '${key}' is only supported for the 'JSONata' QueryLanguage`, {
        aws: AWS, part: 'key', at: path, code: DiagnosticCode.otherQueryLanguageField, data: { state: state.name, field: key, queryLanguage: 'JSONata' },
      });
    } else if (!allowed.includes(key)) reportUnknownField(context, state, key, allowed, path);
    else if (COMPARISONS.has(key) || PATH_COMPARISONS.includes(key) || COMBINATORS.includes(key)) operators.push(key);
  }
  if (operators.length === 0) {
    context.error(path, 'A choice rule needs exactly one comparison operator, or one of And, Or, Not', { aws: AWS });
    return;
  }
  for (const extra of operators.slice(1)) {
    context.error([...path, extra], `A choice rule has exactly one operator: '${operators[0]}' and '${extra}' are both present`, { aws: AWS, part: 'key', at: path });
  }
  const operator = operators[0];
  const operand = rule[operator];
  const operandPath = [...path, operator];
  if (COMBINATORS.includes(operator)) {
    if ('Variable' in rule) reportUnknownField(context, state, 'Variable', [], path);
    if (operator === 'Not') {
      if (isObject(operand)) checkJsonPathRule(context, state, operand, operandPath, false);
      else context.error(operandPath, "The value of field 'Not' must be a choice rule object", { aws: AWS });
    } else if (!Array.isArray(operand) || operand.length === 0) {
      context.error(operandPath, `The value of field '${operator}' must be a non-empty array of choice rules`, { aws: AWS });
    } else {
      operand.forEach((nested, i) => {
        if (isObject(nested)) checkJsonPathRule(context, state, nested, [...operandPath, i], false);
        else context.error([...operandPath, i], 'A choice rule must be an object', { aws: AWS });
      });
    }
    return;
  }
  if (!('Variable' in rule)) context.error(path, "The field 'Variable' is required but was missing", { aws: AWS });
  else if (typeof rule.Variable !== 'string') context.error([...path, 'Variable'], "The value of field 'Variable' must be a string", { aws: AWS });
  else checkPathValue(context, state, rule.Variable, [...path, 'Variable'], 'path');
  if (isPlaceholder(operand)) return;
  if (operator.endsWith('Path') && !COMPARISONS.has(operator)) {
    if (typeof operand !== 'string') context.error(operandPath, `The value of field '${operator}' must be a path string`, { aws: AWS });
    else checkPathValue(context, state, operand, operandPath, 'path');
    return;
  }
  const expected = COMPARISONS.get(operator)!;
  if (!operandMatches(operand, expected)) {
    context.error(operandPath, `The value of field '${operator}' must be ${OPERAND_NAMES[expected]}`, { aws: AWS });
  }
}

function checkJsonataRule(context: ValidationContext, state: StateInfo, rule: JsonObject, path: JsonPath): void {
  for (const key of Object.keys(rule)) {
    if (JSONATA_RULE_FIELDS.includes(key)) continue;
    if (JSONPATH_RULE_FIELDS.includes(key)) {
      context.error([...path, key], `The QueryLanguage is set to 'JSONata', but field '${key}' is only supported for the 'JSONPath' QueryLanguage`, {
        aws: AWS, part: 'key', at: path, code: DiagnosticCode.otherQueryLanguageField, data: { state: state.name, field: key, queryLanguage: 'JSONPath' },
      });
    } else reportUnknownField(context, state, key, JSONATA_RULE_FIELDS, path);
  }
  const condition = rule.Condition;
  if (!('Condition' in rule)) context.error(path, "The field 'Condition' is required but was missing", { aws: AWS });
  else if (typeof condition !== 'boolean' && !isJsonataExpression(condition) && !isPlaceholder(condition)) {
    context.error([...path, 'Condition'], "The value of field 'Condition' must be a JSONata expression ({% ... %}) or a boolean", { aws: AWS });
  }
}

export function checkChoiceRules(context: ValidationContext): void {
  for (const state of context.index.states) {
    if (state.type !== 'Choice' || !Array.isArray(state.value.Choices)) continue;
    state.value.Choices.forEach((rule, i) => {
      const path = [...state.path, 'Choices', i];
      if (!isObject(rule)) {
        context.error(path, 'A choice rule must be an object', { aws: AWS });
        return;
      }
      if (!('Next' in rule)) context.error(path, "The field 'Next' is required but was missing", { aws: AWS });
      else if (typeof rule.Next !== 'string') context.error([...path, 'Next'], "The value of field 'Next' must be a string", { aws: AWS });
      if (state.queryLanguage === 'JSONata') checkJsonataRule(context, state, rule, path);
      else checkJsonPathRule(context, state, rule, path, true);
    });
  }
}
