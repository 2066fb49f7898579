import { IntrinsicEvaluationError } from './errors';
import { argumentProblem, arity, coerceArgument, findIntrinsicFunction, FunctionFailure, parameterAt } from './functions';
import type { IntrinsicArgument, IntrinsicCall } from './parser';

/**
 * AWS fails the state with this error when an intrinsic fails, not the specification's States.IntrinsicFailure
 * (test/conformance/decisions.md).
 */
export const INTRINSIC_RUNTIME_ERROR = 'States.Runtime';

/**
 * Evaluates a parsed call; `resolvePath` evaluates a path argument in the state's context and returns
 * undefined when the path matches nothing (AWS then fails; an explicit null is a value). `resolvePath('$')`
 * must return the state's input: AWS quotes it in that error. Errors thrown by `resolvePath` propagate as they are.
 */
export function evaluateIntrinsic(call: IntrinsicCall, resolvePath: (path: string) => unknown): unknown {
  try {
    return evaluateCall(call, resolvePath);
  } catch (error) {
    if (!(error instanceof FunctionFailure)) throw error;
    // AWS names the whole expression, even when a nested call failed, and says which function refused its arguments.
    const detail = error.invalidArgumentsOf ? `Invalid arguments in ${error.invalidArgumentsOf}: ${error.message}` : error.message;
    throw new IntrinsicEvaluationError(INTRINSIC_RUNTIME_ERROR, `The function '${sourceText(call)}' had the following error: ${detail}`);
  }
}

/** Evaluates a call, failing with FunctionFailure (the validator also uses it to fold calls made only of literals). */
export function evaluateCall(call: IntrinsicCall, resolvePath: (path: string) => unknown): unknown {
  const fn = findIntrinsicFunction(call.name);
  if (!fn) throw new FunctionFailure(`The function ${call.name} is not supported`);
  const { min, max } = arity(fn);
  if (call.args.length < min || call.args.length > max) {
    throw new FunctionFailure(arityProblem(call.name, min, max, call.args.length));
  }
  const values = call.args.map((argument, index) => {
    const value = evaluateArgument(argument, resolvePath);
    const parameter = parameterAt(fn, index)!;
    const problem = argumentProblem(parameter, value);
    if (problem) throw new FunctionFailure(problem, call.name);
    return coerceArgument(parameter, value);
  });
  try {
    return fn.evaluate(values as never, call);
  } catch (error) {
    if (error instanceof FunctionFailure && !error.invalidArgumentsOf) throw new FunctionFailure(error.message, call.name);
    throw error;
  }
}

function evaluateArgument(argument: IntrinsicArgument, resolvePath: (path: string) => unknown): unknown {
  switch (argument.kind) {
    case 'literal':
      return argument.value;
    case 'call':
      return evaluateCall(argument.call, resolvePath);
    case 'path': {
      const value = resolvePath(argument.path);
      if (value === undefined) {
        // A context path is reported rewritten against the context object ($$.a -> $.a), yet with the state input.
        const reported = argument.path.startsWith('$$') ? argument.path.slice(1) : argument.path;
        throw new FunctionFailure(
          `The JsonPath argument for the field '${reported}' could not be found in the input '${JSON.stringify(resolvePath('$'))}'`,
        );
      }
      return value;
    }
  }
}

export function arityProblem(name: string, min: number, max: number, given: number): string {
  const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
  return `${name} takes ${expected} argument${max === 1 || (min === 1 && max === Infinity) ? '' : 's'}, but ${given} ${given === 1 ? 'was' : 'were'} given`;
}

/** The call as written, or re-printed when it was not parsed from text. */
function sourceText(call: IntrinsicCall): string {
  if (call.source !== undefined) return call.source.slice(call.start, call.end);
  return `${call.name}(${call.args.map(printArgument).join(', ')})`;
}

function printArgument(argument: IntrinsicArgument): string {
  if (argument.kind === 'path') return argument.path;
  if (argument.kind === 'call') return sourceText(argument.call);
  const { value } = argument;
  return typeof value === 'string' ? `'${value.replace(/['{}\\]/g, (c) => `\\${c}`)}'` : String(value);
}
