// Telling the backend the worker is still here: keyboard and pointer input in the window counts as
// activity for the idle lock (measured in Rust). At most one report every half minute, and the last
// input of a burst is always reported (at the end of its half minute), so the backend never thinks
// the worker left earlier than they did.

/** The longest gap between two activity reports while the worker keeps typing or pointing. */
export const ACTIVITY_REPORT_MS = 30_000;

export class ActivityReporter {
  readonly #send: () => void;
  readonly #intervalMs: number;
  #lastSent = -Infinity;
  #pending: ReturnType<typeof setTimeout> | undefined;

  constructor(send: () => void, intervalMs = ACTIVITY_REPORT_MS) {
    this.#send = send;
    this.#intervalMs = intervalMs;
  }

  /** Call on each input event; sends now, or once at the end of the current interval. */
  input = (): void => {
    const now = Date.now();
    if (now - this.#lastSent >= this.#intervalMs) {
      this.#fire(now);
    } else if (this.#pending === undefined) {
      this.#pending = setTimeout(() => this.#fire(Date.now()), this.#lastSent + this.#intervalMs - now);
    }
  };

  /** Drops a pending report (on lock: there is nothing to keep open). */
  stop(): void {
    clearTimeout(this.#pending);
    this.#pending = undefined;
  }

  #fire(now: number): void {
    this.stop();
    this.#lastSent = now;
    this.#send();
  }
}
