// What a run needs to know before it starts: the state machine's name (a MockConfigFile is
// keyed by it), the test cases a MockConfigFile offers, and which Task states nothing serves.
import { parse as parseYaml } from 'yaml';
import type { LocalHandlers, MockSelection, RunPlan, UnservedTask } from '../protocol';
import { findHandlerKey, handlerKey, lambdaFunctionName } from '../core/interpreter/tasks/localHandlers';

const YAML_FILE = /\.ya?ml$/i;

export function isYamlDefinition(uri: string): boolean {
  return YAML_FILE.test(uri);
}

/** The definition's value (YAML for .yaml/.yml files, else JSON); undefined when it does not parse. */
export function definitionValue(uri: string, text: string): unknown {
  try {
    return isYamlDefinition(uri) ? parseYaml(text) : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `orders.asl.json` -> `orders`: the name a MockConfigFile's StateMachines entry is looked up under. */
export function stateMachineNameOf(uri: string): string {
  const file = decodeURIComponent(/[^/:]*$/.exec(uri)![0]);
  return file.replace(/(\.asl)?\.(json|ya?ml)$/i, '') || 'StateMachine';
}

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

/** Every Task state of the definition, its Parallel branches and Map processors included. */
export function taskStates(definition: unknown): TaskState[] {
  const tasks: TaskState[] = [];
  const visit = (machine: unknown) => {
    if (!isObject(machine) || !isObject(machine.States)) return;
    for (const [name, state] of Object.entries(machine.States)) {
      if (!isObject(state)) continue;
      if (state.Type === 'Task') {
        const payload = isObject(state.Parameters) ? state.Parameters : isObject(state.Arguments) ? state.Arguments : {};
        tasks.push({
          state: name,
          resource: typeof state.Resource === 'string' ? state.Resource : '',
          functionName: typeof payload.FunctionName === 'string' ? payload.FunctionName : undefined,
        });
      }
      if (Array.isArray(state.Branches)) state.Branches.forEach(visit);
      visit(state.ItemProcessor);
      visit(state.Iterator);
    }
  };
  visit(definition);
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
export function servedByHandler(task: TaskState, handlers: LocalHandlers): boolean {
  return findHandlerKey(Object.keys(handlers).map(handlerKey), task.resource, lambdaFunctionName(task.resource, task.functionName)) !== undefined;
}

/** Task states served neither by the selected mocks nor by a local handler. */
export function unservedTasks(definition: unknown, mockConfig: unknown, selection: MockSelection | undefined, handlers: LocalHandlers | undefined): UnservedTask[] {
  const mocked = mockedStates(mockConfig, selection);
  return taskStates(definition)
    .filter((task) => !mocked.has(task.state) && !(handlers && servedByHandler(task, handlers)))
    .map(({ state, resource }) => ({ state, resource }));
}

const LAMBDA_INVOKE = /^arn:aws[\w-]*:states:::lambda:invoke/;

/**
 * The MockConfigFile with a mock for `state` added to a test case (created as needed): a first
 * invocation returning an empty result, shaped as the resource returns it, for the user to fill in.
 */
export function withMockEntry(mockConfig: unknown, selection: MockSelection, task: UnservedTask): { mockConfig: Record<string, unknown>; mockName: string } {
  const config: MockConfigShape = isObject(mockConfig) ? structuredClone(mockConfig) : {};
  const machines = config.StateMachines = isObject(config.StateMachines) ? config.StateMachines : {};
  const machine = machines[selection.stateMachine] = isObject(machines[selection.stateMachine]) ? machines[selection.stateMachine] : {};
  const testCases = machine.TestCases = isObject(machine.TestCases) ? machine.TestCases : {};
  const testCase = testCases[selection.testCase] = isObject(testCases[selection.testCase]) ? testCases[selection.testCase] : {};
  const responses = config.MockedResponses = isObject(config.MockedResponses) ? config.MockedResponses : {};
  const base = `${task.state.replace(/[^A-Za-z0-9]+/g, '')}Mock` || 'TaskMock';
  let mockName = base;
  for (let i = 2; mockName in responses; i++) mockName = `${base}${i}`;
  testCase[task.state] = mockName;
  responses[mockName] = { 0: { Return: LAMBDA_INVOKE.test(task.resource) ? { StatusCode: 200, Payload: {} } : {} } };
  return { mockConfig: config as Record<string, unknown>, mockName };
}
