import type { Timers } from '../../operations/progressCoalescer.js';

/** A clock and timers moved by hand: time passes only through `advance` and `advanceTo`. */
export function manualTimers(start = 0) {
  let now = start;
  const pending = new Map<number, { at: number; callback: () => void }>();
  let nextId = 1;
  const timers: Timers = {
    now: () => now,
    setTimeout(callback, ms) {
      const id = nextId++;
      pending.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
  };
  const advanceTo = (time: number) => {
    now = time;
    for (const [id, timer] of [...pending]) {
      if (timer.at <= now) {
        pending.delete(id);
        timer.callback();
      }
    }
  };
  return {
    timers,
    advanceTo,
    advance: (ms: number) => advanceTo(now + ms),
    pendingCount: () => pending.size,
  };
}
