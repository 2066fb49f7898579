// Cancellation of a line of control (the execution, a Parallel's branches, a Map's iterations): a plain
// flag read before every event, as an AbortSignal's getter and an AbortController per execution and per
// Parallel cost the hot path (profile of issue 16). An AbortSignal is made only when an API asks for
// one (a Task's resolver: TaskInvocation.signal).

/** What a cancellation calls when cancelled: a listener, or a cancellation that follows it. */
type Follower = (() => void) | Cancellation;

export class Cancellation {
  cancelled = false;
  /**
   * The followers, in the order they came: the first alone needs no Set (most cancellations have one follower,
   * a Parallel's or Map's: a Set, a closure and the Set's shrinking on removal cost Hello World 5% of its allocations).
   */
  private first?: Follower;
  private rest?: Set<Follower>;
  private controller?: AbortController;

  /** `parent`: cancelling it cancels this one too (until dispose()). */
  constructor(private readonly parent?: Cancellation) {
    if (!parent) return;
    if (parent.cancelled) this.cancelled = true;
    else parent.follow(this);
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    const { first, rest } = this;
    this.first = this.rest = undefined;
    if (first) notify(first);
    if (rest) for (const follower of rest) notify(follower);
  }

  /** Calls `listener` once when cancelled (not if already cancelled); returns the unsubscription. */
  onCancel(listener: () => void): () => void {
    this.follow(listener);
    return () => this.unfollow(listener);
  }

  /** Stops following the parent (the branches or iterations have ended). */
  dispose(): void {
    this.parent?.unfollow(this);
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

  // A follower joins the Set once there is one (or the first place is taken): the order of coming stays the order of calling.
  private follow(follower: Follower): void {
    if (this.first === undefined && this.rest === undefined) this.first = follower;
    else (this.rest ??= new Set()).add(follower);
  }

  private unfollow(follower: Follower): void {
    if (this.first === follower) this.first = undefined;
    else this.rest?.delete(follower);
  }
}

function notify(follower: Follower): void {
  if (follower instanceof Cancellation) follower.cancel();
  else follower();
}
