// Rules on the fields of single states that a schema cannot say: fields that exclude each
// other, Wait's one duration, timeouts, Map modes, Fail, Credentials, Retry/Catch order, the
// query language of a state under a JSONata machine, and Task resources AWS does not know.
import { STATES_ERROR_NAMES } from '../errorNames';
import type { ValidationContext } from './context';
import { isObject, JsonObject, StateInfo } from './definitionIndex';
import { isJsonataExpression } from './schema';
import { closestMatch } from './suggest';
import { isPlaceholder } from './payloadTemplates';
import { parseTimestamp } from '../interpreter/timestamps';
import { reportUnrunnablePlaceholder } from './localRuns';

const AWS = 'SCHEMA_VALIDATION_FAILED';

/** Reports when more than one of `fields` is present in the state (or in its object at `within`). */
function atMostOne(context: ValidationContext, state: StateInfo, fields: string[], within?: string[]): void {
  let owner: unknown = state.value;
  for (const key of within ?? []) owner = isObject(owner) ? owner[key] : undefined;
  if (!isObject(owner)) return;
  // Counted first: nearly every state has at most one, and then nothing is built.
  let count = 0;
  for (const field of fields) if (field in owner) count++;
  if (count < 2) return;
  const present = fields.filter((field) => field in owner);
  const at = [...state.path, ...within ?? []];
  for (const field of present.slice(1)) {
    context.error([...at, field], `Only one of ${fields.map((name) => `'${name}'`).join(', ')} can be present`, { aws: AWS, part: 'key', at });
  }
}

function checkQueryLanguage(context: ValidationContext, state: StateInfo): void {
  if (context.index.queryLanguage === 'JSONata' && state.value.QueryLanguage === 'JSONPath') {
    context.error([...state.path, 'QueryLanguage'], "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", { aws: AWS, at: state.path });
  }
}

function checkWait(context: ValidationContext, state: StateInfo): void {
  const fields = ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'];
  if (!fields.some((field) => field in state.value)) {
    context.error(state.path, `A Wait state needs exactly one of ${fields.map((name) => `'${name}'`).join(', ')}`, { aws: AWS, part: 'key' });
  }
  atMostOne(context, state, fields);
  const timestamp = state.value.Timestamp;
  if (isPlaceholder(timestamp) && state.queryLanguage === 'JSONPath') reportUnrunnablePlaceholder(context, [...state.path, 'Timestamp'], 'a timestamp');
  if (typeof timestamp === 'string' && !isPlaceholder(timestamp) && !(state.queryLanguage === 'JSONata' && isJsonataExpression(timestamp))
    && parseTimestamp(timestamp) === undefined) {
    context.error([...state.path, 'Timestamp'], 'String does not match RFC3339 timestamp', { aws: AWS });
  }
}

function checkTask(context: ValidationContext, state: StateInfo): void {
  atMostOne(context, state, ['TimeoutSeconds', 'TimeoutSecondsPath']);
  atMostOne(context, state, ['HeartbeatSeconds', 'HeartbeatSecondsPath']);
  const { TimeoutSeconds: timeout, HeartbeatSeconds: heartbeat } = state.value;
  if (typeof timeout === 'number' && typeof heartbeat === 'number' && heartbeat >= timeout) {
    context.error([...state.path, 'HeartbeatSeconds'], `HeartbeatSeconds (${heartbeat}) must be smaller than TimeoutSeconds (${timeout})`, { aws: AWS });
  }
  const credentials = state.value.Credentials;
  if (isObject(credentials) && !('RoleArn' in credentials) && !('RoleArn.$' in credentials)) {
    context.error([...state.path, 'Credentials'], "The field 'RoleArn' is required but was missing", { aws: AWS });
  }
  checkResource(context, state);
}

// Optimized integrations whose complete list of actions is known; other services (and every
// aws-sdk integration) are not second-guessed.
const INTEGRATION_ACTIONS: Record<string, readonly string[]> = {
  dynamodb: ['getItem', 'putItem', 'updateItem', 'deleteItem'],
  lambda: ['invoke'],
  sns: ['publish'],
  sqs: ['sendMessage'],
  events: ['putEvents'],
  states: ['startExecution'],
  http: ['invoke'],
};
const ACTIVITY = /^arn:[^:]+:states:[^:]*:[^:]*:activity:/;
const INTEGRATION = /^arn:[^:]+:states:::([^:.]+):([^.]+)((?:\.[A-Za-z]+(?::\d+)?)?)$/;

