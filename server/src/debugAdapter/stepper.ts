// The debugger's side of the interpreter's step hooks: every state entered is recorded (for stepping
// back), and before it runs the stepper decides whether to stop there (entry, breakpoint, step,
// pause). Decisions are taken one state at a time, so while the run is stopped every Parallel branch
// and Map iteration waits at its next state: all threads stop together, as VS Code shows them.
import type { CompiledState } from '../core/interpreter/state';
import { StateContext, type Frame } from '../core/interpreter/engine';
import type { StepHooks } from '../core/interpreter/stepping';
import type { JsonPath } from '../languageService/aslDocument';

/** One state entered: what it saw, and once it ran, what it made. */
export interface StepRecord {
  /** Its place in the recording (0, 1, 2, ...). */
  readonly index: number;
  readonly state: CompiledState;
  readonly frame: Frame;
  /** Where the state is in the definition. */
  readonly path: JsonPath;
  readonly threadId: number;
  /** The record of the Map or Parallel state whose branch or iteration runs this state. */
  readonly enclosing?: StepRecord;
  /** Before the state runs, the input the user may still edit. */
  input: unknown;
  readonly variables: Record<string, unknown>;
  readonly enteredTime: string;
  retryCount: number;
  effectiveInput?: unknown;
  result?: unknown;
  output?: unknown;
  assigned?: Record<string, unknown>;
  failure?: { error: string; cause?: string; handled: boolean };
  finished: boolean;
}

export type StopReason = 'entry' | 'breakpoint' | 'step' | 'pause' | 'exception' | 'restart';

/** How the run goes on from a stop. */
export type Motion =
  | { kind: 'continue' }
  | { kind: 'next'; frame: Frame }
  | { kind: 'stepIn' }
  | { kind: 'stepOut'; frame: Frame };

export interface StepperEvents {
  /** Whether to stop at a state (a breakpoint's condition and hit count, a logpoint's message). */
  breakpointAt(record: StepRecord): Promise<boolean>;
  /** Whether to stop at a failure (the exception filters). */
  stopsOnFailure(record: StepRecord): boolean;
  stopped(record: StepRecord, reason: StopReason): void;
  threadStarted(threadId: number): void;
  threadEnded(threadId: number): void;
}

/** The context object (`$$`) the state has (or had) while it runs. */
export function contextOf(record: StepRecord): Record<string, unknown> {
  const ctx = new StateContext(record.state, record.frame, 0, record.enteredTime, record.input);
  ctx.retryCount = record.retryCount;
  return ctx.contextObject();
}

/** Whether `ancestor` is `frame` or a frame that started it (through branches and iterations). */
export function isWithin(frame: Frame, ancestor: Frame): boolean {
  for (let current: Frame | undefined = frame; current; current = current.enclosing?.parent) if (current === ancestor) return true;
  return false;
}

export class Stepper implements StepHooks {
  readonly records: StepRecord[] = [];
  /** The state each frame runs now. */
  private readonly running = new Map<Frame, StepRecord>();
  private readonly threads = new Map<Frame, number>();
  private nextThreadId = 2;
  private decisions: Promise<unknown> = Promise.resolve();
  private motion: Motion | undefined = { kind: 'continue' };
  private pauseRequested = false;
  private release?: () => void;
  /** The record the live run is stopped at. */
  stoppedAt?: StepRecord;

  constructor(
    private readonly events: StepperEvents,
    /** Where each state is in the definition, from its graph's place. */
    private readonly locate: (state: CompiledState, frame: Frame, enclosing: StepRecord | undefined) => JsonPath,
    /** Stop at the first state, for this reason ('entry', or 'restart' when re-running from a state). */
    private entry: StopReason | undefined,
  ) {}

  /** The frames running a state now, with their threads (1 is the execution's). */
  liveThreads(): { threadId: number; record: StepRecord }[] {
    return [...this.running.values()].map((record) => ({ threadId: record.threadId, record }));
  }

  threadOf(frame: Frame): number {
    if (!frame.enclosing) return 1;
    let id = this.threads.get(frame);
    if (id === undefined) {
      id = this.nextThreadId++;
      this.threads.set(frame, id);
      this.events.threadStarted(id);
    }
    return id;
  }

