// Redrive (RedriveExecution): an execution that failed, was aborted or timed out continues from its
// history. The states that exited keep their recorded results and are not run again; the run resumes at
// the state that was entered and never exited, with the input it had then and the variables the exited
// states had assigned. Inside a Parallel or an inline Map that did not succeed, the same holds for each
// branch and iteration: those that succeeded keep their outputs, the others resume where they stopped.
import type { HistoryEvent, RedriveOptions } from './api';
import type { CompiledState, Graph } from './state';

/** Where a graph (the machine, a branch, an iteration) resumes. */
export interface GraphResume {
  stateName: string;
  input: unknown;
  /** The variables the graph's exited states assigned. */
  variables: Record<string, unknown>;
  /** When that state is a Parallel or an inline Map: what its branches or iterations do. */
  nested?: NestedResume;
}

/** A Parallel's branches or an inline Map's iterations by index; one in neither map runs from its start. */
export interface NestedResume {
  /** The outputs of those that succeeded: not run again. */
  succeeded: Map<number, unknown>;
  /** Where those that failed or were aborted resume. */
  resumed: Map<number, GraphResume>;
}

/** Where a redriven execution resumes. */
export interface RedrivePoint extends GraphResume {
  /** `$$.Execution.StartTime`: the original start, which redrive keeps. */
  startTime: string;
  /** Each Task state's invocations so far: a mock's responses count them over the whole execution. */
  invocations: Map<string, number>;
}

/** The events that begin a Task state's invocation. */
const INVOCATIONS = new Set(['TaskScheduled', 'LambdaFunctionScheduled', 'ActivityScheduled']);

/** The latest entry of a Parallel or inline Map into a graph: its branches' or iterations' events. */
interface Entry {
  /** Entered and not exited: a redrive continues this entry. */
  open: boolean;
  children: Map<number, HistoryFrame>;
}

/** The events of one line of control of a history: the machine's, a branch's or an iteration's. */
class HistoryFrame {
  /** Its states' Entered and Exited events, in order. */
  readonly stateEvents: HistoryEvent[] = [];
  readonly entries = new Map<string, Entry>();
  /** An iteration's latest attempt ended with MapIterationSucceeded. */
  succeeded = false;
  /** The state entered last: the one the frame's other events are about. */
  current?: string;
  constructor(readonly graph: Graph, readonly parent?: HistoryFrame) {}

  /** This frame or the nearest enclosing one whose graph has the state (names are unique in a machine). */
  holding(stateName: string): HistoryFrame | undefined {
    let frame: HistoryFrame | undefined = this;
    while (frame && !frame.graph.states.has(stateName)) frame = frame.parent;
    return frame;
  }

  child(owner: CompiledState, index: number): HistoryFrame {
    let entry = this.entries.get(owner.name);
    if (!entry) this.entries.set(owner.name, entry = { open: true, children: new Map() });
    let child = entry.children.get(index);
    if (!child) entry.children.set(index, child = new HistoryFrame(owner.children![owner.type === 'Map' ? 0 : index], this));
    return child;
  }
}

type EnteredDetails = { name: string; input?: string };
type ExitedDetails = { name: string; output?: string; assignedVariables?: Record<string, string> };
type IterationDetails = { name: string; index: number };

/** Every state of the machine by name, and for a state of a branch or processor, the state holding it and the branch's index. */
function statesOf(graph: Graph, states = new Map<string, CompiledState>(), places = new Map<string, { owner: CompiledState; index: number }>()) {
  for (const state of graph.states.values()) {
    states.set(state.name, state);
    state.children?.forEach((child, index) => {
      for (const name of child.states.keys()) places.set(name, { owner: state, index });
      statesOf(child, states, places);
    });
  }
  return { states, places };
}

/**
 * Sorts a history's events into the lines of control that recorded them, by their `previousEventId`: an
 * event follows one of its own line or of a line nested in it, except a branch's first event, which
 * follows its Parallel's ParallelStateStarted, and MapIterationStarted, which names its Map and index.
 */
