// The JSONPath Choice rule operators, for every feature that reads or offers them.

export const COMPARISON_OPERATORS = [
  'StringEquals', 'StringEqualsPath', 'StringLessThan', 'StringLessThanPath', 'StringGreaterThan', 'StringGreaterThanPath',
  'StringLessThanEquals', 'StringLessThanEqualsPath', 'StringGreaterThanEquals', 'StringGreaterThanEqualsPath', 'StringMatches',
  'NumericEquals', 'NumericEqualsPath', 'NumericLessThan', 'NumericLessThanPath', 'NumericGreaterThan', 'NumericGreaterThanPath',
  'NumericLessThanEquals', 'NumericLessThanEqualsPath', 'NumericGreaterThanEquals', 'NumericGreaterThanEqualsPath',
  'BooleanEquals', 'BooleanEqualsPath',
  'TimestampEquals', 'TimestampEqualsPath', 'TimestampLessThan', 'TimestampLessThanPath', 'TimestampGreaterThan', 'TimestampGreaterThanPath',
  'TimestampLessThanEquals', 'TimestampLessThanEqualsPath', 'TimestampGreaterThanEquals', 'TimestampGreaterThanEqualsPath',
  'IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp',
] as const;

export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

export function isComparisonOperator(key: string): key is ComparisonOperator {
  return (COMPARISON_OPERATORS as readonly string[]).includes(key);
}
