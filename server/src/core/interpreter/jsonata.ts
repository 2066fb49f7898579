// JSONata-language values: strings written `{% expression %}` inside Arguments, Output, Assign,
// Condition, Items, ... Each expression is parsed once at compile time and evaluated with
// `$states` and the variables in scope, as AWS does.
import jsonata from 'jsonata';
import { queryError } from './errors';
import { awsFunctionBindings } from '../jsonata/awsFunctions';

const EXPRESSION = /^\{%([\s\S]*)%\}$/;

export function isJsonataText(value: unknown): value is string {
  return typeof value === 'string' && EXPRESSION.test(value);
}

/** The expression inside `{% %}` (or the JSON text of a literal), as AWS quotes it in errors. */
export function expressionSource(value: unknown): string {
  return isJsonataText(value) ? EXPRESSION.exec(value)![1].trim() : JSON.stringify(value);
}

/** JSONata's type names as AWS reports them. */
export function jsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** AWS's error for an expression whose result is not of the type the field needs. */
export function unexpectedType(expression: unknown, field: string, expected: string, value: unknown) {
  return queryError(
    `The JSONata expression '${expressionSource(expression)}' specified for the field '${field}' returned an unexpected result type. ` +
    `Expected '${expected}', but was '${jsonTypeName(value)}' for value: ${JSON.stringify(value)}`, field);
}

/** Names a field relative to the state as AWS does: `Output/a/b[0]`. */
export function fieldName(parent: string, key: string | number): string {
  return typeof key === 'number' ? `${parent}[${key}]` : parent ? `${parent}/${key}` : key;
}

export interface JsonataScope {
  states: Record<string, unknown>;
  variables: Record<string, unknown>;
}

/** A compiled JSONata value (an expression or a template holding expressions). */
export type JsonataValue = (scope: JsonataScope) => Promise<unknown> | unknown;

export class JsonataSyntaxError extends Error {
  constructor(readonly field: string, readonly expression: string, message: string) { super(message); }
}

/** Compiles one `{% %}` string; `field` names it in AWS's error messages. */
export function compileExpression(text: string, field: string): JsonataValue {
  const source = EXPRESSION.exec(text)![1].trim();
  let expression: jsonata.Expression;
  try {
    expression = jsonata(source);
  } catch (error) {
    throw new JsonataSyntaxError(field, source, (error as { message?: string }).message ?? String(error));
  }
  return async (scope) => {
    let result: unknown;
    try {
      result = await expression.evaluate(scope.states.input ?? null, { ...awsFunctionBindings, ...scope.variables, states: scope.states });
    } catch (error) {
      const message = (error as { message?: string }).message ?? String(error);
      throw queryError(`The JSONata expression '${source}' specified for the field '${field}' threw an error during evaluation: ${message}`, field);
    }
    if (result === undefined) {
      throw queryError(`The JSONata expression '${source}' specified for the field '${field}' returned nothing (undefined).`, field);
    }
    if (typeof result === 'function' || (result !== null && typeof result === 'object' && isFunctionValue(result))) {
      throw queryError(`The JSONata expression '${source}' specified for the field '${field}' returned an unsupported result type.`, field);
    }
    return toJson(result);
  };
}

function isFunctionValue(value: object): boolean {
  return '_jsonata_lambda' in value || '_jsonata_function' in value;
}

/** JSONata results may carry sequence flags and undefined members; AWS sees plain JSON. */
function toJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(toJson);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined && typeof item !== 'function') out[key] = toJson(item);
    }
    return out;
  }
  return value;
}

/** Compiles a JSONata template: `{% %}` strings anywhere inside objects and arrays; the rest literal. */
export function compileJsonataTemplate(template: unknown, field: string): JsonataValue {
  if (isJsonataText(template)) return compileExpression(template, field);
  if (Array.isArray(template)) {
    const items = template.map((item, i) => compileJsonataTemplate(item, fieldName(field, i)));
    return async (scope) => {
      const out: unknown[] = [];
      for (const item of items) out.push(await item(scope));
      return out;
    };
  }
  if (template !== null && typeof template === 'object') {
    const entries = Object.entries(template).map(([key, value]) => [key, compileJsonataTemplate(value, fieldName(field, key))] as const);
    return async (scope) => {
      const out: Record<string, unknown> = {};
      for (const [key, value] of entries) out[key] = await value(scope);
      return out;
    };
  }
  return () => template;
}

/** True when a template contains no `{% %}` expression (then it can be used as a plain value). */
export function isLiteralTemplate(template: unknown): boolean {
  if (isJsonataText(template)) return false;
  if (Array.isArray(template)) return template.every(isLiteralTemplate);
  if (template !== null && typeof template === 'object') return Object.values(template).every(isLiteralTemplate);
  return true;
}
