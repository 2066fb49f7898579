// What the editor knows about ASL fields: which ones each state type (and each nested
// object: machine, branch, retrier, catcher, choice rule, ...) accepts in each query
// language, with a line of documentation. Completion offers from it, hover explains from it.

export type QueryLanguage = 'JSONPath' | 'JSONata';

export interface FieldInfo {
  name: string;
  doc: string;
  /** Only valid in this query language; both when absent. */
  only?: QueryLanguage;
  /** Allowed values, offered on completion. */
  values?: readonly (string | boolean)[];
  /** Value shape inserted with the key. */
  kind: 'string' | 'number' | 'boolean' | 'object' | 'array' | 'any';
}

function field(name: string, kind: FieldInfo['kind'], doc: string, extra: Partial<FieldInfo> = {}): FieldInfo {
  return { name, kind, doc, ...extra };
}

export const STATE_TYPES = ['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'] as const;
export type StateType = (typeof STATE_TYPES)[number];

export const STATE_TYPE_DOCS: Record<StateType, string> = {
  Task: 'Performs work: invokes an AWS service integration, a Lambda function, an activity or an HTTPS endpoint named by `Resource`.',
  Pass: 'Passes its input to its output, optionally injecting fixed data (`Result` / `Output`). Useful to shape data and to stub work.',
  Choice: 'Branches: evaluates `Choices` rules in order and transitions to the `Next` of the first that matches, else to `Default`.',
  Wait: 'Delays the execution for `Seconds` or until `Timestamp` before going on.',
  Succeed: 'Stops the execution (or the branch / iteration) successfully. A terminal state.',
  Fail: 'Stops the execution with an `Error` and a `Cause`. A terminal state.',
  Parallel: 'Runs each of its `Branches` (each a state machine) at the same time; its output is the array of the branches\' outputs.',
  Map: 'Runs its `ItemProcessor` (a state machine) for each item of an array; its output is the array of results. `DISTRIBUTED` mode runs child executions at scale.',
};

const QUERY_LANGUAGES: readonly QueryLanguage[] = ['JSONPath', 'JSONata'];

const type = field('Type', 'string', 'The state\'s type.', { values: STATE_TYPES });
const comment = field('Comment', 'string', 'A human-readable description.');
const queryLanguage = field('QueryLanguage', 'string', 'The query language of this state: `JSONPath` (default) or `JSONata`. Overrides the machine\'s.', { values: QUERY_LANGUAGES });
const next = field('Next', 'string', 'The name of the state to run next (a state of the same machine).');
const end = field('End', 'boolean', 'Ends the execution (or the branch / iteration) after this state.', { values: [true] });
const assign = field('Assign', 'object', 'Variables to assign after the state runs; later states read them as `$name`.');
const inputPath = field('InputPath', 'string', 'A path selecting the part of the state input to use (default `$`).', { only: 'JSONPath' });
const outputPath = field('OutputPath', 'string', 'A path selecting the part of the state output passed on (default `$`).', { only: 'JSONPath' });
const parameters = field('Parameters', 'object', 'The input given to the resource; keys ending in `.$` take a path or an intrinsic function.', { only: 'JSONPath' });
const resultSelector = field('ResultSelector', 'object', 'Reshapes the result before `ResultPath` applies; keys ending in `.$` take a path.', { only: 'JSONPath' });
const resultPath = field('ResultPath', 'string', 'Where the result goes in the state input (`$` replaces it, `null` discards the result).', { only: 'JSONPath' });
const argumentsField = field('Arguments', 'object', 'The input given to the resource; strings in `{% %}` are JSONata.', { only: 'JSONata' });
const output = field('Output', 'any', 'The state output; strings in `{% %}` are JSONata (default `$states.result`).', { only: 'JSONata' });
const retry = field('Retry', 'array', 'Retriers: which errors to retry, how often and how long to wait.');
const catchField = field('Catch', 'array', 'Catchers: which errors to recover from and the state to go to.');
const timeoutSeconds = field('TimeoutSeconds', 'number', 'The longest the state may run before failing with `States.Timeout`.');
const heartbeatSeconds = field('HeartbeatSeconds', 'number', 'The longest between heartbeats before failing with `States.HeartbeatTimeout`; less than TimeoutSeconds.');

