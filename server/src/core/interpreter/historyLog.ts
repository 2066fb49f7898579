// An execution's history as it is recorded. While nobody reads the events as they come, each event waits as six
// slots of one flat array, and the events GetExecutionHistory answers are made when the history is read: an event
// object and its details object per event, each kept until the execution ends, were half a 5,000-iteration loop's
// CPU (copied by every scavenge, then promoted). Told as they come (onEvent), events are made at once.
import type { HistoryEvent } from './api';
import { json, NOT_TRUNCATED } from './state';

/** A state's input or output as its event holds it: the JSON text, or the value (an object) until the history is read. */
export type Payload = string | object;

/** How an event's details wait (the log's fourth slot); the fifth and sixth slots hold what it says. */
const enum Kept {
  /** The details member, or undefined: the details object ({ taskScheduledEventDetails: ... }). */
  Details,
  /** A state's Entered event: its name and input payload. */
  Entered,
  /** A state's Exited event: its name and output payload. */
  Exited,
  /** A Map iteration's Started or Succeeded event: the Map state's name and the item's index. */
  Iteration,
}

const SLOTS = 6;
/** The first chunk's events: a short execution's (Hello World's 20 fit). */
const FIRST_CHUNK_EVENTS = 24;
/**
 * The most a chunk holds: 48 KB, a young object like the payloads stored in it. A chunk over V8's 128 KB
 * threshold went to the large-object space, and every store of a young payload into it took the write
 * barrier's slow path (the stores were a fifth of a loop's CPU; with chunks of 1,024 events the loop took a quarter less).
 */
const CHUNK_EVENTS = 1024;

export class HistoryLog {
  /** The events made so far, in order (none kept with keepHistory false). */
  private readonly made: HistoryEvent[] = [];
  /**
   * Events recorded and not made yet, SLOTS slots each (previousEventId, timestamp, type, Kept, then two of its
   * values), in chunks of fixed size: a growing array copied itself at each growth (3 MB per 20,000 events).
   */
  private chunks: unknown[][] = [];
  /** The last chunk's slots in use. */
  private used = 0;
  private waitingEvents = 0;
  /** The id of the first event this log holds (after a redriven history's). */
  private firstId = 1;

  /**
   * `defer`: events wait until read (nobody reads them as they come, and the values the engine hands over are
   * never mutated: states copy, never change, their input). Else each is made at once, kept unless `keep` is
   * false, and told to `onEvent`.
   */
  constructor(private readonly defer: boolean, private readonly keep: boolean, private readonly onEvent?: (event: HistoryEvent) => void) {}

  /** Events recorded, kept or not. */
  get count(): number {
    return this.firstId - 1 + this.made.length + this.waitingEvents;
  }

  /** A redrive: this execution's events continue after the `previous` events of its history. */
  continueAfter(previous: number): void {
    this.firstId = previous + 1;
  }

  /** Records an event with its details object (or none); answers its id. */
  record(previousEventId: number, timestamp: string, type: string, details?: Record<string, unknown>): number {
    return this.add(previousEventId, timestamp, type, Kept.Details, undefined, details);
  }

  /** Records a state's Entered or Exited event without assigned variables (those take `record`). */
  recordState(previousEventId: number, timestamp: string, type: string, exited: boolean, name: string, payload: Payload): number {
    return this.add(previousEventId, timestamp, type, exited ? Kept.Exited : Kept.Entered, name, payload);
  }

  /** Records a Map iteration's Started or Succeeded event. */
  recordIteration(previousEventId: number, timestamp: string, type: string, name: string, index: number): number {
    return this.add(previousEventId, timestamp, type, Kept.Iteration, name, index);
  }

  /** The history, every event made. */
  get events(): HistoryEvent[] {
    this.makeWaiting();
    return this.made;
  }

