// Redrive (RedriveExecution): an execution that failed, was aborted or timed out continues from its
// history. The states of the top-level graph that exited keep their recorded results and are not run
// again; the run resumes at the state that was entered and never exited, with the input it had then
// and the variables the exited states had assigned.
import type { RedriveOptions } from './api';
import type { Graph } from './state';

/** Where a redriven execution resumes. */
export interface RedrivePoint {
  stateName: string;
  input: unknown;
  variables: Record<string, unknown>;
  /** `$$.Execution.StartTime`: the original start, which redrive keeps. */
  startTime: string;
}

/**
 * The unsuccessful state of the history's top-level graph. A state name belongs to the top level when
 * the graph has it (AWS requires state names to be unique in the whole state machine).
 */
export function redrivePoint(graph: Graph, redrive: RedriveOptions): RedrivePoint {
  const { history } = redrive;
  const started = history.find((event) => event.type === 'ExecutionStarted');
  let open: { stateName: string; input: unknown } | undefined;
  const variables: Record<string, unknown> = {};
  for (const event of history) {
    const entered = event.stateEnteredEventDetails as { name?: string; input?: string } | undefined;
    const exited = event.stateExitedEventDetails as { name?: string; assignedVariables?: Record<string, string> } | undefined;
    if (entered?.name !== undefined && graph.states.has(entered.name)) {
      open = { stateName: entered.name, input: JSON.parse(entered.input ?? 'null') };
    } else if (exited?.name !== undefined && graph.states.has(exited.name)) {
      if (open?.stateName === exited.name) open = undefined;
      for (const [name, value] of Object.entries(exited.assignedVariables ?? {})) variables[name] = JSON.parse(value);
    }
  }
  // Nothing left open (the execution ended before its first state, or between two): it starts over from StartAt.
  const input = JSON.parse((started?.executionStartedEventDetails as { input?: string } | undefined)?.input ?? '{}');
  return {
    ...(open ?? { stateName: graph.startAt, input }),
    variables,
    startTime: started?.timestamp ?? history[0]?.timestamp ?? '',
  };
}
