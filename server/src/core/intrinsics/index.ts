// Intrinsic functions of JSONPath states (`States.Format(...)` and the 17 others): parser, static checks and
// evaluator with AWS's results and errors. Parse once at compile time, evaluate many times.
import { intrinsicFunctions } from './functions';

export { IntrinsicEvaluationError, IntrinsicSyntaxError } from './errors';
export { looksLikeIntrinsic, parseIntrinsic, type IntrinsicArgument, type IntrinsicCall } from './parser';
export { checkIntrinsic, MAX_NESTED_CALLS, type IntrinsicProblem } from './check';
export { compileIntrinsic, evaluateIntrinsic, INTRINSIC_RUNTIME_ERROR } from './evaluate';
export { MAX_ARRAY_RANGE_ITEMS, MAX_STRING_ARGUMENT_LENGTH } from './functions';
export { HASH_ALGORITHMS } from './values';

/** For completion and hover: every function with its parameters and a one-line description. */
export const intrinsicSignatures: readonly { name: string; parameters: string[]; returns: string; description: string }[] =
  intrinsicFunctions.map((fn) => ({
    name: fn.name,
    parameters: fn.parameters.map((parameter, index) => {
      const repeated = fn.variadic && index === fn.parameters.length - 1 ? '...' : '';
      const optional = fn.optionalFrom !== undefined && index >= fn.optionalFrom && !repeated ? '?' : '';
      return `${repeated}${parameter.name}${optional}: ${parameter.type}`;
    }),
    returns: fn.returns,
    description: fn.description,
  }));
