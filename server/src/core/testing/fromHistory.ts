// A test from an execution's history, local or recorded by AWS (the JSON of `aws stepfunctions
// get-execution-history`, with `describe-execution`'s when given): the execution's input and start
// time, each Task's answers in order as inline mocks, and how it ended as the expectation. Run
// locally, the test replays that execution offline.
import type { Expectations, TestSpec } from './expectations';

/** A history event as GetExecutionHistory gives it (our events and AWS's have this shape). */
interface Event {
  id: number;
  previousEventId?: number;
  timestamp?: string | number;
  type: string;
  [details: string]: unknown;
}

/** What `aws stepfunctions describe-execution` prints, in part. */
export interface DescribedExecution {
  name?: string;
  input?: string;
  startDate?: string | number;
}

type MockedResponse = { Return: unknown } | { Throw: { Error: string; Cause?: string } };

/** The events of a history: an array, or get-execution-history's `{ "events": [...] }`. */
export function historyEvents(history: unknown): Event[] {
  const events = Array.isArray(history) ? history : (history as { events?: unknown })?.events;
  if (!Array.isArray(events) || !events.every((event) => event && typeof event === 'object' && typeof event.type === 'string' && typeof event.id === 'number')) {
    throw new Error('This is not an execution history: expected the JSON of get-execution-history, an object whose "events" each have an "id" and a "type".');
  }
  return events as Event[];
}

const parseJson = (text: unknown) => (typeof text === 'string' ? JSON.parse(text) : text);

/** The CLI prints dates as ISO texts with an offset, the SDKs as epoch seconds: an ISO text in UTC either way. */
function isoDate(value: string | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  const millis = typeof value === 'number' ? value * 1000 : Date.parse(value);
  return Number.isNaN(millis) ? undefined : new Date(millis).toISOString();
}

// An activity's worker answers as a Task's integration does: its answers are mocked alike.
const SUCCEEDED = {
  TaskSucceeded: 'taskSucceededEventDetails', LambdaFunctionSucceeded: 'lambdaFunctionSucceededEventDetails', ActivitySucceeded: 'activitySucceededEventDetails',
} as const;
const FAILED = {
  TaskFailed: 'taskFailedEventDetails', LambdaFunctionFailed: 'lambdaFunctionFailedEventDetails', ActivityFailed: 'activityFailedEventDetails',
  TaskTimedOut: 'taskTimedOutEventDetails', LambdaFunctionTimedOut: 'lambdaFunctionTimedOutEventDetails', ActivityTimedOut: 'activityTimedOutEventDetails',
} as const;

/**
 * The test that replays a history. `topLevelStates` (the definition's top-level state names) adds
 * the path of states entered; without it the test does not check the path.
 */
export function testFromHistory(history: unknown, described: DescribedExecution = {}, topLevelStates?: readonly string[]): TestSpec {
  const events = historyEvents(history);
  const byId = new Map(events.map((event) => [event.id, event]));
  // A Task's events chain back (previousEventId) to its state's Entered event, branches and iterations interleaved or not.
  const stateNames = new Map<number, string | undefined>();
  const stateOf = (event: Event | undefined): string | undefined => {
    const chain: Event[] = [];
    let name: string | undefined;
    for (let current = event; current; current = byId.get(current.previousEventId ?? 0)) {
      if (stateNames.has(current.id)) { name = stateNames.get(current.id); break; }
      const entered = current.stateEnteredEventDetails as { name?: string } | undefined;
      chain.push(current);
      if (entered) { name = entered.name; break; }
    }
    for (const visited of chain) stateNames.set(visited.id, name);
    return name;
  };

  const mocks: Record<string, Record<string, MockedResponse>> = {};
  const answer = (event: Event, response: MockedResponse) => {
    const state = stateOf(event);
    if (state === undefined) return;
    const responses = (mocks[state] ??= {});
    responses[String(Object.keys(responses).length)] = response;
  };
  let started: Event | undefined;
  let ended: Event | undefined;
  const path: string[] = [];
  const topLevel = new Set(topLevelStates ?? []);
  for (const event of events) {
    if (event.type === 'ExecutionStarted') started = event;
    else if (/^Execution(Succeeded|Failed|TimedOut|Aborted)$/.test(event.type)) ended = event;
    const entered = event.stateEnteredEventDetails as { name?: string } | undefined;
    if (entered?.name !== undefined && topLevel.has(entered.name)) path.push(entered.name);
    if (event.type in SUCCEEDED) {
      const details = event[SUCCEEDED[event.type as keyof typeof SUCCEEDED]] as { output?: string } | undefined;
      answer(event, { Return: parseJson(details?.output ?? 'null') });
    } else if (event.type in FAILED) {
      const details = event[FAILED[event.type as keyof typeof FAILED]] as { error?: string; cause?: string } | undefined;
      const error = details?.error ?? (event.type.endsWith('TimedOut') ? 'States.Timeout' : 'States.TaskFailed');
      answer(event, { Throw: details?.cause === undefined ? { Error: error } : { Error: error, Cause: details.cause } });
    }
  }
  const startedDetails = started?.executionStartedEventDetails as { input?: string } | undefined;
  const test: TestSpec = { input: parseJson(startedDetails?.input ?? described.input ?? '{}') };
  const startTime = isoDate(started?.timestamp ?? described.startDate);
  if (startTime) test.startTime = startTime;
  if (described.name) test.executionName = described.name;
  if (Object.keys(mocks).length) test.mocks = mocks;
  test.expect = expectationsOf(ended);
  if (topLevelStates) test.expect.path = path;
  return test;
}

function expectationsOf(ended: Event | undefined): Expectations {
  switch (ended?.type) {
    case 'ExecutionSucceeded':
      return { status: 'SUCCEEDED', output: parseJson((ended.executionSucceededEventDetails as { output?: string } | undefined)?.output ?? 'null') };
    case 'ExecutionFailed': {
      const { error, cause } = (ended.executionFailedEventDetails ?? {}) as { error?: string; cause?: string };
      return { status: 'FAILED', ...(error === undefined ? {} : { error }), ...(cause === undefined ? {} : { cause }) };
    }
    case 'ExecutionTimedOut':
      return { status: 'TIMED_OUT' };
    case 'ExecutionAborted':
      return { status: 'ABORTED' };
    default:
      throw new Error('The history does not end: the execution was still running when it was read.');
  }
}