const common = [type, comment, queryLanguage];
const jsonPathIo = [inputPath, outputPath];

const STATE_FIELDS: Record<StateType, FieldInfo[]> = {
  Task: [
    ...common, next, end, assign, ...jsonPathIo, parameters, resultSelector, resultPath, argumentsField, output,
    field('Resource', 'string', 'The ARN of what the task runs: a service integration (`arn:aws:states:::...`), a Lambda function or an activity.'),
    timeoutSeconds,
    field('TimeoutSecondsPath', 'string', 'A path to the timeout in seconds in the state input.', { only: 'JSONPath' }),
    heartbeatSeconds,
    field('HeartbeatSecondsPath', 'string', 'A path to the heartbeat interval in seconds in the state input.', { only: 'JSONPath' }),
    field('Credentials', 'object', 'A role to assume for this task (`RoleArn`, or `RoleArn.$` with a path).'),
    retry, catchField,
  ],
  Pass: [
    ...common, next, end, assign, ...jsonPathIo, parameters, resultPath, output,
    field('Result', 'any', 'Fixed data to output (or to place at `ResultPath`).', { only: 'JSONPath' }),
  ],
  Choice: [
    ...common, assign, ...jsonPathIo, output,
    field('Choices', 'array', 'Rules evaluated in order; the first matching rule\'s `Next` is taken.'),
    field('Default', 'string', 'The state to go to when no rule matches (otherwise the execution fails with `States.NoChoiceMatched`).'),
  ],
  Wait: [
    ...common, next, end, assign, ...jsonPathIo, output,
    field('Seconds', 'number', 'How long to wait, in seconds.'),
    field('Timestamp', 'string', 'Wait until this time (RFC 3339, e.g. `2026-01-01T00:00:00Z`).'),
    field('SecondsPath', 'string', 'A path to the number of seconds in the state input.', { only: 'JSONPath' }),
    field('TimestampPath', 'string', 'A path to the timestamp in the state input.', { only: 'JSONPath' }),
  ],
  Succeed: [...common, ...jsonPathIo, output],
  Fail: [
    ...common,
    field('Error', 'string', 'The error name the execution fails with.'),
    field('Cause', 'string', 'A human-readable cause of the failure.'),
    field('ErrorPath', 'string', 'A path (or intrinsic) to the error name in the state input.', { only: 'JSONPath' }),
    field('CausePath', 'string', 'A path (or intrinsic) to the cause in the state input.', { only: 'JSONPath' }),
  ],
  Parallel: [
    ...common, next, end, assign, ...jsonPathIo, parameters, resultSelector, resultPath, argumentsField, output,
    field('Branches', 'array', 'The state machines to run in parallel, each with its own `StartAt` and `States`.'),
    retry, catchField,
  ],
  Map: [
    ...common, next, end, assign, ...jsonPathIo, resultSelector, resultPath, output,
    field('ItemProcessor', 'object', 'The state machine run for each item (`ProcessorConfig`, `StartAt`, `States`).'),
    field('Iterator', 'object', 'Legacy name of `ItemProcessor`.'),
    field('ItemsPath', 'string', 'A path to the array to iterate over (default `$`).', { only: 'JSONPath' }),
    field('Items', 'any', 'The array to iterate over, or a JSONata expression giving it.', { only: 'JSONata' }),
    field('ItemSelector', 'object', 'Reshapes each item before it is processed (`$$.Map.Item.Value` / `$states.context.Map.Item.Value`).'),
    field('Parameters', 'object', 'Legacy name of `ItemSelector`.', { only: 'JSONPath' }),
    field('MaxConcurrency', 'number', 'How many iterations run at once (0: as many as possible).'),
    field('MaxConcurrencyPath', 'string', 'A path to MaxConcurrency in the state input.', { only: 'JSONPath' }),
    field('ItemReader', 'object', 'Distributed Map: read the items from S3 (`Resource`, `ReaderConfig`, `Parameters`/`Arguments`).'),
    field('ItemBatcher', 'object', 'Distributed Map: group items into batches.'),
    field('ResultWriter', 'object', 'Distributed Map: write the results to S3.'),
    field('ToleratedFailurePercentage', 'number', 'Distributed Map: the percentage of failed items tolerated (0-100).'),
    field('ToleratedFailurePercentagePath', 'string', 'A path to ToleratedFailurePercentage.', { only: 'JSONPath' }),
    field('ToleratedFailureCount', 'number', 'Distributed Map: the number of failed items tolerated.'),
    field('ToleratedFailureCountPath', 'string', 'A path to ToleratedFailureCount.', { only: 'JSONPath' }),
    field('Label', 'string', 'Distributed Map: a label for the child executions (at most 40 characters).'),
    retry, catchField,
  ],
};

