/** A malformed intrinsic call, located in the source string (offset and length in UTF-16 units). */
export class IntrinsicSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly length: number,
  ) {
    super(message);
    this.name = 'IntrinsicSyntaxError';
  }
}

/**
 * A failed evaluation, as AWS reports it. `error` is AWS's error name; `cause` is the text AWS reports
 * AFTER its state prefix. The interpreter must prepend exactly
 *   "An error occurred while executing the state '<state name>' (entered at the event id #<id of the
 *    state's Entered event>). "
 * (note the single space after the period) to obtain AWS's full cause, e.g.
 *   "An error occurred while executing the state 'Pick' (entered at the event id #2). The function
 *    'States.Format('{}', $.nope)' had the following error: The JsonPath argument for the field '$.nope'
 *    could not be found in the input '{\"other\":1}'"
 */
export class IntrinsicEvaluationError extends Error {
  constructor(
    readonly error: string,
    readonly cause: string,
  ) {
    super(cause);
    this.name = 'IntrinsicEvaluationError';
  }
}
