// What a run needs to know before it starts: the state machine's name (a MockConfigFile is
// keyed by it), the test cases a MockConfigFile offers, and which Task states nothing serves.
import type {
  MockConfigCandidate, MockConfigChoice, MockSelection, PlannedAwsCall, RunPlan, UnservedTask,
} from '../protocol';
import { findHandlerKey, handlerKey, lambdaFunctionName } from '../core/interpreter/tasks/localHandlers';
import { awsCallOf, describeAwsCall } from './aws/integrations';

interface MockConfigShape {
  StateMachines?: Record<string, { TestCases?: Record<string, Record<string, string>> }>;
  MockedResponses?: Record<string, unknown>;
}

/** The state machines and test cases of a MockConfigFile, or why it cannot be read. */
export function listMockConfig(mockConfig: unknown): NonNullable<RunPlan['mockConfig']> {
  const config = mockConfig as MockConfigShape;
  if (!config || typeof config !== 'object' || Array.isArray(config) || !isObject(config.StateMachines)) {
    return { stateMachines: [], error: 'A MockConfigFile is an object with "StateMachines" and "MockedResponses".' };
  }
  return {
    stateMachines: Object.entries(config.StateMachines).map(([name, machine]) => ({
      name,
      testCases: isObject(machine?.TestCases) ? Object.keys(machine.TestCases) : [],
    })),
  };
}

function isObject(value: unknown): value is Record<string, any> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

interface TaskState extends UnservedTask {
  /** The Lambda function a `lambda:invoke` Task names in its Parameters or Arguments, when written literally. */
  functionName?: string;
}

/** Every state of the definition, its Parallel branches and Map processors included, with its name. */
function eachState(definition: unknown, visit: (name: string, state: Record<string, any>) => void): void {
  const visitMachine = (machine: unknown) => {
    if (!isObject(machine) || !isObject(machine.States)) return;
    for (const [name, state] of Object.entries(machine.States)) {
      if (!isObject(state)) continue;
      visit(name, state);
      if (Array.isArray(state.Branches)) state.Branches.forEach(visitMachine);
      visitMachine(state.ItemProcessor);
      visitMachine(state.Iterator);
    }
  };
  visitMachine(definition);
}

/** Every Task state of the definition, its Parallel branches and Map processors included. */
export function taskStates(definition: unknown): TaskState[] {
  const tasks: TaskState[] = [];
  eachState(definition, (name, state) => {
    if (state.Type !== 'Task') return;
    const payload = isObject(state.Parameters) ? state.Parameters : isObject(state.Arguments) ? state.Arguments : {};
    tasks.push({
      state: name,
      resource: typeof state.Resource === 'string' ? state.Resource : '',
      functionName: typeof payload.FunctionName === 'string' ? payload.FunctionName : undefined,
    });
  });
  return tasks;
}

/** The states the selected test case mocks. */
export function mockedStates(mockConfig: unknown, selection: MockSelection | undefined): Set<string> {
  if (!selection || !isObject(mockConfig)) return new Set();
  const testCase = (mockConfig as MockConfigShape).StateMachines?.[selection.stateMachine]?.TestCases?.[selection.testCase];
  return new Set(isObject(testCase) ? Object.keys(testCase) : []);
}

/**
 * Whether a local handler serves the Task, by the interpreter's rule: a key equal to the resource
 * or to the function's name (from a Lambda ARN), or a `*` pattern matching either.
 */
export function servedByHandler(task: TaskState, handlers: Readonly<Record<string, unknown>>): boolean {
  return findHandlerKey(Object.keys(handlers).map(handlerKey), task.resource, lambdaFunctionName(task.resource, task.functionName)) !== undefined;
}

/** Task states served neither by the selected mocks nor by a local handler. */
export function unservedTasks(definition: unknown, mockConfig: unknown, selection: MockSelection | undefined, handlers: Readonly<Record<string, unknown>> | undefined): UnservedTask[] {
  const mocked = mockedStates(mockConfig, selection);
  return taskStates(definition)
    .filter((task) => !mocked.has(task.state) && !(handlers && servedByHandler(task, handlers)))
    .map(({ state, resource }) => ({ state, resource }));
}

/**
 * The first candidate whose "StateMachines" name the state machine, as Step Functions Local looks
 * test cases up, or why none fits (nothing when there is no candidate).
 */
export function chooseMockConfig(candidates: readonly MockConfigCandidate[], stateMachineName: string): MockConfigChoice {
  const reasons: string[] = [];
  for (const [index, { file, text }] of candidates.entries()) {
    const value = text === undefined ? undefined : parseJson(text);
    if (text === undefined) reasons.push(`${file} cannot be read`);
    else if (!value) reasons.push(`${file} is not valid JSON`);
    else if (!isObject(value.json) || !isObject(value.json.StateMachines)) reasons.push(`${file} has no "StateMachines"`);
    else if (Object.hasOwn(value.json.StateMachines, stateMachineName)) return { chosen: index };
    else reasons.push(`${file} names ${Object.keys(value.json.StateMachines).map((name) => JSON.stringify(name)).join(', ') || 'no state machine'}`);
  }
  if (!reasons.length) return {};
  return {
    why: `No MockConfigFile names the state machine ${JSON.stringify(stateMachineName)} in its "StateMachines" ` +
      `(Step Functions Local finds test cases by state machine name): ${reasons.join('; ')}.`,
  };
}

export function parseJson(text: string): { json: unknown } | undefined {
  try {
    return { json: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** The calls a hybrid run makes: every Task the mocks and handlers leave, listed before the run (`answersTokens`: see awsCallOf). */
export function plannedAwsCalls(definition: unknown, unserved: readonly UnservedTask[], answersTokens = false): PlannedAwsCall[] {
  const tasks = unserved.map(({ state, resource }): PlannedAwsCall => {
    const call = awsCallOf(resource, answersTokens);
    return 'unsupported' in call ? { state, resource, unsupported: call.unsupported } : { state, resource, call: describeAwsCall(call) };
  });
  return [...tasks, ...distributedMapS3Calls(definition)];
}

/** A Distributed Map's ItemReader and ResultWriter: a hybrid run reads and writes S3 itself (no mock serves them). */
function distributedMapS3Calls(definition: unknown): PlannedAwsCall[] {
  const calls: PlannedAwsCall[] = [];
  eachState(definition, (state, map) => {
    if (map.Type !== 'Map') return;
    for (const [field, role] of [['ItemReader', 'reads its items'], ['ResultWriter', 'writes its results']] as const) {
      const config = map[field];
      if (!isObject(config) || typeof config.Resource !== 'string') continue;
      const action = /:s3:(\w+)$/.exec(config.Resource)?.[1];
      const at = s3Location(isObject(config.Parameters) ? config.Parameters : isObject(config.Arguments) ? config.Arguments : {});
      calls.push({ state, resource: config.Resource, call: `S3 ${action ? action[0].toUpperCase() + action.slice(1) : config.Resource}: ${field} ${role}${at ? ` ${field === 'ItemReader' ? 'from' : 'to'} ${at}` : ''}` });
    }
  });
  return calls;
}

/** `s3://bucket/key` as the fields give it literally; a path or JSONata shows where it comes from. */
function s3Location(fields: Record<string, unknown>): string | undefined {
  const value = (name: string) => typeof fields[name] === 'string' ? fields[name] as string : typeof fields[`${name}.$`] === 'string' ? `{${fields[`${name}.$`] as string}}` : undefined;
  const bucket = value('Bucket');
  if (bucket === undefined) return undefined;
  const key = value('Key') ?? value('Prefix');
  return `s3://${bucket}/${key ?? ''}`;
}