/** Whether the state runs in an EXPRESS execution: the machine's type, or a Distributed Map's EXPRESS child executions. */
function runsAsExpress(context: ValidationContext, state: StateInfo): boolean {
  if (context.options.machineType === 'EXPRESS') return true;
  for (let machine = state.machine; machine.owner; machine = machine.owner.machine) {
    const config = machine.distributed ? (machine.value.ProcessorConfig as JsonObject) : undefined;
    if (config?.ExecutionType === 'EXPRESS') return true;
  }
  return false;
}

function checkResource(context: ValidationContext, state: StateInfo): void {
  const resource = state.value.Resource;
  if (typeof resource !== 'string' || isPlaceholder(resource)) return;
  const path = [...state.path, 'Resource'];
  const notRecognized = `The resource provided ${resource} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.`;
  if (!resource.startsWith('arn:')) {
    context.error(path, notRecognized, { aws: AWS });
    return;
  }
  if (runsAsExpress(context, state) && ACTIVITY.test(resource)) {
    // The Developer Guide (choosing a workflow type): Express Workflows do not support activities.
    context.error(path, 'Express state machine does not support Activities', { aws: AWS });
    return;
  }
  const match = INTEGRATION.exec(resource);
  if (!match) return;
  const [, service, action, suffix] = match;
  const actions = Object.hasOwn(INTEGRATION_ACTIONS, service) ? INTEGRATION_ACTIONS[service] : undefined;
  if (actions && !actions.includes(action)) {
    const suggestion = closestMatch(action, actions);
    // The issue locates `service:action`, which the suggestion replaces.
    const span = { offset: resource.indexOf(':::') + 3, length: service.length + 1 + action.length };
    context.error(path, `${notRecognized}${suggestion ? ` (did you mean '${service}:${suggestion}'?)` : ''}`, {
      aws: AWS, ...span, data: suggestion ? { suggestion: `${service}:${suggestion}` } : undefined,
    });
    return;
  }
  if (runsAsExpress(context, state) && (suffix === '.waitForTaskToken' || suffix.startsWith('.sync'))) {
    // AWS's message ends with a space.
    context.error(path, `Express state machine does not support '${suffix}' service integration `, { aws: AWS });
  }
}

/** The Distributed Map page: a Label has up to 40 characters, none of them whitespace, brackets, wildcards, these specials or control characters. */
const MAX_LABEL_LENGTH = 40;
const LABEL_FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;

function checkLabel(context: ValidationContext, state: StateInfo): void {
  const label = state.value.Label;
  if (typeof label !== 'string' || isPlaceholder(label)) return;
  if ([...label].length > MAX_LABEL_LENGTH) {
    context.error([...state.path, 'Label'], `The Label can have at most ${MAX_LABEL_LENGTH} characters`, { aws: AWS });
  } else if (LABEL_FORBIDDEN.test(label)) {
    context.error([...state.path, 'Label'], `The Label cannot contain '${LABEL_FORBIDDEN.exec(label)![0]}': whitespace, brackets, wildcards, control characters and " # % \\ ^ | ~ \` $ & , ; : / are not allowed`, { aws: AWS });
  }
}

function checkMap(context: ValidationContext, state: StateInfo): void {
  const { value, path } = state;
  checkLabel(context, state);
  if (!('ItemProcessor' in value) && !('Iterator' in value)) {
    context.error(path, "The field 'ItemProcessor' is required but was missing", { aws: AWS, part: 'key' });
  }
  atMostOne(context, state, ['ItemProcessor', 'Iterator']);
  atMostOne(context, state, ['ItemSelector', 'Parameters']);
  atMostOne(context, state, ['MaxConcurrency', 'MaxConcurrencyPath']);
  atMostOne(context, state, ['ToleratedFailurePercentage', 'ToleratedFailurePercentagePath']);
  atMostOne(context, state, ['ToleratedFailureCount', 'ToleratedFailureCountPath']);
  const processor = value.ItemProcessor;
  const distributed = isObject(processor) && isObject(processor.ProcessorConfig) && processor.ProcessorConfig.Mode === 'DISTRIBUTED';
  if (distributed) {
    const config = (processor as JsonObject).ProcessorConfig as JsonObject;
    if (!('ExecutionType' in config)) {
      context.error([...path, 'ItemProcessor', 'ProcessorConfig'], "The field 'ExecutionType' is required but was missing", { aws: AWS, part: 'key' });
    }
    checkItemReader(context, state);
    checkItemBatcher(context, state);
    checkResultWriter(context, state);
    return;
  }
  // AWS accepts ToleratedFailure* on inline Maps too (recorded executions do it): only these three are refused.
  for (const field of ['ItemReader', 'ItemBatcher', 'ResultWriter']) {
    if (field in value) {
      context.error([...path, field], `Field '${field}' is only supported when the ItemProcessor's ProcessorConfig Mode is DISTRIBUTED`, { aws: AWS, part: 'key', at: path });
    }
  }
}