function historyFrames(graph: Graph, history: readonly HistoryEvent[]): { root: HistoryFrame; invocations: Map<string, number> } {
  const { states, places } = statesOf(graph);
  const invocations = new Map<string, number>();
  const root = new HistoryFrame(graph);
  const frameOf = new Map<number, HistoryFrame>();
  const typeOf = new Map<number, string>();
  for (const event of history) {
    const previous = frameOf.get(event.previousEventId) ?? root;
    const entered = event.stateEnteredEventDetails as EnteredDetails | undefined;
    const exited = event.stateExitedEventDetails as ExitedDetails | undefined;
    const iteration = (event.mapIterationStartedEventDetails ?? event.mapIterationSucceededEventDetails
      ?? event.mapIterationFailedEventDetails ?? event.mapIterationAbortedEventDetails) as IterationDetails | undefined;
    const stateName = entered?.name ?? exited?.name;
    let frame = previous;
    if (event.type.startsWith('Execution')) {
      frame = root;
    } else if (iteration && states.get(iteration.name)?.children) {
      frame = (previous.holding(iteration.name) ?? root).child(states.get(iteration.name)!, iteration.index);
      frame.succeeded = event.type === 'MapIterationSucceeded';
    } else if (stateName !== undefined) {
      const place = places.get(stateName);
      frame = typeOf.get(event.previousEventId) === 'ParallelStateStarted' && place
        ? (previous.holding(place.owner.name) ?? root).child(place.owner, place.index)
        : previous.holding(stateName) ?? root;
      frame.stateEvents.push(event);
      if (entered) frame.current = stateName;
      if (states.get(stateName)?.children) {
        const entry = frame.entries.get(stateName);
        if (exited && entry) entry.open = false;
        else if (entered && !entry?.open) frame.entries.set(stateName, { open: true, children: new Map() });
      }
    }
    if (INVOCATIONS.has(event.type) && frame.current !== undefined) invocations.set(frame.current, (invocations.get(frame.current) ?? 0) + 1);
    frameOf.set(event.id, frame);
    typeOf.set(event.id, event.type);
  }
  return { root, invocations };
}

/** A frame's state that was entered and never exited, the last state that exited, the variables assigned. */
function replay(frame: HistoryFrame) {
  let open: { stateName: string; input: unknown } | undefined;
  let last: { stateName: string; output: unknown } | undefined;
  const variables: Record<string, unknown> = {};
  for (const event of frame.stateEvents) {
    const entered = event.stateEnteredEventDetails as EnteredDetails | undefined;
    const exited = event.stateExitedEventDetails as ExitedDetails | undefined;
    if (entered) {
      open = { stateName: entered.name, input: JSON.parse(entered.input ?? 'null') };
    } else if (exited) {
      if (open?.stateName === exited.name) open = undefined;
      last = { stateName: exited.name, output: JSON.parse(exited.output ?? 'null') };
      for (const [name, value] of Object.entries(exited.assignedVariables ?? {})) variables[name] = JSON.parse(value);
    }
  }
  return { open, last, variables };
}

/** Where a frame resumes at its open state, with what that state's branches or iterations do. */
function resumeAt(frame: HistoryFrame, open: { stateName: string; input: unknown }, variables: Record<string, unknown>): GraphResume {
  const entry = frame.entries.get(open.stateName);
  if (!entry?.open) return { ...open, variables };
  const state = frame.graph.states.get(open.stateName)!;
  const nested: NestedResume = { succeeded: new Map(), resumed: new Map() };
  for (const [index, child] of entry.children) {
    const { open: childOpen, last, variables: childVariables } = replay(child);
    // A Map records each iteration's success; a branch succeeded when it exited a state that ends it.
    const succeeded = state.type === 'Map' ? child.succeeded : !childOpen && last !== undefined && child.graph.states.get(last.stateName)?.ends === true;
    if (succeeded) nested.succeeded.set(index, last?.output ?? null);
    else if (childOpen) nested.resumed.set(index, resumeAt(child, childOpen, childVariables));
  }
  return { ...open, variables, nested };
}

/** Where a redriven execution resumes: at its top-level state that did not succeed, and inside it. */
export function redrivePoint(graph: Graph, redrive: RedriveOptions): RedrivePoint {
  const { history } = redrive;
  const started = history.find((event) => event.type === 'ExecutionStarted');
  const startTime = started?.timestamp ?? history[0]?.timestamp ?? '';
  const { root, invocations } = historyFrames(graph, history);
  const { open, variables } = replay(root);
  if (open) return { ...resumeAt(root, open, variables), startTime, invocations };
  // Nothing left open (the execution ended before its first state, or between two): it starts over from StartAt.
  const input = JSON.parse((started?.executionStartedEventDetails as { input?: string } | undefined)?.input ?? '{}');
  return { stateName: graph.startAt, input, variables, startTime, invocations };
}
