// TestState: one state run alone on the interpreter. The state (given alone, or picked from a whole
// definition by `stateName`) is wrapped in a machine that starts at it, with a pass-through state for
// each of its targets; the run stops when it reaches one of them (its input is the tested state's
// output, its name `nextState`), or at a failure a retrier would retry (RETRIABLE). A failure Catch
// sends on is CAUGHT_ERROR; the 2025 `mock` answers a Task without calling anything.
import type { Execution, HistoryEvent, TaskResolver } from '../core/interpreter';
import { matches } from '../core/interpreter/state';
import { ApiError } from './errors';

type Input = Record<string, unknown>;
type StateDefinition = Record<string, unknown>;

/** The name of a state given alone (AWS does not say which it uses). */
const SINGLE_STATE_NAME = 'TestState';
const VARIABLES_STATE = 'TestState variables';
const DEFAULT_MAX_ATTEMPTS = 3;

export interface TestStateRun {
  /** The wrapper machine's definition, checked and compiled as any other. */
  definition: string;
  stateName: string;
  /** The resolver of the `mock`, if any. */
  mock?: TaskResolver;
  /** Starts the wrapper machine: the caller adds its own resolvers and input. */
  finish(start: (onEvent: (event: HistoryEvent) => void) => Execution): Promise<Record<string, unknown>>;
}

function validation(message: string): ApiError {
  return new ApiError('ValidationException', message);
}

function parseJson(text: string, member: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw validation(`The ${member} is not valid JSON: ${text.slice(0, 200)}`);
  }
}

/** The targets of a state: Next, Default, each choice's and each catcher's Next. */
function targets(state: StateDefinition): string[] {
  const found: unknown[] = [state.Next, state.Default];
  for (const list of [state.Choices, state.Catch]) if (Array.isArray(list)) for (const item of list) found.push((item as StateDefinition)?.Next);
  return [...new Set(found.filter((target): target is string => typeof target === 'string'))];
}

/** Prepares the run of TestState's request; the definition's own checks come from the caller's analysis. */
export function prepareTestState(input: Input, definitionValue: unknown): TestStateRun {
  if (definitionValue === null || typeof definitionValue !== 'object' || Array.isArray(definitionValue)) throw validation('The definition must be a JSON object');
  const given = definitionValue as StateDefinition;
  const requestedName = typeof input.stateName === 'string' ? input.stateName : undefined;
  let state: StateDefinition;
  let stateName: string;
  if (given.States !== undefined) {
    if (requestedName === undefined) throw validation('A stateName is required when the definition is a state machine definition');
    const states = given.States as Record<string, StateDefinition>;
    if (!Object.prototype.hasOwnProperty.call(states, requestedName)) throw validation(`The state '${requestedName}' is not in the definition`);
    state = states[requestedName];
    stateName = requestedName;
  } else {
    state = given;
    stateName = requestedName ?? SINGLE_STATE_NAME;
  }
  const states: Record<string, StateDefinition> = { [stateName]: state };
  for (const target of targets(state)) if (target !== stateName) states[target] = { Type: 'Pass', End: true };
  let startAt = stateName;
  if (typeof input.variables === 'string') {
    const variables = parseJson(input.variables, 'variables');
    if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) throw validation('The variables must be a JSON object');
    states[VARIABLES_STATE] = { Type: 'Pass', Assign: variables, Next: stateName };
    startAt = VARIABLES_STATE;
  }
  const wrapper = { ...(given.QueryLanguage !== undefined ? { QueryLanguage: given.QueryLanguage } : {}), StartAt: startAt, States: states };

  const mockInput = input.mock as { result?: unknown; errorOutput?: { error?: string; cause?: string } } | undefined;
  let mock: TaskResolver | undefined;
  if (mockInput && typeof mockInput === 'object') {
    const outcome = typeof mockInput.result === 'string' ? { result: parseJson(mockInput.result, 'mock result') }
      : mockInput.errorOutput ? { error: mockInput.errorOutput.error ?? '', ...(mockInput.errorOutput.cause !== undefined ? { cause: mockInput.errorOutput.cause } : {}) }
      : undefined;
    if (!outcome) throw validation('A mock needs a result or an errorOutput');
    mock = { resolve: (invocation) => (invocation.stateName === stateName ? outcome : undefined) };
  }
  const retried = (state.Retry as { ErrorEquals?: string[]; MaxAttempts?: number }[] | undefined) ?? [];
  const retryCount = Number((input.stateConfiguration as { retrierRetryCount?: number } | undefined)?.retrierRetryCount ?? 0);
  const inspect = input.inspectionLevel === 'DEBUG' || input.inspectionLevel === 'TRACE';

  return {
    definition: JSON.stringify(wrapper),
    stateName,
    mock,
    finish: (start) => new Promise((resolve) => {
      let entered: HistoryEvent | undefined;
      let exited = false;
      let failure: { error?: string; cause?: string } | undefined;
      let result: string | undefined;
      let answered = false;
      let execution: Execution | undefined;
      const answer = (response: Record<string, unknown>) => {
        if (answered) return;
        answered = true;
        execution?.stop();
        const inspectionData = inspect && entered ? {
          input: (entered.stateEnteredEventDetails as { input?: string })?.input,
          ...(result !== undefined ? { result } : {}),
          ...(typeof input.variables === 'string' ? { variables: input.variables } : {}),
        } : undefined;
        resolve({ ...response, ...(inspectionData ? { inspectionData } : {}) });
      };
      const onEvent = (event: HistoryEvent) => {
        if (answered) return;
        const details = Object.entries(event).find(([key]) => key.endsWith('EventDetails'))?.[1] as Record<string, unknown> | undefined;
        if (!entered) {
          if (event.type.endsWith('StateEntered') && details?.name === stateName) entered = event;
          return;
        }
        if (!exited && event.type.endsWith('StateExited') && details?.name === stateName) {
          exited = true;
          return;
        }
        if (exited && event.type.endsWith('StateEntered')) {
          answer({
            output: details?.input, nextState: details?.name,
            status: failure ? 'CAUGHT_ERROR' : 'SUCCEEDED', ...(failure ? { error: failure.error, cause: failure.cause } : {}),
          });
          return;
        }
        if (/(Task|LambdaFunction|Activity)Succeeded$/.test(event.type)) result = details?.output as string | undefined;
        if (!exited && /(Failed|TimedOut)$/.test(event.type) && !event.type.startsWith('Execution')) {
          failure = { error: details?.error as string | undefined, cause: details?.cause as string | undefined };
          const retrier = retried.find((candidate) => Array.isArray(candidate.ErrorEquals) && matches(candidate.ErrorEquals, failure!.error ?? ''));
          if (retrier && (retrier.MaxAttempts ?? DEFAULT_MAX_ATTEMPTS) > retryCount) answer({ status: 'RETRIABLE', ...failure });
        }
      };
      execution = start(onEvent);
      // Answered while starting (a synchronous state): the rest of the run is not needed.
      if (answered) execution.stop();
      void execution.done.then((outcome) => {
        if (outcome.status === 'SUCCEEDED') answer({ status: 'SUCCEEDED', output: JSON.stringify(outcome.output) });
        else answer({ status: 'FAILED', error: outcome.error, cause: outcome.cause });
      });
    }),
  };
}
