// Cancellation of a line of control (the execution, a Parallel's branches, a Map's iterations): a plain
// flag read before every event, as an AbortSignal's getter and an AbortController per execution and per
// Parallel cost the hot path (profile of issue 16). An AbortSignal is made only when an API asks for
// one (a Task's resolver: TaskInvocation.signal).

export class Cancellation {
  cancelled = false;
  private listeners?: Set<() => void>;
  private controller?: AbortController;
  /** Unsubscribes this cancellation from its parent's. */
  private readonly detach?: () => void;

  /** `parent`: cancelling it cancels this one too (until dispose()). */
  constructor(parent?: Cancellation) {
    if (!parent) return;
    if (parent.cancelled) this.cancelled = true;
    else this.detach = parent.onCancel(() => this.cancel());
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    const listeners = this.listeners;
    this.listeners = undefined;
    if (listeners) for (const listener of listeners) listener();
  }

  /** Calls `listener` once when cancelled (not if already cancelled); returns the unsubscription. */
  onCancel(listener: () => void): () => void {
    (this.listeners ??= new Set()).add(listener);
    return () => this.listeners?.delete(listener);
  }

  /** Stops following the parent (the branches or iterations have ended). */
  dispose(): void {
    this.detach?.();
  }

  /** The AbortSignal of this cancellation, made on first use. */
  get signal(): AbortSignal {
    if (!this.controller) {
      const controller = this.controller = new AbortController();
      if (this.cancelled) controller.abort();
      else this.onCancel(() => controller.abort());
    }
    return this.controller.signal;
  }
}