/** The objects of a definition that are not states, each with its own fields. */
export type ObjectKind = 'machine' | 'branch' | 'itemProcessor' | 'processorConfig' | 'retrier' | 'catcher' | 'choiceRule'
  | 'itemReader' | 'readerConfig' | 'itemBatcher' | 'resultWriter' | 'writerConfig' | 'credentials';

const startAt = field('StartAt', 'string', 'The name of the first state to run.');
const states = field('States', 'object', 'The states of this machine, by name.');
const errorEquals = field('ErrorEquals', 'array', 'The error names this handles (`States.ALL` matches any, alone and last).');
const resource = field('Resource', 'string', 'The ARN of the S3 integration used.');

export const COMPARISON_OPERATORS = [
  'StringEquals', 'StringEqualsPath', 'StringLessThan', 'StringLessThanPath', 'StringGreaterThan', 'StringGreaterThanPath',
  'StringLessThanEquals', 'StringLessThanEqualsPath', 'StringGreaterThanEquals', 'StringGreaterThanEqualsPath', 'StringMatches',
  'NumericEquals', 'NumericEqualsPath', 'NumericLessThan', 'NumericLessThanPath', 'NumericGreaterThan', 'NumericGreaterThanPath',
  'NumericLessThanEquals', 'NumericLessThanEqualsPath', 'NumericGreaterThanEquals', 'NumericGreaterThanEqualsPath',
  'BooleanEquals', 'BooleanEqualsPath',
  'TimestampEquals', 'TimestampEqualsPath', 'TimestampLessThan', 'TimestampLessThanPath', 'TimestampGreaterThan', 'TimestampGreaterThanPath',
  'TimestampLessThanEquals', 'TimestampLessThanEqualsPath', 'TimestampGreaterThanEquals', 'TimestampGreaterThanEqualsPath',
  'IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp',
] as const;

function comparisonField(name: string): FieldInfo {
  const path = name.endsWith('Path');
  const base = path ? name.slice(0, -'Path'.length) : name;
  const kind: FieldInfo['kind'] = path || base.startsWith('String') || base.startsWith('Timestamp') ? 'string'
    : base.startsWith('Numeric') ? 'number' : 'boolean';
  const doc = name.startsWith('Is') ? `Matches when the value at \`Variable\` ${name === 'IsPresent' ? 'exists' : `is ${name.slice(2).toLowerCase()}`} (true) or not (false).`
    : name === 'StringMatches' ? 'Matches when the string at `Variable` matches the pattern (`*` is a wildcard, `\\*` a literal star).'
      : `Compares the value at \`Variable\` with ${path ? 'the value at another path' : 'a literal'} (${base}).`;
  return field(name, kind, doc, { only: 'JSONPath', ...(kind === 'boolean' ? { values: [true, false] } : {}) });
}

