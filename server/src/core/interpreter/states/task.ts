// Task: asks the execution's task resolvers (mocks, local handlers, ...) for the result of the
// resource, recording the history events of its kind (Lambda function, activity, service integration).
import { NOT_TRUNCATED } from '../state';
import { randomUUID } from '../../crypto';
import { compileCatch, compileRetry, Io, jsonataField, located, readPathNumber, StatesError, json } from '../state';
import { compileTemplate, compileValuePath } from '../payload';
import { AbortedError, runtimeError } from '../errors';
import { LONGEST_TIMEOUT_MS } from '../clock';
import { unexpectedType } from '../jsonata';
import { compileTransition, StateCompiler } from './common';
import type { StateContext } from '../engine';
import type { Cancellation } from '../cancellation';
import type { ExecutionHost, TaskInvocation, TaskOutcome } from '../api';

/** How AWS records a resource in history: Lambda functions and activities have their own event families. */
export type ResourceKind =
  | { family: 'LambdaFunction' }
  | { family: 'Activity' }
  | { family: 'Task'; resourceType: string; resource: string; pattern: 'request-response' | 'sync' | 'callback' };

export function resourceKind(resource: string): ResourceKind {
  if (/^arn:[^:]+:lambda:[^:]*:[^:]*:function:/.test(resource)) return { family: 'LambdaFunction' };
  if (/^arn:[^:]+:states:[^:]*:[^:]*:activity:/.test(resource)) return { family: 'Activity' };
  const service = /^arn:[^:]+:states:::(.+)$/.exec(resource);
  if (service) {
    const suffix = /(\.waitForTaskToken|\.sync(?::\d+)?)$/.exec(service[1])?.[0] ?? '';
    const parts = service[1].slice(0, service[1].length - suffix.length).split(':');
    const action = parts.pop()! + suffix;
    const pattern = suffix === '.waitForTaskToken' ? 'callback' : suffix ? 'sync' : 'request-response';
    return { family: 'Task', resourceType: parts.join(':'), resource: action, pattern };
  }
  return { family: 'Task', resourceType: 'local', resource, pattern: 'request-response' };
}

/** AWS's default task timeout (99999999 seconds) when none is given. */
const DEFAULT_TIMEOUT_SECONDS = 99999999;

type Seconds = (ctx: StateContext, input: unknown) => Promise<number | undefined> | number | undefined;

function compileSeconds(def: Record<string, unknown>, at: string, field: 'TimeoutSeconds' | 'HeartbeatSeconds', language: string): { literal?: number; read?: Seconds } {
  const value = def[field];
  const pathValue = def[`${field}Path`];
  if (language === 'JSONata' && typeof value === 'string') {
    const expression = jsonataField(value, at, field)!;
    return {
      read: async (ctx) => {
        const seconds = await expression(ctx.jsonataScope());
        if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds <= 0) throw unexpectedType(value, field, 'integer', seconds);
        return seconds;
      },
    };
  }
  if (value !== undefined) return { literal: value as number };
  if (pathValue !== undefined) {
    const path = located(`${at}/${field}Path`, () => compileValuePath((pathValue as string)));
    return {
      read: (ctx, input) => {
        const seconds = readPathNumber(ctx.pathScope(input), path);
        if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds <= 0) {
          throw runtimeError(`The ${field}Path parameter does not reference a positive integer: ${path.text} == ${JSON.stringify(seconds)}`);
        }
        return seconds;
      },
    };
  }
  return {};
}

export const compileTask: StateCompiler = (name, def, scope) => {
  const at = scope.at;
  const { next } = compileTransition(def);
  const resource = def.Resource as string;
  const kind = resourceKind(resource);
  const io = new Io(def, at, scope.language, { parameters: 'Parameters', resultSelector: true, resultPath: true, arguments: true });
  const timeout = compileSeconds(def, at, 'TimeoutSeconds', scope.language);
  const heartbeat = compileSeconds(def, at, 'HeartbeatSeconds', scope.language);
  const credentials = def.Credentials !== undefined && scope.language === 'JSONPath'
    ? located(`${at}/Credentials`, () => compileTemplate(def.Credentials, `${at}/Credentials`)) : undefined;
  const retriers = compileRetry(def.Retry);
  const catchers = compileCatch(def.Catch, at, scope.language);

  return {
    name, type: 'Task', language: scope.language, retriers, catchers, retryable: true,
    async execute(ctx, input) {
      if (kind.family === 'Task' && kind.pattern !== 'request-response') ctx.taskToken ??= randomUUID();
      const selected = scope.language === 'JSONata' ? input : io.selectInput(ctx, input);
      const timeoutSeconds = timeout.literal ?? (timeout.read ? await timeout.read(ctx, selected) : undefined);
      const heartbeatSeconds = heartbeat.literal ?? (heartbeat.read ? await heartbeat.read(ctx, selected) : undefined);
      const effective = scope.language === 'JSONata' ? await io.effectiveInput(ctx, input) : io.applyParameters(ctx, selected);
      credentials?.(ctx.pathScope(selected));
      const outcome = await invoke(ctx, resource, kind, effective, timeoutSeconds, heartbeatSeconds, timeout.literal, heartbeat.literal);
      return { ...(await io.finish(ctx, input, outcome)), next };
    },
  };
};

