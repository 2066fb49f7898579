// What an execution's history looks like in the Step Functions console, computed from its
// events alone: the events table (ID, Type, Step, Resource, Started After, Timestamp), the
// header (status, dates, duration, state transitions, output or error) and one summary per
// state (status for the graph overlay, input, output, variables, retries, timing).
// Events may arrive in batches while the execution runs; `add` takes them in order.
import type { ExecutionStatus, HistoryEvent } from '../interpreter/api';
import { previewText } from './storedTexts';

/** The console's legend: Succeeded green, Failed red, Caught error orange, In progress blue, Cancelled grey. */
export type StateStatus = 'succeeded' | 'failed' | 'caught' | 'running' | 'cancelled';

export const stateStatusLabels: Record<StateStatus, string> = {
  succeeded: 'Succeeded',
  failed: 'Failed',
  caught: 'Caught error',
  running: 'In progress',
  cancelled: 'Cancelled',
};

export const executionStatusLabels: Record<ExecutionStatus, string> = {
  RUNNING: 'Running',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  TIMED_OUT: 'Timed out',
  ABORTED: 'Aborted',
};

/** The legend colour of an execution status. */
export function executionStatusColour(status: ExecutionStatus): StateStatus {
  switch (status) {
    case 'RUNNING': return 'running';
    case 'SUCCEEDED': return 'succeeded';
    case 'ABORTED': return 'cancelled';
    default: return 'failed';
  }
}

export interface EventRow {
  id: number;
  type: string;
  /** The state the event belongs to; empty for execution events. */
  step: string;
  /** The Task resource of the step, when it has one. */
  resource: string;
  /** Milliseconds since ExecutionStarted. */
  startedAfterMs: number;
  timestamp: string;
  /** How the console tints the row: failures red, successes green. */
  tone: 'failed' | 'succeeded' | 'neutral';
  event: HistoryEvent;
}

export interface StateSummary {
  name: string;
  /** The state type as the events name it (Task, Pass, Map, ...). */
  type: string;
  status: StateStatus;
  /** Times the state was entered (loops, Map iterations). */
  entries: number;
  /** Task invocations, retries included. */
  attempts: number;
  /** Of the last entry, as JSON texts. */
  input?: string;
  output?: string;
  assignedVariables?: Record<string, string>;
  enteredAt?: string;
  exitedAt?: string;
  durationMs?: number;
  /** The last error recorded in the state (a retried, caught or final failure). */
  error?: string;
  cause?: string;
}

interface StateTrack extends StateSummary {
  enteredTime: number;
  active: number;
  pendingFailure: boolean;
  failed: boolean;
  caught: boolean;
}

const CONTAINER_EVENT = /^(Parallel|Map)State(?:Started|Succeeded|Failed|Aborted)$/;
const FAILURE = /(Failed|TimedOut|Aborted)$/;
const TERMINAL: Record<string, Exclude<ExecutionStatus, 'RUNNING'>> = {
  ExecutionSucceeded: 'SUCCEEDED',
  ExecutionFailed: 'FAILED',
  ExecutionTimedOut: 'TIMED_OUT',
  ExecutionAborted: 'ABORTED',
};

/** The one `...EventDetails` member of an event, if any. */
export function eventDetails(event: HistoryEvent): Record<string, unknown> | undefined {
  for (const key in event) {
    if (key.endsWith('EventDetails')) {
      const value = event[key];
      return value && typeof value === 'object' ? value as Record<string, unknown> : undefined;
    }
  }
  return undefined;
}

export class ExecutionHistory {
  readonly rows: EventRow[] = [];
  status: ExecutionStatus = 'RUNNING';
  startDate?: string;
  stopDate?: string;
  input?: string;
  output?: string;
  error?: string;
  cause?: string;
  /** Entered states, as the console counts transitions. */
  stateTransitions = 0;
  private readonly states = new Map<string, StateTrack>();
  private readonly rowById = new Map<number, EventRow>();
  private readonly resources = new Map<string, string>();
  /** Parallel and Map states entered and not yet exited, innermost last. */
  private readonly containers: { kind: string; name: string }[] = [];
  private startTime = NaN;

