// What `run` and `run-cases` share: reading JSON files, building task resolvers, running one
// execution to its end while recording what each Task state received.
import * as fs from 'node:fs';
import { CompiledStateMachine, DefinitionError, ExecutionResult, StartOptions, StateMachineType, TaskResolver } from '../core/interpreter/index';
import { MockConfigFile, mockConfigResolver } from '../core/interpreter/tasks/mockConfig';
import { HandlerMap, localHandlerResolver } from '../core/interpreter/tasks/localHandlers';
import type { CallAwsOptions, MockSelection } from '../protocol';
import { SHIPPED_SERVICES } from '../execution/aws/integrations';

/** A usage or input problem: exit code 2 with a message. */
export class UsageError extends Error {}

/** A file's text; a UTF-8 byte order mark is skipped, as editors skip it. */
export function readTextFile(file: string, what: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the ${what} ${file}: ${(error as Error).message}`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function readJsonFile(file: string, what: string): unknown {
  const text = readTextFile(file, what);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`the ${what} ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/** An ISO 8601 date-time with its zone (`2024-05-01T12:00:00Z`), as epoch milliseconds. */
export function parseStartTime(text: string): number {
  const millis = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(millis)) throw new UsageError(`the start time '${text}' is not an ISO 8601 date-time with a zone, such as 2024-05-01T12:00:00Z`);
  return millis;
}

export interface Sources {
  mockConfig?: MockConfigFile;
  stateMachine?: string;
  testCase?: string;
  handlers?: HandlerMap;
  handlersDir?: string;
}

/** The test case of the mock config that serves the Task states (its only state machine when none is named), checked. */
export function mockSelection(mockConfig: MockConfigFile, stateMachine: string | undefined, testCase: string | undefined): { selection: MockSelection; resolver: TaskResolver } {
  const machines = Object.keys(mockConfig.StateMachines ?? {});
  const chosen = stateMachine ?? (machines.length === 1 ? machines[0] : undefined);
  if (!chosen) throw new UsageError(`--state-machine is needed: the mock config defines ${machines.length} state machines (${machines.join(', ')})`);
  if (!testCase) throw new UsageError('--test-case is needed with --mock-config');
  try {
    return { selection: { stateMachine: chosen, testCase }, resolver: mockConfigResolver(mockConfig, chosen, testCase) };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function taskResolvers(sources: Sources): TaskResolver[] {
  const resolvers: TaskResolver[] = [];
  if (sources.mockConfig) resolvers.push(mockSelection(sources.mockConfig, sources.stateMachine, sources.testCase).resolver);
  if (sources.handlers) resolvers.push(localHandlerResolver(sources.handlers, sources.handlersDir ?? process.cwd()));
  return resolvers;
}

export interface RunOutcome {
  result: ExecutionResult;
  taskInputs: Record<string, unknown[]>;
}

/** Runs one execution to its end; `taskInputs` lists what each Task state was invoked with. */
export async function runToEnd(machine: Pick<CompiledStateMachine, 'start'>, options: StartOptions): Promise<RunOutcome> {
  const { taskInputs, recorder } = taskInputRecorder();
  const execution = machine.start({ ...options, taskResolvers: [recorder, ...(options.taskResolvers ?? [])] });
  const result = await execution.done;
  return { result, taskInputs };
}

/** A Task resolver that serves nothing and records the input of each Task invocation, by state name (put it first). */
export function taskInputRecorder(): { taskInputs: Record<string, unknown[]>; recorder: TaskResolver } {
  const taskInputs: Record<string, unknown[]> = {};
  const recorder: TaskResolver = {
    resolve(invocation) {
      (taskInputs[invocation.stateName] ??= []).push(invocation.input);
      return undefined;
    },
  };
  return { taskInputs, recorder };
}

/** The value of `--type`: STANDARD or EXPRESS, in any case. */
export function parseMachineType(text: string | undefined): StateMachineType {
  const type = text?.toUpperCase();
  if (type !== 'STANDARD' && type !== 'EXPRESS') throw new UsageError(`--type is STANDARD or EXPRESS, not ${text ?? 'missing'}`);
  return type;
}

export function definitionProblem(error: unknown): { error: string; message: string } | undefined {
  if (error instanceof DefinitionError) return { error: 'InvalidDefinition', message: error.message };
  return undefined;
}


/** What `--call-aws`, `--region R` and `--endpoint-url-<service> URL` say (run and serve). */
export interface HybridArgs {
  callAws: boolean;
  region?: string;
  endpoints: Record<string, string>;
}

/** Takes the hybrid option at `args[i]`, if it is one: the index of its last word, else undefined. */
export function takeHybridArg(args: string[], i: number, hybrid: HybridArgs): number | undefined {
  const arg = args[i];
  if (arg === '--call-aws') {
    hybrid.callAws = true;
    return i;
  }
  const service = arg === '--region' ? undefined : /^--endpoint-url-(.+)$/.exec(arg)?.[1];
  if (arg !== '--region' && service === undefined) return undefined;
  if (service !== undefined && !(SHIPPED_SERVICES as readonly string[]).includes(service)) throw new UsageError(`no service '${service}' to call (there are: ${SHIPPED_SERVICES.join(', ')})`);
  if (i + 1 >= args.length) throw new UsageError(`${arg} needs a value`);
  if (service === undefined) hybrid.region = args[i + 1];
  else hybrid.endpoints[service] = endpointUrl(arg, args[i + 1]);
  return i + 1;
}

/** An endpoint option's URL, checked: the SDK would take `localhost:8000` for a scheme and a path. */
export function endpointUrl(option: string, url: string): string {
  if (!/^https?:\/\/[^/\s]+/.test(url)) throw new UsageError(`${option} is an http(s) URL, not ${url}`);
  return url;
}

/** The hybrid run's options, or none without --call-aws (whose companions then make no sense). */
export function callAwsOf(hybrid: HybridArgs): CallAwsOptions | undefined {
  if (!hybrid.callAws && (hybrid.region !== undefined || Object.keys(hybrid.endpoints).length)) throw new UsageError('--region and --endpoint-url-<service> need --call-aws');
  return hybrid.callAws ? { endpoints: hybrid.endpoints, ...(hybrid.region === undefined ? {} : { region: hybrid.region }) } : undefined;
}
