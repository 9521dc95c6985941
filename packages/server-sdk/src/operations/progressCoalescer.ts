/** Timer functions, injectable so coalescing can be tested without waiting. */
export interface Timers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** One progress update; later updates overwrite the fields they set. */
export interface ProgressUpdate {
  percent?: number;
  message?: string;
  details?: unknown;
}

/**
 * Lets at most one progress update through per interval. The first update
 * after a quiet interval goes out at once; later ones merge into a pending
 * update (the latest value of each field wins) that goes out when the
 * interval ends. `flush()` sends the pending update now, so a stage change or
 * a terminal event never overtakes or loses the last progress.
 */
export class ProgressCoalescer {
  readonly #intervalMs: number;
  readonly #send: (update: ProgressUpdate) => void;
  readonly #timers: Timers;
  #pending: ProgressUpdate | undefined;
  #lastSentAt = Number.NEGATIVE_INFINITY;
  #timer: unknown;

  constructor(
    intervalMs: number,
    send: (update: ProgressUpdate) => void,
    timers: Timers = realTimers,
  ) {
    this.#intervalMs = intervalMs;
    this.#send = send;
    this.#timers = timers;
  }

  push(update: ProgressUpdate): void {
    if (this.#pending === undefined) this.#pending = { ...update };
    else {
      if (update.percent !== undefined) this.#pending.percent = update.percent;
      if (update.message !== undefined) this.#pending.message = update.message;
      if (update.details !== undefined) this.#pending.details = update.details;
    }
    if (this.#timer !== undefined) return;
    const wait = this.#lastSentAt + this.#intervalMs - this.#timers.now();
    if (wait <= 0) this.flush();
    else this.#timer = this.#timers.setTimeout(() => this.#onTimer(), wait);
  }

  /** Sends the pending update, if any, right now. */
  flush(): void {
    this.#cancelTimer();
    const pending = this.#pending;
    if (pending === undefined) return;
    this.#pending = undefined;
    this.#lastSentAt = this.#timers.now();
    this.#send(pending);
  }

  /** Drops the pending update and the timer. */
  dispose(): void {
    this.#cancelTimer();
    this.#pending = undefined;
  }

  #onTimer(): void {
    this.#timer = undefined;
    this.flush();
  }

  #cancelTimer(): void {
    if (this.#timer === undefined) return;
    this.#timers.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
