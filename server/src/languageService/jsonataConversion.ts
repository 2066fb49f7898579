// Rewriting a JSONPath state as the equivalent JSONata state, for the cases that are
// mechanical: paths become `$states.input...` / `$states.context...` expressions, payload
// templates lose their `.$` keys, Choice rules become Conditions. Anything that has no
// one-to-one translation (intrinsics, ResultSelector, nested ResultPath, timestamps,
// wildcards...) makes the conversion refuse, so it never changes what the state does.

type Json = unknown;
type JsonObject = Record<string, Json>;

class NotMechanical extends Error {}

/** Without a prototype, a key such as `__proto__` copied from the definition stays an ordinary key. */
function newObject(): JsonObject {
  return Object.create(null) as JsonObject;
}

/** The JSONata version of a JSONPath state, or undefined when the translation is not mechanical. */
export function convertStateToJsonata(state: JsonObject, setQueryLanguage: boolean): JsonObject | undefined {
  try {
    return convert(state, setQueryLanguage);
  } catch (error) {
    if (error instanceof NotMechanical) return undefined;
    throw error;
  }
}

const IDENTITY_PATHS = new Set(['InputPath', 'OutputPath', 'ResultPath']);

function convert(state: JsonObject, setQueryLanguage: boolean): JsonObject {
  const result = newObject();
  const type = state.Type;
  for (const [key, value] of Object.entries(state)) {
    if (IDENTITY_PATHS.has(key) && (value === '$' || (key === 'ResultPath' && value === null && type === 'Choice'))) continue;
    switch (key) {
      case 'Type':
        result.Type = value;
        if (setQueryLanguage) result.QueryLanguage = 'JSONata';
        break;
      case 'QueryLanguage':
        break;
      case 'ResultPath':
        if (value !== null) throw new NotMechanical();
        setOutput(result, '{% $states.input %}');
        break;
      case 'Parameters':
        if (type === 'Pass') setOutput(result, convertTemplate(value, 'input'));
        else if (type === 'Map') result.ItemSelector = convertTemplate(value, 'input');
        else result.Arguments = convertTemplate(value, 'input');
        break;
      case 'ItemSelector':
        result.ItemSelector = convertTemplate(value, 'input');
        break;
      case 'Result':
        setOutput(result, value);
        break;
      case 'ItemsPath':
        result.Items = expression(pathExpression(value, 'input'));
        break;
      case 'SecondsPath': case 'TimestampPath': case 'ErrorPath': case 'CausePath':
      case 'TimeoutSecondsPath': case 'HeartbeatSecondsPath': case 'MaxConcurrencyPath':
      case 'ToleratedFailurePercentagePath': case 'ToleratedFailureCountPath':
        result[key.slice(0, -'Path'.length)] = expression(pathExpression(value, 'input'));
        break;
      case 'Assign':
        result.Assign = literalOnly(value);
        break;
      case 'Choices':
        result.Choices = asArray(value).map(convertChoiceRule);
        break;
      case 'Catch':
        result.Catch = asArray(value).map(convertCatcher);
        break;
      case 'InputPath': case 'OutputPath': case 'ResultSelector':
        throw new NotMechanical();
      default:
        result[key] = value;
    }
  }
  return result;
}

/** Two fields both deciding the output (e.g. Result with ResultPath null) combine in ways JSONata has no single field for. */
function setOutput(result: JsonObject, value: Json): void {
  if ('Output' in result) throw new NotMechanical();
  result.Output = value;
}

function asArray(value: Json): Json[] {
  if (!Array.isArray(value)) throw new NotMechanical();
  return value;
}

function asObject(value: Json): JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new NotMechanical();
  return value as JsonObject;
}

function expression(body: string): string {
  return `{% ${body} %}`;
}

