// Serves, in a hybrid run, the Tasks no mock or handler covers by calling the real service with the
// AWS SDK for JavaScript v3: results and error names as Step Functions gives them for that
// integration, so that Retry and Catch behave as on AWS. Credentials come from the SDK's default
// chain only; none is read, stored or logged here.
import type { TaskInvocation, TaskOutcome, TaskResolver } from '../../core/interpreter/api';
import type { CallAwsOptions } from '../../protocol';
import { awsClients } from './clientsBundle';
import { awsCallOf, awsErrorName, pascal, type AwsCall, type ShippedService } from './integrations';

export interface SdkClient {
  send(command: unknown, options?: unknown): Promise<Record<string, any>>;
  destroy(): void;
}

export interface SdkModule {
  client: new (config: Record<string, unknown>) => SdkClient;
  /** The service's base exception: an error of exactly this class is one its model does not name. */
  serviceException: new (...args: any[]) => Error;
  commands: Record<string, new (input: unknown) => { middlewareStack: { add(middleware: unknown, options: unknown): void } }>;
}

/** The shipped clients, loaded on the first call: a run that calls nothing does not load them. */
export function sdkModule(service: ShippedService): SdkModule {
  const { module, client, serviceException } = awsClients().clients[service];
  return { client, serviceException, commands: module } as unknown as SdkModule;
}

/** A client of the service as the run's options configure it: its endpoint, the region when the SDK finds none. */
export function newClient(module: SdkModule, service: ShippedService, options: CallAwsOptions, region?: string): SdkClient {
  const endpoint = options.endpoints?.[service];
  // S3 stand-ins (s3rver) serve buckets in the path, not as host names.
  return new module.client({ region: region ?? options.region, ...(endpoint ? { endpoint, ...(service === 's3' ? { forcePathStyle: true } : {}) } : {}) });
}

/** Waits for the answer a worker sends with a `.waitForTaskToken` Task's token (the API server's workers); heartbeats restart HeartbeatSeconds. */
export interface TaskTokens {
  wait(taskToken: string, invocation: TaskInvocation): Promise<TaskOutcome>;
}

/** `tokens`: where workers answer task tokens; without it, `.waitForTaskToken` Tasks are not called. */
export function awsResolver(options: CallAwsOptions = {}, tokens?: TaskTokens): TaskResolver {
  const callOf = (resource: string) => awsCallOf(resource, tokens !== undefined);
  const clients = new Map<string, SdkClient>();
  const clientFor = (module: SdkModule, service: ShippedService, region: string | undefined) => {
    const key = `${service} ${region ?? ''}`;
    let client = clients.get(key);
    if (!client) {
      client = newClient(module, service, options, region);
      clients.set(key, client);
    }
    return client;
  };
  return {
    // A `.sync` or `.waitForTaskToken` Task waits for the work it started as long as its TimeoutSeconds allows, as on AWS.
    external: (invocation) => {
      const call = callOf(invocation.resource);
      return !('unsupported' in call) && (call.sync !== undefined || call.waitsForToken === true);
    },
    answerer: 'The call to AWS',
    async resolve(invocation: TaskInvocation): Promise<TaskOutcome | undefined> {
      const call = callOf(invocation.resource);
      if ('unsupported' in call) return undefined;
      const module = sdkModule(call.service);
      const Command = module.commands[`${call.action}Command`];
      if (typeof Command !== 'function') {
        return { error: 'States.Runtime', cause: `The ${call.service} client has no action ${call.action} (resource ${invocation.resource})` };
      }
      invocation.onWork?.(`A call to AWS: ${invocation.resource}`);
      const command = new Command(requestOf(call, invocation.resource, invocation.input));
      const headers: Record<string, string> = {};
      command.middlewareStack.add((next: (args: unknown) => Promise<{ response: { headers?: Record<string, string> } }>) => async (args: unknown) => {
        const result = await next(args);
        Object.assign(headers, result.response?.headers ?? {});
        return result;
      }, { step: 'deserialize', name: 'aslWorkbenchHeaders' });
      const client = clientFor(module, call.service, regionOf(invocation.resource));
      let output: Record<string, any>;
      try {
        output = await client.send(command, { abortSignal: invocation.signal });
        if (call.sync) return await executionEnded(client, module, output.executionArn, call.sync, invocation.signal);
      } catch (error) {
        return errorOutcome(call, module, error);
      }
      // The message is out with the token; the Task ends when a worker answers.
      if (call.waitsForToken && tokens && invocation.taskToken) return tokens.wait(invocation.taskToken, invocation);
      return resultOf(call, output, headers);
    },
  };
}

