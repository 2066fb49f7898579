// Intrinsic function calls (`States.Format(...)`) in `.$` values and Fail's paths, through the
// intrinsics module the interpreter runs: syntax, unknown functions, arity, literal argument
// types; then the syntax of their path arguments and the variables those read.
import { checkIntrinsic, intrinsicSignatures, IntrinsicArgument, IntrinsicCall, IntrinsicSyntaxError, looksLikeIntrinsic, parseIntrinsic } from '../intrinsics';
import type { ValidationContext } from './context';
import type { StateInfo } from './definitionIndex';
import { checkJsonPath, variableOfPath } from './jsonPathSyntax';
import { closestMatch } from './suggest';
import type { JsonPath } from './types';

const AWS = 'SCHEMA_VALIDATION_FAILED';
const FUNCTION_NAMES = intrinsicSignatures.map(({ name }) => name);

export function looksLikeIntrinsicCall(text: string): boolean {
  return looksLikeIntrinsic(text);
}

function pathArguments(call: IntrinsicCall): Extract<IntrinsicArgument, { kind: 'path' }>[] {
  return call.args.flatMap((argument) => {
    if (argument.kind === 'path') return [argument];
    return argument.kind === 'call' ? pathArguments(argument.call) : [];
  });
}

export function checkIntrinsicText(context: ValidationContext, state: StateInfo, text: string, path: JsonPath): void {
  let call: IntrinsicCall;
  try {
    call = parseIntrinsic(text);
  } catch (error) {
    if (!(error instanceof IntrinsicSyntaxError)) throw error;
    context.error(path, error.message, { aws: AWS, offset: error.offset, length: error.length });
    return;
  }
  for (const problem of checkIntrinsic(call)) {
    const name = /^Unknown intrinsic function '([^']+)'/.exec(problem.message)?.[1];
    const suggestion = name ? closestMatch(name, FUNCTION_NAMES) : undefined;
    const report = problem.severity === 'error' ? context.error : context.warning;
    report.call(context, path, `${problem.message}${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`, {
      aws: AWS, offset: problem.start, length: problem.end - problem.start, data: suggestion ? { suggestion } : undefined,
    });
  }
  for (const argument of pathArguments(call)) {
    const error = checkJsonPath(argument.path, false);
    if (error?.warning) context.warning(path, error.message, { offset: argument.start + error.offset, length: error.length });
    else if (error) {
      context.error(path, error.message, { aws: AWS, offset: argument.start + error.offset, length: error.length });
      continue;
    }
    const variable = variableOfPath(argument.path);
    if (variable) context.variableReads.push({ name: variable, state, path, offset: argument.start, length: variable.length + 1 });
  }
}
