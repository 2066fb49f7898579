// JSONPath-mode fields: Paths and Reference Paths, payload templates whose `.$` keys take a
// path or an intrinsic function, and the variables those read.
import { DiagnosticCode } from './codes';
import type { ValidationContext } from './context';
import { isObject, type JsonObject, StateInfo } from './definitionIndex';
import { checkIntrinsicText, looksLikeIntrinsicCall } from './intrinsics';
import { checkJsonPath, variableOfPath } from './jsonPathSyntax';
import { isPlaceholder } from './payloadTemplates';
import type { JsonPath } from './types';

const AWS = 'SCHEMA_VALIDATION_FAILED';

/** Fields holding a Path (may select many nodes) or a Reference Path (one node). */
const PATH_FIELDS: [string, 'path' | 'reference'][] = Object.entries({
  InputPath: 'path', OutputPath: 'path', ResultPath: 'reference', ItemsPath: 'reference',
  TimeoutSecondsPath: 'reference', HeartbeatSecondsPath: 'reference', SecondsPath: 'reference', TimestampPath: 'reference',
  MaxConcurrencyPath: 'reference', ToleratedFailurePercentagePath: 'reference', ToleratedFailureCountPath: 'reference',
  ErrorPath: 'reference', CausePath: 'reference',
} as const);

const TEMPLATE_FIELDS = ['Parameters', 'ResultSelector', 'ItemSelector', 'Assign', 'Credentials'];

/** The place of each path and template field in the order they are checked: PATH_FIELDS, then TEMPLATE_FIELDS. */
const FIELD_ORDER = new Map([...PATH_FIELDS.map(([field]) => field), ...TEMPLATE_FIELDS].map((field, index) => [field, index]));

/**
 * The path and template fields a state has, as bits by their place in FIELD_ORDER: one pass over its few
 * keys, where asking for each of the eighteen fields by a variable name is a slow lookup on states of many shapes.
 */
function fieldsPresent(state: JsonObject): number {
  let present = 0;
  for (const key in state) {
    const index = FIELD_ORDER.get(key);
    if (index !== undefined) present |= 1 << index;
  }
  return present;
}

/** Whether a path in `field` may start with `$$`: the Context object is read-only, so ResultPath cannot write there. */
export function mayReferToContextObject(field: string | number): boolean {
  return field !== 'ResultPath';
}

/** Checks one path string at `path`, records the variable it reads. Intrinsics are allowed where `intrinsic`. */
export function checkPathValue(context: ValidationContext, state: StateInfo, value: unknown, path: JsonPath, kind: 'path' | 'reference', intrinsic = false): void {
  if (typeof value !== 'string' || isPlaceholder(value)) return;
  if (intrinsic && looksLikeIntrinsicCall(value)) {
    checkIntrinsicText(context, state, value, path);
    return;
  }
  const error = checkJsonPath(value, kind === 'reference');
  if (!error && !mayReferToContextObject(path[path.length - 1]) && value.startsWith('$$')) {
    context.error(path, 'ResultPath cannot write into the context object ($$)', { aws: AWS, offset: 0, length: 2 });
    return;
  }
  if (error?.warning) context.warning(path, error.message, { offset: error.offset, length: error.length });
  else if (error) {
    context.error(path, `${error.message}`, { aws: AWS, offset: error.offset, length: error.length });
    return;
  }
  const variable = variableOfPath(value);
  if (variable && path[path.length - 1] === 'ResultPath') {
    // The state's output is written at ResultPath; variables are written by Assign only.
    context.error(path, `ResultPath cannot write into the variable $${variable}: assign it with 'Assign'`, { aws: AWS, offset: 0, length: variable.length + 1 });
    return;
  }
  if (variable) context.variableReads.push({ name: variable, state, path, offset: 0, length: variable.length + 1 });
}