  constructor(events: readonly HistoryEvent[] = []) {
    this.add(events);
  }

  add(events: readonly HistoryEvent[]): void {
    for (const event of events) this.addOne(event);
  }

  get durationMs(): number | undefined {
    if (!this.startDate) return undefined;
    return Date.parse(this.stopDate ?? this.rows[this.rows.length - 1].timestamp) - this.startTime;
  }

  /** Every state entered so far, by name. */
  stateSummaries(): Map<string, StateSummary> {
    const result = new Map<string, StateSummary>();
    for (const [name, track] of this.states) {
      const { enteredTime, active, pendingFailure, failed, caught, ...summary } = track;
      result.set(name, { ...summary, status: this.statusOf(track) });
    }
    return result;
  }

  /** The distinct event types, in order of first appearance (for the type filter). */
  eventTypes(): string[] {
    return [...new Set(this.rows.map((row) => row.type))];
  }

  private statusOf(track: StateTrack): StateStatus {
    if (track.failed) return 'failed';
    if (track.active > 0) {
      if (this.status === 'RUNNING') return 'running';
      return track.pendingFailure ? 'failed' : 'cancelled';
    }
    return track.caught ? 'caught' : 'succeeded';
  }

  private addOne(event: HistoryEvent): void {
    const details = eventDetails(event);
    const previous = this.rowById.get(event.previousEventId);
    // An EvaluationFailed names its state (`state`): it follows the event before that state's Entered one.
    const name = previewText(details?.name ?? details?.state);
    const step = event.type.startsWith('Execution') ? '' : name ?? this.openContainer(event.type) ?? previous?.step ?? '';
    const time = Date.parse(event.timestamp);
    if (event.type === 'ExecutionStarted') {
      this.startTime = time;
      this.startDate = event.timestamp;
      this.input = previewText(details?.input);
    }
    const row: EventRow = {
      id: event.id,
      type: event.type,
      step,
      resource: this.resources.get(step) ?? '',
      startedAfterMs: Number.isNaN(this.startTime) ? 0 : time - this.startTime,
      timestamp: event.timestamp,
      tone: FAILURE.test(event.type) ? 'failed' : event.type.endsWith('Succeeded') ? 'succeeded' : 'neutral',
      event,
    };
    this.rows.push(row);
    this.rowById.set(event.id, row);
    this.recordResource(event, details, row, previous);
    this.recordState(event, details, row, time);
    const terminal = TERMINAL[event.type];
    if (terminal) {
      this.status = terminal;
      this.stopDate = event.timestamp;
      this.output = previewText(details?.output);
      this.error = previewText(details?.error);
      this.cause = previewText(details?.cause);
      if (terminal === 'FAILED') this.failIn(previous);
    }
  }

  /**
   * A state can fail the execution with no failed event of its own (AWS records a States.Runtime
   * error, such as a bad path, as the state entered then the execution failed): the state of the
   * event the failure follows failed, with the execution's error.
   */
  private failIn(previous: EventRow | undefined): void {
    const track = previous?.step ? this.states.get(previous.step) : undefined;
    if (!track || track.active === 0 || track.pendingFailure || track.failed) return;
    track.failed = true;
    track.error = this.error;
    track.cause = this.cause;
  }

  /**
   * A Parallel's or Map's own events follow the last event of a branch, so their step is the
   * innermost open state of that kind, not the one before them.
   */
  private openContainer(type: string): string | undefined {
    const kind = CONTAINER_EVENT.exec(type)?.[1];
    if (!kind) return undefined;
    for (let i = this.containers.length - 1; i >= 0; i--) {
      if (this.containers[i].kind === kind) return this.containers[i].name;
    }
    return undefined;
  }

