// What the editor knows about ASL fields: which ones each state type (and each nested
// object: machine, branch, retrier, catcher, choice rule, ...) accepts in each query
// language, taken from the validator's ASL schema, with a line of documentation each.
// Completion offers from it, hover explains from it.
import { STATES_ERRORS } from '../core/errorNames';
import { definitions, Schema, stateSchemas } from '../core/validation/aslSchema';
import { COMPARISON_OPERATORS } from '../core/choiceRules';
import type { QueryLanguage } from '../core/queryLanguage';

export type { QueryLanguage };

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

/** What each field means; the owner-specific entries below override these where a name means something else there. */
const FIELD_DOCS: Record<string, string> = {
  Type: 'The state\'s type.',
  Comment: 'A human-readable description.',
  QueryLanguage: 'The query language of this state: `JSONPath` (default) or `JSONata`. Overrides the machine\'s.',
  Next: 'The name of the state to run next (a state of the same machine).',
  End: 'Ends the execution (or the branch / iteration) after this state.',
  Assign: 'Variables to assign after the state runs; later states read them as `$name`.',
  InputPath: 'A path selecting the part of the state input to use (default `$`).',
  OutputPath: 'A path selecting the part of the state output passed on (default `$`).',
  Parameters: 'The input given to the resource; keys ending in `.$` take a path or an intrinsic function.',
  ResultSelector: 'Reshapes the result before `ResultPath` applies; keys ending in `.$` take a path.',
  ResultPath: 'Where the result goes in the state input (`$` replaces it, `null` discards the result).',
  Arguments: 'The input given to the resource; strings in `{% %}` are JSONata.',
  Output: 'The state output; strings in `{% %}` are JSONata (default `$states.result`).',
  Retry: 'Retriers: which errors to retry, how often and how long to wait.',
  Catch: 'Catchers: which errors to recover from and the state to go to.',
  Resource: 'The ARN of what the task runs: a service integration (`arn:aws:states:::...`), a Lambda function or an activity.',
  TimeoutSeconds: 'The longest the state may run before failing with `States.Timeout`.',
  TimeoutSecondsPath: 'A path to the timeout in seconds in the state input.',
  HeartbeatSeconds: 'The longest between heartbeats before failing with `States.HeartbeatTimeout`; less than TimeoutSeconds.',
  HeartbeatSecondsPath: 'A path to the heartbeat interval in seconds in the state input.',
  Credentials: 'A role to assume for this task (`RoleArn`, or `RoleArn.$` with a path).',
  Result: 'Fixed data to output (or to place at `ResultPath`).',
  Choices: 'Rules evaluated in order; the first matching rule\'s `Next` is taken.',
  Default: 'The state to go to when no rule matches (otherwise the execution fails with `States.NoChoiceMatched`).',
  Seconds: 'How long to wait, in seconds.',
  Timestamp: 'Wait until this time (RFC 3339, e.g. `2026-01-01T00:00:00Z`).',
  SecondsPath: 'A path to the number of seconds in the state input.',
  TimestampPath: 'A path to the timestamp in the state input.',
  Error: 'The error name the execution fails with.',
  Cause: 'A human-readable cause of the failure.',
  ErrorPath: 'A path (or intrinsic) to the error name in the state input.',
  CausePath: 'A path (or intrinsic) to the cause in the state input.',
  Branches: 'The state machines to run in parallel, each with its own `StartAt` and `States`.',
  ItemProcessor: 'The state machine run for each item (`ProcessorConfig`, `StartAt`, `States`).',
  Iterator: 'Legacy name of `ItemProcessor`.',
  ItemsPath: 'A path to the array to iterate over (default `$`).',
  Items: 'The array to iterate over, or a JSONata expression giving it.',
  ItemSelector: 'Reshapes each item before it is processed (`$$.Map.Item.Value` / `$states.context.Map.Item.Value`).',
  MaxConcurrency: 'How many iterations run at once (0: as many as possible).',
  MaxConcurrencyPath: 'A path to MaxConcurrency in the state input.',
  ItemReader: 'Distributed Map: read the items from S3 (`Resource`, `ReaderConfig`, `Parameters`/`Arguments`).',
  ItemBatcher: 'Distributed Map: group items into batches.',
  ResultWriter: 'Distributed Map: write the results to S3.',
  ToleratedFailurePercentage: 'Distributed Map: the percentage of failed items tolerated (0-100).',
  ToleratedFailurePercentagePath: 'A path to ToleratedFailurePercentage.',
  ToleratedFailureCount: 'Distributed Map: the number of failed items tolerated.',
  ToleratedFailureCountPath: 'A path to ToleratedFailureCount.',
  Label: 'Distributed Map: a label for the child executions (at most 40 characters).',
  StartAt: 'The name of the first state to run.',
  States: 'The states of this machine, by name.',
  Version: 'The ASL version (`1.0`).',
  ProcessorConfig: 'How iterations run: `Mode` (`INLINE` or `DISTRIBUTED`) and, when distributed, `ExecutionType`.',
  Mode: '`INLINE` runs iterations inside this execution; `DISTRIBUTED` runs child executions.',
  ExecutionType: 'The type of the child executions of a Distributed Map.',
  ErrorEquals: 'The error names this handles (`States.ALL` matches any, alone and last).',
  IntervalSeconds: 'Seconds before the first retry (default 1).',
  MaxAttempts: 'The most retries (default 3; 0 never retries).',
  BackoffRate: 'The multiplier of the interval at each retry (default 2.0, at least 1).',
  MaxDelaySeconds: 'The cap on the interval between retries.',
  JitterStrategy: '`FULL` randomizes the interval between 0 and its computed value; `NONE` (default) does not.',
  ReaderConfig: 'How to read: `InputType`, `CSVHeaderLocation`, `CSVHeaders`, `CSVDelimiter`, `ManifestType`, `Transformation`, `ItemsPointer`, `MaxItems`.',
  WriterConfig: 'How results are written: `OutputType` and `Transformation`.',
  MaxItemsPerBatch: 'The most items in a batch.',
  MaxItemsPerBatchPath: 'A path to MaxItemsPerBatch.',
  MaxInputBytesPerBatch: 'The most bytes in a batch.',
  MaxInputBytesPerBatchPath: 'A path to MaxInputBytesPerBatch.',
  BatchInput: 'Fixed input added to every batch.',
  RoleArn: 'The ARN of the role the task assumes.',
  'RoleArn.$': 'A path to the ARN of the role the task assumes.',
};

