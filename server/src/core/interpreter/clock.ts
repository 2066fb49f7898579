// An execution's clock. Virtual (default): waits and retry intervals end as soon as every branch
// of the execution is waiting, and the clock jumps ahead by the time skipped, so timestamps read as
// if the time had passed. Real: waits really wait.
import { AbortedError } from './errors';

/** The last instant a JavaScript Date can hold (year 275760). */
const LATEST_DATE_MS = 8.64e15;

interface Timer { at: number; resolve(): void; reject(error: Error): void; signal?: AbortSignal; onAbort?: () => void }

export class Clock {
  private skew: number;
  private readonly timers: Timer[] = [];
  private advancing = false;
  /** Work outside the interpreter (local task handlers) that virtual time must not skip over. */
  private external = 0;

  /** `origin`: the execution's start on this clock; a fixed start makes timestamps independent of today's date. */
  constructor(readonly real: boolean, origin = Date.now()) {
    this.skew = origin - Date.now();
  }

  now(): number {
    return Date.now() + this.skew;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new AbortedError());
    if (ms <= 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      // Past the last instant a Date can hold, timestamps could not be written: the clock stops there.
      const timer: Timer = { at: Math.min(this.now() + ms, LATEST_DATE_MS), resolve, reject, signal };
      if (this.real) {
        const handle = setTimeout(() => { cleanup(); resolve(); }, ms);
        timer.onAbort = () => { clearTimeout(handle); cleanup(); reject(new AbortedError()); };
      } else {
        this.timers.push(timer);
        timer.onAbort = () => {
          const index = this.timers.indexOf(timer);
          if (index >= 0) this.timers.splice(index, 1);
          cleanup();
          reject(new AbortedError());
        };
        this.scheduleAdvance();
      }
      const cleanup = () => signal?.removeEventListener('abort', timer.onAbort!);
      signal?.addEventListener('abort', timer.onAbort!, { once: true });
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
      timer.signal?.removeEventListener('abort', timer.onAbort!);
      timer.resolve();
      this.scheduleAdvance();
    });
  }
}
