// Task results from a MockConfigFile (AWS Step Functions Local's format, unchanged):
// StateMachines.<machine>.TestCases.<case>.<state> names a mock in MockedResponses, whose keys
// ("0", "1-2", ...) count the state's invocations over the whole execution.
import type { TaskInvocation, TaskOutcome, TaskResolver } from '../api';

export interface MockConfigFile {
  StateMachines?: Record<string, { TestCases?: Record<string, Record<string, string>> }>;
  MockedResponses?: Record<string, Record<string, { Return?: unknown; Throw?: { Error?: string; Cause?: string } }>>;
}

export class MockConfigError extends Error {}

/** Finds the response for an invocation index among keys "N" and "A-B". */
function responseFor(responses: Record<string, { Return?: unknown; Throw?: { Error?: string; Cause?: string } }>, attempt: number) {
  for (const [key, response] of Object.entries(responses)) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(key.trim());
    if (!range) continue;
    const from = Number(range[1]);
    const to = range[2] === undefined ? from : Number(range[2]);
    if (attempt >= from && attempt <= to) return response;
  }
  return undefined;
}

/** Checks the file's shape and returns a resolver for one state machine and test case. */
export function mockConfigResolver(config: MockConfigFile, stateMachine: string, testCase: string): TaskResolver {
  const machines = config?.StateMachines;
  if (!machines || typeof machines !== 'object') throw new MockConfigError("The mock config has no 'StateMachines' object");
  const machine = machines[stateMachine];
  if (!machine) throw new MockConfigError(`The mock config has no state machine '${stateMachine}' (it has: ${Object.keys(machines).join(', ') || 'none'})`);
  const mocks = machine.TestCases?.[testCase];
  if (!mocks) {
    throw new MockConfigError(`The state machine '${stateMachine}' has no test case '${testCase}' (it has: ${Object.keys(machine.TestCases ?? {}).join(', ') || 'none'})`);
  }
  const responses = config.MockedResponses ?? {};
  for (const [state, mock] of Object.entries(mocks)) {
    if (!responses[mock]) throw new MockConfigError(`The state '${state}' uses the mocked response '${mock}', which MockedResponses does not define`);
  }
  return {
    resolve(invocation: TaskInvocation): TaskOutcome | undefined {
      const mock = mocks[invocation.stateName];
      if (mock === undefined) return undefined;
      const response = responseFor(responses[mock], invocation.attempt);
      if (!response) {
        return {
          error: 'States.Runtime',
          cause: `The mocked response '${mock}' has no entry for invocation ${invocation.attempt} of the state '${invocation.stateName}' (keys are 0-based invocation numbers like "0" or "1-2")`,
        };
      }
      if (response.Throw) return { error: response.Throw.Error as string, cause: response.Throw.Cause };
      return { result: response.Return };
    },
  };
}
