// What a debugger needs to step through an execution (StartOptions.stepping): hooks around each
// state, awaited where the debugger may hold the run (before a state, on a failure), and where to
// start when it re-runs the execution from a state. Absent, the engine pays one property check per state.
import type { StartOptions } from './api';
import type { CompiledState } from './state';
import type { Frame, StateContext } from './engine';

export interface StepHooks {
  /** Before a state is entered (no event recorded yet): resolves to the input it runs with, edited or not. */
  beforeState(state: CompiledState, frame: Frame, input: unknown): Promise<unknown>;
  /** A state exited (`next` undefined: its graph ends): `ctx` holds its raw and effective input, its result and retry count. */
  afterState(ctx: StateContext, output: unknown, next: string | undefined, assigned: Record<string, unknown> | undefined): void;
  /** An attempt failed; `handled` when a retrier or a catcher of the state takes the error. */
  stateFailed(ctx: StateContext, failure: { error: string; cause?: string }, handled: boolean): Promise<void>;
}

/** StartOptions with a debugger (kept out of api.ts, which the webviews' types reach without the engine's). */
export interface SteppedStartOptions extends StartOptions {
  stepping?: Stepping;
}

export interface Stepping {
  hooks: StepHooks;
  /** Re-running from a top-level state: the state to start at (its input is StartOptions.input)... */
  startAt?: string;
  /** ...and the workflow variables it saw. */
  variables?: Record<string, unknown>;
}

/** Where a Parallel branch or a Map iteration runs: the state that started it, its index, the frame it was started from. */
export interface Enclosing {
  kind: 'branch' | 'iteration';
  state: string;
  index: number;
  parent: Frame;
}