const OWNER_DOCS: Partial<Record<StateType | ObjectKind, Record<string, string>>> = {
  machine: {
    TimeoutSeconds: 'The longest the execution may run before failing with `States.Timeout`.',
    QueryLanguage: 'The default query language of every state: `JSONPath` (default) or `JSONata`.',
  },
  Map: { Parameters: 'Legacy name of `ItemSelector`.' },
  catcher: {
    ResultPath: 'Where the error output goes in the state input (default `$`).',
    Output: 'The output passed to `Next`; `$states.errorOutput` is the error.',
  },
  itemReader: { Resource: 'The ARN of the S3 integration that reads the items.', Parameters: 'The S3 request (Bucket, Key or Prefix).', Arguments: 'The S3 request (Bucket, Key or Prefix).' },
  resultWriter: { Resource: 'The ARN of the S3 integration that writes the results.', Parameters: 'The S3 destination (Bucket, Prefix).', Arguments: 'The S3 destination (Bucket, Prefix).' },
  choiceRule: { Output: 'The output when this rule matches.' },
};

/** The objects of a definition that are not states, each with its own fields. */
export type ObjectKind = 'machine' | 'branch' | 'itemProcessor' | 'processorConfig' | 'retrier' | 'catcher' | 'choiceRule'
  | 'itemReader' | 'readerConfig' | 'itemBatcher' | 'resultWriter' | 'writerConfig' | 'credentials';