async function invoke(
  ctx: StateContext, resource: string, kind: ResourceKind, input: unknown,
  timeoutSeconds: number | undefined, heartbeatSeconds: number | undefined,
  literalTimeout: number | undefined, literalHeartbeat: number | undefined,
): Promise<unknown> {
  const family = kind.family;
  const service = kind.family === 'Task' ? { resourceType: kind.resourceType, resource: kind.resource } : undefined;
  const inputText = json(input);
  if (family === 'LambdaFunction') {
    ctx.record('LambdaFunctionScheduled', {
      lambdaFunctionScheduledEventDetails: { resource, input: inputText, inputDetails: NOT_TRUNCATED, ...(literalTimeout ? { timeoutInSeconds: literalTimeout } : {}) },
    });
    ctx.record('LambdaFunctionStarted');
  } else if (family === 'Activity') {
    ctx.record('ActivityScheduled', {
      activityScheduledEventDetails: { resource, input: inputText, inputDetails: NOT_TRUNCATED, ...(literalTimeout ? { timeoutInSeconds: literalTimeout } : {}), ...(literalHeartbeat ? { heartbeatInSeconds: literalHeartbeat } : {}) },
    });
    ctx.record('ActivityStarted', { activityStartedEventDetails: { workerName: 'asl-workbench' } });
  } else {
    ctx.record('TaskScheduled', {
      taskScheduledEventDetails: {
        ...service, region: 'us-east-1', parameters: inputText,
        ...(literalTimeout ? { timeoutInSeconds: literalTimeout } : {}), ...(literalHeartbeat ? { heartbeatInSeconds: literalHeartbeat } : {}),
      },
    });
    ctx.record('TaskStarted', { taskStartedEventDetails: { ...service } });
  }
  // Only workers that could send heartbeats (activities, callbacks) are bound by HeartbeatSeconds.
  const heartbeatBound = family === 'Activity' || (kind.family === 'Task' && kind.pattern === 'callback') ? heartbeatSeconds : undefined;
  const outcome = await resolve(ctx, resource, input, { timeout: timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS, heartbeat: heartbeatBound });
  const lower = family === 'LambdaFunction' ? 'lambdaFunction' : family === 'Activity' ? 'activity' : 'task';
  if ('result' in outcome) {
    if (kind.family === 'Task' && kind.pattern !== 'request-response') {
      ctx.record('TaskSubmitted', { taskSubmittedEventDetails: { ...service, output: '{}', outputDetails: NOT_TRUNCATED } });
    }
    ctx.record(`${family}Succeeded`, { [`${lower}SucceededEventDetails`]: { ...service, output: json(outcome.result), outputDetails: NOT_TRUNCATED } });
    return outcome.result;
  }
  if (kind.family === 'Task' && kind.pattern !== 'request-response') {
    ctx.record('TaskSubmitted', { taskSubmittedEventDetails: { ...service, output: '{}', outputDetails: NOT_TRUNCATED } });
  }
  const timedOut = outcome.error === 'States.Timeout' || outcome.error === 'States.HeartbeatTimeout';
  const details = { ...service, ...(outcome.error !== undefined ? { error: outcome.error } : {}), ...(outcome.cause !== undefined ? { cause: outcome.cause } : {}) };
  ctx.record(`${family}${timedOut ? 'TimedOut' : 'Failed'}`, { [`${lower}${timedOut ? 'TimedOut' : 'Failed'}EventDetails`]: details });
  throw new StatesError(outcome.error, outcome.cause);
}

