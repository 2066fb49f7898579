// A Choice rule as the short text written on its edge: `$.n > 3`, `$.a is present and not ($.b == "x")`,
// or the JSONata condition without its `{% %}`.
import { isComparisonOperator } from '../choiceRules';
import { shortText } from './values';
import { isObject } from '../machineStructure';

const OPERATORS: [suffix: string, symbol: string][] = [
  // Longest suffix first: "GreaterThanEquals" also ends with "Equals".
  ['LessThanEquals', '<='],
  ['GreaterThanEquals', '>='],
  ['Equals', '=='],
  ['LessThan', '<'],
  ['GreaterThan', '>'],
  ['Matches', 'matches'],
];
const TYPE_TESTS = new Map([
  ['IsPresent', 'is present'],
  ['IsNull', 'is null'],
  ['IsNumeric', 'is numeric'],
  ['IsString', 'is string'],
  ['IsBoolean', 'is boolean'],
  ['IsTimestamp', 'is timestamp'],
]);

export function describeChoiceRule(rule: Record<string, unknown>): string {
  if (typeof rule.Condition === 'string') return jsonataBody(rule.Condition);
  if (rule.Condition !== undefined) return shortText(rule.Condition);
  return describeComparison(rule, true);
}

function describeComparison(rule: Record<string, unknown>, outermost: boolean): string {
  const nested = (value: unknown) => (isObject(value) ? describeComparison(value, false) : '?');
  if (Array.isArray(rule.And) || Array.isArray(rule.Or)) {
    const operator = Array.isArray(rule.And) ? 'and' : 'or';
    const text = ((rule.And ?? rule.Or) as unknown[]).map(nested).join(` ${operator} `);
    return outermost ? text : `(${text})`;
  }
  if (rule.Not !== undefined) return `not ${isObject(rule.Not) && (rule.Not.And || rule.Not.Or) ? nested(rule.Not) : `(${nested(rule.Not)})`}`;
  const variable = typeof rule.Variable === 'string' ? rule.Variable : '?';
  for (const [key, value] of Object.entries(rule)) {
    if (!isComparisonOperator(key)) continue;
    const typeTest = TYPE_TESTS.get(key);
    if (typeTest) return `${variable} ${value === false ? typeTest.replace('is', 'is not') : typeTest}`;
    const operator = OPERATORS.find(([suffix]) => key.endsWith(suffix) || key.endsWith(`${suffix}Path`));
    if (operator) {
      // StringEquals "x" shows as "x"; a ...Path operand is a path, shown bare.
      const operand = key.endsWith('Path') || typeof value !== 'string' ? shortText(value) : JSON.stringify(value);
      return `${variable} ${operator[1]} ${operand}`;
    }
  }
  return variable;
}

function jsonataBody(condition: string): string {
  const match = /^\s*\{%([\s\S]*)%\}\s*$/.exec(condition);
  return (match ? match[1] : condition).trim().replace(/\s+/g, ' ');
}
