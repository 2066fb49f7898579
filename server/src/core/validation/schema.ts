// Checks the definition against the ASL schema (aslSchema.ts): unknown fields, fields of the
// other query language, wrong types, enum values and ranges, required fields.
import { definitions, Schema, SchemaType, stateSchemas, stateTypes } from './aslSchema';
import { DiagnosticCode } from './codes';
import type { ValidationContext } from './context';
import { isObject, JsonObject, StateInfo } from './definitionIndex';
import { closestMatch } from './suggest';
import { isPlaceholder } from './payloadTemplates';
import type { JsonPath, QueryLanguage } from './types';
import { reportUnrunnablePlaceholder } from './localRuns';

const AWS = 'SCHEMA_VALIDATION_FAILED';

export function isJsonataExpression(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('{%') && value.endsWith('%}') && value.length >= 4;
}

const TYPE_NAMES: Record<SchemaType, string> = {
  string: 'a string', integer: 'an integer', number: 'a number', boolean: 'a boolean', object: 'an object', array: 'an array', null: 'null',
};

function matchesType(value: unknown, type: SchemaType): boolean {
  switch (type) {
    case 'string': return typeof value === 'string';
    case 'integer': return typeof value === 'number' && Number.isInteger(value);
    case 'number': return typeof value === 'number';
    case 'boolean': return typeof value === 'boolean';
    case 'object': return isObject(value);
    case 'array': return Array.isArray(value);
    case 'null': return value === null;
  }
}

function matchesSchemaType(value: unknown, type: SchemaType | readonly SchemaType[]): boolean {
  if (typeof type === 'string') return matchesType(value, type);
  for (const one of type) if (matchesType(value, one)) return true;
  return false;
}

function resolve(schema: Schema): Schema {
  return schema.$ref ? definitions[schema.$ref] : schema;
}

interface Scope {
  queryLanguage: QueryLanguage;
  /** The state the checked value belongs to, for quick-fix data. */
  state?: string;
}

/** Checks the value of `parent`'s field `key`; the field's path is only built for a report or to descend. */
function checkValue(context: ValidationContext, value: unknown, schemaOrRef: Schema, parent: JsonPath, key: string | number, scope: Scope): void {
  if (value === undefined) return;
  const schema = resolve(schemaOrRef);
  if (isPlaceholder(value)) {
    const { type } = schema;
    if (type && !matchesSchemaType(value, type)) {
      reportUnrunnablePlaceholder(context, [...parent, key], (typeof type === 'string' ? [type] : type).map((one) => TYPE_NAMES[one]).join(' or '));
    }
    return;
  }
  if (scope.queryLanguage === 'JSONata' && !schema['x-static'] && isJsonataExpression(value)) return;
  const { type } = schema;
  if (type && !matchesSchemaType(value, type)) {
    const names = (typeof type === 'string' ? [type] : type).map((one) => TYPE_NAMES[one]);
    context.error([...parent, key], `The value of field '${key}' must be ${names.join(' or ')}`, { aws: AWS });
    return;
  }
  if (schema.enum && !schema.enum.includes(value as string)) {
    const suggestion = typeof value === 'string' ? closestMatch(value, schema.enum.map(String)) : undefined;
    context.error([...parent, key], `The value of field '${key}' must be one of: ${schema.enum.join(', ')}${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`, {
      aws: AWS, data: suggestion ? { suggestion } : undefined,
    });
    return;
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) {
      context.error([...parent, key], `The value of field '${key}' must be greater than or equal to ${schema.minimum}`, { aws: AWS });
    } else if (schema.maximum !== undefined && value > schema.maximum) {
      context.error([...parent, key], `The value of field '${key}' must be less than or equal to ${schema.maximum}`, { aws: AWS });
    }
  } else if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) context.error([...parent, key], `The value of field '${key}' must not be empty`, { aws: AWS });
  } else if (Array.isArray(value)) {
    const path = [...parent, key];
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      context.error(path, `The field '${key}' must have at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}`, { aws: AWS });
    }
    if (schema.items) for (let i = 0; i < value.length; i++) checkValue(context, value[i], schema.items, path, i, scope);
  } else if (isObject(value) && schema.properties) {
    checkObject(context, value, schema, [...parent, key], scope);
  }
}

