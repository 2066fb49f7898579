// The simplest JSONata expressions evaluated here, synchronously: JSONata's evaluator awaits at every
// node, so `$states.input.count + 1` cost a JSONata loop five to nine times our JSONPath loop (issue 16).
// Paths over plain objects from a variable, literals, arithmetic, comparison and concatenation of numbers
// and strings, and/or of booleans. Whatever this is not sure of (an array on the way, a value missing, a
// type JSONata would refuse, a result out of range) is answered UNSURE, and JSONata evaluates the
// expression itself: its results and its errors, word for word, stay JSONata's.
import type { JsonataScope } from './jsonata';

export const UNSURE = Symbol('unsure');

/** The expression's value, or UNSURE. */
export type FastEvaluation = (scope: JsonataScope) => unknown;

const ARITHMETIC: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b, '-': (a, b) => a - b, '*': (a, b) => a * b, '/': (a, b) => a / b, '%': (a, b) => a % b,
};
const ORDER: Record<string, (a: number | string, b: number | string) => boolean> = {
  '<': (a, b) => a < b, '<=': (a, b) => a <= b, '>': (a, b) => a > b, '>=': (a, b) => a >= b,
};
/** Members a node of the subset may have: any other (stages, predicate, group, keepArray...) is JSONata's. */
const PLAIN_MEMBERS = new Set(['type', 'value', 'position', 'lhs', 'rhs', 'expression', 'steps']);

/** A node of JSONata's parsed expression (jsonata's ExprNode, as its members are read here). */
export interface Node { type: string; value?: unknown; lhs?: Node; rhs?: Node; expression?: Node; steps?: Node[] }

const isPrimitive = (value: unknown) => value === null || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean';

/** The fast evaluation of a parsed expression, or undefined when it is outside the subset. */
export function compileFast(node: Node): FastEvaluation | undefined {
  if (!Object.keys(node).every((member) => PLAIN_MEMBERS.has(member))) return undefined;
  switch (node.type) {
    case 'number':
    case 'string':
    case 'value': {
      const value = node.value;
      return () => value;
    }
    case 'variable':
      return variable(node.value as string);
    case 'path':
      return path(node.steps!);
    case 'unary': {
      if (node.value !== '-' || !node.expression) return undefined;
      const operand = compileFast(node.expression);
      if (!operand) return undefined;
      return (scope) => {
        const value = operand(scope);
        return typeof value === 'number' ? -value : UNSURE;
      };
    }
    case 'binary':
      return binary(node);
    default:
      return undefined;
  }
}

/** `$states`, or a workflow variable (not a function's name: those are JSONata's to call). */
function variable(name: string): FastEvaluation | undefined {
  if (name === '') return undefined;
  if (name === 'states') return (scope) => scope.states;
  return (scope) => (Object.hasOwn(scope.variables, name) ? scope.variables[name] : UNSURE);
}

/** `$variable.name.name...` over plain objects; an array anywhere is JSONata's (it maps and flattens). */
function path(steps: Node[]): FastEvaluation | undefined {
  const [first, ...rest] = steps;
  if (first?.type !== 'variable' || !Object.keys(first).every((member) => PLAIN_MEMBERS.has(member))) return undefined;
  if (!rest.every((step) => step.type === 'name' && Object.keys(step).every((member) => PLAIN_MEMBERS.has(member)))) return undefined;
  const names = rest.map((step) => step.value as string);
  // `$states.input...` starts from the scope's input: `$states` itself (its context object) need not be made.
  const fromInput = first.value === 'states' && names[0] === 'input';
  const root = fromInput ? (scope: JsonataScope) => scope.input : variable(first.value as string);
  if (!root) return undefined;
  if (fromInput) names.shift();
  return (scope) => {
    let value = root(scope);
    for (const name of names) {
      if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, name)) return UNSURE;
      value = (value as Record<string, unknown>)[name];
    }
    return value === undefined || Array.isArray(value) || typeof value === 'function' ? UNSURE : value;
  };
}

function binary(node: Node): FastEvaluation | undefined {
  const lhs = node.lhs && compileFast(node.lhs);
  const rhs = node.rhs && compileFast(node.rhs);
  if (!lhs || !rhs) return undefined;
  const operator = node.value as string;
  const arithmetic = ARITHMETIC[operator];
  if (arithmetic) {
    return (scope) => {
      const a = lhs(scope);
      const b = rhs(scope);
      if (typeof a !== 'number' || typeof b !== 'number') return UNSURE;
      const result = arithmetic(a, b);
      return Number.isFinite(result) ? result : UNSURE;
    };
  }
  const order = ORDER[operator];
  if (order) {
    return (scope) => {
      const a = lhs(scope);
      const b = rhs(scope);
      const comparable = (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
      return comparable ? order(a as number | string, b as number | string) : UNSURE;
    };
  }
  switch (operator) {
    case '=':
    case '!=':
      return (scope) => {
        const a = lhs(scope);
        const b = rhs(scope);
        if (!isPrimitive(a) || !isPrimitive(b)) return UNSURE;
        return operator === '=' ? a === b : a !== b;
      };
    case '&':
      return (scope) => {
        const a = lhs(scope);
        const b = rhs(scope);
        return typeof a === 'string' && typeof b === 'string' ? a + b : UNSURE;
      };
    case 'and':
    case 'or':
      return (scope) => {
        const a = lhs(scope);
        const b = rhs(scope);
        if (typeof a !== 'boolean' || typeof b !== 'boolean') return UNSURE;
        return operator === 'and' ? a && b : a || b;
      };
    default:
      return undefined;
  }
}