const OBJECT_FIELDS: Record<ObjectKind, FieldInfo[]> = {
  machine: [
    comment, startAt, states,
    field('TimeoutSeconds', 'number', 'The longest the execution may run before failing with `States.Timeout`.'),
    field('Version', 'string', 'The ASL version (`1.0`).', { values: ['1.0'] }),
    field('QueryLanguage', 'string', 'The default query language of every state: `JSONPath` (default) or `JSONata`.', { values: QUERY_LANGUAGES }),
  ],
  branch: [comment, startAt, states],
  itemProcessor: [comment, startAt, states, field('ProcessorConfig', 'object', 'How iterations run: `Mode` (`INLINE` or `DISTRIBUTED`) and, when distributed, `ExecutionType`.')],
  processorConfig: [
    field('Mode', 'string', '`INLINE` runs iterations inside this execution; `DISTRIBUTED` runs child executions.', { values: ['INLINE', 'DISTRIBUTED'] }),
    field('ExecutionType', 'string', 'The type of the child executions of a Distributed Map.', { values: ['STANDARD', 'EXPRESS'] }),
  ],
  retrier: [
    errorEquals, comment,
    field('IntervalSeconds', 'number', 'Seconds before the first retry (default 1).'),
    field('MaxAttempts', 'number', 'The most retries (default 3; 0 never retries).'),
    field('BackoffRate', 'number', 'The multiplier of the interval at each retry (default 2.0, at least 1).'),
    field('MaxDelaySeconds', 'number', 'The cap on the interval between retries.'),
    field('JitterStrategy', 'string', '`FULL` randomizes the interval between 0 and its computed value; `NONE` (default) does not.', { values: ['FULL', 'NONE'] }),
  ],
  catcher: [
    errorEquals, comment, next, assign,
    field('ResultPath', 'string', 'Where the error output goes in the state input (default `$`).', { only: 'JSONPath' }),
    field('Output', 'any', 'The output passed to `Next`; `$states.errorOutput` is the error.', { only: 'JSONata' }),
  ],
  choiceRule: [
    field('Variable', 'string', 'The path to the value compared.', { only: 'JSONPath' }),
    ...COMPARISON_OPERATORS.map(comparisonField),
    field('And', 'array', 'Matches when every rule in the array matches.', { only: 'JSONPath' }),
    field('Or', 'array', 'Matches when any rule in the array matches.', { only: 'JSONPath' }),
    field('Not', 'object', 'Matches when the rule does not match.', { only: 'JSONPath' }),
    field('Condition', 'string', 'A JSONata expression (in `{% %}`) that must be true.', { only: 'JSONata' }),
    next, comment, assign,
    field('Output', 'any', 'The output when this rule matches.', { only: 'JSONata' }),
  ],
  itemReader: [
    resource,
    field('ReaderConfig', 'object', 'How to read: `InputType`, `CSVHeaderLocation`, `CSVHeaders`, `MaxItems`.'),
    field('Parameters', 'object', 'The S3 request (Bucket, Key or Prefix).', { only: 'JSONPath' }),
    field('Arguments', 'object', 'The S3 request (Bucket, Key or Prefix).', { only: 'JSONata' }),
  ],
  readerConfig: [
    field('InputType', 'string', 'The format of the items.', { values: ['CSV', 'JSON', 'JSONL', 'MANIFEST', 'PARQUET'] }),
    field('CSVHeaderLocation', 'string', 'Where the CSV column names come from.', { values: ['FIRST_ROW', 'GIVEN'] }),
    field('CSVHeaders', 'array', 'The CSV column names when CSVHeaderLocation is GIVEN.'),
    field('CSVDelimiter', 'string', 'The CSV field delimiter.', { values: ['COMMA', 'PIPE', 'SEMICOLON', 'SPACE', 'TAB'] }),
    field('MaxItems', 'number', 'The most items read.'),
    field('MaxItemsPath', 'string', 'A path to MaxItems.', { only: 'JSONPath' }),
  ],
  itemBatcher: [
    field('MaxItemsPerBatch', 'number', 'The most items in a batch.'),
    field('MaxItemsPerBatchPath', 'string', 'A path to MaxItemsPerBatch.', { only: 'JSONPath' }),
    field('MaxInputBytesPerBatch', 'number', 'The most bytes in a batch.'),
    field('MaxInputBytesPerBatchPath', 'string', 'A path to MaxInputBytesPerBatch.', { only: 'JSONPath' }),
    field('BatchInput', 'object', 'Fixed input added to every batch.'),
  ],
  resultWriter: [
    resource,
    field('WriterConfig', 'object', 'How results are written: `OutputType` and `Transformation`.'),
    field('Parameters', 'object', 'The S3 destination (Bucket, Prefix).', { only: 'JSONPath' }),
    field('Arguments', 'object', 'The S3 destination (Bucket, Prefix).', { only: 'JSONata' }),
  ],
  writerConfig: [
    field('OutputType', 'string', 'The format of the results.', { values: ['JSON', 'JSONL'] }),
    field('Transformation', 'string', 'What is written per item.', { values: ['NONE', 'COMPACT', 'FLATTEN'] }),
  ],
  credentials: [
    field('RoleArn', 'string', 'The ARN of the role the task assumes.'),
    field('RoleArn.$', 'string', 'A path to the ARN of the role the task assumes.', { only: 'JSONPath' }),
  ],
};

