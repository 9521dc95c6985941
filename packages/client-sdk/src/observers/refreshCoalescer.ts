import type { TableRefreshPayload } from '@opwire/protocol';

/** Timer functions, injectable for tests. */
export interface CoalescerTimers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: CoalescerTimers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Turns many table refreshes into few refetches. Internal. */
export interface RefreshCoalescer {
  push(payload: TableRefreshPayload): void;
  stop(): void;
}

/**
 * Coalesces refreshes: the first one waits `waitMs` for others to join it,
 * then `refetch` runs once with all of them. While a refetch is in flight
 * (its promise pending) nothing else starts; refreshes that arrive meanwhile
 * are gathered into exactly one more refetch after it. A throwing or
 * rejecting refetch is passed to `onError` and does not stop later ones.
 * Internal.
 */
export function createRefreshCoalescer(options: {
  waitMs: number;
  refetch: (refreshes: readonly TableRefreshPayload[]) => unknown;
  onError: (error: unknown) => void;
  timers?: CoalescerTimers;
}): RefreshCoalescer {
  const { waitMs, refetch, onError, timers = realTimers } = options;
  let pending: TableRefreshPayload[] = [];
  let timer: unknown;
  let waiting = false;
  let inFlight = false;
  let stopped = false;

  function schedule(): void {
    if (waiting || inFlight || stopped || pending.length === 0) return;
    waiting = true;
    timer = timers.set(fire, waitMs);
  }

  function fire(): void {
    waiting = false;
    if (stopped || pending.length === 0) return;
    const refreshes = pending;
    pending = [];
    inFlight = true;
    let outcome: unknown;
    try {
      outcome = refetch(refreshes);
    } catch (error) {
      onError(error);
    }
    Promise.resolve(outcome)
      .catch(onError)
      .finally(() => {
        inFlight = false;
        schedule();
      });
  }

  return {
    push(payload) {
      if (stopped) return;
      pending.push(payload);
      schedule();
    },
    stop() {
      stopped = true;
      pending = [];
      if (waiting) timers.clear(timer);
      waiting = false;
    },
  };
}
