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
