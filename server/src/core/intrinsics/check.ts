import { arityProblem, evaluateCall } from './evaluate';
import {
  argumentProblem,
  arity,
  findIntrinsicFunction,
  FunctionFailure,
  parameterAt,
  placeholderMismatch,
  templatePieces,
  type ArgumentType,
} from './functions';
import type { IntrinsicArgument, IntrinsicCall } from './parser';

export interface IntrinsicProblem {
  message: string;
  start: number;
  end: number;
  /**
   * 'warning' for a call of constants that will fail when it runs: AWS creates such a machine and fails
   * the execution, so the definition itself is not in error.
   */
  severity: 'error' | 'warning';
}

/** AWS accepts at most this many nested intrinsic calls in one field. */
export const MAX_NESTED_CALLS = 10;

/** Static checks for the validator: unknown function, arity, literal argument types. Empty when fine. */
export function checkIntrinsic(call: IntrinsicCall): IntrinsicProblem[] {
  const problems: IntrinsicProblem[] = [];
  checkCall(call, 1, problems);
  return problems;
}

function checkCall(call: IntrinsicCall, depth: number, problems: IntrinsicProblem[]): void {
  const nameRange = { start: call.start, end: call.start + call.name.length };
  const before = problems.length;
  if (depth === MAX_NESTED_CALLS + 1) {
    problems.push({ message: `Intrinsic functions can be nested at most ${MAX_NESTED_CALLS} deep`, ...nameRange, severity: 'error' });
  }
  for (const argument of call.args) {
    if (argument.kind === 'call') checkCall(argument.call, depth + 1, problems);
  }
  const fn = findIntrinsicFunction(call.name);
  if (!fn) {
    // The validator adds the closest name as a did-you-mean.
    problems.push({
      message: `Unknown intrinsic function '${call.name}'`,
      ...nameRange,
      severity: 'error',
    });
    return;
  }
  const { min, max } = arity(fn);
  if (call.args.length < min || call.args.length > max) {
    problems.push({ message: arityProblem(call.name, min, max, call.args.length), start: call.start, end: call.end, severity: 'error' });
    return;
  }
  call.args.forEach((argument, index) => {
    const problem = staticArgumentProblem(argument, parameterAt(fn, index)!);
    if (problem) problems.push({ message: `${call.name}: ${problem}`, start: argument.start, end: argument.end, severity: 'error' });
  });
  if (problems.length > before) return;
  const template = call.args[0];
  if (call.name === 'States.Format' && template.kind === 'literal') {
    const mismatch = placeholderMismatch(templatePieces(template.value as string, call), call.args.length - 1);
    if (mismatch) {
      problems.push({ message: `${call.name}: ${mismatch}`, start: call.start, end: call.end, severity: 'error' });
      return;
    }
  }
  if (call.args.every(isConstant)) {
    try {
      evaluateCall(call, () => undefined);
    } catch (error) {
      if (!(error instanceof FunctionFailure)) throw error;
      problems.push({ message: `${call.name} will fail when it runs: ${error.message}`, start: call.start, end: call.end, severity: 'warning' });
    }
  }
}

/** What is wrong with an argument known before run time: a literal's value, or a nested call's result type. */
function staticArgumentProblem(argument: IntrinsicArgument, parameter: Parameters<typeof argumentProblem>[0]): string | undefined {
  if (argument.kind === 'literal') return argumentProblem(parameter, argument.value);
  if (argument.kind === 'call') {
    const returns = findIntrinsicFunction(argument.call.name)?.returns as ArgumentType | undefined;
    if (returns && !compatible(returns, parameter.type)) {
      return `The argument '${parameter.name}' must be ${article(parameter.type)}, but ${argument.call.name} returns ${article(returns)}`;
    }
  }
  return undefined;
}

function compatible(returns: ArgumentType, expected: ArgumentType): boolean {
  return returns === 'any' || expected === 'any' || returns === expected;
}

function article(type: ArgumentType): string {
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

function isConstant(argument: IntrinsicArgument): boolean {
  return argument.kind === 'literal' || (argument.kind === 'call' && argument.call.args.every(isConstant));
}
