// "Compare runs": two executions of one state machine (local and remote, or any two), state by state.
// Each run is read as its visits of states in the order they were entered, each with the input it
// entered with and the output it exited with; the n-th visit of a state in one run is matched with
// the n-th visit of that state in the other, so that branches of a Parallel or a Map, whose events
// interleave differently from run to run, still match. The first difference, in the order of the
// first run, is where they part: a state one run visited and the other did not (the path), or the
// same visit with another input or output; with none, how the executions ended.
import type { HistoryEvent } from '../interpreter/api';

export interface StateVisit {
  state: string;
  /** Which visit of the state this is, from 0 (retries of a Task are one visit; a loop back is another). */
  occurrence: number;
  /** The event id where the state was entered. */
  enteredEventId: number;
  /** The input and output as JSON text; absent when the history does not tell (no exit yet, data not included). */
  input?: string;
  output?: string;
}

export type RunDifference =
  /** A visit of the state in one run that the other run never made. */
  | { kind: 'path'; state: string; left?: StateVisit; right?: StateVisit }
  | { kind: 'input' | 'output'; state: string; left: StateVisit; right: StateVisit }
  /** The same states with the same data, yet the executions ended differently (status, error, output). */
  | { kind: 'end'; left: RunEnd; right: RunEnd };

export interface RunEnd {
  type: string;
  output?: string;
  error?: string;
  cause?: string;
}

export interface RunComparison {
  left: StateVisit[];
  right: StateVisit[];
  /** The first difference, or none: the runs took the same path with the same data and ended alike. */
  difference?: RunDifference;
}

const END_TYPES = new Set(['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionAborted', 'ExecutionTimedOut']);

/** The visits of states of a history, in the order they were entered. */
export function stateVisits(events: readonly HistoryEvent[]): StateVisit[] {
  const visits: StateVisit[] = [];
  const counts = new Map<string, number>();
  // A state exits in the order its visits were entered (a state's visits never overlap but in a Map's iterations).
  const open = new Map<string, StateVisit[]>();
  for (const event of events) {
    const entered = event.stateEnteredEventDetails as { name: string; input?: string } | undefined;
    const exited = event.stateExitedEventDetails as { name: string; output?: string } | undefined;
    if (entered) {
      const occurrence = counts.get(entered.name) ?? 0;
      counts.set(entered.name, occurrence + 1);
      const visit: StateVisit = { state: entered.name, occurrence, enteredEventId: event.id, ...(typeof entered.input === 'string' ? { input: entered.input } : {}) };
      visits.push(visit);
      const pending = open.get(entered.name) ?? [];
      pending.push(visit);
      open.set(entered.name, pending);
    } else if (exited) {
      const visit = open.get(exited.name)?.shift();
      if (visit && typeof exited.output === 'string') visit.output = exited.output;
    }
  }
  return visits;
}

/** How a history ended, from its last execution event; undefined while it runs. */
export function runEnd(events: readonly HistoryEvent[]): RunEnd | undefined {
  const last = [...events].reverse().find((event) => END_TYPES.has(event.type));
  if (!last) return undefined;
  const details = (last.executionSucceededEventDetails ?? last.executionFailedEventDetails ?? last.executionTimedOutEventDetails ?? {}) as RunEnd;
  return { type: last.type, ...(details.output !== undefined ? { output: details.output } : {}), ...(details.error !== undefined ? { error: details.error } : {}), ...(details.cause !== undefined ? { cause: details.cause } : {}) };
}

export function compareRuns(left: readonly HistoryEvent[], right: readonly HistoryEvent[]): RunComparison {
  const leftVisits = stateVisits(left);
  const rightVisits = stateVisits(right);
  const key = (visit: StateVisit) => `${visit.occurrence}\u0000${visit.state}`;
  const rightByKey = new Map(rightVisits.map((visit) => [key(visit), visit]));
  const leftKeys = new Set(leftVisits.map(key));
  const comparison: RunComparison = { left: leftVisits, right: rightVisits };
  for (const visit of leftVisits) {
    const other = rightByKey.get(key(visit));
    if (!other) return { ...comparison, difference: { kind: 'path', state: visit.state, left: visit } };
    if (!sameJson(visit.input, other.input)) return { ...comparison, difference: { kind: 'input', state: visit.state, left: visit, right: other } };
    if (!sameJson(visit.output, other.output)) return { ...comparison, difference: { kind: 'output', state: visit.state, left: visit, right: other } };
  }
  const extra = rightVisits.find((visit) => !leftKeys.has(key(visit)));
  if (extra) return { ...comparison, difference: { kind: 'path', state: extra.state, right: extra } };
  const [leftEnd, rightEnd] = [runEnd(left) ?? { type: 'Running' }, runEnd(right) ?? { type: 'Running' }];
  const endsAlike = leftEnd.type === rightEnd.type && sameJson(leftEnd.output, rightEnd.output) && leftEnd.error === rightEnd.error && leftEnd.cause === rightEnd.cause;
  return endsAlike ? comparison : { ...comparison, difference: { kind: 'end', left: leftEnd, right: rightEnd } };
}

/** The difference in a sentence, naming the runs as the caller does ("local", "AWS"). */
export function describeDifference(difference: RunDifference | undefined, leftName: string, rightName: string): string {
  if (!difference) return `The runs took the same states with the same input and output, and ended alike.`;
  const ordinal = (visit: StateVisit) => (visit.occurrence ? ` (visit ${visit.occurrence + 1})` : '');
  switch (difference.kind) {
    case 'path': {
      const [visit, by, not] = difference.left ? [difference.left, leftName, rightName] : [difference.right!, rightName, leftName];
      return `The paths part at '${difference.state}'${ordinal(visit)}: the ${by} run entered it, the ${not} run did not.`;
    }
    case 'input':
    case 'output':
      return `'${difference.state}'${ordinal(difference.left)} ${difference.kind === 'input' ? 'was entered with' : 'exited with'} a different ${difference.kind}.`;
    case 'end':
      return `The same states with the same data, but the ${leftName} run ended ${endText(difference.left)} and the ${rightName} run ${endText(difference.right)}.`;
  }
}

function endText(end: RunEnd): string {
  return end.error !== undefined ? `${end.type} (${end.error})` : end.type;
}

/** Whether two JSON texts hold the same value (whitespace and key order aside); absent matches absent only. */
export function sameJson(left: string | undefined, right: string | undefined): boolean {
  if (left === right) return true;
  if (left === undefined || right === undefined) return false;
  return canonical(parse(left)) === canonical(parse(right));
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
