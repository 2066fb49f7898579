// Errors raised while a state runs, named and worded as AWS names and words them.

/** An error a state can fail with: `error` is the AWS error name, `cause` its text. */
export class StatesError extends Error {
  /** Set once the failure has been recorded as an EvaluationFailed event. */
  evaluationRecorded = false;
  /** The field a failed JSONata evaluation was written in (EvaluationFailed's `location`). */
  location?: string;
  constructor(readonly error: string, readonly cause?: string, readonly evaluation = false) {
    super(cause ? `${error}: ${cause}` : error);
  }
}

/** The prefix AWS puts before runtime error causes. */
export function statePrefix(stateName: string, enteredEventId: number): string {
  return `An error occurred while executing the state '${stateName}' (entered at the event id #${enteredEventId}). `;
}

/**
 * An error found while evaluating a state's fields; the state adds the AWS prefix
 * ("An error occurred while executing the state ...") when it reports it.
 */
export class FieldError extends Error {
  constructor(readonly error: string, readonly detail: string, readonly location?: string) {
    super(detail);
  }
}

export const runtimeError = (detail: string): FieldError => new FieldError('States.Runtime', detail);
export const queryError = (detail: string, location?: string): FieldError => new FieldError('States.QueryEvaluationError', detail, location);

/** Raised inside branches and iterations when the execution or an enclosing Map/Parallel was stopped. */
export class AbortedError extends Error {
  constructor() { super('aborted'); }
}

/** A definition the interpreter cannot run, located by a JSON path into the definition (e.g. "/States/A/Next"). */
export class DefinitionError extends Error {
  constructor(readonly path: string, message: string) {
    super(`${message} at ${path || '/'}`);
    this.detail = message;
  }
  readonly detail: string;
}