  /** Makes the events that wait, with their texts. */
  makeWaiting(): void {
    if (this.waitingEvents === 0) return;
    // A state's output is the next one's input: the last text made is reused.
    let lastValue: unknown;
    let lastText = '';
    const text = (payload: Payload): string => typeof payload !== 'object' ? payload : payload === lastValue ? lastText : (lastText = json(lastValue = payload));
    const last = this.chunks.length - 1;
    for (let c = 0; c <= last; c++) {
      const chunk = this.chunks[c];
      const end = c === last ? this.used : chunk.length;
      for (let i = 0; i < end; i += SLOTS) {
        const id = this.firstId + this.made.length;
        this.made.push(eventOf(id, chunk[i] as number, chunk[i + 1] as string, chunk[i + 2] as string, chunk[i + 3] as Kept, chunk[i + 4], chunk[i + 5], text));
      }
    }
    this.chunks = [];
    this.used = this.waitingEvents = 0;
  }

  private add(previousEventId: number, timestamp: string, type: string, kept: Kept, first: unknown, second: unknown): number {
    if (this.defer) {
      let chunk = this.chunks[this.chunks.length - 1];
      if (chunk === undefined || this.used === chunk.length) {
        chunk = new Array(SLOTS * (chunk === undefined ? FIRST_CHUNK_EVENTS : Math.min(2 * chunk.length / SLOTS, CHUNK_EVENTS)));
        this.chunks.push(chunk);
        this.used = 0;
      }
      chunk[this.used] = previousEventId;
      chunk[this.used + 1] = timestamp;
      chunk[this.used + 2] = type;
      chunk[this.used + 3] = kept;
      chunk[this.used + 4] = first;
      chunk[this.used + 5] = second;
      this.used += SLOTS;
      this.waitingEvents++;
      return this.count;
    }
    const event = eventOf(this.count + 1, previousEventId, timestamp, type, kept, first, second, textOf);
    if (this.keep) this.made.push(event);
    else this.firstId++;
    this.onEvent?.(event);
    return event.id;
  }
}

/** A payload's text: a value that waited (an object) made a JSON text; a text as it is. */
const textOf = (payload: Payload): string => typeof payload !== 'object' ? payload : json(payload);

/** An event as GetExecutionHistory answers it, built whole: one object of one shape (added members would cost a property store each). */
function eventOf(id: number, previousEventId: number, timestamp: string, type: string, kept: Kept, first: unknown, second: unknown, text: (payload: Payload) => string): HistoryEvent {
  switch (kept) {
    case Kept.Entered:
      return { id, previousEventId, timestamp, type, stateEnteredEventDetails: { name: first, input: text(second as Payload), inputDetails: NOT_TRUNCATED } };
    case Kept.Exited:
      return { id, previousEventId, timestamp, type, stateExitedEventDetails: { name: first, output: text(second as Payload), outputDetails: NOT_TRUNCATED } };
    case Kept.Iteration:
      return type === 'MapIterationStarted'
        ? { id, previousEventId, timestamp, type, mapIterationStartedEventDetails: { name: first, index: second } }
        : { id, previousEventId, timestamp, type, mapIterationSucceededEventDetails: { name: first, index: second } };
  }
  const details = second as Record<string, unknown> | undefined;
  if (!details) return { id, previousEventId, timestamp, type };
  let key = '';
  let keys = 0;
  for (const name in details) {
    key = name;
    keys++;
  }
  if (keys !== 1) return { id, previousEventId, timestamp, type, ...details };
  const member = details[key] as { input?: Payload; output?: Payload };
  // The payloads that waited: a state's input or output (with its assigned variables), the execution's output.
  if (key === 'stateEnteredEventDetails' || key === 'stateExitedEventDetails' || key === 'executionSucceededEventDetails') {
    if (typeof member.input === 'object') member.input = text(member.input);
    if (typeof member.output === 'object') member.output = text(member.output);
  }
  return { id, previousEventId, timestamp, type, [key]: member };
}
