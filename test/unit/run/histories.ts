// Histories in GetExecutionHistory's shape, written as AWS records them, for the view-model tests.
import type { HistoryEvent } from '../../../server/src/core/interpreter/api';

type Spec = [type: string, offsetMs: number, details?: Record<string, unknown>, previous?: number];

const START = Date.parse('2026-11-25T10:00:00.000Z');

/** Events numbered from 1; each follows the one before it unless `previous` says otherwise. */
export function history(specs: Spec[]): HistoryEvent[] {
  return specs.map(([type, offsetMs, details, previous], index) => {
    const event: HistoryEvent = { id: index + 1, previousEventId: previous ?? index, timestamp: new Date(START + offsetMs).toISOString(), type };
    if (details) event[detailsKey(type)] = details;
    return event;
  });
}

function detailsKey(type: string): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return type[0].toLowerCase() + type.slice(1) + 'EventDetails';
}

const entered = (name: string, input = '{}') => ({ name, input, inputDetails: { truncated: false } });
const exited = (name: string, output = '{}') => ({ name, output, outputDetails: { truncated: false } });

/**
 * Hello World with input {"Comment": "Insert your JSON here"}, the Wait exiting at 3 s, with a ParallelStateSucceeded event
 * (whose step is the Parallel's, not the branch's before it); the first state follows no event, the Parallel's Exited the last branch event.
 */
export const helloWorld = history([
  ['ExecutionStarted', 0, { input: '{"Comment":"Insert your JSON here"}', roleArn: 'arn:aws:iam::123456789012:role/local' }],
  ['PassStateEntered', 5, entered('Pass', '{"Comment":"Insert your JSON here"}'), 0],
  ['PassStateExited', 6, exited('Pass', '{"IsHelloWorldExample":true}')],
  ['ChoiceStateEntered', 7, entered('Hello World example?', '{"IsHelloWorldExample":true}')],
  ['ChoiceStateExited', 8, exited('Hello World example?', '{"IsHelloWorldExample":true}')],
  ['PassStateEntered', 9, entered('Yes')],
  ['PassStateExited', 10, exited('Yes')],
  ['WaitStateEntered', 11, entered('Wait 3 sec')],
  ['WaitStateExited', 3011, exited('Wait 3 sec')],
  ['ParallelStateEntered', 3012, entered('Parallel State')],
  ['ParallelStateStarted', 3013],
  ['PassStateEntered', 3014, entered('Hello')],
  ['PassStateExited', 3015, exited('Hello')],
  ['PassStateEntered', 3014, entered('World'), 11],
  ['PassStateExited', 3015, exited('World')],
  ['ParallelStateSucceeded', 3016, undefined, 15],
  ['ParallelStateExited', 3017, exited('Parallel State', '[{},{}]'), 15],
  ['PassStateEntered', 3018, entered('Hello World', '[{},{}]')],
  ['PassStateExited', 3019, exited('Hello World', '[{},{}]')],
  ['ExecutionSucceeded', 3020, { output: '[{},{}]', outputDetails: { truncated: false } }],
]);

const lambda = { resourceType: 'lambda', resource: 'invoke' };

/** A Lambda task that fails, is retried once, fails again and is caught; then a Task with no retry fails the execution. */
export const retriedCaughtThenFailed = history([
  ['ExecutionStarted', 0, { input: '{}' }],
  ['TaskStateEntered', 1, entered('Call')],
  ['TaskScheduled', 2, { ...lambda, region: 'us-east-1', parameters: '{"FunctionName":"f"}' }],
  ['TaskStarted', 3, lambda],
  ['TaskFailed', 4, { ...lambda, error: 'Lambda.ServiceException', cause: 'first' }],
  ['TaskScheduled', 1004, { ...lambda, region: 'us-east-1', parameters: '{"FunctionName":"f"}' }],
  ['TaskStarted', 1005, lambda],
  ['TaskFailed', 1006, { ...lambda, error: 'Lambda.ServiceException', cause: 'second' }],
  ['TaskStateExited', 1007, { ...exited('Call', '{"Error":"Lambda.ServiceException"}'), assignedVariables: { failed: 'true' } }],
  ['TaskStateEntered', 1008, entered('Boom')],
  ['LambdaFunctionScheduled', 1009, { resource: 'arn:aws:lambda:us-east-1:123456789012:function:boom', input: '{}' }],
  ['LambdaFunctionStarted', 1010],
  ['LambdaFunctionFailed', 1011, { error: 'Exception', cause: '{"errorMessage":"boom"}' }],
  ['ExecutionFailed', 1012, { error: 'Exception', cause: '{"errorMessage":"boom"}' }],
]);