/** Literal values only: a `.$` key means a path whose meaning depends on the state. */
function literalOnly(value: Json): Json {
  if (JSON.stringify(value).includes('.$"')) throw new NotMechanical();
  return value;
}

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A JSONPath (or `$$` context path, or `$variable` path) as a JSONata expression. */
function pathExpression(path: Json, root: 'input' | 'errorOutput'): string {
  if (typeof path !== 'string') throw new NotMechanical();
  const match = /^(\$\$|\$[A-Za-z_][A-Za-z0-9_]*|\$)((?:\.[^.[\]]+|\[\d+\])*)$/.exec(path);
  if (!match) throw new NotMechanical();
  const [, head, rest] = match;
  const base = head === '$' ? `$states.${root}` : head === '$$' ? '$states.context' : head;
  if (head === '$$' && !rest) throw new NotMechanical();
  for (const segment of rest.match(/\.[^.[\]]+|\[\d+\]/g) ?? []) {
    if (segment.startsWith('.') && !FIELD.test(segment.slice(1))) throw new NotMechanical();
  }
  return base + rest;
}

function convertTemplate(value: Json, root: 'input' | 'errorOutput'): Json {
  if (Array.isArray(value)) return value.map((item) => convertTemplate(item, root));
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'string' && value.includes('{%')) throw new NotMechanical();
    return value;
  }
  const result = newObject();
  for (const [key, item] of Object.entries(value)) {
    if (key.endsWith('.$')) result[key.slice(0, -2)] = expression(pathExpression(item, root));
    else result[key] = convertTemplate(item, root);
  }
  return result;
}

function convertCatcher(value: Json): Json {
  const catcher = asObject(value);
  const result = newObject();
  for (const [key, item] of Object.entries(catcher)) {
    if (key === 'ResultPath') {
      if (item === '$') continue;
      if (item === null) {
        result.Output = '{% $states.input %}';
        continue;
      }
      const field = typeof item === 'string' ? /^\$\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(item)?.[1] : undefined;
      if (!field) throw new NotMechanical();
      result.Output = expression(`$merge([$states.input, {${JSON.stringify(field)}: $states.errorOutput}])`);
    } else if (key === 'Assign') {
      result.Assign = literalOnly(item);
    } else {
      result[key] = item;
    }
  }
  return result;
}

const OPERATORS: Record<string, string> = { Equals: '=', LessThan: '<', GreaterThan: '>', LessThanEquals: '<=', GreaterThanEquals: '>=' };
const TYPE_TESTS = new Map([['IsNumeric', 'number'], ['IsString', 'string'], ['IsBoolean', 'boolean']]);

function convertChoiceRule(value: Json): Json {
  const rule = asObject(value);
  const result = newObject();
  result.Condition = expression(condition(rule));
  for (const key of ['Next', 'Comment']) if (key in rule) result[key] = rule[key];
  if ('Assign' in rule) result.Assign = literalOnly(rule.Assign);
  return result;
}

/** The boolean JSONata expression a (possibly nested) JSONPath choice rule tests. */
function condition(rule: JsonObject): string {
  if (Array.isArray(rule.And)) return rule.And.map((inner) => `(${condition(asObject(inner))})`).join(' and ');
  if (Array.isArray(rule.Or)) return rule.Or.map((inner) => `(${condition(asObject(inner))})`).join(' or ');
  if (rule.Not !== undefined) return `$not(${condition(asObject(rule.Not))})`;
  const variable = pathExpression(rule.Variable, 'input');
  const operators = Object.keys(rule).filter((key) => key !== 'Variable' && key !== 'Next' && key !== 'Comment' && key !== 'Assign');
  if (operators.length !== 1) throw new NotMechanical();
  const [operator] = operators;
  const operand = rule[operator];
  if (operator === 'IsPresent') return operand === true ? `$exists(${variable})` : `$not($exists(${variable}))`;
  if (operator === 'IsNull') return `${variable} ${operand === true ? '=' : '!='} null`;
  const typeName = TYPE_TESTS.get(operator);
  if (typeName) return `$type(${variable}) ${operand === true ? '=' : '!='} ${JSON.stringify(typeName)}`;
  const comparison = /^(String|Numeric|Boolean)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)(Path)?$/.exec(operator);
  if (!comparison) throw new NotMechanical();
  const [, kind, relation, byPath] = comparison;
  if (kind === 'Boolean' && relation !== 'Equals') throw new NotMechanical();
  const right = byPath ? pathExpression(operand, 'input') : literal(kind, operand);
  return `${variable} ${OPERATORS[relation]} ${right}`;
}

function literal(kind: string, value: Json): string {
  const expected = kind === 'String' ? 'string' : kind === 'Numeric' ? 'number' : 'boolean';
  if (typeof value !== expected) throw new NotMechanical();
  return JSON.stringify(value);
}