/** How often a `.sync` Task asks whether the execution it started has ended. */
const SYNC_POLL_MS = 500;

/**
 * Waits for the execution a `.sync` StartExecution started, and gives what Step Functions gives: its
 * DescribeExecution (Input and Output as JSON text for `.sync`, as JSON for `.sync:2`); when it did
 * not succeed, States.TaskFailed with that description, its Error and Cause included, as the cause.
 * Stopping the Task stops the execution, as Step Functions does.
 */
async function executionEnded(client: SdkClient, module: SdkModule, executionArn: string, sync: 'sync' | 'sync:2', signal: AbortSignal): Promise<TaskOutcome> {
  const stop = () => void client.send(new module.commands.StopExecutionCommand({ executionArn })).catch(() => undefined);
  signal.addEventListener('abort', stop, { once: true });
  try {
    for (;;) {
      const described = await client.send(new module.commands.DescribeExecutionCommand({ executionArn }), { abortSignal: signal });
      if (described.status !== 'RUNNING' && described.status !== 'PENDING_REDRIVE') return syncOutcome(described, sync);
      await new Promise((resolve) => setTimeout(resolve, SYNC_POLL_MS));
    }
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

function syncOutcome(described: Record<string, any>, sync: 'sync' | 'sync:2'): TaskOutcome {
  const text = (value: string | undefined) => (sync === 'sync:2' && value !== undefined ? parseJsonOr(value) : value);
  const time = (date: Date | undefined) => date?.getTime();
  // The fields and order Step Functions gives (alphabetical), dates in epoch milliseconds.
  const description = jsonValue({
    Cause: described.cause, Error: described.error,
    ExecutionArn: described.executionArn, Input: text(described.input), InputDetails: described.inputDetails && { Included: described.inputDetails.included },
    Name: described.name, Output: text(described.output), OutputDetails: described.outputDetails && { Included: described.outputDetails.included },
    StartDate: time(described.startDate), StateMachineArn: described.stateMachineArn, Status: described.status, StopDate: time(described.stopDate),
  }) as Record<string, unknown>;
  if (described.status === 'SUCCEEDED') return { result: description };
  return { error: 'States.TaskFailed', cause: JSON.stringify(description) };
}

/** The region a Lambda ARN names; other resources use the SDK's. */
function regionOf(resource: string): string | undefined {
  return /^arn:aws[\w-]*:lambda:([\w-]+):/.exec(resource)?.[1];
}

/** The SDK request: the Task's input, its Lambda payload as bytes. */
function requestOf(call: AwsCall, resource: string, input: unknown): unknown {
  const bytes = (payload: unknown) => new TextEncoder().encode(typeof payload === 'string' ? payload : JSON.stringify(payload));
  // A Lambda ARN as the resource: the Task's input is the event.
  if (call.kind === 'lambdaArn') return { FunctionName: resource, Payload: bytes(input) };
  if (call.service === 'lambda' && call.action === 'Invoke' && isObject(input) && input.Payload !== undefined) return { ...input, Payload: bytes(input.Payload) };
  // The optimized integrations take as JSON what the API takes as text: SQS's MessageBody, SNS's Message, StartExecution's Input.
  const textField = call.kind === 'optimized' ? JSON_TEXT_FIELDS[call.service] : undefined;
  const request = textField && isObject(input) && input[textField] !== undefined && typeof input[textField] !== 'string'
    ? (({ [textField]: value, ...rest }) => (value === null ? rest : { ...rest, [textField]: JSON.stringify(value) }))(input)
    : input;
  if (call.service === 'sfn') return renameKeys(request, (key) => key.charAt(0).toLowerCase() + key.slice(1));
  return request;
}

const JSON_TEXT_FIELDS: Partial<Record<ShippedService, string>> = { sqs: 'MessageBody', sns: 'Message', sfn: 'Input' };

/**
 * The Step Functions API names its members in camelCase; Step Functions' integrations, in PascalCase
 * (StateMachineArn). Renames every key of a request or a response.
 */
function renameKeys(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => renameKeys(item, rename));
  if (!isObject(value) || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [rename(key), renameKeys(item, rename)]));
}

