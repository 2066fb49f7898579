// The errors of the Step Functions API as AWS returns them: HTTP 400 with `{"__type", "message"}`,
// the error names of the API model and AWS's wording of their messages.

export class ApiError extends Error {
  constructor(readonly type: string, message: string, readonly status = 400) {
    super(message);
  }
}

/** A member the model requires is missing (AWS's wording of the constraint). */
export function missingMember(member: string): ApiError {
  return new ApiError('ValidationException', `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
}

export const invalidArn = (detail: string) => new ApiError('InvalidArn', `Invalid Arn: '${detail}'`);
export const stateMachineDoesNotExist = (arn: string) => new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
export const executionDoesNotExist = (arn: string) => new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
export const activityDoesNotExist = (arn: string) => new ApiError('ActivityDoesNotExist', `Activity Does Not Exist: '${arn}'`);
export const resourceNotFound = (arn: string) => new ApiError('ResourceNotFound', `Resource not found: '${arn}'`);
export const invalidToken = (detail: string) => new ApiError('InvalidToken', `Invalid Token: '${detail}'`);

/** A string member of a request: AWS's errors when it is missing and required, or not a string. */
export function text(input: Record<string, unknown>, member: string, required: true): string;
export function text(input: Record<string, unknown>, member: string, required?: false): string | undefined;
export function text(input: Record<string, unknown>, member: string, required = false): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) {
    if (required) throw missingMember(member);
    return undefined;
  }
  if (typeof value !== 'string') throw new ApiError('SerializationException', `Expected a string for '${member}'`);
  return value;
}

/** The error an answer gives as text (`TaskDoesNotExist: Task Does Not Exist`), as the API returns it again. */
export function apiErrorOf(problem: string): ApiError {
  const [, type, message] = /^(\w+): ([\s\S]*)$/.exec(problem) ?? [undefined, 'InternalFailure', problem];
  return new ApiError(type, message);
}
