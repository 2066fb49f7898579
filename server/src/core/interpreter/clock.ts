// An execution's clock. Virtual (default): waits and retry intervals end as soon as every branch
// of the execution is waiting, and the clock jumps ahead by the time skipped, so timestamps read as
// if the time had passed. Real: waits really wait.
import { AbortedError } from './errors';
import type { Cancellation } from './cancellation';

/** The last instant a JavaScript Date can hold (year 275760). */
const LATEST_DATE_MS = 8.64e15;
/** setTimeout's longest delay (about 24.8 days); it fires at once for a longer one. */
export const LONGEST_TIMEOUT_MS = 2 ** 31 - 1;

interface Timer { at: number; resolve(): void; reject(error: Error): void; stopListening?: () => void }

export class Clock {
  private skew: number;
  private readonly timers: Timer[] = [];
  private advancing = false;
  /** Work outside the interpreter (local task handlers) that virtual time must not skip over. */
  private external = 0;

  /** `origin`: the execution's start on this clock; a fixed start makes timestamps independent of today's date. */
  constructor(readonly real: boolean, origin?: number) {
    this.skew = origin === undefined ? 0 : origin - Date.now();
  }

  /** Never past the last instant a Date holds: beyond it, no timestamp could be written. */
  now(): number {
    return Math.min(Date.now() + this.skew, LATEST_DATE_MS);
  }

  sleep(ms: number, cancellation?: Cancellation): Promise<void> {
    if (cancellation?.cancelled) return Promise.reject(new AbortedError());
    if (ms <= 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer: Timer = { at: Math.min(this.now() + ms, LATEST_DATE_MS), resolve, reject };
      let onCancel: () => void;
      if (this.real) {
        // setTimeout waits at most 2^31 - 1 ms (24.8 days) and fires at once beyond: a longer wait is several.
        let handle: ReturnType<typeof setTimeout>;
        const wake = () => {
          const left = timer.at - this.now();
          if (left > 0) handle = setTimeout(wake, Math.min(left, LONGEST_TIMEOUT_MS));
          else { timer.stopListening?.(); resolve(); }
        };
        wake();
        onCancel = () => { clearTimeout(handle); reject(new AbortedError()); };
      } else {
        this.timers.push(timer);
        onCancel = () => {
          const index = this.timers.indexOf(timer);
          if (index >= 0) this.timers.splice(index, 1);
          reject(new AbortedError());
        };
        this.scheduleAdvance();
      }
      timer.stopListening = cancellation?.onCancel(onCancel);
    });
  }

  /** Runs `work` as external work: virtual time stands still until it settles. */
  async runExternal<T>(work: () => Promise<T>): Promise<T> {
    this.external++;
    try {
      return await work();
    } finally {
      this.external--;
      this.scheduleAdvance();
    }
  }

  /**
   * Ends a wait of `ms` at once when its sleeper is the execution's only line of control (no Parallel branch
   * or Map iteration runs): once it sleeps every branch is waiting, so on the virtual clock the wait ends without
   * the turn of the event loop sleep() gives the other branches (Hello World paid one per execution). Not while
   * external work runs or a timer (the execution's timeout) is due first. Answers whether it did.
   */
  skip(ms: number): boolean {
    if (this.real || this.external > 0) return false;
    const now = this.now();
    const at = Math.min(now + ms, LATEST_DATE_MS);
    for (const timer of this.timers) if (timer.at <= at) return false;
    this.skew += at - now;
    return true;
  }

  /** Once every runnable branch has reached its next wait, fire the earliest timer. */
  private scheduleAdvance(): void {
    if (this.advancing || this.real || this.timers.length === 0) return;
    this.advancing = true;
    setImmediate(() => {
      this.advancing = false;
      if (this.external > 0 || this.timers.length === 0) return;
      let earliest = 0;
      for (let i = 1; i < this.timers.length; i++) if (this.timers[i].at < this.timers[earliest].at) earliest = i;
      const [timer] = this.timers.splice(earliest, 1);
      const now = this.now();
      if (timer.at > now) this.skew += timer.at - now;
      timer.stopListening?.();
      timer.resolve();
      this.scheduleAdvance();
    });
  }
}