function inLanguage(fields: FieldInfo[], language: QueryLanguage): FieldInfo[] {
  return fields.filter((info) => !info.only || info.only === language);
}

/** The fields a state of `stateType` accepts in `language` (the common ones when the type is unknown). */
export function stateFields(stateType: string | undefined, language: QueryLanguage): FieldInfo[] {
  const fields = isStateType(stateType) ? STATE_FIELDS[stateType] : common;
  return inLanguage(fields, language);
}

export function objectFields(kind: ObjectKind, language: QueryLanguage): FieldInfo[] {
  return inLanguage(OBJECT_FIELDS[kind], language);
}

/** Any field of that name in that kind of object, whatever the language (for hover). */
export function findField(owner: StateType | ObjectKind | undefined, name: string): FieldInfo | undefined {
  if (owner === undefined) return common.find((info) => info.name === name);
  const fields = isStateType(owner) ? STATE_FIELDS[owner] : OBJECT_FIELDS[owner];
  return fields.find((info) => info.name === name);
}

export function isStateType(value: unknown): value is StateType {
  return typeof value === 'string' && (STATE_TYPES as readonly string[]).includes(value);
}

/** Error names Step Functions raises, offered for ErrorEquals. */
export const PREDEFINED_ERRORS: readonly { name: string; doc: string }[] = [
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
  { name: 'Lambda.ServiceException', doc: 'Lambda service error (transient); worth retrying.' },
  { name: 'Lambda.AWSLambdaException', doc: 'Lambda error (transient); worth retrying.' },
  { name: 'Lambda.SdkClientException', doc: 'Lambda client error (transient); worth retrying.' },
  { name: 'Lambda.TooManyRequestsException', doc: 'Lambda throttling; worth retrying.' },
];

/** `$states` in JSONata: what each member holds. */
export const STATES_VARIABLE_MEMBERS: readonly { name: string; doc: string }[] = [
  { name: 'input', doc: 'The state input.' },
  { name: 'result', doc: 'The result of the task, Parallel or Map (in Output and Assign).' },
  { name: 'errorOutput', doc: 'The error output (in a Catch\'s Output and Assign).' },
  { name: 'context', doc: 'The Context object: Execution, State, StateMachine, Task, Map.' },
];

/** The Context object (`$$` / `$states.context`): its members, by parent path. */
export const CONTEXT_OBJECT_MEMBERS: Record<string, readonly string[]> = {
  '': ['Execution', 'State', 'StateMachine', 'Task', 'Map'],
  Execution: ['Id', 'Input', 'Name', 'RoleArn', 'StartTime', 'RedriveCount', 'RedriveTime'],
  State: ['EnteredTime', 'Name', 'RetryCount'],
  StateMachine: ['Id', 'Name'],
  Task: ['Token'],
  Map: ['Item'],
  'Map.Item': ['Index', 'Value', 'Key', 'Source'],
};
