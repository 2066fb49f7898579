// The error names Step Functions itself raises (`States.*`), for the validator and the editing help.

export const STATES_ERRORS: readonly { name: string; doc: string }[] = [
  { name: 'States.ALL', doc: 'Matches any error name except States.DataLimitExceeded and States.Runtime. Must be alone and last.' },
  { name: 'States.TaskFailed', doc: 'Matches any error a task raises except States.Timeout.' },
  { name: 'States.Timeout', doc: 'A state ran longer than TimeoutSeconds or missed a heartbeat.' },
  { name: 'States.HeartbeatTimeout', doc: 'A task sent no heartbeat within HeartbeatSeconds.' },
  { name: 'States.Permissions', doc: 'The task lacked the privileges to run its resource.' },
  { name: 'States.ResultPathMatchFailure', doc: 'ResultPath cannot be applied to the state input.' },
  { name: 'States.ParameterPathFailure', doc: 'A path in Parameters does not match the input.' },
  { name: 'States.QueryEvaluationError', doc: 'A JSONata expression failed to evaluate.' },
  { name: 'States.BranchFailed', doc: 'A branch of a Parallel state failed.' },
  { name: 'States.NoChoiceMatched', doc: 'No Choice rule matched and there is no Default.' },
  { name: 'States.IntrinsicFailure', doc: 'An intrinsic function failed.' },
  { name: 'States.ExceedToleratedFailureThreshold', doc: 'A Distributed Map had more failed items than tolerated.' },
  { name: 'States.ItemReaderFailed', doc: 'A Distributed Map could not read its items.' },
  { name: 'States.ResultWriterFailed', doc: 'A Distributed Map could not write its results.' },
  { name: 'States.Runtime', doc: 'A runtime error (e.g. an invalid path); not retriable, not matched by States.ALL.' },
  { name: 'States.DataLimitExceeded', doc: 'An input, output or result exceeded 256 KiB; not matched by States.ALL.' },
  { name: 'States.Http.Socket', doc: 'An HTTP Task timed out or its connection failed.' },
];

export const STATES_ERROR_NAMES: readonly string[] = STATES_ERRORS.map(({ name }) => name);