function checkObject(context: ValidationContext, value: JsonObject, schema: Schema, path: JsonPath, scope: Scope): void {
  const properties = schema.properties ?? {};
  /** Fields the unknown keys are taken for: a misspelt required field is reported once, as misspelt. */
  let misspelt: Set<string> | undefined;
  for (const key in value) {
    const fieldSchema = properties[key];
    if (!fieldSchema) {
      if (schema.additionalProperties === false) {
        const suggestion = reportUnknownField(context, key, Object.keys(properties), path, scope);
        if (suggestion) (misspelt ??= new Set()).add(suggestion);
      }
      continue;
    }
    const language = fieldSchema['x-queryLanguage'];
    if (language && language !== scope.queryLanguage) {
      context.error([...path, key], `The QueryLanguage is set to '${scope.queryLanguage}', but field '${key}' is only supported for the '${language}' QueryLanguage`, {
        aws: AWS, part: 'key', at: path, code: DiagnosticCode.otherQueryLanguageField,
        data: { state: scope.state, field: key, queryLanguage: language },
      });
      continue;
    }
    checkValue(context, value[key], fieldSchema, path, key, scope);
  }
  if (!schema.required) return;
  const missing = schema.required.filter((key) => !(key in value) && !misspelt?.has(key));
  if (missing.length > 0) {
    const text = missing.length === 1 ? `The field '${missing[0]}' is required but was missing` : `These fields are required: [${missing.join(', ')}]`;
    context.error(path, text, { aws: AWS, part: path.length > 0 ? 'key' : 'value' });
  }
}

/** Reports `key` as unknown and returns the field it suggests instead. */
function reportUnknownField(context: ValidationContext, key: string, known: string[], path: JsonPath, scope: Scope): string | undefined {
  const suggestion = closestMatch(key, known);
  context.error([...path, key], `Field '${key}' is not supported${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`, {
    aws: AWS, part: 'key', at: path, code: DiagnosticCode.unknownField,
    data: { state: scope.state, field: key, ...(suggestion ? { suggestion } : {}) },
  });
  return suggestion;
}

/** Nested machines are checked as their owner's fields (Branches items, ItemProcessor, Iterator). */
function checkRoot(context: ValidationContext, root: JsonObject): void {
  const missing = ['States', 'StartAt'].filter((key) => !(key in root));
  // AWS lists the missing top-level fields together, at "/".
  if (missing.length > 0) context.error([], `These fields are required: [${missing.join(', ')}]`, { aws: AWS });
  checkObject(context, root, { ...definitions.machine, required: [] }, [], { queryLanguage: context.index.queryLanguage });
}

function checkState(context: ValidationContext, state: StateInfo, raw: unknown): void {
  const scope: Scope = { queryLanguage: state.queryLanguage, state: state.name };
  if (!isObject(raw)) {
    context.error(state.path, `The state '${state.name}' must be an object`, { aws: AWS, part: 'key' });
    return;
  }
  if (isPlaceholder(raw.Type)) {
    reportUnrunnablePlaceholder(context, [...state.path, 'Type'], 'a state type');
    return;
  }
  if (state.type === undefined) {
    if (!('Type' in raw)) context.error(state.path, "The field 'Type' is required but was missing", { aws: AWS, part: 'key' });
    else checkValue(context, raw.Type, { type: 'string', 'x-static': true }, state.path, 'Type', scope);
    return;
  }
  const schema = Object.hasOwn(stateSchemas, state.type) ? stateSchemas[state.type] : undefined;
  if (!schema) {
    const suggestion = closestMatch(state.type, stateTypes);
    context.error([...state.path, 'Type'], `Invalid State Type '${state.type}'. The value must be one of: ${stateTypes.join(', ')}${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`, {
      aws: AWS, data: suggestion ? { suggestion } : undefined,
    });
    return;
  }
  checkObject(context, raw, closedSchema(state.type, schema), state.path, scope);
}

/** Each state type's schema with no field beside its own, made once per type. */
const closedSchemas = new Map<string, Schema>();
function closedSchema(type: string, schema: Schema): Schema {
  let closed = closedSchemas.get(type);
  if (!closed) closedSchemas.set(type, closed = { ...schema, additionalProperties: false });
  return closed;
}

export function checkSchema(context: ValidationContext): void {
  const { index } = context;
  if (!index.root) {
    context.error([], 'The definition must be a JSON object', { aws: AWS });
    return;
  }
  checkRoot(context, index.root);
  for (const state of index.states) {
    const statesObject = state.machine.value.States as JsonObject;
    checkState(context, state, statesObject[state.name]);
  }
}