/** Asks the resolvers in order; the first that answers decides. */
async function resolve(ctx: StateContext, resource: string, input: unknown, limits: Pick<Limits, 'timeout' | 'heartbeat'>): Promise<TaskOutcome> {
  const runtime = ctx.runtime;
  const stateName = ctx.state.name;
  const attempt = runtime.invocations.get(stateName) ?? 0;
  runtime.invocations.set(stateName, attempt + 1);
  const onStateWork = runtime.onStateWork;
  const invocation: TaskInvocation = {
    stateName, resource, input, attempt, taskToken: ctx.taskToken, signal: ctx.frame.cancellation.signal, heartbeatSeconds: limits.heartbeat,
    onWork: onStateWork && ((detail) => onStateWork({ stateName, enteredEventId: ctx.enteredEventId, detail, handler: true })),
  };
  for (const resolver of runtime.resolvers) {
    const answer = resolver.resolve(invocation);
    const external = typeof resolver.external === 'function' ? resolver.external(invocation) : resolver.external;
    const outcome = answer instanceof Promise
      ? await runtime.clock.runExternal(() => settle(answer, external
        ? { timeout: limits.timeout, handler: Infinity, stateName }
        : { ...limits, handler: runtime.handlerTimeoutSeconds, stateName, answerer: resolver.answerer }, ctx.frame.cancellation))
      : answer;
    if (outcome) return outcome;
  }
  // A failure of the Task as AWS records one (its failed event, then the execution's), not caught: nothing to serve it is a setup error.
  return { error: 'States.Runtime', cause: unservedTaskCause(stateName, resource, runtime.stateMachineName, runtime.host) };
}

/** Why an unserved Task failed, and how to serve it where the execution runs (CLI flags, or what VS Code offers). */
export function unservedTaskCause(stateName: string, resource: string, stateMachineName: string, host: ExecutionHost): string {
  const mock = `("StateMachines": {"${stateMachineName}": {"TestCases": {"<case>": {"${stateName}": "<mock>"}}}}, "MockedResponses": {"<mock>": {"0": {"Return": ...}}})`;
  const howTo = host === 'cli'
    ? `Mock it in a MockConfigFile ${mock} and run with --mock-config FILE --test-case <case>, ` +
      'or map the resource to a local handler module with --handlers FILE.'
    : host === 'api'
    ? `Mock it in a MockConfigFile ${mock} given to serve --mock-config FILE, and start the execution with the state machine ARN ` +
      'suffixed by #<case>; or map the resource to a local handler module with serve --handlers FILE.'
    : `In the run form, click "Add mock" beside it, or choose a test case of a MockConfigFile that mocks it ${mock}: ` +
      `${stateMachineName}.mock.json beside the definition, or the file of the aslWorkbench.mockConfigFile setting. ` +
      'Or map the resource to a local handler module in the aslWorkbench.localHandlers setting.';
  return `No result for the Task state '${stateName}' (resource ${resource}): nothing serves it. ${howTo}`;
}

/** The task's TimeoutSeconds and HeartbeatSeconds, and the handler timeout (real seconds) with who answers. */
interface Limits { timeout: number; heartbeat?: number; handler: number; stateName: string; answerer?: string }

/** Waits for a resolver's answer, up to the first limit (real time) or until the state is aborted. */
function settle<T>(work: Promise<T>, limits: Limits, cancellation: Cancellation): Promise<T | TaskOutcome> {
  return new Promise((resolve, reject) => {
    // A local worker sends no heartbeats: it times out at whichever limit comes first.
    const heartbeatFirst = limits.heartbeat !== undefined && limits.heartbeat < limits.timeout;
    const taskSeconds = heartbeatFirst ? limits.heartbeat! : limits.timeout;
    const handlerFirst = limits.handler < taskSeconds;
    const seconds = handlerFirst ? limits.handler : taskSeconds;
    const timedOut: TaskOutcome = handlerFirst
      ? { error: 'States.Timeout', cause: `${limits.answerer ?? 'The local handler'} of the state '${limits.stateName}' did not answer within ${limits.handler} s (the handler timeout: --handler-timeout on the command line, aslWorkbench.handlerTimeoutSeconds in VS Code).` }
      : { error: heartbeatFirst ? 'States.HeartbeatTimeout' : 'States.Timeout' };
    const timer = seconds * 1000 <= LONGEST_TIMEOUT_MS ? setTimeout(() => done(() => resolve(timedOut)), seconds * 1000) : undefined;
    const onCancel = () => done(() => reject(new AbortedError()));
    const done = (finish: () => void) => {
      clearTimeout(timer);
      stopListening?.();
      finish();
    };
    if (cancellation.cancelled) return onCancel();
    const stopListening = cancellation.onCancel(onCancel);
    work.then((value) => done(() => resolve(value)), (error) => done(() => reject(error)));
  });
}
