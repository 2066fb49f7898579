// JSONata-language values: strings written `{% expression %}` inside Arguments, Output, Assign,
// Condition, Items, ... Each expression is parsed once at compile time and evaluated with
// `$states` and the variables in scope, as AWS does.
import '../linearRegex';
import type jsonata from 'jsonata';
import { AbortedError, queryError } from './errors';
import type { Cancellation } from './cancellation';
import { compileFast, type Node, UNSURE } from './jsonataFast';
import { awsFunctionBindings } from '../jsonata/awsFunctions';
import { jsonataLibrary } from '../jsonata/library';

const EXPRESSION = /^\{%([\s\S]*)%\}$/;

function parseJsonata(source: string): jsonata.Expression {
  const expression = jsonataLibrary()(source);
  expression.assign(Symbol.for('jsonata.__evaluate_entry') as unknown as string, checkBudget);
  return expression;
}

/** How long one evaluation may run (JSONata's own default; AWS also bounds evaluations). */
export const EVALUATION_MILLISECONDS = 5000;
const BUDGET = '__aslWorkbenchBudget';

interface Budget { deadline: number; cancellation?: Cancellation; steps: number; onWork?: () => void }

/** The budget of the evaluation whose node ran last: evaluations interleave (Parallel branches, Map iterations). */
let working: Budget | undefined;

/**
 * Called by JSONata before each node: tells whose evaluation runs when it changes, ends endless
 * evaluations, and now and then yields to the event loop (JSONata's awaits are all microtasks) so that
 * stop() can interrupt them.
 */
function checkBudget(_expr: unknown, _input: unknown, environment: { lookup(name: string): unknown }): Promise<void> | void {
  const budget = environment.lookup(BUDGET) as Budget | undefined;
  if (budget !== working) {
    working = budget;
    budget?.onWork?.();
  }
  if (!budget || ++budget.steps % 256 !== 0) return;
  if (budget.cancellation?.cancelled) throw new AbortedError();
  if (Date.now() > budget.deadline) throw { code: 'U1001', message: `Expression evaluation timeout: the evaluation took longer than ${EVALUATION_MILLISECONDS / 1000} seconds` };
  if (budget.steps % 8192 === 0) return new Promise((resolve) => setImmediate(resolve));
}

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
  /** `$states.input`: the fast path reads it without making `$states`. */
  readonly input: unknown;
  readonly states: Record<string, unknown>;
  variables: Record<string, unknown>;
  /** Aborted when the execution stops: a running evaluation then ends. */
  cancellation?: Cancellation;
  /** Called when the evaluation starts or resumes on the thread, with what it evaluates (StartOptions.onStateWork). */
  onWork?: (detail: string) => void;
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
    expression = parseJsonata(source);
  } catch (error) {
    throw new JsonataSyntaxError(field, source, (error as { message?: string }).message ?? String(error));
  }
  const described = `The JSONata expression '${source}' specified for the field '${field}'`;
  const fast = compileFast(expression.ast() as Node);
  const checked = (result: unknown): unknown => {
    if (result === undefined) {
      throw queryError(`${described} returned nothing (undefined).`, field);
    }
    if (typeof result === 'function' || (result !== null && typeof result === 'object' && isFunctionValue(result))) {
      throw queryError(`${described} returned an unsupported result type.`, field);
    }
    return toJson(result);
  };
  const evaluate = async (scope: JsonataScope): Promise<unknown> => {
    let result: unknown;
    const onWork = scope.onWork;
    const budget: Budget = { deadline: Date.now() + EVALUATION_MILLISECONDS, cancellation: scope.cancellation, steps: 0, onWork: onWork && (() => onWork(described)) };
    try {
      result = await expression.evaluate(scope.input ?? null, { ...awsFunctionBindings, ...scope.variables, states: scope.states, [BUDGET]: budget });
    } catch (error) {
      if (error instanceof AbortedError) throw error;
      const message = (error as { message?: string }).message ?? String(error);
      throw queryError(`${described} threw an error during evaluation: ${message}`, field);
    } finally {
      if (working === budget) working = undefined;
    }
    return checked(result);
  };
  if (!fast) return evaluate;
  // Synchronous when the fast path is sure of the value: a state made only of such expressions costs no promise.
  return (scope) => {
    const value = fast(scope);
    return value === UNSURE ? evaluate(scope) : checked(value);
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
    return (scope) => gather(items, scope, (values) => values);
  }
  if (template !== null && typeof template === 'object') {
    const keys = Object.keys(template);
    const members = keys.map((key) => compileJsonataTemplate((template as Record<string, unknown>)[key], fieldName(field, key)));
    return (scope) => gather(members, scope, (values) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) out[keys[i]] = values[i];
      return out;
    });
  }
  return () => template;
}

/** Evaluates the members in order; synchronous while they are (the fast path), awaiting each from the first that is not. */
function gather(members: JsonataValue[], scope: JsonataScope, build: (values: unknown[]) => unknown): Promise<unknown> | unknown {
  const values: unknown[] = [];
  for (let i = 0; i < members.length; i++) {
    const value = members[i](scope);
    if (value instanceof Promise) return gatherFrom(members, scope, values, i, value).then(build);
    values.push(value);
  }
  return build(values);
}

async function gatherFrom(members: JsonataValue[], scope: JsonataScope, values: unknown[], index: number, pending: Promise<unknown>): Promise<unknown[]> {
  values.push(await pending);
  for (let i = index + 1; i < members.length; i++) values.push(await members[i](scope));
  return values;
}