/** The integrations a distributed Map reads its items with, and writes its results with (completion offers them). */
export const READER_RESOURCES = ['arn:aws:states:::s3:getObject', 'arn:aws:states:::s3:listObjectsV2'];
export const WRITER_RESOURCE = 'arn:aws:states:::s3:putObject';
/** ReaderConfig.InputType with ManifestType ATHENA_DATA: MANIFEST (the data files' names tell their format) or their format. */
const ATHENA_INPUT_TYPES = ['MANIFEST', 'CSV', 'JSONL', 'PARQUET'];

/** ItemReader and its ReaderConfig: the resource, and the combinations of fields the Developer Guide allows. */
function checkItemReader(context: ValidationContext, state: StateInfo): void {
  const reader = state.value.ItemReader;
  if (!isObject(reader)) return;
  const at = [...state.path, 'ItemReader'];
  const resource = reader.Resource;
  if (!('Resource' in reader)) context.error(at, "The field 'Resource' is required but was missing", { aws: AWS, part: 'key' });
  else if (typeof resource === 'string' && !isPlaceholder(resource) && !READER_RESOURCES.includes(resource.replace(/^arn:[^:]+:/, 'arn:aws:'))) {
    context.error([...at, 'Resource'], `The ItemReader's Resource must be one of: ${READER_RESOURCES.join(', ')}`, { aws: AWS });
  }
  atMostOne(context, state, ['MaxItems', 'MaxItemsPath'], ['ItemReader', 'ReaderConfig']);
  const config = reader.ReaderConfig;
  if (!isObject(config)) return;
  const configAt = [...at, 'ReaderConfig'];
  const inputType = config.InputType;
  const only = (field: string, condition: boolean, what: string) => {
    if (field in config && !condition) context.error([...configAt, field], `The field '${field}' is only supported ${what}`, { aws: AWS, part: 'key', at: configAt });
  };
  only('CSVHeaderLocation', inputType === 'CSV', "when 'InputType' is CSV");
  only('CSVDelimiter', inputType === 'CSV', "when 'InputType' is CSV");
  only('CSVHeaders', config.CSVHeaderLocation === 'GIVEN', "when 'CSVHeaderLocation' is GIVEN");
  only('ItemsPointer', inputType === 'JSON', "when 'InputType' is JSON");
  const listing = typeof resource === 'string' && resource.endsWith(':s3:listObjectsV2');
  only('Transformation', listing, 'with the s3:listObjectsV2 resource');
  if (config.CSVHeaderLocation === 'GIVEN' && !('CSVHeaders' in config)) {
    context.error(configAt, "The field 'CSVHeaders' is required but was missing", { aws: AWS, part: 'key' });
  }
  if (config.Transformation === 'LOAD_AND_FLATTEN' && !('InputType' in config)) {
    context.error(configAt, "The field 'InputType' is required but was missing", { aws: AWS, part: 'key' });
  }
  if (config.ManifestType === 'ATHENA_DATA' && typeof inputType === 'string' && !ATHENA_INPUT_TYPES.includes(inputType)) {
    context.error([...configAt, 'InputType'], `With 'ManifestType' ATHENA_DATA, 'InputType' must be one of: ${ATHENA_INPUT_TYPES.join(', ')}`, { aws: AWS });
  }
  if (config.ManifestType === 'S3_INVENTORY' && inputType !== undefined && inputType !== 'MANIFEST') {
    context.error([...configAt, 'InputType'], "With 'ManifestType' S3_INVENTORY, 'InputType' must be MANIFEST", { aws: AWS });
  }
}