  /** A step's resource is known from its scheduling event; the entered event before it gets it too. */
  private recordResource(event: HistoryEvent, details: Record<string, unknown> | undefined, row: EventRow, previous: EventRow | undefined): void {
    if (!event.type.endsWith('Scheduled') || !row.step || !details) return;
    const resource = previewText(details.resource);
    if (!resource) return;
    const resourceType = previewText(details.resourceType);
    row.resource = resourceType ? `${resourceType}:${resource}` : resource;
    this.resources.set(row.step, row.resource);
    if (previous?.step === row.step && previous.type.endsWith('StateEntered')) previous.resource = row.resource;
  }

  private recordState(event: HistoryEvent, details: Record<string, unknown> | undefined, row: EventRow, time: number): void {
    const { type } = event;
    if (!row.step) return;
    if (type.endsWith('StateEntered')) {
      this.stateTransitions++;
      const track = this.track(row.step, type.slice(0, -'StateEntered'.length));
      track.active++;
      track.entries++;
      track.input = previewText(details?.input);
      track.enteredAt = event.timestamp;
      track.enteredTime = time;
      track.exitedAt = undefined;
      track.durationMs = undefined;
      track.pendingFailure = false;
      if (type === 'FailStateEntered') track.failed = true;
      if (track.type === 'Parallel' || track.type === 'Map') this.containers.push({ kind: track.type, name: row.step });
      return;
    }
    const track = this.states.get(row.step);
    if (!track) return;
    if (type.endsWith('StateExited')) {
      track.active = Math.max(0, track.active - 1);
      track.output = previewText(details?.output);
      const variables = details?.assignedVariables;
      track.assignedVariables = variables && typeof variables === 'object'
        ? Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, previewText(value) ?? ''])) : undefined;
      track.exitedAt = event.timestamp;
      track.durationMs = time - track.enteredTime;
      if (track.pendingFailure) track.caught = true;
      track.pendingFailure = false;
      const open = this.containers.map((container) => container.name).lastIndexOf(row.step);
      if (open >= 0) this.containers.splice(open, 1);
    } else if (type.endsWith('Scheduled')) {
      // A new invocation: an earlier failure of this entry was retried.
      track.attempts++;
      track.pendingFailure = false;
    } else if (FAILURE.test(type) && !type.startsWith('MapIteration')) {
      track.pendingFailure = true;
      track.error = previewText(details?.error);
      track.cause = previewText(details?.cause);
    }
  }

  private track(name: string, type: string): StateTrack {
    let track = this.states.get(name);
    if (!track) {
      track = { name, type, status: 'running', entries: 0, attempts: 0, enteredTime: NaN, active: 0, pendingFailure: false, failed: false, caught: false };
      this.states.set(name, track);
    }
    return track;
  }
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** A duration as the console prints it: `00:00:03.015`. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || Number.isNaN(ms)) return '-';
  const total = Math.max(0, Math.round(ms));
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor(total / 60_000) % 60;
  const seconds = Math.floor(total / 1000) % 60;
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(total % 1000, 3)}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A timestamp as the console prints it, `Nov 25, 2026, 17:35:12.123`, in local time unless `utc`. */
export function formatTimestamp(iso: string | undefined, utc = false): string {
  if (!iso) return '-';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const [year, month, day, hours, minutes, seconds, ms] = utc
    ? [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds()]
    : [date.getFullYear(), date.getMonth(), date.getDate(), date.getHours(), date.getMinutes(), date.getSeconds(), date.getMilliseconds()];
  return `${MONTHS[month]} ${day}, ${year}, ${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(ms, 3)}`;
}

/** Rows whose type is `type` (when given) and whose cells or details contain `query`, case-insensitively. */
export function filterRows(rows: readonly EventRow[], query: string, type?: string): EventRow[] {
  const needle = query.trim().toLowerCase();
  return rows.filter((row) => (!type || row.type === type) && (!needle || searchText(row).includes(needle)));
}

const searchTexts = new WeakMap<EventRow, string>();

function searchText(row: EventRow): string {
  let cached = searchTexts.get(row);
  if (cached === undefined) {
    cached = `${row.id}\n${row.type}\n${row.step}\n${row.resource}\n${JSON.stringify(eventDetails(row.event) ?? {})}`.toLowerCase();
    searchTexts.set(row, cached);
  }
  return cached;
}