/** Where each kind of object has its fields in the validator's ASL schema. */
function schemaOf(owner: StateType | ObjectKind): Schema | undefined {
  switch (owner) {
    case 'machine': case 'branch': case 'itemProcessor': case 'retrier': case 'catcher': case 'credentials':
      return definitions[owner];
    case 'processorConfig':
      return definitions.itemProcessor.properties?.ProcessorConfig;
    case 'itemReader': case 'itemBatcher': case 'resultWriter':
      return stateSchemas.Map.properties?.[owner.charAt(0).toUpperCase() + owner.slice(1)];
    case 'choiceRule': case 'readerConfig': case 'writerConfig':
      return undefined;
    default:
      return stateSchemas[owner];
  }
}

function kindOf(schema: Schema): FieldInfo['kind'] {
  const type = Array.isArray(schema.type) ? schema.type.find((candidate) => candidate !== 'null') : schema.type;
  if (schema.$ref) return schema.$ref === 'itemProcessor' || schema.$ref === 'credentials' ? 'object' : 'any';
  switch (type) {
    case 'string': case 'boolean': case 'object': case 'array': return type;
    case 'integer': case 'number': return 'number';
    default: return 'any';
  }
}

function fieldsFromSchema(owner: StateType | ObjectKind, schema: Schema): FieldInfo[] {
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const values = name === 'Type' ? STATE_TYPES : name === 'End' ? [true] : property.enum?.filter((value): value is string | boolean => typeof value !== 'number');
    return field(name, kindOf(property), OWNER_DOCS[owner]?.[name] ?? FIELD_DOCS[name] ?? '', {
      ...(property['x-queryLanguage'] ? { only: property['x-queryLanguage'] } : {}),
      ...(values?.length ? { values } : {}),
    });
  });
}


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

/** The objects the schema leaves open (choice rules have their own module in the validator; reader and writer configs are free-form there). */
const OWN_FIELDS: Partial<Record<ObjectKind, FieldInfo[]>> = {
  choiceRule: [
    field('Variable', 'string', 'The path to the value compared.', { only: 'JSONPath' }),
    ...COMPARISON_OPERATORS.map(comparisonField),
    field('And', 'array', 'Matches when every rule in the array matches.', { only: 'JSONPath' }),
    field('Or', 'array', 'Matches when any rule in the array matches.', { only: 'JSONPath' }),
    field('Not', 'object', 'Matches when the rule does not match.', { only: 'JSONPath' }),
    field('Condition', 'string', 'A JSONata expression (in `{% %}`) that must be true.', { only: 'JSONata' }),
    field('Next', 'string', FIELD_DOCS.Next),
    field('Comment', 'string', FIELD_DOCS.Comment),
    field('Assign', 'object', FIELD_DOCS.Assign),
    field('Output', 'any', OWNER_DOCS.choiceRule!.Output, { only: 'JSONata' }),
  ],
  readerConfig: [
    field('InputType', 'string', 'The format of the items.', { values: ['CSV', 'JSON', 'JSONL', 'MANIFEST', 'PARQUET'] }),
    field('CSVHeaderLocation', 'string', 'Where the CSV column names come from.', { values: ['FIRST_ROW', 'GIVEN'] }),
    field('CSVHeaders', 'array', 'The CSV column names when CSVHeaderLocation is GIVEN.'),
    field('CSVDelimiter', 'string', 'The CSV field delimiter.', { values: ['COMMA', 'PIPE', 'SEMICOLON', 'SPACE', 'TAB'] }),
    field('MaxItems', 'number', 'The most items read.'),
    field('MaxItemsPath', 'string', 'A path to MaxItems.', { only: 'JSONPath' }),
    field('ManifestType', 'string', 'The kind of manifest read: an Athena UNLOAD manifest or an S3 inventory.', { values: ['ATHENA_DATA', 'S3_INVENTORY'] }),
    field('Transformation', 'string', 'With s3:listObjectsV2, LOAD_AND_FLATTEN reads each listed object (by InputType) instead of listing it.', { values: ['NONE', 'LOAD_AND_FLATTEN'] }),
    field('ItemsPointer', 'string', 'With InputType JSON, the JSON Pointer (`/a/b`) of the array inside the object.'),
  ],
  writerConfig: [
    field('OutputType', 'string', 'The format of the results.', { values: ['JSON', 'JSONL'] }),
    field('Transformation', 'string', 'What is written per item.', { values: ['NONE', 'COMPACT', 'FLATTEN'] }),
  ],
};