  beforeState(state: CompiledState, frame: Frame, input: unknown): Promise<unknown> {
    return this.serially(async () => {
      const enclosing = frame.enclosing ? this.running.get(frame.enclosing.parent) : undefined;
      const record: StepRecord = {
        index: this.records.length, state, frame, path: this.locate(state, frame, enclosing), threadId: this.threadOf(frame), enclosing,
        input, variables: frame.variables.all(), enteredTime: frame.runtime.timestamp(), retryCount: 0, finished: false,
      };
      this.records.push(record);
      this.running.set(frame, record);
      const reason = await this.reasonToStop(record);
      if (reason) await this.stop(record, reason);
      return record.input;
    });
  }

  afterState(ctx: StateContext, output: unknown, next: string | undefined, assigned: Record<string, unknown> | undefined): void {
    const record = this.running.get(ctx.frame);
    if (!record) return;
    record.effectiveInput = ctx.effectiveInput;
    record.result = ctx.result;
    record.output = output;
    record.assigned = assigned;
    record.retryCount = ctx.retryCount;
    record.finished = true;
    if (next === undefined) this.frameEnded(ctx.frame);
  }

  stateFailed(ctx: StateContext, failure: { error: string; cause?: string }, handled: boolean): Promise<void> {
    return this.serially(async () => {
      const record = this.running.get(ctx.frame);
      if (!record) return;
      record.retryCount = ctx.retryCount;
      record.effectiveInput = ctx.effectiveInput;
      record.failure = { error: failure.error, cause: failure.cause, handled };
      if (this.events.stopsOnFailure(record)) await this.stop(record, 'exception');
      if (!handled) {
        record.finished = true;
        this.frameEnded(ctx.frame);
      }
    });
  }

  /** Goes on from the live stop. */
  resume(motion: Motion): void {
    this.motion = motion;
    const release = this.release;
    this.release = undefined;
    this.stoppedAt = undefined;
    release?.();
  }

  /** Stops at the next state entered anywhere. */
  pause(): void {
    this.pauseRequested = true;
  }

  /** Lets a stopped run go, never to stop again (the execution is being stopped). */
  releaseForever(): void {
    this.motion = undefined;
    this.resume({ kind: 'continue' });
    this.disabled = true;
  }

  private disabled = false;

  private frameEnded(frame: Frame): void {
    this.running.delete(frame);
    const id = this.threads.get(frame);
    if (id !== undefined) {
      this.threads.delete(frame);
      this.events.threadEnded(id);
    }
  }

  private async reasonToStop(record: StepRecord): Promise<StopReason | undefined> {
    if (this.disabled) return undefined;
    const entry = this.entry;
    if (entry) {
      this.entry = undefined;
      return entry;
    }
    if (await this.events.breakpointAt(record)) return 'breakpoint';
    if (this.pauseRequested) {
      this.pauseRequested = false;
      return 'pause';
    }
    return this.motion && stepEndsAt(this.motion, record) ? 'step' : undefined;
  }

  private stop(record: StepRecord, reason: StopReason): Promise<void> {
    if (this.disabled) return Promise.resolve();
    this.stoppedAt = record;
    return new Promise<void>((resolve) => {
      this.release = resolve;
      this.events.stopped(record, reason);
    });
  }

  /** Runs the decisions one at a time, in the order the states arrive. */
  private serially<T>(decide: () => Promise<T>): Promise<T> {
    const decision = this.decisions.then(decide);
    this.decisions = decision.then(() => undefined, () => undefined);
    return decision;
  }
}

/** Whether a step (next, step in, step out) ends at a state: the same predicate runs live and over the recording. */
export function stepEndsAt(motion: Motion, record: StepRecord): boolean {
  switch (motion.kind) {
    case 'continue': return false;
    case 'stepIn': return true;
    case 'next': return isWithin(motion.frame, record.frame);
    case 'stepOut': return motion.frame.enclosing !== undefined && isWithin(motion.frame.enclosing.parent, record.frame);
  }
}