/** ItemBatcher: a batch needs a limit, and each limit is given once. */
function checkItemBatcher(context: ValidationContext, state: StateInfo): void {
  const batcher = state.value.ItemBatcher;
  if (!isObject(batcher)) return;
  const at = [...state.path, 'ItemBatcher'];
  const limits = ['MaxItemsPerBatch', 'MaxItemsPerBatchPath', 'MaxInputBytesPerBatch', 'MaxInputBytesPerBatchPath'];
  if (!limits.some((field) => field in batcher)) {
    context.error(at, `An ItemBatcher needs at least one of ${limits.map((name) => `'${name}'`).join(', ')}`, { aws: AWS, part: 'key' });
  }
  atMostOne(context, state, ['MaxItemsPerBatch', 'MaxItemsPerBatchPath'], ['ItemBatcher']);
  atMostOne(context, state, ['MaxInputBytesPerBatch', 'MaxInputBytesPerBatchPath'], ['ItemBatcher']);
}

/** ResultWriter: an export names s3:putObject and where to write; without one, only a WriterConfig (the transformed result). */
function checkResultWriter(context: ValidationContext, state: StateInfo): void {
  const writer = state.value.ResultWriter;
  if (!isObject(writer)) return;
  const at = [...state.path, 'ResultWriter'];
  const resource = writer.Resource;
  const target = state.queryLanguage === 'JSONata' ? 'Arguments' : 'Parameters';
  if (resource === undefined) {
    if (!('WriterConfig' in writer)) context.error(at, "The field 'Resource' is required but was missing", { aws: AWS, part: 'key' });
    if (target in writer) context.error([...at, target], `The field '${target}' needs 'Resource'`, { aws: AWS, part: 'key', at });
    const config = writer.WriterConfig;
    if (isObject(config) && 'OutputType' in config) {
      context.error([...at, 'WriterConfig', 'OutputType'], "The field 'OutputType' is only supported when the results are exported ('Resource')", { aws: AWS, part: 'key', at });
    }
    return;
  }
  if (typeof resource === 'string' && !isPlaceholder(resource) && resource.replace(/^arn:[^:]+:/, 'arn:aws:') !== WRITER_RESOURCE) {
    context.error([...at, 'Resource'], `The ResultWriter's Resource must be ${WRITER_RESOURCE}`, { aws: AWS });
  }
  if (!(target in writer)) context.error(at, `The field '${target}' is required but was missing`, { aws: AWS, part: 'key' });
}

function checkFail(context: ValidationContext, state: StateInfo): void {
  atMostOne(context, state, ['Error', 'ErrorPath']);
  atMostOne(context, state, ['Cause', 'CausePath']);
}


/** `raised`: error names the definition's own Fail states raise, which may look like AWS's. */
function checkErrorHandlers(context: ValidationContext, state: StateInfo, field: 'Retry' | 'Catch', raised: Set<string>): void {
  const handlers = state.value[field];
  if (!Array.isArray(handlers)) return;
  handlers.forEach((handler, i) => {
    if (!isObject(handler) || !Array.isArray(handler.ErrorEquals)) return;
    const errors = handler.ErrorEquals;
    errors.forEach((name, j) => {
      if (typeof name !== 'string') return;
      if (name === 'States.ALL') {
        if (errors.length > 1) context.error(errorNamePath(state, field, i, j), "'States.ALL' must appear alone in ErrorEquals", { aws: AWS });
        if (i < handlers.length - 1) context.error(errorNamePath(state, field, i, j), `The ${field === 'Retry' ? 'retrier' : 'catcher'} with 'States.ALL' must be the last one`, { aws: AWS });
      } else if (name.startsWith('States.') && !STATES_ERROR_NAMES.includes(name) && !raised.has(name)) {
        const suggestion = closestMatch(name, STATES_ERROR_NAMES);
        context.warning(errorNamePath(state, field, i, j), `'${name}' is not an error Step Functions raises${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`, { data: suggestion ? { suggestion } : undefined });
      }
    });
  });
}

/** The path of an error name in a retrier's or catcher's ErrorEquals, built only for a report (most names are fine). */
function errorNamePath(state: StateInfo, field: string, handler: number, index: number): (string | number)[] {
  return [...state.path, field, handler, 'ErrorEquals', index];
}

export function checkStateRules(context: ValidationContext): void {
  const raised = new Set(context.index.states.flatMap((state) => (state.type === 'Fail' && typeof state.value.Error === 'string' ? [state.value.Error] : [])));
  for (const state of context.index.states) {
    checkQueryLanguage(context, state);
    switch (state.type) {
      case 'Wait': checkWait(context, state); break;
      case 'Task': checkTask(context, state); break;
      case 'Map': checkMap(context, state); break;
      case 'Fail': checkFail(context, state); break;
    }
    checkErrorHandlers(context, state, 'Retry', raised);
    checkErrorHandlers(context, state, 'Catch', raised);
  }
}