async function resultOf(call: AwsCall, output: Record<string, any>, headers: Record<string, string>): Promise<TaskOutcome> {
  const { $metadata, ...response } = output;
  const fields = call.service === 'sfn' ? renameKeys(response, pascal) as Record<string, any> : response;
  // The optimized integration gives StartExecution's StartDate in epoch milliseconds.
  if (call.service === 'sfn' && call.kind === 'optimized' && fields.StartDate instanceof Date) fields.StartDate = fields.StartDate.getTime();
  if (call.service === 'lambda' && call.action === 'Invoke') {
    const text = fields.Payload === undefined ? '' : new TextDecoder().decode(fields.Payload);
    const payload = text === '' ? null : parseJsonOr(text);
    // A function's own error fails the Task with its errorType, its payload the cause (Lambda.Unknown when it gives none).
    if (fields.FunctionError) {
      const errorType = isObject(payload) && typeof payload.errorType === 'string' ? payload.errorType : 'Lambda.Unknown';
      return { error: errorType, cause: text };
    }
    if (call.kind === 'lambdaArn') return { result: payload };
    fields.Payload = payload;
  }
  for (const [key, value] of Object.entries(fields)) {
    // S3 GetObject's body: Step Functions gives it as text.
    if (value && typeof (value as { transformToString?: unknown }).transformToString === 'function') fields[key] = await (value as { transformToString(): Promise<string> }).transformToString();
  }
  if (call.service === 'eventbridge' && call.kind === 'optimized' && fields.FailedEntryCount > 0) {
    return { error: 'EventBridge.FailedEntry', cause: JSON.stringify(fields) };
  }
  if (call.kind !== 'optimized' || call.service === 'eventbridge') return { result: jsonValue(fields) };
  return {
    result: jsonValue({
      ...fields,
      SdkHttpMetadata: { AllHttpHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])), HttpHeaders: headers, HttpStatusCode: $metadata?.httpStatusCode ?? 200 },
      SdkResponseMetadata: { RequestId: $metadata?.requestId ?? '' },
    }),
  };
}

/** A service error as Step Functions reports it for the integration. */
function errorOutcome(call: AwsCall, module: SdkModule, error: unknown): TaskOutcome {
  if (!(error instanceof Error)) return { error: call.unmodeledError, cause: String(error) };
  if (error.name === 'AbortError') return { error: 'States.Runtime', cause: 'The call to AWS was stopped.' };
  const serviceError = error as Error & { $metadata?: { httpStatusCode?: number; requestId?: string }; $fault?: string };
  if (!(serviceError instanceof module.serviceException)) {
    // No answer from the service (no credentials, no network): nothing the service named.
    return { error: call.unmodeledError, cause: `${error.name}: ${error.message}` };
  }
  const modeled = Object.getPrototypeOf(error) !== module.serviceException.prototype;
  const status = serviceError.$metadata?.httpStatusCode ?? 400;
  const requestId = serviceError.$metadata?.requestId ?? '';
  const cause = call.kind === 'sdk'
    ? `${error.message} (Service: ${call.causeService}, Status Code: ${status}, Request ID: ${requestId})`
    : `${error.message} (Service: ${call.causeService}; Status Code: ${status}; Error Code: ${error.name}; Request ID: ${requestId}; Proxy: null)`;
  return { error: awsErrorName(call, error.name, modeled), cause };
}

function parseJsonOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** As JSON carries it: dates as ISO text, byte arrays as base64. */
function jsonValue(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v)));
}

function isObject(value: unknown): value is Record<string, any> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}
