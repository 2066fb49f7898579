// Runs a definition to its end for the interpreter's unit tests.
import { compileStateMachine, ExecutionResult, StartOptions, TaskResolver } from '../../../server/src/core/interpreter/index';
import { mockConfigResolver, MockConfigFile } from '../../../server/src/core/interpreter/tasks/mockConfig';

export function execute(definition: unknown, input: unknown = {}, options: Partial<StartOptions> = {}): Promise<ExecutionResult> {
  return compileStateMachine(definition).start({ input, ...options }).done;
}

export function types(result: ExecutionResult): string[] {
  return result.events.map((event) => event.type);
}

/** A resolver answering every Task state from a map of state name to outcomes by invocation. */
export function mocks(responses: MockConfigFile['MockedResponses'], states: Record<string, string>): TaskResolver {
  return mockConfigResolver({ StateMachines: { M: { TestCases: { T: states } } }, MockedResponses: responses }, 'M', 'T');
}

/** A one-state machine. */
export function single(state: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { StartAt: 'S', States: { S: { End: true, ...state } }, ...extra };
}