const fieldCache = new Map<string, FieldInfo[]>();

/** Every field of that kind of object, whatever the language. */
function allFields(owner: StateType | ObjectKind): FieldInfo[] {
  let fields = fieldCache.get(owner);
  if (!fields) {
    const schema = schemaOf(owner);
    fields = schema ? fieldsFromSchema(owner, schema) : OWN_FIELDS[owner as ObjectKind] ?? [];
    fieldCache.set(owner, fields);
  }
  return fields;
}

function inLanguage(fields: FieldInfo[], language: QueryLanguage): FieldInfo[] {
  return fields.filter((info) => !info.only || info.only === language);
}

const COMMON_FIELDS = ['Type', 'Comment', 'QueryLanguage'];

/** The fields a state of `stateType` accepts in `language` (the common ones when the type is unknown). */
export function stateFields(stateType: string | undefined, language: QueryLanguage): FieldInfo[] {
  const fields = isStateType(stateType) ? allFields(stateType) : allFields('Pass').filter((info) => COMMON_FIELDS.includes(info.name));
  return inLanguage(fields, language);
}

export function objectFields(kind: ObjectKind, language: QueryLanguage): FieldInfo[] {
  return inLanguage(allFields(kind), language);
}

/** Any field of that name in that kind of object, whatever the language (for hover). */
export function findField(owner: StateType | ObjectKind | undefined, name: string): FieldInfo | undefined {
  return (owner === undefined ? stateFields(undefined, 'JSONPath') : allFields(owner)).find((info) => info.name === name);
}

export function isStateType(value: unknown): value is StateType {
  return typeof value === 'string' && (STATE_TYPES as readonly string[]).includes(value);
}

/** Error names Step Functions raises, offered for ErrorEquals: its own, and Lambda's transient ones worth retrying. */
export const PREDEFINED_ERRORS: readonly { name: string; doc: string }[] = [
  ...STATES_ERRORS,
  { name: 'Lambda.ServiceException', doc: 'Lambda service error (transient); worth retrying.' },
  { name: 'Lambda.AWSLambdaException', doc: 'Lambda error (transient); worth retrying.' },
  { name: 'Lambda.SdkClientException', doc: 'Lambda client error (transient); worth retrying.' },
  { name: 'Lambda.TooManyRequestsException', doc: 'Lambda throttling; worth retrying.' },
];

/** `$states` in JSONata: what each member holds (where each may be read is the validator's statesFieldsAt). */
export const STATES_MEMBER_DOCS: Readonly<Record<string, string>> = {
  input: 'The state input.',
  result: 'The result of the task, Parallel or Map (in Output and Assign).',
  errorOutput: 'The error output (in a Catch\'s Output and Assign).',
  context: 'The Context object: Execution, State, StateMachine, Task, Map.',
};

/** The Context object (`$$` / `$states.context`): its members, by parent path. */
export const CONTEXT_OBJECT_MEMBERS = new Map<string, readonly string[]>(Object.entries({
  '': ['Execution', 'State', 'StateMachine', 'Task', 'Map'],
  Execution: ['Id', 'Input', 'Name', 'RoleArn', 'StartTime', 'RedriveCount', 'RedriveTime'],
  State: ['EnteredTime', 'Name', 'RetryCount'],
  StateMachine: ['Id', 'Name'],
  Task: ['Token'],
  Map: ['Item'],
  'Map.Item': ['Index', 'Value', 'Key', 'Source'],
}));
