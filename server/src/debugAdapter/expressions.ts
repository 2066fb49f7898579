// Expressions a user types while stopped (the Debug Console, watches, hovers, breakpoint conditions,
// logpoint messages), evaluated against a state as the interpreter evaluates its fields: a JSONPath
// (`$.a`, `$$.State.Name`, `$variable`), an intrinsic call (`States.Format('{}', $.a)`) or JSONata
// (`{% $states.input.a + 1 %}`, or bare in a JSONata state).
import { compileDynamicValue, type PathScope } from '../core/interpreter/payload';
import { compileExpression, isJsonataText } from '../core/interpreter/jsonata';
import { MISSING } from '../core/interpreter/jsonpath';
import { FieldError } from '../core/interpreter/errors';
import type { QueryLanguage } from '../core/queryLanguage';

/** What an expression sees: the state's input, its variables in scope, its context object, its language. */
export interface EvaluationScope {
  input: unknown;
  variables: Record<string, unknown>;
  context: Record<string, unknown>;
  /** `$states` beyond input and context once known: `result`, `errorOutput`. */
  states?: Record<string, unknown>;
  language: QueryLanguage;
}

export class EvaluationError extends Error {}

const FIELD = 'expression';

export async function evaluate(text: string, scope: EvaluationScope): Promise<unknown> {
  const expression = text.trim();
  if (expression === '') throw new EvaluationError('Type a JSONPath ($.a), an intrinsic (States.Format(...)) or a JSONata expression ({% ... %}).');
  if (isJsonataText(expression as unknown)) return evaluateJsonata(expression, scope);
  // In a JSONata state `$name` is JSONata's (a variable, `$states`); intrinsics and `$$` are JSONPath's only.
  const path = expression.startsWith('States.') || expression.startsWith('$$') || (expression.startsWith('$') && scope.language === 'JSONPath');
  if (path) {
    try {
      return evaluatePath(expression, scope);
    } catch (error) {
      // A JSONata expression that starts like a path (`$x + 1`) is tried as JSONata.
      if (!(error instanceof SyntaxError)) throw error;
    }
  }
  return evaluateJsonata(`{% ${expression} %}`, scope);
}

function evaluatePath(expression: string, scope: EvaluationScope): unknown {
  let compiled;
  try {
    compiled = compileDynamicValue(expression, FIELD);
  } catch (error) {
    throw new SyntaxError((error as Error).message);
  }
  const pathScope: PathScope = {
    input: scope.input,
    context: () => scope.context,
    variable: (name) => Object.prototype.hasOwnProperty.call(scope.variables, name) ? scope.variables[name] : MISSING,
  };
  try {
    return compiled(pathScope);
  } catch (error) {
    throw asEvaluationError(error);
  }
}

async function evaluateJsonata(expression: string, scope: EvaluationScope): Promise<unknown> {
  let compiled;
  try {
    compiled = compileExpression(expression, FIELD);
  } catch (error) {
    throw new EvaluationError(`Not a JSONPath, intrinsic or JSONata expression: ${(error as Error).message}`);
  }
  try {
    const states = { input: scope.input, context: scope.context, ...scope.states };
    return await compiled({ input: states.input, states, variables: scope.variables });
  } catch (error) {
    throw asEvaluationError(error);
  }
}

function asEvaluationError(error: unknown): EvaluationError {
  if (error instanceof FieldError) return new EvaluationError(`${error.error}: ${error.detail}`);
  return new EvaluationError(error instanceof Error ? error.message : String(error));
}

/** A condition holds when its value is neither false, null, 0, "" nor missing (JavaScript's truthiness, as JSONata's boolean casting). */
export function holds(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}
