// Rewriting a JSONPath state as the equivalent JSONata state, for the cases that are
// mechanical: paths become `$states.input...` / `$states.context...` expressions, payload
// templates lose their `.$` keys, Choice rules become Conditions. Anything that has no
// one-to-one translation (intrinsics, nested ResultPath, timestamps, wildcards, a literal
// that JSONata would evaluate...) makes the conversion refuse, so it never changes what the
// state does. What cannot stay identical: a path that selects nothing fails with
// States.Runtime in JSONPath and with States.QueryEvaluationError in JSONata.
import { isJsonataExpression } from '../core/validation/schema';

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
/** The types whose result JSONata names `$states.result`. */
const RESULT_TYPES = new Set(['Task', 'Map', 'Parallel']);

/** The fields holding machines of their own, which keep their query language. */
const NESTED_MACHINES = new Set(['Branches', 'ItemProcessor', 'Iterator']);

function convert(state: JsonObject, setQueryLanguage: boolean): JsonObject {
  for (const [key, value] of Object.entries(state)) if (!NESTED_MACHINES.has(key)) refuseExpressionText(value);
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
        // JSONata has no name for a Pass's result; with a ResultSelector, setOutput refuses the second Output.
        if (value !== null && !RESULT_TYPES.has(type as string)) throw new NotMechanical();
        setOutput(result, value === null ? '{% $states.input %}' : expression(placed(value, '$states.result')));
        break;
      case 'Parameters':
        if (type === 'Pass') setOutput(result, convertTemplate(value, 'input'));
        else if (type === 'Map') result.ItemSelector = convertTemplate(value, 'input');
        else result.Arguments = convertTemplate(value, 'input');
        break;
      case 'ItemSelector':
        result.ItemSelector = convertTemplate(value, 'input');
        break;
      case 'ResultSelector':
        setOutput(result, convertTemplate(value, 'result'));
        break;
      case 'Credentials':
        result.Credentials = convertTemplate(value, 'input');
        break;
      case 'ItemReader': case 'ResultWriter':
        result[key] = convertResourceCall(value);
        break;
      // Its BatchInput template and its paths have JSONata forms this does not write yet.
      case 'ItemBatcher':
        throw new NotMechanical();
      case 'Result':
        setOutput(result, value);
        break;
      case 'ItemsPath':
        result.Items = expression(pathExpression(value, 'input'));
        break;
      case 'SecondsPath': case 'TimestampPath': case 'ErrorPath': case 'CausePath':
      case 'TimeoutSecondsPath': case 'HeartbeatSecondsPath':
        result[key.slice(0, -'Path'.length)] = expression(pathExpression(value, 'input'));
        break;
      // A Map reads these as Java parses numbers: a string such as "2" counts, which $number keeps.
      case 'MaxConcurrencyPath': case 'ToleratedFailurePercentagePath': case 'ToleratedFailureCountPath':
        result[key.slice(0, -'Path'.length)] = expression(`$number(${pathExpression(value, 'input')})`);
        break;
      case 'Assign':
        result.Assign = convertTemplate(value, assignRoot(state));
        break;
      case 'Choices':
        result.Choices = asArray(value).map(convertChoiceRule);
        break;
      case 'Catch':
        result.Catch = asArray(value).map(convertCatcher);
        break;
      case 'InputPath': case 'OutputPath':
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

/** A string JSONata would evaluate is a literal in JSONPath: no JSONata text says "this string". */
function refuseExpressionText(value: Json): void {
  if (isJsonataExpression(value)) throw new NotMechanical();
  if (value !== null && typeof value === 'object') for (const item of Object.values(value)) refuseExpressionText(item);
}

/** An ItemReader or ResultWriter: its Parameters become Arguments; a config that reads paths is not converted. */
function convertResourceCall(value: Json): Json {
  const result = newObject();
  for (const [key, item] of Object.entries(asObject(value))) {
    if (key === 'Parameters') result.Arguments = convertTemplate(item, 'input');
    else if (key.endsWith('Config') && Object.keys(asObject(item)).some((field) => field.endsWith('Path'))) throw new NotMechanical();
    else result[key] = item;
  }
  return result;
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

/** What `$` stands for in a template: the state input, the result (of a task, or that a ResultSelector reads), or a caught error. */
type TemplateRoot = 'input' | 'result' | 'errorOutput';

/** What `$` stands for in a JSONPath state's Assign: its result, after ResultSelector (the input where there is no result). */
function assignRoot(state: JsonObject): TemplateRoot {
  if (RESULT_TYPES.has(state.Type as string) && state.ResultSelector === undefined) return 'result';
  if (state.Type === 'Choice' || state.Type === 'Wait' || (state.Type === 'Pass' && state.Result === undefined && state.Parameters === undefined)) return 'input';
  throw new NotMechanical();
}

/** The state input with `value` at a ResultPath naming one field (JSONata has no deeper assignment). */
function placed(resultPath: Json, value: string): string {
  const field = typeof resultPath === 'string' ? /^\$\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(resultPath)?.[1] : undefined;
  if (!field) throw new NotMechanical();
  return `$merge([$states.input, {${JSON.stringify(field)}: ${value}}])`;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Names JSONata reads as operators or literals unless they are quoted. */
const RESERVED = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'function']);
/** Field names a dotted JSONPath step can hold, without wildcards, filters or functions. */
const PLAIN_FIELD = /^[A-Za-z0-9_-]+$/;

/** A JSONPath (or `$$` context path, or `$variable` path) as a JSONata expression. */
function pathExpression(path: Json, root: TemplateRoot): string {
  if (typeof path !== 'string') throw new NotMechanical();
  const match = /^(\$\$|\$[A-Za-z_][A-Za-z0-9_]*|\$)((?:\.[^.[\]]+|\[\d+\])*)$/.exec(path);
  if (!match) throw new NotMechanical();
  const [, head, rest] = match;
  if (head === '$$' && !rest) throw new NotMechanical();
  let expression = head === '$' ? `$states.${root}` : head === '$$' ? '$states.context' : head;
  let afterIndex = false;
  for (const segment of rest.match(/\.[^.[\]]+|\[\d+\]/g) ?? []) {
    if (segment.startsWith('[')) {
      // JSONata applies `[0][1]` to the same sequence, where JSONPath indexes into the item.
      if (afterIndex) throw new NotMechanical();
      afterIndex = true;
      expression += segment;
      continue;
    }
    afterIndex = false;
    const field = segment.slice(1);
    if (!PLAIN_FIELD.test(field)) throw new NotMechanical();
    expression += NAME.test(field) && !RESERVED.has(field) ? `.${field}` : `.\`${field}\``;
  }
  return expression;
}

function convertTemplate(value: Json, root: TemplateRoot): Json {
  if (Array.isArray(value)) return value.map((item) => convertTemplate(item, root));
  if (value === null || typeof value !== 'object') return value;
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
      result.Output = expression(placed(item, '$states.errorOutput'));
    } else if (key === 'Assign') {
      result.Assign = convertTemplate(item, 'errorOutput');
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
  if ('Assign' in rule) result.Assign = convertTemplate(rule.Assign, 'input');
  return result;
}

/** The boolean JSONata expression a (possibly nested) JSONPath choice rule tests. */
function condition(rule: JsonObject): string {
  if (Array.isArray(rule.And)) return rule.And.map((inner) => `(${condition(asObject(inner))})`).join(' and ');
  if (Array.isArray(rule.Or)) return rule.Or.map((inner) => `(${condition(asObject(inner))})`).join(' or ');
  if (rule.Not !== undefined) return `$not(${condition(asObject(rule.Not))})`;
  const operators = Object.keys(rule).filter((key) => key !== 'Variable' && key !== 'Next' && key !== 'Comment' && key !== 'Assign');
  if (operators.length !== 1) throw new NotMechanical();
  const [operator] = operators;
  const operand = rule[operator];
  const variable = pathExpression(rule.Variable, 'input');
  if (operator === 'IsPresent') return operand === true ? `$exists(${variable})` : `$not($exists(${variable}))`;
  /** The paths the rule reads, as written and as JSONata. */
  const read: [string, string][] = [[rule.Variable as string, variable]];
  let test: string;
  const testedType = TYPE_TESTS.get(operator);
  const comparison = /^(String|Numeric|Boolean)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)(Path)?$/.exec(operator);
  if (operator === 'IsNull') {
    test = `${variable} ${operand === true ? '=' : '!='} null`;
  } else if (testedType) {
    test = `$type(${variable}) ${operand === true ? '=' : '!='} ${JSON.stringify(testedType)}`;
  } else if (comparison) {
    const [, kind, relation, byPath] = comparison;
    if (kind === 'Boolean' && relation !== 'Equals') throw new NotMechanical();
    const other = byPath ? pathExpression(operand, 'input') : literal(kind, operand);
    if (byPath) read.push([operand as string, other]);
    // JSONPath compares only values of the operator's kind, else the rule is false; JSONata fails
    // on an ordering of mixed types, and compares arrays and objects with =.
    const typeName = JSON.stringify(KIND_TYPES[kind]);
    const guards = relation === 'Equals' && !byPath ? [] : [`$type(${variable}) = ${typeName}`, ...(byPath ? [`$type(${other}) = ${typeName}`] : [])];
    test = [...guards, `${variable} ${OPERATORS[relation]} ${other}`].join(' and ');
  } else {
    throw new NotMechanical();
  }
  // A rule that reads a path selecting nothing fails in JSONPath, where JSONata would compare `undefined`.
  return read.reduceRight((inner, [path, value]) => `$exists(${value}) ? ${inner} : $error(${JSON.stringify(`Invalid path '${path}': The choice state's condition path references an invalid value.`)})`, test);
}

const KIND_TYPES: Record<string, string> = { String: 'string', Numeric: 'number', Boolean: 'boolean' };

function literal(kind: string, value: Json): string {
  if (typeof value !== KIND_TYPES[kind]) throw new NotMechanical();
  return JSON.stringify(value);
}
