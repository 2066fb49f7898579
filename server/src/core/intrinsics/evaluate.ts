import { IntrinsicEvaluationError } from './errors';
import { argumentProblem, arity, coerceArgument, findIntrinsicFunction, FunctionFailure, parameterAt } from './functions';
import type { IntrinsicArgument, IntrinsicCall } from './parser';

/**
 * AWS fails the state with this error when an intrinsic fails, not the specification's States.IntrinsicFailure
 * (test/conformance/decisions.md).
 */
export const INTRINSIC_RUNTIME_ERROR = 'States.Runtime';

/** Looks a path argument up in the state's context: undefined when the path matches nothing. */
export type PathResolver = (path: string) => unknown;

/**
 * Compiles a parsed call once (its function found, its arguments bound to their parameters) into an
 * evaluator; `resolvePath` evaluates a path argument in the state's context and returns undefined when the
 * path matches nothing (AWS then fails; an explicit null is a value). `resolvePath('$')` must return the
 * state's input: AWS quotes it in that error. Errors thrown by `resolvePath` propagate as they are.
 */
export function compileIntrinsic(call: IntrinsicCall): (resolvePath: PathResolver) => unknown {
  const evaluate = compileCall(call);
  return (resolvePath) => {
    try {
      return evaluate(resolvePath);
    } catch (error) {
      if (!(error instanceof FunctionFailure)) throw error;
      // AWS names the whole expression, even when a nested call failed, and says which function refused its arguments.
      const detail = error.invalidArgumentsOf ? `Invalid arguments in ${error.invalidArgumentsOf}: ${error.message}` : error.message;
      throw new IntrinsicEvaluationError(INTRINSIC_RUNTIME_ERROR, `The function '${sourceText(call)}' had the following error: ${detail}`);
    }
  };
}

/** Evaluates a parsed call once (compileIntrinsic, then its evaluator). */
export function evaluateIntrinsic(call: IntrinsicCall, resolvePath: PathResolver): unknown {
  return compileIntrinsic(call)(resolvePath);
}

/** Evaluates a call, failing with FunctionFailure (the validator also uses it to fold calls made only of literals). */
export function evaluateCall(call: IntrinsicCall, resolvePath: PathResolver): unknown {
  return compileCall(call)(resolvePath);
}

/**
 * A call's evaluator: the lookups and checks that depend on the call alone are made once, those that depend
 * on the values (unknown function and arity too, as AWS fails them when the state runs) on each evaluation.
 */
function compileCall(call: IntrinsicCall): (resolvePath: PathResolver) => unknown {
  const fn = findIntrinsicFunction(call.name);
  if (!fn) return () => { throw new FunctionFailure(`The function ${call.name} is not supported`); };
  const { min, max } = arity(fn);
  if (call.args.length < min || call.args.length > max) {
    const problem = arityProblem(call.name, min, max, call.args.length);
    return () => { throw new FunctionFailure(problem); };
  }
  const args = call.args.map((argument, index) => ({ evaluate: compileArgument(argument), parameter: parameterAt(fn, index)! }));
  return (resolvePath) => {
    const values = new Array<unknown>(args.length);
    for (let i = 0; i < args.length; i++) {
      const { evaluate, parameter } = args[i];
      const value = evaluate(resolvePath);
      const problem = argumentProblem(parameter, value);
      if (problem) throw new FunctionFailure(problem, call.name);
      values[i] = coerceArgument(parameter, value);
    }
    try {
      return fn.evaluate(values as never, call);
    } catch (error) {
      if (error instanceof FunctionFailure && !error.invalidArgumentsOf) throw new FunctionFailure(error.message, call.name);
      throw error;
    }
  };
}

function compileArgument(argument: IntrinsicArgument): (resolvePath: PathResolver) => unknown {
  switch (argument.kind) {
    case 'literal': {
      const value = argument.value;
      return () => value;
    }
    case 'call':
      return compileCall(argument.call);
    case 'path': {
      const path = argument.path;
      // A context path is reported rewritten against the context object ($$.a -> $.a), yet with the state input.
      const reported = path.startsWith('$$') ? path.slice(1) : path;
      return (resolvePath) => {
        const value = resolvePath(path);
        if (value === undefined) {
          throw new FunctionFailure(`The JsonPath argument for the field '${reported}' could not be found in the input '${JSON.stringify(resolvePath('$'))}'`);
        }
        return value;
      };
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