/** Walks a payload template: `.$` keys take a path or an intrinsic; other keys are literal. Paths are built only where needed. */
function checkTemplate(context: ValidationContext, state: StateInfo, value: unknown, path: JsonPath, field: string): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (typeof value[i] === 'object' && value[i] !== null) checkTemplate(context, state, value[i], [...path, i], field);
    return;
  }
  if (!isObject(value) || isPlaceholder(value)) return;
  // The specification: no two fields may have the same name once '.$' is removed (a Pass Result is never renamed).
  const names = new Map<string, string>();
  for (const key in value) {
    const item = value[key];
    const name = field !== 'Result' && key.endsWith('.$') ? key.slice(0, -2) : key;
    const twin = names.get(name);
    if (twin === undefined) names.set(name, key);
    else context.error([...path, key], `The fields '${twin}' and '${key}' have the same name once '.$' is removed`, { aws: AWS, part: 'key', at: path });
    if (key.endsWith('.$')) {
      const itemPath = [...path, key];
      if (field === 'Result') {
        context.warning(itemPath, 'A Pass state\'s Result is static: the path is not evaluated', { aws: 'PASS_RESULT_IS_STATIC', part: 'key' });
      } else if (typeof item !== 'string' || !(item.startsWith('$') || looksLikeIntrinsicCall(item)) && !isPlaceholder(item)) {
        context.error(itemPath, `The value for the field '${key}' must be a valid JSONPath or a valid intrinsic function call`, { aws: AWS, at: path });
      } else {
        checkPathValue(context, state, item, itemPath, 'path', true);
      }
    } else if (typeof item === 'string') {
      if (field !== 'Result' && /^\$\$?\./.test(item)) {
        context.warning([...path, key], `The value of '${key}' looks like a path, but the field name does not end with '.$': it is passed as a literal string`, {
          aws: 'NO_DOLLAR', part: 'key', code: DiagnosticCode.missingDollarSuffix, data: { key },
        });
      }
    } else if (typeof item === 'object' && item !== null) {
      checkTemplate(context, state, item, [...path, key], field);
    }
  }
}

function checkState(context: ValidationContext, state: StateInfo): void {
  const { value, path } = state;
  const present = fieldsPresent(value);
  for (let index = 0; index < FIELD_ORDER.size; index++) {
    if (!(present & (1 << index))) continue;
    if (index < PATH_FIELDS.length) {
      const [field, kind] = PATH_FIELDS[index];
      if (value[field] !== null) checkPathValue(context, state, value[field], [...path, field], kind, field === 'ErrorPath' || field === 'CausePath');
    } else {
      const field = TEMPLATE_FIELDS[index - PATH_FIELDS.length];
      checkTemplate(context, state, value[field], [...path, field], field);
    }
  }
  if (state.type === 'Pass' && 'Result' in value) checkTemplate(context, state, value.Result, [...path, 'Result'], 'Result');
  for (const field of ['ItemReader', 'ResultWriter']) {
    const nested = value[field];
    if (isObject(nested) && 'Parameters' in nested) checkTemplate(context, state, nested.Parameters, [...path, field, 'Parameters'], 'Parameters');
  }
  const batcher = value.ItemBatcher;
  if (isObject(batcher)) {
    if ('BatchInput' in batcher) checkTemplate(context, state, batcher.BatchInput, [...path, 'ItemBatcher', 'BatchInput'], 'BatchInput');
    for (const field of ['MaxItemsPerBatchPath', 'MaxInputBytesPerBatchPath']) {
      if (field in batcher) checkPathValue(context, state, batcher[field], [...path, 'ItemBatcher', field], 'reference');
    }
  }
  if (Array.isArray(value.Choices)) {
    value.Choices.forEach((rule, i) => {
      if (isObject(rule) && 'Assign' in rule) checkTemplate(context, state, rule.Assign, [...path, 'Choices', i, 'Assign'], 'Assign');
    });
  }
  if (Array.isArray(value.Catch)) {
    value.Catch.forEach((catcher, i) => {
      if (!isObject(catcher)) return;
      if ('ResultPath' in catcher && catcher.ResultPath !== null) checkPathValue(context, state, catcher.ResultPath, [...path, 'Catch', i, 'ResultPath'], 'reference');
      if ('Assign' in catcher) checkTemplate(context, state, catcher.Assign, [...path, 'Catch', i, 'Assign'], 'Assign');
    });
  }
}

export function checkPaths(context: ValidationContext): void {
  for (const state of context.index.states) if (state.queryLanguage === 'JSONPath') checkState(context, state);
}
